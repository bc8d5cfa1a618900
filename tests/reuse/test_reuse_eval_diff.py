"""`checklist diff OLD NEW`: a re-assessment compared with an earlier one."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from checklist.files.folder import load_folder
from checklist.reuse.eval_diff import diff_evaluations, diff_scorecards
from checklist.scoring import score_workspace

from .conftest import Cli, rate


def _quarter(cli: Cli, ev: Path) -> Path:
    """Q1 answers in `ev`; a copy as Q2 where acme improves and beta fails the API gate."""
    for vendor in ("acme", "beta-corp"):
        rate(cli, ev, "ana", vendor, "who-ran", "--score", "2")
        rate(cli, ev, "ana", vendor, "tasks", "--score", "2")
        rate(cli, ev, "ana", vendor, "api", "--yes")
        rate(cli, ev, "ana", vendor, "status", "--choice", "ga")
        rate(cli, ev, "ana", vendor, "latency", "--value", "100")
    q2 = ev.parent / "q2"
    shutil.copytree(ev, q2)
    rate(cli, q2, "ana", "acme", "who-ran", "--score", "4", "--note", "independent lab now")
    rate(cli, q2, "ana", "acme", "latency", "--value", "20")
    rate(cli, q2, "ana", "beta-corp", "api", "--no", "--note", "API withdrawn")
    return q2


def test_diff_scorecards_per_vendor(cli: Cli, ev: Path) -> None:
    q2 = _quarter(cli, ev)
    old, new = load_folder(ev), load_folder(q2)
    diff = diff_scorecards(score_workspace(old, draws=0), score_workspace(new, draws=0))
    acme = diff.vendor("acme")
    beta = diff.vendor("beta-corp")
    assert acme is not None and beta is not None
    assert acme.overall.change is not None and acme.overall.change > 0
    assert acme.claims.change is not None and acme.claims.change > 0
    assert [m.question for m in acme.moves] == ["who-ran", "latency"]
    assert acme.moves[0].old == "2" and acme.moves[0].new == "4"
    assert acme.moves[0].notes == (("ana", "independent lab now"),)
    assert beta.gates_newly_failed == ("api",)
    assert beta.old_verdict != "no-go" and beta.new_verdict == "no-go"
    assert beta.verdict_changed
    gamma = diff.vendor("gamma")
    assert gamma is not None and not gamma.moves and gamma.overall.change == 0
    assert (gamma.old_rank, gamma.new_rank) == (3, 2)     # beta dropped below it
    limited = diff_evaluations(old, new, top=1)
    limited_acme = limited.vendor("acme")
    assert limited_acme is not None
    assert len(limited_acme.moves) == 1 and limited_acme.moved_total == 2
    assert limited.old_path == str(ev)
    # the other way round, the gate is newly passed
    back = diff_evaluations(new, old)
    back_beta = back.vendor("beta-corp")
    assert back_beta is not None and back_beta.gates_newly_passed == ("api",)


def test_cli_text_and_json(cli: Cli, ev: Path) -> None:
    q2 = _quarter(cli, ev)
    result = cli("diff", ev, q2)
    assert result.code == 0, result.err
    out = result.out
    assert "Beta Corp (beta-corp): go -> no-go, rank #2 -> #3" in out, out
    assert "      ana: API withdrawn" in out
    assert "gates newly failed: api" in out
    assert "who-ran: 2 -> 4" in out
    assert "Gamma (gamma): incomplete, rank #3 -> #2" in out
    data = json.loads(cli("diff", ev, q2, "--json").out)
    vendors = {v["id"]: v for v in data["vendors"]}
    assert vendors["beta-corp"]["verdict"]["new"] == "no-go"
    assert vendors["beta-corp"]["gates_newly_failed"] == ["api"]
    assert vendors["acme"]["answers_moved"][0]["question"] == "who-ran"
    assert vendors["acme"]["answers_moved"][0]["notes"] == {"ana": "independent lab now"}
    assert data["rubric_changed"] is False


def test_vendors_added_and_removed(cli: Cli, ev: Path, workdir: Path) -> None:
    other = workdir / "other"
    assert cli("new", other, "--rubric", "tiny", "--title", "Q2", "--vendor", "Acme",
               "--vendor", "Delta").code == 0
    data = diff_evaluations(load_folder(ev), load_folder(other)).to_json()
    presence = {v["id"]: v["presence"] for v in data["vendors"]}
    assert presence == {"acme": "both", "delta": "added", "beta-corp": "removed",
                        "gamma": "removed"}
    text = cli("diff", ev, other).out
    assert "Delta (delta): new in this assessment" in text
    assert "Gamma (gamma): no longer assessed" in text


def test_bad_folders_are_clear_errors(cli: Cli, ev: Path, workdir: Path) -> None:
    result = cli("diff", ev, workdir / "missing")
    assert result.code == 2 and "no such folder" in result.err
    assert cli("diff", ev, ev, "--top", "-1").code == 2
