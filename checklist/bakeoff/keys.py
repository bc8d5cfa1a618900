"""The judging keys, one table for every judging screen (the web page, the TUI screen).

Plain letters that every terminal and browser sends the same way: `a` / `b` for the output
shown as A (left) or B (right), `t` tie, `x` both unusable, `u` undo the last vote. The
arrows are aliases where a front end receives them (left: A better, right: B better).
Reason tags are toggled with `1`...`9`, in the bake-off's order of reasons.
"""

from __future__ import annotations

from dataclasses import dataclass

from checklist.bakeoff.model import Verdict


@dataclass(frozen=True)
class VerdictKey:
    verdict: Verdict
    key: str
    #: Other keys meaning the same, as a browser names them (`KeyboardEvent.key`).
    aliases: tuple[str, ...]
    label: str


VERDICT_KEYS: tuple[VerdictKey, ...] = (
    VerdictKey("left", "a", ("ArrowLeft",), "A is better"),
    VerdictKey("right", "b", ("ArrowRight",), "B is better"),
    VerdictKey("tie", "t", (), "Tie"),
    VerdictKey("both-unusable", "x", (), "Both unusable"),
)
UNDO_KEY = "u"
#: Keys toggling the first nine reason tags.
REASON_KEYS = tuple(str(n) for n in range(1, 10))
