"""Reading a workbook sheet (XLSX) into rows of named cells, for the ratings import.

The workbook is checked whole first (`xlsx_guard`: size, zip bomb, macros, external links,
DTDs, merged cells), then read by openpyxl's streaming reader, so memory stays bounded by
one row. Every cell must hold what a person typed: a formula or an error value is refused
(its result depends on the program that opened it, and a formula is the one way a sheet
could run something), and so is a date or time where text belongs (Excel turns typed
dates into numbers with a format). A number reads as the shortest text for it (`240`,
`3.5`), TRUE/FALSE as "true"/"false" (a yes/no answer reads them). The sheet read is the
one named `Ratings`, else the first.
"""

from __future__ import annotations

import datetime as dt
import io
import warnings
from collections.abc import Iterator
from typing import Any

from checklist.errors import ChecklistError, Problem, quoted, shortened
from checklist.reuse.csv_scanner import MAX_CELL_CHARS, MAX_COLUMNS, MAX_PROBLEMS, MAX_ROWS
from checklist.reuse.sheet_cells import COLUMNS, OPTIONAL, REQUIRED, format_number
from checklist.reuse.xlsx_cells import cell_problem, decode_controls
from checklist.reuse.xlsx_guard import check_workbook

#: The sheet an export writes its rows on (and the import reads first).
RATINGS_SHEET = "Ratings"


class XlsxRow:
    """One data row of the sheet: its cells by column name."""

    def __init__(self, sheet: XlsxSheet, line: int, cells: list[str]) -> None:
        self.sheet = sheet
        self.line = line
        self.present = sheet.present
        self.cells = dict(zip(sheet.names, cells, strict=False))

    def get(self, name: str) -> str:
        return self.cells.get(name, "")

    def problem(self, column: str, message: str) -> Problem:
        index = self.sheet.index.get(column)
        return self.sheet.problem(self.line, index + 1 if index is not None else 1,
                                  f"{column}: {message}")

    def place(self) -> str:
        return f"row {self.line}"


