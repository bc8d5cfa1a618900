"""What counts as a strength, a risk or a follow-up is the rubric's policy
(`strong`, `weak`, `low_score`), applied in `checklist.scoring.findings` for every front end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checklist.cli import main
from checklist.files.folder import load_folder
from checklist.files.library import load_rubric_file, resolve_entry
from checklist.memo import render_memo, render_questionnaire
from checklist.model import Policy
from checklist.scoring import findings, score_workspace

from cli_support import run_cli
from tests_support import TINY

#: acme: who-ran 2/4 (0.5), tasks 1/4 (0.25), api yes, status ga; latency open.
ANSWERS = [("who-ran", "--score", "2"), ("tasks", "--score", "1"), ("api", "--yes"),
           ("status", "--choice", "ga")]


def _evaluation(tmp_path: Path, policy: str = "") -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    rubric = tmp_path / "tiny.yaml"
    text = TINY.read_text(encoding="utf-8")
    if policy:
        text = text.replace("context:\n", f"policy: {policy}\ncontext:\n", 1)
    rubric.write_text(text, encoding="utf-8")
    ev = tmp_path / "ev"
    assert main(["new", str(ev), "--rubric", str(rubric), "--title", "t",
                 "--vendor", "Acme", "--context", "public=yes"]) == 0
    for question, *value in ANSWERS:
        assert main(["rate", str(ev), "--rater", "ana", "--vendor", "acme", "--question",
                     question, *value]) == 0
    return ev


def _found(ev: Path) -> tuple[list[str], list[str], dict[str, tuple[str, ...]]]:
    card = score_workspace(load_folder(ev))
    acme, policy = card.vendors[0], card.rubric.policy
    return ([q.id for q in findings.strengths(acme, policy)],
            [q.id for q in findings.risks(acme, policy)],
            {f.result.id: f.reasons for f in findings.follow_ups(acme, policy)})


def test_the_defaults_are_the_values_the_memo_always_used(tmp_path, workdir):
    assert (Policy().strong, Policy().weak, Policy().low_score) == (0.75, 0.25, 0.5)
    strong, weak, follow = _found(_evaluation(tmp_path))
    assert strong == ["api", "status"]
    assert weak == ["tasks"]
    assert follow == {"tasks": ("low score",), "latency": ("unanswered",)}


def test_a_rubrics_policy_moves_strengths_risks_and_follow_ups(tmp_path, workdir):
    ev = _evaluation(tmp_path, "{strong: 0.5, weak: 0.1, low_score: 0.2}")
    strong, weak, follow = _found(ev)
    assert strong == ["who-ran", "api", "status"]
    assert weak == []
    assert follow == {"latency": ("unanswered",)}
    # ... and the memo and the questionnaire say so.
    memo = render_memo(load_folder(ev), vendor="acme").decode()
    assert "- **Claims A:** third party. (2/4 Partial)" in memo
    assert "Do the benchmarked tasks match ours?" not in memo.split("## Risks")[1][:200]
    questionnaire = render_questionnaire(load_folder(ev), "acme").decode()
    assert "Do the benchmarked tasks match ours?" not in questionnaire


@pytest.mark.parametrize(("policy", "where", "message"), [
    ("{weak: 0.8}", "policy weak (0.8) must be below strong (0.75)",
     "lower `weak` or raise `strong`"),
    ("{strong: 0.2, weak: 0.2}", "policy weak (0.2) must be below strong (0.2)", ""),
    ("{strong: 1.5}", "strong:", "1"),
    ("{low_score: -0.1}", "low_score:", "0"),
])
def test_thresholds_are_checked_with_their_position(tmp_path, workdir, policy, where, message):
    rubric = tmp_path / "tiny.yaml"
    rubric.write_text(TINY.read_text(encoding="utf-8").replace(
        "context:\n", f"policy: {policy}\ncontext:\n", 1), encoding="utf-8")
    line = TINY.read_text(encoding="utf-8").splitlines().index("context:") + 1
    result = run_cli("rubrics", "validate", str(rubric))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    [problem] = result.stderr.strip().splitlines()
    assert problem.startswith(f"{rubric}:{line}:") and where in problem and message in problem


def test_an_extending_rubric_is_checked_after_the_patch(tmp_path, workdir):
    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / "tiny.yaml").write_text(TINY.read_text(encoding="utf-8"), encoding="utf-8")
    child = lib / "child.yaml"
    child.write_text("id: child\nversion: 1.0.0\ntitle: Child\nextends: tiny\n"
                     "policy: {strong: 0.2}\n", encoding="utf-8")
    result = run_cli("rubrics", "validate", str(child), env={"CHECKLIST_RUBRIC_PATH": str(lib)})
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"{child}:5:" in result.stderr
    assert "policy weak (0.25) must be below strong (0.2)" in result.stderr


def test_the_schema_shows_the_thresholds(workdir):
    schema = json.loads(run_cli("rubrics", "schema", "rubric").stdout)
    patch = schema["$defs"]["PolicyPatch"]["properties"]
    for name in ("strong", "weak", "low_score"):
        assert "strength" in json.dumps(schema) and name in patch
        assert patch[name]["anyOf"][0]["maximum"] == 1 and patch[name]["description"]


def test_default_thresholds_keep_every_pinned_digest(tiny_rubric):
    """Rubrics pinned before the thresholds existed keep their sha256; a rubric that changes
    a threshold changes its results, so it gets a new one."""
    before = resolve_entry(load_rubric_file(tiny_rubric)).digest()
    assert before == "f8afd2b750a194289764ca870d728e2ff071f66b9117b044e240240bb6d760ce"
    text = tiny_rubric.read_text(encoding="utf-8")
    tiny_rubric.write_text(text.replace("context:\n", "policy: {strong: 0.75}\ncontext:\n", 1),
                           encoding="utf-8")
    assert resolve_entry(load_rubric_file(tiny_rubric)).digest() == before
    tiny_rubric.write_text(text.replace("context:\n", "policy: {strong: 0.7}\ncontext:\n", 1),
                           encoding="utf-8")
    assert resolve_entry(load_rubric_file(tiny_rubric)).digest() != before


def test_the_lock_file_stores_the_thresholds_only_when_the_rubric_sets_them(tmp_path, workdir):
    """A lock written before the thresholds existed and one written now read the same."""
    default = (_evaluation(tmp_path / "a") / "rubric.lock.yaml").read_text(encoding="utf-8")
    assert "strong" not in default and "low_score" not in default
    tuned = (_evaluation(tmp_path / "b", "{weak: 0.1}") / "rubric.lock.yaml").read_text(
        encoding="utf-8")
    assert "weak: 0.1" in tuned and "strong" not in tuned
