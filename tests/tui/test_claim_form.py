"""The claim dialog's text fields to and from a `Claim` (no Textual): every claim of the
worked examples comes back unchanged through the form, and a refused value names the field
by the dialog's own label."""

from __future__ import annotations

from pathlib import Path

import pytest

from checklist.errors import ChecklistError
from checklist.files.folder import load_folder
from checklist.tui.claim_form import claim_from_form, form_values

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _claims() -> list[tuple[str, object]]:
    out = []
    for folder in sorted(EXAMPLES.iterdir()):
        if (folder / "evaluation.yaml").is_file():
            evaluation = load_folder(folder).evaluation
            out += [(f"{folder.name}/{v.id}/{n}", c) for v in evaluation.vendors
                    for n, c in enumerate(v.claims, 1)]
    return out


CLAIMS = _claims()


def test_the_examples_have_claims_to_check():
    assert len(CLAIMS) >= 4


@pytest.mark.parametrize(("where", "claim"), CLAIMS, ids=[w for w, _ in CLAIMS])
def test_a_claim_comes_back_unchanged_through_the_form(where: str, claim) -> None:
    assert claim_from_form(form_values(claim), lambda text: text) == claim


def _form(**values: str) -> dict[str, str]:
    return {**form_values(None), "text": "Fast", **values}


@pytest.mark.parametrize(("values", "words"), [
    ({"date": "last week"}, "Result date: expected a date like 2026-11-21"),
    ({"margin": "12"}, "Compared with: pick what the claim is compared with"),
    ({"against": "model"}, "Which one: say which vendor, model or baseline"),
    ({"interval": "58-65"}, "Interval: write LOW..HIGH"),
    ({"sample_size": "many"}, "Sample size: expected a whole number"),
    ({"against": "model", "target": "Sora 2", "margin": "lots"},
     "Margin: expected a number"),
])
def test_a_refused_value_is_named_by_its_label(values: dict[str, str], words: str) -> None:
    with pytest.raises(ChecklistError) as caught:
        claim_from_form(_form(**values), lambda text: text)
    assert words in "\n".join(p.message for p in caught.value.problems)


def test_a_vendor_is_found_by_name():
    def find(text: str) -> str:
        if text != "Beta Corp":
            raise ChecklistError.plain(f"unknown vendor '{text}'")
        return "beta-corp"

    claim = claim_from_form(_form(against="vendor", target="Beta Corp", margin="12"), find)
    assert claim.compared_with is not None
    assert (claim.compared_with.vendor, claim.compared_with.margin) == ("beta-corp", 12)
    with pytest.raises(ChecklistError):
        claim_from_form(_form(against="vendor", target="Nobody"), find)
