"""A vendor's filled questionnaire workbook becomes proposed answers (issue 18, item 3).

The workbook is the one `checklist questionnaire --format xlsx` wrote: its hidden `About`
sheet names the vendor, and each section sheet has a row per question (`id`, then the
vendor's `Answer`, `Evidence URL`, `Document name` and `Comment`). Each answered row becomes
a proposal (`proposals/questionnaire-<vendor>.yaml`) holding the answer read as
`parse_value` reads any cell (the dropdown's label, yes/no, a number with its unit), the
vendor's evidence graded `vendor-claim`, the workbook itself (path and sha256), and the
comment in the note. Raters accept or override proposals (`checklist proposals`): nothing
here touches a rater's answers.

The workbook is checked whole before anything is written (`xlsx_guard`: size, macros,
external links, DTDs, zip bombs; then every cell: formulas, error values, dates, merged
cells, unknown or repeated question ids, answers a question does not take), and every bad
cell is reported as `file.xlsx:Sheet!F12: ...`. Rows the vendor left unanswered are
counted, not proposed.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checklist.errors import ChecklistError, Problem, quoted
from checklist.files.folder import Workspace
from checklist.files.proposals import file_sha256
from checklist.files.yamlio import read_bytes
from checklist.model.answer_edit import ValueProblem, parse_value
from checklist.model.proposal import Proposal, ProposalsFile
from checklist.model.ratings import Answer, Evidence
from checklist.reuse.csv_scanner import MAX_PROBLEMS, MAX_ROWS
from checklist.reuse.xlsx_cells import cell_problem, cell_ref
from checklist.reuse.xlsx_guard import Checked
from checklist.reuse.xlsx_lists import LISTS_SHEET
from checklist.reuse.xlsx_questionnaire import ABOUT_SHEET, COLUMNS, INSTRUCTIONS_SHEET, KIND
from checklist.reuse.xlsx_read import cell_text, open_book, read_cell, reading, refuse_merged

#: Columns the import reads from a section sheet, by their header.
_READ = ("id", "Answer", "Evidence URL", "Document name", "Comment")
_SKIPPED = {INSTRUCTIONS_SHEET, ABOUT_SHEET, LISTS_SHEET}


@dataclass
class VendorAnswers:
    """What a filled questionnaire proposes, checked in full."""

    vendor: str
    proposals: ProposalsFile
    unanswered: list[str] = field(default_factory=list)


def source_id(vendor: str) -> str:
    """`questionnaire-<vendor>`: one proposals file per vendor; a new return replaces it."""
    return f"questionnaire-{vendor}"[:64].rstrip("-_")


def read_questionnaire(workspace: Workspace, path: Path, made: dt.datetime,
                       vendor: str | None = None) -> VendorAnswers:
    """The proposals a filled questionnaire makes; raises one error listing every bad cell.
    `vendor` (an id) must match the vendor the workbook was written for, when given."""
    shown = str(path)
    data = read_bytes(path, what="questionnaire workbook")
    book, checked = open_book(data, shown)
    with reading(shown):
        return _read(workspace, path, made, vendor, book, checked)


def _read(workspace: Workspace, path: Path, made: dt.datetime, vendor: str | None,
          book: Any, checked: Checked) -> VendorAnswers:
    shown = str(path)
    about = _about(book, shown)
    wanted = about.get("vendor", "")
    known = {v.id for v in workspace.evaluation.vendors}
    if wanted not in known:
        raise ChecklistError.at(shown, f"written for vendor {quoted(wanted)}, who is not in "
                                "this evaluation; import it into the evaluation it came from")
    if vendor is not None and vendor != wanted:
        raise ChecklistError.at(shown, f"written for vendor {quoted(wanted)}, not "
                                f"{quoted(vendor)}; check which vendor sent it")
    workbook = Evidence(url=_shown_path(path, workspace.path), retrieved=made.date(),
                        grade="vendor-claim", sha256=file_sha256(path),
                        note="the vendor's filled questionnaire")
    reader = _Reader(workspace, shown, wanted, workbook, made)
    for sheet in book.worksheets:
        if sheet.title in _SKIPPED:
            continue
        refuse_merged(checked, sheet, shown)
        reader.sheet(sheet)
        if len(reader.problems) >= MAX_PROBLEMS:
            break
    if reader.problems:
        raise ChecklistError(reader.problems[:MAX_PROBLEMS])
    if not reader.seen:
        raise ChecklistError.at(shown, "no question rows found; is this the workbook "
                                "`checklist questionnaire --format xlsx` wrote?")
    title = f"the vendor questionnaire {path.name}"
    return VendorAnswers(wanted, ProposalsFile(source=source_id(wanted), title=title,
                                               made=made, proposals=reader.proposals),
                         reader.unanswered)


def _about(book: Any, path: str) -> dict[str, str]:
    if ABOUT_SHEET not in book.sheetnames:
        raise ChecklistError.at(path, "not a checklist questionnaire (no About sheet); import "
                                "the workbook `checklist questionnaire --format xlsx` wrote")
    sheet = book[ABOUT_SHEET]
    out: dict[str, str] = {}
    for row in sheet.iter_rows(min_row=1, max_row=20, max_col=2):
        key, _ = cell_text(row[0], "key")
        value, _ = cell_text(row[1], "value") if len(row) > 1 else ("", None)
        out[key] = value
    if out.get("kind") != KIND:
        raise ChecklistError.at(path, "not a checklist questionnaire (its About sheet says "
                                "otherwise); import the workbook `checklist questionnaire "
                                "--format xlsx` wrote")
    return out


@dataclass
class _Reader:
    """Reads section sheets into proposals, collecting every problem on the way."""

    workspace: Workspace
    path: str
    vendor: str
    workbook: Evidence
    made: dt.datetime
    problems: list[Problem] = field(default_factory=list)
    proposals: list[Proposal] = field(default_factory=list)
    unanswered: list[str] = field(default_factory=list)
    #: Question id -> the cell its row starts at, to report a repeated id.
    seen: dict[str, str] = field(default_factory=dict)

    def sheet(self, sheet: Any) -> None:
        title = sheet.title
        sheet.reset_dimensions()  # the file's own size claim may lie
        first = next(sheet.iter_rows(min_row=1, max_row=1, max_col=len(COLUMNS)), ())
        header = [cell_text(c, "header")[0].strip() for c in first]
        index = {name: i for i, name in enumerate(header) if name}
        missing = [name for name in _READ if name not in index]
        if missing:
            self.problems.append(cell_problem(
                self.path, title, 1, 1, f"the first row must name the columns; missing "
                f"{', '.join(missing)} (the sheet was changed; fill in the workbook as it "
                "was sent)"))
            return
        for line, cells in enumerate(sheet.iter_rows(min_row=2, max_col=len(header)), 2):
            if line > MAX_ROWS + 1:
                self.problems.append(cell_problem(self.path, title, line, 1, f"more than "
                                                  f"{MAX_ROWS:,} rows; delete what lies "
                                                  "below the questions"))
                return
            if all(c.value is None for c in cells):
                continue
            found: list[Problem] = []
            text = {name: read_cell(cells[index[name]], name, found, self.path, title, line,
                                    index[name] + 1) for name in _READ}
            self.problems += found
            if not found:
                where = {name: (line, index[name] + 1) for name in _READ}
                self.row(title, text, where)
            if len(self.problems) >= MAX_PROBLEMS:
                return

    def row(self, title: str, text: dict[str, str], where: dict[str, tuple[int, int]]) -> None:
        def problem(column: str, message: str) -> None:
            row, col = where[column]
            self.problems.append(cell_problem(self.path, title, row, col, message))

        qid = text["id"].strip()
        question = self.workspace.rubric.question(qid)
        if question is None:
            problem("id", f"unknown question {quoted(qid)}; the id column is locked: fill in "
                    "the workbook as it was sent")
            return
        if qid in self.seen:
            problem("id", f"question {quoted(qid)} is also on {self.seen[qid]}; keep one row "
                    "for it")
            return
        self.seen[qid] = cell_ref(title, where["id"][0], where["id"][1])
        try:
            value = parse_value(question, self.workspace.rubric.scale, text["Answer"])
        except ValueProblem as exc:
            problem("Answer", f"Answer: {exc}")
            return
        if value is None:
            self.unanswered.append(qid)
            return
        evidence = []
        for column, note in (("Evidence URL", "evidence the vendor gave"),
                             ("Document name", "a document the vendor sent")):
            given = text[column].strip()
            if not given:
                continue
            try:
                evidence.append(Evidence(url=given, retrieved=self.made.date(),
                                         grade="vendor-claim", note=note))
            except ValueError:
                problem(column, f"{column}: at most 4,000 characters; give a link or a "
                        "file name")
                return
        evidence.append(self.workbook)
        comment = text["Comment"].strip()
        note = "Answered by the vendor in their questionnaire" + (
            f"; their comment: {comment}" if comment else "")
        try:
            answer = Answer(note=note, evidence=evidence).with_value(value)
        except ValueError:
            problem("Comment", "Comment: too long for a note; shorten it")
            return
        self.proposals.append(Proposal(vendor=self.vendor, question=qid, answer=answer))


def _shown_path(path: Path, folder: Path) -> str:
    """The workbook relative to the evaluation when it is inside it, else absolute."""
    resolved = path.resolve()
    try:
        return str(resolved.relative_to(folder.resolve()))
    except ValueError:
        return os.fspath(resolved)
