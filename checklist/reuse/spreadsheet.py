"""Ratings to and from spreadsheets: one row per vendor x question x rater.

Some raters will only ever work in Excel, so a sheet must come back without loss: exporting
and importing an unchanged sheet writes nothing (the ratings files stay byte-identical).

Choices made for people who open the file in a spreadsheet program:

- UTF-8 with a byte-order mark by default (Excel needs it to read accents), CRLF rows;
  on import a BOM is optional and `;` or tab delimiters (some locales save those) work too;
- formula injection: a cell that starts with `=`, `+`, `-`, `@`, tab or CR gets a leading `'`
  (the OWASP advice), so a note like "=HYPERLINK(...)" stays text; the import strips exactly
  that quote again. Plain numbers ("-3.5") are left alone: they are not formulas;
- several evidence items go in one cell, one per line: `URL | grade | retrieved | note`
  (trailing parts optional); anything that line format cannot carry exactly is written as JSON;
- answers to questions or vendors the evaluation no longer has (orphans) are not exported;
  the import leaves every answer it has no row for untouched, so they survive a round trip;
- a row whose value, note, evidence and confidence are all empty clears that answer.

The import reads the whole sheet and checks every row before writing anything (stopping
once it has the 100 problems it can show); each problem names the line and column in the
CSV file. A sheet over `MAX_COLUMNS` columns, `MAX_ROWS` rows or `MAX_CELL_CHARS` in a cell
is refused at the first one over, and every step is linear in the size of the sheet.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checklist.errors import ChecklistError, Problem, hint, one_of, quoted, shortened
from checklist.files.folder import RatingsFile, Workspace, now, rater_id
from checklist.files.yamlio import decode, read_bytes
from checklist.model.answer_edit import NA_TEXT, Value, ValueProblem, parse_value
from checklist.model.common import CONFIDENCES, GRADE_LABELS, GRADES, Confidence
from checklist.model.evaluation import Vendor
from checklist.model.ratings import KEEP, Answer, Evidence, Ratings
from checklist.model.rubric import Question

COLUMNS: tuple[str, ...] = (
    "vendor", "vendor_name", "section", "question", "question_text", "type", "rater",
    "value", "note", "confidence", "evidence", "at",
)
#: Columns the import reads; the others only help a person fill the sheet in.
REQUIRED = ("vendor", "question", "value")
OPTIONAL = ("rater", "note", "confidence", "evidence", "at")
INFORMATIONAL = ("vendor_name", "section", "question_text", "type")
_DANGEROUS = re.compile(r"'*[=+\-@\t\r]")
_ESCAPED = re.compile(r"'+[=+\-@\t\r]")
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
_SEP = " | "
#: Limits that keep an import linear and bounded whatever the sheet holds. A sheet needs
#: len(COLUMNS) columns, a row per vendor and question, and cells far under 100,000
#: characters (a note holds at most 20,000).
MAX_COLUMNS = 200
MAX_ROWS = 200_000
MAX_CELL_CHARS = 100_000
#: An import lists at most this many problems, and stops checking rows once it has them.
MAX_PROBLEMS = 100


# --- cells ----------------------------------------------------------------------------------


def escape_cell(text: str) -> str:
    """Makes a cell safe to open in a spreadsheet: formulas become text. Inverse: unescape."""
    if _DANGEROUS.match(text) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def unescape_cell(text: str) -> str:
    return text[1:] if _ESCAPED.match(text) else text


def format_number(value: float) -> str:
    """Shortest text that reads back as the same float; 42.0 is written "42"."""
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


def value_text(answer: Answer | None) -> str:
    """The answer's cell: as `Answer.display` says it, but empty when there is no value and
    with every digit of a measurement, so an export reads back exactly."""
    if answer is None or not answer.is_answered:
        return ""
    if answer.na:
        return NA_TEXT
    if answer.value is not None:
        return format_number(answer.value)
    return answer.display()


def evidence_text(items: list[Evidence]) -> str:
    """One line per item (`URL | grade | retrieved | note`), or JSON when lines cannot hold it."""
    if not items:
        return ""
    if any(_needs_json(e) for e in items):
        return json.dumps([e.model_dump(mode="json", exclude_defaults=True) for e in items],
                          ensure_ascii=False)
    lines = []
    for item in items:
        parts = [item.url, item.grade, item.retrieved.isoformat() if item.retrieved else "",
                 item.note]
        while parts and parts[-1] == "":
            parts.pop()
        lines.append(_SEP.join(parts))
    return "\n".join(lines)


def _needs_json(item: Evidence) -> bool:
    for text in (item.url, item.note):
        if "\n" in text or "\r" in text or text != text.strip():
            return True
    return "|" in item.url or item.url.startswith("[")


# --- export ---------------------------------------------------------------------------------


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


# --- import ---------------------------------------------------------------------------------


@dataclass
class ImportPlan:
    """What an import would write, checked in full; `apply_import` writes it."""

    workspace: Workspace
    source: Path
    rater: str
    file: RatingsFile
    original: bytes
    before: Ratings
    after: Ratings
    rows: int = 0
    added: list[tuple[str, str]] = field(default_factory=list)
    changed: list[tuple[str, str]] = field(default_factory=list)
    cleared: list[tuple[str, str]] = field(default_factory=list)
    unchanged: int = 0
    other_raters: int = 0
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def has_changes(self) -> bool:
        return self.after != self.before

    def text(self) -> str:
        lines = [f"{self.source}: {self.rows} row(s) for rater {self.rater}: "
                 f"{len(self.added)} added, {len(self.changed)} changed, "
                 f"{len(self.cleared)} cleared, {self.unchanged} unchanged"]
        if self.other_raters:
            lines.append(f"skipped {self.other_raters} row(s) of other raters "
                         "(import them with their own --rater)")
        if self.ignored_columns:
            names = one_of(shortened(c) for c in self.ignored_columns)
            lines.append(f"ignored unknown column(s): {names}")
        return "\n".join(lines)


def plan_import(workspace: Workspace, source: Path, rater: str, *,
                timestamp: dt.datetime | None = None) -> ImportPlan:
    """Reads and checks a CSV sheet for one rater; raises one error listing every bad row."""
    rid = rater_id(rater)
    file = workspace.ratings_file(rid)
    original, before = file.snapshot()
    if not original:
        before = Ratings(rater=rater)  # a new file is headed with the name as typed
    after = before.model_copy(deep=True)
    plan = ImportPlan(workspace, Path(source), rid, file, original, before, after)
    stamp = timestamp or now()

    text = decode(read_bytes(Path(source), what="spreadsheet"), str(source))
    sheet = _Sheet(text, str(source))
    header = sheet.header()
    sheet.read()
    plan.ignored_columns = [c for c in header if c not in COLUMNS]
    lookup = _Lookup(workspace)
    others: dict[str, bool] = {}
    problems: list[Problem] = []
    seen: dict[tuple[str, str], int] = {}
    for row in sheet.rows():
        got = row.get("rater")
        if got:
            if got not in others:
                try:
                    others[got] = rater_id(got) != rid
                except ChecklistError:
                    others[got] = True
            if others[got]:
                plan.other_raters += 1
                continue
        plan.rows += 1
        parsed = _parse_row(row, workspace, lookup, problems)
        if parsed is not None:
            key, cells = parsed
            if key in seen:
                problems.append(row.problem("question", f"{key[0]} / {key[1]} is already on "
                                            f"line {seen[key]}; keep one row per vendor and "
                                            "question"))
            else:
                seen[key] = row.line
                try:
                    _merge(plan, key, cells, stamp, row.present)
                except ValueError as exc:  # a note or evidence list over the limits
                    problems.append(row.problem("value", _first_error(exc)))
        # Rows come in order and every problem found so far lies on or above this row, so
        # once there are enough to show, the rest of the sheet cannot change which are shown.
        if len(problems) + len(sheet.problems) >= MAX_PROBLEMS:
            break
    problems += sheet.problems
    if sheet.unreadable is not None:
        problems.append(sheet.unreadable)
    if sheet.count == 0 and not problems:
        problems.append(Problem(str(source), 1, 1, "no rows under the header; nothing to import"))
    if problems:
        raise ChecklistError(sorted(problems, key=lambda p: (p.line, p.column))[:MAX_PROBLEMS])
    return plan


def apply_import(plan: ImportPlan) -> bool:
    """Writes the rater's file if anything changed; refuses if it changed since it was read."""
    if not plan.has_changes:
        return False
    plan.file.replace(plan.after, expected=plan.original)
    return True


