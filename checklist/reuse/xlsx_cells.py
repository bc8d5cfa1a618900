"""Where a cell of a workbook is, as a spreadsheet names it (`Ratings!C12`, `'My sheet'!A1`),
and the problem that points there: `file.xlsx:Ratings!C12: what is wrong; what to do`."""

from __future__ import annotations

import re

from openpyxl.utils import get_column_letter

from checklist.errors import Problem

#: A sheet name Excel writes without quotes in a reference.
_PLAIN_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*")
#: How Excel and XlsxWriter write a character XML cannot hold (`_x000D_` for CR).
_CONTROL_ESCAPE = re.compile(r"_x(00[01][0-9A-Fa-f])_")


def cell_ref(sheet: str, row: int, column: int) -> str:
    """`Ratings!C12`: the sheet (quoted when it needs it) and the cell, both 1-based."""
    name = sheet if _PLAIN_NAME.fullmatch(sheet) else "'" + sheet.replace("'", "''") + "'"
    return f"{name}!{get_column_letter(column)}{row}"


def cell_problem(path: str, sheet: str, row: int, column: int, message: str) -> Problem:
    return Problem(path, row, column, message, cell=cell_ref(sheet, row, column))


def decode_controls(text: str) -> str:
    """Text as written before XLSX escaped its control characters (`_x000D_` is CR again).

    The one ambiguity of the format: a cell that literally says `_x000D_` reads back as CR,
    as Excel itself reads it."""
    if "_x" not in text:
        return text
    return _CONTROL_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
