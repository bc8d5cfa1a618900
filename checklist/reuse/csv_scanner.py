"""Reading a CSV sheet into rows of named cells, each cell with the line and column it starts
at, within limits that keep a hostile sheet linear and bounded."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass

from checklist.errors import ChecklistError, Problem
from checklist.files.csvcells import cell_starts
from checklist.reuse.sheet_cells import (
    COLUMNS,
    OPTIONAL,
    REQUIRED,
    column_index,
    unescape_cell,
)

#: Limits that keep an import linear and bounded whatever the sheet holds. A sheet needs
#: len(COLUMNS) columns, a row per vendor and question, and cells far under 100,000
#: characters (a note holds at most 20,000).
MAX_COLUMNS = 200
MAX_ROWS = 200_000
MAX_CELL_CHARS = 100_000
#: An import lists at most this many problems, and stops checking rows once it has them.
MAX_PROBLEMS = 100


class SheetRow:
    """One data row: its cells by column name, and where each cell starts (worked out only
    when a problem needs it, so a clean import never scans the text a second time)."""

    def __init__(self, sheet: CsvSheet, record: Record) -> None:
        self.sheet = sheet
        self.record = record
        self.line = record.first
        self.path = sheet.path
        self.present = sheet.present
        self.cells = dict(zip(sheet.names, record.cells, strict=False))

    def get(self, name: str) -> str:
        return unescape_cell(self.cells.get(name, ""))

    def place(self) -> str:
        return f"line {self.line}"

    def problem(self, column: str, message: str) -> Problem:
        index = self.sheet.index.get(column)
        line, col = (self.sheet.position(self.record, index) if index is not None
                     else (self.line, 1))
        return Problem(self.path, line, col, f"{column}: {message}")


@dataclass(frozen=True)
class Record:
    """One CSV record: its cells and the lines it spans (1-based, inclusive)."""

    first: int
    last: int
    cells: list[str]


class CsvSheet:
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
        self.records: list[Record] = []

    def header(self) -> list[str]:
        try:
            raw = next(self.reader, [])
        except csv.Error as exc:
            raise ChecklistError([self._unreadable(1, exc, "cannot read the header")]) from None
        record = Record(1, self.reader.line_num, raw)
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
        self.index, twice = column_index(names)
        problems = [Problem(self.path, *self.position(record, index), message)
                    for index, message in twice]
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
            self.records.append(Record(start, end, raw))

    def rows(self) -> Iterator[SheetRow]:
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
            yield SheetRow(self, record)

    def position(self, record: Record, index: int) -> tuple[int, int]:
        """(line, column) where cell `index` of a record starts; the record's start if the
        record has fewer cells."""
        starts = cell_starts(self._text(record.first, record.last), self.delimiter)
        if index >= len(starts):
            return record.first, 1
        line, col, _ = starts[index]
        return record.first + line, col

    def _check_cell_sizes(self, record: Record) -> None:
        if max(map(len, record.cells), default=0) <= MAX_CELL_CHARS:
            return
        for index, cell in enumerate(record.cells):
            if len(cell) > MAX_CELL_CHARS:
                line, col = self.position(record, index)
                raise ChecklistError.at(self.path, TOO_LONG, line, col)

    def _unreadable(self, start: int, exc: csv.Error, what: str) -> Problem:
        """The problem for a record the csv module refused: a cell over the size limit
        where there is one (an unclosed quote makes one that runs to the end), else the
        reader's own reason."""
        text = self._text(start, max(start, self.reader.line_num))
        starts = cell_starts(text, self.delimiter)
        ends = [offset - 1 for _, _, offset in starts[1:]] + [len(text)]
        for (line, col, offset), stop in zip(starts, ends, strict=True):
            if stop - offset > MAX_CELL_CHARS:
                return Problem(self.path, start + line, col, TOO_LONG)
        return Problem(self.path, start, 1, f"{what}: {exc}")

    def _text(self, first: int, last: int) -> str:
        return "".join(self.lines[first - 1:last])


TOO_LONG = (f"this cell runs over {MAX_CELL_CHARS:,} characters, the limit for one cell; "
           "shorten it, or close the quote it opens")
