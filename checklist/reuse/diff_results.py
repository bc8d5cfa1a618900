"""What a comparison of two assessments holds (`EvalDiff`, one `VendorDiff` per vendor, the
`AnswerMove`s that moved it), as JSON and as the readable report `checklist diff` prints.
Computed by `checklist.reuse.eval_diff`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from checklist import numbers as n
from checklist.scoring.context_change import GateSwitch, Switch
from checklist.scoring.export import rounded
from checklist.scoring.results import verdict_label

#: Below this a score did not move (float noise).
EPS = 1e-9


@dataclass(frozen=True)
class Delta:
    """One number before and after ("overall 0.62 -> 0.71, +0.09")."""

    old: float | None
    new: float | None

    @property
    def change(self) -> float | None:
        return None if self.old is None or self.new is None else rounded(self.new - self.old)

    def to_json(self) -> dict[str, float | None]:
        return {"old": rounded(self.old), "new": rounded(self.new), "change": self.change}


@dataclass(frozen=True)
class AnswerMove:
    """A question whose aggregated answer for a vendor changed between the two assessments.

    `impact` is the change in the question's contribution to the overall score (value times
    share), which is what "moved most" is sorted by: a big move on a tiny question matters less
    than a small one on a heavy question.
    """

    question: str
    text: str
    old: str
    new: str
    old_level: float | None
    new_level: float | None
    impact: float
    gate: bool
    notes: tuple[tuple[str, str], ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "text": self.text,
            "old": self.old,
            "new": self.new,
            "old_level": rounded(self.old_level),
            "new_level": rounded(self.new_level),
            "impact": rounded(self.impact),
            "gate": self.gate,
            "notes": {rater: note for rater, note in self.notes},
        }


@dataclass(frozen=True)
class VendorDiff:
    id: str
    name: str
    #: "both", or "added"/"removed" when the vendor is only in the new/old assessment.
    presence: str
    old_verdict: str | None
    new_verdict: str | None
    old_rank: int | None
    new_rank: int | None
    overall: Delta
    claims: Delta
    readiness: Delta
    hype_gap: Delta
    coverage: Delta
    gates_newly_failed: tuple[str, ...] = ()
    gates_newly_passed: tuple[str, ...] = ()
    gates_newly_open: tuple[str, ...] = ()
    moves: tuple[AnswerMove, ...] = ()
    moved_total: int = 0

    @property
    def verdict_changed(self) -> bool:
        return self.old_verdict != self.new_verdict

    @property
    def changed(self) -> bool:
        numbers = (self.overall, self.claims, self.readiness, self.coverage)
        return (
            self.presence != "both"
            or self.verdict_changed
            or self.old_rank != self.new_rank
            or any(abs(d.change or 0) > EPS for d in numbers)
            or bool(self.gates_newly_failed or self.gates_newly_passed or self.gates_newly_open)
            or bool(self.moves)
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "presence": self.presence,
            "verdict": {"old": self.old_verdict, "new": self.new_verdict,
                        "changed": self.verdict_changed},
            "rank": {"old": self.old_rank, "new": self.new_rank},
            "overall": self.overall.to_json(),
            "claims": self.claims.to_json(),
            "readiness": self.readiness.to_json(),
            "hype_gap": self.hype_gap.to_json(),
            "coverage": self.coverage.to_json(),
            "gates_newly_failed": list(self.gates_newly_failed),
            "gates_newly_passed": list(self.gates_newly_passed),
            "gates_newly_open": list(self.gates_newly_open),
            "answers_moved": [m.to_json() for m in self.moves],
            "answers_moved_total": self.moved_total,
        }


@dataclass(frozen=True)
class EvalDiff:
    """Two assessments compared, vendor by vendor, in the new assessment's ranking order."""

    old_title: str
    new_title: str
    old_rubric: str
    new_rubric: str
    old_winner: str | None
    new_winner: str | None
    old_settled: bool
    new_settled: bool
    vendors: tuple[VendorDiff, ...]
    questions_added: tuple[str, ...] = ()
    questions_removed: tuple[str, ...] = ()
    old_path: str | None = None
    new_path: str | None = None
    #: Context flags whose value differs (flag, old, new; None where a rubric lacks it), and
    #: the gates, questions and sections that the change switches in the new rubric.
    context_changes: tuple[tuple[str, bool | None, bool | None], ...] = ()
    gates_switched: tuple[GateSwitch, ...] = ()
    switched: tuple[Switch, ...] = ()

    @property
    def winner_changed(self) -> bool:
        return self.old_winner != self.new_winner

    def vendor(self, vid: str) -> VendorDiff | None:
        return next((v for v in self.vendors if v.id == vid), None)

    def to_json(self) -> dict[str, Any]:
        return {
            "old": {"title": self.old_title, "rubric": self.old_rubric, "path": self.old_path,
                    "winner": self.old_winner, "settled": self.old_settled},
            "new": {"title": self.new_title, "rubric": self.new_rubric, "path": self.new_path,
                    "winner": self.new_winner, "settled": self.new_settled},
            "winner_changed": self.winner_changed,
            "rubric_changed": self.old_rubric != self.new_rubric,
            "questions_added": list(self.questions_added),
            "questions_removed": list(self.questions_removed),
            "context_changes": [{"flag": f, "old": old, "new": new}
                                for f, old, new in self.context_changes],
            "gates_switched": [{"question": g.question, "flag": g.flag, "on": g.on}
                               for g in self.gates_switched],
            "switched": [{"kind": p.kind, "id": p.id, "on": p.on} for p in self.switched],
            "vendors": [v.to_json() for v in self.vendors],
        }

    def text(self) -> str:
        """A readable report: the headline, then one block per vendor that changed."""
        lines = [f"{self.old_title} -> {self.new_title}"]
        if self.old_rubric != self.new_rubric:
            lines.append(f"rubric: {self.old_rubric} -> {self.new_rubric} "
                         f"({len(self.questions_added)} question(s) added, "
                         f"{len(self.questions_removed)} removed; compared where they overlap)")
        for flag, old, new in self.context_changes:
            lines.append(f"context: {flag}: {_yes(old)} -> {_yes(new)}")
        for gate in self.gates_switched:
            lines.append(f"  gate on '{gate.question}' switched {'on' if gate.on else 'off'}")
        for part in self.switched:
            lines.append(f"  {part.kind} '{part.id}' switched {'on' if part.on else 'off'}")
        if self.winner_changed:
            lines.append(f"leader: {self.old_winner or 'none'} -> {self.new_winner or 'none'}")
        else:
            lines.append(f"leader: {self.new_winner or 'none'} (unchanged)")
        if self.old_settled != self.new_settled:
            lines.append("decision: " + ("now settled" if self.new_settled
                                         else "no longer settled"))
        quiet = []
        for vendor in self.vendors:
            if not vendor.changed:
                quiet.append(vendor.id)
                continue
            lines.append("")
            lines += _vendor_lines(vendor)
        if quiet:
            lines.append("")
            lines.append(f"unchanged: {', '.join(quiet)}")
        return "\n".join(lines)


