"""The scorecard's conclusions in plain sentences, written once for every front end.

`summary`, the TUI's compare screen and the memo all say who leads, whether that is settled,
what could change it and how sensitive it is to the weights; wording them in one place keeps
the three from drifting apart (plain text: each front end adds its own emphasis). There are
two registers: `outlook` for a terminal (terse, questions and sections by id), and
`recommendation`, `vendor_sentence`, `stability_sentence` and `flip_sentence` for the memo,
which a reader outside the team gets (questions and sections by their text). Numbers are
printed by `checklist.numbers`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from checklist import numbers as n
from checklist.model.rubric import Rubric
from checklist.scoring import statements
from checklist.scoring.results import (
    Decider,
    Flip,
    QuestionResult,
    RaterView,
    Scorecard,
    VendorResult,
)

NO_QUALIFIER = "No vendor qualifies: every vendor failed at least one gate."
SETTLED = "Settled: no open answer could change the leader."
#: A hype gap at least this large is called out in the vendor's one-sentence verdict.
HYPE_CALLOUT = 0.25


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
    #: Questions the context switches off (`when:`), each with why: "q: does not apply
    #: because ...".
    not_applicable: tuple[str, ...] = ()


def outlook(card: Scorecard, *, deciders: int = 6, flips: int = 3,
            disagreements: int = 5) -> Outlook:
    winner = card.winner
    names = {v.id: v.name for v in card.vendors}
    if not card.vendors:
        headline = "No vendors to rank yet: add them to evaluation.yaml."
    elif winner is None:
        headline = NO_QUALIFIER
    else:
        headline = (f"Leader: {winner.name} ({winner.verdict_label}, overall "
                    f"{n.score(winner.score)})")
    conditions = tuple(c.text() for c in winner.conditions) if winner is not None else ()
    listed: tuple[str, ...] = ()
    if winner is None:
        settled = ""
    elif card.settled:
        settled = SETTLED
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
    disagreement_lines = tuple(f"{v.name} / {q.id}: {rater_levels(q)}"
                               for v, q in found[:disagreements])
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
        not_applicable=tuple(f"{q.id}: {q.off_reason}" for q in off_questions(card)),
    )


def off_questions(card: Scorecard) -> list[QuestionResult]:
    """The questions this purchase's context switches off (the same for every vendor)."""
    if not card.vendors:
        return []
    return [q for q in card.vendors[0].questions.values() if q.status == "off"]


def rater_levels(q: QuestionResult, name: Callable[[str], str] = str) -> str:
    """Each rater's level on one line ("ana 3, ben N/A"; measurements with their unit: "ana
    1.7 s, ben 30 s"), raters shown by `name(id)`."""
    def said(r: RaterView) -> str:
        if r.na:
            return "N/A"
        if q.measured is not None:
            return n.measure(r.value, q.question.unit)
        return n.number(r.level)

    return ", ".join(f"{name(r.rater)} {said(r)}" for r in q.raters)


# --- the memo's register -----------------------------------------------------------------------


@dataclass(frozen=True)
class Recommendation:
    """The memo's answer up front: whom to buy, whether that is settled, on what conditions."""

    vendor: VendorResult | None
    headline: str
    settled: str
    conditions: tuple[str, ...]


def recommendation(card: Scorecard) -> Recommendation:
    winner = card.winner
    if winner is None:
        return Recommendation(None, NO_QUALIFIER, "", ())
    overall = n.score(winner.score)
    if winner.verdict == "incomplete":
        headline = (f"Provisionally {winner.name} leads (overall {overall}), but a gate is "
                    "still unanswered: do not sign until it is.")
    else:
        headline = f"Recommend {winner.name} ({winner.verdict_label}, overall {overall})."
    if card.settled:
        settled = SETTLED
    else:
        count = len(card.deciders)
        settled = (f"Not settled yet: {count} open question{'s' if count != 1 else ''} could "
                   "still change the leader; answer them before signing.")
    sens = card.sensitivity
    if sens.close_call:
        settled += (f" Close call: {winner.name} stays ahead in only {n.pct(sens.stability)} "
                    "of the weight draws.")
    conditions = (tuple(c.text(card.rubric) for c in winner.conditions)
                  if winner.verdict == "conditional" else ())
    return Recommendation(winner, headline, settled, conditions)


