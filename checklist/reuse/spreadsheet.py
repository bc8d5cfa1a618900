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

from checklist.reuse.csv_scanner import MAX_CELL_CHARS, MAX_COLUMNS, MAX_PROBLEMS, MAX_ROWS
from checklist.reuse.sheet_cells import (
    COLUMNS,
    escape_cell,
    evidence_text,
    format_number,
    unescape_cell,
    value_text,
)
from checklist.reuse.sheet_export import Export, Row, export_rows, to_csv, to_json
from checklist.reuse.sheet_import import ImportPlan, apply_import, plan_import

__all__ = [
    "COLUMNS",
    "MAX_CELL_CHARS",
    "MAX_COLUMNS",
    "MAX_PROBLEMS",
    "MAX_ROWS",
    "Export",
    "ImportPlan",
    "Row",
    "apply_import",
    "escape_cell",
    "evidence_text",
    "export_rows",
    "format_number",
    "plan_import",
    "to_csv",
    "to_json",
    "unescape_cell",
    "value_text",
]
