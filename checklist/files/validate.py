"""From parsed YAML to a model, with errors a person can act on.

Pydantic's messages are written for programmers ("Extra inputs are not permitted"); this
rewrites them into what to change, at which line, and suggests the nearest valid key.
"""

from __future__ import annotations

import copy
import types
import typing
from collections.abc import Iterable
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from checklist.errors import ChecklistError, Problem, did_you_mean, one_of
from checklist.files.yamlio import YamlDoc, article, shorten
from checklist.model.checks import Finding

M = TypeVar("M", bound=BaseModel)

_MAX_PROBLEMS = 50


def to_model(doc: YamlDoc, model: type[M], *, what: str) -> M:
    """Validates `doc.data` as `model`; every failure becomes a positioned Problem."""
    if doc.data is None:
        raise ChecklistError.at(doc.path, f"the file is empty; expected {article(what)}", 1, 1)
    if not isinstance(doc.data, dict):
        kind = "a list" if isinstance(doc.data, list) else f"the value {shorten(doc.data)}"
        expected = f"expected {article(what)} (a mapping of keys to values), found {kind}"
        raise ChecklistError([doc.problem((), expected)])
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        errors = _drop_missing_typos(model, doc.data, exc.errors(include_url=False))
        problems = [_problem(doc, model, err) for err in errors]
        raise ChecklistError(_dedupe(problems)[:_MAX_PROBLEMS]) from None


def to_model_partial(doc: YamlDoc, model: type[M], *, what: str) -> tuple[M, list[Problem]]:
    """Like `to_model`, but when the only problems are unknown keys, also returns the model
    built without them, so the caller can go on to report the problems found beyond them
    (a person fixing a file wants every problem in one run, not one per run)."""
    try:
        return to_model(doc, model, what=what), []
    except ChecklistError as first:
        problems = first.problems
        try:
            model.model_validate(doc.data)
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
        else:  # pragma: no cover - to_model refused what pydantic accepts
            raise
        if any(e["type"] != "extra_forbidden" for e in errors):
            raise
        data = copy.deepcopy(doc.data)
        for err in errors:
            _delete(data, tuple(err["loc"]))
        try:
            return model.model_validate(data), problems
        except ValidationError:
            raise first from None


def _delete(data: Any, loc: tuple[Any, ...]) -> None:
    for part in loc[:-1]:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return
    if isinstance(data, dict):
        data.pop(loc[-1], None)


def _drop_missing_typos(model: type[BaseModel], data: Any, errors: list[Any]) -> list[Any]:
    """`titel:` is reported once, as a typo of `title`, not also as `title` missing."""
    suggested = set()
    for err in errors:
        loc = tuple(err["loc"])
        if err["type"] == "extra_forbidden" and loc:
            import difflib

            close = difflib.get_close_matches(
                str(loc[-1]), _allowed_keys(model, loc[:-1], data), n=1, cutoff=0.6
            )
            if close:
                suggested.add((*loc[:-1], close[0]))
    return [e for e in errors if not (e["type"] == "missing" and tuple(e["loc"]) in suggested)]


def findings_to_error(doc: YamlDoc, findings: Iterable[Finding]) -> ChecklistError | None:
    problems = [doc.problem(f.loc, f.message, at_key=f.at_key) for f in findings]
    return ChecklistError(_dedupe(problems)[:_MAX_PROBLEMS]) if problems else None


def _dedupe(problems: list[Problem]) -> list[Problem]:
    seen: set[Problem] = set()
    out = []
    for problem in problems:
        if problem not in seen:
            seen.add(problem)
            out.append(problem)
    return sorted(out, key=lambda p: (p.line, p.column))


