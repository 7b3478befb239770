"""``python -m benchlib``: the same as ``scripts/bench``."""

from __future__ import annotations

import sys

from .cli import main

sys.exit(main())
