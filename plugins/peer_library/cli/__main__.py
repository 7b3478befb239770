"""``python -m peer_library.cli``: the same as the ``peer-library`` command."""

from __future__ import annotations

from peer_library.cli.commands import run

run()
