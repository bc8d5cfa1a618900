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

from collections.abc import Iterator
from typing import Any

from checklist.errors import ChecklistError, Problem
from checklist.reuse.csv_scanner import MAX_COLUMNS, MAX_PROBLEMS, MAX_ROWS
from checklist.reuse.sheet_cells import COLUMNS, OPTIONAL, REQUIRED, column_index
from checklist.reuse.xlsx_cells import cell_problem
from checklist.reuse.xlsx_read import open_book, read_cell, reading, refuse_merged

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
        self.book, checked = open_book(data, path)
        sheets = self.book.worksheets
        self.worksheet: Any = next((s for s in sheets if s.title == RATINGS_SHEET), sheets[0])
        self.title: str = self.worksheet.title
        self.worksheet.reset_dimensions()  # the file's own size claim may lie
        refuse_merged(checked, self.worksheet, path)
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
        self.index, twice = column_index(names)
        problems += [self.problem(1, index + 1, message) for index, message in twice]
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
        with reading(self.path):
            yield from self.worksheet.iter_rows(min_row=first, max_row=last, max_col=width)

    def _text(self, row: int, column: int, name: str, cell: Any,
              problems: list[Problem]) -> str:
        return read_cell(cell, name, problems, self.path, self.title, row, column)
