"""Evidence that ages: the rubric's freshness rules, stale answers, the verdict they change."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from checklist.files.folder import load_folder
from checklist.model.freshness import Freshness
from checklist.model.ratings import Answer, Evidence
from checklist.scoring import score_workspace
from checklist.scoring.freshness import answer_aging

from lifecycle_support import Cli, fresh_rubric_text

REPO = Path(__file__).resolve().parents[2]
D = dt.date


def card(ev: Path, today: dt.date | None):
    return score_workspace(load_folder(ev), today=today)


def test_the_most_specific_rule_applies():
    rules = Freshness(default=180, grades={"vendor-claim": 90}, sections={"ready": 60},
                      questions={"status": 30})
    assert rules.days("ready", "status", "vendor-claim") == 30      # question
    assert rules.days("ready", "api", "vendor-claim") == 60         # section
    assert rules.days("claims-a", "who-ran", "vendor-claim") == 90  # grade
    assert rules.days("claims-a", "who-ran", "own-test") == 180     # default
    assert rules.days("claims-a", "who-ran", None) == 180
    assert Freshness().days("ready", "api", "own-test") is None     # no rules: never stale


@pytest.mark.parametrize(("today", "stale"), [
    (D(2026, 10, 31), False),   # 60 days old, rule 60: the last fresh day
    (D(2026, 11, 1), True),     # 61 days old
])
def test_the_boundary_is_the_rule_in_days(fresh_eval: Path, today: dt.date, stale: bool):
    api = card(fresh_eval, today).vendor("acme").questions["api"]
    assert api.aging is not None and api.aging.rule == 60
    assert api.aging.fresh_until == D(2026, 10, 31)
    assert api.stale is stale


def test_a_gate_passed_on_stale_evidence_is_a_go_with_conditions(fresh_eval: Path):
    before = card(fresh_eval, D(2026, 10, 31)).vendor("acme")
    assert before.verdict == "go" and before.conditions == ()
    after = card(fresh_eval, D(2026, 11, 1)).vendor("acme")
    assert after.verdict == "conditional"
    assert [c.text() for c in after.conditions] == [
        "evidence on gate api is 61 days old (rule: 60)"]
    assert after.conditions[0].kind == "stale"


def test_without_a_day_nothing_is_stale(fresh_eval: Path):
    acme = card(fresh_eval, None).vendor("acme")
    assert acme.verdict == "go" and acme.stale_questions == []


def test_a_stale_question_off_the_gates_does_not_change_the_verdict(fresh_eval: Path):
    # status (rule 30) is stale from 2026-10-02; its gate is off (outputs not published)
    acme = card(fresh_eval, D(2026, 10, 2)).vendor("acme")
    assert [q.id for q in acme.stale_questions] == ["status"]
    assert acme.verdict == "go"


def test_the_freshest_evidence_keeps_an_answer_fresh():
    rules = Freshness(default=30)
    at = dt.datetime(2026, 11, 20, tzinfo=dt.UTC)
    old = Evidence(url="https://a", retrieved=D(2026, 1, 1))
    new = Evidence(url="https://b", retrieved=D(2026, 11, 1))
    aging = answer_aging("ana", Answer(score=3, evidence=[old, new], at=at), "s", "q", rules)
    assert aging is not None and aging.dated == D(2026, 11, 1)
    # undated evidence, and an answer without evidence, are dated by the answer's time
    undated = answer_aging("ana", Answer(score=3, evidence=[Evidence(url="x")], at=at), "s",
                           "q", rules)
    bare = answer_aging("ana", Answer(score=3, at=at), "s", "q", rules)
    assert undated is not None and undated.dated == D(2026, 11, 20)
    assert bare is not None and bare.dated == D(2026, 11, 20)
    # N/A does not age
    assert answer_aging("ana", Answer(na=True, at=at), "s", "q", rules) is None


def test_status_stale_lists_each_stale_answer(fresh_eval: Path, cli: Cli,
                                               monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("CHECKLIST_TODAY", "2026-11-01")
    result = cli("status", fresh_eval, "--stale")
    assert result.code == 0, result.err
    assert "3 stale answers on 2026-11-01" in result.out
    rows = [line.split() for line in result.out.splitlines() if line.startswith("acme")]
    assert rows == [["acme", "status", "ana", "2026-09-01", "61", "30"],
                    ["acme", "api", "ana", "2026-09-01", "61", "60"],
                    ["acme", "latency", "ana", "2026-09-01", "61", "60"]]
    monkeypatch.setenv("CHECKLIST_TODAY", "2026-09-15")
    assert "no stale evidence on 2026-09-15" in cli("status", fresh_eval, "--stale").out


def test_summary_json_names_the_stale_evidence(fresh_eval: Path, cli: Cli,
                                               monkeypatch: pytest.MonkeyPatch):
    import json

    monkeypatch.setenv("CHECKLIST_TODAY", "2026-11-01")
    data = json.loads(cli("summary", fresh_eval, "--json").out)
    acme = next(v for v in data["vendors"] if v["id"] == "acme")
    assert acme["verdict"] == "conditional"
    assert {s["question"]: s["age_days"] for s in acme["stale"]} == {
        "status": 61, "api": 61, "latency": 61}
    assert data["evaluation"]["today"] == "2026-11-01"


def test_a_bad_today_is_a_user_error(fresh_eval: Path, cli: Cli,
                                     monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("CHECKLIST_TODAY", "next tuesday")
    result = cli("status", fresh_eval, "--stale")
    assert result.code == 2 and "CHECKLIST_TODAY" in result.err
    assert "Traceback" not in result.err


def test_a_rule_for_an_unknown_section_is_pointed_at(tmp_path: Path, cli: Cli):
    bad = tmp_path / "bad.yaml"
    bad.write_text(fresh_rubric_text().replace("sections: {ready: 60}",
                                               "sections: {raedy: 60}"), encoding="utf-8")
    result = cli("rubrics", "validate", bad)
    assert result.code == 2
    line = next(i for i, text in enumerate(bad.read_text().splitlines(), 1) if "raedy" in text)
    assert f"bad.yaml:{line}:" in result.err and "'ready'" in result.err


def test_an_extending_rubric_changes_one_rule_and_inherits_the_rest(tmp_path: Path, cli: Cli,
                                                                    workdir: Path):
    lib = tmp_path / "team"
    lib.mkdir()
    (lib / "fresh.yaml").write_text(fresh_rubric_text(), encoding="utf-8")
    (lib / "team.yaml").write_text(
        "id: team\nversion: 1.0.0\ntitle: Team\nextends: tiny\n"
        "policy:\n  freshness:\n    sections: {ready: 14}\n", encoding="utf-8")
    assert cli("rubrics", "path", "add", lib).code == 0
    ev = tmp_path / "ev"
    result = cli("new", ev, "--rubric", "team", "--title", "T", "--vendor", "Acme")
    assert result.code == 0, result.err
    rules = load_folder(ev).rubric.policy.freshness
    assert rules.sections == {"ready": 14}
    assert rules.questions == {"status": 30} and rules.default == 180


def test_rubrics_without_freshness_keep_their_sha256():
    """A lock written before freshness rules existed hashes as it always did: the pin of the
    text example (benchmark-vs-production@1.0.0) still matches its lock."""
    rubric = load_folder(REPO / "examples" / "bakeoff-text").rubric
    assert rubric.policy.freshness.is_empty
    assert rubric.digest() == "db228a0be3731d56fbd77f3f0f52f3596b5e14b2b026bba3eb24f47fd28a09ca"


def test_the_worked_example_shows_stale_evidence(cli: Cli):
    """The example's bake-off figures (latency, cost) were measured in October: with the
    rubric's 30-day rule for prices and latency, some are stale on 2026-11-27."""
    result = cli("status", REPO / "examples" / "ai-video-2026", "--stale")
    assert result.code == 0
    assert "stale answers on 2026-11-27" in result.out
    assert "unit-cost" in result.out and "p95-latency" in result.out


def test_rubrics_diff_lists_each_freshness_rule(cli: Cli):
    """`rubrics diff --json` between the 1.0.0 lock and 1.1.0 (it failed on the rules)."""
    import json

    old = REPO / "examples" / "bakeoff-text" / "rubric.lock.yaml"
    new = REPO / "examples" / "ai-video-2026" / "rubric.lock.yaml"
    result = cli("rubrics", "diff", old, new, "--json")
    assert result.code == 0, result.err
    text = json.dumps(json.loads(result.out))
    assert "policy.freshness.sections.latency-cost" in text
    assert "policy.freshness.grades.vendor-claim" in text
