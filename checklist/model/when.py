"""`when:`: which context flags make a gate, a question or a section apply.

The grammar, written in a rubric:

- `when: outputs-published`: applies when the flag is yes;
- `when: not self-hosted`: applies when the flag is no;
- `when: {all: [outputs-published, not internal-only]}`: when every item holds;
- `when: {any: [eu-distribution, personal-data]}`: when at least one holds.

It is kept as written (a string or a one-key mapping), so a rubric's stored form and its
sha256 do not depend on how it is parsed; these functions read it. Wording ("does not apply
because ...") is the scoring layer's (`checklist.scoring.applies`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, WithJsonSchema

from checklist.model.common import ID_PATTERN

_FLAG = ID_PATTERN.strip("^$")
#: One item: a flag id, or `not` and a flag id.
ITEM_PATTERN = rf"^(not\s+)?{_FLAG}$"
_ITEM = re.compile(ITEM_PATTERN)
JOINS = ("all", "any")

USAGE = ("write a context flag id, `not` and a flag id, or {all: [...]} / {any: [...]} with a "
         "list of those")


def _parse(value: Any) -> Any:
    """Checks the grammar; the value stays as written."""
    if isinstance(value, str):
        if not _ITEM.match(value.strip()):
            raise ValueError(f"{value!r} is not a condition: {USAGE}")
        return value
    if isinstance(value, Mapping):
        if len(value) != 1 or next(iter(value)) not in JOINS:
            keys = ", ".join(repr(k) for k in value) or "nothing"
            raise ValueError(f"a condition mapping has one key, `all` or `any` (found {keys}); "
                             f"{USAGE}")
        join, items = next(iter(value.items()))
        if not isinstance(items, list) or not items:
            raise ValueError(f"`{join}:` takes a non-empty list of flags (`not flag` allowed)")
        for item in items:
            if not isinstance(item, str) or not _ITEM.match(item.strip()):
                raise ValueError(f"{item!r} in `{join}:` is not a flag: use a flag id or "
                                 "`not` and a flag id")
        return {join: list(items)}
    raise ValueError(f"expected a condition, found {type(value).__name__}; {USAGE}")


_SCHEMA: dict[str, Any] = {
    "description": "When it applies: a context flag, `not flag`, {all: [...]} or {any: [...]}",
    "anyOf": [
        {"type": "string", "pattern": ITEM_PATTERN},
        {"type": "object", "properties": {"all": {"type": "array", "minItems": 1,
                                                  "items": {"type": "string",
                                                            "pattern": ITEM_PATTERN}}},
         "required": ["all"], "additionalProperties": False},
        {"type": "object", "properties": {"any": {"type": "array", "minItems": 1,
                                                  "items": {"type": "string",
                                                            "pattern": ITEM_PATTERN}}},
         "required": ["any"], "additionalProperties": False},
    ],
}

#: A condition as written: "flag", "not flag", {"all": [...]} or {"any": [...]}.
When = Annotated[str | dict[str, list[str]], BeforeValidator(_parse), WithJsonSchema(_SCHEMA)]


def items(when: str | Mapping[str, list[str]]) -> tuple[Literal["all", "any"],
                                                        list[tuple[str, bool]]]:
    """The join and the (flag, wanted value) items: "not x" is ("x", False)."""
    if isinstance(when, str):
        return "all", [_item(when)]
    join, listed = next(iter(when.items()))
    return ("any" if join == "any" else "all"), [_item(i) for i in listed]


def text(when: str | Mapping[str, list[str]]) -> str:
    """The condition as written, on one line: 'eu-distribution', 'not self-hosted',
    'all of: a, not b'."""
    if isinstance(when, str):
        return " ".join(when.split())
    join, listed = next(iter(when.items()))
    return f"{join} of: {', '.join(' '.join(i.split()) for i in listed)}"


def _item(text: str) -> tuple[str, bool]:
    words = text.split()
    return (words[1], False) if len(words) == 2 else (words[0], True)


def flags(when: str | Mapping[str, list[str]] | None) -> list[str]:
    """The flag ids a condition reads, in the order written."""
    if when is None:
        return []
    return [flag for flag, _ in items(when)[1]]


def holds(when: str | Mapping[str, list[str]] | None, context: Mapping[str, bool]) -> bool:
    """Whether the condition holds for these flag values (no condition: always). A flag the
    context does not set counts as no."""
    if when is None:
        return True
    join, listed = items(when)
    found = (bool(context.get(flag, False)) == wanted for flag, wanted in listed)
    return any(found) if join == "any" else all(found)
