"""Gates in the question's own terms (issue 14 item 2): a number gate's bound in the unit,
independent of the thresholds; a yes/no gate that requires an answer; a choice gate with the
acceptable choices; every result carries the answer and the bound, worded once.

Hand-computed against RUBRIC below (scale 0..4): `p95` is in s, lower is better, thresholds
4: 1, 3: 2, 2: 5, 1: 10, gate `max: 2`; `keeps-prompts` is yes/no with `require: no`;
`status` is a choice (ga 4, preview 2, retired 0) with `accept: [ga, preview]`; `depth` is a
score question with `min: 2`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checklist.cli import main
from checklist.files.library import load_rubric_file, resolve_entry
from checklist.model import Answer, Evaluation, Ratings, RubricPin, Vendor
from checklist.model.rubric import Gate, Rubric
from checklist.scoring import score
from checklist.scoring.export import gate_json

A = pytest.approx

RUBRIC = """\
id: gated
version: 1.0.0
title: Gated
sections:
  - id: main
    title: Main
    axis: readiness
    questions:
      - id: p95
        text: Measured p95 latency
        type: number
        unit: s
        better: lower
        thresholds: {4: 1, 3: 2, 2: 5, 1: 10}
        gate: {max: 2, reason: Interactive use}
      - id: keeps-prompts
        text: Does the vendor keep prompts beyond 30 days?
        type: yes_no
        gate: {require: no}
      - id: status
        text: Lifecycle status
        type: choice
        choices:
          - {id: ga, label: GA, score: 4}
          - {id: preview, label: Preview, score: 2}
          - {id: retired, label: Retired, score: 0}
        gate: {accept: [ga, preview]}
      - id: depth
        text: How deep is the documentation?
        gate: {min: 2}
