"""How dates are written for readers. Apart from ``render`` so that checking the library (which
reports due dates) does not import Jinja."""

from __future__ import annotations

import datetime as dt


def long_date(value: dt.date | None) -> str:
    """'12 December 2026' (no leading zero), as Australians and New Zealanders write it."""
    return f"{value.day} {value:%B %Y}" if value else ""
