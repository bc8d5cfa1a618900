"""The decision memo's own parts in Word: the head and page one (what an approver decides
from), then the MADR record (context, drivers, outcome, consequences, sign-off), in the
order of `templates/memo.md.j2`."""

from __future__ import annotations

from checklist.memo.docx_parts import raters_and_rubric
from checklist.memo.docx_writer import DocxWriter
from checklist.memo.vendor_types import Point, RaterNote
from checklist.memo.view_types import MemoView


def memo_head(w: DocxWriter, memo: MemoView) -> None:
    w.heading(memo.title, 0)
    w.paragraph(memo.recommendation.settled_text, bold=memo.recommendation.headline)
    as_of = f"evidence as of {memo.as_of}" if memo.as_of else ""
    owner = f"owner: {memo.owner}" if memo.owner else ""
    w.paragraph(" · ".join(t for t in (memo.status[:1].upper() + memo.status[1:], memo.date,
                                       as_of, owner) if t))


def facts(w: DocxWriter, memo: MemoView) -> None:
    """Who decides and from what: the appendix's context, after page one."""
    w.bullet(", ".join(memo.decision_makers) or "not named yet", bold="Decision makers:")
    if memo.due:
        w.bullet(memo.due, bold="Due:")
    raters_and_rubric(w, memo)


def finding(p: Point) -> str:
    answer = f" ({p.answer})" if p.answer and p.answer not in p.statement else ""
    return f"{p.statement}{answer}"


def rater_notes(w: DocxWriter, notes: list[RaterNote], *, answers: bool = False) -> None:
    """Each rater's note and evidence under a finding, a source shown once."""
    seen: set[str] = set()
    for r in notes:
        fresh = [e for e in r.evidence if not e.ref or e.ref not in seen]
        seen.update(e.ref for e in r.evidence if e.ref)
        if not (r.note or fresh or answers):
            continue
        parts = [f"“{r.note}”"] if r.note else []
        parts += [f"({e.ref + ', ' if e.ref else ''}{e.source}, {e.grade_label}"
                  f"{', ' + e.retrieved if e.retrieved else ''})" for e in fresh]
        if r.confidence == "low":
            parts.append("(low confidence)")
        name = f"{r.name} ({r.answer}):" if answers else f"{r.name}:"
        w.bullet(" ".join(parts), bold=name)


def page_one(w: DocxWriter, memo: MemoView) -> None:
    """What an approver decides from, in the order of the Markdown memo's page one."""
    p = memo.page_one
    if p.reasons:
        w.heading(f"Why {memo.recommendation.vendor}", 1)
        w.paragraph(f"What puts it ahead of {p.rival}, the next vendor that fails no gate, "
                    "most decisive first:" if p.rival else
                    "No other vendor qualifies; its strongest findings:")
        for r in p.reasons:
            rival = f" {p.rival}: {r.rival}." if p.rival else ""
            w.numbered(f"{r.finding.section}: {finding(r.finding)}{rival}")
            rater_notes(w, r.finding.notes)
    if p.conditions:
        w.heading("Before signing", 1)
        for c in p.conditions:
            w.bullet(f"{c.text[:1].upper()}{c.text[1:]}.")
            rater_notes(w, c.notes, answers=True)
        if p.conditions_more:
            w.bullet(f"… and {p.conditions_more} more (see the leader's conditions under "
                     "the options).")
    if p.could_change:
        w.heading("What could still change it", 1)
        for line in p.could_change:
            w.bullet(line)
        if p.could_change_more:
            w.bullet(f"… and {p.could_change_more} more vendors with open questions that "
                     "could (see Robustness).")
    if p.others:
        w.heading("The other vendors", 1)
        for o in p.others:
            gate = ""
            if o.gate is not None:
                g = o.gate
                gate = (f"; the gate “{g.text}” is unanswered" if g.status == "open" else
                        f"; it fails the gate “{g.text}”: "
                        f"{(g.statement or g.answer).rstrip('.')}")
            w.bullet(f"{o.verdict_label}, overall {o.overall}{gate}.",
                     bold=f"{o.rank}. {o.name}:")
        if p.others_more:
            w.bullet(f"… and {p.others_more} more vendors (see the ranking).")
    if p.claim_check:
        w.paragraph(p.claim_check, bold="Claim check:")
    w.heading("Who approves", 1)
    people = "; ".join(f"{a.name}, {a.role}" if a.role else a.name for a in p.approvers)
    due = f"; approve by {p.approve_by}" if p.approve_by else ""
    w.paragraph(f"{people or 'Not named yet: add decision_makers to evaluation.yaml'}{due}; "
                "sign-off at the end of this record.")


