"""A proposed answer to this question, from the team's own measurements, and taking it.

`checklist bakeoff propose` and `checklist evidence import` write proposals
(`proposals/<source>.yaml`, see `checklist.files.proposals`); `proposals accept` takes them on
the command line. On the scoring screen the panel shows the proposal for the vendor and
question in view (value, how it was computed, the files it came from) and where this rater
stands on it; **a** takes it. The rule is the CLI's (`checklist.model.proposal`): an open
proposal is copied into the rater's answer with its evidence; a rater's own different answer
is never written over (the panel says to clear it first, the CLI asks for `--replace`).

The proposals are read from disk again only when a file in `proposals/` changed, so moving
from question to question reads nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual.content import Content

from checklist.errors import ChecklistError
from checklist.files.proposals import PROPOSALS_DIR, read_proposals
from checklist.model.proposal import Proposal, ProposalsFile, State, accepted, state
from checklist.model.ratings import Answer
from checklist.tui.literal import lines, markup
from checklist.tui.text import answer_text, clipped, evidence_text
from checklist.tui.widgets.spot import Spot, SpotPanel

#: Characters of a proposal's note shown (it says how the value was computed).
NOTE_SHOWN = 400
KEY = "a"

Stamp = tuple[tuple[str, int, int], ...]


@dataclass(frozen=True)
class Pending:
    """The proposal for one vendor and question, and where this rater stands on it."""

    source: ProposalsFile
    proposal: Proposal
    state: State


class ProposalCache:
    """The proposals of one evaluation folder, read again when `proposals/` changes."""

    def __init__(self) -> None:
        self._stamp: Stamp | None = None
        self._files: list[ProposalsFile] = []
        self._problem = ""

    def files(self, folder: Path) -> tuple[list[ProposalsFile], str]:
        """The proposals files, or none and why they cannot be read."""
        stamp = _stamp(folder)
        if stamp != self._stamp:
            self._stamp = stamp
            try:
                self._files, self._problem = read_proposals(folder), ""
            except ChecklistError as exc:
                self._files, self._problem = [], str(exc)
        return self._files, self._problem


def _stamp(folder: Path) -> Stamp:
    stamps = []
    for path in sorted((folder / PROPOSALS_DIR).glob("*.yaml")):
        try:
            info = path.stat()
        except OSError:
            continue
        stamps.append((path.name, info.st_mtime_ns, info.st_size))
    return tuple(stamps)


def pending(files: list[ProposalsFile], spot: Spot) -> Pending | None:
    """The first source's proposal for the spot's vendor and question (sources in file-name
    order, as `proposals list` shows them)."""
    vendor, question, mine = spot.vendor.id, spot.question.id, spot.mine
    for file in files:
        for proposal in file.proposals:
            if proposal.vendor == vendor and proposal.question == question:
                return Pending(file, proposal, state(proposal, mine))
    return None


class ProposalPanel(SpotPanel):
    """The proposal for this vendor and question; hidden when there is none."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._cache = ProposalCache()

    def current(self, spot: Spot) -> tuple[Pending | None, str]:
        files, problem = self._cache.files(spot.session.path)
        return pending(files, spot), problem

    def draw(self, spot: Spot) -> Content:
        found, problem = self.current(spot)
        if problem:
            return markup("[b]Proposed answers[/b] cannot be read: $problem", problem=problem)
        if found is None:
            return Content()
        question, rubric = spot.question, spot.rubric
        value = answer_text(found.proposal.answer, question, rubric)
        heading = {
            "open": f"press {KEY} to take it as your answer, with its evidence",
            "accepted": "you took it: it is your answer",
            "overridden": "your own answer stands; clear it (backspace) to take this one",
        }[found.state]
        rows = [markup(f"[b]Proposed[/b] from $source: [b]$value[/b] · {heading}",
                       source=found.source.title, value=value)]
        note = found.proposal.answer.note
        if note:
            rows.append(markup("  $note", note=clipped(note, NOTE_SHOWN)))
        rows += [markup("  evidence: $item", item=evidence_text(e))
                 for e in found.proposal.answer.evidence]
        return lines(rows)

    def to_accept(self, spot: Spot) -> tuple[Answer | None, str]:
        """The rater's answer with the proposal taken, or None and why it is not taken."""
        found, problem = self.current(spot)
        if problem:
            return None, f"Proposed answers cannot be read: {problem}"
        if found is None:
            return None, "No proposed answer for this question."
        if found.state == "accepted":
            return None, "You have taken this proposal already."
        if found.state == "overridden":
            return None, ("Your own answer stands: a proposal never replaces it. Clear it "
                          "(backspace) first to take the proposal.")
        return accepted(found.proposal, spot.mine), ""
