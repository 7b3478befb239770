"""The ``peer-library`` command: an adapter, like the MkDocs plugin, over the core.

``commands`` holds check, new and schema; ``circulation`` the librarian's loan commands; ``scaffold``
the new-entry file.
"""

from __future__ import annotations

from .commands import main, run

__all__ = ["main", "run"]
