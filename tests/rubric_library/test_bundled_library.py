"""The bundled rubric library (issue 21): a neutral base and a child per kind of AI purchase.

Each child validates, shows in `rubrics show`, and scores a small example evaluation whose
verdicts and number levels (in that field's units) are checked here. The video child keeps
today's content: the worked example, scored against it, gets the verdicts it has always had.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import yaml

from checklist.cli import main
from checklist.files.config import bundled_dir
from checklist.files.folder import load_folder
from checklist.files.library import Library
from checklist.model.rubric import Rubric
from checklist.scoring import score_workspace

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "ai-video-2026"
CHILDREN = ("video-generation", "llm-api", "speech-to-text", "image-generation")
#: What a rubric is besides its name: the fields that can move a score or a verdict.
HEADER = ("id", "version", "title", "description", "based_on")


def resolved(ref: str) -> Rubric:
    return Library.discover().resolve(ref)


def test_every_bundled_rubric_validates(capsys: pytest.CaptureFixture[str]) -> None:
    files = sorted(str(p) for p in bundled_dir("rubrics").glob("*.yaml"))
    assert len(files) >= 6
    assert main(["rubrics", "validate", *files]) == 0
    assert capsys.readouterr().err == ""  # no warnings either


@pytest.mark.parametrize("rid", CHILDREN)
def test_each_child_extends_the_neutral_base_and_shows(
        rid: str, capsys: pytest.CaptureFixture[str]) -> None:
    rubric = resolved(rid)
    assert rubric.based_on == ["benchmark-vs-production@2.0.0"]
    assert main(["rubrics", "show", rid]) == 0
    out = capsys.readouterr().out
    assert "based on: benchmark-vs-production@2.0.0" in out
    # Latency and cost are measured in the field's own unit, with thresholds.
    for qid in ("p95-latency", "unit-cost"):
        question = rubric.question(qid)
        assert question is not None and question.type == "number" and question.thresholds
        assert f"if value <= {min(question.thresholds.values()):g} {question.unit}" in out


def test_neutral_base_speaks_no_one_field() -> None:
    base = resolved("benchmark-vs-production")
    assert base.version == "2.0.0"
    words = ("video", "clip", "resolution", "frame", "text-to-", "image-to-")
    for _section, question in base.questions():
        for text in (question.text, question.ask_vendor, *question.anchors.values()):
            assert not [w for w in words if w in text.lower()], (question.id, text)
    # Latency and cost against the team's own target, not a field's thresholds.
    assert base.question("p95-latency").type == "score"  # type: ignore[union-attr]
    assert base.question("unit-cost").type == "score"  # type: ignore[union-attr]


def test_video_child_is_todays_rubric_in_everything_that_scores() -> None:
    old = resolved("benchmark-vs-production@1.2.0").stored()
    new = resolved("video-generation").stored()
    for name in HEADER:
        old.pop(name), new.pop(name)
    for section in new["sections"]:  # framework tags come from the base; they never score
        for question in section["questions"]:
            question.pop("maps_to", None)
    # The number questions' guidance adds that the thresholds are the authors' choice.
    olds = {q["id"]: q for s in old["sections"] for q in s["questions"]}
    for section in new["sections"]:
        for question in section["questions"]:
            if question["id"] in ("p95-latency", "unit-cost", "usable-rate"):
                added = question["guidance"]
                assert "authors' choice" in added
                for sentence in olds[question["id"]]["guidance"].split(". "):
                    assert " ".join(sentence.split()) in " ".join(added.split())
                question["guidance"] = olds[question["id"]]["guidance"]
    # Context flags: the same ids, defaults and order (their explanations are neutral now).
    assert [(f["id"], f["default"]) for f in old.pop("context")] == \
        [(f["id"], f["default"]) for f in new.pop("context")]
    assert new == old


def test_old_pins_still_resolve() -> None:
    library = Library.discover()
    assert library.find("benchmark-vs-production@1.2.0") is not None
    pin = load_folder(EXAMPLE).evaluation.rubric
    assert resolved(f"{pin.id}@{pin.version}").digest() == pin.sha256


def test_worked_example_keeps_its_verdicts_under_the_video_child() -> None:
    workspace = load_folder(EXAMPLE)
    before = score_workspace(workspace)
    after = score_workspace(dataclasses.replace(workspace, rubric=resolved("video-generation")))
    assert [(v.id, v.rank, v.verdict, round(v.score, 9), tuple(g.id for g in v.gates_failed))
            for v in after.vendors] == \
        [(v.id, v.rank, v.verdict, round(v.score, 9), tuple(g.id for g in v.gates_failed))
         for v in before.vendors]
    assert after.winner is not None and after.winner.id == before.winner.id  # type: ignore[union-attr]


# --- a small example evaluation per child -------------------------------------------------

#: Measurements of a good vendor, in each child's units, and the level each must map to.
MEASURED: dict[str, dict[str, tuple[float, int]]] = {
    "video-generation": {"p95-latency": (90, 3), "unit-cost": (0.3, 3), "usable-rate": (72, 4)},
    "llm-api": {"p95-latency": (4.2, 3), "unit-cost": (3.5, 3), "usable-rate": (55, 3)},
    "speech-to-text": {"p95-latency": (12, 4), "unit-cost": (1.8, 2), "usable-rate": (80, 4),
                       "word-error-rate": (8.5, 3)},
    "image-generation": {"p95-latency": (25, 2), "unit-cost": (0.04, 3), "usable-rate": (35, 2)},
}


def answers_for(rubric: Rubric, measured: dict[str, tuple[float, int]],
                *, no_api: bool) -> dict[str, dict[str, object]]:
    """Every question answered: scores of 3, good yes/no answers, the best choice, and the
    given measurements; `no_api` answers the commercial-API knock-out with "not offered"."""
    out: dict[str, dict[str, object]] = {}
    for _section, question in rubric.questions():
        if question.type == "number":
            out[question.id] = {"value": measured[question.id][0]}
        elif question.type == "yes_no":
            out[question.id] = {"answer": question.good == "yes"}
        elif question.type == "choice":
            best = max(question.choices, key=lambda c: c.score)
            out[question.id] = {"choice": best.id}
        else:
            out[question.id] = {"score": 3}
    if no_api:
        out["commercial-api"] = {"choice": "not-offered"}
    return out


@pytest.mark.parametrize("rid", CHILDREN)
def test_example_evaluation_per_child(rid: str, workdir: Path) -> None:
    folder = workdir / "ev"
    assert main(["new", str(folder), "--rubric", rid, "--title", f"{rid} purchase",
                 "--vendor", "Ready Co", "--vendor", "Lab Only"]) == 0
    workspace = load_folder(folder)
    rubric = workspace.rubric
    assert rubric.id == rid
    answers = {
        "ready-co": answers_for(rubric, MEASURED[rid], no_api=False),
        "lab-only": answers_for(rubric, MEASURED[rid], no_api=True),
    }
    sheet = workdir / "answers.yaml"
    sheet.write_text(yaml.safe_dump({"answers": answers}), encoding="utf-8")
    assert main(["rate", str(folder), "--rater", "ana", "--from", str(sheet)]) == 0

    card = score_workspace(load_folder(folder))
    ready, lab = card.vendor("ready-co"), card.vendor("lab-only")
    assert ready.verdict == "go" and ready.rank == 1
    assert lab.verdict == "no-go" and [g.id for g in lab.gates_failed] == ["commercial-api"]
    for qid, (value, level) in MEASURED[rid].items():
        result = ready.questions[qid]
        assert (result.measured, result.level) == (value, level), qid


def test_rubrics_list_shows_purpose_parent_and_version(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rubrics", "list"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split() == ["ID", "VERSION", "PARENT", "PURPOSE", "FROM"]
    row = next(line for line in out.splitlines() if line.startswith("speech-to-text"))
    assert row.split()[1:3] == ["1.0.0", "benchmark-vs-production@2.0.0"]
    assert "For buying speech-to-text" in row
    base = next(line for line in out.splitlines() if line.startswith("benchmark-vs-production")
                and " 2.0.0 " in line)
    assert base.split()[2] == "-" and "For any AI model purchase" in base


def test_an_old_pin_is_offered_the_video_child_not_the_neutral_base(
        workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """benchmark-vs-production 1.2.0 says `continued_as: video-generation`: the upgrade notice
    and `checklist upgrade` move a 1.2.0 evaluation there, where every answer keeps its meaning,
    rather than to the neutral 2.0.0, whose latency and cost are not number questions."""
    import json
    import shutil

    from checklist.reuse.rubric_updates import newer_rubric

    assert newer_rubric(load_folder(EXAMPLE)) == "video-generation@1.0.0"
    copy = workdir / "ex"
    shutil.copytree(EXAMPLE, copy)
    assert main(["upgrade", str(copy), "--dry-run", "--json"]) == 0
    plan = json.loads(capsys.readouterr().out)
    assert plan["to"]["ref"] == "video-generation@1.0.0"
    assert plan["answers_orphaned"] == [] and plan["answers_moved"] == []
    assert main(["upgrade", str(copy)]) == 0
    before = score_workspace(load_folder(EXAMPLE))
    after = score_workspace(load_folder(copy))
    assert [(v.id, v.verdict) for v in after.vendors] == [(v.id, v.verdict) for v in before.vendors]
