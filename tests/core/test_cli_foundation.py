"""`new`, `rate`, `status` and `rubrics` as a user runs them."""

from __future__ import annotations

import json

import yaml

from checklist.cli import main
from checklist.files.folder import load_folder

from cli_support import run_cli


def test_new_creates_a_pinned_evaluation(tiny_eval):
    workspace = load_folder(tiny_eval)
    evaluation = workspace.evaluation
    assert [v.id for v in evaluation.vendors] == ["acme", "beta-corp", "gamma"]
    assert evaluation.context == {"public": True}
    assert evaluation.rubric.sha256 == workspace.rubric.digest()
    assert (tiny_eval / "ratings").is_dir()
    lock = yaml.safe_load((tiny_eval / "rubric.lock.yaml").read_text())
    assert lock["id"] == "tiny" and len(lock["sections"]) == 2


def test_new_refuses_to_overwrite_and_unknown_rubric_is_clear(tiny_eval, tiny_rubric, capsys):
    assert main(["new", str(tiny_eval), "--rubric", str(tiny_rubric), "--title", "x",
                 "--vendor", "a"]) == 2
    assert "an evaluation already exists here" in capsys.readouterr().err
    assert main(["new", str(tiny_eval.parent / "n"), "--rubric", "benchmark-vs-prod",
                 "--title", "x", "--vendor", "a"]) == 2
    err = capsys.readouterr().err
    assert "no rubric 'benchmark-vs-prod'" in err and "rubrics list" in err


def test_rate_records_every_answer_kind(tiny_eval, capsys):
    calls = [
        ["--question", "who-ran", "--score", "3", "--note", "arena only", "--confidence", "low"],
        ["--question", "api", "--yes"],
        ["--question", "status", "--choice", "preview"],
        ["--question", "latency", "--value", "42.5"],
        ["--question", "tasks", "--evidence", "https://example.test/bench",
         "--grade", "third-party", "--retrieved", "2026-11-01"],
    ]
    for extra in calls:
        assert main(["rate", str(tiny_eval), "--rater", "Ana", "--vendor", "Acme", *extra]) == 0
    saved = yaml.safe_load((tiny_eval / "ratings" / "ana.yaml").read_text())
    acme = saved["answers"]["acme"]
    assert list(acme) == ["who-ran", "tasks", "api", "status", "latency"]  # rubric order
    assert acme["who-ran"]["score"] == 3 and acme["who-ran"]["note"] == "arena only"
    assert acme["who-ran"]["confidence"] == "low"
    assert acme["api"]["answer"] is True and acme["status"]["choice"] == "preview"
    assert acme["latency"]["value"] == 42.5
    assert acme["tasks"]["evidence"][0]["grade"] == "third-party"
    assert "score" not in acme["tasks"]  # evidence alone is a draft, not an answer


def test_rate_keeps_note_and_evidence_when_only_the_score_changes(tiny_eval):
    base = ["rate", str(tiny_eval), "--rater", "ana", "--vendor", "acme", "--question", "who-ran"]
    assert main([*base, "--score", "1", "--note", "keep me", "--evidence", "e.pdf"]) == 0
    assert main([*base, "--score", "3"]) == 0
    answer = yaml.safe_load((tiny_eval / "ratings" / "ana.yaml").read_text())["answers"]["acme"]
    assert answer["who-ran"]["score"] == 3 and answer["who-ran"]["note"] == "keep me"
    assert answer["who-ran"]["evidence"][0]["url"] == "e.pdf"


def test_rate_errors_name_the_valid_choices(tiny_eval, capsys):
    base = ["rate", str(tiny_eval), "--rater", "ana", "--vendor", "acme"]
    cases = {
        ("--question", "who-ran", "--score", "7"): "outside the scale 0..4; use --score 0..4",
        ("--question", "api", "--score", "2"): "'api' is a yes_no question; use --yes or --no",
        ("--question", "status", "--choice", "gaa"): "unknown choice 'gaa' — did you mean 'ga'?",
        ("--question", "who-ran", "--na"): "does not allow N/A",
        ("--question", "whoran", "--score", "1"): "unknown question 'whoran' — did you mean",
    }
    for args, expected in cases.items():
        assert main([*base, *args]) == 2, args
        assert expected in capsys.readouterr().err, args
    assert main(["rate", str(tiny_eval), "--rater", "ana", "--vendor", "acmee", "--question",
                 "api", "--yes"]) == 2
    assert "unknown vendor 'acmee' — did you mean 'acme'?" in capsys.readouterr().err
    assert not (tiny_eval / "ratings" / "ana.yaml").exists()


def test_a_second_rater_touches_only_their_own_file(tiny_eval):
    args = ["--vendor", "acme", "--question", "who-ran", "--score"]
    assert main(["rate", str(tiny_eval), "--rater", "ana", *args, "2"]) == 0
    ana = (tiny_eval / "ratings" / "ana.yaml").read_bytes()
    assert main(["rate", str(tiny_eval), "--rater", "bob", *args, "4"]) == 0
    assert (tiny_eval / "ratings" / "ana.yaml").read_bytes() == ana
    assert sorted(p.name for p in (tiny_eval / "ratings").iterdir()) == ["ana.yaml", "bob.yaml"]


