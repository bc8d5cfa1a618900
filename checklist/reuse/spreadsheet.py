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

The import reads the whole sheet and checks every row before writing anything; each problem
names the line and column in the CSV file.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checklist.errors import ChecklistError, Problem, hint
from checklist.files.folder import RatingsFile, Workspace, now, rater_id
from checklist.files.yamlio import decode, read_bytes
from checklist.model.checks import check_answer
from checklist.model.common import CONFIDENCES, GRADE_LABELS, GRADES
from checklist.model.ratings import Answer, Evidence, Ratings
from checklist.model.rubric import Question

COLUMNS: tuple[str, ...] = (
    "vendor", "vendor_name", "section", "question", "question_text", "type", "rater",
    "value", "note", "confidence", "evidence", "at",
)
#: Columns the import reads; the others only help a person fill the sheet in.
REQUIRED = ("vendor", "question", "value")
OPTIONAL = ("rater", "note", "confidence", "evidence", "at")
INFORMATIONAL = ("vendor_name", "section", "question_text", "type")
NA_TEXT = "N/A"
_YES = {"yes", "y", "true"}
_NO = {"no", "n", "false"}
_NA = {"n/a", "na"}
_DANGEROUS = re.compile(r"'*[=+\-@\t\r]")
_ESCAPED = re.compile(r"'+[=+\-@\t\r]")
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
_SEP = " | "
MAX_ROWS = 200_000


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
            lines.append(f"ignored unknown column(s): {', '.join(self.ignored_columns)}")
        return "\n".join(lines)


def plan_import(workspace: Workspace, source: Path, rater: str, *,
                timestamp: dt.datetime | None = None) -> ImportPlan:
    """Reads and checks a CSV sheet for one rater; raises one error listing every bad row."""
    rid = rater_id(rater)
    file = workspace.ratings_file(rid)
    original = file.path.read_bytes() if file.path.exists() else b""
    before = file.read() if original else Ratings(rater=rater if rater != rid else rid)
    after = before.model_copy(deep=True)
    plan = ImportPlan(workspace, Path(source), rid, file, original, before, after)
    stamp = timestamp or now()

    text = decode(read_bytes(Path(source), what="spreadsheet"), str(source))
    sheet = _Sheet(text, str(source))
    header = sheet.header()
    plan.ignored_columns = [c for c in header if c not in COLUMNS]
    problems: list[Problem] = []
    seen: dict[tuple[str, str], int] = {}
    for row in sheet.rows():
        got = row.get("rater")
        if got:
            try:
                other = rater_id(got) != rid
            except ChecklistError:
                other = True
            if other:
                plan.other_raters += 1
                continue
        plan.rows += 1
        parsed = _parse_row(row, workspace, problems)
        if parsed is None:
            continue
        key, answer = parsed
        if key in seen:
            problems.append(row.problem("question", f"{key[0]} / {key[1]} is already on line "
                                        f"{seen[key]}; keep one row per vendor and question"))
            continue
        seen[key] = row.line
        _merge(plan, key, answer, stamp, row.present)
    # Rows the reader could not split (an unclosed quote, too many cells) are found while
    # iterating, so they are collected only now.
    problems = sorted([*sheet.problems, *problems], key=lambda p: (p.line, p.column))
    if sheet.count == 0 and not problems:
        problems.append(Problem(str(source), 1, 1, "no rows under the header; nothing to import"))
    if problems:
        raise ChecklistError(sorted(problems, key=lambda p: (p.line, p.column))[:100])
    return plan


def apply_import(plan: ImportPlan) -> bool:
    """Writes the rater's file if anything changed; refuses if it changed since it was read."""
    if not plan.has_changes:
        return False
    plan.file.replace(plan.after, expected=plan.original)
    return True


def _merge(plan: ImportPlan, key: tuple[str, str], answer: Answer | None,
           stamp: dt.datetime, present: set[str]) -> None:
    vendor, qid = key
    existing = plan.after.get(vendor, qid)
    kept_columns = ("note", "confidence", "evidence")
    if answer is None and existing is not None and any(
        getattr(existing, name) for name in kept_columns if name not in present
    ):
        # An empty row clears only what the sheet can show: a sheet without the evidence
        # column must not wipe the evidence it never displayed.
        answer = Answer(at=existing.at)
    if answer is None:
        if existing is not None:
            plan.after.put(vendor, qid, None)
            plan.cleared.append(key)
        else:
            plan.unchanged += 1
        return
    if existing is not None:
        # A column the sheet does not have keeps what the file says.
        keep = {name: getattr(existing, name) for name in ("note", "confidence", "evidence",
                                                            "at") if name not in present}
        if keep:
            answer = answer.model_copy(update=keep)
        # Same content: unchanged, whatever the `at` cell says (a spreadsheet program may
        # have reformatted the time; that is not an edit and must not churn the file).
        if answer.model_copy(update={"at": None}) == existing.model_copy(update={"at": None}):
            plan.unchanged += 1
            return
        if answer.at is None or answer.at == existing.at:
            answer = answer.model_copy(update={"at": stamp})
        plan.changed.append(key)
    else:
        if answer.at is None:
            answer = answer.model_copy(update={"at": stamp})
        plan.added.append(key)
    plan.after.put(vendor, qid, answer)


