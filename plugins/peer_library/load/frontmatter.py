"""Reading one Markdown file's front matter: python-frontmatter splits it from the body, and PyYAML's
safe loader reads it, recording the line of every key and list item."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import frontmatter as pyfrontmatter
import yaml
from frontmatter.default_handlers import YAMLHandler

MAX_BYTES = 5_000_000


def _timestamp(loader: Any, node: yaml.Node) -> Any:
    """A date, except that an impossible one stays text for the schema to report."""
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)  # type: ignore[arg-type]
    except ValueError:
        return loader.construct_scalar(node)


# PyYAML's safe loader, on libyaml's parser where PyYAML was built with it (ten times faster; the
# same safe constructors either way).
_SafeLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_SafeLoader):  # type: ignore[misc]
    """The safe loader with lenient dates and YAML 1.2 booleans."""


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


def _yaml12_booleans(loader: Any) -> None:
    """YAML 1.1 reads yes/no/on/off as true/false, so `reviewed: {on: ...}` lost its key and
    `title: No` became False. Only true and false are booleans here, as in YAML 1.2."""
    loader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    loader.add_implicit_resolver(
        "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
    )


_yaml12_booleans(_Loader)


class FrontMatterError(Exception):
    """A file whose front matter cannot be read; carries the 1-based line of the fault."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass
class Parsed:
    data: dict[str, Any]
    body: str
    body_line: int
    lines: dict[str, int] = field(default_factory=dict)
    front: list[str] = field(default_factory=list)  # the file's rows up to the closing '---'


def decode(raw: bytes) -> str:
    """Bytes to text: UTF-8 (a BOM is dropped), newlines normalised to \\n."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FrontMatterError(1, "the file is saved as UTF-16; save it as UTF-8")
    if b"\x00" in raw[:8000]:
        raise FrontMatterError(1, "this is a binary file, not a Markdown text file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise FrontMatterError(line, f"not valid UTF-8 text (byte {exc.start}); save the file as UTF-8") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


class _EntryHandler(YAMLHandler):
    """python-frontmatter's YAML handler, made exact for entries: the front matter ends at the first
    later line that is '---' or '...' alone (the stock boundary pattern can swallow blank lines and
    so move every line number after them), and ``load_yaml`` reads it, keeping each key's line."""

    def __init__(self) -> None:
        self.close = 0  # the row of the closing line
        self.lines: dict[str, int] = {}
        self.data: Any = None

    def split(self, text: str) -> tuple[str, str]:
        rows = text.split("\n")
        close = next((i for i in range(1, len(rows)) if rows[i].rstrip() in ("---", "...")), None)
        if rows[0].rstrip() != "---" or close is None:
            raise ValueError("no front matter")  # parse() reports why, with its line
        self.close = close
        return "\n".join(rows[1:close]), "\n".join(rows[close + 1 :])

    def load(self, fm: str, **kwargs: object) -> Any:
        self.data, self.lines = load_yaml(fm, first_line=2)
        return self.data


def parse(text: str) -> Parsed:
    """Split front matter from body and load it as safe YAML, mapping keys to their lines."""
    if not text.strip():
        raise FrontMatterError(1, "the file is empty; an entry starts with front matter between '---' lines")
    rows = text.split("\n")
    if not text.startswith("---"):
        raise FrontMatterError(1, "missing front matter: the file must start with a '---' line")
    if rows[0].rstrip() != "---":
        raise FrontMatterError(1, "missing front matter: the file must start with a '---' line alone")
    handler = _EntryHandler()
    try:
        pyfrontmatter.parse(text, handler=handler)
    except FrontMatterError as exc:
        raise _unclosed(rows, exc) or exc from None
    if not handler.close:
        raise FrontMatterError(1, "front matter is not closed: add a '---' line after the last field")
    if not isinstance(handler.data, dict):
        kind = "empty" if handler.data is None else type(handler.data).__name__
        raise FrontMatterError(2, f"front matter must be a mapping of 'field: value' lines, not {kind}")
    # python-frontmatter strips the body; an entry keeps it exactly as written, so that each body
    # line is where the file has it.
    close = handler.close
    body = "\n".join(rows[close + 1 :])
    return Parsed(data=handler.data, body=body, body_line=close + 2, lines=handler.lines, front=rows[: close + 1])


