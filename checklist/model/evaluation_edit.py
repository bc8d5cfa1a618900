"""Changes to an evaluation after it was created: vendors, their claims, the decision.

Pure functions: each takes an `Evaluation` and returns a new, validated one (or raises a
ChecklistError saying which value is wrong), so the CLI, the TUI and tests make the same edit
the same way. Writing the result, and moving a renamed vendor's answers in every rater's file,
is `checklist.files.evaluation_save`.

Values arrive as text keyed by field name (`{"model": "veo-3.1"}`); a problem names the field
through `label`, which a front end sets to its own word for it (`--model` on the command line).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from checklist.errors import ChecklistError, Problem, hint
from checklist.model.claim import Claim
from checklist.model.evaluation import Evaluation, Person, Vendor, vendor_id

M = TypeVar("M", bound=BaseModel)
Label = Callable[[str], str]


def _same(key: str) -> str:
    return key


def validated(model: type[M], data: Mapping[str, Any], label: Label = _same) -> M:
    """`model` built from `data`; every refused value becomes a problem naming its field."""
    try:
        return model.model_validate(dict(data))
    except ValidationError as exc:
        problems = []
        for err in exc.errors(include_url=False):
            # The field's path ("interval.level"): a front end may have one flag per part.
            keys = [str(p) for p in err["loc"] if isinstance(p, str)]
            where = label(".".join(keys)) if keys else label(model.__name__.lower())
            problems.append(Problem("checklist", 0, 0, f"{where}: {_message(err)}"))
        raise ChecklistError(problems) from None


def _message(err: Any) -> str:
    kind, ctx, value = err["type"], err.get("ctx", {}), err.get("input")
    if kind == "string_too_long":
        return f"too long (at most {ctx.get('max_length')} characters); shorten it"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "literal_error":
        return f"{value!r} is not allowed; expected {ctx.get('expected', '')}"
    if kind == "string_pattern_mismatch":
        return (f"{value!r} is not a valid id: use lower-case letters, digits, '-' and '_' "
                "(e.g. 'acme-video')")
    if kind in ("date_from_datetime_parsing", "date_parsing", "date_type"):
        return f"expected a date like 2026-11-21, found {value!r}"
    if kind == "finite_number":
        return f"expected a finite number, found {value!r}"
    if kind in ("float_parsing", "float_type"):
        return f"expected a number, found {value!r}"
    bounds = {"greater_than": "above", "greater_than_equal": "at least",
              "less_than": "below", "less_than_equal": "at most"}
    if kind in bounds:
        limit = next(iter(ctx.values()), "")
        return f"{value!r} is out of range: it must be {bounds[kind]} {limit}"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"expected a whole number, found {value!r}"
    return str(err["msg"]).removeprefix("Value error, ")


def _with(evaluation: Evaluation, **changes: Any) -> Evaluation:
    """A copy with `changes`, validated as a whole (limits on lists included)."""
    data = evaluation.model_dump()
    data.update(changes)
    return validated(Evaluation, data)


# --- vendors --------------------------------------------------------------------------------


def add_vendor(evaluation: Evaluation, name: str, fields: Mapping[str, Any] | None = None,
               *, ident: str | None = None, label: Label = _same) -> Evaluation:
    """`evaluation` with one more vendor, last; refuses an id or a name already taken."""
    ident = ident or vendor_id(name)
    for other in evaluation.vendors:
        if other.id == ident:
            raise ChecklistError.plain(f"{label('id')}: vendor '{ident}' already exists "
                                       f"({other.name}); choose another name or id")
        if other.name.casefold() == name.strip().casefold():
            raise ChecklistError.plain(f"a vendor named {other.name!r} already exists "
                                       f"('{other.id}'); choose another name")
    vendor = validated(Vendor, {**(fields or {}), "id": ident, "name": name.strip()}, label)
    return _with(evaluation, vendors=[*evaluation.model_dump()["vendors"], vendor.model_dump()])


def set_vendor(evaluation: Evaluation, vid: str, fields: Mapping[str, Any],
               label: Label = _same) -> Evaluation:
    """`evaluation` with some fields of vendor `vid` changed ("" empties a field)."""
    if "id" in fields or "claims" in fields:
        raise ChecklistError.plain("a vendor's id changes by renaming it, its claims one by "
                                   "one")
    if "name" in fields:
        taken = [v for v in evaluation.vendors if v.id != vid
                 and v.name.casefold() == str(fields["name"]).strip().casefold()]
        if taken:
            raise ChecklistError.plain(f"{label('name')}: vendor '{taken[0].id}' already has "
                                       "that name")
    vendors = []
    for vendor in evaluation.vendors:
        if vendor.id == vid:
            data = vendor.model_dump()
            data.update({k: (None if k == "channel" and v == "" else v)
                         for k, v in fields.items()})
            vendor = validated(Vendor, data, label)
        vendors.append(vendor.model_dump())
    return _with(evaluation, vendors=vendors)


def rename_vendor(evaluation: Evaluation, vid: str, name: str,
                  new_id: str | None = None, label: Label = _same) -> Evaluation:
    """Vendor `vid` under a new name and (by default) the id made from it. Claims of other
    vendors compared with it follow; answers follow in `files.evaluation_save`."""
    new_id = new_id or vendor_id(name)
    if new_id != vid and any(v.id == new_id for v in evaluation.vendors):
        raise ChecklistError.plain(f"{label('id')}: vendor '{new_id}' already exists; "
                                   "choose another name or id")
    renamed = set_vendor(evaluation, vid, {"name": name}, label)
    vendors = renamed.model_dump()["vendors"]
    for vendor in vendors:
        if vendor["id"] == vid:
            vendor["id"] = new_id
        for claim in vendor["claims"]:
            against = claim.get("compared_with")
            if against and against.get("vendor") == vid:
                against["vendor"] = new_id
    validated(Vendor, next(v for v in vendors if v["id"] == new_id), label)  # the new id
    return _with(evaluation, vendors=vendors)


def remove_vendor(evaluation: Evaluation, vid: str) -> tuple[Evaluation, list[str]]:
    """`evaluation` without vendor `vid`, and what changed elsewhere: other vendors' claims
    compared with it now name it as a model (`model: <its name>`), so no claim is lost. Its
    answers stay in the ratings files, reported as orphans by `checklist status`."""
    gone = next(v for v in evaluation.vendors if v.id == vid)
    notes = []
    vendors = []
    for vendor in evaluation.vendors:
        if vendor.id == vid:
            continue
        data = vendor.model_dump()
        for number, claim in enumerate(data["claims"], 1):
            against = claim.get("compared_with")
            if against and against.get("vendor") == vid:
                against.update(vendor=None, model=gone.name)
                notes.append(f"claim {number} of '{vendor.id}' now compares with the model "
                             f"{gone.name!r}")
        vendors.append(data)
    return _with(evaluation, vendors=vendors), notes


# --- claims ---------------------------------------------------------------------------------


def _claims(evaluation: Evaluation, vid: str,
            change: Callable[[list[dict[str, Any]]], None]) -> Evaluation:
    vendors = evaluation.model_dump()["vendors"]
    for vendor in vendors:
        if vendor["id"] == vid:
            change(vendor["claims"])
    return _with(evaluation, vendors=vendors)


def claim_index(evaluation: Evaluation, vid: str, number: int) -> int:
    """The list index of claim `number` (1-based, as `claim list` numbers them)."""
    vendor = evaluation.vendor(vid)
    count = len(vendor.claims) if vendor else 0
    if not 1 <= number <= count:
        held = f"claims 1..{count}" if count else "no claims"
        raise ChecklistError.plain(f"'{vid}' has no claim {number} (it has {held}; see "
                                   "`checklist claim list`)")
    return number - 1


def _stated(claim: Claim, label: Label) -> Claim:
    """A claim added or edited says something: an empty statement is refused (files that
    already hold one still load; the memo shows what is there)."""
    if not claim.text.strip():
        raise ChecklistError.plain(f"{label('text')}: the claim's statement is empty; write "
                                   "what the vendor claims")
    return claim


def add_claim(evaluation: Evaluation, vid: str, fields: Mapping[str, Any],
              label: Label = _same) -> Evaluation:
    claim = _stated(validated(Claim, fields, label), label)
    return _claims(evaluation, vid, lambda claims: claims.append(claim.model_dump()))


def edit_claim(evaluation: Evaluation, vid: str, number: int, fields: Mapping[str, Any],
               label: Label = _same) -> Evaluation:
    """Claim `number` with `fields` replaced (None empties a field)."""
    index = claim_index(evaluation, vid, number)
    vendor = evaluation.vendor(vid)
    assert vendor is not None
    data = vendor.claims[index].model_dump()
    defaults = {k: f.get_default(call_default_factory=True)
                for k, f in Claim.model_fields.items() if not f.is_required()}
    for key, value in fields.items():
        data[key] = defaults.get(key) if value is None else value
    claim = _stated(validated(Claim, data, label), label)

    def put(claims: list[dict[str, Any]]) -> None:
        claims[index] = claim.model_dump()

    return _claims(evaluation, vid, put)


def remove_claim(evaluation: Evaluation, vid: str, number: int) -> Evaluation:
    index = claim_index(evaluation, vid, number)

    def remove(claims: list[dict[str, Any]]) -> None:
        del claims[index]

    return _claims(evaluation, vid, remove)


def move_claim(evaluation: Evaluation, vid: str, number: int, to: int) -> Evaluation:
    """Claim `number` moved to position `to` (both 1-based)."""
    index = claim_index(evaluation, vid, number)
    target = claim_index(evaluation, vid, to)

    def move(claims: list[dict[str, Any]]) -> None:
        claims.insert(target, claims.pop(index))

    return _claims(evaluation, vid, move)


# --- the decision ---------------------------------------------------------------------------

def set_fields(evaluation: Evaluation, fields: Mapping[str, Any],
               label: Label = _same) -> Evaluation:
    data = evaluation.model_dump()
    data.update(fields)
    return validated(Evaluation, data, label)


def set_person(evaluation: Evaluation, name: str, role: str | None,
               label: Label = _same) -> Evaluation:
    """Adds a decision maker, or changes the role of the one with that name."""
    person = validated(Person, {"name": name.strip(), "role": role or None}, label)
    people = [p.model_dump() for p in evaluation.decision_makers]
    for entry in people:
        if entry["name"].casefold() == person.name.casefold():
            entry["role"] = person.role
            break
    else:
        people.append(person.model_dump())
    return validated(Evaluation, {**evaluation.model_dump(), "decision_makers": people}, label)


def remove_person(evaluation: Evaluation, name: str, label: Label = _same) -> Evaluation:
    names = [p.name for p in evaluation.decision_makers]
    kept = [p.model_dump() for p in evaluation.decision_makers
            if p.name.casefold() != name.strip().casefold()]
    if len(kept) == len(names):
        raise ChecklistError.plain(f"{label('name')}: no decision maker named {name!r}"
                                   f"{hint(name, names, 'decision makers')}")
    return _with(evaluation, decision_makers=kept)


def add_option(evaluation: Evaluation, text: str, label: Label = _same) -> Evaluation:
    return validated(Evaluation, {**evaluation.model_dump(),
                                  "options": [*evaluation.options, text]}, label)


def remove_option(evaluation: Evaluation, text: str, label: Label = _same) -> Evaluation:
    if text not in evaluation.options:
        raise ChecklistError.plain(f"{label('options')}: no option {text!r}"
                                   f"{hint(text, evaluation.options, 'options')}")
    return _with(evaluation, options=[o for o in evaluation.options if o != text])


def set_context(evaluation: Evaluation, values: Mapping[str, bool]) -> Evaluation:
    return _with(evaluation, context={**evaluation.context, **values})
