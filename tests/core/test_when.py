"""`when:` on questions and sections (issue 14 item 4): a question or section that does not
apply to this purchase leaves every denominator and says why.

RUBRIC below, scale 0..4, flags self-hosted, eu, personal (all default no):
- main (w 1): a (w 1); ops-gpu (w 1, when self-hosted, gate min 2)
- hosting (w 1, when self-hosted): h1
- claims (w 1): c1; marking (yes/no, when any of eu, personal); local (when not self-hosted)
Acme answers a 4, c1 2, local 4 and nothing else.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import TypeAdapter, ValidationError

from checklist.cli import main
from checklist.files.library import load_rubric_file, resolve_entry
from checklist.model import Answer, Evaluation, Ratings, RubricPin, Vendor
from checklist.model import when as conditions
from checklist.model.rubric import Rubric
from checklist.scoring import score
from checklist.scoring.context_change import context_change

A = pytest.approx

RUBRIC = """\
id: hosted
version: 1.0.0
title: Hosted
context:
  - {id: self-hosted, text: We host the model ourselves}
  - {id: eu, text: Outputs reach people in the EU}
  - {id: personal, text: We send personal data}
sections:
  - id: main
    title: Main
    axis: readiness
    questions:
      - {id: a, text: A}
      - id: ops-gpu
        text: Can we run it on our GPUs?
        when: self-hosted
        gate: {min: 2}
  - id: hosting
    title: Hosting
    axis: readiness
    when: self-hosted
    questions:
      - {id: h1, text: H1}
  - id: claims
    title: Claims
    axis: claims
    questions:
      - {id: c1, text: C1}
      - {id: marking, text: Are outputs marked?, type: yes_no, when: {any: [eu, personal]}}
      - {id: local, text: Is the hosted region ours?, when: not self-hosted}
"""

ANSWERS = {"a": Answer(score=4), "c1": Answer(score=2), "local": Answer(score=4)}


@pytest.fixture
def rubric(tmp_path: Path) -> Rubric:
    path = tmp_path / "hosted.yaml"
    path.write_text(RUBRIC, encoding="utf-8")
    return resolve_entry(load_rubric_file(path))


def evaluation(rubric: Rubric, **context: bool) -> Evaluation:
    return Evaluation(title="t", rubric=RubricPin(id=rubric.id, version=rubric.version,
                                                  sha256=rubric.digest()),
                      context=context, vendors=[Vendor(id="acme", name="Acme")])


RATINGS = {"ana": Ratings(rater="ana", answers={"acme": ANSWERS})}


def acme(rubric: Rubric, **context: bool):
    return score(evaluation(rubric, **context), rubric, RATINGS, draws=0).vendor("acme")


def test_questions_and_sections_off_leave_every_denominator(rubric: Rubric) -> None:
    v = acme(rubric)
    # main: a only (1.0); hosting: off; claims: c1 0.5 and local 1.0 -> 0.75.
    assert v.sections["main"].score == A(1.0) and v.sections["main"].total == 1
    assert v.sections["hosting"].score is None and v.sections["hosting"].na == 1
    assert v.sections["claims"].score == A(0.75)
    assert v.score == A((1.0 + 0.75) / 2)
    assert v.coverage == A(1.0) and not v.open_questions
    assert v.questions["ops-gpu"].status == "off" and v.questions["ops-gpu"].share == 0
    assert [g.status for g in v.gates] == ["off"]
    assert v.verdict == "go"
    assert v.questions["h1"].off_reason == (
        "does not apply because “We host the model ourselves” is no")
    assert v.questions["marking"].off_reason == (
        "does not apply because “Outputs reach people in the EU” is no and “We send personal "
        "data” is no")


def test_the_same_rubric_when_we_host_it(rubric: Rubric) -> None:
    v = acme(rubric, **{"self-hosted": True})
    # main: a 1, ops-gpu open 0 -> 0.5; hosting: h1 open -> 0; claims: c1 0.5 (local off).
    assert v.sections["main"].score == A(0.5)
    assert v.sections["hosting"].score == A(0.0)
    assert v.sections["claims"].score == A(0.5)
    assert v.score == A(1.0 / 3)
    assert v.verdict == "incomplete"
    assert v.questions["local"].off_reason == (
        "does not apply because “We host the model ourselves” is yes")


def test_any_of_applies_when_one_flag_is_set(rubric: Rubric) -> None:
    v = acme(rubric, personal=True)
    assert v.questions["marking"].status == "open"
    assert v.sections["claims"].score == A((0.5 + 0 + 1.0) / 3)


def test_context_change_reports_what_it_switches(rubric: Rubric) -> None:
    change = context_change(evaluation(rubric), rubric, RATINGS, {"self-hosted": True})
    assert change.lines() == [
        "self-hosted: no -> yes",
        "  gate on 'ops-gpu' switches on",
        "  section 'hosting' switches on",
        "  question 'ops-gpu' switches on",
        "  question 'local' switches off",
        "  Acme: go -> incomplete",
    ]


@pytest.mark.parametrize(("condition", "context", "holds"), [
    ("eu", {"eu": True}, True),
    ("eu", {}, False),                       # an unset flag counts as no
    ("not eu", {}, True),
    ({"all": ["eu", "not personal"]}, {"eu": True}, True),
    ({"all": ["eu", "not personal"]}, {"eu": True, "personal": True}, False),
    ({"any": ["eu", "personal"]}, {"personal": True}, True),
    ({"any": ["eu", "personal"]}, {}, False),
])
def test_the_grammar(condition, context, holds) -> None:
    parsed = TypeAdapter(conditions.When).validate_python(condition)
    assert parsed == condition                    # kept as written
    assert conditions.holds(parsed, context) is holds


@pytest.mark.parametrize("bad", ["Not eu", "eu and personal", {"all": []}, {"one": ["eu"]}, 3])
def test_the_grammar_refuses(bad) -> None:
    with pytest.raises(ValidationError):
        TypeAdapter(conditions.When).validate_python(bad)


def test_when_at_its_default_leaves_the_pin_alone(rubric: Rubric) -> None:
    stored = rubric.stored()
    assert "when" not in stored["sections"][0]
    assert stored["sections"][1]["when"] == "self-hosted"
    assert "when" not in stored["sections"][0]["questions"][0]
    assert stored["sections"][0]["questions"][1]["when"] == "self-hosted"


def test_an_unknown_flag_is_refused_where_it_is(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(RUBRIC.replace("when: {any: [eu, personal]}", "when: {any: [eu, persnal]}")
                    .replace("    when: self-hosted\n    questions:", "    when: selfhosted\n"
                             "    questions:"), encoding="utf-8")
    before = path.read_bytes()
    assert main(["rubrics", "validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}:21:11: unknown context flag 'selfhosted'" in err
    assert f"{path}:29:81:" in err and "unknown context flag 'persnal'" in err
    assert "Traceback" not in err and path.read_bytes() == before


def test_summary_says_what_does_not_apply(rubric: Rubric) -> None:
    from checklist.cli.summary_cmds import render_summary

    text = render_summary(score(evaluation(rubric), rubric, RATINGS, draws=0))
    assert "Questions that do not apply to this purchase:" in text
    assert "  - h1: does not apply because “We host the model ourselves” is no" in text
