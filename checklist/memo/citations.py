"""What a memo cites for one vendor: the raters' notes and evidence behind each answer
(`Citations`, `point`), the evidence appendix with one row per source (`evidence_rows`), and
the vendor's facts filled into a rubric text's named fields (`filler`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from checklist import numbers as n
from checklist.memo.escape import safe_link
from checklist.memo.vendor_types import ClaimRow, EvidenceRef, EvidenceRow, Point, RaterNote
from checklist.model.common import GRADE_LABELS
from checklist.model.evaluation import Evaluation, Vendor
from checklist.model.named_fields import fill
from checklist.model.ratings import Evidence
from checklist.scoring import QuestionResult, Scorecard, VendorResult
from checklist.scoring import statements as say

Put = Callable[[str], str]


def filler(vendor: Vendor | None, evaluation: Evaluation) -> Put:
    """Fills a rubric text's named fields (`{vendor.model}`) with this vendor's facts."""
    return lambda text: fill(text, vendor, evaluation).text


class Citations:
    """The raters' notes and evidence behind one vendor's answers, with appendix entries, and
    the vendor's facts for a rubric text's named fields (`put`)."""

    def __init__(self, card: Scorecard, refs: dict[tuple[str, str, str], str],
                 put: Put) -> None:
        self.card = card
        self.refs = refs
        self.put = put

    @classmethod
    def of(cls, card: Scorecard, evidence: list[EvidenceRow], put: Put) -> Citations:
        return cls(card, {(e.source, e.retrieved, e.grade): e.ref for e in evidence}, put)

    def notes(self, q: QuestionResult) -> list[RaterNote]:
        scale = self.card.rubric.scale
        return [RaterNote(name=self.card.rater_name(r.rater),
                          answer=say.rater_answer(r, q.question, scale),
                          note=r.answer.note,
                          confidence=r.confidence or "",
                          evidence=[self.ref(e) for e in r.answer.evidence])
                for r in q.raters]

    def ref(self, e: Evidence) -> EvidenceRef:
        retrieved = e.retrieved.isoformat() if e.retrieved else ""
        return EvidenceRef(source=e.url, link=safe_link(e.url),
                           grade_label=GRADE_LABELS.get(e.grade, e.grade), retrieved=retrieved,
                           ref=self.refs.get((e.url, retrieved, e.grade), ""))

    def refs_of(self, notes: list[RaterNote]) -> str:
        found = dict.fromkeys(e.ref for r in notes for e in r.evidence if e.ref)
        return ", ".join(found)


def point(q: QuestionResult, cite: Citations) -> Point:
    """One answered question as a finding, with the raters' notes and evidence."""
    scale = cite.card.rubric.scale
    notes = cite.notes(q)
    return Point(
        id=q.id,
        text=cite.put(q.question.text),
        section=q.section.title,
        level=n.level(q.level, q.question, scale),
        anchor=q.anchor,
        share=n.share(q.share),
        statement=say.statement(q, scale),
        answer=say.answer_text(q, scale),
        bound=say.bound_text(q.question, q.level, scale),
        notes=notes,
        refs=cite.refs_of(notes),
    )


@dataclass
class _Source:
    """An evidence row while it is being gathered."""

    source: str
    retrieved: str
    grade: str
    supports: list[str] = field(default_factory=list)
    raters: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def evidence_rows(card: Scorecard, v: VendorResult, claims: list[ClaimRow]) -> list[EvidenceRow]:
    """Every source behind this vendor's answers and claims, once per source.

    A source cited for many questions is one row listing them (by question id), so the
    appendix stays a list of sources rather than a copy of the ratings. A path is shown as
    text and never opened: the memo must not read files the user did not name, and evidence
    paths come from ratings files anyone could have edited.
    """
    rows: dict[tuple[str, str, str], _Source] = {}

    def row(source: str, retrieved: str, grade: str) -> _Source:
        return rows.setdefault((source, retrieved, grade), _Source(source, retrieved, grade))

    for q in v.questions.values():
        for r in q.raters:
            for e in r.answer.evidence:
                entry = row(e.url, e.retrieved.isoformat() if e.retrieved else "", e.grade)
                name = card.rater_name(r.rater)
                for items, item in ((entry.supports, q.id), (entry.raters, name),
                                    (entry.notes, e.note)):
                    if item and item not in items:
                        items.append(item)
    for c in claims:
        if c.source:
            text = c.text if len(c.text) <= 60 else c.text[:59].rstrip() + "…"
            row(c.source, c.date, c.grade).supports.append(f"claim “{text}”")
    return [
        EvidenceRow(
            ref=f"E{v.rank}.{i}",
            vendor=v.name, vendor_id=v.id, source=s.source, link=safe_link(s.source),
            retrieved=s.retrieved, grade=s.grade, grade_label=GRADE_LABELS.get(s.grade, s.grade),
            supports=s.supports, raters=s.raters, notes=s.notes, about=", ".join(s.supports),
            by=", ".join(s.raters), note="; ".join(s.notes),
        )
        for i, s in enumerate(rows.values(), start=1)
    ]
