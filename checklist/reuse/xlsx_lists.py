"""Dropdowns for a workbook: each distinct list of entries written once on a hidden sheet,
and the data validation that offers it. A list kept on a sheet (rather than inline in the
validation) may hold commas and any number of entries; Excel caps an inline list at 255
characters."""

from __future__ import annotations

from typing import Any

LISTS_SHEET = "Lists"


class Dropdowns:
    """The hidden `Lists` sheet of an XlsxWriter workbook, filled as lists are asked for."""

    def __init__(self, book: Any) -> None:
        self.sheet = book.add_worksheet(LISTS_SHEET)
        self.sheet.hide()
        self.sources: dict[tuple[str, ...], str] = {}

    def source(self, labels: tuple[str, ...]) -> str:
        """The range holding `labels`, one per row of their own column (written once)."""
        from xlsxwriter.utility import xl_col_to_name  # type: ignore[import-untyped]

        if labels not in self.sources:
            column = len(self.sources)
            for row, label in enumerate(labels):
                self.sheet.write_string(row, column, label)
            letter = xl_col_to_name(column)
            self.sources[labels] = f"={LISTS_SHEET}!${letter}$1:${letter}${len(labels)}"
        return self.sources[labels]

    def offer(self, sheet: Any, first: int, last: int, column: int, labels: tuple[str, ...], *,
              strict: bool, message: str = "") -> None:
        """A dropdown of `labels` on rows `first`..`last` of `column` (0-based); `strict`
        refuses other entries, else Excel only warns."""
        options: dict[str, Any] = {
            "validate": "list", "source": self.source(labels),
            "error_type": "stop" if strict else "warning",
            "error_title": "Not in the list",
            "error_message": "Pick an entry from the list, or leave the cell empty."}
        if message:
            options.update(input_title="Your answer", input_message=message[:255])
        sheet.data_validation(first, column, last, column, options)
