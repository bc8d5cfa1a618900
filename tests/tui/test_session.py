"""The session's rules for never losing or silently overwriting an answer (no UI)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_support import FIXED, fixed_clock, ratings_file

from checklist.files.folder import RatingsFile, load_folder
from checklist.model import Answer
from checklist.tui.session import Session


def session(folder: Path, rater: str = "Ana María") -> Session:
    return Session(load_folder(folder), rater, fixed_clock)


def test_an_answer_is_in_memory_at_once_and_on_disk_after_flush(evaluation: Path):
    s = session(evaluation)
    s.set("acme", "who-ran", Answer(score=3))
    assert s.answer("acme", "who-ran").score == 3
    assert s.pending == 1
    assert ratings_file(evaluation, "ana-maria") == ""
    result = s.flush()
    assert (result.saved, result.conflicts, result.error) == (1, (), None)
    text = ratings_file(evaluation, "ana-maria")
    assert "rater: Ana María" in text and "score: 3" in text
    assert load_folder(evaluation).ratings["ana-maria"].get("acme", "who-ran").at == FIXED


def test_repeated_changes_to_one_answer_are_written_once_with_the_last_value(evaluation: Path):
    s = session(evaluation)
    for score in (1, 2, 4):
        s.set("acme", "who-ran", Answer(score=score))
    assert s.pending == 1
    s.flush()
    assert load_folder(evaluation).ratings["ana-maria"].get("acme", "who-ran").score == 4


def test_an_empty_answer_clears_it(evaluation: Path):
    s = session(evaluation)
    s.set("acme", "who-ran", Answer(score=3))
    s.flush()
    s.set("acme", "who-ran", Answer())
    s.flush()
    assert load_folder(evaluation).ratings["ana-maria"].get("acme", "who-ran") is None


def test_the_timestamp_rule_same_content_keeps_its_time(evaluation: Path):
    """An answer carries the time its content last changed (`Answer.stamped`), as in
    `rate` and the import: pressing the same level again is not a new answer."""
    times = iter([FIXED, FIXED.replace(hour=11), FIXED.replace(hour=12)])
    s = Session(load_folder(evaluation), "Ana María", lambda: next(times))
    s.set("acme", "who-ran", Answer(score=3))
    s.set("acme", "who-ran", s.answer("acme", "who-ran").merged(note=""))  # no change
    assert s.answer("acme", "who-ran").at == FIXED
    s.set("acme", "who-ran", s.answer("acme", "who-ran").merged(note="why"))
    assert s.answer("acme", "who-ran").at == FIXED.replace(hour=12)


def test_someone_elses_change_is_a_conflict_not_an_overwrite(evaluation: Path):
    s = session(evaluation, "Ben")
    other = RatingsFile(evaluation, "ben", load_folder(evaluation).ordering)
    other.update("acme", "who-ran", Answer(score=4, note="changed elsewhere"))
    s.set("acme", "who-ran", Answer(score=0))
    result = s.flush()
    assert result.saved == 0 and len(result.conflicts) == 1
    conflict = result.conflicts[0]
    assert conflict.theirs is not None and conflict.theirs.score == 4
    assert conflict.mine is not None and conflict.mine.score == 0
    assert "changed elsewhere" in ratings_file(evaluation, "ben")
    assert s.conflicts == [conflict]


@pytest.mark.parametrize("keep_mine", [True, False])
def test_a_conflict_is_settled_by_the_person(evaluation: Path, keep_mine: bool):
    s = session(evaluation, "Ben")
    other = RatingsFile(evaluation, "ben", load_folder(evaluation).ordering)
    other.update("acme", "who-ran", Answer(score=4))
    s.set("acme", "who-ran", Answer(score=0))
    (conflict,) = s.flush().conflicts
    s.resolve(conflict, keep_mine=keep_mine)
    s.flush()
    on_disk = load_folder(evaluation).ratings["ben"].get("acme", "who-ran")
    assert on_disk is not None
    assert on_disk.score == (0 if keep_mine else 4)
    assert s.answer("acme", "who-ran").score == (0 if keep_mine else 4)
    assert not s.conflicts


def test_other_answers_changed_on_disk_are_kept_when_we_save(evaluation: Path):
    s = session(evaluation, "Ben")
    other = RatingsFile(evaluation, "ben", load_folder(evaluation).ordering)
    other.update("gamma", "who-ran", Answer(score=2))
    s.set("acme", "tasks", Answer(score=1))
    assert s.flush().saved == 1
    ratings = load_folder(evaluation).ratings["ben"]
    assert ratings.get("gamma", "who-ran").score == 2
    assert ratings.get("acme", "tasks").score == 1


def test_a_failed_write_keeps_the_answers_for_the_next_try(evaluation: Path,
                                                            monkeypatch: pytest.MonkeyPatch):
    s = session(evaluation)
    s.set("acme", "who-ran", Answer(score=3))
    s.set("acme", "tasks", Answer(score=2))

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(s.file, "update", broken)
    result = s.flush()
    assert result.error == "disk full" and result.saved == 0
    assert s.pending == 2
    monkeypatch.undo()
    assert s.flush().saved == 2


def test_recover_writes_what_could_not_be_saved(evaluation: Path):
    s = session(evaluation, "Ben")
    other = RatingsFile(evaluation, "ben", load_folder(evaluation).ordering)
    other.update("acme", "who-ran", Answer(score=4))
    s.set("acme", "who-ran", Answer(score=0, note="mine"))
    s.flush()
    kept = s.recover()
    assert kept is not None and kept.name == ".ben.unsaved-20261102T100400.yaml"
    assert kept.parent == evaluation / "ratings"
    assert "note: mine" in kept.read_text()
    load_folder(evaluation)  # a dot file is not mistaken for a rater


def _conflicted(evaluation: Path, note: str) -> Session:
    s = session(evaluation, "Ben")
    RatingsFile(evaluation, "ben", load_folder(evaluation).ordering).update(
        "acme", "who-ran", Answer(score=4, note=f"theirs {note}"))
    s.set("acme", "who-ran", Answer(score=0, note=note))
    assert s.flush().conflicts
    return s


def test_recover_never_overwrites_an_earlier_recovery_file(evaluation: Path):
    first = _conflicted(evaluation, "first").recover()
    second = _conflicted(evaluation, "second").recover()
    assert first is not None and second is not None and first != second
    assert "note: first" in first.read_text()
    assert "note: second" in second.read_text()
    assert second.name == ".ben.unsaved-20261102T100400-2.yaml"


def test_recover_does_not_follow_a_planted_link(evaluation: Path, tmp_path: Path):
    outside = tmp_path / "outside.txt"
    outside.write_text("precious")
    planted = evaluation / "ratings" / ".ben.unsaved-20261102T100400.yaml"
    planted.symlink_to(outside)
    dangling = evaluation / "ratings" / ".ben.unsaved-20261102T100400-2.yaml"
    dangling.symlink_to(tmp_path / "nowhere.txt")
    kept = _conflicted(evaluation, "mine").recover()
    assert kept is not None and not kept.is_symlink()
    assert kept.name == ".ben.unsaved-20261102T100400-3.yaml"
    assert outside.read_text() == "precious"
    assert not (tmp_path / "nowhere.txt").exists()
    assert planted.is_symlink() and dangling.is_symlink()


def test_recover_skips_a_ratings_folder_linked_outside(evaluation: Path, tmp_path: Path):
    s = _conflicted(evaluation, "mine")
    elsewhere = tmp_path / "elsewhere"
    (evaluation / "ratings").rename(elsewhere)
    (evaluation / "ratings").symlink_to(elsewhere, target_is_directory=True)
    kept = s.recover()
    assert kept is not None and kept.parent == evaluation
    assert not list(elsewhere.glob(".ben.unsaved*"))


def test_other_raters_changes_are_read_back(evaluation: Path):
    s = session(evaluation)
    other = RatingsFile(evaluation, "ben", load_folder(evaluation).ordering)
    other.update("gamma", "tasks", Answer(score=4))
    changes = s.read_changes()
    assert list(changes) == ["ben"]
    assert s.apply_changes(changes) == ["ben"]
    assert ("Ben", Answer(score=4)) == (s.others("gamma", "tasks")[0][0],
                                        s.others("gamma", "tasks")[0][1])
    assert s.read_changes() == {}


def test_own_file_changed_elsewhere_replaces_only_untouched_answers(evaluation: Path):
    s = session(evaluation, "Ben")
    s.set("acme", "tasks", Answer(score=1))  # pending, not saved yet
    other = RatingsFile(evaluation, "ben", load_folder(evaluation).ordering)
    other.update("acme", "tasks", Answer(score=3))
    other.update("gamma", "who-ran", Answer(score=2))
    s.apply_changes(s.read_changes())
    assert s.answer("gamma", "who-ran").score == 2
    assert s.answer("acme", "tasks").score == 1
    assert len(s.flush().conflicts) == 1


def test_progress_counts_only_the_rubrics_questions(evaluation: Path):
    """An answer kept under another key (`checklist upgrade` keeps `who-ran@0.9.0`) or for a
    question the rubric dropped is not progress."""
    RatingsFile(evaluation, "ben", load_folder(evaluation).ordering).update(
        "acme", "who-ran@0.9.0", Answer(score=2))
    text = ratings_file(evaluation, "ben")
    assert "who-ran@0.9.0" in text
    s = session(evaluation, "Ben")
    assert s.workspace.orphans
    assert s.progress("acme") == (3, 5)
    assert s.progress() == (6, 15)


def test_other_raters_are_found_by_the_loaders_rules(evaluation: Path, tmp_path: Path):
    """Only `ratings/<rater-id>.yaml`: no dot files, no badly named files, no links out of
    the evaluation (their contents would otherwise show up as a rater)."""
    s = session(evaluation)
    ratings = evaluation / "ratings"
    outside = tmp_path / "outside.yaml"
    outside.write_text((ratings / "ben.yaml").read_text().replace("Ben", "Mallory"))
    (ratings / "mallory.yaml").symlink_to(outside)
    (ratings / "Bad Name.yaml").write_text("rater: Bad\n")
    (ratings / ".ben.unsaved-1.yaml").write_text("rater: Hidden\n")
    changes = s.read_changes()
    assert set(changes) <= {"ben"}
    s.apply_changes(changes)
    assert set(s.workspace.ratings) == {"ben"}


def test_progress_and_first_open_question(evaluation: Path):
    s = session(evaluation, "Ben")
    assert s.progress("acme") == (3, 5)
    assert s.first_open("acme") == 1
    assert s.first_open("acme", "ready") == 4
    assert s.progress() == (6, 15)


def test_blind_scoring_data_and_disagreement(evaluation: Path):
    s = session(evaluation)
    assert [name for name, _ in s.others("acme", "who-ran")] == ["Ben"]
    s.set("acme", "who-ran", Answer(score=4))
    index = [q.id for _, q in s.questions].index("who-ran")
    result = s.result("acme", index)
    assert result.disagreement and result.spread == 3
