"""Raw HTML in bodies becomes text; script and data URLs and event attributes never leave Markdown."""

from __future__ import annotations

import time

import markdown
import pytest

from peer_library.load.body_checks import check_body
from peer_library.model.links import heading_ids
from peer_library.site.sanitize import SafeMarkdown, escape_raw_html, is_unsafe_url

EXTENSIONS = ["attr_list", "md_in_html", "def_list", "tables", "toc", "pymdownx.superfences"]


def render(body: str) -> str:
    return markdown.markdown(escape_raw_html(body), extensions=[*EXTENSIONS, SafeMarkdown()])


@pytest.mark.parametrize(
    "body",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "text <b onmouseover=alert(1)>x</b> text",
        "<div markdown>\n<script>alert(1)</script>\n</div>",
        "<!-- --><script>alert(1)</script>",
        "<!-- a --!><script>alert(1)</script> -->",
        "<!--><script>alert(1)</script>-->",
        "<!-- <script>alert(1)</script> -->",
        "<svg><script>alert(1)</script></svg>",
        "<iframe src='javascript:alert(1)'></iframe>",
        "- item\n\n    <script>alert(1)</script>",
        "```\n<script>alert(1)</script>",  # an unclosed fence is not code
        "\\`<script>alert(1)</script>\\`",  # escaped backticks are not a code span
    ],
)
def test_raw_html_in_a_body_is_text(body: str) -> None:
    out = render(body)
    assert "<script" not in out and "<img" not in out and "<iframe" not in out and "<b " not in out


@pytest.mark.parametrize("comment", ["<!-- language: ok -->", "<!--\nan editor's note\n-->"])
def test_plain_comments_stay_comments_and_raise_no_warning(comment: str) -> None:
    body = f"Some text. {comment}\n"
    assert "&lt;!--" not in escape_raw_html(body)
    assert "&lt;!--" not in render(body)  # not shown to readers as text
    assert check_body(body) == []


@pytest.mark.parametrize(
    "body",
    [
        "[x](javascript:alert(1))",
        "[x](JavaScript:alert(1))",
        "[x]( javascript:alert(1) )",
        "[x](java\tscript:alert(1))",
        "[x](&#106;avascript:alert(1))",
        "[x](&#x6A;avascript:alert(1))",
        "[x](vbscript:msgbox(1))",
        "![i](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)",
        "[x](data:text/html,<script>alert(1)</script>)",
        "[x][r]\n\n[r]: javascript:alert(1)",
        "[x](https://example.org){href='javascript:alert(1)'}",
    ],
)
def test_script_and_data_urls_are_removed(body: str) -> None:
    out = render(body)
    assert "javascript" not in out.lower().replace("&#106;", "j") and "data:" not in out and "vbscript" not in out


@pytest.mark.parametrize(
    "body", ["# Heading {onclick='alert(1)'}", "Para\n{: onmouseover=alert(1) }", "[x](#){onfocus=alert(1)}"]
)
def test_event_attributes_from_attr_list_are_removed(body: str) -> None:
    assert " on" not in render(body).replace("<p>Para", "")


@pytest.mark.parametrize(
    ("body", "href"),
    [
        ("[x](https://example.org/a?b=1&c=2)", "https://example.org/a?b=1&amp;c=2"),
        ("[x](mailto:librarian@example.org)", "mailto:librarian@example.org"),
        ("[x](../hope/#where)", "../hope/#where"),
        ("<https://example.org>", "https://example.org"),
    ],
)
def test_ordinary_links_are_kept(body: str, href: str) -> None:
    assert f'href="{href}"' in render(body)


def test_less_than_in_prose_reads_naturally() -> None:
    assert render("Fewer than 5 < 6 people") == "<p>Fewer than 5 &lt; 6 people</p>"


@pytest.mark.parametrize(
    ("url", "unsafe"),
    [
        ("javascript:x", True),
        (" \x01JAVASCRIPT:x", True),
        ("&amp;#106;avascript:x", True),
        ("data:,x", True),
        ("https://example.org/javascript:", False),
        ("notes/javascript.md", False),
    ],
)
def test_unsafe_url_detection(url: str, unsafe: bool) -> None:
    assert is_unsafe_url(url) is unsafe


# (body, 0-based line, start of the message, severity) for each limit the body check enforces
LIMITS = [
    ("\n".join("    " * i + "- x" for i in range(30)), 24, "Markdown nested more than 24 levels", "error"),
    ("- " * 40 + "x", 0, "Markdown nested more than 24 levels", "error"),
    (">" * 30 + " x", 0, "Markdown nested more than 24 levels", "error"),
    ("1. " * 30 + "x", 0, "Markdown nested more than 24 levels", "error"),
    ("intro\n\n" + "term\n: definition\n" * 101, 203, "more than 100 definitions in one block", "error"),
    ("[[" * 1001, 0, "the body has 2002 '[' characters", "error"),
    ("ok\n<script>alert(1)</script>", 1, "raw HTML is shown as plain text", "warning"),
    ("[x](javascript:alert(1))", 0, "links to javascript:, vbscript: or data: addresses are removed", "warning"),
]


@pytest.mark.parametrize(("body", "line", "message", "severity"), LIMITS)
def test_body_limits(body: str, line: int, message: str, severity: str) -> None:
    found = check_body(body)
    assert [(i, m[: len(message)], s) for i, m, s in found] == [(line, message, severity)]


@pytest.mark.parametrize(
    "body",
    [
        "\n".join("    " * i + "- x" for i in range(20)),
        "term\n: definition\n\n" * 500,
        "See [a](b) and [[c]]. " * 300,
        "<https://example.org> and `<b>` in code\n\n```html\n<p>hi</p>\n```",
        "* * *\n\n- - -",
    ],
)
def test_ordinary_bodies_pass(body: str) -> None:
    assert check_body(body) == []


def test_heading_ids_stay_linear_on_long_lines() -> None:
    start = time.perf_counter()
    heading_ids("# a" + " " * 100_000 + "b\n## C# ##\n#\n")
    assert time.perf_counter() - start < 1
    assert heading_ids("## C# ##\n# Where hope comes from #\n") == {"c", "where-hope-comes-from"}