class XlsxSheet:
    """A workbook's ratings sheet as rows of text cells; see the module notes."""

    def __init__(self, data: bytes, path: str) -> None:
        self.path = path
        checked = check_workbook(data, path)
        try:
            import openpyxl

            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # openpyxl warns of parts it skips
                book = openpyxl.load_workbook(io.BytesIO(data), read_only=True,
                                              data_only=False, keep_links=False)
            sheets = book.worksheets
        except Exception as exc:
            # a hostile file (KeyError, ValueError, XML errors...) is the file's fault
            raise ChecklistError.at(path, f"cannot read the workbook ({type(exc).__name__}); "
                                    "save it again as Excel Workbook (.xlsx)") from None
        if not sheets:
            raise ChecklistError.at(path, "the workbook has no worksheet")
        self.book = book
        self.worksheet: Any = next((s for s in sheets if s.title == RATINGS_SHEET), sheets[0])
        self.title: str = self.worksheet.title
        self.worksheet.reset_dimensions()  # the file's own size claim may lie
        # openpyxl keeps where each sheet lives in the archive in a private attribute
        merged = checked.merged.get(getattr(self.worksheet, "_worksheet_path", ""), [])
        if merged:
            raise ChecklistError([self._merged(ref) for ref in merged[:MAX_PROBLEMS]])
        self.problems: list[Problem] = []
        self.unreadable: Problem | None = None
        self.count = 0
        self.names: list[str] = []
        self.index: dict[str, int] = {}
        self.present: set[str] = set()
        self.records: list[tuple[int, list[str]]] = []

    def problem(self, row: int, column: int, message: str) -> Problem:
        return cell_problem(self.path, self.title, row, column, message)

    def header(self) -> list[str]:
        # the whole first row (its width is what the file says, at most Excel's 16,384)
        cells = list(next(self._rows(1, 1, None), ()))
        beyond = next((i for i in range(MAX_COLUMNS, len(cells)) if cells[i].value is not None),
                      None)
        if beyond is not None:
            raise ChecklistError([self.problem(1, beyond + 1, f"more than {MAX_COLUMNS} "
                                               f"columns; a sheet needs at most {len(COLUMNS)}:"
                                               " delete the columns from here on")])
        while cells and cells[-1].value is None:
            cells.pop()
        problems: list[Problem] = []
        texts = [self._text(1, i + 1, "header", c, problems) for i, c in enumerate(cells)]
        if problems:
            raise ChecklistError(problems)
        names = [t.strip().lower() for t in texts]
        missing = [c for c in REQUIRED if c not in names]
        if missing:
            raise ChecklistError([self.problem(1, 1, f"the first row must name the columns; "
                                               f"missing {', '.join(missing)} (export a sheet "
                                               "with `checklist export --format xlsx` to "
                                               "start from)")])
        for index, name in enumerate(names):
            if not name:
                continue
            if name in self.index:
                problems.append(self.problem(1, index + 1, f"column {quoted(name)} is named "
                                             f"twice (also column {self.index[name] + 1}); "
                                             "delete or rename one"))
            else:
                self.index[name] = index
        if problems:
            raise ChecklistError(problems[:MAX_PROBLEMS])
        self.names = names
        self.present = {n for n in names if n in OPTIONAL}
        return names

    def read(self) -> None:
        """Reads every non-empty row as text; a sheet with a cell below row `MAX_ROWS` + 1
        is refused outright (every row up to there costs a step, even an empty one)."""
        width = len(self.names)
        for line, cells in enumerate(self._rows(2, None, width), 2):
            if line > MAX_ROWS + 1:
                raise ChecklistError([self.problem(line, 1, f"more than {MAX_ROWS:,} rows; "
                                                   "delete what lies below the ratings, or "
                                                   "split the sheet")])
            if all(c.value is None for c in cells):
                continue
            self.count += 1
            found: list[Problem] = []
            texts = [self._text(line, i + 1, self.names[i] or "cell", c, found)
                     for i, c in enumerate(cells)]
            if found:
                self.problems += found
                if len(self.problems) >= MAX_PROBLEMS:
                    return
                continue
            self.records.append((line, texts))

    def rows(self) -> Iterator[XlsxRow]:
        for line, texts in self.records:
            yield XlsxRow(self, line, texts)

    def _rows(self, first: int, last: int | None,
              width: int | None) -> Iterator[tuple[Any, ...]]:
        try:
            yield from self.worksheet.iter_rows(min_row=first, max_row=last, max_col=width)
        except ChecklistError:
            raise
        except Exception as exc:
            raise ChecklistError.at(self.path, f"cannot read the sheet {quoted(self.title)} "
                                    f"({type(exc).__name__}); save it again as Excel "
                                    "Workbook (.xlsx)") from None

    def _text(self, row: int, column: int, name: str, cell: Any,
              problems: list[Problem]) -> str:
        """The cell as text, or "" with a problem when it holds no typed value."""
        value = cell.value
        kind = getattr(cell, "data_type", "n")
        if value is None:
            return ""
        if kind == "f":
            problems.append(self.problem(row, column, f"{name}: a formula "
                                         f"({shortened(str(value))}); type the value itself"))
            return ""
        if kind == "e":
            problems.append(self.problem(row, column, f"{name}: an error value "
                                         f"({shortened(str(value))}); type the value itself"))
            return ""
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, int | float):
            return format_number(float(value))
        if isinstance(value, dt.datetime | dt.date | dt.time | dt.timedelta):
            example = ("like 2026-11-02T10:04:00+00:00" if name == "at" else "as text")
            problems.append(self.problem(row, column, f"{name}: the spreadsheet made this a "
                                         f"date or time; format the cell as Text and type it "
                                         f"{example}"))
            return ""
        if not isinstance(value, str):
            problems.append(self.problem(row, column, f"{name}: not a value a person typed; "
                                         "type the value itself"))
            return ""
        if len(value) > MAX_CELL_CHARS:
            problems.append(self.problem(row, column, f"{name}: over {MAX_CELL_CHARS:,} "
                                         "characters, the limit for one cell; shorten it"))
            return ""
        return decode_controls(value)

    def _merged(self, ref: str) -> Problem:
        from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

        top_left = ref.split(":", 1)[0]
        letters, number = coordinate_from_string(top_left)
        return self.problem(number, column_index_from_string(letters),
                            f"merged cells ({ref}); unmerge them so each cell holds its "
                            "own value")
