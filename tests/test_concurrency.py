"""Concurrent edits never lose an answer silently.

Processes saving different answers to the same rater file all survive (the folder lock
serialises each read-merge-write); processes on different rater files never touch each
other; and two processes changing the same answer from the same starting point end with
exactly one winner and a ConflictError for the other, never a silent overwrite.
Workers are forked processes started together at a barrier, plus real `checklist rate`
commands started at once.
"""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from checklist.errors import ConflictError
from checklist.files.folder import EVALUATION_FILE, RatingsFile, load_folder, save_evaluation
from checklist.model import Answer, Ratings

#: Races real processes: slow (`pytest -m slow`).
pytestmark = pytest.mark.slow

FORK = multiprocessing.get_context("fork")
CONFLICT = 10


@pytest.fixture
def evaluation(tmp_path: Path) -> Path:
    from hostile.util import TINY_RUBRIC, run_main

    folder = tmp_path / "ev"
    vendors = [arg for i in range(20) for arg in ("--vendor", f"Vendor {i:02d}")]
    done = run_main("new", folder, "--rubric", TINY_RUBRIC, "--title", "Concurrency", *vendors)
    assert done.code == 0, done.stderr
    return folder


def _targets(folder: Path) -> list[tuple[str, str]]:
    """Every (vendor, score-type question) pair of the evaluation."""
    workspace = load_folder(folder)
    return [(v.id, q.id) for v in workspace.evaluation.vendors
            for _, q in workspace.rubric.questions() if q.type == "score"]


def _run_together(jobs: list[Callable[[], int]]) -> list[int]:
    """Starts every job in its own process at the same instant; returns their exit codes."""
    barrier = FORK.Barrier(len(jobs))

    def body(job: Callable[[], int]) -> None:
        barrier.wait()
        os._exit(job())

    processes = [FORK.Process(target=body, args=(job,)) for job in jobs]
    for process in processes:
        process.start()
    for process in processes:
        process.join(60)
    return [p.exitcode for p in processes]


def _saver(folder: Path, rater: str, items: list[tuple[str, str, int]]) -> Callable[[], int]:
    def job() -> int:
        workspace = load_folder(folder)
        file = RatingsFile(folder, rater, workspace.ordering)
        for vendor, qid, score in items:
            file.update(vendor, qid, Answer(score=score, note=f"{rater} {vendor} {qid}"))
        return 0

    return job


def test_many_processes_one_rater_file(evaluation: Path) -> None:
    targets = _targets(evaluation)  # 20 vendors x 2 questions = 40 answers
    workers = 4
    shares = [targets[i::workers] for i in range(workers)]
    jobs = [_saver(evaluation, "ana", [(v, q, (i + n) % 5) for n, (v, q) in enumerate(share)])
            for i, share in enumerate(shares)]
    assert _run_together(jobs) == [0] * workers
    ratings = load_folder(evaluation).ratings["ana"]
    for i, share in enumerate(shares):
        for n, (vendor, qid) in enumerate(share):
            answer = ratings.get(vendor, qid)
            assert answer is not None, f"{vendor}/{qid} was lost"
            assert answer.score == (i + n) % 5 and answer.note == f"ana {vendor} {qid}"


def test_processes_on_different_rater_files(evaluation: Path) -> None:
    targets = _targets(evaluation)
    raters = ["ana", "bob", "carla"]
    jobs = [_saver(evaluation, rater, [(v, q, r) for v, q in targets[:15]])
            for r, rater in enumerate(raters)]
    assert _run_together(jobs) == [0, 0, 0]
    workspace = load_folder(evaluation)
    assert sorted(workspace.ratings) == raters
    for r, rater in enumerate(raters):
        for vendor, qid in targets[:15]:
            answer = workspace.ratings[rater].get(vendor, qid)
            assert answer is not None and answer.score == r and answer.note.startswith(rater)


def _conflicting(folder: Path, vendor: str, qid: str, expected: Answer | None,
                 score: int) -> Callable[[], int]:
    def job() -> int:
        file = RatingsFile(folder, "ana", load_folder(folder).ordering)
        try:
            file.update(vendor, qid, Answer(score=score), expected=expected)
        except ConflictError as exc:
            assert "changed by someone else" in str(exc)
            return CONFLICT
        return 0

    return job


def test_same_answer_from_the_same_start_is_a_conflict(evaluation: Path) -> None:
    """Two people change one answer they both saw as 1: one wins, the other is told."""
    vendor, qid = _targets(evaluation)[0]
    workspace = load_folder(evaluation)
    file = RatingsFile(evaluation, "ana", workspace.ordering)
    for attempt in range(15):
        seen = Answer(score=1, note=f"attempt {attempt}")
        file.update(vendor, qid, seen)
        codes = _run_together([_conflicting(evaluation, vendor, qid, seen, 3),
                               _conflicting(evaluation, vendor, qid, seen, 4)])
        assert sorted(codes) == [0, CONFLICT], f"attempt {attempt}: exit codes {codes}"
        winner = 3 if codes[0] == 0 else 4
        assert file.read().get(vendor, qid).score == winner


def test_conflict_when_the_answer_was_cleared_meanwhile(evaluation: Path) -> None:
    vendor, qid = _targets(evaluation)[0]
    file = RatingsFile(evaluation, "ana", load_folder(evaluation).ordering)
    seen = Answer(score=2)
    file.update(vendor, qid, seen)
    file.update(vendor, qid, None)  # someone else clears it
    with pytest.raises(ConflictError):
        file.update(vendor, qid, Answer(score=4), expected=seen)
    assert file.read().get(vendor, qid) is None
    file.update(vendor, qid, Answer(score=4), expected=None)  # "I saw it unanswered": fine
    assert file.read().get(vendor, qid).score == 4


