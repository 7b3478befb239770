"""The bench's results as Markdown tables, and the section of docs/performance.md they replace."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .measure import Runs, Tree

START = "<!-- bench:start -->"
END = "<!-- bench:end -->"
# The targets, as ratios measured in one run.
MAX_BUILD_RATIO = 1.15
RATIO_FROM = 5000  # the build ratio target applies from this many entries
MAX_GROWTH = 1.1  # (b) at N2 <= 1.1 * N2/N1 * (b) at N1: 11x for 1,000 -> 10,000
MAX_CHECK_SECONDS = 2.0
CHECK_AT = 10_000
MAX_RSS_RATIO = 1.5
MAX_PLUGIN_SHARE = 0.05
MAX_PAGE_BYTES = 150_000  # no generated page over 150 KB of HTML


@dataclass
class Size:
    """Everything measured for one library size."""

    n: int
    plain: Runs = field(default_factory=Runs)
    peer: Runs = field(default_factory=Runs)
    pagefind: Runs = field(default_factory=Runs)
    check: Runs = field(default_factory=Runs)  # with nothing kept from an earlier check
    check_again: Runs = field(default_factory=Runs)  # after editing one entry, with what the first kept
    plain_tree: Tree = field(default_factory=lambda: Tree(0, 0))
    peer_tree: Tree = field(default_factory=lambda: Tree(0, 0))
    index_tree: Tree = field(default_factory=lambda: Tree(0, 0))
    warnings: int = 0
    rebuild: dict[str, Any] = field(default_factory=dict)
    largest_page: tuple[str, int] = ("", 0)  # the biggest HTML page of (b): path in the site, bytes

    @property
    def ratio(self) -> float:
        return self.peer.wall / self.plain.wall if self.plain.runs else math.nan

    @property
    def cpu_ratio(self) -> float:
        return self.peer.cpu / self.plain.cpu if self.plain.runs else math.nan

    @property
    def rss_ratio(self) -> float:
        return self.peer.rss / self.plain.rss if self.plain.rss else math.nan


def n(value: int) -> str:
    return f"{value:,}"


def secs(value: float) -> str:
    return "–" if math.isnan(value) else f"{value:.2f} s" if value < 10 else f"{value:.1f} s"


def mb(value: int) -> str:
    return f"{value / 1_000_000:,.0f} MB" if value >= 10_000_000 else f"{value / 1_000_000:,.1f} MB"


def page(found: tuple[str, int]) -> str:
    path, size = found
    return f"{size / 1000:,.0f} KB (`{path}`)" if size else "–"


def ratio(value: float) -> str:
    return "–" if math.isnan(value) else f"{value:.2f}"


def builds_table(sizes: Sequence[Size]) -> list[str]:
    rows = [
        "| Entries | (a) plain MkDocs | (b) Peer Library | b/a | b/a in CPU time | peak RSS (a) | peak RSS (b) "
        "| RSS b/a | files (a) | files (b) | written (a) | written (b) | largest page (b) | warnings (b) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for s in sizes:
        rows.append(
            f"| {n(s.n)} | {secs(s.plain.wall)} | {secs(s.peer.wall)} | {ratio(s.ratio)} | {ratio(s.cpu_ratio)} "
            f"| {mb(s.plain.rss)} "
            f"| {mb(s.peer.rss)} | {ratio(s.rss_ratio)} | {n(s.plain_tree.files)} | {n(s.peer_tree.files)} "
            f"| {mb(s.plain_tree.bytes)} | {mb(s.peer_tree.bytes)} | {page(s.largest_page)} | {s.warnings} |"
        )
    return rows


def others_table(sizes: Sequence[Size]) -> list[str]:
    rows = [
        "| Entries | (c) Pagefind | Pagefind peak RSS | index files | index size | (d) first check | check peak RSS "
        "| (d) check after editing one entry | (e) serve rebuild | plugin's share of it |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for s in sizes:
        share = s.rebuild.get("share", math.nan)
        rows.append(
            f"| {n(s.n)} | {secs(s.pagefind.wall)} | {mb(s.pagefind.rss)} | {n(s.index_tree.files)} "
            f"| {mb(s.index_tree.bytes)} | {secs(s.check.wall)} ({secs(s.check.cpu)} CPU) | {mb(s.check.rss)} "
            f"| {secs(s.check_again.wall)} ({secs(s.check_again.cpu)} CPU) "
            f"| {secs(s.rebuild.get('rebuild', math.nan))} | {'–' if math.isnan(share) else f'{share:.1%}'} |"
        )
    return rows


def targets(sizes: Sequence[Size]) -> list[tuple[str, str, bool]]:
    """(target, measured, met) for each of the issue's targets these sizes can show."""
    out: list[tuple[str, str, bool]] = []
    for s in sizes:
        if s.n >= RATIO_FROM and s.plain.runs:
            out.append((f"(b)/(a) ≤ {MAX_BUILD_RATIO} at {n(s.n)}", ratio(s.ratio), s.ratio <= MAX_BUILD_RATIO))
    if len(sizes) > 1:
        small, large = sizes[0], sizes[-1]
        limit = MAX_GROWTH * large.n / small.n
        growth = large.peer.wall / small.peer.wall
        out.append((f"(b) at {n(large.n)} ≤ {limit:.0f} × (b) at {n(small.n)}", f"{growth:.1f} ×", growth <= limit))
    largest = sizes[-1]
    at = next((s for s in sizes if s.n >= CHECK_AT), largest)
    for what, runs in (("first check", at.check), ("check after editing one entry", at.check_again)):
        if runs.runs:
            out.append(
                (
                    f"(d) {what} over {n(at.n)} ≤ {MAX_CHECK_SECONDS:.0f} s",
                    secs(runs.wall),
                    runs.wall <= MAX_CHECK_SECONDS,
                )
            )
    out.append(
        (
            f"peak RSS (b) ≤ {MAX_RSS_RATIO} × (a) at {n(largest.n)}",
            ratio(largest.rss_ratio),
            largest.rss_ratio <= MAX_RSS_RATIO,
        )
    )
    path, size = largest.largest_page
    if size:
        out.append(
            (
                f"largest page ≤ {MAX_PAGE_BYTES // 1000} KB at {n(largest.n)}",
                page((path, size)),
                size <= MAX_PAGE_BYTES,
            )
        )
    share = largest.rebuild.get("share")
    if share is not None:
        out.append(
            (f"plugin's share of a serve rebuild ≤ 5% at {n(largest.n)}", f"{share:.1%}", share <= MAX_PLUGIN_SHARE)
        )
    return out


def markdown(sizes: Sequence[Size], about: str) -> str:
    """The whole generated section: how it was measured, two tables, and the targets."""
    lines = [about, "", *builds_table(sizes), "", *others_table(sizes), ""]
    met = targets(sizes)
    if met:
        lines += ["| Target | Measured | Met |", "| --- | ---: | :---: |"]
        lines += [f"| {t} | {m} | {'yes' if ok else '**no**'} |" for t, m, ok in met]
        lines.append("")
    return "\n".join(lines)


def splice(doc: Path, section: str, start: str = START, end: str = END) -> None:
    """Replace what lies between the bench markers in ``doc`` (markers added at the end if missing)."""
    text = doc.read_text(encoding="utf-8") if doc.exists() else ""
    block = f"{start}\n{section.rstrip()}\n{end}"
    if start in text and end in text:
        head, rest = text.split(start, 1)
        text = head + block + rest.split(end, 1)[1]
    else:
        text = f"{text.rstrip()}\n\n{block}\n" if text.strip() else f"{block}\n"
    doc.write_text(text, encoding="utf-8")
