"""Ratings as an XLSX workbook: the CSV sheet's rows and columns, made for a person in Excel.

- the value cell shows what a dropdown offers ("3 Good", "yes", a choice's label, "N/A"),
  with that dropdown (data validation from a hidden `Lists` sheet, so labels may hold
  commas and lists have no length limit); the import reads each label back to its id;
- every cell is written as text (`write_string`), so nothing becomes a formula, a number
  that loses digits, or a date: a round trip gives back exactly what was exported;
- the same ratings give the same bytes: XlsxWriter fixes the archive's times, and the
  document's creation time is the newest answer's time.

A cell holds at most 32,767 characters in Excel; an answer whose note or evidence is longer
is refused (export it as CSV), as is an export of more rows than the import reads.
"""

from __future__ import annotations

import datetime as dt
import io

from checklist.errors import ChecklistError
from checklist.files.folder import Workspace
from checklist.model.answer_edit import value_labels
from checklist.model.common import CONFIDENCES
from checklist.model.rubric import Question
from checklist.reuse.csv_scanner import MAX_ROWS
from checklist.reuse.sheet_cells import COLUMNS, value_label
from checklist.reuse.sheet_export import Row
from checklist.reuse.xlsx_lists import Dropdowns
from checklist.reuse.xlsx_sheet import RATINGS_SHEET

#: Excel's limit for the text of one cell.
EXCEL_CELL_CHARS = 32_767
_WIDTHS = {"vendor": 14, "vendor_name": 20, "section": 14, "question": 18,
           "question_text": 48, "type": 9, "rater": 12, "value": 24, "note": 40,
           "confidence": 11, "evidence": 40, "at": 26}
_WRAPPED = {"question_text", "note", "evidence"}
#: A workbook's creation time when no answer has a time (the archive's own epoch).
_EPOCH = dt.datetime(1980, 1, 1)


def to_xlsx(workspace: Workspace, rows: list[Row]) -> bytes:
    """The workbook's bytes; see the module notes."""
    import xlsxwriter  # type: ignore[import-untyped]  # XlsxWriter ships no types

    if len(rows) > MAX_ROWS:
        raise ChecklistError.plain(f"{len(rows):,} rows, more than the {MAX_ROWS:,} a workbook "
                                   "import reads; export as CSV, or one rater at a time")
    questions = {q.id: q for _, q in workspace.rubric.questions()}
    scale = workspace.rubric.scale
    table = [_cells(row, questions.get(row.question), workspace) for row in rows]

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False,
                                        "strings_to_formulas": False,
                                        "strings_to_urls": False})
    book.set_properties({"title": workspace.evaluation.title, "created": _created(rows)})
    sheet = book.add_worksheet(RATINGS_SHEET)
    dropdowns = Dropdowns(book)
    bold = book.add_format({"bold": True, "bottom": 1})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    top = book.add_format({"valign": "top"})
    for index, name in enumerate(COLUMNS):
        sheet.write_string(0, index, name, bold)
        sheet.set_column(index, index, _WIDTHS.get(name, 14), wrap if name in _WRAPPED else top)
    for line, cells in enumerate(table, 1):
        for index, text in enumerate(cells):
            if text:
                sheet.write_string(line, index, text)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(len(table), 1), len(COLUMNS) - 1)

    value_col = COLUMNS.index("value")
    runs: list[tuple[int, int, tuple[str, ...]]] = []
    for line, row in enumerate(rows, 1):
        question = questions.get(row.question)
        labels = tuple(value_labels(question, scale)) if question is not None else ()
        if runs and runs[-1][2] == labels and runs[-1][1] == line - 1:
            runs[-1] = (runs[-1][0], line, labels)
        else:
            runs.append((line, line, labels))
    for first, last, labels in runs:
        if labels:
            dropdowns.offer(sheet, first, last, value_col, labels, strict=False)
    if rows:
        confidence_col = COLUMNS.index("confidence")
        sheet.data_validation(1, confidence_col, len(rows), confidence_col, {
            "validate": "list", "source": list(CONFIDENCES), "error_type": "warning"})
    book.close()
    return buffer.getvalue()


def _cells(row: Row, question: Question | None, workspace: Workspace) -> list[str]:
    cells = row.cells()
    if question is not None:
        cells["value"] = value_label(row.answer, question, workspace.rubric.scale)
    out = [cells[c] for c in COLUMNS]
    for name, text in zip(COLUMNS, out, strict=True):
        if len(text) > EXCEL_CELL_CHARS:
            raise ChecklistError.plain(
                f"{row.vendor} / {row.question} ({row.rater}): the {name} runs over "
                f"{EXCEL_CELL_CHARS:,} characters, more than an Excel cell holds; export "
                "as CSV (`--format csv`)")
    return out


def _created(rows: list[Row]) -> dt.datetime:
    times = [r.answer.at for r in rows if r.answer is not None and r.answer.at is not None]
    if not times:
        return _EPOCH
    newest = max(t if t.tzinfo else t.replace(tzinfo=dt.UTC) for t in times)
    return newest.astimezone(dt.UTC).replace(tzinfo=None)

