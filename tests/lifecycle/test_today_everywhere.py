"""`checklist diff` and `memo --since` age evidence by the same day as `summary`, `status` and
the memo (`CHECKLIST_TODAY`, else the date): both sides of a comparison are scored on that day,
so a stale gate reads the same in each, and nothing "changes" only because one side was
scored without a day (found by a trial: diff said "go" where summary said "go with
conditions", and the memo reported "go → go with conditions" against an identical copy)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from lifecycle_support import Cli

#: The day after the api gate's vendor-claim evidence (retrieved 2026-09-01, rule 60 days)
#: went stale: Acme is a go with conditions.
STALE_DAY = "2026-11-01"


@pytest.fixture
def earlier(fresh_eval: Path) -> Path:
    """An identical copy of the evaluation, as the earlier round."""
    old = fresh_eval.parent / "old"
    shutil.copytree(fresh_eval, old)
    return old


def test_diff_scores_both_rounds_on_the_same_day_as_summary(
        fresh_eval: Path, earlier: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHECKLIST_TODAY", STALE_DAY)
    summary = cli("summary", fresh_eval, "--json")
    assert summary.code == 0, summary.err
    verdict = {v["id"]: v["verdict"] for v in json.loads(summary.out)["vendors"]}
    assert verdict["acme"] == "conditional"
    diff = cli("diff", earlier, fresh_eval, "--json")
    assert diff.code == 0, diff.err
    acme = next(v for v in json.loads(diff.out)["vendors"] if v["id"] == "acme")
    assert acme["verdict"] == {"old": "conditional", "new": "conditional", "changed": False}


def test_diff_sees_the_day_change(fresh_eval: Path, earlier: Path, cli: Cli,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHECKLIST_TODAY", "2026-10-31")  # the gate's last fresh day
    acme = next(v for v in json.loads(cli("diff", earlier, fresh_eval, "--json").out)["vendors"]
                if v["id"] == "acme")
    assert acme["verdict"]["new"] == "go"


def test_memo_since_an_identical_round_reports_no_change(
        fresh_eval: Path, earlier: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHECKLIST_TODAY", STALE_DAY)
    memo = cli("memo", fresh_eval, "--since", earlier)
    assert memo.code == 0, memo.err
    changes = memo.out.split("## Changes since", 1)[1].split("\n## ", 1)[0]
    assert "Unchanged: Acme, Beta Corp." in changes, changes
    assert "→" not in changes, changes