def record(w: DocxWriter, memo: MemoView) -> None:
    """MADR 4's consequences and confirmation, for the leader."""
    if memo.winner is None:
        return
    record = memo.record
    w.heading("Consequences", 2)
    for intro, items in ((f"Good, because {memo.winner.name} brings:", record.good),
                         ("Bad, because we accept:", record.bad),
                         (f"And we forgo where {memo.page_one.rival} does better:",
                          record.rival_better)):
        if not items:
            continue
        w.paragraph(intro)
        for item in items:
            w.bullet(finding(item), bold=f"{item.section}:")
    w.heading("Confirmation", 2)
    w.paragraph(f"How we check the decision after purchase; first review on {record.review}, "
                "then at every renewal:")
    for line in record.confirmation:
        w.bullet(line)
    if memo.page_one.conditions:
        w.bullet("The conditions before signing are met, in writing.")


def claim_check(w: DocxWriter, memo: MemoView) -> None:
    cc = memo.claim_check
    if cc is None:
        return
    w.heading("Claims versus our own test", 1)
    w.paragraph(cc.headline)
    if cc.rows:
        w.table(["Claim", "Pair", "Claimed", "Ours (95% interval)", "Verdict",
                 "Detectable gap"],
                [[f"{r.vendor}: {r.claim}" + (f" ({r.remark})" if r.remark else ""), r.pair,
                  r.claimed, r.ours, r.verdict, r.detectable] for r in cc.rows])
    if cc.not_checked:
        w.paragraph("Not checked by the bake-off:")
        for c in cc.not_checked:
            w.bullet(f"“{c.claim}”: {c.why}.", bold=f"{c.vendor}:")


def context(w: DocxWriter, memo: MemoView) -> None:
    w.heading("Context and problem statement", 1)
    if memo.background:
        w.paragraph(memo.background)
    plural = "s" if memo.vendor_count != 1 else ""
    w.paragraph(f"We are choosing among {memo.vendor_count} vendor{plural} for: {memo.title}.")
    if memo.context:
        w.paragraph("The purchase has these properties, which decide which gates apply:")
        for flag in memo.context:
            w.bullet(flag.value, bold=f"{flag.text}:")
    if memo.options:
        w.paragraph("Also considered, beside the vendors:")
        for option in memo.options:
            w.bullet(option)


def drivers(w: DocxWriter, memo: MemoView) -> None:
    w.heading("Decision drivers", 1)
    w.paragraph(f"Each vendor is scored against the rubric “{memo.rubric.title}”. Benchmark "
                "claims and production readiness are scored apart; their difference is the "
                "hype gap.")
    w.table(["Section", "Axis", "Weight", "Share"],
            [[s.title, s.axis, s.weight, s.share] for s in memo.drivers.sections])
    if memo.drivers.gates:
        w.paragraph("Knock-out gates: a vendor that misses one is no-go, whatever else it "
                    "scores.")
        w.table(["Gate", "The gate asks", "Applies because"],
                [[g.text, g.min, g.when_text or "always"] for g in memo.drivers.gates])
    if memo.drivers.gates_off:
        w.paragraph("Gates that do not apply to this purchase:")
        for gate in memo.drivers.gates_off:
            w.bullet(gate.text)


def outcome(w: DocxWriter, memo: MemoView) -> None:
    w.heading("Decision outcome", 1)
    w.paragraph(memo.recommendation.settled_text, bold=memo.recommendation.headline)
    if memo.recommendation.conditions:
        w.paragraph("Conditions to meet before signing:")
        for condition in memo.recommendation.conditions:
            w.bullet(condition)
    if memo.decision:
        w.paragraph("Decision recorded by the team:")
        w.paragraph(memo.decision)
    w.heading("Verdict per vendor", 2)
    for v in memo.vendors:
        w.paragraph(f"{v.rank}. {v.sentence}")


def signoff(w: DocxWriter, memo: MemoView) -> None:
    rows = [["Decision maker", person, "☐ approve ☐ reject", "", ""]
            for person in memo.decision_makers] or [
        ["Decision maker", "", "☐ approve ☐ reject", "", ""]]
    if memo.owner:
        rows.append(["Owner", memo.owner, "☐ approve ☐ reject", "", ""])
    w.table(["Role", "Name", "Decision", "Signature", "Date"], rows)
