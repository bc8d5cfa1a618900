"""`summary --json` per question (issue 14 item 6): each rater's answer, the aggregate, the
level, whether the question applies, its gate in its terms and the evidence behind it; a
`schema_version`; `checklist rubrics schema summary`; `diff` reports context changes.

tiny (tests/data/tiny.yaml): latency is a number question in s, lower is better, thresholds
4: 30, 3: 60, 2: 120, 1: 300; status is a choice gated `min: 2` when `public`.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from pydantic import TypeAdapter

from checklist.cli import main
from checklist.scoring.export_types import SCHEMA_VERSION, SummaryJson


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def rate(capsys, ev: Path, rater: str, question: str, *value: str) -> None:
    code, _, err = run(capsys, "rate", ev, "--rater", rater, "--vendor", "acme",
                       "--question", question, *value)
    assert code == 0, err


def test_each_question_per_vendor(tiny_eval: Path, capsys) -> None:
    rate(capsys, tiny_eval, "ana", "latency", "--value", "55 s", "--evidence",
         "https://example.com/log", "--grade", "own-test")
    rate(capsys, tiny_eval, "ben", "latency", "--value", "65")
    rate(capsys, tiny_eval, "ana", "status", "--choice", "retired")
    code, out, _ = run(capsys, "summary", tiny_eval, "--json")
    assert code == 0
    data = json.loads(out)
    TypeAdapter(SummaryJson).validate_python(data)      # the documented shape, no more
    assert data["schema_version"] == SCHEMA_VERSION == 1
    acme = next(v for v in data["vendors"] if v["id"] == "acme")
    assert set(acme["questions"]) == {"who-ran", "tasks", "api", "status", "latency"}
    latency = acme["questions"]["latency"]
    assert latency["raters"] == {
        "ana": {"answer": 55.0, "level": 3, "confidence": None, "evidence": 1},
        "ben": {"answer": 65.0, "level": 2, "confidence": None, "evidence": 0}}
    # mean 60 s -> level 3 (60 s or less), value 0.75; spread 10/65
    assert (latency["measured"], latency["unit"], latency["level"], latency["value"]) == (
        60.0, "s", 3, 0.75)
    assert latency["relative_spread"] == round(10 / 65, 4)
    assert latency["applies"] is True and latency["because"] is None
    assert latency["evidence"] == 1 and latency["gate"] is None
    status = acme["questions"]["status"]
    assert status["gate"]["status"] == "fail"
    assert status["gate"]["text"] == "Retired, the gate asks at least 2/4 Partial"
    assert acme["questions"]["who-ran"]["status"] == "open"


def test_the_schema_is_printed(capsys) -> None:
    code, out, _ = run(capsys, "rubrics", "schema", "summary")
    assert code == 0
    schema = json.loads(out)
    assert schema["title"] == "checklist summary --json"
    assert "schema_version" in schema["required"]
    assert "questions" in schema["$defs"]["VendorJson"]["properties"]


def test_diff_reports_the_context_change_and_the_gates_it_switched(tiny_eval: Path,
                                                                   capsys) -> None:
    rate(capsys, tiny_eval, "ana", "status", "--choice", "retired")
    later = tiny_eval.parent / "later"
    shutil.copytree(tiny_eval, later)
    code, _, err = run(capsys, "context", later, "public=no")
    assert code == 0, err
    code, out, _ = run(capsys, "diff", tiny_eval, later)
    assert code == 0
    assert "context: public: yes -> no" in out
    assert "  gate on 'status' switched off" in out
    code, out, _ = run(capsys, "diff", tiny_eval, later, "--json")
    data = json.loads(out)
    assert data["context_changes"] == [{"flag": "public", "old": True, "new": False}]
    assert data["gates_switched"] == [{"question": "status", "flag": "public", "on": False}]