@dataclass
class _Row:
    cells: dict[str, str]
    line: int
    columns: dict[str, tuple[int, int]]
    path: str
    present: set[str]

    def get(self, name: str) -> str:
        return self.cells.get(name, "")

    def problem(self, column: str, message: str) -> Problem:
        line, col = self.columns.get(column, (self.line, 1))
        return Problem(self.path, line, col, f"{column}: {message}")


class _Sheet:
    """The CSV text as rows of named cells, each cell with the line and column it starts at."""

    def __init__(self, text: str, path: str) -> None:
        self.path = path
        self.lines = list(io.StringIO(text, newline=""))
        self.problems: list[Problem] = []
        self.count = 0
        first = self.lines[0] if self.lines else ""
        self.delimiter = next((d for d in (",", ";", "\t")
                               if "vendor" in [c.strip().strip('"') for c in first.split(d)]),
                              ",")
        self.reader = csv.reader(iter(self.lines), delimiter=self.delimiter, strict=True)
        self.names: list[str] = []

    def header(self) -> list[str]:
        try:
            raw = next(self.reader, [])
        except csv.Error as exc:
            raise ChecklistError.at(self.path, f"cannot read the header: {exc}", 1, 1) from None
        names = [unescape_cell(c).strip().lower() for c in raw]
        missing = [c for c in REQUIRED if c not in names]
        if missing:
            raise ChecklistError.at(self.path, f"the first line must name the columns; missing "
                                    f"{', '.join(missing)} (export a sheet with `checklist "
                                    "export` to start from)", 1, 1)
        duplicated = sorted({c for c in names if c and names.count(c) > 1})
        if duplicated:
            raise ChecklistError.at(self.path, f"column(s) named twice: {', '.join(duplicated)}",
                                    1, 1)
        self.names = names
        return names

    def rows(self) -> Iterator[_Row]:
        """Non-empty rows; a row that cannot be parsed is a problem and ends the sheet."""
        end = self.reader.line_num
        while True:
            start = end + 1
            try:
                raw = next(self.reader)
            except StopIteration:
                return
            except csv.Error as exc:
                self.problems.append(Problem(self.path, start, 1, f"cannot read this row: {exc}"))
                return
            end = self.reader.line_num
            if not any(cell.strip() for cell in raw):
                continue
            self.count += 1
            if self.count > MAX_ROWS:
                self.problems.append(Problem(self.path, start, 1, f"more than {MAX_ROWS} rows; "
                                             "split the sheet"))
                return
            starts = _cell_starts("".join(self.lines[start - 1:end]), self.delimiter)
            if len(raw) > len(self.names):
                line, col = (starts[len(self.names)] if len(starts) > len(self.names)
                             else (0, 1))
                self.problems.append(Problem(self.path, start + line, col, f"{len(raw)} cells "
                                             f"but the header names {len(self.names)}; quote "
                                             "cells that contain the delimiter"))
                continue
            cells: dict[str, str] = {}
            columns: dict[str, tuple[int, int]] = {}
            for index, name in enumerate(self.names):
                value = raw[index] if index < len(raw) else ""
                cells[name] = unescape_cell(value)
                line, col = starts[index] if index < len(starts) else (0, 1)
                columns[name] = (start + line, col)
            present = {n for n in self.names if n in OPTIONAL}
            yield _Row(cells, start, columns, self.path, present)


def _cell_starts(record: str, delimiter: str) -> list[tuple[int, int]]:
    """(line offset, 1-based column) where each cell of one CSV record starts."""
    out = [(0, 1)]
    line, col = 0, 1
    quoted = False
    index = 0
    while index < len(record):
        char = record[index]
        if char == '"':
            if quoted and record[index + 1:index + 2] == '"':
                index += 1
                col += 1
            else:
                quoted = not quoted
        elif char == delimiter and not quoted:
            out.append((line, col + 1))
        elif char == "\n" or (char == "\r" and record[index + 1:index + 2] != "\n"):
            line, col = line + 1, 0
        index += 1
        col += 1
    return out


