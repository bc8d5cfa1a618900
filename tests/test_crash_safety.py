"""Crash safety: SIGKILL a process at random moments while it saves, hundreds of times.

After every kill the folder must load, the answer being saved must be either the old one or
the new one (never missing, never half-written), every other answer must be untouched, and a
temporary file left behind by the kill must never be read as a rater's ratings. This checks
atomicity against a process crash; durability against a power cut (the fsyncs) cannot be
tested without a virtual machine.

Fast rounds fork the already-imported test process, so a kill can land anywhere in a save
without paying an interpreter start per round; a few rounds kill the real `checklist rate`
command instead.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from checklist.files.folder import RatingsFile, load_folder, save_evaluation
from checklist.model import Answer, Ratings

#: Hundreds of SIGKILLed saves: the slow part of the suite (`pytest -m slow`).
pytestmark = pytest.mark.slow

RATER = "ana"
VENDORS = 40  # 40 vendors x 5 questions: a save parses and writes ~200 answers
SEED = 20261121


@pytest.fixture
def evaluation(tmp_path: Path) -> Path:
    """An evaluation of the tiny rubric with VENDORS vendors, every answer given by ana."""
    from hostile.util import TINY_RUBRIC, run_main

    folder = tmp_path / "ev"
    vendors = [arg for i in range(VENDORS) for arg in ("--vendor", f"Vendor {i:02d}")]
    done = run_main("new", folder, "--rubric", TINY_RUBRIC, "--title", "Crash test", *vendors)
    assert done.code == 0, done.stderr
    workspace = load_folder(folder)
    answers = {
        vendor.id: {q.id: _answer(q.type, 1) for _, q in workspace.rubric.questions()}
        for vendor in workspace.evaluation.vendors
    }
    workspace.ratings_file(RATER).replace(Ratings(rater=RATER, answers=answers))
    return folder


def _answer(kind: str, level: int) -> Answer:
    """An answer of the right type for a tiny-rubric question, distinct per level."""
    note = f"level {level}: " + "evidence and reasoning " * 4
    if kind == "yes_no":
        return Answer(answer=bool(level % 2), note=note)
    if kind == "choice":
        return Answer(choice=("ga", "preview", "retired")[level % 3], note=note)
    if kind == "number":
        return Answer(value=10.0 + level, note=note)
    return Answer(score=level % 5, note=note)


def _snapshot(folder: Path) -> dict[tuple[str, str], Answer]:
    """Every answer on disk, loading the folder exactly as the CLI does."""
    workspace = load_folder(folder)
    assert set(workspace.ratings) == {RATER}, (
        f"a temporary file was read as a rater: {sorted(workspace.ratings)}"
    )
    return {
        (vendor, qid): answer
        for vendor, by_question in workspace.ratings[RATER].answers.items()
        for qid, answer in by_question.items()
    }


def _kill_during(action: Callable[[], None], delay: float) -> bool:
    """Runs `action` in a forked child and SIGKILLs it after `delay` seconds.

    Returns True when the kill landed before the child finished.
    """
    pid = os.fork()
    if pid == 0:  # the child: save, then leave without running the parent's cleanup
        try:
            action()
        except BaseException:
            os._exit(3)
        os._exit(0)
    time.sleep(delay)
    os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    if os.WIFEXITED(status):
        assert os.WEXITSTATUS(status) == 0, "the save itself failed"
        return False
    assert os.WTERMSIG(status) == signal.SIGKILL
    return True


def _save_time(action: Callable[[], None]) -> float:
    """How long a forked child takes to save here, so the kills spread over the whole save.

    Measured on forked children, not in-process: a child pays for fork and copy-on-write
    page faults too, and the kills must cover its whole run.
    """
    times = []
    for _ in range(5):
        start = time.perf_counter()
        pid = os.fork()
        if pid == 0:
            action()
            os._exit(0)
        os.waitpid(pid, 0)
        times.append(time.perf_counter() - start)
    return sorted(times)[len(times) // 2]


def test_sigkill_while_saving_answers(evaluation: Path) -> None:
    rng = random.Random(SEED)
    workspace = load_folder(evaluation)
    questions = [(q.id, q.type) for _, q in workspace.rubric.questions()]
    vendors = [v.id for v in workspace.evaluation.vendors]
    file = RatingsFile(evaluation, RATER, workspace.ordering)
    window = _save_time(lambda: file.update(vendors[0], questions[0][0], _answer("score", 1)))
    state = _snapshot(evaluation)
    killed = finished = 0
    for round_number in range(300):
        vendor = rng.choice(vendors)
        qid, kind = rng.choice(questions)
        old = state[(vendor, qid)]
        new = _answer(kind, round_number + 2)
        assert new != old

        def save(vendor: str = vendor, qid: str = qid, new: Answer = new) -> None:
            file.update(vendor, qid, new)

        if _kill_during(save, rng.uniform(0, window * 1.8)):
            killed += 1
        else:
            finished += 1
        after = _snapshot(evaluation)
        assert after[(vendor, qid)] in (old, new), f"round {round_number}: neither old nor new"
        if after[(vendor, qid)] == old:
            # a kill before the rename: nothing else may have changed either
            assert after == state, f"round {round_number}: other answers changed"
        else:
            assert {k: v for k, v in after.items() if k != (vendor, qid)} == {
                k: v for k, v in state.items() if k != (vendor, qid)
            }, f"round {round_number}: other answers changed"
        state = after
    leftovers = [p.name for p in (evaluation / "ratings").iterdir() if p.name != f"{RATER}.yaml"]
    assert all(name.startswith(".") and name.endswith(".tmp") for name in leftovers), leftovers
    assert killed > 0, "no kill landed during a save: the test did not test anything"
    print(f"\n{killed} saves killed, {finished} finished; save ~{window * 1000:.1f} ms; "
          f"{len(leftovers)} temporary files left behind (ignored)")


def test_sigkill_while_saving_the_evaluation(evaluation: Path) -> None:
    rng = random.Random(SEED + 1)
    titles = [f"Crash test, take {i}" for i in range(100)]

    def save_title(title: str) -> None:
        current = load_folder(evaluation).evaluation
        save_evaluation(evaluation, current.model_copy(update={"title": title}))

    window = _save_time(lambda: save_title("Crash test"))
    old = "Crash test"
    for title in titles:
        _kill_during(lambda title=title: save_title(title), rng.uniform(0, window * 1.8))
        now = load_folder(evaluation).evaluation.title
        assert now in (old, title)
        old = now


def test_sigkill_the_real_rate_command(evaluation: Path) -> None:
    """The installed command, killed at random points of its run (start-up included)."""
    rng = random.Random(SEED + 2)
    state = _snapshot(evaluation)
    vendors = sorted({vendor for vendor, _ in state})
    for round_number in range(20):
        vendor = rng.choice(vendors)
        old = state[(vendor, "who-ran")]
        score = (old.score + 1) % 5 if old.score is not None else 0
        process = subprocess.Popen(
            [sys.executable, "-m", "checklist", "rate", str(evaluation), "--rater", RATER,
             "--vendor", vendor, "--question", "who-ran", "--score", str(score)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.05, 0.6))
        process.send_signal(signal.SIGKILL)
        process.wait()
        after = _snapshot(evaluation)
        got = after[(vendor, "who-ran")]
        assert got == old or got.score == score, f"round {round_number}: {got}"
        assert {k: v for k, v in after.items() if k != (vendor, "who-ran")} == {
            k: v for k, v in state.items() if k != (vendor, "who-ran")
        }
        state = after