def test_whole_file_replace_with_stale_bytes_is_refused(evaluation: Path) -> None:
    vendor, qid = _targets(evaluation)[0]
    file = RatingsFile(evaluation, "ana", load_folder(evaluation).ordering)
    file.update(vendor, qid, Answer(score=1))
    seen = file.path.read_bytes()
    file.update(vendor, qid, Answer(score=2, note="someone else's work"))
    with pytest.raises(ConflictError):
        file.replace(Ratings(rater="ana"), expected=seen)
    assert file.read().get(vendor, qid).note == "someone else's work"


def test_evaluation_save_with_stale_bytes_is_refused(evaluation: Path) -> None:
    target = evaluation / EVALUATION_FILE
    seen = target.read_bytes()
    current = load_folder(evaluation).evaluation
    save_evaluation(evaluation, current.model_copy(update={"title": "Changed by Bob"}))
    with pytest.raises(ConflictError):
        save_evaluation(evaluation, current.model_copy(update={"title": "Ana's title"}),
                        expected=seen)
    assert load_folder(evaluation).evaluation.title == "Changed by Bob"


def test_concurrent_rate_commands_all_survive(evaluation: Path) -> None:
    """Eight `checklist rate` commands on one rater file at once: eight answers on disk."""
    targets = _targets(evaluation)[:8]
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "checklist", "rate", str(evaluation), "--rater", "Ana",
             "--vendor", vendor, "--question", qid, "--score", str(n % 5), "--note", f"n{n}"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for n, (vendor, qid) in enumerate(targets)
    ]
    for process in processes:
        _, err = process.communicate(timeout=60)
        assert process.returncode == 0, err
    ratings = load_folder(evaluation).ratings["ana"]
    for n, (vendor, qid) in enumerate(targets):
        answer = ratings.get(vendor, qid)
        assert answer is not None and answer.score == n % 5 and answer.note == f"n{n}"


def test_rate_does_not_overwrite_a_note_saved_meanwhile(evaluation: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """`rate --score` keeps the previous note; if Bob's session changed that note after
    `rate` read it, the save must report a conflict (exit 2), not put the old note back."""
    from hostile.util import run_main

    from checklist.cli import rate_cmds

    vendor, qid = _targets(evaluation)[0]
    file = RatingsFile(evaluation, "ana", load_folder(evaluation).ordering)
    file.update(vendor, qid, Answer(score=1, note="first note"))
    real_build = rate_cmds.build_answer

    def build_while_someone_saves(*args: object, **kwargs: object) -> Answer:
        answer = real_build(*args, **kwargs)  # built from the answer read before
        file.update(vendor, qid, Answer(score=1, note="note written meanwhile"))
        return answer

    monkeypatch.setattr(rate_cmds, "build_answer", build_while_someone_saves)
    result = run_main("rate", evaluation, "--rater", "ana", "--vendor", vendor,
                      "--question", qid, "--score", "3")
    note = file.read().get(vendor, qid).note
    assert result.code == 2 or note == "note written meanwhile", (
        f"exit {result.code}, note now {note!r}: the note saved meanwhile was lost"
    )


def _hold_lock(folder: Path) -> int:
    """Takes the folder lock as another checklist process would; returns its fd."""
    import fcntl

    fd = os.open(folder, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)
    return fd


def _release(fd: int) -> None:
    import fcntl

    fcntl.flock(fd, fcntl.LOCK_UN)
    os.close(fd)


def _rate(folder: Path, timeout: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "checklist", "rate", str(folder), "--rater", "ana", "--vendor",
         "vendor-00", "--question", "who-ran", "--score", "2"],
        capture_output=True, text=True, timeout=120,
        env={**os.environ, "CHECKLIST_LOCK_TIMEOUT": timeout})


def test_a_held_lock_is_waited_for_with_a_message_then_given_up(evaluation: Path) -> None:
    """`rate` while another process holds the lock: it says whom it waits for, and gives up
    with exit 2 (the 120 s guard would fire if it waited forever, as it once did)."""
    fd = _hold_lock(evaluation)
    try:
        done = _rate(evaluation, "3")
    finally:
        _release(fd)
    assert done.returncode == 2, done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 2 and "Traceback" not in done.stderr, done.stderr
    assert lines[0].startswith(f"{evaluation}: waiting for the evaluation's lock")
    assert "held by another checklist process" in lines[0]
    assert lines[1].startswith(f"{evaluation}: another checklist process has held")
    assert "CHECKLIST_LOCK_TIMEOUT" in lines[1]
    assert not (evaluation / "ratings" / "ana.yaml").exists(), "nothing may be written"


def test_a_lock_released_while_waiting_lets_the_save_through(evaluation: Path) -> None:
    """The lock is released once `rate` says it is waiting: the answer is then saved."""
    fd = _hold_lock(evaluation)
    try:
        with subprocess.Popen(
            [sys.executable, "-m", "checklist", "rate", str(evaluation), "--rater", "ana",
             "--vendor", "vendor-00", "--question", "who-ran", "--score", "2"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env={**os.environ, "CHECKLIST_LOCK_TIMEOUT": "600"},
        ) as process:
            assert process.stderr is not None
            import select

            ready, _, _ = select.select([process.stderr], [], [], 120)  # a hang guard only
            if not ready:
                process.kill()
                pytest.fail("rate waited silently for the lock")
            notice = process.stderr.readline()
            _release(fd)
            fd = -1
            process.wait(timeout=120)
    finally:
        if fd >= 0:
            _release(fd)
    assert "waiting for the evaluation's lock" in notice
    assert process.returncode == 0
    assert "who-ran" in (evaluation / "ratings" / "ana.yaml").read_text()
