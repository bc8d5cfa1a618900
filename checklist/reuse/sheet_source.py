"""What an import reads a sheet through, whatever its format: rows of named cells, each
problem placed where a person finds it (a CSV line and column, or a workbook's `Sheet!C12`)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Literal, Protocol

from checklist.errors import Problem

SheetFormat = Literal["csv", "xlsx"]


class SourceRow(Protocol):
    #: The line (CSV) or row (workbook) the row starts at, as `place` words it.
    line: int
    #: Optional columns the sheet has (a column it lacks keeps what the file says).
    present: set[str]

    def get(self, name: str) -> str: ...

    def problem(self, column: str, message: str) -> Problem: ...

    def place(self) -> str: ...


class Source(Protocol):
    #: Rows of the wrong shape or with unreadable cells, found while reading.
    problems: list[Problem]
    #: Where reading had to stop, if it did.
    unreadable: Problem | None
    #: Non-empty data rows read.
    count: int

    def header(self) -> list[str]: ...

    def read(self) -> None: ...

    def rows(self) -> Iterator[SourceRow]: ...


def format_of(path: Path, wanted: SheetFormat | None) -> SheetFormat:
    """The format asked for, else the file's suffix says (.xlsx), else CSV."""
    if wanted is not None:
        return wanted
    return "xlsx" if path.suffix.lower() in (".xlsx", ".xlsm") else "csv"


def open_sheet(path: Path, wanted: SheetFormat | None = None) -> Source:
    """The sheet at `path`, read whole (within the size limit) and ready for `header()`."""
    from checklist.files.yamlio import decode, read_bytes

    data = read_bytes(path, what="spreadsheet")
    if format_of(path, wanted) == "xlsx":
        from checklist.reuse.xlsx_sheet import XlsxSheet

        return XlsxSheet(data, str(path))
    from checklist.reuse.csv_scanner import CsvSheet

    return CsvSheet(decode(data, str(path)), str(path))
