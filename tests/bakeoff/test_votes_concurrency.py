"""Votes merge like ratings: processes voting at once into one rater's file lose nothing."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest

from bakeoff.bakeoff_support import plan
from checklist.errors import ConflictError


def _cast(folder: str, comparison: str, barrier: multiprocessing.synchronize.Barrier) -> None:
    from checklist.bakeoff.judge import Judge

    judge = Judge.open(Path(folder), "ana")
    barrier.wait()
    judge.vote(comparison, "left")


def test_simultaneous_votes_of_one_rater_are_all_kept(bakeoff: Path) -> None:
    plan(bakeoff)
    from checklist.bakeoff.judge import Judge

    queue = Judge.open(bakeoff, "ana").queue
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(len(queue))
    workers = [context.Process(target=_cast, args=(str(bakeoff), cid, barrier))
               for cid in queue]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=300)
        assert worker.exitcode == 0
    judge = Judge.open(bakeoff, "ana")
    assert judge.progress().done == len(queue)
    assert judge.next_trial() is None


def test_a_second_window_moves_on_after_a_conflict(bakeoff: Path) -> None:
    plan(bakeoff)
    from checklist.bakeoff.judge import Judge

    first, second = Judge.open(bakeoff, "ana"), Judge.open(bakeoff, "ana")
    trial = first.next_trial()
    assert trial is not None
    first.vote(trial.comparison, "left")
    stale = second.next_trial()
    assert stale is not None and stale.comparison == trial.comparison
    with pytest.raises(ConflictError):
        second.vote(stale.comparison, "right")
    moved = second.next_trial()
    assert moved is not None and moved.comparison != trial.comparison
