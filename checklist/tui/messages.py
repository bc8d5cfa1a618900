"""Messages between the background workers and the screens: small dataclasses.

Workers never touch widgets; they post one of these and the app applies it on its own thread.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from checklist.model.ratings import Ratings
from checklist.scoring import Scorecard
from checklist.tui.judging import JudgeView
from checklist.tui.session import SaveResult, Session


@dataclass
class Saved(Message):
    """A background save finished (or failed, or found conflicts)."""

    session: Session
    result: SaveResult


@dataclass
class Scored(Message):
    """A fresh scorecard computed off the UI thread."""

    session: Session
    card: Scorecard

    def can_replace(self, message: Message) -> bool:
        """Only the newest scorecard matters when several queue up."""
        return isinstance(message, Scored)


@dataclass
class DiskChanged(Message):
    """Ratings files changed on disk by another process (read in a worker)."""

    session: Session
    changes: dict[str, tuple[int, Ratings]]


@dataclass
class AnswerChanged(Message):
    """The current rater changed an answer: save it soon and refresh the scores."""

    vendor: str
    question: str


@dataclass
class Judged(Message):
    """The judging worker loaded the bake-off, cast a vote or took one back.

    `view` is what to show now (None: nothing could be read); `said` is one line for the
    status; `problems`, under `title`, are errors to show (nothing was recorded)."""

    view: JudgeView | None
    said: str = ""
    title: str = ""
    problems: tuple[str, ...] = ()
