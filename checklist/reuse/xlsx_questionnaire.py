"""The questionnaire a vendor fills in, as an XLSX workbook (issue 18, item 2).

- an `Instructions` sheet first: who asks, what to do, which columns to fill, whom to send
  it back to;
- one sheet per rubric section with questions to ask, a row per question: its id, the
  question, why we ask, the evidence we need and the least we require (all locked), then the
  cells the vendor fills (unlocked): the answer, with data validation (the choices, yes/no,
  the scale's levels, or a number in the question's unit), an evidence URL, a document name
  and a comment;
- a hidden `Lists` sheet for the dropdowns and a hidden `About` sheet naming the evaluation,
  rubric and vendor, so an import can check it is reading the right workbook.

Sheets are protected without a password: that locks the question cells against slips, not
against a determined editor, and the import checks every cell anyway. Every text cell is
written as text, so nothing the rubric or a vendor wrote becomes a formula. The same
questions give the same bytes (the workbook's creation time is fixed).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass
from typing import Any

from checklist.model.answer_edit import NA_TEXT, value_labels
from checklist.model.rubric import Question, Scale
from checklist.reuse.xlsx_lists import Dropdowns

INSTRUCTIONS_SHEET = "Instructions"
#: What the hidden About sheet says the workbook is (the import checks it).
KIND = "checklist vendor questionnaire"
ABOUT_SHEET = "About"
#: The columns of a section sheet; the vendor fills those in `FILLED`.
COLUMNS: tuple[str, ...] = ("id", "Question", "Why we ask", "Evidence we need",
                            "We require at least", "Answer", "Answer as", "Evidence URL",
                            "Document name", "Comment")
FILLED = ("Answer", "Evidence URL", "Document name", "Comment")
_WIDTHS = (14, 48, 40, 32, 20, 22, 22, 36, 24, 40)
#: Characters a sheet name may not hold, and Excel's length limit for it.
_BAD_NAME = re.compile(r"[\[\]:*?/\\]")
_NAME_CHARS = 31
_CREATED = dt.datetime(1980, 1, 1)


@dataclass(frozen=True)
class Asked:
    """One question to ask, in the words the vendor reads."""

    question: Question
    ask: str
    why: str
    provide: str
    require: str


@dataclass(frozen=True)
class AskedSection:
    title: str
    questions: list[Asked]


@dataclass(frozen=True)
class Heading:
    """Who asks whom, for the instructions sheet and the hidden `About` sheet."""

    title: str
    date: str
    vendor_id: str
    vendor_name: str
    product: str
    owner: str
    rubric_ref: str


def questionnaire_xlsx(heading: Heading, sections: list[AskedSection], scale: Scale) -> bytes:
    import xlsxwriter  # type: ignore[import-untyped]  # XlsxWriter ships no types

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False,
                                        "strings_to_formulas": False,
                                        "strings_to_urls": False})
    book.set_properties({"title": f"Questionnaire for {heading.vendor_name}",
                         "subject": heading.title, "created": _CREATED})
    formats = {
        "title": book.add_format({"bold": True, "font_size": 14}),
        "bold": book.add_format({"bold": True}),
        "header": book.add_format({"bold": True, "bottom": 1, "text_wrap": True,
                                   "valign": "top", "locked": True}),
        "locked": book.add_format({"text_wrap": True, "valign": "top", "locked": True}),
        "open": book.add_format({"text_wrap": True, "valign": "top", "locked": False,
                                 "bg_color": "#FFF9DB", "border": 1}),
    }
    count = sum(len(s.questions) for s in sections)
    _instructions(book.add_worksheet(INSTRUCTIONS_SHEET), heading, sections, count, formats)
    sheets: list[tuple[Any, AskedSection]] = []
    taken: set[str] = {INSTRUCTIONS_SHEET.lower(), ABOUT_SHEET.lower(), "lists"}
    for number, section in enumerate(sections, 1):
        name = sheet_name(number, section.title, taken)
        sheets.append((book.add_worksheet(name), section))
    dropdowns = Dropdowns(book)
    for sheet, section in sheets:
        _section(sheet, section, scale, dropdowns, formats)
    about = book.add_worksheet(ABOUT_SHEET)
    about.hide()
    for row, (key, value) in enumerate((
            ("kind", KIND), ("version", "1"),
            ("evaluation", heading.title), ("rubric", heading.rubric_ref),
            ("vendor", heading.vendor_id))):
        about.write_string(row, 0, key)
        about.write_string(row, 1, value)
    about.protect()
    book.close()
    return buffer.getvalue()


def sheet_name(number: int, title: str, taken: set[str]) -> str:
    """`1 Benchmark claims`: a valid, unique sheet name for a section (Excel allows 31
    characters and none of []:*?/\\, and compares names in any case)."""
    base = " ".join(_BAD_NAME.sub(" ", f"{number} {title}").split()).strip("'")
    name = _cut(base, _NAME_CHARS)
    extra = 2
    while name.lower() in taken:
        suffix = f" ({extra})"
        name = _cut(base, _NAME_CHARS - len(suffix)) + suffix
        extra += 1
    taken.add(name.lower())
    return name


def _cut(text: str, limit: int) -> str:
    """`text` within `limit` characters, cut at a word where one ends late enough."""
    if len(text) <= limit:
        return text
    cut = text[:limit + 1].rsplit(" ", 1)[0] if " " in text[:limit + 1] else text[:limit]
    return (cut if len(cut) >= limit // 2 else text[:limit]).rstrip()


def answer_as(question: Question) -> str:
    """How the answer cell reads, in words: "pick from the list" (with what a score's
    levels mean, from the rubric's anchors), "a number in ms"."""
    if question.type == "number":
        unit = f" in {question.unit}" if question.unit else ""
        return f"a number{unit}" + (f", or {NA_TEXT}" if question.allow_na else "")
    if question.type == "score" and question.anchors:
        meanings = "; ".join(f"{level} = {text}" for level, text in
                             sorted(question.anchors.items()))
        return f"pick from the list ({meanings})"
    return "pick from the list"


def _instructions(sheet: Any, heading: Heading, sections: list[AskedSection], count: int,
                  formats: dict[str, Any]) -> None:
    sheet.set_column(0, 0, 100, formats["locked"])
    product = f" ({heading.product})" if heading.product else ""
    reply = heading.owner or "the sender of this questionnaire"
    lines: list[tuple[str, str]] = [
        (f"Questionnaire for {heading.vendor_name}", "title"),
        (f"{heading.title}{', ' + heading.date if heading.date else ''}", "locked"),
        ("", "locked"),
        (f"We are assessing {heading.vendor_name}{product} for a purchase and ask you "
         f"{count} question{'s' if count != 1 else ''}, on one sheet per topic.", "locked"),
        ("On each sheet, fill in the yellow cells of each row:", "bold"),
        ("- Answer: pick from the list in the cell, or type a number where the 'Answer as' "
         "column asks for one (in the unit it names).", "locked"),
        ("- Evidence URL: a link to the evidence (a report, documentation, results we can "
         "reproduce).", "locked"),
        ("- Document name: the file name of a document you send with this workbook.",
         "locked"),
        ("- Comment: anything we should know about your answer.", "locked"),
        ("The other cells are locked; please do not rename, move or delete sheets, rows or "
         "columns. Independent or third-party evidence weighs more than vendor-run results.",
         "locked"),
        ("", "locked"),
        (f"Please send the filled workbook back to {reply}.", "locked"),
        (f"Reference: {heading.rubric_ref}, {heading.vendor_id}.", "locked"),
        ("", "locked"),
        ("Sheets:", "bold"),
    ]
    lines += [(f"{n}. {s.title}: {len(s.questions)} question"
               f"{'s' if len(s.questions) != 1 else ''}", "locked")
              for n, s in enumerate(sections, 1)]
    if not sections:
        lines.append(("We have everything we need for now. Thank you.", "locked"))
    for row, (text, style) in enumerate(lines):
        if text:
            sheet.write_string(row, 0, text, formats[style])
    sheet.protect()
    sheet.activate()


def _section(sheet: Any, section: AskedSection, scale: Scale, dropdowns: Dropdowns,
             formats: dict[str, Any]) -> None:
    for column, (title, width) in enumerate(zip(COLUMNS, _WIDTHS, strict=True)):
        sheet.set_column(column, column, width)
        sheet.write_string(0, column, title, formats["header"])
    sheet.freeze_panes(1, 2)
    answer_col = COLUMNS.index("Answer")
    for row, asked in enumerate(section.questions, 1):
        question = asked.question
        locked = (question.id, asked.ask, asked.why, asked.provide, asked.require, "",
                  answer_as(question))
        for column, text in enumerate(locked):
            if column == answer_col:
                continue
            sheet.write_string(row, column, text, formats["locked"])
        for name in FILLED:
            sheet.write_blank(row, COLUMNS.index(name), None, formats["open"])
        labels = tuple(value_labels(question, scale))
        if labels:
            dropdowns.offer(sheet, row, row, answer_col, labels, strict=True,
                            message=f"Pick one: {', '.join(labels)}")
        else:
            _number_rule(sheet, row, answer_col, question)
    sheet.protect("", {"format_columns": True, "format_rows": True})


def _number_rule(sheet: Any, row: int, column: int, question: Question) -> None:
    """A number (in the question's unit), or N/A where the rubric allows it."""
    from xlsxwriter.utility import xl_rowcol_to_cell  # type: ignore[import-untyped]

    unit = f" in {question.unit}" if question.unit else ""
    said = f"a number{unit}" + (f" or {NA_TEXT}" if question.allow_na else "")
    options: dict[str, Any] = {
        "input_title": "Your answer", "input_message": f"Type {said}."[:255],
        "error_title": "Not a number", "error_message": f"Type {said}."[:255]}
    if question.allow_na:
        cell = xl_rowcol_to_cell(row, column)
        options.update(validate="custom",
                       value=f'=OR(ISNUMBER({cell}),UPPER(TRIM({cell}))="{NA_TEXT}")')
    else:
        options.update(validate="decimal", criteria="between", minimum=-1e300, maximum=1e300)
    sheet.data_validation(row, column, row, column, options)
