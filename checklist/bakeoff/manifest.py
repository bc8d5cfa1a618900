"""Outputs produced elsewhere, imported from a manifest into `outputs.yaml`, all or nothing.

A manifest is CSV (`,`, `;` or tab; a header row naming the columns) or JSONL (one JSON
object per line) with the fields `vendor`, `prompt`, `path` or `text`, and optionally
`latency_s`, `cost` and `ok`. A `path` is relative to the bake-off folder and must stay
inside it (links followed); `text` is the output itself. Every row is checked before anything
is written, and each problem names `manifest.csv:LINE:COLUMN:` (the cell, or for JSONL the
key). Rows replace the entries for their vendor and prompt; other entries are kept.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from checklist.bakeoff.catalog import build_catalog, entry_output, read_outputs_file
from checklist.bakeoff.folder import OUTPUTS_FILE, Bakeoff, own_file
from checklist.bakeoff.model import (
    MAX_INLINE_TEXT_CHARS,
    MAX_PROMPTS,
    MAX_VENDORS,
    OutputEntry,
    OutputsFile,
)
from checklist.errors import ChecklistError, Problem, hint, quoted
from checklist.files.atomic import write_atomic
from checklist.files.csvcells import cell_starts
from checklist.files.lock import folder_lock
from checklist.files.yamlio import decode, dump_yaml, plain, read_bytes

FIELDS: tuple[str, ...] = ("vendor", "prompt", "path", "text", "latency_s", "cost", "ok")
MAX_ROWS = MAX_VENDORS * MAX_PROMPTS
MAX_PROBLEMS = 100
_TRUE = {"true", "yes", "y", "1"}
_FALSE = {"false", "no", "n", "0"}

OUTPUTS_HEADER = (
    "Outputs produced elsewhere: outputs[vendor][prompt] with a path (inside this folder) or\n"
    "the text itself, and latency_s, cost, ok. Written by `checklist bakeoff add`."
)


@dataclass
class _Row:
    """One manifest row: its values by field and where each one starts."""

    line: int
    values: dict[str, Any]
    where: Callable[[str], tuple[int, int]]

    def problem(self, path: str, name: str, message: str) -> Problem:
        line, column = self.where(name) if name in self.values else (self.line, 1)
        return Problem(path, line, column, f"{name}: {message}")


@dataclass
class ImportResult:
    rows: int = 0
    added: list[tuple[str, str]] = field(default_factory=list)
    changed: list[tuple[str, str]] = field(default_factory=list)
    unchanged: int = 0

    def text(self, source: Path) -> str:
        return (f"{source}: {self.rows} row(s): {len(self.added)} added, "
                f"{len(self.changed)} changed, {self.unchanged} unchanged")


def import_manifest(bakeoff: Bakeoff, source: Path, *, dry_run: bool = False) -> ImportResult:
    """Checks every row of a manifest, then merges them into outputs.yaml (unless `dry_run`).
    Raises one error listing every problem, with nothing written."""
    path = str(source)
    text = decode(read_bytes(Path(source), what="manifest"), path)
    rows = list(_jsonl_rows(text, path) if _is_jsonl(source, text) else _csv_rows(text, path))
    entries = check_rows(bakeoff, rows, path)
    if not entries:
        raise ChecklistError.at(source, "no rows; a manifest lists vendor, prompt and path or "
                                "text, one output per row", 1, 1)
    result = ImportResult(rows=len(entries))
    with folder_lock(bakeoff.evaluation):
        target = own_file(bakeoff.path, OUTPUTS_FILE)
        problems: list[Problem] = []
        current = read_outputs_file(bakeoff, problems)
        if problems:
            raise ChecklistError(problems)
        outputs = current[1].outputs if current else {}
        merged = {v: dict(by_prompt) for v, by_prompt in outputs.items()}
        for (vendor, prompt), entry in entries.items():
            before = merged.get(vendor, {}).get(prompt)
            if before == entry:
                result.unchanged += 1
                continue
            (result.changed if before is not None else result.added).append((vendor, prompt))
            merged.setdefault(vendor, {})[prompt] = entry
        if not dry_run and (result.added or result.changed):
            write_atomic(target, outputs_text(bakeoff, OutputsFile(outputs=merged)))
    return result


def outputs_text(bakeoff: Bakeoff, model: OutputsFile) -> str:
    """outputs.yaml, vendors and prompts in the bake-off's order, empty fields left out."""
    vendor_rank = {v: i for i, v in enumerate(bakeoff.vendors)}
    prompt_rank = {p.id: i for i, p in enumerate(bakeoff.prompts)}
    data: dict[str, dict[str, dict[str, Any]]] = {}
    for vendor in sorted(model.outputs, key=lambda v: (vendor_rank.get(v, 10**6), v)):
        by_prompt = model.outputs[vendor]
        data[vendor] = {
            prompt: plain(by_prompt[prompt].model_dump(exclude_none=True))
            for prompt in sorted(by_prompt, key=lambda p: (prompt_rank.get(p, 10**6), p))
        }
    return dump_yaml({"outputs": data}, header=OUTPUTS_HEADER)


