"""Writing YAML: deterministic, block style, readable diffs."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from typing import Any

import yaml

from checklist.errors import printable

try:  # the C dumper is much faster; the pure one writes the same text
    _Dumper: type = yaml.CSafeDumper
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Dumper = yaml.SafeDumper

_STR = "tag:yaml.org,2002:str"



class _CleanDumper(_Dumper):  # type: ignore[misc]
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