def _parse_row(row: _Row, workspace: Workspace,
               problems: list[Problem]) -> tuple[tuple[str, str], Answer | None] | None:
    """The (vendor, question) key and the answer a row states; None if the row is bad."""
    found: list[Problem] = []
    vendor_text = row.get("vendor").strip()
    vendors = workspace.evaluation.vendors
    vendor = next((v for v in vendors if v.id == vendor_text), None) or next(
        (v for v in vendors if v.name.strip().lower() == vendor_text.lower()), None)
    if vendor is None:
        found.append(row.problem("vendor", f"unknown vendor '{vendor_text}'"
                                 f"{hint(vendor_text, [v.id for v in vendors], 'vendors')}"))
    qid = row.get("question").strip()
    question = workspace.rubric.question(qid)
    if question is None:
        ids = [q.id for _, q in workspace.rubric.questions()]
        found.append(row.problem("question", f"unknown question '{qid}'"
                                 f"{hint(qid, ids, 'questions')}"))
    fields: dict[str, Any] = {}
    if question is not None:
        _parse_value(row, question, workspace, fields, found)
    note = row.get("note")
    if note:
        fields["note"] = note
    confidence = row.get("confidence").strip().lower()
    if confidence:
        if confidence in CONFIDENCES:
            fields["confidence"] = confidence
        else:
            found.append(row.problem("confidence", f"'{row.get('confidence')}': write "
                                     f"{', '.join(CONFIDENCES)} or leave it empty"))
    evidence = _parse_evidence(row, found)
    if evidence:
        fields["evidence"] = evidence
    at = row.get("at").strip()
    if at:
        try:
            fields["at"] = dt.datetime.fromisoformat(at)
        except ValueError:
            found.append(row.problem("at", f"'{at}' is not a date and time; write it like "
                                     "2026-11-02T10:04:00+00:00 or leave it empty"))
    if found or vendor is None or question is None:
        problems += found
        return None
    key = (vendor.id, question.id)
    if not any(k in fields for k in ("score", "answer", "choice", "value", "na", "note",
                                     "evidence", "confidence")):
        return key, None
    try:
        answer = Answer.model_validate(fields)
    except ValueError as exc:
        problems.append(row.problem("value", _first_error(exc)))
        return None
    for finding in check_answer(answer, question, workspace.rubric.scale):
        problems.append(row.problem("value", finding.message))
        return None
    return key, answer


def _first_error(exc: ValueError) -> str:
    errors = getattr(exc, "errors", None)
    if callable(errors):
        first = errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        return f"{where + ': ' if where else ''}{first.get('msg', exc)}"
    return str(exc)


def _parse_value(row: _Row, question: Question, workspace: Workspace, fields: dict[str, Any],
                 found: list[Problem]) -> None:
    raw = row.get("value").strip()
    if not raw:
        return
    if raw.lower() in _NA:
        if question.allow_na:
            fields["na"] = True
        else:
            found.append(row.problem("value", f"question '{question.id}' does not allow N/A"))
        return
    scale = workspace.rubric.scale
    kind = question.type
    if kind == "score":
        try:
            number = float(raw)
        except ValueError:
            number = math.nan
        if not number.is_integer() or not scale.min <= number <= scale.max:
            found.append(row.problem("value", f"'{raw}': question '{question.id}' takes a "
                                     f"whole score {scale.min}..{scale.max}"
                                     f"{' or N/A' if question.allow_na else ''}"))
            return
        fields["score"] = int(number)
    elif kind == "yes_no":
        if raw.lower() in _YES | _NO:
            fields["answer"] = raw.lower() in _YES
        else:
            found.append(row.problem("value", f"'{raw}': question '{question.id}' takes yes or "
                                     "no"))
    elif kind == "choice":
        ids = [c.id for c in question.choices]
        choice = next((c for c in question.choices if raw in (c.id, c.label)), None) or next(
            (c for c in question.choices if raw.lower() in (c.id.lower(), c.label.lower())),
            None)
        if choice is None:
            found.append(row.problem("value", f"unknown choice '{raw}' for question "
                                     f"'{question.id}'{hint(raw, ids)}"))
        else:
            fields["choice"] = choice.id
    else:
        try:
            number = float(raw)
        except ValueError:
            number = math.nan
        if not math.isfinite(number):
            found.append(row.problem("value", f"'{raw}': question '{question.id}' takes a "
                                     f"number{f' in {question.unit}' if question.unit else ''}"))
            return
        fields["value"] = number


def _parse_evidence(row: _Row, found: list[Problem]) -> list[dict[str, Any]]:
    raw = row.get("evidence").strip()
    if not raw:
        return []
    if raw.startswith("["):
        try:
            items = json.loads(raw)
            if not isinstance(items, list):
                raise ValueError("not a list")
            return [Evidence.model_validate(item).model_dump() for item in items]
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
                found.append(row.problem("evidence", f"{prefix}unknown grade '{parts[1]}'; "
                                         f"write one of {', '.join(GRADES)}"))
                continue
            item["grade"] = grade
        if len(parts) > 2 and parts[2]:
            try:
                item["retrieved"] = dt.date.fromisoformat(parts[2])
            except ValueError:
                found.append(row.problem("evidence", f"{prefix}'{parts[2]}' is not a date; "
                                         "write it like 2026-11-02"))
                continue
        if len(parts) > 3 and parts[3]:
            item["note"] = parts[3]
        out.append(item)
    return out


def _grade(text: str) -> str | None:
    lowered = text.strip().lower()
    if lowered in GRADES:
        return lowered
    for grade, label in GRADE_LABELS.items():
        if lowered == label.lower():
            return grade
    return None