@dataclass(frozen=True)
class _Cells:
    """What one row says about an answer; a column the sheet lacks is not used."""

    value: Value | None
    note: str
    confidence: Confidence | None
    evidence: list[Evidence]
    at: dt.datetime | None


def _merge(plan: ImportPlan, key: tuple[str, str], cells: _Cells, stamp: dt.datetime,
           present: set[str]) -> None:
    """Applies a row to the rater's answer: a column the sheet does not have keeps what the
    file says (a sheet without the evidence column must not wipe the evidence it never
    displayed), an answer left holding nothing is cleared, and the time follows the
    timestamp rule (`Answer.stamped`): same content is unchanged, whatever the `at` cell
    says (a spreadsheet program may have reformatted the time; that is not an edit)."""
    vendor, qid = key
    existing = plan.after.get(vendor, qid)
    base = existing if existing is not None else Answer()
    merged = base.merged(
        value=cells.value,
        note=cells.note if "note" in present else KEEP,
        confidence=cells.confidence if "confidence" in present else KEEP,
        evidence=cells.evidence if "evidence" in present else KEEP,
        at=cells.at if cells.at is not None else KEEP,
    )
    if merged.is_empty:
        if existing is not None:
            plan.after.put(vendor, qid, None)
            plan.cleared.append(key)
        else:
            plan.unchanged += 1
        return
    answer = merged.stamped(existing, stamp)
    if answer is existing:
        plan.unchanged += 1
        return
    (plan.changed if existing is not None else plan.added).append(key)
    plan.after.put(vendor, qid, answer)


