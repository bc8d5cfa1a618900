"""Claims, vendors and decision makers as structured data (issue 13, items 1-3), and old
evaluation files loading unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from checklist.errors import ChecklistError
from checklist.files.folder import evaluation_text, load_folder
from checklist.model import Evaluation

REPO = Path(__file__).resolve().parents[2]


def _edit(ev: Path, change: object) -> None:
    path = ev / "evaluation.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)  # type: ignore[operator]
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def test_a_comparative_claim_is_exact_data(tiny_eval: Path) -> None:
    """'Acme beats Beta Corp by 12 points of win rate on text-to-video' is data the bake-off
    can check: the other vendor by id, the metric, the unit, the margin, the task."""
    claim = {
        "text": "Acme wins 62% of blind comparisons against Beta",
        "task": "text-to-video", "metric": "win rate", "value": 62, "unit": "win-rate",
        "compared_with": {"vendor": "beta-corp", "margin": 12},
        "sample_size": 1200, "interval": {"low": 58.5, "high": 65.5, "level": 95},
        "source": "https://example.com/acme-report", "run_by": "Acme research",
        "grade": "vendor-sampled", "retrieved": "2026-11-01", "date": "2026-10-15",
        "note": "blind pairwise votes",
    }
    _edit(tiny_eval, lambda d: d["vendors"][0].update(claims=[claim]))
    workspace = load_folder(tiny_eval)
    got = workspace.evaluation.vendors[0].claims[0]
    assert got.is_comparative
    assert got.compared_with is not None
    assert (got.compared_with.kind, got.compared_with.target, got.compared_with.margin) == (
        "vendor", "beta-corp", 12)
    assert (got.task, got.unit, got.value, got.sample_size) == ("text-to-video", "win-rate",
                                                                 62, 1200)
    assert got.interval is not None and (got.interval.low, got.interval.high) == (58.5, 65.5)
    # written back as given, and read back equal
    again = Evaluation.model_validate(yaml.safe_load(evaluation_text(workspace.evaluation)))
    assert again == workspace.evaluation


@pytest.mark.parametrize(("compared", "message"), [
    ({"vendor": "nobody"}, "unknown vendor 'nobody'"),
    ({"vendor": "acme"}, "cannot compare it with itself"),
    ({"vendor": "beta-corp", "model": "Sora 2"}, "give exactly one of vendor, model or baseline"),
    ({"margin": 3}, "give exactly one of vendor, model or baseline"),
])
def test_a_comparison_names_exactly_one_other_thing(tiny_eval: Path, compared: object,
                                                      message: str) -> None:
    claim = {"text": "better", "compared_with": compared}
    _edit(tiny_eval, lambda d: d["vendors"][0].update(claims=[claim]))
    with pytest.raises(ChecklistError) as caught:
        load_folder(tiny_eval)
    problem = caught.value.problems[0]
    assert problem.file.endswith("evaluation.yaml")
    assert problem.line > 1
    assert message in problem.message


def test_an_interval_upside_down_is_pointed_at(tiny_eval: Path) -> None:
    claim = {"text": "x", "value": 3, "interval": {"low": 5, "high": 1}}
    _edit(tiny_eval, lambda d: d["vendors"][0].update(claims=[claim]))
    with pytest.raises(ChecklistError) as caught:
        load_folder(tiny_eval)
    assert "low (5) must not be above high (1)" in caught.value.problems[0].message


def test_vendor_fields_and_decision_makers_with_roles(tiny_eval: Path) -> None:
    def change(d: dict[str, object]) -> None:
        vendor = d["vendors"][0]  # type: ignore[index]
        vendor.update(model="acme-video-2", version="2026-04-07", maker="Acme Labs",
                      channel="cloud-marketplace", region="EU", contact="sales@acme.example")
        d["decision_makers"] = ["Ana (old style)", {"name": "Bo", "role": "approver"}]
        d["due"] = "2026-12-15"
        d["options"] = ["keep the current vendor"]

    _edit(tiny_eval, change)
    evaluation = load_folder(tiny_eval).evaluation
    acme = evaluation.vendors[0]
    assert (acme.model, acme.channel, acme.region) == ("acme-video-2", "cloud-marketplace", "EU")
    assert [p.display() for p in evaluation.decision_makers] == ["Ana (old style)",
                                                                 "Bo (approver)"]
    text = evaluation_text(evaluation)
    assert "- name: Ana (old style)\n" in text and "role: approver" in text
    assert "due: 2026-12-15" in text


def test_an_unknown_role_is_an_error_at_its_line(tiny_eval: Path) -> None:
    _edit(tiny_eval, lambda d: d.update(decision_makers=[{"name": "Bo", "role": "boss"}]))
    with pytest.raises(ChecklistError) as caught:
        load_folder(tiny_eval)
    problem = caught.value.problems[0]
    assert "'boss' is not allowed" in problem.message
    assert problem.line > 1


def test_the_first_format_loads_and_keeps_every_field() -> None:
    """The worked example as first written (names-only decision makers, claims with text,
    value in words, date) loads; saving it keeps every claim key and value, and the decision
    makers become `name:` entries with the same names."""
    evaluation = Evaluation.model_validate(yaml.safe_load(OLD_FORMAT))
    saved = yaml.safe_load(evaluation_text(evaluation))
    before = yaml.safe_load(OLD_FORMAT)
    assert [p["name"] for p in saved["decision_makers"]] == before["decision_makers"]
    for was, now in zip(before["vendors"], saved["vendors"], strict=True):
        assert was == now  # every vendor and claim key, unchanged


OLD_FORMAT = (REPO / "tests" / "data" / "evaluation-first-format.yaml").read_text(encoding="utf-8")


def test_a_rank_comparison_reads_as_places() -> None:
    from checklist.model.claim import Claim, comparison_text

    below = Claim.model_validate({"text": "t", "unit": "rank",
                                  "compared_with": {"vendor": "b", "margin": -1}})
    above = Claim.model_validate({"text": "t", "unit": "rank",
                                  "compared_with": {"vendor": "b", "margin": 2}})
    assert comparison_text(below, {"b": "Beta"}) == "vs Beta, 1 place below"
    assert comparison_text(above) == "vs b, 2 places above"
