"""One case per validation rule: the message and the line it is reported on."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from peer_library.load.library import load_library
from tests.helpers import entry_text, make_library

# (files under library/, expected problem text, exactly as printed)
CASES: list[tuple[str, dict[str, str | bytes], str]] = [
    ("empty file", {"a.md": ""}, "library/a.md:1: the file is empty"),
    ("no front matter", {"a.md": "# Hope\n"}, "library/a.md:1: missing front matter"),
    ("unclosed", {"a.md": "---\nid: hope\n"}, "library/a.md:1: front matter is not closed"),
    ("yaml syntax", {"a.md": "---\nid: hope\ntitle: [unclosed\n---\n"}, "library/a.md:3: YAML syntax error"),
    ("yaml syntax line", {"a.md": "---\nid: hope\ntitle: a: b\n---\n"}, "library/a.md:3: YAML syntax error"),
    (
        "unclosed, with a --- rule in the body",
        {"a.md": "---\nid: hope\ntitle: Hope\n\n## What it is\n\nHope is: many things.\nAnd more\n\n---\n\nMore.\n"},
        "library/a.md:5: front matter is not closed: add a '---' line before this heading",
    ),
    (
        "a heading among the fields, and a fault in a field after it",
        {"a.md": "---\nid: hope\n## Optional fields\n\ntitle: Hope: a story\n---\nBody.\n"},
        "library/a.md:5: YAML syntax error: mapping values are not allowed in this context; if it is a value with",
    ),
    ("not a mapping", {"a.md": "---\n- a\n- b\n---\n"}, "library/a.md:2: front matter must be a mapping"),
    ("alias bomb", {"a.md": "---\na: &x [1]\nb: [*x, *x]\n---\n"}, "library/a.md:2: YAML anchors and aliases"),
    (
        "missing title",
        {"a.md": "---\nid: hope\ntype: value\nsummary: s\ntopics: [recovery]\n---\n"},
        "library/a.md:2: title: required field is missing",
    ),
    ("wrong type", {"a.md": entry_text("year: soon\n")}, "library/a.md:7: year: must be a whole number, not text"),
    ("list expected", {"a.md": entry_text("audience: staff\n")}, "library/a.md:7: audience: must be a list, not text"),
    (
        "unknown field",
        {"a.md": entry_text("topcs: [x]\n")},
        "library/a.md:7: topcs: unknown field 'topcs'; did you mean 'topics'?; it is ignored (warning)",
    ),
    (
        "bad id",
        {"a.md": entry_text().replace("id: hope", "id: Hope Now")},
        "library/a.md:2: id: 'Hope Now' is not a valid id: use lowercase letters, digits and hyphens; try 'hope-now'",
    ),
    (
        "duplicate id",
        {"a.md": entry_text(), "b/b.md": entry_text()},
        "library/b/b.md:2: id: duplicate id 'hope': library/a.md already uses it as its id",
    ),
    (
        "markdown file not named .md",
        {"values/kindness.markdown": entry_text()},
        "library/values/kindness.markdown:1: is not read: an entry's file name ends in .md; rename it to kindness.md",
    ),
    (
        "markdown file at the top of library/",
        {"kindness.MD": entry_text()},
        "library/kindness.MD:1: is not read: an entry's file name ends in .md; rename it to kindness.md",
    ),
    (
        "entry in a folder that holds no entries",
        {"style/kindness.md": entry_text()},
        "library/style/kindness.md:1: is not read: library/style/ holds no entries; move it to a type folder",
    ),
    (
        "duplicate id, on the file that had it first",
        {"a.md": entry_text(), "b/b.md": entry_text()},
        "library/a.md:2: id: duplicate id 'hope': library/b/b.md uses it too",
    ),
    (
        "duplicate id in an entry with an unknown type",
        {"a.md": entry_text(), "b.md": entry_text(type="vaule")},
        "library/b.md:2: id: duplicate id 'hope': library/a.md already uses it as its id",
    ),
    (
        "wiki link split over two lines",
        {"a.md": entry_text(body="See [[hope|the\nhope entry]], or `[[not a link`.\n")},
        "library/a.md:9: body: '[[hope|the' is not closed on this line: write each [[link]] on one line",
    ),
    (
        "duplicate id between two entries with other errors",
        {"a.md": entry_text(type="vaule"), "b.md": entry_text(type="vaule")},
        "library/b.md:2: id: duplicate id 'hope': library/a.md already uses it as its id",
    ),
    (
        "several unclosed links on one line, one long",
        {"a.md": entry_text(body="[[hope|" + "x" * 60 + " [[hope|again\n")},
        "library/a.md:9: body: '[[hope|" + "x" * 33 + "…' is not closed on this line",
    ),
    (
        "a '## note' among the fields is not taken for the body",
        {"a.md": "---\nid: hope\n## note\ntitle: Hope: a story\n---\n"},
        "library/a.md:4: YAML syntax error: mapping values are not allowed in this context; if it is",
    ),
    (
        "alias clashes with id",
        {"a.md": entry_text(), "b.md": entry_text("aliases: [Hope]\n", id="other")},
        "library/b.md:7: aliases: duplicate alias 'Hope': library/a.md already uses it as its id",
    ),
    (
        "unknown type",
        {"a.md": entry_text(type="practise")},
        "library/a.md:4: type: unknown type 'practise'; did you mean 'practice'?",
    ),
    (
        "unknown topic",
        {"a.md": entry_text().replace("[recovery]", "[recovry]")},
        "library/a.md:6: topics: unknown topic 'recovry'; did you mean 'recovery'?",
    ),
    (
        "unknown audience",
        {"a.md": entry_text("audience:\n  - staff\n  - carers\n")},
        "library/a.md:9: audience: unknown audience 'carers'; did you mean 'carer'?",
    ),
    ("unknown format", {"a.md": entry_text("format: podcast\n")}, "library/a.md:7: format: unknown format 'podcast'"),
    (
        "unknown criterion",
        {"a.md": entry_text("criteria: [strengths]\n")},
        "library/a.md:7: criteria: unknown criteria 'strengths'",
    ),
    (
        "unknown domain",
        {"a.md": entry_text("domains:\n  - domain: gcl\n    section: good-practice\n")},
        "library/a.md:8: domains: unknown domain 'gcl'",
    ),
    (
        "unknown domain section",
        {"a.md": entry_text("domains:\n  - domain: gcl\n    section: practice\n")},
        "library/a.md:9: domains: unknown section 'practice'",
    ),
    (
        "related nowhere",
        {"a.md": entry_text("related: [mutuality]\n")},
        "library/a.md:7: related: unknown entry 'mutuality'",
    ),
    (
        "related to an alias",
        {
            "a.md": entry_text("related: [wrap]\n"),
            "b.md": entry_text("aliases: [WRAP]\n", id="wellness-recovery-action-plan"),
        },
        "library/a.md:7: related: unknown entry 'wrap'; 'wrap' is an alias, use the id 'wellness-recovery-action-plan'",
    ),
    (
        "invalid date",
        {"a.md": entry_text("added: 2026-02-30\n")},
        "library/a.md:7: added: invalid date '2026-02-30'; write it as YYYY-MM-DD",
    ),
    (
        "access file missing",
        {"a.md": entry_text("access:\n  file: guide.pdf\n")},
        "library/a.md:8: access: file 'guide.pdf' does not exist in library/files/",
    ),
    (
        "access file outside",
        {"a.md": entry_text("access:\n  file: ../../etc/passwd\n")},
        "library/a.md:8: access: '../../etc/passwd' must be a path inside library/files/, without '..'",
    ),
    (
        "javascript url",
        {"a.md": entry_text("access:\n  url: javascript:alert(1)\n")},
        "library/a.md:8: access: 'javascript:alert(1)' is not a web address",
    ),
    (
        "wiki link nowhere",
        {"a.md": entry_text(body="Intro.\n\nSee [[mutualty]].\n")},
        "library/a.md:11: body: link to unknown entry '[[mutualty]]'",
    ),
    (
        "anchor nowhere",
        {"a.md": entry_text(body="See [[other#nope]].\n"), "b.md": entry_text(id="other", body="## Real heading\n")},
        "library/a.md:9: body: 'other' has no heading '#nope'",
    ),
    (
        "md link to non-entry",
        {"a.md": entry_text(body="See [x](missing.md).\n")},
        "library/a.md:9: body: link to 'missing.md', which is not an entry file",
    ),
    (
        "duplicate copy",
        {"a.md": entry_text("holdings:\n  - copy: c1\n    location: A\n  - copy: c1\n    location: B\n")},
        "library/a.md:10: holdings: duplicate copy id 'c1'",
    ),
    (
        "isbn check digit",
        {"a.md": entry_text("source:\n  title: A book\n  isbn: 978-0-14-044913-7\n")},
        "library/a.md:9: source: '978-0-14-044913-7' is not a valid ISBN (10 or 13 digits with a correct check digit)",
    ),
    (
        "doi form",
        {"a.md": entry_text("source:\n  title: A paper\n  doi: doi.org/10.1037/h0099565\n")},
        "library/a.md:9: source: 'doi.org/10.1037/h0099565' is not a DOI; write it as 10.1234/abcd",
    ),
    (
        "writing without identifier",
        {"a.md": entry_text("source:\n  title: A book\n  year: 1978\n", type="writing")},
        "library/a.md:7: source: a writing needs a public identifier for its work: add source.doi, source.isbn or "
        "source.url",
    ),
    ("not utf-8", {"a.md": b"---\nid: caf\xe9\n---\n"}, "library/a.md:2: not valid UTF-8 text"),
    ("binary", {"a.md": b"\x89PNG\x00\x00\x00"}, "library/a.md:1: this is a binary file"),
]


@pytest.mark.parametrize(
    ("written", "kept"),
    [
        ("978-0-14-044913-6", "9780140449136"),
        ("0 306 40615 2", "0306406152"),
        ("0-8044-2957-X", "080442957X"),
    ],
)
def test_isbn_is_kept_without_separators(tmp_path: Path, written: str, kept: str) -> None:
    lib = write(tmp_path, {"a.md": entry_text(f"source:\n  title: A book\n  isbn: {written}\n")})
    library, problems = load_library(lib, root=tmp_path)
    assert [str(p) for p in problems] == []
    assert library.entries[0].source is not None and library.entries[0].source.isbn == kept


def test_doi_written_as_a_link_is_kept_bare(tmp_path: Path) -> None:
    lib = write(tmp_path, {"a.md": entry_text("source:\n  title: P\n  doi: https://doi.org/10.1037/h0099565\n")})
    library, problems = load_library(lib, root=tmp_path)
    assert problems == [] and library.entries[0].source is not None
    assert library.entries[0].source.doi == "10.1037/h0099565"


def write(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    text = {k: v for k, v in files.items() if isinstance(v, str)}
    lib = make_library(tmp_path, text)
    for k, v in files.items():
        if isinstance(v, bytes):
            (lib / k).write_bytes(v)
    return lib


@pytest.mark.parametrize(("files", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_rule_reports_message_at_line(tmp_path: Path, files: dict[str, str | bytes], expected: str) -> None:
    lib = write(tmp_path, files)
    _, problems = load_library(lib, root=tmp_path)
    shown = [str(p) + (" (warning)" if not p.is_error else "") for p in problems]
    assert any(s.startswith(expected) for s in shown), shown


def test_all_problems_of_a_run_are_reported_together(tmp_path: Path) -> None:
    lib = write(tmp_path, {"a.md": entry_text("year: soon\nformat: podcast\n"), "b.md": "", "c.md": "# no"})
    _, problems = load_library(lib, root=tmp_path)
    assert {(p.path, p.line) for p in problems} == {
        ("library/a.md", 7),
        ("library/a.md", 8),
        ("library/b.md", 1),
        ("library/c.md", 1),
    }


def test_files_that_are_not_entries_are_not_reported(tmp_path: Path) -> None:
    lib = write(tmp_path, {"a.md": entry_text(), "pathways/README.md": "# Pathways", "files/handout.md": "# Handout"})
    (lib / "notes.txt").write_text("a note at the top of library/", encoding="utf-8")
    assert load_library(lib, root=tmp_path)[1] == []


def test_an_unclosed_link_is_reported_once_a_line(tmp_path: Path) -> None:
    lib = write(tmp_path, {"a.md": entry_text(body="[[a [[b [[c\n")})
    assert [p.line for p in load_library(lib, root=tmp_path)[1]] == [9]


def test_a_links_own_brackets_and_a_hidden_comment_are_not_unclosed_links(tmp_path: Path) -> None:
    body = "See [[[hope]]] and [[hope]]. <!-- [[todo: link the WRAP entry --> More.\n\n[[hope]] then [[unclosed\n"
    lib = write(tmp_path, {"a.md": entry_text(body=body)})
    assert [str(p) for p in load_library(lib, root=tmp_path)[1]] == [
        "library/a.md:11: body: '[[unclosed' is not closed on this line: write each [[link]] on one line"
    ]


def test_brackets_in_code_are_not_links(tmp_path: Path) -> None:
    lib = write(tmp_path, {"a.md": entry_text(body="Type `[[` to start a link.\n\n```\n[[unclosed\n```\n")})
    assert load_library(lib, root=tmp_path)[1] == []


def test_valid_entry_has_no_problems(tmp_path: Path) -> None:
    lib = write(tmp_path, {"a.md": entry_text("aliases: [Hope and recovery]\nadded: 2026-01-01\n")})
    library, problems = load_library(lib, root=tmp_path)
    assert problems == []
    assert [e.id for e in library.entries] == ["hope"]


def test_no_entry_disappears_silently(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {
        f"{c[0].replace(' ', '-')}-{i}/{name}": v for i, c in enumerate(CASES) for name, v in c[1].items()
    }
    for name in files:
        (tmp_path / "library" / name).parent.mkdir(parents=True, exist_ok=True)
    lib = write(tmp_path, files)
    library, problems = load_library(lib, root=tmp_path)
    # Every file is either published or named by a problem: nothing vanishes without a message.
    published = {e.path for e in library.entries}
    reported = {p.path for p in problems}
    assert {f"library/{k}" for k in files} <= published | reported


def test_topics_file_problems_are_located(tmp_path: Path) -> None:
    topics = "- id: a\n  label: A\n  description: x\n- id: b\n  label: B\n  broader: zz\n  description: y\n- id: a\n  label: A2\n  description: z\n"
    lib = make_library(tmp_path, {}, topics=topics)
    _, problems = load_library(lib, root=tmp_path)
    assert [str(p) for p in problems] == [
        "library/topics.yml:4: broader: unknown topic 'zz'",
        "library/topics.yml:8: id: duplicate topic id 'a' (first at line 1)",
    ]


def test_links_to_a_renamed_entry_each_get_the_hint_worked_out_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One renamed entry can leave hundreds of links to its old id; difflib over every id is slow."""
    from peer_library.load import schema

    asked: list[str] = []
    real = schema._did_you_mean

    def counted(word: str, choices: list[str]) -> str:
        asked.append(word)
        return real(word, choices)

    monkeypatch.setattr(schema, "_did_you_mean", counted)
    files = {"hope-renamed.md": entry_text(id="hope-renamed")}
    for i in range(5):
        files[f"e{i}.md"] = entry_text("related: [hope-renamd]\n", body="See [[hope-renamd]].\n", id=f"e{i}")
    lib = make_library(tmp_path, files)
    _, problems = load_library(lib, root=tmp_path)
    hinted = [p for p in problems if "did you mean 'hope-renamed'?" in p.message]
    assert len(hinted) == 10  # five related lists and five body links
    assert asked == ["hope-renamd"]