def _problem(doc: YamlDoc, model: type[BaseModel], err: Any) -> Problem:
    loc = tuple(err["loc"])
    kind = err["type"]
    value = err.get("input")
    if kind == "extra_forbidden":
        key = str(loc[-1])
        allowed = _allowed_keys(model, loc[:-1], doc.data)
        hint = did_you_mean(key, allowed)
        if not hint and allowed:
            hint = f"; valid keys here: {one_of(sorted(allowed))}"
        return doc.problem(loc, f"unknown key '{key}'{hint}", at_key=True)
    if kind == "missing":
        return doc.problem(loc[:-1], f"missing required key '{loc[-1]}'")
    name = _name(loc)
    message = err["msg"]
    if kind.startswith("string_type") and isinstance(value, bool | int | float):
        message = f"expected text, found {_kind(value)}; put it in quotes"
    elif kind.startswith("string_type"):
        message = f"expected text, found {_kind(value)}"
    elif kind == "string_too_long":
        limit = err.get("ctx", {}).get("max_length", "")
        message = f"too long ({len(value) if isinstance(value, str) else '?'} characters, " \
                  f"at most {limit}); shorten it"
    elif kind == "too_long" and isinstance(value, list | dict):
        return _too_many(doc, loc, name, err)
    elif kind == "string_too_short":
        message = "must not be empty; write a value or remove the key"
    elif kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        message = f"must be {message.removeprefix('Input should be ')}, found {_kind(value)}"
    elif kind == "string_pattern_mismatch":
        if loc and loc[-1] == "version":
            message = f"version {_kind(value)} must look like 1.2.0 (major.minor.patch), in quotes"
        elif (loc and loc[-1] in ("id", "when")) or "pattern" in str(err.get("ctx", {})):
            message = (
                f"{_kind(value)} is not a valid id: use lower-case letters, digits, '-' and '_' "
                "(e.g. 'latency-cost')"
            )
    elif kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        message = f"{_kind(value)} is not allowed; expected {expected}"
    elif kind == "value_error":
        message = message.removeprefix("Value error, ")
    elif kind in ("int_parsing", "int_type", "int_from_float"):
        message = f"expected a whole number, found {_kind(value)}"
    elif kind in ("float_parsing", "float_type"):
        message = f"expected a number, found {_kind(value)}"
    elif kind in ("bool_parsing", "bool_type"):
        message = f"expected yes or no (true/false), found {_kind(value)}"
    elif kind in ("dict_type", "model_type"):
        message = f"expected a mapping (key: value lines), found {_kind(value)}"
    elif kind == "list_type":
        message = f"expected a list ('- item' lines), found {_kind(value)}"
    elif kind in ("date_from_datetime_parsing", "date_parsing", "date_type"):
        message = f"expected a date like 2026-11-21, found {_kind(value)}"
    elif kind in ("datetime_parsing", "datetime_type", "datetime_from_date_parsing"):
        message = f"expected a time like 2026-11-21T09:30:00Z, found {_kind(value)}"
    return doc.problem(loc, f"{name}: {message}" if name else message,
                       at_key=kind.endswith("[key]") or (bool(loc) and loc[-1] == "[key]"))


def _too_many(doc: YamlDoc, loc: tuple[Any, ...], name: str, err: Any) -> Problem:
    """A list or mapping over its limit, pointed at the first entry past it (a list) or at
    the mapping."""
    ctx = err.get("ctx", {})
    limit, actual = ctx.get("max_length", "?"), ctx.get("actual_length", len(err["input"]))
    where = (*loc, limit) if isinstance(err["input"], list) and isinstance(limit, int) else loc
    what = f"{name}: " if name else ""
    extra = actual - limit if isinstance(actual, int) and isinstance(limit, int) else "some"
    return doc.problem(where, f"{what}{actual} entries, over the limit of {limit}; remove "
                              f"{extra} of them")


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing (an empty value)"
    shown = repr(value)  # repr escapes control characters; cut so huge values stay readable
    return shown if len(shown) <= 60 else shown[:56] + "…" + shown[-3:]


def _name(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc if isinstance(p, str) and p != "[key]"]
    return parts[-1] if parts else ""


def _allowed_keys(model: type[BaseModel], loc: tuple[Any, ...], data: Any) -> list[str]:
    """The field names of the (sub)model at `loc`, for "did you mean" on an unknown key."""
    current: Any = model
    for part in loc:
        current = _descend(current, part)
        if current is None:
            return []
    current = _strip_optional(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _strip_optional(annotation: Any) -> Any:
    args = [a for a in getattr(annotation, "__args__", ()) if a is not type(None)]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType) and len(args) == 1:
        return args[0]
    return annotation


def _descend(annotation: Any, part: Any) -> Any:
    """The annotation one step down `loc`: a model's field, a list's item, a dict's value."""
    annotation = _strip_optional(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        field = annotation.model_fields.get(str(part))
        return field.annotation if field is not None else None
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is list and args:
        return args[0]
    if origin is dict and len(args) == 2:
        return args[1]
    return None