class _Row:
    """One data row: its cells by column name, and where each cell starts (worked out only
    when a problem needs it, so a clean import never scans the text a second time)."""

    def __init__(self, sheet: _Sheet, record: _Record) -> None:
        self.sheet = sheet
        self.record = record
        self.line = record.first
        self.path = sheet.path
        self.present = sheet.present
        self.cells = dict(zip(sheet.names, record.cells, strict=False))

    def get(self, name: str) -> str:
        return unescape_cell(self.cells.get(name, ""))

    def problem(self, column: str, message: str) -> Problem:
        index = self.sheet.index.get(column)
        line, col = (self.sheet.position(self.record, index) if index is not None
                     else (self.line, 1))
        return Problem(self.path, line, col, f"{column}: {message}")


@dataclass(frozen=True)
class _Record:
    """One CSV record: its cells and the lines it spans (1-based, inclusive)."""

    first: int
    last: int
    cells: list[str]


class _Sheet:
    """The CSV text as rows of named cells, each cell with the line and column it starts at.

    Every step is linear in the size of the sheet: the csv module splits the records (in C),
    the header is checked with one pass and a dictionary, and cell positions are scanned only
    for the rows a problem is reported on. The limits (`MAX_COLUMNS`, `MAX_ROWS`,
    `MAX_CELL_CHARS`) keep what a hostile sheet can cost far from what a real one needs.
    """

    def __init__(self, text: str, path: str) -> None:
        self.path = path
        self.lines = list(io.StringIO(text, newline=""))
        #: Rows of the wrong shape, found while iterating `rows()`.
        self.problems: list[Problem] = []
        #: The record the csv module could not split; reading stopped there.
        self.unreadable: Problem | None = None
        self.count = 0
        first = self.lines[0] if self.lines else ""
        self.delimiter = next((d for d in (",", ";", "\t")
                               if "vendor" in [c.strip().strip('"') for c in first.split(d)]),
                              ",")
        self.reader = csv.reader(iter(self.lines), delimiter=self.delimiter, strict=True)
        self.names: list[str] = []
        #: Column name -> its index (names are unique once the header is checked).
        self.index: dict[str, int] = {}
        self.present: set[str] = set()
        self.records: list[_Record] = []

    def header(self) -> list[str]:
        try:
            raw = next(self.reader, [])
        except csv.Error as exc:
            raise ChecklistError([self._unreadable(1, exc, "cannot read the header")]) from None
        record = _Record(1, self.reader.line_num, raw)
        if len(raw) > MAX_COLUMNS:
            line, col = self.position(record, MAX_COLUMNS)
            raise ChecklistError.at(self.path, f"{len(raw):,} columns, over the limit of "
                                    f"{MAX_COLUMNS}; a sheet needs at most {len(COLUMNS)}: "
                                    "delete the columns from here on", line, col)
        self._check_cell_sizes(record)
        names = [unescape_cell(c).strip().lower() for c in raw]
        missing = [c for c in REQUIRED if c not in names]
        if missing:
            raise ChecklistError.at(self.path, f"the first line must name the columns; missing "
                                    f"{', '.join(missing)} (export a sheet with `checklist "
                                    "export` to start from)", 1, 1)
        problems = []
        for index, name in enumerate(names):
            if not name:
                continue
            if name in self.index:
                line, col = self.position(record, index)
                problems.append(Problem(self.path, line, col, f"column {quoted(name)} is "
                                        f"named twice (also column {self.index[name] + 1}); "
                                        "delete or rename one"))
            else:
                self.index[name] = index
        if problems:
            raise ChecklistError(problems[:MAX_PROBLEMS])
        self.names = names
        self.present = {n for n in names if n in OPTIONAL}
        return names

    def read(self) -> None:
        """Reads every non-empty record; a record that cannot be split is a problem and ends
        the sheet, and a sheet of more than `MAX_ROWS` rows is refused outright."""
        end = self.reader.line_num
        while True:
            start = end + 1
            try:
                raw = next(self.reader)
            except StopIteration:
                return
            except csv.Error as exc:
                self.unreadable = self._unreadable(start, exc, "cannot read this row")
                return
            end = self.reader.line_num
            if not any(map(str.strip, raw)):
                continue
            self.count += 1
            if self.count > MAX_ROWS:
                raise ChecklistError.at(self.path, f"more than {MAX_ROWS:,} rows; split the "
                                        "sheet", start, 1)
            self.records.append(_Record(start, end, raw))

    def rows(self) -> Iterator[_Row]:
        """The rows read, in order; a row with too many or too long cells is a problem."""
        width = len(self.names)
        for record in self.records:
            if len(record.cells) > width:
                line, col = self.position(record, width)
                self.problems.append(Problem(self.path, line, col, f"{len(record.cells):,} "
                                             f"cells but the header names {width}; quote "
                                             "cells that contain the delimiter"))
                continue
            try:
                self._check_cell_sizes(record)
            except ChecklistError as exc:
                self.problems += exc.problems
                continue
            yield _Row(self, record)

    def position(self, record: _Record, index: int) -> tuple[int, int]:
        """(line, column) where cell `index` of a record starts; the record's start if the
        record has fewer cells."""
        starts = _cell_starts(self._text(record.first, record.last), self.delimiter)
        if index >= len(starts):
            return record.first, 1
        line, col, _ = starts[index]
        return record.first + line, col

    def _check_cell_sizes(self, record: _Record) -> None:
        if max(map(len, record.cells), default=0) <= MAX_CELL_CHARS:
            return
        for index, cell in enumerate(record.cells):
            if len(cell) > MAX_CELL_CHARS:
                line, col = self.position(record, index)
                raise ChecklistError.at(self.path, _TOO_LONG, line, col)

    def _unreadable(self, start: int, exc: csv.Error, what: str) -> Problem:
        """The problem for a record the csv module refused: a cell over the size limit
        where there is one (an unclosed quote makes one that runs to the end), else the
        reader's own reason."""
        text = self._text(start, max(start, self.reader.line_num))
        starts = _cell_starts(text, self.delimiter)
        ends = [offset - 1 for _, _, offset in starts[1:]] + [len(text)]
        for (line, col, offset), stop in zip(starts, ends, strict=True):
            if stop - offset > MAX_CELL_CHARS:
                return Problem(self.path, start + line, col, _TOO_LONG)
        return Problem(self.path, start, 1, f"{what}: {exc}")

    def _text(self, first: int, last: int) -> str:
        return "".join(self.lines[first - 1:last])


