"""Named fields: rubric texts that say `{vendor.model}` get the evaluation's own facts.

A rubric is written once for many purchases, so its questions to vendors need blanks: "Does
your indemnity cover outputs of {vendor.model} bought through {vendor.channel}?". The
vocabulary below is the whole list (README, "Named fields"); `rubrics validate` refuses any
other `{vendor.…}` or `{evaluation.…}`, the memo and questionnaire fill them from the
evaluation, and `checklist status` lists the ones still empty. Other braces are plain text.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from checklist.errors import hint
from checklist.model.evaluation import Evaluation, Vendor
from checklist.model.rubric import Question, Rubric

#: `{vendor.model}`, `{evaluation.use_case}`: a namespace, a dot, a field name.
FIELD = re.compile(r"\{(vendor|evaluation)\.([A-Za-z0-9_]+)\}")

#: Fields of one vendor, and what each holds.
VENDOR_FIELDS: dict[str, str] = {
    "name": "the vendor's name",
    "product": "what would be bought",
    "model": "the model id, as the API names it",
    "version": "its version or snapshot",
    "maker": "who makes the model",
    "channel": "how it is bought: direct, cloud marketplace, reseller",
    "region": "where it would run or be contracted",
    "contact": "who to ask at the vendor",
    "website": "the vendor's website",
    "claim": "the vendor's first recorded benchmark claim",
}
#: Fields of the evaluation (the same for every vendor), and what each holds.
EVALUATION_FIELDS: dict[str, str] = {
    "title": "the decision's title",
    "owner": "who owns the decision",
    "due": "when the decision is due",
    "buyer": "who buys: our legal entity and where it is incorporated",
    "use_case": "what we will use it for",
    "settings": "the settings we would buy at (e.g. resolution, duration)",
    "volume": "how much we expect to use: average and peak",
    "currency": "the currency we pay in",
    "term": "the contract term we want",
    "acceptance_criteria": "what a vendor must show for us to buy",
    "must_haves": "the features or controls we cannot do without",
}
NAMESPACES = {"vendor": VENDOR_FIELDS, "evaluation": EVALUATION_FIELDS}


def fields_in(text: str) -> list[str]:
    """The named fields `text` uses, as written ("vendor.model"), in order, once each."""
    return list(dict.fromkeys(f"{m[1]}.{m[2]}" for m in FIELD.finditer(text)))


def unknown_field(text: str) -> str | None:
    """Why `text` uses a field outside the vocabulary, or None."""
    for match in FIELD.finditer(text):
        space, name = match[1], match[2]
        known = NAMESPACES[space]
        if name not in known:
            return (f"unknown named field '{{{space}.{name}}}'"
                    f"{hint(name, list(known), f'{space} fields')}")
    return None


def value(field: str, vendor: Vendor | None, evaluation: Evaluation | None) -> str:
    """What a field holds for this vendor ("" when empty or not known)."""
    space, _, name = field.partition(".")
    holder: Vendor | Evaluation | None = vendor if space == "vendor" else evaluation
    if holder is None:
        return ""
    if isinstance(holder, Vendor) and name == "claim":
        return holder.claims[0].text if holder.claims else ""
    got = getattr(holder, name, None)
    if got is None:
        return ""
    if isinstance(got, dt.date):
        return got.isoformat()
    return str(got).replace("-", " ") if name == "channel" else str(got)


@dataclass(frozen=True)
class Filled:
    """A text with its fields filled; `missing` lists those left empty, marked in `text`."""

    text: str
    missing: tuple[str, ...]


def fill(text: str, vendor: Vendor | None, evaluation: Evaluation | None) -> Filled:
    """`text` with each known field replaced by its value; an empty one is marked
    "[vendor.model not set]" so that a preview shows it and nobody sends it unnoticed."""
    if "{" not in text:
        return Filled(text, ())
    missing: list[str] = []

    def replace(match: re.Match[str]) -> str:
        field = f"{match[1]}.{match[2]}"
        if match[2] not in NAMESPACES[match[1]]:
            return match[0]
        got = value(field, vendor, evaluation).strip()
        if got:
            return " ".join(got.split())
        if field not in missing:
            missing.append(field)
        return f"[{field} not set]"

    return Filled(FIELD.sub(replace, text), tuple(missing))


def unfilled(texts: Iterable[str], vendor: Vendor | None,
             evaluation: Evaluation | None) -> list[str]:
    """The fields `texts` use that are empty for this vendor, once each, in order."""
    found: dict[str, None] = {}
    for text in texts:
        for field in fields_in(text):
            space, _, name = field.partition(".")
            if name in NAMESPACES[space] and not value(field, vendor, evaluation).strip():
                found.setdefault(field)
    return list(found)


def question_texts(question: Question) -> list[tuple[tuple[str | int, ...], str]]:
    """Every text of a question that may use named fields, with its key path."""
    out: list[tuple[tuple[str | int, ...], str]] = [
        ((key,), getattr(question, key)) for key in ("text", "guidance", "evidence", "ask_vendor")
    ]
    out += [(("anchors", level), text) for level, text in question.anchors.items()]
    out += [(("choices", i, "label"), c.label) for i, c in enumerate(question.choices)]
    return out


def missing_fields(evaluation: Evaluation, rubric: Rubric) -> dict[str, list[str]]:
    """The named fields the rubric uses that are still empty: under "" those of the
    evaluation, under each vendor's id its own (as `checklist status` lists them)."""
    texts = [text for _, q in rubric.questions() for _, text in question_texts(q)]
    used = [f for text in texts for f in fields_in(text)]
    if not used:
        return {}
    shared = [f for f in unfilled(texts, None, evaluation) if f.startswith("evaluation.")]
    out = {"": shared} if shared else {}
    for vendor in evaluation.vendors:
        own = [f for f in unfilled(texts, vendor, evaluation) if f.startswith("vendor.")]
        if own:
            out[vendor.id] = own
    return out
