"""The register as plain rows, and as CSV or a self-contained HTML page.

Every text comes from someone's evaluation.yaml: in the page it is escaped (control and
bidirectional characters shown as `\\u202e`-style escapes, then HTML-escaped), never markup;
in CSV a cell that a spreadsheet would run as a formula is made text (`escape_cell`).
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
from collections.abc import Sequence
from typing import Any

from checklist.errors import printable
from checklist.files.register import Entry
from checklist.reuse.sheet_cells import escape_cell

COLUMNS: tuple[str, ...] = ("title", "owner", "status", "vendor", "review_by", "stale_since",
                            "conditions", "folder")
HEADERS: dict[str, str] = {"title": "Title", "owner": "Owner", "status": "Status",
                           "vendor": "Chosen vendor", "review_by": "Review by",
                           "stale_since": "Stale evidence since", "conditions": "Open conditions",
                           "folder": "Folder"}


def entry_row(entry: Entry, today: dt.date) -> dict[str, Any]:
    """One evaluation as plain data (what `register --json` prints)."""
    evaluation = entry.evaluation
    stale = entry.stale_since(today)
    return {
        "title": evaluation.title,
        "owner": evaluation.owner,
        "status": evaluation.status,
        "vendor": entry.chosen_name,
        "vendor_id": evaluation.chosen,
        "review_by": evaluation.review_by.isoformat() if evaluation.review_by else None,
        "overdue": bool(evaluation.review_by and evaluation.review_by < today),
        "stale_since": stale.isoformat() if stale else None,
        "conditions": entry.conditions,
        "folder": str(entry.folder),
    }


def cell(row: dict[str, Any], column: str) -> str:
    value = row[column]
    if column == "conditions":
        return "; ".join(value)
    if column == "review_by" and value and row["overdue"]:
        return f"{value} (overdue)"
    return "" if value is None else str(value)


def register_csv(rows: Sequence[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([escape_cell(cell(row, c)) for c in COLUMNS])
    return out.getvalue()


_STYLE = """body{font:14px/1.4 system-ui,sans-serif;margin:2rem;color:#222}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:.3rem .5rem;
text-align:left;vertical-align:top}th{background:#f2f2f2}.overdue,.stale{color:#a40000;
font-weight:600}caption{text-align:left;font-weight:600;margin-bottom:.5rem}"""


def register_html(rows: Sequence[dict[str, Any]], today: dt.date) -> str:
    """A page with no scripts, links or outside resources: one table."""

    def text(value: str) -> str:
        return html.escape(printable(value))

    lines = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width">',
             "<title>Decision register</title>", f"<style>{_STYLE}</style></head><body>",
             f"<table><caption>Decision register, {len(rows)} evaluation(s), "
             f"as of {today.isoformat()}</caption>",
             "<thead><tr>" + "".join(f"<th>{HEADERS[c]}</th>" for c in COLUMNS)
             + "</tr></thead><tbody>"]
    for row in rows:
        cells = []
        for column in COLUMNS:
            marked = ((column == "review_by" and row["overdue"])
                      or (column == "stale_since" and row["stale_since"]))
            css = f' class="{"overdue" if column == "review_by" else "stale"}"' if marked else ""
            cells.append(f"<td{css}>{text(cell(row, column))}</td>")
        lines.append("<tr>" + "".join(cells) + "</tr>")
    lines += ["</tbody></table>", "</body></html>", ""]
    return "\n".join(lines)
