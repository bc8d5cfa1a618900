"""Exporting ratings to a sheet: a row per vendor x question x rater, as CSV or JSON."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

from checklist.errors import ChecklistError, hint
from checklist.files.folder import Workspace, rater_id
from checklist.model.ratings import Answer, Ratings
from checklist.reuse.sheet_cells import COLUMNS, escape_cell, evidence_text, value_text


@dataclass(frozen=True)
class Row:
    vendor: str
    vendor_name: str
    section: str
    question: str
    question_text: str
    type: str
    rater: str
    answer: Answer | None

    def cells(self) -> dict[str, str]:
        a = self.answer
        return {
            "vendor": self.vendor,
            "vendor_name": self.vendor_name,
            "section": self.section,
            "question": self.question,
            "question_text": self.question_text,
            "type": self.type,
            "rater": self.rater,
            "value": value_text(a),
            "note": a.note if a else "",
            "confidence": (a.confidence or "") if a else "",
            "evidence": evidence_text(a.evidence) if a else "",
            "at": a.at.isoformat() if a and a.at else "",
        }

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {k: v for k, v in self.cells().items()
                               if k not in ("note", "confidence", "evidence", "at")}
        out["answer"] = (self.answer.model_dump(mode="json", exclude_defaults=True)
                         if self.answer else None)
        return out


@dataclass
class Export:
    rows: list[Row]
    #: Answers kept in the ratings files but not exported (unknown vendor or question).
    orphans: int = 0


def export_rows(workspace: Workspace, *, rater: str | None = None,
                blank: bool = False) -> Export:
    """Rows for every answer, raters by id, then vendors and questions in evaluation order.

    With `blank`, unanswered vendor x question pairs get an empty row too (a form to fill in);
    that needs one rater, so with several raters `rater` must name one.
    """
    raters = sorted(workspace.ratings)
    if rater is not None:
        wanted = rater_id(rater)
        raters = [wanted]
        if wanted not in workspace.ratings and not blank:
            known = hint(wanted, sorted(workspace.ratings), "raters")
            raise ChecklistError.plain(f"no ratings from rater '{rater}'{known}")
    rows: list[Row] = []
    for rid in raters:
        ratings = workspace.ratings.get(rid, Ratings(rater=rid))
        for vendor in workspace.evaluation.vendors:
            answers = ratings.answers.get(vendor.id, {})
            for section, question in workspace.rubric.questions():
                answer = answers.get(question.id)
                if answer is None and not blank:
                    continue
                rows.append(Row(vendor.id, vendor.name, section.id, question.id, question.text,
                                question.type, rid, answer))
    orphans = sum(1 for o in workspace.orphans if o.rater in raters)
    return Export(rows, orphans)


def to_csv(rows: list[Row], *, bom: bool = True) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        cells = row.cells()
        writer.writerow([escape_cell(cells[c]) for c in COLUMNS])
    return ("\ufeff" if bom else "").encode("utf-8") + buffer.getvalue().encode("utf-8")


def to_json(workspace: Workspace, rows: list[Row]) -> dict[str, Any]:
    return {
        "evaluation": workspace.evaluation.title,
        "rubric": workspace.rubric.ref,
        "columns": list(COLUMNS),
        "rows": [r.to_json() for r in rows],
    }