def test_an_unknown_key_in_topics_yml_is_a_warning_not_an_error(tmp_path: Path) -> None:
    topics = "- id: recovery\n  label: Recovery\n  description: Personal recovery.\n  colour: green\n"
    lib = make_library(tmp_path, {"a.md": entry_text()}, topics=topics)
    _, problems = load_library(lib, root=tmp_path)
    assert [(str(p), p.is_error) for p in problems] == [
        ("library/topics.yml:4: colour: unknown field 'colour'; it is ignored", False)
    ]


def test_an_entry_with_an_unknown_type_still_shows_its_other_problems(tmp_path: Path) -> None:
    text = entry_text("related: [nowhere]\n", body="See [[mutualty]].\n", type="writting")
    lib = make_library(tmp_path, {"a.md": text.replace("[recovery]", "[recovry]")})
    library, problems = load_library(lib, root=tmp_path)
    assert [str(p).split(";")[0] for p in problems] == [
        "library/a.md:4: type: unknown type 'writting'",
        "library/a.md:6: topics: unknown topic 'recovry'",
        "library/a.md:7: related: unknown entry 'nowhere'",
        "library/a.md:10: body: link to unknown entry '[[mutualty]]'",
    ]
    assert library.entries == ()  # reported, never published


def test_an_entry_missing_its_title_is_not_a_link_target(tmp_path: Path) -> None:
    files = {"a.md": entry_text().replace("title: Hope\n", ""), "b.md": entry_text(id="b", body="[[hope]]\n")}
    library, problems = load_library(make_library(tmp_path, files), root=tmp_path)
    assert [e.id for e in library.entries] == ["b"]
    assert [str(p) for p in problems] == [
        "library/a.md:2: title: required field is missing",
        "library/b.md:9: body: link to unknown entry '[[hope]]'",
    ]


def test_a_date_after_today_is_a_warning_on_its_line(tmp_path: Path) -> None:
    fields = "added: 2999-01-02\nreviewed: {by: Library team, on: 2999-01-03}\nupdated: 2999-01-04\n"
    files = {"a.md": entry_text(fields), "b.md": entry_text("added: 2020-01-02\n", id="b")}
    library, problems = load_library(make_library(tmp_path, files), root=tmp_path)
    assert [(str(p), p.is_error) for p in problems] == [
        ("library/a.md:7: added: 2999-01-02 is after today (the home page lists the newest additions first); check the year", False),
        ("library/a.md:8: reviewed: 2999-01-03 is after today; check the year", False),
        ("library/a.md:9: updated: 2999-01-04 is after today; check the year", False),
    ]
    assert len(library.entries) == 2  # still published
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()  # today, east of the machine
    files = {"a.md": entry_text(f"added: {tomorrow}\n")}
    assert load_library(make_library(tmp_path / "east", files), root=tmp_path / "east")[1] == []
