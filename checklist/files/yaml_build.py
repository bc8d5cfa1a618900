"""YAML nodes to plain data, keeping the node tree for positions.

Parsing keeps the node tree beside the data so a validation error found later can be mapped
back to `file:line:column` without paying for positions on the happy path. The builder also
refuses what the safe loader would not build, duplicate keys (PyYAML lets the last one win)
and aliases that expand far beyond the file (a "billion laughs" file is tiny but explodes in
whoever walks it).
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import yaml

from checklist.errors import ChecklistError, Problem
from checklist.files.yaml_read import MAX_DEPTH

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


class YamlBuilder:
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