BODY_HEADING = re.compile(r"#{2,6} \S")  # "## What it is"; a YAML comment rarely starts "## "
FIELD = re.compile(r"[A-Za-z_][\w-]*:(\s|$)")  # "title: Hope", as front matter writes a field


def _unclosed(rows: list[str], exc: FrontMatterError) -> FrontMatterError | None:
    """When front matter without its closing '---' ran on into the body (up to a '---' rule there)
    and failed there, the line the '---' belongs before: the body's first heading."""
    # A heading followed by a blank line, as the body writes one (not a '## note' among the fields),
    # with no field between it and the fault (else the fault is a field's, and its own message says more)
    heading = next((i for i in range(1, exc.line - 2) if BODY_HEADING.match(rows[i]) and not rows[i + 1].strip()), None)
    if heading is None or not exc.message.startswith("YAML syntax error"):
        return None
    if any(FIELD.match(row) for row in rows[heading + 1 : exc.line]):
        return None
    return FrontMatterError(heading + 1, "front matter is not closed: add a '---' line before this heading")


def load_yaml(text: str, first_line: int = 1, loader: Any = _Loader) -> tuple[Any, dict[str, int]]:
    """Safe-load one YAML document; refuse anchors/aliases; return (data, {dotted key: line})."""
    _check_flow_depth(text, first_line)
    rows = text.split("\n")
    try:
        if "&" in text or "*" in text:  # no anchor or alias without one (the usual case: no second scan)
            _refuse_anchors(text, first_line, loader)
        return _load(loader(text), rows, first_line)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        # libyaml puts a fault found at the end of the text on a line after it; no file has that line
        line = min(mark.line if mark else 0, text.count("\n")) + first_line
        what = " ".join(filter(None, [exc.context, exc.problem]))
        raise FrontMatterError(line, f"YAML syntax error: {what}{_hint(what, rows[line - first_line])}") from None
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + first_line
        raise FrontMatterError(line, f"character {exc.character!r} is not allowed in YAML; delete it") from None
    except yaml.YAMLError as exc:
        raise FrontMatterError(first_line, f"YAML error: {exc}") from None
    except RecursionError:
        raise FrontMatterError(first_line, "YAML is nested too deeply") from None


# What a person who does not know YAML can do about its commonest faults, by the words of its message.
QUOTE_IT = "put the whole value in quotes"
QUOTED = ('"', "'", "[", "{")  # a value YAML reads as quoted text, a list or a mapping
NOT_TEXT = re.compile(r"[-+]?\d+(\.\d+)?|\d{4}-\d\d-\d\d|true|false|yes|no", re.IGNORECASE)
HINTS = {
    "mapping values are not allowed": f'a value with ": " in it: {QUOTE_IT}, as in title: "Hope: a story"',
    "did not find expected key": f'a value that starts with a quote or [: {QUOTE_IT}, as in title: "[Draft] Hope"',
    "while scanning an alias": f'a value that starts with *: {QUOTE_IT}, as in title: "*Hope* in practice"',
    "while scanning an anchor": f'a value that starts with &: {QUOTE_IT}, as in title: "& more"',
    "cannot start any token": f'a value that starts with @ or `: {QUOTE_IT}, as in title: "@Hope"',
}


def _hint(what: str, row: str) -> str:
    """Plain words after a YAML syntax error, for the line it is on."""
    if "\t" in row and "cannot start any token" in what:
        return " (a tab: indent YAML with spaces)"  # libyaml does not name the character
    field = FIELD.match(row.lstrip())
    if "did not find expected key" in what and field and not row.lstrip()[field.end() :].lstrip().startswith(QUOTED):
        return "; if this field belongs with the ones above it, indent it as they are"  # " year:" under "  title:"
    return next((f"; if it is {hint}" for words, hint in HINTS.items() if words in what), "")


