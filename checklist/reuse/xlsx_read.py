"""Reading a workbook someone sent: opened only after `xlsx_guard` passed it, each cell read
as the text a person typed, or refused with why (the rules in `checklist.reuse.xlsx_sheet`).
Shared by the ratings import and the vendor questionnaire import."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import warnings
from collections.abc import Iterator
from typing import Any

from checklist.errors import ChecklistError, Problem, shortened
from checklist.reuse.csv_scanner import MAX_CELL_CHARS, MAX_PROBLEMS
from checklist.reuse.sheet_cells import format_number
from checklist.reuse.xlsx_cells import cell_problem, decode_controls
from checklist.reuse.xlsx_guard import Checked, check_workbook


def open_book(data: bytes, path: str) -> tuple[Any, Checked]:
    """The workbook (openpyxl, read-only: rows are streamed) once the checks passed."""
    checked = check_workbook(data, path)
    try:
        import openpyxl

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns of parts it skips
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False,
                                          keep_links=False)
        if not book.worksheets:
            raise ChecklistError.at(path, "the workbook has no worksheet")
    except ChecklistError:
        raise
    except Exception as exc:  # any failure of a third-party parser on a hostile file
        # (KeyError, ValueError, XML errors...) is the file's fault
        raise ChecklistError.at(path, f"cannot read the workbook ({type(exc).__name__}); "
                                "save it again as Excel Workbook (.xlsx)") from None
    return book, checked


@contextlib.contextmanager
def reading(path: str) -> Iterator[None]:
    """Turns a failure of openpyxl while it streams a hostile sheet into the file's error."""
    try:
        yield
    except ChecklistError:
        raise
    except Exception as exc:  # any failure of a third-party parser on a hostile file
        raise ChecklistError.at(path, f"cannot read the workbook ({type(exc).__name__}); "
                                "save it again as Excel Workbook (.xlsx)") from None


def refuse_merged(checked: Checked, sheet: Any, path: str) -> None:
    """Merged cells on `sheet` are refused at their first cell (a merged range hides which
    row a value belongs to)."""
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

    # openpyxl keeps where a sheet lives in the archive in a private attribute
    merged = checked.merged.get(getattr(sheet, "_worksheet_path", ""), [])
    problems = []
    for ref in merged[:MAX_PROBLEMS]:
        letters, number = coordinate_from_string(ref.split(":", 1)[0])
        problems.append(cell_problem(path, sheet.title, number,
                                     column_index_from_string(letters),
                                     f"merged cells ({ref}); unmerge them so each cell holds "
                                     "its own value"))
    if problems:
        raise ChecklistError(problems)


def cell_text(cell: Any, name: str) -> tuple[str, str | None]:
    """The cell as text, and why it cannot be read (then the text is "")."""
    value = cell.value
    kind = getattr(cell, "data_type", "n")
    if value is None:
        return "", None
    if kind == "f":
        return "", f"{name}: a formula ({shortened(str(value))}); type the value itself"
    if kind == "e":
        return "", f"{name}: an error value ({shortened(str(value))}); type the value itself"
    if isinstance(value, bool):
        return ("true" if value else "false"), None
    if isinstance(value, int | float):
        return format_number(float(value)), None
    if isinstance(value, dt.datetime | dt.date | dt.time | dt.timedelta):
        example = "like 2026-11-02T10:04:00+00:00" if name == "at" else "as text"
        return "", (f"{name}: the spreadsheet made this a date or time; format the cell as "
                    f"Text and type it {example}")
    if not isinstance(value, str):
        return "", f"{name}: not a value a person typed; type the value itself"
    if len(value) > MAX_CELL_CHARS:
        return "", (f"{name}: over {MAX_CELL_CHARS:,} characters, the limit for one cell; "
                    "shorten it")
    return decode_controls(value), None


def read_cell(cell: Any, name: str, problems: list[Problem], path: str, sheet: str,
              row: int, column: int) -> str:
    text, error = cell_text(cell, name)
    if error is not None:
        problems.append(cell_problem(path, sheet, row, column, error))
    return text
