"""Peer Library: a library of consumer-perspective mental health and addiction resources.

The core modules (vocab, model, schema, frontmatter, load, links, pages, ...) know nothing of
MkDocs; ``mkdocs_plugin`` is the only adapter to it.
"""

from __future__ import annotations

__version__ = "0.1.0"
