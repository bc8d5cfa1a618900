"""`checklist rate --from FILE` (issue 13 item 7): many answers in one process, from YAML or
CSV, checked all before any is written."""

from __future__ import annotations

from pathlib import Path

import pytest

from checklist.cli import main
from checklist.files.folder import load_folder

GOOD = """\
answers:
  Acme:                       # by name
    who-ran: {score: 3, note: Lab report,
              evidence: [{url: "https://lab.example/r", grade: independent-lab}]}
    api: {answer: yes}
  beta-corp:
    status: {choice: preview}
    latency: {value: 45}
"""


def test_yaml_answers_in_one_run(tiny_eval: Path, tmp_path: Path,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "answers.yaml"
    source.write_text(GOOD, encoding="utf-8")
    assert main(["rate", str(tiny_eval), "--rater", "Ana", "--from", str(source)]) == 0
    assert "4 added" in capsys.readouterr().out
    ratings = load_folder(tiny_eval).ratings["ana"]
    who = ratings.get("acme", "who-ran")
    assert who is not None and (who.score, who.note, who.evidence[0].grade) == (
        3, "Lab report", "independent-lab")
    assert ratings.get("acme", "api").answer is True  # type: ignore[union-attr]
    assert ratings.get("beta-corp", "latency").value == 45  # type: ignore[union-attr]
    # a second batch changes the score and keeps the note it does not mention
    source.write_text("answers:\n  acme:\n    who-ran: {score: 4}\n", encoding="utf-8")
    assert main(["rate", str(tiny_eval), "--rater", "Ana", "--from", str(source)]) == 0
    who = load_folder(tiny_eval).ratings["ana"].get("acme", "who-ran")
    assert who is not None and (who.score, who.note) == (4, "Lab report")


def test_one_bad_answer_writes_nothing(tiny_eval: Path, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "answers.yaml"
    source.write_text(GOOD + "  gamma:\n    who-ran: {score: 9}\n    api: {choice: ga}\n"
                      "  nobody:\n    api: {answer: no}\n  acme-x: {}\n", encoding="utf-8")
    assert main(["rate", str(tiny_eval), "--rater", "Ana", "--from", str(source)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert f"{source}:10:22: score 9 is outside the scale 0..4" in err
    assert f"{source}:11:11: question 'api' is a yes_no question" in err
    assert f"{source}:12:3: unknown vendor 'nobody'" in err
    assert not (tiny_eval / "ratings").exists() or not any((tiny_eval / "ratings").iterdir())


def test_an_unknown_question_is_pointed_at(tiny_eval: Path, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "a.yml"
    source.write_text("answers:\n  acme:\n    who-ram: {score: 1}\n", encoding="utf-8")
    assert main(["rate", str(tiny_eval), "--rater", "Ana", "--from", str(source)]) == 2
    assert f"{source}:3:5: unknown question 'who-ram' — did you mean 'who-ran'?" in \
        capsys.readouterr().err


def test_csv_answers_in_one_run(tiny_eval: Path, tmp_path: Path) -> None:
    source = tmp_path / "answers.csv"
    source.write_text("vendor,question,value,note\nacme,who-ran,2,from the deck\n"
                      "Beta Corp,api,no,\n", encoding="utf-8")
    assert main(["rate", str(tiny_eval), "--rater", "Bo", "--from", str(source)]) == 0
    ratings = load_folder(tiny_eval).ratings["bo"]
    assert ratings.get("acme", "who-ran").score == 2  # type: ignore[union-attr]
    assert ratings.get("beta-corp", "api").answer is False  # type: ignore[union-attr]


@pytest.mark.parametrize(("extra", "message"), [
    (["--score", "3"], "drop --vendor, a value"),
    ([], "give a .yaml or .csv file"),
])
def test_from_does_not_mix(tiny_eval: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                           extra: list[str], message: str) -> None:
    source = tmp_path / ("a.txt.json" if not extra else "a.yaml")
    source.write_text(GOOD, encoding="utf-8")
    argv = ["rate", str(tiny_eval), "--rater", "Ana", "--from", str(source)]
    if extra:
        argv += ["--vendor", "acme", *extra]
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_one_answer_still_needs_vendor_and_question(tiny_eval: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rate", str(tiny_eval), "--rater", "Ana", "--score", "3"]) == 2
    assert "give --vendor and --question" in capsys.readouterr().err


def test_an_impossible_measurement_is_pointed_at(tiny_eval: Path, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "answers.yaml"
    source.write_text("answers:\n  acme:\n    latency: {value: -1}\n", encoding="utf-8")
    assert main(["rate", str(tiny_eval), "--rater", "Ana", "--from", str(source)]) == 2
    err = capsys.readouterr().err
    assert f"{source}:3:" in err and "a duration is never negative" in err
    assert "ana" not in load_folder(tiny_eval).ratings
    assert main(["rate", str(tiny_eval), "--rater", "Ana", "--vendor", "acme", "--question",
                 "latency", "--value", "-3"]) == 2
    assert "a duration is never negative" in capsys.readouterr().err
