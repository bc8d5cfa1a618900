"""The parts of a Word memo that the decision memo and the vendor memo share: the options,
claims, findings, open questions, disagreements, evidence, robustness and changes, each
written by a `DocxWriter` from the typed view (`checklist.memo.view_types`)."""

from __future__ import annotations

from checklist.memo.docx_chart import chart_png
from checklist.memo.docx_writer import DocxWriter, Link
from checklist.memo.vendor_types import (
    DisagreementRow,
    EvidenceRow,
    FollowUpRow,
    Point,
    VendorView,
)
from checklist.memo.view_types import MemoView


def raters_and_rubric(w: DocxWriter, memo: MemoView) -> None:
    raters = ", ".join(memo.raters) or "none yet"
    w.bullet(f"{raters} ({memo.aggregate} of their scores)", bold="Raters:")
    rubric = memo.rubric
    w.bullet(f"{rubric.title}, {rubric.id} version {rubric.version}, sha256 {rubric.sha256}",
             bold="Rubric:")


def unscored(w: DocxWriter, memo: MemoView) -> None:
    if not memo.unscored_total:
        return
    total = memo.unscored_total
    w.heading("Answers not scored", 2)
    w.paragraph(f"{total} answer{'s' if total != 1 else ''} in the ratings files "
                f"{'are' if total != 1 else 'is'} kept but not counted in any score: the "
                "vendor or question id is not in this evaluation (a typo in a hand-edited "
                "file, or a vendor or question since removed). Check before signing; "
                "`checklist status` lists them all.")
    for row in memo.unscored:
        count = f" ({row.count} answers)" if row.count > 1 else ""
        w.bullet(f"{row.file}: {row.vendor} / {row.question}{count}: {row.reason}")
    if memo.unscored_more:
        w.bullet(f"… and {memo.unscored_more} more answers")


def chart(w: DocxWriter, memo: MemoView) -> None:
    if not memo.chart.points:
        return
    w.heading("Claims versus readiness", 1)
    w.image(chart_png(memo.chart), 14.0)
    legend = "; ".join(f"{p.rank} {p.name}" for p in memo.chart.points)
    w.paragraph(f"{legend}.", bold="Points are numbered by rank:")


def option(w: DocxWriter, v: VendorView) -> None:
    w.heading(f"{v.rank}. {v.name}: {v.verdict_label}", 2)
    w.paragraph(v.sentence)
    w.paragraph(bold="Benchmark claims and who ran them")
    claims(w, v)
    w.paragraph(bold="Strengths")
    points(w, v.strengths, v.strengths_more, "None scored strong yet.")
    w.paragraph(bold="Risks")
    points(w, v.risks, v.risks_more, "None scored weak.")
    if v.conditions and v.verdict == "conditional":
        w.paragraph(bold="Conditions")
        for condition in v.conditions:
            w.bullet(condition)
    w.paragraph(bold="Failed gates")
    for g in v.gates_failed:
        text = f"{g.text} — {g.level}, the gate asks {g.min}."
        if g.anchor:
            text += f" The rubric calls this level: “{g.anchor}”."
        if g.reason:
            text += f" Why it matters: {g.reason}"
        w.bullet(text)
    if not v.gates_failed:
        w.bullet("None.")


def claims(w: DocxWriter, v: VendorView) -> None:
    if not v.benchmark_claims:
        w.paragraph("No benchmark claims recorded.")
        return
    w.table(["Claim", "Task", "Metric", "Value", "Run by", "Evidence grade", "Date"],
            [[c.text, c.task, c.metric, c.figure, c.run_by, c.grade_label, c.date]
             for c in v.benchmark_claims])


def points(w: DocxWriter, items: list[Point], more: int, empty: str) -> None:
    for p in items:
        w.bullet(f"{p.text} — {p.level}" + (f" ({p.anchor})" if p.anchor else ""))
    if not items:
        w.bullet(empty)
    if more:
        w.bullet(f"… and {more} more")


def open_questions(w: DocxWriter, items: list[FollowUpRow]) -> None:
    if not items:
        w.paragraph("Nothing open.")
        return
    w.table(["Question to send", "Why", "What to provide"],
            [[q.ask, q.why, q.provide or "—"] for q in items])


def disagreements(w: DocxWriter, rows: list[DisagreementRow], *, with_vendor: bool) -> None:
    if not rows:
        w.paragraph("None: the raters agree within the rubric's threshold everywhere.")
        return
    header = (["Vendor"] if with_vendor else []) + ["Question", "Raters", "Spread"]
    w.table(header, [([d.vendor] if with_vendor else []) + [d.text, d.summary, d.spread]
                     for d in rows])


def evidence(w: DocxWriter, rows: list[EvidenceRow]) -> None:
    if not rows:
        w.paragraph("No evidence recorded yet.")
        return
    w.table(["Supports", "Source", "Retrieved", "Grade", "Rater"],
            [[e.about, Link(e.source, e.link) if e.link else e.source, e.retrieved,
              e.grade_label, e.by] for e in rows])


def robustness(w: DocxWriter, memo: MemoView) -> None:
    w.heading("Robustness", 1)
    w.heading("Missing-data bounds", 2)
    w.paragraph("What each vendor would score if every open question were answered at the "
                "scale's minimum and at its maximum.")
    w.table(["Vendor", "Overall now", "Range", "Coverage"],
            [[v.name, v.overall, v.range, v.coverage] for v in memo.vendors])
    w.heading("Settled yet?", 2)
    robustness = memo.robustness
    if robustness.settled:
        w.paragraph("Settled: no open answer could change the leader.")
    else:
        w.paragraph("Not settled yet: these open questions could still change the leader "
                    "(gates first, then by their share of the score).")
        w.table(["Vendor", "Open question", "Share of score", "Gate"],
                [[d.vendor, d.text, d.share, "yes" if d.gate else "no"]
                 for d in robustness.deciders])
        if robustness.deciders_more:
            w.paragraph(f"… and {robustness.deciders_more} more.")
    w.heading("Weight sensitivity", 2)
    w.paragraph(robustness.stability_text)
    for flip in robustness.flips:
        w.bullet(flip.text)


def changes(w: DocxWriter, memo: MemoView) -> None:
    changes = memo.changes
    if changes is None:
        return
    w.heading(f"Changes since {changes.title}", 1)
    for line in changes.headline:
        w.bullet(line)
    if changes.vendors:
        w.table(["Vendor", "Verdict", "Rank", "Overall", "Claims", "Readiness", "Coverage"],
                [[c.name, c.verdict, c.rank, c.overall, c.claims, c.readiness, c.coverage]
                 for c in changes.vendors])
        for c in changes.vendors:
            if not (c.gates or c.moves):
                continue
            w.paragraph(bold=c.name)
            for gate in c.gates:
                w.bullet(gate)
            for move in c.moves:
                w.bullet(move.summary)
            if c.moves_more:
                w.bullet(f"… and {c.moves_more} more answers moved")
    if changes.unchanged:
        w.paragraph(f"Unchanged: {', '.join(changes.unchanged)}.")
