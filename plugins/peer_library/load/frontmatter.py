"""Reading one Markdown file's front matter: safe YAML, with the line of every key and list item."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

MAX_BYTES = 5_000_000


def _timestamp(loader: Any, node: yaml.Node) -> Any:
    """A date, except that an impossible one stays text for the schema to report."""
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)  # type: ignore[arg-type]
    except ValueError:
        return loader.construct_scalar(node)


class _Loader(yaml.SafeLoader):
    """The safe loader with lenient dates."""


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

# libyaml's parser, with the same safe constructors, is ~10x faster than the pure-Python one. It is
# used only for text that cannot hold anchors, aliases or deep flow nesting (the checks below are
# plain substring counts); anything else, and every error message, comes from the pure-Python loader.
_CBase: Any = getattr(yaml, "CSafeLoader", None)
if _CBase is not None:

    class _CLoader(_CBase):  # type: ignore[misc]
        pass

    _CLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)
    _yaml12_booleans(_CLoader)

    # libyaml asks Python for the tag of every scalar (half a million calls over 10,000 entries).
    # The same answer as BaseResolver.resolve, from resolvers sorted by first character once;
    # valid because this loader has no path resolvers.
    _BY_FIRST: dict[str | None, list[tuple[str, Any]]] = {
        first: resolvers + _CLoader.yaml_implicit_resolvers.get(None, [])
        for first, resolvers in _CLoader.yaml_implicit_resolvers.items()
    }
    _WILD = _CLoader.yaml_implicit_resolvers.get(None, [])
    _STR_TAG = _CLoader.DEFAULT_SCALAR_TAG
    assert not _CLoader.yaml_path_resolvers

    def _resolve(self: Any, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, regexp in _BY_FIRST.get(value[0] if value else "", _WILD):
                    if regexp.match(value):
                        return tag
            return _STR_TAG
        return yaml.resolver.BaseResolver.resolve(self, kind, value, implicit)  # type: ignore[no-untyped-call]

    _CLoader.resolve = _resolve
    _CLoader.descend_resolver = lambda self, parent, index: None
    _CLoader.ascend_resolver = lambda self: None
FAST_MAX_CHARS = 64_000
FAST_MAX_BRACKETS = 200


def _fast(text: str) -> bool:
    return (
        _CBase is not None
        and len(text) <= FAST_MAX_CHARS
        and "&" not in text
        and "*" not in text
        and "!" not in text  # explicit tags (!!python/...) get the safe loader's own refusal
        and text.count("[") + text.count("{") <= FAST_MAX_BRACKETS
    )


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


def parse(text: str) -> Parsed:
    """Split front matter from body and load it as safe YAML, mapping keys to their lines."""
    if not text.strip():
        raise FrontMatterError(1, "the file is empty; an entry starts with front matter between '---' lines")
    if not text.startswith("---"):
        raise FrontMatterError(1, "missing front matter: the file must start with a '---' line")
    # Split by lines rather than with python-frontmatter's regex, whose boundary pattern can swallow
    # blank lines and so shift every reported line number.
    rows = text.split("\n")
    if rows[0].rstrip() != "---":
        raise FrontMatterError(1, "missing front matter: the file must start with a '---' line alone")
    close = next((i for i in range(1, len(rows)) if rows[i].rstrip() in ("---", "...")), None)
    if close is None:
        raise FrontMatterError(1, "front matter is not closed: add a '---' line after the last field")
    body = "\n".join(rows[close + 1 :])
    body_line = close + 2
    data, lines = load_yaml("\n".join(rows[1:close]), first_line=2)
    if not isinstance(data, dict):
        kind = "empty" if data is None else type(data).__name__
        raise FrontMatterError(2, f"front matter must be a mapping of 'field: value' lines, not {kind}")
    return Parsed(data=data, body=body, body_line=body_line, lines=lines, front=rows[: close + 1])


def load_yaml(text: str, first_line: int = 1) -> tuple[Any, dict[str, int]]:
    """Safe-load one YAML document; refuse anchors/aliases; return (data, {dotted key: line})."""
    _check_flow_depth(text, first_line)
    if _fast(text):
        try:
            return _load_fast(_CLoader(text), first_line)
        except (yaml.YAMLError, RecursionError, _Slow):
            pass  # report it with the pure-Python loader's messages and checks
    try:
        for token in yaml.scan(text, Loader=_Loader):
            if isinstance(token, (yaml.AliasToken, yaml.AnchorToken)):
                raise FrontMatterError(
                    token.start_mark.line + first_line, "YAML anchors and aliases (& and *) are not allowed here"
                )
        return _load(_Loader(text), first_line)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line if mark else 0) + first_line
        what = " ".join(filter(None, [exc.context, exc.problem]))
        raise FrontMatterError(line, f"YAML syntax error: {what}") from None
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + first_line
        raise FrontMatterError(line, f"character {exc.character!r} is not allowed in YAML; delete it") from None
    except yaml.YAMLError as exc:
        raise FrontMatterError(first_line, f"YAML error: {exc}") from None
    except RecursionError:
        raise FrontMatterError(first_line, "YAML is nested too deeply") from None


def _load(loader: Any, first_line: int) -> tuple[Any, dict[str, int]]:
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    lines: dict[str, int] = {}
    if node is not None:
        _walk(node, "", lines, first_line, depth=0)
    return data, lines


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


def _walk(node: yaml.Node, prefix: str, lines: dict[str, int], first: int, depth: int) -> None:
    if depth > 6:  # deeper than any field goes; the schema reports the wrong type
        return
    dot = f"{prefix}." if prefix else ""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            name = f"{dot}{key.value}" if isinstance(key, yaml.ScalarNode) else dot
            lines.setdefault(name, key.start_mark.line + first)
            _walk(value, name, lines, first, depth + 1)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            lines.setdefault(f"{dot}{i}", item.start_mark.line + first)
            _walk(item, f"{dot}{i}", lines, first, depth + 1)


class _Slow(Exception):
    """Something the fast path leaves to the full loader (merge keys, unusual tags, complex keys)."""


_STR = "tag:yaml.org,2002:str"
_SCALARS = {f"tag:yaml.org,2002:{t}" for t in ("int", "float", "bool", "null", "timestamp")}


def _load_fast(loader: Any, first_line: int) -> tuple[Any, dict[str, int]]:
    """Compose with libyaml, then build the data and the line map in one walk over the nodes."""
    try:
        node = loader.get_single_node()
        lines: dict[str, int] = {}
        data = _build(loader, node, "", lines, first_line, 0) if node is not None else None
    finally:
        loader.dispose()
    return data, lines


def _build(loader: Any, node: yaml.Node, prefix: str, lines: dict[str, int], first: int, depth: int) -> Any:
    """The value of ``node`` as SafeLoader would construct it, recording lines as ``_walk`` does."""
    kind = type(node)
    if kind is yaml.ScalarNode:
        if node.tag == _STR:
            return node.value
        if node.tag in _SCALARS:
            return loader.construct_object(node)
        raise _Slow
    dot = f"{prefix}." if prefix else ""
    record = depth <= 6  # deeper than any field goes; the schema reports the wrong type
    if kind is yaml.MappingNode:
        out: dict[Any, Any] = {}
        for key, value in node.value:
            if type(key) is not yaml.ScalarNode or (key.tag not in _SCALARS and key.tag != _STR):
                raise _Slow
            name = f"{dot}{key.value}"
            if record:
                lines.setdefault(name, key.start_mark.line + first)
            out[_build(loader, key, "", {}, first, depth)] = _build(loader, value, name, lines, first, depth + 1)
        return out
    if kind is yaml.SequenceNode:
        items: list[Any] = []
        for i, item in enumerate(node.value):
            name = f"{dot}{i}"
            if record:
                lines.setdefault(name, item.start_mark.line + first)
            items.append(_build(loader, item, name, lines, first, depth + 1))
        return items
    raise _Slow
