"""The scoring screen remembers where the rater left off, per rater and evaluation and across
restarts ("s: score where you left off"). A mixin of `ScoringScreen`.

The place is kept in the user's state folder (`checklist.files.positions`), written in the
background a moment after the rater stops moving, and at once when the screen is left or
closed; a place that no longer exists (a vendor or question removed since) is ignored.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from textual import work
from textual.timer import Timer

from checklist.files.positions import Position, load_position, save_position
from checklist.tui.screens.scoring_base import ScoringBase

#: Seconds without a move before the place is written.
REMEMBER_AFTER = 1.0


class LeftOff(ScoringBase):
    """Resuming: where `goto(None)` lands, and keeping that place for the next run."""

    _place_timer: Timer | None = None
    #: The place last shown: evaluation folder, rater id and where (None: not shown yet).
    _place: tuple[Path, str, Position] | None = None
    _written: tuple[Path, str, Position] | None = None

    def _left_off(self) -> tuple[int, int] | None:
        """(vendor index, question index) to resume at: this screen's place once it has shown
        one, else the place remembered from an earlier run; None to start at the first open
        question."""
        if self._place is not None:
            return self.vendor_index, self.index
        if not self.checklist.remember:
            return None
        session = self.session
        position = load_position(session.path, session.rater_id)
        if position is None:
            return None
        vendors = [v.id for v in self.vendors]
        questions = [q.id for _, q in session.questions]
        if position.vendor not in vendors or position.question not in questions:
            return None
        return vendors.index(position.vendor), questions.index(position.question)

    def _place_shown(self) -> None:
        """Call on every move: the place is written once the rater pauses. Kept with its
        folder and rater, so it is written where it belongs even after the app has moved on
        to another evaluation."""
        session = self.session
        self._place = (session.path, session.rater_id,
                       Position(vendor=self.vendor.id, question=self.question.id))
        if not self.checklist.remember:
            return
        if self._place_timer is not None:
            self._place_timer.stop()
        self._place_timer = self.set_timer(REMEMBER_AFTER, self._remember_soon)

    def _remember_soon(self) -> None:
        place = self._place
        if place is not None and place != self._written:
            self._written = place
            self._write_place(place)

    @work(thread=True, group="left-off", exclusive=True, exit_on_error=False)
    def _write_place(self, place: tuple[Path, str, Position]) -> None:
        with contextlib.suppress(OSError):
            save_position(*place)

    def _remember_now(self) -> None:
        """Writes the place now (leaving the screen, closing the app), if it moved."""
        if self._place_timer is not None:
            self._place_timer.stop()
            self._place_timer = None
        place = self._place
        if place is not None and place != self._written and self.checklist.remember:
            self._written = place
            with contextlib.suppress(OSError):
                save_position(*place)

    def on_screen_suspend(self) -> None:
        self._remember_now()

    def on_unmount(self) -> None:
        self._remember_now()
