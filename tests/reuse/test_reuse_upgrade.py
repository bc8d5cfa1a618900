"""`checklist upgrade`: a new rubric version without losing an answer, and `newer_rubric`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checklist.errors import ConflictError
from checklist.files.folder import load_folder
from checklist.files.library import Library
from checklist.reuse.rubric_updates import newer_rubric, rubric_update
from checklist.reuse.upgrade import apply_upgrade, plan_upgrade, version_key

from .conftest import TINY_1_1, Cli, rate, snapshot, tiny_variant


def _publish_1_1(team: Path) -> None:
    (team / "tiny-1.1.yaml").write_text(tiny_variant("1.1.0", *TINY_1_1), encoding="utf-8")


def _answer_everything(cli: Cli, ev: Path) -> None:
    rate(cli, ev, "ana", "acme", "who-ran", "--score", "3", "--note", "lab report")
    rate(cli, ev, "ana", "acme", "tasks", "--score", "2")
    rate(cli, ev, "ana", "acme", "status", "--choice", "preview")
    rate(cli, ev, "ana", "acme", "latency", "--value", "42")
    rate(cli, ev, "ana", "beta-corp", "latency", "--na")
    rate(cli, ev, "bob", "acme", "api", "--yes")
    rate(cli, ev, "bob", "gamma", "status", "--choice", "ga")


def _count(folder: Path) -> int:
    ws = load_folder(folder)
    return sum(len(q) for r in ws.ratings.values() for q in r.answers.values())


def test_version_order() -> None:
    assert version_key("1.10.0") > version_key("1.9.0")
    assert version_key("2.0.0-rc1") < version_key("2.0.0")
    assert version_key("2.0.0-rc1") > version_key("1.9.9")


def test_version_order_follows_the_semver_spec() -> None:
    """The precedence examples of semver.org (item 11), in order; numeric identifiers compare
    as numbers (rc.10 after rc.9), build metadata does not count."""
    ordered = ["1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta",
               "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0-rc.9", "1.0.0-rc.10",
               "1.0.0", "2.0.0", "2.1.0", "2.1.1"]
    for shuffled in (list(reversed(ordered)), ordered[1::2] + ordered[::2]):
        assert sorted(shuffled, key=version_key) == ordered
    assert version_key("1.0.0+build.5") == version_key("1.0.0")
    assert version_key("01.0.0") == version_key("1.0.0")  # SEMVER lets it through: it sorts


def test_newer_rubric_offers_the_newest_release(team: Path, ev: Path) -> None:
    workspace = load_folder(ev)
    assert newer_rubric(workspace) is None
    assert rubric_update(workspace) is None
    _publish_1_1(team)
    (team / "tiny-2.0-rc.yaml").write_text(tiny_variant("2.0.0-rc1"), encoding="utf-8")
    assert newer_rubric(workspace) == "tiny@1.1.0"
    update = rubric_update(workspace, Library.discover())
    assert update is not None and update.kind == "newer" and "tiny@1.1.0" in update.message()


def test_rubric_update_notices_a_changed_copy_of_the_same_version(team: Path, ev: Path) -> None:
    (team / "tiny.yaml").write_text(tiny_variant("1.0.0", ("weight: 2\n    questions",
                                                          "weight: 5\n    questions")),
                                    encoding="utf-8")
    workspace = load_folder(ev)
    assert newer_rubric(workspace) is None
    update = rubric_update(workspace)
    assert update is not None and update.kind == "changed"


def test_dry_run_shows_the_plan_and_writes_nothing(team: Path, ev: Path, cli: Cli) -> None:
    _answer_everything(cli, ev)
    _publish_1_1(team)
    before = snapshot(ev)
    result = cli("upgrade", ev, "--dry-run")
    assert result.code == 0, result.err
    assert snapshot(ev) == before
    out = result.out
    assert "upgrade" in out and "tiny@1.0.0 -> tiny@1.1.0" in out
    assert "questions: 1 added, 1 removed, 3 changed" in out
    assert "+ sso" in out and "- tasks" in out
    assert "all 7 kept" in out
    assert "ana: acme / tasks" in out                      # orphaned
    assert "ana: acme / status -> status@1.0.0" in out     # no longer fits: moved
    assert "ana: acme / latency -> latency@1.0.0" in out
    assert "beta-corp / latency ->" not in out              # N/A still fits a score question
    assert "ana: acme / who-ran (changed: weight, anchors.2)" in out
    assert "new flag published set to its default (no)" in out
    assert "flag public (yes) is gone" in out
    assert "dry run: nothing written" in out


def test_upgrade_keeps_every_answer_and_the_folder_loads(team: Path, ev: Path,
                                                         cli: Cli) -> None:
    _answer_everything(cli, ev)
    _publish_1_1(team)
    old_ratings = {p.name: p.read_text(encoding="utf-8") for p in (ev / "ratings").iterdir()}
    result = cli("upgrade", ev)
    assert result.code == 0, result.err
    assert "upgraded to tiny@1.1.0" in result.out
    workspace = load_folder(ev)                  # loads: pin, lock and answers agree
    assert workspace.rubric.ref == "tiny@1.1.0"
    assert workspace.evaluation.rubric.sha256 == workspace.rubric.digest()
    assert workspace.evaluation.context == {"published": False}
    assert _count(ev) == 7
    ana = workspace.ratings["ana"]
    assert ana.answers["acme"]["status@1.0.0"].choice == "preview"
    assert ana.answers["acme"]["latency@1.0.0"].value == 42
    assert ana.answers["beta-corp"]["latency"].na
    assert ana.answers["acme"]["who-ran"].note == "lab report"
    assert ana.answers["acme"]["tasks"].score == 2
    orphans = {(o.rater, o.vendor, o.question) for o in workspace.orphans}
    assert orphans == {("ana", "acme", "tasks"), ("ana", "acme", "status@1.0.0"),
                       ("ana", "acme", "latency@1.0.0")}
    # bob's answers all still fit: his file is untouched apart from nothing at all.
    assert (ev / "ratings" / "bob.yaml").read_text(encoding="utf-8") == old_ratings["bob.yaml"]
    status = cli("status", ev)
    assert "3 answer(s) kept but not scored" in status.out
    again = cli("upgrade", ev)
    assert again.code == 0 and "already on tiny@1.1.0; nothing to do" in again.out


def test_upgrade_json_and_explicit_target(team: Path, ev: Path, cli: Cli) -> None:
    _publish_1_1(team)
    (team / "tiny-1.2.yaml").write_text(tiny_variant("1.2.0"), encoding="utf-8")
    result = cli("upgrade", ev, "--to", "tiny@1.1.0", "--json", "--dry-run")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["from"]["ref"] == "tiny@1.0.0" and data["to"]["ref"] == "tiny@1.1.0"
    assert data["dry_run"] is True and data["up_to_date"] is False
    assert data["rubric_diff"]["summary"]["questions_added"] == ["sso"]
    assert data["context_removed"] == {"public": True}
    assert load_folder(ev).rubric.ref == "tiny@1.0.0"
    assert cli("upgrade", ev, "--to", "tiny@1.1.0").code == 0
    assert load_folder(ev).rubric.ref == "tiny@1.1.0"
    # default target: the newest version
    assert "tiny@1.1.0 -> tiny@1.2.0" in cli("upgrade", ev, "--dry-run").out


def test_upgrade_repins_a_hand_edited_lock(team: Path, ev: Path, cli: Cli) -> None:
    lock = ev / "rubric.lock.yaml"
    lock.write_text(lock.read_text(encoding="utf-8").replace("weight: 2", "weight: 7", 1),
                    encoding="utf-8")
    assert cli("status", ev).code == 2
    result = cli("upgrade", ev, "--to", "tiny@1.0.0")
    assert result.code == 0, result.err
    assert "does not match the pin" in result.out
    assert cli("status", ev).code == 0


def test_upgrade_errors_are_clear(team: Path, ev: Path, workdir: Path, cli: Cli) -> None:
    unknown = cli("upgrade", ev, "--to", "tiny@9.9.9")
    assert unknown.code == 2 and "has no version 9.9.9" in unknown.err
    missing = cli("upgrade", workdir / "nowhere")
    assert missing.code == 2 and "no such folder" in missing.err
    (team / "tiny.yaml").unlink()
    (team / "tiny-0.5.yaml").write_text(tiny_variant("0.5.0"), encoding="utf-8")
    older = cli("upgrade", ev)
    assert older.code == 2 and "older than the pinned 1.0.0" in older.err
    (team / "tiny-0.5.yaml").unlink()
    gone = cli("upgrade", ev)
    assert gone.code == 2 and "not on the search path" in gone.err
    for result in (unknown, missing, older, gone):
        assert "Traceback" not in result.err


def test_a_change_made_during_the_upgrade_stops_it(team: Path, ev: Path, cli: Cli) -> None:
    _answer_everything(cli, ev)
    _publish_1_1(team)
    plan = plan_upgrade(ev)
    rate(cli, ev, "ana", "gamma", "who-ran", "--score", "1")
    before = snapshot(ev)
    with pytest.raises(ConflictError):
        apply_upgrade(plan)
    assert snapshot(ev) == before


def test_a_new_raters_first_answer_during_the_upgrade_stops_it(team: Path, ev: Path,
                                                                cli: Cli) -> None:
    _answer_everything(cli, ev)
    _publish_1_1(team)
    plan = plan_upgrade(ev)
    rate(cli, ev, "zoe", "gamma", "who-ran", "--score", "1")  # creates ratings/zoe.yaml
    before = snapshot(ev)
    with pytest.raises(ConflictError, match="appeared while the upgrade was planned"):
        apply_upgrade(plan)
    assert snapshot(ev) == before


def test_upgrade_refuses_a_ratings_folder_linked_outside(team: Path, ev: Path, cli: Cli,
                                                         tmp_path: Path) -> None:
    _answer_everything(cli, ev)
    _publish_1_1(team)
    outside = tmp_path / "outside"
    (ev / "ratings").rename(outside)
    (ev / "ratings").symlink_to(outside)
    before = {p.name: p.read_bytes() for p in outside.iterdir()}
    result = cli("upgrade", ev)
    assert result.code == 2 and "links to a folder outside the evaluation" in result.err
    assert {p.name: p.read_bytes() for p in outside.iterdir()} == before
