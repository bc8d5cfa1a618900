"""The cells of a ratings sheet: its columns, formula escaping, and how a value and evidence
are written in a cell (the import reads them back with `checklist.model.answer_edit` and
`sheet_import`). The choices are explained in `checklist.reuse.spreadsheet`."""

from __future__ import annotations

import json
import re

from checklist import numbers
from checklist.errors import quoted
from checklist.model.answer_edit import NA_TEXT, choice_label
from checklist.model.ratings import Answer, Evidence
from checklist.model.rubric import Question, Scale

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
SEP = " | "


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


def value_label(answer: Answer | None, question: Question, scale: Scale) -> str:
    """The answer's cell as a dropdown shows it (`value_labels`): "3 Good", "yes", a choice's
    label, "N/A"; a number as `value_text` writes it. Reads back to the same value."""
    if answer is None or not answer.is_answered or answer.na or answer.value is not None:
        return value_text(answer)
    if answer.score is not None:
        return numbers.label(answer.score, scale)
    if answer.answer is not None:
        return "yes" if answer.answer else "no"
    choice = next((c for c in question.choices if c.id == answer.choice), None)
    return choice_label(question, choice) if choice is not None else answer.display()


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
        lines.append(SEP.join(parts))
    return "\n".join(lines)


def _needs_json(item: Evidence) -> bool:
    for text in (item.url, item.note):
        if "\n" in text or "\r" in text or text != text.strip():
            return True
    return "|" in item.url or item.url.startswith("[")


def column_index(names: list[str]) -> tuple[dict[str, int], list[tuple[int, str]]]:
    """Each named column's first position, and (position, message) for every column named
    again: one rule for the CSV and the XLSX header."""
    index: dict[str, int] = {}
    twice: list[tuple[int, str]] = []
    for position, name in enumerate(names):
        if not name:
            continue
        if name in index:
            twice.append((position, f"column {quoted(name)} is named twice (also column "
                                    f"{index[name] + 1}); delete or rename one"))
        else:
            index[name] = position
    return index, twice
