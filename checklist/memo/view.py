"""The scorecard as the templates see it: plain dicts, lists, strings and numbers.

Two reasons for a separate view model rather than handing templates the scorecard itself:

- **Safety.** User templates run in Jinja's sandbox, but the sandbox still lets a template
  call any public method of an object it is given; a `Path` would let it read files. Plain
  data has no such methods, so what a template can reach is exactly what is listed here.
- **One set of numbers.** Every number is formatted once, by `checklist.numbers`, and
  every format prints the same text; templates decide layout, never arithmetic.

No Jinja here: the view is built and tested without a template engine.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from checklist import __version__
from checklist import numbers as n
from checklist.memo import escape
from checklist.model.common import GRADE_LABELS
from checklist.model.evaluation import Claim
from checklist.model.rubric import Rubric
from checklist.scoring import QuestionResult, Scorecard, VendorResult, findings, narrative
from checklist.scoring.scorecard import anchor_at

if TYPE_CHECKING:
    from checklist.files.folder import Workspace

View = dict[str, Any]

#: How many strengths, risks and deciders the memo lists before "and N more".
TOP = 5
#: Open questions listed per vendor in the full memo (gates first, then by weight); the
#: questionnaire and the vendor memo list them all.
MEMO_OPEN = 8
DECIDERS = 10
#: Answers kept but not scored (a typo'd vendor or question id) listed before "and N more".
UNSCORED = 10

#: Why a question goes back to the vendor, in words fit to send to the vendor.
VENDOR_REASONS = {
    "unanswered": "we have no answer or evidence for this yet",
    "low score": "what we have so far falls short of what we need",
    "low confidence": "the evidence we have is not conclusive",
    "gate": "this is a hard requirement for us",
    "failed gate": "this is a hard requirement for us, and what we have does not meet it",
}

GATE_STATUS = {"pass": "passed", "fail": "failed", "open": "unanswered", "off": "not applicable"}

QUADRANTS = {
    "top_right": "Proven and ready",
    "top_left": "Claims ahead of readiness",
    "bottom_left": "Not there yet",
    "bottom_right": "Ready, under-claimed",
}


def build_view(
    workspace: Workspace,
    card: Scorecard,
    *,
    vendor: str | None = None,
    changes: View | None = None,
) -> View:
    """Everything a memo, vendor memo or questionnaire template can show."""
    evaluation, rubric = card.evaluation, card.rubric
    raters = card.rater_names
    vendors = [vendor_view(workspace, card, v, raters) for v in card.vendors]
    by_id = {v["id"]: v for v in vendors}
    winner = card.winner
    pin = evaluation.rubric
    view: View = {
        "title": evaluation.title,
        "status": evaluation.status,
        "date": evaluation.date.isoformat() if evaluation.date else "",
        "as_of": evaluation.as_of,
        "owner": evaluation.owner,
        "decision_makers": list(evaluation.decision_makers),
        "raters": [raters[r] for r in card.raters],
        "aggregate": card.aggregate,
        "background": evaluation.background,
        "decision": evaluation.decision,
        "rubric": {
            "id": pin.id,
            "version": pin.version,
            "sha256": pin.sha256,
            "title": rubric.title,
            "ref": f"{pin.id}@{pin.version}",
            "scale": f"{rubric.scale.min}–{rubric.scale.max}",
        },
        "context": [
            {"id": f.id, "text": f.text, "value": "yes" if card.context.get(f.id) else "no"}
            for f in rubric.context
        ],
        "drivers": _drivers(rubric, card.context),
        "vendors": vendors,
        "winner": by_id[winner.id] if winner else None,
        "recommendation": _recommendation(card),
        "settled": card.settled,
        "chart": _chart(vendors),
        "disagreements": [d for v in vendors for d in v["disagreements"]],
        "robustness": _robustness(card, by_id),
        "evidence": [e for v in vendors for e in v["evidence"]],
        "open_total": sum(len(v["open_questions"]) for v in vendors),
        "changes": changes,
        "generator": f"checklist {__version__}",
        "vendor": by_id.get(vendor) if vendor else None,
        "vendor_count": len(vendors),
    }
    view.update(_unscored(workspace, card.raters))
    return view


def _unscored(workspace: Workspace, raters: Iterable[str]) -> View:
    """Answers kept on disk but not scored: their vendor or question is not in the evaluation.

    A typo in a hand-edited ratings file (`veo-31` for `veo-3-1`) drops answers from the
    scores without an error, and could change a recommendation; the memo says so. Answers
    of one rater for one unknown vendor are one line (a typo'd vendor id orphans them all).
    """
    included = set(raters)
    orphans = [o for o in workspace.orphans if o.rater in included]
    groups: dict[tuple[str, str, str], list[str]] = {}
    for o in orphans:
        key = (o.rater, o.vendor, o.reason if o.reason.startswith("vendor ") else o.question)
        groups.setdefault(key, []).append(o.question)
    rows = []
    for (rater, vendor, _), questions in groups.items():
        reason = next(o.reason for o in orphans
                      if o.rater == rater and o.vendor == vendor and o.question == questions[0])
        shown = ", ".join(questions[:3]) + (f" and {len(questions) - 3} more"
                                            if len(questions) > 3 else "")
        count = f" ({len(questions)} answers)" if len(questions) > 1 else ""
        file = next(o.file for o in orphans if o.rater == rater)
        rows.append({
            "rater": rater,
            "file": file,
            "vendor": vendor,
            "question": shown,
            "questions": list(questions),
            "count": len(questions),
            "reason": reason,
            "text": f"{file}: {vendor} / {shown}{count}: {reason}",
        })
    listed = rows[:UNSCORED]
    return {"unscored": listed, "unscored_total": len(orphans),
            "unscored_more": sum(r["count"] for r in rows[UNSCORED:])}


def _drivers(rubric: Rubric, context: dict[str, bool]) -> View:
    total = sum(s.weight for s in rubric.sections) or 1.0
    sections = [
        {
            "id": s.id,
            "title": s.title,
            "axis": s.axis,
            "weight": n.number(s.weight),
            "share": n.pct(s.weight / total),
            "questions": len(s.questions),
        }
        for s in rubric.sections
    ]
    gates = [
        {
            "id": q.id,
            "text": q.text,
            "min": n.level(q.gate.min, q, rubric.scale),
            "when": q.gate.when or "",
            "when_text": (rubric.flag(q.gate.when).text  # type: ignore[union-attr]
                          if q.gate.when and rubric.flag(q.gate.when) else ""),
            "reason": q.gate.reason,
            "applies": q.gate.when is None or bool(context.get(q.gate.when)),
        }
        for _, q in rubric.questions()
        if q.gate is not None
    ]
    return {
        "sections": sections,
        "gates": [g for g in gates if g["applies"]],
        "gates_off": [g for g in gates if not g["applies"]],
    }


def vendor_view(
    workspace: Workspace, card: Scorecard, v: VendorResult, raters: dict[str, str]
) -> View:
    rubric = card.rubric
    scale = rubric.scale
    model = card.evaluation.vendor(v.id)
    claims = [_claim(c) for c in model.claims] if model else []
    questions = list(v.questions.values())

    policy = rubric.policy
    strengths = findings.strengths(v, policy)
    weak = findings.risks(v, policy)
    gates = []
    for g in v.gates:
        if not g.applies:
            continue
        gates.append({
            "id": g.id,
            "text": g.question.text,
            "section": rubric.section_of(g.id).title,  # type: ignore[union-attr]
            "status": g.status,
            "status_label": GATE_STATUS[g.status],
            "level": n.level(g.level, g.question, scale),
            "min": n.level(g.min, g.question, scale),
            "anchor": g.anchor() if g.level is not None else "",
            "reason": g.question.gate.reason if g.question.gate else "",
        })
    failed = [g for g in gates if g["status"] == "fail"]
    found = findings.follow_ups(v, policy)
    views = {f.result.id: _followup(f, scale) for f in found}
    followups = list(views.values())
    open_items = [views[f.result.id] for f in found if f.is_open]
    ranked = [views[f.result.id] for f in findings.ranked(f for f in found if f.is_open)]

    view: View = {
        "id": v.id,
        "name": v.name,
        "product": model.product if model else "",
        "website": model.website if model else "",
        "link": safe_link(model.website) if model else None,
        "notes": model.notes if model else "",
        "rank": v.rank,
        "verdict": v.verdict,
        "verdict_label": v.verdict_label,
        "conditions": [narrative.condition_text(c, rubric) for c in v.conditions],
        "overall": n.score(v.score),
        "overall_answered": n.score(v.score_answered),
        "claims": n.score(v.claims),
        "readiness": n.score(v.readiness),
        "hype_gap": n.signed(v.hype_gap),
        "coverage": n.pct(v.coverage),
        "lower": n.score(v.lower),
        "upper": n.score(v.upper),
        "range": n.span(v.lower, v.upper),
        "x": v.readiness,
        "y": v.claims,
        "chart_x": n.chart(v.readiness),
        "chart_y": n.chart(v.claims),
        "sections": [
            {
                "id": s.id,
                "title": s.section.title,
                "axis": s.section.axis,
                "weight": n.number(s.section.weight),
                "score": n.score(s.score),
                "score_answered": n.score(s.score_answered),
                "coverage": n.pct(s.coverage),
                "answered": s.answered,
                "total": s.total,
                "na": s.na,
            }
            for s in v.sections.values()
        ],
        "benchmark_claims": claims,
        "strengths": [_point(q, scale) for q in strengths[:TOP]],
        "strengths_more": max(0, len(strengths) - TOP),
        "risks": [_point(q, scale) for q in weak[:TOP]],
        "risks_more": max(0, len(weak) - TOP),
        "gates": gates,
        "gates_failed": failed,
        "open_questions": open_items,
        "open_top": ranked[:MEMO_OPEN],
        "open_more": max(0, len(ranked) - MEMO_OPEN),
        "followups": followups,
        "followup_sections": _grouped(followups),
        "disagreements": [_disagreement(v, q, raters, scale) for q in v.disagreements],
        "evidence": _evidence(v, questions, claims, raters),
    }
    view["sentence"] = narrative.vendor_sentence(v, rubric)
    return view


def _claim(c: Claim) -> View:
    value = c.value
    if isinstance(value, float):
        value = f"{value:g}"
    return {
        "text": c.text,
        "task": c.task,
        "metric": c.metric,
        "value": str(value),
        "source": c.source,
        "link": safe_link(c.source),
        "run_by": c.run_by or "not stated",
        "grade": c.grade,
        "grade_label": GRADE_LABELS.get(c.grade, c.grade),
        "date": c.date.isoformat() if c.date else "",
        "note": c.note,
    }


def _point(q: QuestionResult, scale: Any) -> View:
    return {
        "id": q.id,
        "text": q.question.text,
        "section": q.section.title,
        "level": n.level(q.level, q.question, scale),
        "anchor": q.anchor,
        "share": n.share(q.share),
    }


def _followup(found: findings.FollowUp, scale: Any) -> View:
    """A question to take back to the vendor (see `checklist.scoring.findings`)."""
    q, reasons = found.result, list(found.reasons)
    question = q.question
    return {
        "id": q.id,
        "text": question.text,
        "ask": question.ask_vendor or question.text,
        "provide": question.evidence,
        "guidance": question.guidance,
        "section": q.section.title,
        "reasons": reasons,
        "why": ", ".join(reasons),
        "why_vendor": "; ".join(VENDOR_REASONS[r] for r in reasons
                                if not (r == "gate" and "failed gate" in reasons)),
        "current": "unanswered" if q.status == "open" else n.level(q.level, question, scale),
        "gate_min": n.level(question.gate.min, question, scale) if question.gate else "",
        "gate_need": anchor_at(question, question.gate.min) if question.gate else "",
        "gate": found.gate,
        "share": n.share(q.share),
        "weight": q.share,
    }


def _grouped(items: list[View]) -> list[View]:
    """Items grouped by section, in rubric order (Jinja's groupby would sort by title)."""
    groups: list[View] = []
    for item in items:
        if not groups or groups[-1]["title"] != item["section"]:
            groups.append({"title": item["section"], "questions": []})
        groups[-1]["questions"].append(item)
    return groups


def _disagreement(v: VendorResult, q: QuestionResult, raters: dict[str, str], scale: Any) -> View:
    return {
        "vendor": v.name,
        "vendor_id": v.id,
        "id": q.id,
        "text": q.question.text,
        "spread": n.number(q.spread),
        "raters": [
            {
                "name": raters.get(r.rater, r.rater),
                "value": "N/A" if r.na else n.level(r.level, q.question, scale),
                "note": r.answer.note,
            }
            for r in q.raters
        ],
        "summary": ", ".join(
            f"{raters.get(r.rater, r.rater)} {'N/A' if r.na else n.number(r.level)}"
            for r in q.raters
        ),
    }


def _evidence(v: VendorResult, questions: list[QuestionResult], claims: list[View],
              raters: dict[str, str]) -> list[View]:
    """Every source behind this vendor's answers and claims, once per source.

    A source cited for many questions is one row listing them (by question id), so the
    appendix stays a list of sources rather than a copy of the ratings. A path is shown as
    text and never opened: the memo must not read files the user did not name, and evidence
    paths come from ratings files anyone could have edited.
    """
    rows: dict[tuple[str, str, str], View] = {}

    def row(source: str, retrieved: str, grade: str) -> View:
        key = (source, retrieved, grade)
        if key not in rows:
            rows[key] = {
                "vendor": v.name,
                "vendor_id": v.id,
                "source": source,
                "link": safe_link(source),
                "retrieved": retrieved,
                "grade": grade,
                "grade_label": GRADE_LABELS.get(grade, grade),
                "supports": [],
                "raters": [],
                "notes": [],
            }
        return rows[key]

    for q in questions:
        for r in q.raters:
            for e in r.answer.evidence:
                entry = row(e.url, e.retrieved.isoformat() if e.retrieved else "", e.grade)
                if q.id not in entry["supports"]:
                    entry["supports"].append(q.id)
                name = raters.get(r.rater, r.rater)
                if name not in entry["raters"]:
                    entry["raters"].append(name)
                if e.note and e.note not in entry["notes"]:
                    entry["notes"].append(e.note)
    for c in claims:
        if c["source"]:
            entry = row(c["source"], c["date"], c["grade"])
            text = c["text"] if len(c["text"]) <= 60 else c["text"][:59].rstrip() + "…"
            entry["supports"].append(f"claim “{text}”")
    out = list(rows.values())
    for entry in out:
        entry["about"] = ", ".join(entry["supports"])
        entry["by"] = ", ".join(entry["raters"])
        entry["note"] = "; ".join(entry["notes"])
    return out


#: typst refuses to link a longer URL ("URL is too long", and no PDF at all).
LINK_CHARS = 8_000


def safe_link(text: str) -> str | None:
    """A URL fit to be a hyperlink (http or https, no spaces or quotes, short enough for
    the PDF once encoded), else None.

    Anything else (a local path, `javascript:`, `file:`, a URL with a bidirectional control
    in it, an evidence URL of 4,000 `|` that encodes to 12,000 characters) is printed as
    text, never linked.
    """
    candidate = text.strip()
    lowered = candidate.lower()
    if not lowered.startswith(("https://", "http://")):
        return None
    if any(ch.isspace() or ch in '"<>\\`{}^' or ord(ch) < 32 or escape.is_bidi(ch)
           for ch in candidate):
        return None
    link = candidate.replace("|", "%7C")
    return link if len(link) <= LINK_CHARS else None


def _recommendation(card: Scorecard) -> View:
    said = narrative.recommendation(card)
    winner = said.vendor
    return {
        "vendor": winner.name if winner else None,
        **({"vendor_id": winner.id} if winner else {}),
        "headline": said.headline,
        "settled_text": said.settled,
        "conditions": list(said.conditions),
    }


def _chart(vendors: list[View]) -> View:
    """Chart points: true coordinates (for Mermaid) and display positions nudged apart.

    Two vendors with nearly equal scores would hide each other's numbered marker in the
    drawn charts, so later points move the smallest step that clears earlier ones.
    """
    points: list[View] = []
    placed: list[tuple[float, float]] = []
    for v in vendors:
        if v["x"] is None or v["y"] is None:
            continue
        x, y = min(1.0, max(0.0, v["x"])), min(1.0, max(0.0, v["y"]))
        px, py = _clear_spot(x, y, placed)
        placed.append((px, py))
        points.append({"rank": v["rank"], "name": v["name"], "x": x, "y": y, "px": px, "py": py,
                       "chart_x": v["chart_x"], "chart_y": v["chart_y"],
                       "verdict": v["verdict"]})
    return {"points": points, "quadrants": dict(QUADRANTS),
            "x_label": "Production readiness", "y_label": "Benchmark claims"}


#: Marker spacing in chart units (the charts are about 4:3, so x counts for more).
_ASPECT = 1.33
_SPACING = 0.075


def _clear_spot(x: float, y: float, placed: list[tuple[float, float]]) -> tuple[float, float]:
    def free(px: float, py: float) -> bool:
        return all(((px - qx) * _ASPECT) ** 2 + (py - qy) ** 2 >= _SPACING ** 2
                   for qx, qy in placed)

    if free(x, y):
        return x, y
    for ring in range(1, 12):
        step = _SPACING * ring
        for dx, dy in ((1, 0), (0, -1), (-1, 0), (0, 1), (1, -1), (-1, -1), (-1, 1), (1, 1)):
            px = min(1.0, max(0.0, x + dx * step / _ASPECT))
            py = min(1.0, max(0.0, y + dy * step))
            if free(px, py):
                return px, py
    return x, y


def _robustness(card: Scorecard, by_id: dict[str, View]) -> View:
    sens = card.sensitivity
    titles = {s.id: s.title for s in card.rubric.sections}
    names = {vid: v["name"] for vid, v in by_id.items()}
    deciders = []
    for d in card.deciders[:DECIDERS]:
        question = card.rubric.question(d.question)
        deciders.append({
            "vendor": names.get(d.vendor, d.vendor),
            "id": d.question,
            "text": question.text if question else d.question,
            "share": n.share(d.share),
            "gate": d.gate,
        })
    flips = [{"section": titles.get(f.section, f.section), "factor": n.number(f.factor),
              "new_winner": names.get(f.new_winner, f.new_winner),
              "text": narrative.flip_sentence(card, f)} for f in sens.flips]
    return {
        "settled": card.settled,
        "deciders": deciders,
        "deciders_more": max(0, len(card.deciders) - DECIDERS),
        "stability": n.pct(sens.stability),
        "close_call": sens.close_call,
        "draws": sens.draws,
        "stability_text": narrative.stability_sentence(card),
        "flips": flips,
    }
