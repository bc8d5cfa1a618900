"""Importing a rater's sheet: every row checked before anything is written, then one folder
transaction that refuses if the ratings file changed meanwhile."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checklist.errors import ChecklistError, Problem, hint, one_of, quoted, shortened
from checklist.files.folder import RatingsFile, Workspace, now, rater_id
from checklist.model.answer_edit import Value, ValueProblem, parse_grade, parse_value
from checklist.model.common import CONFIDENCES, GRADES, Confidence
from checklist.model.evaluation import Vendor
from checklist.model.ratings import KEEP, Answer, Evidence, Ratings
from checklist.model.rubric import Question
from checklist.reuse.csv_scanner import MAX_PROBLEMS
from checklist.reuse.sheet_cells import COLUMNS, SEP
from checklist.reuse.sheet_source import SheetFormat, SourceRow, open_sheet


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
                timestamp: dt.datetime | None = None,
                sheet_format: SheetFormat | None = None) -> ImportPlan:
    """Reads and checks a sheet (CSV, or XLSX by its suffix or `sheet_format`) for one
    rater; raises one error listing every bad row."""
    rid = rater_id(rater)
    file = workspace.ratings_file(rid)
    original, before = file.snapshot()
    if not original:
        before = Ratings(rater=rater)  # a new file is headed with the name as typed
    after = before.model_copy(deep=True)
    plan = ImportPlan(workspace, Path(source), rid, file, original, before, after)
    stamp = timestamp or now()

    sheet = open_sheet(Path(source), sheet_format)
    header = sheet.header()
    sheet.read()
    plan.ignored_columns = [c for c in header if c not in COLUMNS]
    lookup = _Lookup(workspace)
    others: dict[str, bool] = {}
    problems: list[Problem] = []
    seen: dict[tuple[str, str], str] = {}
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
                                            f"{seen[key]}; keep one row per vendor and "
                                            "question"))
            else:
                seen[key] = row.place()
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


def _parse_row(row: SourceRow, workspace: Workspace, lookup: _Lookup,
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


def _parse_evidence(row: SourceRow, found: list[Problem]) -> list[Evidence]:
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
        parts = [p.strip() for p in line.split(SEP.strip(), 3)]
        url = parts[0]
        item: dict[str, Any] = {"url": url}
        where = f"line {number} of the cell" if "\n" in raw else ""
        prefix = f"{where}: " if where else ""
        if not url:
            found.append(row.problem("evidence", f"{prefix}a URL or path comes first: "
                                     "URL | grade | retrieved | note"))
            continue
        if len(parts) > 1 and parts[1]:
            grade = parse_grade(parts[1])
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


