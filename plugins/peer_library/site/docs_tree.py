"""The site as a folder of Markdown files, for an engine that renders Markdown but runs no plugin
(Zensical): each generated page as one file with front matter, its generated HTML around its
Markdown, plus the bundled stylesheet and script.

Python-Markdown (which such engines use) passes block-level HTML through untouched, but takes
everything up to an open element's end tag as HTML: an element the Markdown sits inside (an entry's
``<div class="pl-body">``) gets ``markdown="1"`` (the md_in_html extension) so its content is
converted. Links in the HTML must be made with ``Options(links_from_source=True)``.
"""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser

import yaml

from .assets import bundles
from .build import Site
from .page import DUMPER, Page

# Tags that never have an end tag, so are never left open.
VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())

# The stand-in page in docs/ that every build of the library replaces (the catalogue's source
# file). A site that still has it was built without the library's pages: an engine dropped the
# plugin, or the config left it out. The marker below is what finds it in a built site.
PLACEHOLDER_URI = "library.md"
PLACEHOLDER_MARK = "data-peer-library-placeholder"


class _OpenTags(HTMLParser):
    """Where each start tag still open at the end of a fragment is (offset of its closing '>')."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self.starts = [0]
        for line in text.splitlines(keepends=True):
            self.starts.append(self.starts[-1] + len(line))
        self.open: list[tuple[str, int]] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID:
            line, col = self.getpos()
            at = self.starts[line - 1] + col
            self.open.append((tag, self.text.index(">", at)))

    def handle_endtag(self, tag: str) -> None:
        while self.open and self.open.pop()[0] != tag:
            pass


def with_markdown_inside(before: str) -> str:
    """``before`` with ``markdown="1"`` on each element it leaves open (the Markdown goes inside)."""
    for _, end in reversed(_OpenTags(before).open):
        slash = 1 if before[end - 1] == "/" else 0
        before = f'{before[: end - slash]} markdown="1"{before[end - slash :]}'
    return before


def page_document(page: Page) -> str:
    """One generated page as a Markdown file: front matter, the HTML before, the Markdown, the HTML after."""
    if not page.template:
        return page.document()
    before, after = page.render_html()
    head = yaml.dump(dict(page.meta), Dumper=DUMPER, sort_keys=True, allow_unicode=True, width=10_000)
    return f"---\n{head}---\n\n{with_markdown_inside(before)}\n\n{page.markdown}\n\n{after}\n"


def docs_tree(site: Site) -> Iterator[tuple[str, str]]:
    """Every file the library adds to a docs folder, by path in it: its pages (which replace the
    placeholder) and the bundled assets. Made one at a time, so a large library is never all in memory."""
    if not site.options.links_from_source:
        raise ValueError("docs_tree needs a site built with Options(links_from_source=True)")  # a bug, not content
    for uri, page in site.pages.items():
        yield uri, page_document(page)
    yield from bundles().items()
