"""Keep script out of pages: raw HTML in entry bodies becomes text, and unsafe URLs and event
attributes are removed from whatever Markdown renders.

The policy, in two steps that do not depend on each other's correctness:

1. ``escape_raw_html(body)``: every ``<`` in an entry body becomes ``&lt;`` before Markdown sees it,
   except in ``<https://...>``/``<mailto:...>`` autolinks. Markdown then cannot produce raw HTML from
   a body at all; no guessing of where Markdown thinks code starts. The price: a ``<`` inside a code
   block of an entry shows as ``&lt;``. Entries are prose, and the check warns about raw HTML.
2. ``SafeMarkdown``: a Markdown extension whose tree processor runs last and removes ``on*``
   attributes (``attr_list`` accepts any attribute) and any URL attribute whose scheme, after entity
   decoding and dropping whitespace and control characters as browsers do, is javascript:, vbscript:
   or data:. It sees only what Markdown built, never raw HTML the templates write.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from typing import Any

from markdown import Markdown, util
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from peer_library.load.body_checks import KEPT

UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:")
URL_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "poster", "background", "cite", "xlink:href"}
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")
_PLACEHOLDER = re.compile(f"{util.STX}(\\d+){util.ETX}")


def escape_raw_html(body: str) -> str:
    """The body with every '<' outside safe autolinks and comments escaped: Markdown passes no raw HTML."""
    out: list[str] = []
    last = 0
    for m in KEPT.finditer(body):
        out.append(body[last : m.start()].replace("<", "&lt;"))
        out.append(m.group(0))
        last = m.end()
    out.append(body[last:].replace("<", "&lt;"))
    return "".join(out)


def is_unsafe_url(value: str) -> bool:
    """True for a javascript:, vbscript: or data: URL however it is disguised."""
    value = _PLACEHOLDER.sub(lambda m: chr(int(m.group(1))), value.replace(util.AMP_SUBSTITUTE, "&"))
    for _ in range(3):  # '&amp;#106;' decodes in two steps; the browser does one, we do a few
        decoded = html.unescape(value)
        if decoded == value:
            break
        value = decoded
    return _INVISIBLE.sub("", value).lower().startswith(UNSAFE_SCHEMES)


class _SafeTree(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for elem in root.iter():
            for name, value in list(elem.items()):
                key = name.lower()
                if key.startswith("on") or (key in URL_ATTRIBUTES and value is not None and is_unsafe_url(value)):
                    del elem.attrib[name]


class SafeMarkdown(Extension):
    """Removes event attributes and script/data URLs from everything Markdown renders."""

    def extendMarkdown(self, md: Markdown) -> None:
        # Priority below every built-in (MkDocs' link rewriting and unescaping run at 0): run last.
        md.treeprocessors.register(_SafeTree(md), "peer_library_safe", -100)


NEEDED_EXTENSIONS = ("attr_list", "md_in_html", "toc")  # what generated pages and safe rendering rely on


def missing_extensions(configured: list[Any]) -> list[Any]:
    """The Markdown extensions the library's pages need that ``configured`` lacks, SafeMarkdown last
    (it keeps script URLs and event attributes out of whatever Markdown renders)."""
    missing: list[Any] = [ext for ext in NEEDED_EXTENSIONS if ext not in configured]
    return missing + ([] if any(isinstance(ext, SafeMarkdown) for ext in configured) else [SafeMarkdown()])