def vendor_sentence(v: VendorResult, rubric: Rubric) -> str:
    """The vendor's verdict in one sentence, numbers included."""
    name = v.name
    if v.verdict == "no-go":
        failed = v.gates_failed
        if not failed:
            return f"{name}: no-go."
        g = failed[0]
        anchor = g.anchor() if g.level is not None and g.anchor() != g.answer_text() else ""
        why = f": “{anchor}”" if anchor else ""
        more = len(failed) - 1
        extra = f" (and {more} more failed gate{'s' if more > 1 else ''})" if more else ""
        return (f"{name}: no-go, it fails the gate “{g.question.text}” "
                f"({g.text()}){why}{extra}.")
    if v.verdict == "incomplete":
        still_open = v.gates_open
        first = still_open[0].question.text if still_open else "a gate"
        return (f"{name}: incomplete, the gate “{first}” is unanswered; overall "
                f"{n.score(v.score)} so far, {n.span(v.lower, v.upper)} once everything is "
                "answered.")
    base = (f"{name}: {v.verdict_label}, overall {n.score(v.score)} "
            f"(claims {n.score(v.claims)}, readiness {n.score(v.readiness)})")
    if v.hype_gap is not None and v.hype_gap >= HYPE_CALLOUT:
        base += f"; its claims run {n.score(v.hype_gap)} ahead of its readiness"
    if v.verdict == "conditional" and v.conditions:
        more = len(v.conditions) - 1
        tail = f" (and {more} more)" if more else ""
        return f"{base}; condition: {v.conditions[0].text(rubric)}{tail}."
    return f"{base}; every gate passed."


def stability_sentence(card: Scorecard) -> str:
    """How often the leader stays ahead when the section weights are drawn at random."""
    sens, winner = card.sensitivity, card.winner
    if winner is None:
        return "No vendor qualifies, so there is no leader to test."
    if len([v for v in card.vendors if v.verdict != "no-go"]) < 2:
        return f"{winner.name} is the only qualified vendor; weights cannot change that."
    lo, hi = 1 - sens.spread, 1 + sens.spread
    return (f"{winner.name} stays ahead in {n.pct(sens.stability)} of {sens.draws} draws, each "
            f"section weight scaled by a random factor between {n.number(lo)} and "
            f"{n.number(hi)}" + (": a close call." if sens.close_call else "."))


def flip_sentence(card: Scorecard, flip: Flip) -> str:
    """One section weight that, changed alone, changes the leader."""
    title = next((s.title for s in card.rubric.sections if s.id == flip.section), flip.section)
    rival = card.vendor(flip.new_winner)
    new = rival.name if rival is not None else flip.new_winner
    if flip.factor == 0:
        return f"Dropping “{title}” would make {new} the leader."
    return f"Weighting “{title}” × {n.number(flip.factor)} would make {new} the leader."


RANKING_RULE = ("Ranking: vendors that fail no gate by overall score, then readiness, then "
                "name; a no-go vendor (a failed gate) ranks after all of them, whatever its "
                "score.")


def rank_note(card: Scorecard, v: VendorResult) -> str:
    """Why a vendor ranks below one that scores lower overall, or "" when none does."""
    above = [o for o in card.vendors if o.rank < v.rank and o.score < v.score - 1e-9]
    if not above:
        return ""
    lowest = min(above, key=lambda o: o.score)
    return (f"{v.name} ranks below {lowest.name} despite a higher overall "
            f"({n.score(v.score)} against {n.score(lowest.score)}): it failed a gate.")


#: When the decision is first checked after purchase, in days after the memo's date.
REVIEW_AFTER_DAYS = 90


