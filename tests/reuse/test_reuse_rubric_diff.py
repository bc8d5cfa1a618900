"""`checklist rubrics diff` and the pure rubric comparison behind it."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from checklist.files.library import Library
from checklist.model import Gate
from checklist.reuse.rubric_diff import diff_rubrics

from .conftest import TINY_1_1, Cli, tiny_variant


def _tiny(team: Path) -> Library:
    (team / "tiny-1.1.yaml").write_text(tiny_variant("1.1.0", *TINY_1_1), encoding="utf-8")
    return Library.discover()


def test_identical_rubrics_have_no_changes(team: Path) -> None:
    rubric = Library.discover().resolve("tiny")
    diff = diff_rubrics(rubric, rubric)
    assert diff.same and diff.empty
    assert "no changes" in diff.text()


def test_every_kind_of_change_is_reported(team: Path) -> None:
    library = _tiny(team)
    diff = diff_rubrics(library.resolve("tiny@1.0.0"), library.resolve("tiny@1.1.0"))
    assert diff.added == ["sso"]
    assert diff.removed == ["tasks"]
    assert set(diff.changed) == {"who-ran", "status", "latency"}
    who = diff.question("who-ran")
    assert who is not None
    fields = {c.field: (c.old, c.new) for c in who.changes}
    assert fields["weight"] == (2, 3)
    assert fields["anchors.2"] == ("third party", "third party with samples")
    latency = diff.question("latency")
    assert latency is not None and latency.type_changed and latency.scoring
    status = diff.question("status")
    assert status is not None
    assert {c.field for c in status.changes} == {"choices.preview", "gate.when"}
    assert [(f.id, f.status) for f in diff.flags] == [("published", "added"),
                                                      ("public", "removed")]
    assert [c.field for c in diff.meta] == ["version"]


def test_gates_sections_and_policy_changes(team: Path) -> None:
    library = Library.discover()
    old = library.resolve("tiny")
    sections = [s.model_copy(deep=True) for s in old.sections]
    sections[1].weight = 3
    sections[1].questions[0].gate = None
    sections[0].questions[1].gate = Gate(min=2)
    new = old.model_copy(update={
        "sections": sections,
        "policy": old.policy.model_copy(update={"min_coverage": 0.9}),
    })
    diff = diff_rubrics(old, new)
    data = diff.to_json()
    assert data["rubric"] == [{"field": "policy.min_coverage", "old": 0.8, "new": 0.9,
                               "scoring": False}]
    assert data["sections"] == [{"id": "ready", "status": "changed", "changes": [
        {"field": "weight", "old": 1, "new": 3, "scoring": True}], "scoring": True}]
    by_id = {q["id"]: q for q in data["questions"]}
    assert by_id["api"]["changes"][0]["field"] == "gate"
    assert by_id["api"]["changes"][0]["new"] is None
    assert by_id["tasks"]["changes"][0] == {"field": "gate", "old": None, "new": {"min": 2},
                                            "scoring": True}


@settings(max_examples=30, deadline=None)
@given(weights=st.lists(st.floats(min_value=0.1, max_value=10, allow_nan=False), min_size=5,
                        max_size=5))
def test_weight_changes_are_reported_exactly(weights: list[float]) -> None:
    """For any new question weights, the diff names exactly the questions whose weight moved."""
    from checklist.files.library import load_rubric_file, resolve_entry

    from .conftest import DATA

    old = resolve_entry(load_rubric_file(DATA / "tiny.yaml"))
    sections = [s.model_copy(deep=True) for s in old.sections]
    questions = [q for s in sections for q in s.questions]
    for question, weight in zip(questions, weights, strict=True):
        question.weight = weight
    new = old.model_copy(update={"sections": sections})
    diff = diff_rubrics(old, new)
    expected = {q.id for q, (_, o) in zip(questions, old.questions(), strict=True)
                if q.weight != o.weight}
    assert set(diff.changed) == expected
    assert diff.same == (not expected)


def test_cli_compares_ids_versions_files_and_evaluation_folders(team: Path, ev: Path,
                                                                cli: Cli) -> None:
    _tiny(team)
    result = cli("rubrics", "diff", "tiny@1.0.0", "tiny")
    assert result.code == 0, result.err
    assert "tiny@1.0.0 -> tiny@1.1.0" in result.out
    assert "+ sso (in ready)" in result.out
    assert "- tasks (in claims-a)" in result.out
    assert "weight: 2 -> 3" in result.out
    assert "1 question(s) added, 1 removed, 3 changed" in result.out

    result = cli("rubrics", "diff", ev, team / "tiny-1.1.yaml", "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["old"]["ref"] == "tiny@1.0.0" and data["new"]["ref"] == "tiny@1.1.0"
    assert data["summary"]["questions_added"] == ["sso"]
    assert data["same"] is False


def test_cli_diff_of_an_unknown_rubric_is_a_clear_error(team: Path, workdir: Path,
                                                       cli: Cli) -> None:
    result = cli("rubrics", "diff", "tiny", "tinny")
    assert result.code == 2
    assert "no rubric 'tinny'" in result.err and "did you mean 'tiny'" in result.err
    assert "Traceback" not in result.err
    bad = workdir / "bad.yaml"
    bad.write_text("id: bad\nversion: 1.0.0\ntitle: Bad\nsections:\n  - id: s\n    wieght: 1\n",
                   encoding="utf-8")
    result = cli("rubrics", "diff", "tiny", bad)
    assert result.code == 2
    assert f"{bad}:" in result.err