def test_status_counts_per_vendor_and_rater(tiny_eval, capsys):
    main(["rate", str(tiny_eval), "--rater", "ana", "--vendor", "acme", "--question", "api",
          "--yes"])
    main(["rate", str(tiny_eval), "--rater", "bob", "--vendor", "acme", "--question", "tasks",
          "--score", "2"])
    capsys.readouterr()
    assert main(["status", str(tiny_eval)]) == 0
    out = capsys.readouterr().out
    row = next(line for line in out.splitlines() if line.startswith("acme"))
    assert row.split() == ["acme", "1/5", "1/5", "2/5"]


def test_orphan_answers_are_kept_and_reported(tiny_eval, capsys):
    path = tiny_eval / "ratings" / "ana.yaml"
    path.write_text("rater: ana\nanswers:\n  acme:\n    retired-question: {score: 2}\n"
                    "  old-vendor:\n    api: {answer: true}\n", encoding="utf-8")
    assert main(["rate", str(tiny_eval), "--rater", "ana", "--vendor", "acme", "--question",
                 "api", "--yes"]) == 0
    saved = yaml.safe_load(path.read_text())
    assert saved["answers"]["acme"]["retired-question"] == {"score": 2}
    assert saved["answers"]["old-vendor"]["api"] == {"answer": True}
    assert main(["status", str(tiny_eval)]) == 0
    out = capsys.readouterr().out
    assert "2 answer(s) kept but not scored" in out
    assert "acme / retired-question: question is not in the rubric" in out


def test_edited_lock_file_is_detected(tiny_eval, capsys):
    lock = tiny_eval / "rubric.lock.yaml"
    lock.write_text(lock.read_text().replace("weight: 2", "weight: 3", 1))
    assert main(["status", str(tiny_eval)]) == 2
    err = capsys.readouterr().err
    assert "evaluation.yaml:" in err and "edited by hand" in err


def test_summary_json_has_the_documented_shape(tiny_eval, capsys):
    main(["rate", str(tiny_eval), "--rater", "ana", "--vendor", "acme", "--question", "api",
          "--no"])
    capsys.readouterr()
    assert main(["summary", str(tiny_eval), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) >= {"evaluation", "vendors", "settled", "sensitivity"}
    assert set(data["evaluation"]["rubric"]) == {"id", "version", "sha256"}
    acme = next(v for v in data["vendors"] if v["id"] == "acme")
    assert acme["verdict"] == "no-go" and acme["rank"] == 3
    assert acme["gates_failed"] == [{
        "question": "api", "status": "fail", "value": 0, "min": 4,
        "bound": {"kind": "level", "min": 4, "max": None, "accept": [], "unit": None},
        "answer": {"level": 0, "measured": None, "answers": ["no"]},
        "text": "no, the gate asks yes"}]
    for key in ("score", "score_answered", "claims", "readiness", "hype_gap", "coverage",
                "lower", "upper", "sections", "disagreements"):
        assert key in acme
    assert set(data["sensitivity"]) >= {"winner", "stability", "close_call", "flips"}


def test_rubrics_commands(tiny_rubric, workdir):
    listed = run_cli("rubrics", "list", env={"CHECKLIST_RUBRIC_PATH": str(tiny_rubric.parent)})
    assert listed.returncode == 0
    assert "tiny" in listed.stdout and "CHECKLIST_RUBRIC_PATH" in listed.stdout
    shown = run_cli("rubrics", "show", str(tiny_rubric), "--json")
    data = json.loads(shown.stdout)
    assert [s["id"] for s in data["sections"]] == ["claims-a", "ready"]
    assert {"id", "version", "title", "scale", "context", "sections"} <= set(data)
    schema = run_cli("rubrics", "schema", "ratings")
    assert json.loads(schema.stdout)["title"] == "checklist ratings file"


def test_validate_reports_one_line_per_problem_and_exits_2(tmp_path, workdir):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: bad\nversion: 1.0.0\ntitle: Bad\nsections:\n  - id: s\n    title: S\n"
                   "    axis: claim\n    wieght: 1\n    questions: [{id: q, text: Q}]\n")
    result = run_cli("rubrics", "validate", str(bad))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines == [
        f"{bad}:7:11: axis: 'claim' is not allowed; expected 'claims' or 'readiness'",
        f"{bad}:8:5: unknown key 'wieght' — did you mean 'weight'?",
    ]


def test_every_bundled_rubric_validates(workdir):
    from checklist.files.config import bundled_dir

    result = run_cli("rubrics", "validate", str(bundled_dir("rubrics")))
    assert result.returncode == 0, result.stderr
    assert "benchmark-vs-production@1.2.0" in result.stdout
    shown = run_cli("rubrics", "show", "benchmark-vs-production")
    assert "GATE: no-go unless at least 2/4 Partial" in shown.stdout and "ga-direct" in shown.stdout