def check_rows(bakeoff: Bakeoff, rows: Iterator[_Row] | list[_Row],
               path: str) -> dict[tuple[str, str], OutputEntry]:
    """Entries by (vendor, prompt) for valid rows; raises with every problem found."""
    problems: list[Problem] = []
    entries: dict[tuple[str, str], OutputEntry] = {}
    first_line: dict[tuple[str, str], int] = {}
    vendors = bakeoff.vendors
    prompts = [p.id for p in bakeoff.prompts]
    existing = build_catalog(bakeoff)
    for count, row in enumerate(rows, 1):
        if count > MAX_ROWS:
            raise ChecklistError.at(path, f"more than {MAX_ROWS:,} rows (one per vendor and "
                                    "prompt at most); split the manifest", row.line, 1)
        found: list[Problem] = []
        vendor = _text(row, "vendor")
        prompt = _text(row, "prompt")
        if vendor not in vendors:
            found.append(row.problem(path, "vendor", f"unknown vendor {quoted(vendor)}"
                                     f"{hint(vendor, vendors, 'the bake-off has')}"))
        if prompt not in prompts:
            found.append(row.problem(path, "prompt", f"unknown prompt {quoted(prompt)}"
                                     f"{hint(prompt, prompts, 'the bake-off has')}"))
        fields: dict[str, Any] = {}
        for name in ("path", "text"):
            value = row.values.get(name)
            if isinstance(value, str) and value != "":
                fields[name] = value
            elif value not in (None, ""):
                found.append(row.problem(path, name, "expected text"))
        for name in ("latency_s", "cost"):
            number = _number(row, name, found, path)
            if number is not None:
                fields[name] = number
        ok = _flag(row, found, path)
        if ok is not None:
            fields["ok"] = ok
        entry = None
        if not found:
            try:
                entry = OutputEntry.model_validate(fields)
            except ValidationError as exc:
                found.append(_validation_problem(row, path, exc))
        if entry is not None:
            key = (vendor, prompt)
            output, problem = entry_output(bakeoff, vendor, prompt, entry)
            convention = existing.get(vendor, prompt)
            if problem:
                found.append(row.problem(path, "path", problem))
            elif key in first_line:
                found.append(row.problem(path, "prompt", f"{vendor} / {prompt} is already on "
                                         f"line {first_line[key]}; keep one row per output"))
            elif (convention is not None and convention.path is not None and output is not None
                  and (output.path is None
                       or output.path.resolve() != convention.path.resolve())
                  and convention.source == "convention"):
                found.append(row.problem(path, "path" if "path" in row.values else "text",
                                         f"{convention.relative(bakeoff.path)} already holds "
                                         f"{vendor}'s output for {prompt}; remove that file "
                                         "or point the row at it"))
            else:
                first_line[key] = row.line
                entries[key] = entry
        problems += found
        if len(problems) >= MAX_PROBLEMS:
            break
    if problems:
        raise ChecklistError(sorted(problems, key=lambda p: (p.line, p.column))[:MAX_PROBLEMS])
    return entries


def _text(row: _Row, name: str) -> str:
    value = row.values.get(name)
    return value.strip() if isinstance(value, str) else "" if value is None else str(value)


def _number(row: _Row, name: str, found: list[Problem], path: str) -> float | None:
    value = row.values.get(name)
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        found.append(row.problem(path, name, "expected a number, found yes/no"))
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        found.append(row.problem(path, name, f"{quoted(str(value))} is not a number"))
        return None
    if not math.isfinite(number) or number < 0:
        found.append(row.problem(path, name, f"{quoted(str(value))}: give a finite number, "
                                 "0 or more"))
        return None
    return number


def _flag(row: _Row, found: list[Problem], path: str) -> bool | None:
    value = row.values.get("ok")
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE or text in _FALSE:
        return text in _TRUE
    found.append(row.problem(path, "ok", f"{quoted(str(value))}: write true or false"))
    return None


