"""Safe YAML in and out, with the positions that make errors point at a line.

Rubrics, evaluations and ratings are untrusted: only the safe loader (libyaml's when present),
a size limit, a nesting limit (deep flow nesting crashes libyaml's composer outright) and an
alias-expansion budget (a "billion laughs" file is tiny but explodes in whoever walks it).
Parsing keeps the node tree beside the data so a validation error found later can be mapped
back to `file:line:column` without paying for positions on the happy path.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import gc
import math
import os
import re
import stat
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from checklist.errors import ChecklistError, Problem, printable

try:  # the C loader is ~10x faster; the pure one gives the same results
    _Loader: type = yaml.CSafeLoader
    _Dumper: type = yaml.CSafeDumper
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader
    _Dumper = yaml.SafeDumper

DEFAULT_MAX_BYTES = 16 * 1024 * 1024
MAX_DEPTH = 64
#: Aliases may repeat nodes, but the expanded document may not be much larger than the file.
ALIAS_EXPANSION_FACTOR = 10
ALIAS_EXPANSION_SLACK = 10_000

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_NULL = "tag:yaml.org,2002:null"
_BOOL = "tag:yaml.org,2002:bool"
_MERGE = "tag:yaml.org,2002:merge"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_ScalarNode = yaml.ScalarNode
_ISO_TIMESTAMP = re.compile(
    r"\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d:\d\d(?:\.\d{1,6})?(?:Z|[+-]\d\d:\d\d)?)?"
)
_SAFE_SCALAR_TAGS = {
    _STR,
    _INT,
    _NULL,
    _BOOL,
    "tag:yaml.org,2002:float",
    _TIMESTAMP,
    "tag:yaml.org,2002:binary",
}


def max_bytes() -> int:
    """The size limit; `CHECKLIST_MAX_FILE_BYTES` raises it for a team with huge evaluations."""
    raw = os.environ.get("CHECKLIST_MAX_FILE_BYTES", "")
    return int(raw) if raw.isdigit() and int(raw) > 0 else DEFAULT_MAX_BYTES


@dataclass
class YamlDoc:
    """Parsed data plus the node tree it came from, for pointing at positions later."""

    path: str
    data: Any
    root: yaml.Node | None

    def position(self, loc: Sequence[str | int], *, at_key: bool = False) -> tuple[int, int]:
        """1-based (line, column) of the value at `loc`, or of its key with `at_key`.

        Walks as far down the path as the document goes, so an error about a missing key
        points at the mapping that lacks it. Path elements that are not in the document
        (pydantic adds union member names and '[key]') are skipped.
        """
        node = self.root
        if node is None:
            return (1, 1)
        mark = node.start_mark
        for index, part in enumerate(loc):
            last = index == len(loc) - 1
            if part == "[key]":
                continue
            child = _child(node, part)
            if child is None:
                continue
            key_node, value_node = child
            if (last and at_key and key_node is not None) or (
                index + 1 < len(loc) and loc[index + 1] == "[key]" and key_node is not None
            ):
                return (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            node = value_node
            mark = node.start_mark
        return (mark.line + 1, mark.column + 1)

    def problem(self, loc: Sequence[str | int], message: str, *, at_key: bool = False) -> Problem:
        line, column = self.position(loc, at_key=at_key)
        return Problem(self.path, line, column, message)


def _child(node: yaml.Node, part: str | int) -> tuple[yaml.Node | None, yaml.Node] | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in _mapping_pairs(node):
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == str(part):
                return key_node, value_node
        return None
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(
        node.value
    ):
        return None, node.value[part]
    return None


def _mapping_pairs(node: yaml.MappingNode) -> Iterator[tuple[yaml.Node, yaml.Node]]:
    """Key/value pairs including those pulled in by `<<` merge keys."""
    for key_node, value_node in node.value:
        if key_node.tag == _MERGE:
            is_list = isinstance(value_node, yaml.SequenceNode)
            sources = value_node.value if is_list else [value_node]
            for source in sources:
                if isinstance(source, yaml.MappingNode):
                    yield from _mapping_pairs(source)
        else:
            yield key_node, value_node


def article(noun: str) -> str:
    """'a ratings file', 'an evaluation': messages read as sentences."""
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"


def read_bytes(path: Path, *, what: str = "file") -> bytes:
    """Reads a file the user named, refusing huge ones before reading them into memory."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise ChecklistError.at(path, f"{what} not found") from None
    except OSError as exc:
        raise ChecklistError.at(path, f"cannot read {what}: {exc.strerror}") from None
    if stat.S_ISDIR(info.st_mode):
        raise ChecklistError.at(path, f"is a folder, expected {article(what)}")
    if not stat.S_ISREG(info.st_mode):  # a FIFO would block forever, a device never ends
        raise ChecklistError.at(path, f"is not a regular file, expected {article(what)}")
    size = info.st_size
    limit = max_bytes()
    if size > limit:
        raise ChecklistError.at(
            path,
            f"{what} is {size:,} bytes, over the {limit:,}-byte limit; split it, or raise "
            "CHECKLIST_MAX_FILE_BYTES if it is really meant to be this large",
        )
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise ChecklistError.at(path, f"cannot read {what}: {exc.strerror}") from None
    if len(data) > limit:  # grew between stat and read
        raise ChecklistError.at(path, f"{what} is over the {limit:,}-byte limit")
    return data