def test_stale_temp_files_from_killed_saves_are_swept(tiny_eval):
    import os
    import tempfile
    import time

    folder = tiny_eval / "ratings"
    folder.mkdir(exist_ok=True)
    leftovers = []
    for _ in range(2):  # named as a save names them: a change in temp names shows up here
        fd, name = tempfile.mkstemp(prefix=".ana.yaml.", suffix=".tmp", dir=folder)
        os.write(fd, b"half a file")
        os.close(fd)
        leftovers.append(name)
    old, fresh = map(type(folder), leftovers)
    stale = time.time() - 3600
    os.utime(old, (stale, stale))
    assert main(["rate", str(tiny_eval), "--rater", "ana", "--vendor", "acme", "--question",
                 "api", "--yes"]) == 0
    assert not old.exists() and fresh.exists()


def test_a_broken_config_is_reported_by_rubrics_list(isolated, workdir):
    (isolated / "config.yaml").write_text("rubric_paths: [team\n")
    result = run_cli("rubrics", "list")
    assert result.returncode == 0
    assert "warning: config file ignored" in result.stderr and "config.yaml:" in result.stderr


def test_a_save_after_the_evaluation_moved_to_another_rubric_is_refused(tiny_eval):
    from checklist.errors import ConflictError
    from checklist.model import Answer

    workspace = load_folder(tiny_eval)
    file = workspace.ratings_file("ana")
    text = (tiny_eval / "evaluation.yaml").read_text()
    sha = workspace.evaluation.rubric.sha256
    (tiny_eval / "evaluation.yaml").write_text(text.replace(sha, "0" * 64))
    import pytest

    with pytest.raises(ConflictError, match=r"was moved from tiny@1\.0\.0"):
        file.update("acme", "api", Answer(answer=True))
    assert not file.path.exists()


def test_summary_warns_about_answers_a_typo_keeps_from_being_scored(tiny_eval, capsys):
    (tiny_eval / "ratings" / "ana.yaml").write_text(
        "rater: ana\nanswers:\n  acmee:\n    api: {answer: true}\n  beta-corp:\n"
        "    appi: {answer: true}\n", encoding="utf-8")
    assert main(["summary", str(tiny_eval)]) == 0
    err = capsys.readouterr().err
    assert "warning: 2 answer(s) kept but not scored" in err
    assert "acmee / api: vendor is not in the evaluation — did you mean 'acme'?" in err
    assert "beta-corp / appi: question is not in the rubric — did you mean 'api'?" in err
    assert main(["summary", str(tiny_eval), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {(u["vendor"], u["question"]) for u in data["unscored"]} == {
        ("acmee", "api"), ("beta-corp", "appi")}


def test_answer_values_of_the_wrong_kind_are_errors_not_coerced(tiny_eval, capsys):
    (tiny_eval / "ratings" / "ana.yaml").write_text(
        "rater: ana\nanswers:\n  acme:\n    who-ran: {score: true}\n    api: {answer: 1}\n",
        encoding="utf-8")
    assert main(["summary", str(tiny_eval)]) == 2
    err = capsys.readouterr().err
    assert "ana.yaml:4:" in err and "ana.yaml:5:" in err


def test_two_vendor_names_with_the_same_id_are_refused(tmp_path, tiny_rubric, workdir, capsys):
    assert main(["new", str(tmp_path / "v"), "--rubric", str(tiny_rubric), "--title", "t",
                 "--vendor", "Acme", "--vendor", "acme"]) == 2
    assert "would both be 'acme'" in capsys.readouterr().err
    assert not (tmp_path / "v").exists()


def test_mistyped_commands_and_options_get_a_suggestion(workdir):
    result = run_cli("summry")
    assert result.returncode == 2 and "did you mean 'summary'?" in result.stderr
    result = run_cli("summary", ".", "--jsn")
    assert result.returncode == 2 and "did you mean '--json'?" in result.stderr


def test_commands_run_inside_an_evaluation_find_it(tiny_eval, monkeypatch, capsys):
    monkeypatch.chdir(tiny_eval / "ratings")
    assert main(["status"]) == 0
    assert "Tiny test" in capsys.readouterr().out
    monkeypatch.chdir(tiny_eval.parent)
    assert main(["status"]) == 2
    assert f"{tiny_eval.parent.resolve()}: not an evaluation folder" in capsys.readouterr().err


def test_evidence_read_in_the_future_is_refused(tiny_eval, capsys):
    args = ["rate", str(tiny_eval), "--rater", "Ana", "--vendor", "Acme", "--question", "tasks",
            "--evidence", "https://example.test/bench", "--retrieved", "2030-01-01"]
    assert main(args) == 2
    assert "--retrieved 2030-01-01: evidence cannot be read in the future" in \
        capsys.readouterr().err
    assert not (tiny_eval / "ratings" / "ana.yaml").exists()
