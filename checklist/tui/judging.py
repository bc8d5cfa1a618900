"""What the judging screen shows, read from a `Judge` in a worker thread (no Textual here).

The screen never asks the disk itself: a load, a vote or an undo runs in a worker, which
builds a `JudgeView` (the comparison to judge, or the done view) and hands it over in a
message. Everything here comes from `checklist.bakeoff.judge.Judge`, which hides vendors:
a view holds opaque output ids, texts and verdicts, never a vendor or a path, and other
raters' votes only once this rater's share is done (`Judge.others_votes`).

A is the left output of the plan's comparison and B the right one, wherever the screen
draws them (side by side, or A above B in a narrow terminal), as on the web page.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from checklist.bakeoff.judge import Judge, Progress, Trial
from checklist.bakeoff.model import VERDICTS
from checklist.errors import ChecklistError

#: Verdicts as the judge says them: A is the left output, B the right one.
VERDICT_WORDS: dict[str, str] = {
    "left": "A better", "right": "B better", "tie": "tie", "both-unusable": "both unusable",
}
#: Output kinds a terminal cannot show; the browser page (`checklist bakeoff serve`) can.
MEDIA_KINDS = frozenset({"image", "audio", "video"})


def verdict_words(verdict: str | None) -> str:
    return "—" if verdict is None else VERDICT_WORDS.get(verdict, verdict)


def media_in(trial: Trial) -> list[str]:
    """The media kinds among the two outputs (and the prompt's input), in a stable order."""
    kinds = {trial.left.kind, trial.right.kind}
    if trial.prompt.input_kind:
        kinds.add(trial.prompt.input_kind)
    return sorted(kinds & MEDIA_KINDS)


@dataclass(frozen=True)
class Agreement:
    """How often another rater gave the same verdict on the comparisons both judged."""

    rater: str
    votes: int
    shared: int
    same: int


@dataclass(frozen=True)
class DoneRow:
    """One comparison of this rater's share, with every other rater's verdict on it."""

    number: int
    prompt: str
    mine: str | None
    others: tuple[str | None, ...]  # in the order of `DoneView.raters`


@dataclass(frozen=True)
class DoneView:
    total: int
    counts: dict[str, int]  # this rater's verdicts, counted
    raters: tuple[str, ...] = ()  # other raters (ids) with votes
    agreements: tuple[Agreement, ...] = ()
    rows: tuple[DoneRow, ...] = ()
    #: Why other raters' votes could not be shown (a broken votes file), or None.
    problem: str | None = None


@dataclass(frozen=True)
class JudgeView:
    """One state of the screen: a comparison to judge, or the done view."""

    progress: Progress
    trial: Trial | None = None
    done: DoneView | None = None


def current_view(judge: Judge, comparison: str | None = None) -> JudgeView:
    """`comparison` (after an undo: the comparison taken back), else the next one to judge,
    else the done view. Reads the output texts: call it from a worker."""
    trial = judge.trial(comparison) if comparison is not None else judge.next_trial()
    if trial is not None and trial.verdict is None:
        return JudgeView(trial.progress, trial)
    if trial is not None:  # judged meanwhile (another window): go on
        return current_view(judge)
    return JudgeView(judge.progress(), done=done_view(judge))


def done_view(judge: Judge) -> DoneView:
    trials = [judge.trial(c) for c in judge.queue]
    mine = {t.comparison: t.verdict for t in trials}
    counts = Counter(v for v in mine.values() if v is not None)
    try:
        others = judge.others_votes() or {}
    except ChecklistError as exc:
        problem = "; ".join(str(p) for p in exc.problems[:3])
        return DoneView(len(judge.queue), {v: counts[v] for v in VERDICTS}, problem=problem)
    raters = tuple(sorted(r for r, votes in others.items() if votes))
    by_rater = {r: {v.comparison: v.verdict for v in others[r]} for r in raters}
    agreements = []
    for rater in raters:
        theirs = by_rater[rater]
        shared = [c for c in mine if c in theirs and mine[c] is not None]
        agreements.append(Agreement(rater, len(theirs), len(shared),
                                    sum(1 for c in shared if theirs[c] == mine[c])))
    rows = tuple(
        DoneRow(t.number, t.prompt.id, t.verdict,
                tuple(by_rater[r].get(t.comparison) for r in raters))
        for t in trials
    ) if raters else ()
    return DoneView(len(judge.queue), {v: counts[v] for v in VERDICTS}, raters,
                    tuple(agreements), rows)