def _refuse_anchors(text: str, first_line: int, loader: Any) -> None:
    for token in yaml.scan(text, Loader=loader):  # anchors and aliases can multiply a file's size
        if isinstance(token, (yaml.AliasToken, yaml.AnchorToken)):
            raise FrontMatterError(
                token.start_mark.line + first_line, "YAML anchors and aliases (& and *) are not allowed here"
            )


def _load(loader: Any, rows: list[str], first_line: int) -> tuple[Any, dict[str, int]]:
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    lines = _Lines(rows, first_line)
    if node is not None:
        lines.walk(node)
    return data, lines.found


MAX_FLOW_DEPTH = 50


def _check_flow_depth(text: str, first_line: int) -> None:
    """Refuse deeply nested [ ] and { } before PyYAML's scanner, which slows quadratically with depth."""
    if text.count("[") + text.count("{") <= MAX_FLOW_DEPTH:
        return  # too few brackets to nest too deeply: the usual case, without a loop over every character
    depth = 0
    for line_no, row in enumerate(text.split("\n")):
        for ch in row:
            if ch in "[{":
                depth += 1
                if depth > MAX_FLOW_DEPTH:
                    raise FrontMatterError(line_no + first_line, "YAML is nested too deeply")
            elif ch in "]}":
                depth = max(0, depth - 1)


# A comment starts at a '#' after a space, so an unquoted "Compassion #1 value" is read as "Compassion".
# After a value, "# words" (a space after the '#') is taken for a comment, as the entry template writes them.
VALUE_LOST_TO_COMMENT = re.compile(r"[ \t]+#\S")


@dataclass
class _Lines:
    """The line of every key and list item of one YAML document, found by walking its nodes, which also
    refuses what YAML would silently drop: a key written twice, a value cut short by a '#'."""

    rows: list[str]
    first: int
    found: dict[str, int] = field(default_factory=dict)

    def walk(self, node: yaml.Node, prefix: str = "", depth: int = 0) -> None:
        if depth > 6:  # deeper than any field goes; the schema reports the wrong type
            return
        dot = f"{prefix}." if prefix else ""
        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for key, value in node.value:
                name = f"{dot}{key.value}" if isinstance(key, yaml.ScalarNode) else dot
                line = key.start_mark.line + self.first
                if name in seen:  # YAML would keep the last one silently
                    raise FrontMatterError(line, f"'{name}' is written twice (first on line {self.found[name]}); keep one")
                seen.add(name)
                self.found.setdefault(name, line)
                self.walk(value, name, depth + 1)
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                self.found.setdefault(f"{dot}{i}", item.start_mark.line + self.first)
                self.walk(item, f"{dot}{i}", depth + 1)
        elif isinstance(node, yaml.ScalarNode) and not node.style and node.value and prefix:
            self.refuse_cut_value(node, prefix)

    def refuse_cut_value(self, node: yaml.ScalarNode, field: str) -> None:
        """An unquoted value a '#' cut short: YAML read the rest of its line as a comment."""
        row = self.rows[node.end_mark.line] if node.end_mark.line < len(self.rows) else ""
        rest = row[node.end_mark.column :]
        if match := VALUE_LOST_TO_COMMENT.match(rest):
            lost = rest[match.end() - 2 :].strip()
            if NOT_TEXT.fullmatch(node.value):  # a year or a date: quoted, it would be text, and wrong
                fix = "delete it, or put a space after the # to keep it as a comment"
            else:
                fix = f'put the whole value in quotes, "{node.value} {lost}" (for a comment, put a space after the #)'
            message = f"'{lost}' is read as a comment and left out of {field.split('.')[0]}: {fix}"
            raise FrontMatterError(node.end_mark.line + self.first, message)