def decode(data: bytes, path: str) -> str:
    """UTF-8 (a BOM is accepted and dropped); other encodings get the byte's position."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ChecklistError(
            [
                Problem(
                    path,
                    line,
                    column,
                    f"byte 0x{data[exc.start]:02x} is not UTF-8; save the file as UTF-8",
                )
            ]
        ) from None
    if "\x00" in text:
        offset = text.index("\x00")
        line = text.count("\n", 0, offset) + 1
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        raise ChecklistError(
            [Problem(path, line, column, "NUL character: this is a binary file, not YAML")]
        )
    return text


def read_yaml(path: Path, *, what: str = "file") -> YamlDoc:
    return parse_yaml(decode(read_bytes(path, what=what), str(path)), str(path))


#: The part of a line before its first block node: indentation, then any `- `, `? `, `: `
#: indicators, node properties (`&anchor`, `!tag`) and `---`. A block collection always starts
#: within it (YAML starts a nested block collection on a new line otherwise).
_BLOCK_PREFIX = re.compile(r"^[ ]*(?:(?:[-?:]|---|[&!][^ \t\r\n]*)[ \t]+)*", re.MULTILINE)


def nesting_bound(text: str) -> int:
    """An upper bound on how deeply `text` can nest, cheap enough to run on every file.

    Sound, so a deep file is never let through unchecked: a flow collection needs its own
    `[` or `{`, and a block collection is indented more than its parent (an indentless
    sequence shares its parent mapping's indentation, but its entries are indented again), so
    block depth is at most twice the deepest column a block collection can start at, plus one.
    """
    flow = text.count("[") + text.count("{")
    if flow > MAX_DEPTH:
        return flow
    deepest = max((len(m) for m in _BLOCK_PREFIX.findall(text)), default=0)
    return flow + 2 * (deepest + 1)


def _check_nesting(text: str, path: str) -> None:
    """Refuses documents nested deeper than MAX_DEPTH, in checklist's words, before any YAML
    library's own limit (libyaml 0.2.6 stops at 1000 levels; 0.2.5 recursed until it crashed).

    Only a file whose cheap bound exceeds the limit pays for the exact walk over parse events.
    libyaml's scanner reads ahead, so its own limit can fire before the walk sees level 65; any
    libyaml error makes the walk run again on PyYAML's pure-Python parser, which has no limit
    and does not recurse, so the answer never depends on the installed libyaml.
    """
    if nesting_bound(text) <= MAX_DEPTH:
        return
    try:
        _walk_depth(text, path, _Loader)
    except yaml.YAMLError:
        if _Loader is yaml.SafeLoader:  # pragma: no cover - PyYAML built without libyaml
            raise
        _walk_depth(text, path, yaml.SafeLoader)  # raises ours, or the syntax error itself


def _walk_depth(text: str, path: str, loader: type) -> None:
    depth = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                mark = event.start_mark
                raise ChecklistError(
                    [
                        Problem(
                            path,
                            mark.line + 1,
                            mark.column + 1,
                            f"nested more than {MAX_DEPTH} levels deep; flatten the structure",
                        )
                    ]
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pauses the cyclic garbage collector while a large document is parsed and validated.

    Parsing allocates millions of small objects and none of them form cycles (recursive
    aliases are refused), yet each allocation burst triggers full collections that walk
    everything allocated so far: a 3 MB ratings file parsed 3x slower with the collector on,
    and the cost grew faster than the file. Reference counting still frees everything.
    Nested or concurrent use is harmless: only the outermost pause turns it back on.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def parse_yaml(text: str, path: str) -> YamlDoc:
    """Parses one YAML document; every failure is a ChecklistError with a position."""
    with gc_paused():
        return _parse_yaml(text, path)


def _parse_yaml(text: str, path: str) -> YamlDoc:
    try:
        _check_nesting(text, path)
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        raise ChecklistError([_syntax_problem(exc, path, text)]) from None
    except yaml.reader.ReaderError as exc:  # a control character: no mark, only an offset
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        # libyaml counts the offset in UTF-8 bytes; the first such character is the culprit
        found = text.find(chr(code))
        offset = found if found >= 0 else min(exc.position, len(text))
        line = text.count("\n", 0, offset) + 1
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        raise ChecklistError([Problem(path, line, column, f"control character U+{code:04X} "
                                      "is not allowed in YAML; delete it")]) from None
    except yaml.YAMLError as exc:  # pragma: no cover - libyaml always marks its errors
        raise ChecklistError.at(path, f"YAML error: {exc}") from None
    except RecursionError:  # pragma: no cover - _check_nesting should prevent this
        raise ChecklistError.at(path, "nested too deeply; flatten the structure") from None
    if root is None:
        return YamlDoc(path, None, None)
    builder = _Builder(path)
    data = builder.build(root)
    return YamlDoc(path, data, root)


def _syntax_problem(exc: yaml.MarkedYAMLError, path: str, text: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 0
    column = mark.column + 1 if mark else 0
    what = exc.problem or "invalid YAML"
    if exc.context:
        what = f"{what} ({exc.context}"
        if exc.context_mark and mark and exc.context_mark.line != mark.line:
            what += f" at line {exc.context_mark.line + 1}"
        what += ")"
    hint = ""
    if mark is not None:
        lines = text.splitlines()
        here = lines[mark.line] if mark.line < len(lines) else ""
        if "\t" in here[: mark.column + 1] or "'\\t'" in what:
            hint = "; indent with spaces, not tabs"
        elif "found unexpected end of stream" in what or "found unexpected end" in what:
            hint = "; a quote or bracket is probably not closed"
        elif "mapping values are not allowed" in what:
            hint = "; put text containing ': ' in quotes, or check the indentation"
        elif "did not find expected key" in what or "expected <block end>" in what:
            hint = "; check this line's indentation against the lines above"
        elif "undefined alias" in what:
            hint = "; '*name' needs an '&name' anchor earlier in the file, or quote the text"
        elif "another document" in what:
            hint = "; a checklist file holds one document: remove the '---' line"
    return Problem(path, line, column, f"YAML syntax error: {what}{hint}")


class _Builder:
    """Turns a node tree into plain Python data, refusing what the safe loader would not build.

    Faster than PyYAML's constructor because it does less: it memoises shared (aliased)
    nodes, counts their expanded size against a budget, and reports duplicate keys, which
    PyYAML silently lets the last one win.
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self.built: dict[int, Any] = {}
        self.sizes: dict[int, int] = {}
        self.unique = 0
        self.constructor = yaml.SafeLoader("")  # only for its scalar constructors

    def build(self, root: yaml.Node) -> Any:
        value, expanded = self._node(root, ())
        budget = ALIAS_EXPANSION_FACTOR * self.unique + ALIAS_EXPANSION_SLACK
        if expanded > budget:
            raise self._error(root, "aliases expand this document far beyond its size "
                              "(a YAML alias bomb?); write the values out instead of aliasing")
        return value

    def _error(self, node: yaml.Node, message: str) -> ChecklistError:
        mark = node.start_mark
        return ChecklistError([Problem(self.path, mark.line + 1, mark.column + 1, message)])

    def _node(self, node: yaml.Node, stack: tuple[int, ...]) -> tuple[Any, int]:
        if node.__class__ is _ScalarNode:  # most nodes: no memo needed, values are immutable
            self.unique += 1
            return (node.value if node.tag == _STR else self._scalar(node)), 1
        key = id(node)
        if key in self.built:
            if key in stack:
                raise self._error(node, "an alias refers to its own parent (recursive YAML)")
            return self.built[key], self.sizes[key]
        self.unique += 1
        if isinstance(node, yaml.ScalarNode):  # a subclass: not built by the composer
            return self._scalar(node), 1
        if len(stack) > MAX_DEPTH:
            raise self._error(node, f"nested more than {MAX_DEPTH} levels deep; flatten the "
                              "structure")
        inner = (*stack, key)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != "tag:yaml.org,2002:seq":
                raise self._error(node, f"tag {node.tag!r} is not allowed; remove it")
            items: list[Any] = []
            self.built[key] = items
            size = 1
            for child in node.value:
                if child.__class__ is _ScalarNode:
                    self.unique += 1
                    items.append(child.value if child.tag == _STR else self._scalar(child))
                    size += 1
                else:
                    value, child_size = self._node(child, inner)
                    items.append(value)
                    size += child_size
            self.sizes[key] = size
            self._check_budget(node, size)
            return items, size
        if isinstance(node, yaml.MappingNode):
            if node.tag != "tag:yaml.org,2002:map":
                raise self._error(node, f"tag {node.tag!r} is not allowed; remove it")
            mapping: dict[Any, Any] = {}
            self.built[key] = mapping
            size = 1
            merged: dict[Any, Any] | None = None
            for key_node, value_node in node.value:
                if key_node.tag == _MERGE:
                    value, child_size = self._node(value_node, inner)
                    size += child_size
                    merged = {} if merged is None else merged
                    for source in value if isinstance(value, list) else [value]:
                        if not isinstance(source, dict):
                            raise self._error(value_node, "'<<' must merge a mapping")
                        for k, v in source.items():
                            merged.setdefault(k, v)
                    continue
                if key_node.__class__ is not _ScalarNode:
                    raise self._error(key_node, "a key must be plain text, not a list or map")
                k = key_node.value if key_node.tag == _STR else self._scalar(key_node)
                if k in mapping:
                    raise self._duplicate(node, key_node, k)
                if value_node.__class__ is _ScalarNode:
                    self.unique += 1
                    mapping[k] = (value_node.value if value_node.tag == _STR
                                  else self._scalar(value_node))
                    size += 2
                else:
                    value, child_size = self._node(value_node, inner)
                    mapping[k] = value
                    size += child_size + 1
            if merged:
                for k, v in merged.items():
                    mapping.setdefault(k, v)
            self.sizes[key] = size
            self._check_budget(node, size)
            return mapping, size
        raise self._error(node, "unsupported YAML node")  # pragma: no cover

    def _duplicate(self, node: yaml.MappingNode, key_node: yaml.Node, k: Any) -> ChecklistError:
        """The error for a repeated key, naming the line of its first use."""
        first = next(
            kn for kn, _ in node.value
            if kn.__class__ is _ScalarNode and kn.tag != _MERGE and self._scalar(kn) == k
        )
        return self._error(
            key_node, f"duplicate key '{_printable_key(k)}' (first at line "
            f"{first.start_mark.line + 1}); keep one"
        )

    def _check_budget(self, node: yaml.Node, size: int) -> None:
        if size > ALIAS_EXPANSION_FACTOR * self.unique + ALIAS_EXPANSION_SLACK:
            raise self._error(node, "aliases expand this document far beyond its size "
                              "(a YAML alias bomb?); write the values out instead of aliasing")

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        tag = node.tag
        if tag == _STR:
            return node.value
        if tag not in _SAFE_SCALAR_TAGS:
            raise self._error(node, f"tag {tag!r} is not allowed in checklist files; "
                              "remove it (checklist files hold plain data only)")
        if tag == _INT:
            try:
                return int(node.value)
            except ValueError:
                pass
        elif tag == _NULL:
            return None
        elif tag == _TIMESTAMP:  # every answer has one: skip PyYAML's slower path when ISO
            stamp = _iso_timestamp(node.value)
            if stamp is not None:
                return stamp
        try:
            value = self.constructor.construct_object(node)
        except Exception as exc:  # PyYAML also raises KeyError, AttributeError, ...
            # e.g. `2026-13-45`, or an explicit tag the value does not fit (`!!bool maybe`)
            kind = _KIND_NAMES.get(tag, tag.rsplit(":", 1)[-1])
            why = f": {shorten(str(exc), 100)}" if isinstance(exc, ValueError) else ""
            raise self._error(
                node, f"cannot read {shorten(node.value)} as a {kind}{why}; fix the value, "
                "or put it in quotes if it is text"
            ) from None
        if isinstance(value, float) and not math.isfinite(value):
            raise self._error(node, f"{node.value} is not a usable number here; "
                              "write a finite number, or put it in quotes if it is text")
        return value


_KIND_NAMES = {
    _INT: "whole number",
    "tag:yaml.org,2002:float": "number",
    _BOOL: "yes/no value",
    _TIMESTAMP: "date or time",
    "tag:yaml.org,2002:binary": "base64 binary",
}


def _iso_timestamp(text: str) -> _dt.date | _dt.datetime | None:
    """The common ISO 8601 forms, parsed like PyYAML would; None leaves it to PyYAML."""
    if not _ISO_TIMESTAMP.fullmatch(text):
        return None
    try:
        if len(text) == 10:
            return _dt.date.fromisoformat(text)
        return _dt.datetime.fromisoformat(text)
    except ValueError:  # 2026-13-45: PyYAML's constructor words the error
        return None


def _printable_key(key: Any) -> str:
    text = str(key)
    return text if len(text) <= 60 else text[:56] + "…" + text[-3:]


def shorten(text: str, limit: int = 60) -> str:
    """A value quoted for a message, cut so a 5,000-digit number does not flood the terminal."""
    shown = repr(text)
    return shown if len(shown) <= limit else shown[: limit - 4] + "…" + shown[-3:]


# --- writing -----------------------------------------------------------------------------


class _CleanDumper(_Dumper):  # type: ignore[misc, valid-type]
    """Block style, unicode kept, multi-line text as `|` blocks so diffs stay line-by-line.

    Never anchors and aliases: two answers sharing one timestamp object must each be written
    out, or changing one of them rewrites the other's line too (`&id001` / `*id001`).
    """

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value and not _needs_quoting_in_block(value):
        return dumper.represent_scalar(_STR, value, style="|")
    return dumper.represent_scalar(_STR, value)


def _needs_quoting_in_block(value: str) -> bool:
    """Literal blocks cannot hold trailing spaces on lines or some control characters."""
    return any(line != line.rstrip() for line in value.split("\n")) or any(
        ord(c) < 32 and c not in "\n\t" for c in value
    )


_CleanDumper.add_representer(str, _represent_str)


def dump_yaml(data: Any, header: str = "") -> str:
    """Deterministic text for `data`: key order as given, so callers decide the order."""
    body = yaml.dump(
        data,
        Dumper=_CleanDumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
        indent=2,
    )
    if header:
        # A comment cannot escape anything, and YAML refuses to read back most control
        # characters even there: they are written as `\x1b`, like in messages.
        lines = "".join(f"# {printable(line)}".rstrip() + "\n" for line in header.splitlines())
        return lines + body
    return body


def plain(value: Any) -> Any:
    """Makes model dumps YAML-safe: dates stay dates, everything else JSON-like."""
    if isinstance(value, Mapping):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)  # `weight: 2`, not `weight: 2.0`
    if isinstance(value, _dt.date | str | int | float | bool) or value is None:
        return value
    if hasattr(value, "value"):  # enums
        return value.value
    return str(value)

