"""The plan, the votes files and the blind judging API (what the TUI and web page call)."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from bakeoff.bakeoff_support import PROMPTS, VENDORS, plan
from checklist.bakeoff.catalog import build_catalog
from checklist.bakeoff.folder import load_bakeoff
from checklist.bakeoff.judge import Judge
from checklist.bakeoff.plan import PlanRequest, load_plan, make_plan, plan_text
from checklist.bakeoff.votes import VoteFile, load_votes, visible_votes
from checklist.errors import ChecklistError, ConflictError
from checklist.files.yamlio import read_yaml


def _plan_bytes(folder: Path, seed: int) -> str:
    bakeoff = load_bakeoff(folder)
    return plan_text(make_plan(bakeoff, build_catalog(bakeoff),
                               PlanRequest(["ana", "bob"], seed)))


def test_same_seed_same_plan_bytes_other_seed_other_plan(bakeoff: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(bakeoff, copy)
    assert _plan_bytes(bakeoff, 5) == _plan_bytes(copy, 5)
    assert _plan_bytes(bakeoff, 5) != _plan_bytes(bakeoff, 6)


def test_plan_covers_every_pair_on_every_prompt_with_opaque_ids(bakeoff: Path) -> None:
    plan(bakeoff)
    loaded = load_plan(load_bakeoff(bakeoff))
    assert loaded is not None
    assert len(loaded.comparisons) == 3 * len(PROMPTS)
    shown = {(c.prompt, frozenset((loaded.outputs[c.left].vendor,
                                   loaded.outputs[c.right].vendor)))
             for c in loaded.comparisons}
    assert len(shown) == 3 * len(PROMPTS)
    for ident in loaded.outputs:  # nothing derived from a vendor, prompt or path
        assert not any(v[:3] in ident for v in VENDORS) and "p0" not in ident
    assert sorted(len(q) for q in loaded.queues.values()) == [6, 6]


def test_balanced_plan_and_overlap(bakeoff: Path) -> None:
    plan(bakeoff, "ana", "bob", "cy", extra=("--pairs", "balanced", "--per-prompt", "1",
                                             "--overlap", "2"))
    loaded = load_plan(load_bakeoff(bakeoff))
    assert loaded is not None and len(loaded.comparisons) == len(PROMPTS)
    assert sum(len(q) for q in loaded.queues.values()) == 2 * len(PROMPTS)
    for comparison in loaded.comparisons:
        judges = [r for r, q in loaded.queues.items() if comparison.id in q]
        assert len(judges) == 2


def test_a_missing_output_is_refused_before_planning(bakeoff: Path) -> None:
    (bakeoff / "bakeoff" / "outputs" / "gamma" / "p03.txt").unlink()
    bakeoff_ = load_bakeoff(bakeoff)
    with pytest.raises(ChecklistError, match="gamma/p03"):
        make_plan(bakeoff_, build_catalog(bakeoff_), PlanRequest(["ana"], 1))
    assert not (bakeoff / "bakeoff" / "plan.yaml").exists()


def test_a_plan_edited_by_hand_is_refused(bakeoff: Path) -> None:
    plan(bakeoff)
    target = bakeoff / "bakeoff" / "plan.yaml"
    text = target.read_text()
    first = read_yaml(target).data["comparisons"][0]
    target.write_text(text.replace(f"left: {first['left']}", f"left: {first['right']}", 1)
                      .replace(f"right: {first['right']}", f"right: {first['left']}", 1))
    with pytest.raises(ChecklistError) as caught:
        load_plan(load_bakeoff(bakeoff))
    assert "changed by hand" in str(caught.value)
    assert caught.value.problems[0].line > 0


def test_votes_record_mapping_and_sides_undo_and_resume(bakeoff: Path) -> None:
    plan(bakeoff)
    with pytest.raises(ChecklistError, match="no share"):
        Judge.open(bakeoff, "Carl")
    judge = Judge.open(bakeoff, "ana")
    first = judge.next_trial()
    assert first is not None and first.number == 1 and first.progress.done == 0
    assert first.left.text is not None and first.left.text.endswith(f"{first.prompt.id}\n")
    progress = judge.vote(first.comparison, "left", reasons=["quality"], note="crisper")
    assert (progress.done, progress.total) == (1, 6)
    second = judge.next_trial()
    assert second is not None and second.comparison != first.comparison
    judge.vote(second.comparison, "tie")
    assert judge.undo() == second.comparison
    resumed = Judge.open(bakeoff, "ana")  # a new session picks up where the file is
    again = resumed.next_trial()
    assert again is not None and again.comparison == second.comparison
    with pytest.raises(ConflictError, match="already"):
        resumed.vote(first.comparison, "right")

    saved = read_yaml(bakeoff / "bakeoff" / "votes" / "ana.yaml").data
    loaded = load_plan(load_bakeoff(bakeoff))
    assert loaded is not None
    [vote] = saved["votes"]
    planned = next(c for c in loaded.comparisons if c.id == first.comparison)
    assert (vote["left_output"], vote["right_output"]) == (planned.left, planned.right)
    assert vote["left_vendor"] == loaded.outputs[planned.left].vendor
    assert vote["right_vendor"] == loaded.outputs[planned.right].vendor
    assert (vote["verdict"], vote["reasons"], vote["note"]) == ("left", ["quality"], "crisper")
    assert saved["plan"] == loaded.id


def test_nothing_a_judge_receives_names_a_vendor_or_a_path(bakeoff: Path) -> None:
    for k, output in enumerate(sorted((bakeoff / "bakeoff" / "outputs").rglob("*.txt"))):
        output.write_text(f"answer number {k}\n")  # content that names no vendor
    plan(bakeoff)
    judge = Judge.open(bakeoff, "bob")
    names = [*VENDORS, "Acme", "Beta Corp", "Gamma", "outputs/", str(bakeoff)]
    while (trial := judge.next_trial()) is not None:
        seen = repr(dataclasses.asdict(trial))
        for text in names:
            assert text not in seen, text
        judge.vote(trial.comparison, "right")
    assert judge.output_file("o0000000000") is None  # unknown ids reveal nothing


def test_others_votes_stay_hidden_until_the_share_is_done(bakeoff: Path) -> None:
    plan(bakeoff)
    ana, bob = Judge.open(bakeoff, "ana"), Judge.open(bakeoff, "bob")
    trial = bob.next_trial()
    assert trial is not None
    bob.vote(trial.comparison, "left")
    assert ana.others_votes() is None
    folder = load_bakeoff(bakeoff)
    loaded = load_plan(folder)
    assert loaded is not None
    assert visible_votes(folder, loaded, "ana").votes == {}
    assert visible_votes(folder, loaded, "ana").blind
    assert set(visible_votes(folder, loaded, None).votes) == {"bob"}  # status, results
    while (next_trial := ana.next_trial()) is not None:
        ana.vote(next_trial.comparison, "tie")
    others = ana.others_votes()
    assert others is not None and [v.verdict for v in others["bob"]] == ["left"]
    assert not visible_votes(folder, loaded, "ana").blind


def test_a_new_plan_never_orphans_votes(bakeoff: Path) -> None:
    plan(bakeoff)
    judge = Judge.open(bakeoff, "ana")
    trial = judge.next_trial()
    assert trial is not None
    judge.vote(trial.comparison, "left")
    before = (bakeoff / "bakeoff" / "plan.yaml").read_bytes()
    from hostile.util import check_user_error, run_main

    result = run_main("bakeoff", "plan", bakeoff, "--rater", "ana", "--seed", "99",
                      "--simulations", "100")
    check_user_error(result, bakeoff / "bakeoff" / "plan.yaml", positioned=False,
                     message="orphan")
    assert (bakeoff / "bakeoff" / "plan.yaml").read_bytes() == before


def test_a_vote_after_the_plan_changed_is_refused(bakeoff: Path) -> None:
    plan(bakeoff)
    judge = Judge.open(bakeoff, "ana")
    plan(bakeoff, extra=("--seed", "12345"))  # nobody voted yet, so replanning is allowed
    trial = judge.next_trial()
    assert trial is not None
    with pytest.raises(ConflictError, match="plan changed"):
        judge.vote(trial.comparison, "left")
    assert not (bakeoff / "bakeoff" / "votes" / "ana.yaml").exists()


def test_votes_file_is_deterministic_and_checked_against_the_plan(bakeoff: Path) -> None:
    import datetime as dt

    plan(bakeoff)
    folder = load_bakeoff(bakeoff)
    loaded = load_plan(folder)
    assert loaded is not None
    at = dt.datetime(2026, 11, 2, 10, 0, tzinfo=dt.UTC)
    texts = []
    for _ in range(2):
        file = VoteFile.open(folder, loaded, "bob")
        for cid in loaded.queues["bob"][:3]:
            file.cast(cid, "right", at=at)
        texts.append(file.path.read_text())
        file.path.unlink()
    assert texts[0] == texts[1]
    file.path.write_text(texts[0].replace("left_vendor: ", "left_vendor: x", 1))
    with pytest.raises(ChecklistError, match="does not match the plan"):
        load_votes(folder, loaded)
