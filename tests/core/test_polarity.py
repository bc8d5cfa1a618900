"""Yes/no polarity (issue 14 item 3): `good: no` makes "no" the answer that scores the scale's
maximum, so a question phrased naturally ("Does the vendor keep prompts beyond 30 days?")
scores, gates and reads right. Scale 0..4: the good answer is 4 (value 1), the other 0."""

from __future__ import annotations

from pathlib import Path

import pytest

from checklist import numbers as n
from checklist.cli import main
from checklist.files.library import load_rubric_file, resolve_entry
from checklist.model import Answer, Evaluation, Ratings, RubricPin, Vendor
from checklist.model.rubric import Rubric
from checklist.scoring import score

RUBRIC = """\
id: polar
version: 1.0.0
title: Polar
sections:
  - id: data
    title: Data
    axis: readiness
    questions:
      - id: keeps-prompts
        text: Does the vendor keep prompts beyond 30 days?
        type: yes_no
        good: no
        anchors: {4: Deleted within 30 days, 0: Kept beyond 30 days}
        gate: {min: 4}
      - id: sso
        text: Does the console support our SSO?
        type: yes_no
"""


@pytest.fixture
def rubric(tmp_path: Path) -> Rubric:
    path = tmp_path / "polar.yaml"
    path.write_text(RUBRIC, encoding="utf-8")
    return resolve_entry(load_rubric_file(path))


def acme(rubric: Rubric, keeps: bool):
    answers = {"keeps-prompts": Answer(answer=keeps), "sso": Answer(answer=True)}
    ev = Evaluation(title="t", rubric=RubricPin(id=rubric.id, version=rubric.version,
                                                sha256=rubric.digest()),
                    vendors=[Vendor(id="acme", name="Acme")])
    card = score(ev, rubric, {"ana": Ratings(rater="ana", answers={"acme": answers})},
                 draws=0)
    return card.vendor("acme")


def test_yes_to_a_negative_question_scores_the_minimum_and_fails_its_gate(rubric):
    v = acme(rubric, keeps=True)
    q = v.questions["keeps-prompts"]
    assert (q.level, q.value) == (0, 0.0)
    assert q.anchor == "Kept beyond 30 days"
    assert n.level(q.level, q.question, rubric.scale) == "yes"
    # section: keeps-prompts 0 and sso 1, weights 1 and 1: 0.5
    assert v.sections["data"].score == pytest.approx(0.5)
    assert v.verdict == "no-go"
    assert v.gates_failed[0].text() == "yes, the gate asks no"


def test_no_to_a_negative_question_is_the_good_answer(rubric):
    v = acme(rubric, keeps=False)
    q = v.questions["keeps-prompts"]
    assert (q.level, q.value) == (4, 1.0)
    assert q.anchor == "Deleted within 30 days"
    assert n.level(q.level, q.question, rubric.scale) == "no"
    assert v.sections["data"].score == pytest.approx(1.0)
    assert v.verdict == "go"


def test_polarity_at_its_default_leaves_the_pin_alone(rubric):
    stored = rubric.stored()["sections"][0]["questions"]
    assert stored[0]["good"] == "no"
    assert "good" not in stored[1]


def test_good_on_another_question_type_is_refused_where_it_is(tmp_path, capsys):
    path = tmp_path / "bad.yaml"
    text = RUBRIC.replace("      - id: sso\n        text: Does the console support our SSO?\n"
                          "        type: yes_no\n",
                          "      - id: depth\n        text: Depth\n        good: \"no\"\n")
    path.write_text(text, encoding="utf-8")
    assert main(["rubrics", "validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}:17:" in err and "only yes/no questions have `good`" in err
    assert "Traceback" not in err
