"""One reading of an answer's value, one way to change an answer, one timestamp rule:
what the CLI, the spreadsheet import and the TUI all use (`checklist.model.answer_edit`,
`Answer.merged`, `Answer.stamped`)."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from checklist.cli import main
from checklist.files.library import load_rubric_file, resolve_entry
from checklist.model import Answer, Evidence, Question
from checklist.model.answer_edit import Value, ValueProblem, parse_value

TINY = Path(__file__).resolve().parent.parent / "data" / "tiny.yaml"
RUBRIC = resolve_entry(load_rubric_file(TINY))
SCALE = RUBRIC.scale


def q(qid: str) -> Question:
    question = RUBRIC.question(qid)
    assert question is not None
    return question


@pytest.mark.parametrize(("qid", "raw", "expected"), [
    ("who-ran", "3", Value("score", 3)),
    ("who-ran", " 3.0 ", Value("score", 3)),
    ("api", "YES", Value("answer", True)),
    ("api", "y", Value("answer", True)),
    ("api", "false", Value("answer", False)),
    ("status", "ga", Value("choice", "ga")),
    ("status", "GA", Value("choice", "ga")),          # the label, as written
    ("status", "preview", Value("choice", "preview")),
    ("status", "PREVIEW", Value("choice", "preview")),  # any case
    ("latency", "2.5", Value("value", 2.5)),
    ("latency", "240 s", Value("value", 240.0)),      # with the question's unit
    ("latency", "240s", Value("value", 240.0)),
    ("latency", "1e3", Value("value", 1000.0)),
])
def test_accepted_values(qid: str, raw: str, expected: Value) -> None:
    assert parse_value(q(qid), SCALE, raw) == expected


def test_empty_clears_and_na_only_where_allowed() -> None:
    assert parse_value(q("who-ran"), SCALE, "  ") is None
    assert parse_value(q("latency"), SCALE, "n/a") == Value.na()  # latency allows N/A
    assert parse_value(q("latency"), SCALE, "NA") == Value.na()
    with pytest.raises(ValueProblem, match="question 'who-ran' does not allow N/A"):
        parse_value(q("who-ran"), SCALE, "N/A")


@pytest.mark.parametrize(("qid", "raw", "message"), [
    ("who-ran", "9", "'9': question 'who-ran' takes a whole score 0..4"),
    ("who-ran", "2.5", "'2.5': question 'who-ran' takes a whole score 0..4"),
    ("api", "maybe", "'maybe': question 'api' takes yes or no"),
    ("status", "gaa", "unknown choice 'gaa' — did you mean 'ga'?"),
    ("latency", "fast", "'fast': question 'latency' takes a number in s"),
    ("latency", "-0.5", "'-0.5': -0.5 s: a duration is never negative; give the measured time"),
    ("latency", "nan", "'nan': not a finite number; question 'latency' takes a number in s"),
    ("latency", "240 ms", "'240 ms': question 'latency' measures in s, not 'ms'; convert the "
                          "value to s (or write the number alone)"),
    ("latency", "2.1ms", "'2.1ms': question 'latency' measures in s, not 'ms'; convert the "
                         "value to s (or write the number alone)"),
])
def test_refused_values_say_what_the_question_takes(qid: str, raw: str, message: str) -> None:
    with pytest.raises(ValueProblem) as caught:
        parse_value(q(qid), SCALE, raw)
    assert str(caught.value) == message


@given(st.floats(min_value=0, allow_nan=False, allow_infinity=False))
def test_every_finite_number_reads_back(number: float) -> None:
    # a duration: any number from 0 up (negative ones are refused, below)
    assert parse_value(q("latency"), SCALE, repr(number)) == Value("value", number)
    assert parse_value(q("latency"), SCALE, f"{number!r} s") == Value("value", number)


def test_with_value_replaces_only_the_value() -> None:
    at = dt.datetime(2026, 11, 2, tzinfo=dt.UTC)
    answer = Answer(score=2, note="why", evidence=[Evidence(url="e.pdf")], confidence="low",
                    at=at)
    changed = answer.with_value(Value("na", True))
    assert (changed.na, changed.score) == (True, None)
    assert (changed.note, changed.evidence, changed.confidence, changed.at) == (
        "why", answer.evidence, "low", at)
    cleared = changed.with_value(None)
    assert not cleared.is_answered and not cleared.is_empty
    assert Answer(score=1).with_value(None).is_empty


def test_merged_keeps_what_it_is_not_given_and_checks_limits() -> None:
    answer = Answer(score=2, note="why", confidence="low")
    assert answer.merged(note="new").model_dump() == {**answer.model_dump(), "note": "new"}
    assert answer.merged(confidence=None).confidence is None
    with pytest.raises(ValueError):
        answer.merged(note="x" * 20_001)


def test_the_timestamp_rule() -> None:
    then, now = (dt.datetime(2026, 11, d, tzinfo=dt.UTC) for d in (1, 2))
    before = Answer(score=2, at=then)
    assert before.with_value(Value("score", 2)).stamped(before, now) is before
    assert before.with_value(Value("score", 3)).stamped(before, now).at == now
    imported = before.merged(value=Value("score", 3), at=dt.datetime(2026, 10, 1, tzinfo=dt.UTC))
    assert imported.stamped(before, now).at == imported.at  # the sheet says when
    assert Answer(score=1).stamped(None, now).at == now


def _rate(folder: Path, *args: str) -> int:
    return main(["rate", str(folder), "--rater", "ana", "--vendor", "acme", *args])


def _answers(folder: Path) -> dict:
    return yaml.safe_load((folder / "ratings" / "ana.yaml").read_text())["answers"]["acme"]


def test_rate_reads_choice_labels_and_units_as_the_import_does(tiny_eval: Path) -> None:
    assert _rate(tiny_eval, "--question", "status", "--choice", "Preview") == 0
    assert _rate(tiny_eval, "--question", "latency", "--value", "2.5 s") == 0
    answers = _answers(tiny_eval)
    assert answers["status"]["choice"] == "preview"
    assert math.isclose(answers["latency"]["value"], 2.5)


def test_rating_the_same_value_again_keeps_its_time(tiny_eval: Path) -> None:
    assert _rate(tiny_eval, "--question", "who-ran", "--score", "2") == 0
    first = _answers(tiny_eval)["who-ran"]["at"]
    stamp = tiny_eval / "ratings" / "ana.yaml"
    text = stamp.read_text().replace(str(first), "2026-01-01 00:00:00+00:00")
    stamp.write_text(text)
    assert _rate(tiny_eval, "--question", "who-ran", "--score", "2") == 0
    assert str(_answers(tiny_eval)["who-ran"]["at"]) == "2026-01-01 00:00:00+00:00"
    assert _rate(tiny_eval, "--question", "who-ran", "--score", "3") == 0
    assert str(_answers(tiny_eval)["who-ran"]["at"]) != "2026-01-01 00:00:00+00:00"


# --- labels, as a sheet's dropdown offers them (issue 18) ---------------------------------


@pytest.mark.parametrize(("qid", "raw", "expected"), [
    ("who-ran", "3 Good", Value("score", 3)),       # the level as a dropdown shows it
    ("who-ran", "good", Value("score", 3)),         # the scale's word alone
    ("who-ran", " 0  none ", Value("score", 0)),
    ("status", "2", Value("choice", "preview")),   # the choice's number in the TUI's list
])
def test_labels_read_back(qid: str, raw: str, expected: Value) -> None:
    assert parse_value(q(qid), SCALE, raw) == expected


def test_every_dropdown_label_reads_back_to_its_value() -> None:
    from checklist.model.answer_edit import value_labels

    for _, question in RUBRIC.questions():
        labels = value_labels(question, SCALE)
        values = [parse_value(question, SCALE, label) for label in labels]
        assert len(set(values)) == len(labels), question.id  # one value per label
        if question.type == "score":
            assert labels[3] == "3 Good"
        if question.allow_na and labels:
            assert values[-1] == Value.na()
    assert value_labels(q("latency"), SCALE) == []  # numbers get a decimal check instead


def test_duplicate_choice_labels_get_their_id() -> None:
    from checklist.model.answer_edit import choice_label, value_labels

    question = Question.model_validate({
        "id": "tier", "text": "Tier", "type": "choice", "choices": [
            {"id": "a", "label": "Standard", "score": 1},
            {"id": "b", "label": "standard", "score": 2},
            {"id": "c", "label": "Premium", "score": 4}]})
    assert value_labels(question, SCALE) == ["Standard (a)", "standard (b)", "Premium"]
    assert choice_label(question, question.choices[2]) == "Premium"
    assert parse_value(question, SCALE, "standard (b)") == Value("choice", "b")


@pytest.mark.parametrize(("text", "grade"), [
    ("own-test", "own-test"), ("own test", "own-test"), ("Our own test", "own-test"),
    ("Vendor claim", "vendor-claim"), ("third party", "third-party"),
    ("vendor-sampled, third-party scored", "vendor-sampled"), ("hearsay", None),
])
def test_grades_by_id_or_label(text: str, grade: str | None) -> None:
    from checklist.model.answer_edit import parse_grade

    assert parse_grade(text) == grade
