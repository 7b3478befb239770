"""The bench's fast-path mode switches each fast path off alone and reports what it saves."""

from __future__ import annotations

from benchlib.fast_paths import Gain, table


def test_the_table_applies_the_five_percent_rule() -> None:
    text = table([Gain("background", "full build", 40.0, 50.0), Gain("shared-nav", "full build", 49.0, 50.0)], "About.")
    rows = [line for line in text.splitlines() if line.startswith("| `")]
    assert rows == [
        "| `background` | full build | 40.0 s | 50.0 s | 20% | yes |",
        "| `shared-nav` | full build | 49.0 s | 50.0 s | 2% | **no** |",
    ]