_TOO_LONG = (f"this cell runs over {MAX_CELL_CHARS:,} characters, the limit for one cell; "
             "shorten it, or close the quote it opens")
#: What ends a cell or a line, or opens and closes a quote. An escaped quote ("") inside
#: quotes toggles twice, which leaves the state as it was: no special case needed.
_TOKENS = {d: re.compile('"|' + re.escape(d) + r"|\r\n|\r|\n") for d in (",", ";", "\t")}


def _cell_starts(record: str, delimiter: str) -> list[tuple[int, int, int]]:
    """(line offset, 1-based column, character offset) where each cell of one CSV record
    starts. The regular expression skips ordinary text in C; only the characters that
    matter are looked at in Python."""
    tokens = _TOKENS[delimiter]
    out = [(0, 1, 0)]
    line, line_start = 0, 0
    quoted_now = False
    for match in tokens.finditer(record):
        token = match.group()
        if token == '"':
            quoted_now = not quoted_now
        elif token == delimiter:
            if not quoted_now:
                out.append((line, match.end() - line_start + 1, match.end()))
        else:
            line, line_start = line + 1, match.end()
    return out


class _Lookup:
    """Vendors and questions by what a row may call them, built once per import so a row
    costs the same whatever the size of the evaluation; typo hints are worked out once per
    distinct unknown text."""

    def __init__(self, workspace: Workspace) -> None:
        self.vendor_ids: dict[str, Vendor] = {}
        self.vendor_names: dict[str, Vendor] = {}
        for vendor in workspace.evaluation.vendors:
            self.vendor_ids.setdefault(vendor.id, vendor)
            self.vendor_names.setdefault(vendor.name.strip().lower(), vendor)
        self.questions: dict[str, Question] = {}
        for _, question in workspace.rubric.questions():
            self.questions.setdefault(question.id, question)
        self._hints: dict[tuple[str, str], str] = {}

    def vendor(self, text: str) -> Vendor | None:
        return self.vendor_ids.get(text) or self.vendor_names.get(text.lower())

    def hint(self, text: str, listing: str) -> str:
        key = (listing, text)
        if key not in self._hints:
            known = self.vendor_ids if listing == "vendors" else self.questions
            self._hints[key] = hint(text, list(known), listing)
        return self._hints[key]


