"""The benchmark behind ``scripts/bench``: synthetic libraries, timed builds, and the table the docs show.

Kept out of the ``peer_library`` package: nothing here ships with the plugin.
"""

from __future__ import annotations
