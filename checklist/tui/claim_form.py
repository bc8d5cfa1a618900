"""The claim dialog's fields as text, to and from a `Claim`: what `checklist claim add` takes
by flag, here by label. Kept free of Textual so the conversion is tested on its own.

A problem names the field by the label the dialog shows ("Margin: expected a number").
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from checklist.errors import ChecklistError
from checklist.model.claim import Claim, interval_from_text, value_from_text
from checklist.model.evaluation_edit import validated
from checklist.numbers import figure

#: The text fields of the dialog, in order, with their labels. `unit`, `grade` and
#: `against` (what kind of thing it is compared with) are lists to pick from.
TEXT_FIELDS: dict[str, str] = {
    "text": "Statement",
    "task": "Task",
    "metric": "Metric",
    "value": "Value",
    "target": "Which one",
    "margin": "Margin",
    "sample_size": "Sample size",
    "interval": "Interval",
    "level": "Level %",
    "source": "Source",
    "run_by": "Run by",
    "retrieved": "Retrieved",
    "date": "Result date",
    "note": "Note",
}
LABELS: dict[str, str] = {**TEXT_FIELDS, "unit": "Unit", "grade": "Grade",
                          "against": "Compared with", "compared_with": "Compared with",
                          "vendor": "Compared with", "low": "Interval", "high": "Interval"}
#: The kinds of thing a claim is compared with, as the dialog offers them ("" = nothing).
AGAINST: tuple[tuple[str, str], ...] = (("", "nothing"), ("vendor", "a vendor here"),
                                       ("model", "a named model"), ("baseline", "a baseline"))


def label(key: str) -> str:
    """The dialog's label for a field, from its path ("compared_with.margin"): the most
    specific part the dialog shows ("Margin"), else the part it belongs to."""
    parts = key.split(".")
    for part in (key, *reversed(parts)):
        if part in LABELS:
            return LABELS[part]
    return parts[-1].replace("_", " ").capitalize()


def form_values(claim: Claim | None) -> dict[str, str]:
    """What each field shows for `claim` (empty for a new one); `unit`, `grade` and
    `against` hold the picked value."""
    out = dict.fromkeys([*TEXT_FIELDS, "unit", "against"], "")
    out["grade"] = "vendor-claim"
    if claim is None:
        return out
    for key in ("text", "task", "metric", "source", "run_by", "note", "grade"):
        out[key] = str(getattr(claim, key))
    out["value"] = claim.value if isinstance(claim.value, str) else figure(claim.value)
    out["unit"] = claim.unit or ""
    for key in ("retrieved", "date"):
        day = getattr(claim, key)
        out[key] = day.isoformat() if day else ""
    if claim.sample_size is not None:
        out["sample_size"] = str(claim.sample_size)
    if claim.interval is not None:
        out["interval"] = f"{figure(claim.interval.low)}..{figure(claim.interval.high)}"
        out["level"] = figure(claim.interval.level)
    if claim.compared_with is not None:
        against = claim.compared_with
        out["against"], out["target"] = against.kind, against.target
        out["margin"] = figure(against.margin) if against.margin is not None else ""
    return out


def claim_from_form(values: Mapping[str, str], find_vendor: Callable[[str], str]) -> Claim:
    """The claim the fields describe, checked as `Claim` checks it; `find_vendor` turns a
    vendor's name or id into its id (raising ChecklistError for an unknown one)."""
    text = {k: v.strip() for k, v in values.items()}
    data: dict[str, Any] = {k: text.get(k, "") for k in ("text", "task", "metric", "source",
                                                          "run_by", "note", "grade")}
    data["value"] = value_from_text(text["value"]) if text.get("value") else ""
    data["unit"] = text.get("unit") or None
    for key in ("retrieved", "date"):
        data[key] = text.get(key) or None
    if text.get("sample_size"):
        data["sample_size"] = text["sample_size"]
    if text.get("interval") or text.get("level"):
        interval = interval_from_text(text.get("interval", ""))
        if interval is None:
            raise _problem("interval", "write LOW..HIGH, e.g. 58.5..65.5")
        data["interval"] = {**interval, **({"level": text["level"]} if text.get("level")
                                           else {})}
    kind, target = text.get("against", ""), text.get("target", "")
    if kind:
        if not target:
            raise _problem("target", "say which vendor, model or baseline")
        against: dict[str, Any] = {kind: find_vendor(target) if kind == "vendor" else target}
        if text.get("margin"):
            against["margin"] = text["margin"]
        data["compared_with"] = against
    elif text.get("margin") or target:
        raise _problem("against", "pick what the claim is compared with")
    return validated(Claim, data, label)


def _problem(key: str, what: str) -> ChecklistError:
    return ChecklistError.plain(f"{label(key)}: {what}")
