"""One rater's `Judge`, shared by the server's worker threads.

Starlette runs the page's handlers in a thread pool; the `Judge` keeps the rater's votes in
memory between calls, so every call goes through one lock. Writes are the Judge's own
(merged under the evaluation folder's lock, atomic); this only serialises this process.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from pathlib import Path

from checklist.bakeoff.judge import Judge, Progress, Trial
from checklist.bakeoff.model import Verdict


class JudgingSession:
    def __init__(self, judge: Judge) -> None:
        self._judge = judge
        self._lock = threading.Lock()

    @property
    def rater(self) -> str:
        return self._judge.rater

    @property
    def reasons(self) -> list[str]:
        return self._judge.reasons

    def current(self) -> tuple[Trial | None, Progress]:
        """The next comparison to judge (None when the share is done), after re-reading the
        votes: another window of the same rater may have voted."""
        with self._lock:
            self._judge.refresh()
            return self._judge.next_trial(), self._judge.progress()

    def vote(self, comparison: str, verdict: Verdict, reasons: Iterable[str],
             note: str) -> Progress:
        with self._lock:
            return self._judge.vote(comparison, verdict, reasons=reasons, note=note)

    def undo(self) -> str | None:
        with self._lock:
            return self._judge.undo()

    def progress(self) -> Progress:
        with self._lock:
            return self._judge.progress()

    def output_file(self, output_id: str) -> tuple[Path, str] | None:
        with self._lock:
            return self._judge.output_file(output_id)

    def input_file(self, prompt_id: str) -> tuple[Path, str] | None:
        with self._lock:
            return self._judge.input_file(prompt_id)