def _validation_problem(row: _Row, path: str, exc: ValidationError) -> Problem:
    first = exc.errors(include_url=False)[0]
    names = [str(p) for p in first.get("loc", ()) if isinstance(p, str)]
    name = names[-1] if names else ("path" if "path" in row.values else "text")
    message = str(first.get("msg", "invalid value")).removeprefix("Value error, ")
    if first.get("type") == "string_too_long":
        message = f"too long (at most {first.get('ctx', {}).get('max_length')} characters)"
    elif first.get("type") in ("less_than_equal", "greater_than_equal"):
        message = message.replace("Input should be", "must be")
    return row.problem(path, name, message)


# --- reading the two formats -----------------------------------------------------------


def _is_jsonl(source: Path, text: str) -> bool:
    suffix = source.suffix.lower()
    if suffix in (".jsonl", ".ndjson", ".json"):
        return True
    if suffix in (".csv", ".tsv", ".txt"):
        return False
    return text.lstrip().startswith("{")


def _jsonl_rows(text: str, path: str) -> Iterator[_Row]:
    problems: list[Problem] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as exc:
            column = getattr(exc, "colno", 1)
            problems.append(Problem(path, number, column, "not a JSON object: "
                                    f"{getattr(exc, 'msg', 'nested too deeply')}; write one "
                                    "{\"vendor\": ..., \"prompt\": ...} object per line"))
            continue
        if not isinstance(data, dict):
            problems.append(Problem(path, number, 1, "expected a JSON object "
                                    "({\"vendor\": ..., ...}) on each line"))
            continue
        unknown = [k for k in data if k not in FIELDS]
        for key in unknown:
            column = _key_column(line, key)
            problems.append(Problem(path, number, column, f"unknown key {quoted(str(key))}"
                                    f"{hint(str(key), FIELDS, 'keys')}"))
        if unknown:
            continue
        if len(problems) >= MAX_PROBLEMS:
            break

        def where(name: str, line: str = line, number: int = number) -> tuple[int, int]:
            return number, _key_column(line, name)

        yield _Row(number, data, where)
    if problems:
        raise ChecklistError(problems[:MAX_PROBLEMS])


def _key_column(line: str, key: str) -> int:
    match = re.search(re.escape(json.dumps(key)) + r"\s*:\s*", line)
    return match.end() + 1 if match else 1


def _csv_rows(text: str, path: str) -> Iterator[_Row]:
    lines = list(io.StringIO(text, newline=""))
    first = lines[0] if lines else ""
    delimiter = next((d for d in (",", ";", "\t")
                      if "vendor" in [c.strip().strip('"').lower() for c in first.split(d)]), ",")
    reader = csv.reader(iter(lines), delimiter=delimiter, strict=True)

    def record_text(start: int, end: int) -> str:
        return "".join(lines[start - 1:end])

    try:
        header = [c.strip().lower() for c in next(reader, [])]
    except csv.Error as exc:
        raise ChecklistError.at(path, f"cannot read the header: {exc}", 1, 1) from None
    missing = [c for c in ("vendor", "prompt") if c not in header]
    if missing or not {"path", "text"} & set(header):
        need = ", ".join(missing + ([] if {"path", "text"} & set(header) else ["path or text"]))
        raise ChecklistError.at(path, f"the first line must name the columns; missing {need} "
                                f"(columns: {', '.join(FIELDS)})", 1, 1)
    starts = cell_starts(record_text(1, reader.line_num), delimiter)
    problems = []
    for index, name in enumerate(header):
        if name not in FIELDS or header.index(name) != index:
            line, column, _ = starts[min(index, len(starts) - 1)]
            what = "named twice" if name in FIELDS else (
                f"unknown{hint(name, FIELDS, 'columns')}")
            problems.append(Problem(path, 1 + line, column, f"column {quoted(name)}: {what}"))
    if problems:
        raise ChecklistError(problems)
    end = reader.line_num
    while True:
        start = end + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise ChecklistError.at(path, f"cannot read this row: {exc} (a cell holds at most "
                                    f"{MAX_INLINE_TEXT_CHARS:,} characters; is a quote left "
                                    "open?)", start, 1) from None
        end = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(header):
            cell_at = cell_starts(record_text(start, end), delimiter)[len(header)]
            raise ChecklistError.at(path, f"{len(cells)} cells but the header names "
                                    f"{len(header)}; quote cells that contain the delimiter",
                                    start + cell_at[0], cell_at[1])

        def where(name: str, start: int = start, end: int = end) -> tuple[int, int]:
            offsets = cell_starts(record_text(start, end), delimiter)
            index = header.index(name)
            if index >= len(offsets):
                return start, 1
            line, column, _ = offsets[index]
            return start + line, column

        yield _Row(start, dict(zip(header, cells, strict=False)), where)
