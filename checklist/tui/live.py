"""A screen that shows the live scorecard and redraws when it changes.

Redrawing a hidden screen on every keystroke would waste the time a key press has; so a
screen that is not current only marks itself stale and redraws when it comes back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.screen import Screen

from checklist.tui.literal import clean

if TYPE_CHECKING:
    from checklist.tui.app import ChecklistApp
    from checklist.tui.session import Session


def narrow_below(width: int) -> list[tuple[int, str]]:
    """A screen's `HORIZONTAL_BREAKPOINTS`: class `-narrow` below `width` cells, `-wide` from it."""
    return [(0, "-narrow"), (width, "-wide")]


class ChecklistScreen(Screen[None]):
    """A full screen of this app: typed access to the app and its open evaluation."""

    @property
    def checklist(self) -> ChecklistApp:
        return cast("ChecklistApp", self.app)

    @property
    def session(self) -> Session:
        """The open evaluation's session, for screens that exist only while one is open."""
        session = self.checklist.session
        assert session is not None, f"{type(self).__name__} needs an open evaluation"
        return session


class LiveScorecardScreen(ChecklistScreen):
    """Base for screens drawn from `app.scorecard`; subclasses implement `refresh_view`."""

    def __init__(self) -> None:
        super().__init__()
        self._stale = False

    def follow_scorecard(self) -> None:
        """Call from `on_mount`, once the widgets exist."""
        self.sub_title = clean(self.session.workspace.evaluation.title)
        self.watch(self.app, "scorecard", self._card_changed)

    def on_screen_resume(self) -> None:
        if self._stale:
            self.refresh_view()

    def _card_changed(self, _card: object) -> None:
        if self.is_current:
            self.refresh_view()
        else:
            self._stale = True

    def refresh_view(self) -> None:
        raise NotImplementedError