def _parse_row(row: _Row, workspace: Workspace, lookup: _Lookup,
               problems: list[Problem]) -> tuple[tuple[str, str], _Cells] | None:
    """The (vendor, question) key and what the row says; None if the row is bad."""
    found: list[Problem] = []
    vendor_text = row.get("vendor").strip()
    vendor = lookup.vendor(vendor_text)
    if vendor is None:
        found.append(row.problem("vendor", f"unknown vendor {quoted(vendor_text)}"
                                 f"{lookup.hint(vendor_text, 'vendors')}"))
    qid = row.get("question").strip()
    question = lookup.questions.get(qid)
    if question is None:
        found.append(row.problem("question", f"unknown question {quoted(qid)}"
                                 f"{lookup.hint(qid, 'questions')}"))
    value: Value | None = None
    if question is not None:
        try:
            value = parse_value(question, workspace.rubric.scale, row.get("value"))
        except ValueProblem as problem:
            found.append(row.problem("value", str(problem)))
    text = row.get("confidence").strip().lower()
    confidence = next((c for c in CONFIDENCES if c == text), None)
    if text and confidence is None:
        found.append(row.problem("confidence", f"{quoted(row.get('confidence'))}: write "
                                 f"{', '.join(CONFIDENCES)} or leave it empty"))
    evidence = _parse_evidence(row, found)
    at: dt.datetime | None = None
    text = row.get("at").strip()
    if text:
        try:
            at = dt.datetime.fromisoformat(text)
        except ValueError:
            found.append(row.problem("at", f"{quoted(text)} is not a date and time; write it "
                                     "like 2026-11-02T10:04:00+00:00 or leave it empty"))
    if found or vendor is None or question is None:
        problems += found
        return None
    return (vendor.id, question.id), _Cells(value, row.get("note"), confidence, evidence, at)


def _first_error(exc: ValueError) -> str:
    errors = getattr(exc, "errors", None)
    if callable(errors):
        first = errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        return f"{where + ': ' if where else ''}{first.get('msg', exc)}"
    return str(exc)


def _parse_evidence(row: _Row, found: list[Problem]) -> list[Evidence]:
    raw = row.get("evidence").strip()
    if not raw:
        return []
    if raw.startswith("["):
        try:
            items = json.loads(raw)
            if not isinstance(items, list):
                raise ValueError("not a list")
            return [Evidence.model_validate(item) for item in items]
        except ValueError as exc:
            found.append(row.problem("evidence", f"cannot read the JSON list: {exc}"))
            return []
    out = []
    for number, line in enumerate(raw.splitlines(), 1):
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split(_SEP.strip(), 3)]
        url = parts[0]
        item: dict[str, Any] = {"url": url}
        where = f"line {number} of the cell" if "\n" in raw else ""
        prefix = f"{where}: " if where else ""
        if not url:
            found.append(row.problem("evidence", f"{prefix}a URL or path comes first: "
                                     "URL | grade | retrieved | note"))
            continue
        if len(parts) > 1 and parts[1]:
            grade = _grade(parts[1])
            if grade is None:
                found.append(row.problem("evidence", f"{prefix}unknown grade {quoted(parts[1])}; "
                                         f"write one of {', '.join(GRADES)}"))
                continue
            item["grade"] = grade
        if len(parts) > 2 and parts[2]:
            try:
                item["retrieved"] = dt.date.fromisoformat(parts[2])
            except ValueError:
                found.append(row.problem("evidence", f"{prefix}{quoted(parts[2])} is not a date; "
                                         "write it like 2026-11-02"))
                continue
        if len(parts) > 3 and parts[3]:
            item["note"] = parts[3]
        try:
            out.append(Evidence.model_validate(item))
        except ValueError as exc:
            found.append(row.problem("evidence", f"{prefix}{_first_error(exc)}"))
    return out


def _grade(text: str) -> str | None:
    lowered = text.strip().lower()
    if lowered in GRADES:
        return lowered
    for grade, label in GRADE_LABELS.items():
        if lowered == label.lower():
            return grade
    return None