def _yes(value: bool | None) -> str:
    return "unset" if value is None else ("yes" if value else "no")


#: Half a unit of the last digit shown (scores to 2 decimals, coverage to whole percent).
_SHOWN = 0.005


def _change(value: float | None, shown: Callable[[float | None], str]) -> str:
    """' (+0.12)' after a move, or nothing for a change too small to see at this precision."""
    return "" if value is None or abs(value) < _SHOWN else f" ({shown(value)})"


def _clip(text: str, limit: int = 90) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _vendor_lines(v: VendorDiff) -> list[str]:
    head = f"{v.name} ({v.id})"
    if v.presence == "added":
        return [f"{head}: new in this assessment, {verdict_label(v.new_verdict)}, "
                f"overall {n.score(v.overall.new)}"]
    if v.presence == "removed":
        return [f"{head}: no longer assessed (was {verdict_label(v.old_verdict)}, "
                f"overall {n.score(v.overall.old)})"]
    verdict = (f"{verdict_label(v.old_verdict)} -> {verdict_label(v.new_verdict)}"
               if v.verdict_changed else verdict_label(v.new_verdict))
    rank = f"#{v.old_rank} -> #{v.new_rank}" if v.old_rank != v.new_rank else f"#{v.new_rank}"
    lines = [f"{head}: {verdict}, rank {rank}"]
    for label, delta in (("overall", v.overall), ("claims", v.claims),
                         ("readiness", v.readiness), ("hype gap", v.hype_gap),
                         ("coverage", v.coverage)):
        # Only changes a reader can see at the precision shown (0.001 is noise, not news).
        if abs(delta.change or 0) >= _SHOWN or (delta.old is None) != (delta.new is None):
            if label == "coverage":
                lines.append(f"  coverage: {n.pct(delta.old)} -> {n.pct(delta.new)}"
                             f"{_change(delta.change, n.points)}")
            else:
                shown = n.signed if label == "hype gap" else n.score  # a gap has a sign
                lines.append(f"  {label}: {shown(delta.old)} -> {shown(delta.new)}"
                             f"{_change(delta.change, n.signed)}")
    if v.gates_newly_failed:
        lines.append(f"  gates newly failed: {', '.join(v.gates_newly_failed)}")
    if v.gates_newly_passed:
        lines.append(f"  gates newly passed: {', '.join(v.gates_newly_passed)}")
    if v.gates_newly_open:
        lines.append(f"  gates open again: {', '.join(v.gates_newly_open)}")
    if v.moves:
        more = f" (top {len(v.moves)} of {v.moved_total})" if v.moved_total > len(v.moves) else ""
        lines.append(f"  answers that moved most{more}:")
        for move in v.moves:
            gate = " [gate]" if move.gate else ""
            lines.append(f"    {move.question}{gate}: {move.old} -> {move.new}"
                         f"  (overall {n.impact(move.impact)})")
            lines += [f"      {rater}: {_clip(note)}" for rater, note in move.notes]
    return lines