def could_change(card: Scorecard, limit: int = 3) -> tuple[list[str], int]:
    """What could still change the outcome: one line per vendor whose open questions could
    change the leader (at most `limit`, the one with most at stake first), a close call on
    the weights, the leader's answers on low-confidence evidence; and how many vendors with
    open questions that could change the leader are not listed.
    """
    winner = card.winner
    if winner is None:
        return [], 0
    lines: list[str] = []
    by_vendor: dict[str, list[Decider]] = {}
    for d in card.deciders:
        by_vendor.setdefault(d.vendor, []).append(d)
    for vid, found in list(by_vendor.items())[:limit]:
        v = card.vendor(vid)
        if v is None:
            continue
        gates = sum(1 for d in found if d.gate)
        first = card.rubric.question(found[0].question)
        heaviest = first.text if first else found[0].question
        count = f"{len(found)} open question{'s' if len(found) != 1 else ''}"
        if gates:
            count += ", one of them a gate" if gates == 1 else f", {gates} of them gates"
        if v.id == winner.id:
            lines.append(f"{v.name} itself has {count} (first: “{heaviest}”); answered at "
                         f"the worst, it would score {n.score(v.lower)}.")
        else:
            lines.append(f"{v.name} has {count} (first: “{heaviest}”); answered in full it "
                         f"could reach {n.score(v.upper)}, above {winner.name}'s "
                         f"{n.score(winner.lower)}.")
    sens = card.sensitivity
    if sens.close_call:
        lines.append(f"Close call: {winner.name} stays ahead in only {n.pct(sens.stability)} "
                     "of the weight draws.")
    shaky = [q for q in winner.questions.values()
             if q.status == "answered" and q.low_confidence and q.question.gate is None]
    if shaky:
        shaky.sort(key=lambda q: -q.share)
        more = f" and {len(shaky) - 1} more" if len(shaky) > 1 else ""
        verb = "rest" if more else "rests"
        lines.append(f"{winner.name}'s answer to “{shaky[0].question.text}”{more} {verb} on "
                     "low-confidence evidence.")
    stale = stale_line(card, winner)
    if stale:
        lines.append(stale)
    return lines, max(0, len(by_vendor) - limit)


def stale_line(card: Scorecard, v: VendorResult) -> str:
    """The vendor's answers whose evidence is older than the rubric's freshness rules on the
    scorecard's day (`checklist status --stale`), most weight first; "" when none is."""
    stale = sorted((q for q in v.stale_questions if q.aging is not None), key=lambda q: -q.share)
    if not stale or card.today is None:
        return ""
    first = stale[0]
    aging = first.aging
    assert aging is not None
    more = f" and {len(stale) - 1} more" if len(stale) > 1 else ""
    verb = "rest" if more else "rests"
    return (f"{v.name}'s answer to “{first.question.text}”{more} {verb} on stale evidence "
            f"(dated {aging.dated.isoformat()}, {aging.age(card.today)} days old on "
            f"{card.today.isoformat()}, past its {aging.rule}-day freshness rule); "
            "re-check before signing (checklist status --stale).")


def review_date(card: Scorecard) -> str:
    """When to check the decision after purchase: the decision's review-by date when one was
    set (`checklist decide --review-by`), else `REVIEW_AFTER_DAYS` after the memo."""
    if card.evaluation.review_by is not None:
        return card.evaluation.review_by.isoformat()
    date = card.evaluation.date
    if date is None:
        return f"{REVIEW_AFTER_DAYS} days after signing"
    return (date + dt.timedelta(days=REVIEW_AFTER_DAYS)).isoformat()


def confirmation(card: Scorecard) -> list[str]:
    """How the decision is checked after purchase: the leader's measurements, held to the
    bounds they met, and the gates it passed on nothing but its own word."""
    winner = card.winner
    if winner is None:
        return []
    scale = card.rubric.scale
    checks: list[str] = []
    for q in winner.questions.values():
        if q.status != "answered" or q.question.type != "number":
            continue
        bound = statements.bound_text(q.question, q.level, scale)
        checks.append(f"Re-measure in production: “{q.question.text}” "
                      f"({statements.answer_text(q, scale)} now"
                      + (f"; hold it to {bound}" if bound else "") + ").")
    word_only = []
    for g in winner.gates:
        if g.status != "pass":
            continue
        q = winner.questions[g.id]
        grades = {e.grade for r in q.raters for e in r.answer.evidence}
        if grades <= {"vendor-claim"}:
            word_only.append(f"“{g.question.text}”")
    if word_only:
        checks.append("Put in the contract what passed a gate on the vendor's word alone: "
                      + "; ".join(word_only) + ".")
    checks.append("Re-score the evaluation from what production shows and compare it with this "
                  "one (`checklist memo --since`).")
    return checks
