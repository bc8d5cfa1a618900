"""The scorecard's conclusions in plain sentences, written once for every front end.

`summary`, the TUI's compare screen and the memo all say who leads, whether that is settled,
what could change it and how sensitive it is to the weights; wording them in one place keeps
the three from drifting apart (plain text: each front end adds its own emphasis).
"""

from __future__ import annotations

from dataclasses import dataclass

from checklist import numbers as n
from checklist.scoring.scorecard import Scorecard


@dataclass(frozen=True)
class Outlook:
    headline: str
    conditions: tuple[str, ...]
    settled: str
    deciders: tuple[str, ...]
    more_deciders: int
    sensitivity: str
    flips: tuple[str, ...]
    disagreements: tuple[str, ...]
    more_disagreements: int


def outlook(card: Scorecard, *, deciders: int = 6, flips: int = 3,
            disagreements: int = 5) -> Outlook:
    winner = card.winner
    names = {v.id: v.name for v in card.vendors}
    if not card.vendors:
        headline = "No vendors to rank yet: add them to evaluation.yaml."
    elif winner is None:
        headline = "No vendor qualifies: every vendor failed at least one gate."
    else:
        headline = (f"Leader: {winner.name} ({winner.verdict_label}, overall "
                    f"{n.score(winner.score)})")
    conditions = tuple(winner.conditions) if winner is not None else ()
    listed: tuple[str, ...] = ()
    if winner is None:
        settled = ""
    elif card.settled:
        settled = "Settled: no open answer could change the leader."
    else:
        settled = ("Not settled yet: these open questions could still change the leader "
                   "(gates first, then by their share of the score):")
        listed = tuple(
            f"{names.get(d.vendor, d.vendor)} / {d.question}{' (gate)' if d.gate else ''}: "
            f"{n.share(d.share)} of the score"
            for d in card.deciders[:deciders]
        )
    sens = card.sensitivity
    sensitivity = ""
    flip_lines: tuple[str, ...] = ()
    if winner is not None and sens.winner is not None:
        verdict = "close call" if sens.close_call else "stable"
        sensitivity = (f"Weight sensitivity: {verdict}: {winner.name} stays ahead in "
                       f"{n.pct(sens.stability)} of {sens.draws} draws with every section "
                       f"weight moved by up to ±{n.pct(sens.spread)}")
        flip_lines = tuple(
            f"the weight of {f.section} × {n.number(f.factor)} makes "
            f"{names.get(f.new_winner, f.new_winner)} the leader"
            for f in sens.flips[:flips]
        )
    found = [(v, q) for v in card.vendors for q in v.disagreements]
    disagreement_lines = tuple(
        f"{v.name} / {q.id}: " + ", ".join(
            f"{r.rater} {'N/A' if r.na else n.number(r.level)}" for r in q.raters)
        for v, q in found[:disagreements]
    )
    return Outlook(
        headline=headline,
        conditions=conditions,
        settled=settled,
        deciders=listed,
        more_deciders=max(0, len(card.deciders) - deciders) if listed else 0,
        sensitivity=sensitivity,
        flips=flip_lines,
        disagreements=disagreement_lines,
        more_disagreements=max(0, len(found) - disagreements),
    )