"""

PASSING = {"p95": {"value": 1.5}, "keeps-prompts": {"answer": False},
           "status": {"choice": "ga"}, "depth": {"score": 3}}


@pytest.fixture
def rubric(tmp_path: Path) -> Rubric:
    path = tmp_path / "gated.yaml"
    path.write_text(RUBRIC, encoding="utf-8")
    return resolve_entry(load_rubric_file(path))


def vendor(rubric: Rubric, *answers: dict[str, dict], aggregate: str = "mean"):
    files = {f"r{i}": Ratings(rater=f"r{i}", answers={"acme": {
        q: Answer(**a) for q, a in {**PASSING, **given}.items()}})
        for i, given in enumerate(answers)}
    ev = Evaluation(title="t", rubric=RubricPin(id=rubric.id, version=rubric.version,
                                                sha256=rubric.digest()),
                    vendors=[Vendor(id="acme", name="Acme")])
    return score(ev, rubric, files, aggregate=aggregate, draws=0).vendor("acme")


def gate(v, qid: str):
    return next(g for g in v.gates if g.id == qid)


def test_two_close_measurements_either_side_of_the_bound(rubric: Rubric) -> None:
    # 1.9 s and 2.1 s: mean 2.0 s, at the bound of 2 s: passes.
    close = vendor(rubric, {"p95": {"value": 1.9}}, {"p95": {"value": 2.1}})
    assert gate(close, "p95").status == "pass" and close.verdict == "go"
    # 1.9 s and 2.3 s: mean 2.1 s, over it: no-go, saying the measurement and the bound.
    over = vendor(rubric, {"p95": {"value": 1.9}}, {"p95": {"value": 2.3}})
    failed = gate(over, "p95")
    assert failed.status == "fail" and over.verdict == "no-go"
    assert failed.measured == A(2.1)
    assert failed.text() == "2.1 s, the gate asks at most 2 s"
    assert over.conditions[0].text(rubric) == (
        "the gate “Measured p95 latency” failed: 2.1 s, the gate asks at most 2 s")
    assert (over.conditions[0].value, over.conditions[0].limit) == (A(2.1), 2)
    assert gate_json(failed) == {
        "question": "p95", "status": "fail", "value": 2, "min": None,
        "bound": {"kind": "number", "min": None, "max": 2.0, "accept": [], "unit": "s"},
        "answer": {"level": 2, "measured": 2.1, "answers": []},
        "text": "2.1 s, the gate asks at most 2 s"}


def test_a_number_bound_is_independent_of_the_thresholds(rubric: Rubric) -> None:
    # 2.6 s scores level 2 (meets 5 s), and still fails `max: 2`.
    v = vendor(rubric, {"p95": {"value": 2.6}})
    assert v.questions["p95"].level == 2
    assert gate(v, "p95").status == "fail"


def test_a_negative_yes_no_gate_requires_no(rubric: Rubric) -> None:
    keeps = vendor(rubric, {"keeps-prompts": {"answer": True}})
    assert keeps.verdict == "no-go"
    assert gate(keeps, "keeps-prompts").text() == "yes, the gate asks no"
    assert vendor(rubric, {"keeps-prompts": {"answer": False}}).verdict == "go"


def test_a_choice_gate_lists_the_acceptable_choices(rubric: Rubric) -> None:
    retired = vendor(rubric, {"status": {"choice": "retired"}})
    assert gate(retired, "status").text() == "Retired, the gate asks one of GA, Preview"
    assert retired.verdict == "no-go"
    assert vendor(rubric, {"status": {"choice": "preview"}}).verdict == "go"


def test_raters_split_on_an_answer_gate(rubric: Rubric) -> None:
    # ga, ga, retired: acceptable 1, 1, 0. Mean 0.67 < 1: fails; median 1: passes.
    split = ({"status": {"choice": "ga"}}, {"status": {"choice": "ga"}},
             {"status": {"choice": "retired"}})
    mean = gate(vendor(rubric, *split), "status")
    assert mean.status == "fail" and mean.answer_text() == "GA or Retired"
    assert gate(vendor(rubric, *split, aggregate="median"), "status").status == "pass"


def test_a_level_gate_words_its_minimum(rubric: Rubric) -> None:
    shallow = vendor(rubric, {"depth": {"score": 1}})
    assert gate(shallow, "depth").text() == "1/4, the gate asks at least 2/4"


def test_a_legacy_gate_keeps_its_stored_form_and_pin() -> None:
    assert Gate(min=2, when="public").model_dump() | {} == {
        "min": 2, "max": None, "require": None, "accept": None, "when": "public", "reason": ""}
    from checklist.model.rubric import Question, Section

    section = Section(id="s", title="S", axis="claims", questions=[
        Question(id="q", text="Q", gate=Gate(min=2))])
    stored = Rubric(id="r", version="1.0.0", title="R", sections=[section]).stored()
    assert stored["sections"][0]["questions"][0]["gate"] == {"min": 2, "when": None,
                                                              "reason": ""}


@pytest.mark.parametrize(("gate_text", "where", "message"), [
    ("{max: 2}", "depth", "a gate on a score question takes `min:` in scale points, not "
                          "`max:`"),
    ("{require: maybe}", "keeps-prompts", "require"),
    ("{accept: [ga, retird]}", "status", "unknown choice 'retird'"),
    ("{require: \"yes\"}", "p95", "a gate on a number question takes `max:` and/or `min:` "
                                  "in the question's unit, not `require:`"),
    ("{min: 3, max: 2}", "p95", "gate min 3 is above its max 2: no measurement could pass"),
    ("{when: public}", "depth", "the gate asks nothing: give it `min:` in scale points"),
])
def test_a_gate_that_does_not_fit_its_question_is_refused_where_it_is(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], gate_text: str, where: str,
        message: str) -> None:
    lines = RUBRIC.splitlines()
    at = lines.index(f"      - id: {where}")
    gate_line = next(i for i in range(at, len(lines)) if lines[i].startswith("        gate:"))
    lines[gate_line] = f"        gate: {gate_text}"
    text = "\n".join(lines) + "\n"
    if "public" in gate_text:
        text = text.replace("sections:\n", "context:\n  - {id: public, text: Public}\n"
                            "sections:\n", 1)
        gate_line += 2
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    before = path.read_bytes()
    code = main(["rubrics", "validate", str(path)])
    err = capsys.readouterr().err
    assert code == 2
    assert f"{path}:{gate_line + 1}:" in err and message in err
    assert "Traceback" not in err
    assert path.read_bytes() == before


def test_show_words_each_gate_in_its_terms(rubric: Rubric) -> None:
    from checklist.cli.rubric_cmds import describe

    shown = describe(rubric)
    assert "GATE: no-go unless at most 2 s: Interactive use" in shown
    assert "GATE: no-go unless no" in shown
    assert "GATE: no-go unless one of GA, Preview" in shown
    assert "GATE: no-go unless at least 2/4" in shown


