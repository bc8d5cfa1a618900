"""`checklist export --format xlsx` / `import`: ratings through an Excel workbook and back.

The workbook is read back with openpyxl, as Excel or LibreOffice would open it; hostile
workbooks are made with openpyxl or by hand (zip parts), as someone could send them."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

from checklist.files.folder import load_folder

from .conftest import Cli, rate, run_cli, snapshot
from .test_reuse_spreadsheet import _rich_answers


def _export(cli: Cli, ev: Path, sheet: Path, *args: str) -> None:
    result = cli("export", ev, "-o", sheet, *args)
    assert result.code == 0, result.err


def _rows(path: Path) -> list[dict[str, object]]:
    book = openpyxl.load_workbook(path)
    sheet = book["Ratings"]
    values = list(sheet.iter_rows(values_only=True))
    header = [str(v) for v in values[0]]
    return [dict(zip(header, row, strict=True)) for row in values[1:]]


def test_xlsx_round_trip_is_byte_identical(cli: Cli, ev: Path, workdir: Path) -> None:
    _rich_answers(cli, ev)
    ratings = ev / "ratings" / "ana-maria.yaml"
    # a note with a CR and a control character: XLSX must escape both, and read them back
    rate(cli, ev, "Ana María", "beta-corp", "who-ran", "--note", "draft:\r\nwaiting\x01 lab")
    original = ratings.read_bytes()
    sheet = workdir / "ana.xlsx"
    _export(cli, ev, sheet, "--rater", "Ana María")
    ratings.unlink()
    result = cli("import", ev, sheet, "--rater", "Ana María")
    assert result.code == 0, result.err
    assert "8 added" in result.out
    assert ratings.read_bytes() == original
    before = snapshot(ev)
    again = cli("import", ev, sheet, "--rater", "Ana María")
    assert again.code == 0 and "no changes" in again.out
    assert snapshot(ev) == before
    # the same ratings give the same workbook
    second = workdir / "again.xlsx"
    _export(cli, ev, second, "--rater", "Ana María")
    assert second.read_bytes() == sheet.read_bytes()


def test_xlsx_shows_labels_with_dropdowns(cli: Cli, ev: Path, workdir: Path) -> None:
    _rich_answers(cli, ev)
    sheet = workdir / "all.xlsx"
    _export(cli, ev, sheet, "--rater", "Ana María", "--blank")
    rows = _rows(sheet)
    by_q = {(r["vendor"], r["question"]): r for r in rows}
    assert by_q[("acme", "status")]["value"] == "Preview"       # a choice by its label
    assert by_q[("acme", "api")]["value"] == "yes"
    assert by_q[("beta-corp", "latency")]["value"] == "N/A"
    assert by_q[("gamma", "latency")]["value"] == "1e-07"       # every digit, as text
    assert by_q[("acme", "tasks")]["value"] == "0 None"         # the level and its word
    note = by_q[("acme", "who-ran")]["note"]
    assert note == "=HYPERLINK(\"http://evil\",\"x\")"         # text, not a formula
    book = openpyxl.load_workbook(sheet)
    ratings = book["Ratings"]
    assert all(c.data_type == "s" for row in ratings.iter_rows() for c in row
               if c.value is not None)
    lists = book["Lists"]
    assert lists.sheet_state == "hidden"
    value_col = "H"
    assert ratings["H1"].value == "value"
    rules = {}
    for rule in ratings.data_validations.dataValidation:
        for ref in str(rule.sqref).split():
            rules[ref] = rule
    line = {key: i for i, key in enumerate(by_q, 2)}

    def dropdown(vendor: str, question: str) -> list[str]:
        row = line[(vendor, question)]
        rule = next(r for ref, r in rules.items() if _covers(ref, value_col, row))
        assert rule.type == "list"
        target = str(rule.formula1).split("!")[1].replace("$", "")
        return [str(c.value) for row_ in lists[target] for c in row_]

    assert dropdown("acme", "status") == ["GA", "Preview", "Retired"]
    assert dropdown("gamma", "api") == ["yes", "no"]
    levels = dropdown("gamma", "who-ran")
    assert levels[0].startswith("0") and levels[-1].startswith("4")
    # every dropdown entry reads back: pick each, import, see the answer
    for question, picks in (("who-ran", levels), ("status", dropdown("gamma", "status"))):
        for pick in picks:
            book = openpyxl.load_workbook(sheet)
            book["Ratings"][f"{value_col}{line[('gamma', question)]}"] = pick
            book.save(workdir / "pick.xlsx")
            result = cli("import", ev, workdir / "pick.xlsx", "--rater", "Ana María",
                         "--dry-run")
            assert result.code == 0, (pick, result.err)


def _covers(ref: str, column: str, row: int) -> bool:
    first, _, last = ref.partition(":")
    last = last or first
    col1, row1 = first.rstrip("0123456789"), int(first.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    row2 = int(last.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    return col1 == column and row1 <= row <= row2


def _filled(cli: Cli, ev: Path, workdir: Path) -> openpyxl.Workbook:
    rate(cli, ev, "ana", "acme", "who-ran", "--score", "2")
    sheet = workdir / "ana.xlsx"
    _export(cli, ev, sheet, "--rater", "ana", "--blank")
    return openpyxl.load_workbook(sheet)


def test_a_person_typing_into_the_workbook_is_read(cli: Cli, ev: Path, workdir: Path) -> None:
    book = _filled(cli, ev, workdir)
    ws = book["Ratings"]
    where = {(ws.cell(r, 1).value, ws.cell(r, 4).value): r for r in range(2, ws.max_row + 1)}
    ws.cell(where[("acme", "who-ran")], 8).value = 3             # a number, as Excel stores it
    ws.cell(where[("acme", "api")], 8).value = True              # TRUE typed in Excel
    ws.cell(where[("acme", "latency")], 8).value = 12.5
    ws.cell(where[("acme", "status")], 8).value = "Preview"
    book.save(workdir / "typed.xlsx")
    result = cli("import", ev, workdir / "typed.xlsx", "--rater", "ana")
    assert result.code == 0, result.err
    answers = load_folder(ev).ratings["ana"].answers["acme"]
    assert answers["who-ran"].score == 3
    assert answers["api"].answer is True
    assert answers["latency"].value == 12.5
    assert answers["status"].choice == "preview"


def _problems(result_err: str) -> list[str]:
    return [line for line in result_err.splitlines() if line]


def test_bad_cells_are_reported_by_sheet_and_cell(cli: Cli, ev: Path, workdir: Path) -> None:
    import datetime as dt

    book = _filled(cli, ev, workdir)
    ws = book["Ratings"]
    where = {(ws.cell(r, 1).value, ws.cell(r, 4).value): r for r in range(2, ws.max_row + 1)}
    ws.cell(where[("acme", "who-ran")], 8).value = "=1+2"                 # a formula
    ws.cell(where[("acme", "tasks")], 8).value = "9"                      # off the scale
    ws.cell(where[("acme", "api")], 12).value = dt.datetime(2026, 1, 2)   # a date
    ws.cell(where[("acme", "status")], 8).value = "#DIV/0!"
    ws.cell(where[("acme", "status")], 8).data_type = "e"                # an error value
    path = workdir / "bad.xlsx"
    book.save(path)
    before = snapshot(ev)
    result = run_cli("import", str(ev), str(path), "--rater", "ana")
    assert result.returncode == 2
    assert snapshot(ev) == before
    assert "Traceback" not in result.stderr
    lines = _problems(result.stderr)
    p = str(path)
    assert any(line.startswith(f"{p}:Ratings!H{where[('acme', 'who-ran')]}: value: a formula")
               for line in lines), lines
    assert (f"{p}:Ratings!H{where[('acme', 'tasks')]}: value: '9': question 'tasks' takes a "
            "whole score 0..4") in lines
    assert any(line.startswith(f"{p}:Ratings!L{where[('acme', 'api')]}: at: ")
               and "format the cell as Text" in line for line in lines), lines
    assert any(line.startswith(f"{p}:Ratings!H{where[('acme', 'status')]}: value: an error")
               for line in lines), lines


def test_merged_cells_are_refused(cli: Cli, ev: Path, workdir: Path,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    book = _filled(cli, ev, workdir)
    book["Ratings"].merge_cells("H3:I4")
    book["Ratings"].merge_cells("B7:C7")
    path = workdir / "merged.xlsx"
    book.save(path)
    before = snapshot(ev)
    result = run_cli("import", str(ev), str(path), "--rater", "ana")
    assert result.returncode == 2
    assert result.stderr.startswith(f"{path}:Ratings!H3: merged cells (H3:I4)")
    assert snapshot(ev) == before
    # read in chunks of a few bytes, each merged range is still found once
    from checklist.reuse import xlsx_guard

    monkeypatch.setattr(xlsx_guard, "_CHUNK", 5)
    merged = xlsx_guard.check_workbook(path.read_bytes(), str(path)).merged
    assert sorted(merged["xl/worksheets/sheet1.xml"]) == ["B7:C7", "H3:I4"]


def test_huge_and_wide_sheets_are_refused(cli: Cli, ev: Path, workdir: Path) -> None:
    book = _filled(cli, ev, workdir)
    book["Ratings"]["A1000000"] = "acme"
    book.save(workdir / "tall.xlsx")
    result = run_cli("import", str(ev), str(workdir / "tall.xlsx"), "--rater", "ana")
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith(f"{workdir / 'tall.xlsx'}:Ratings!A200002: more than "
                                    "200,000 rows")
    book = _filled(cli, ev, workdir)
    book["Ratings"].cell(1, 250).value = "extra"
    book.save(workdir / "wide.xlsx")
    result = run_cli("import", str(ev), str(workdir / "wide.xlsx"), "--rater", "ana")
    assert result.returncode == 2
    assert result.stderr.startswith(f"{workdir / 'wide.xlsx'}:Ratings!IP1: more than 200 "
                                    "columns")


def _with_part(source: Path, target: Path, name: str, data: bytes) -> Path:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            new.writestr(info, old.read(info))
        new.writestr(name, data)
    return target


@pytest.mark.parametrize(("part", "data", "says"), [
    ("xl/vbaProject.bin", b"\0" * 64, "holds macros"),
    ("xl/externalLinks/externalLink1.xml", b"<externalLink/>", "links to other workbooks"),
    ("xl/extra.xml", b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'a'>]><x/>",
     "declares a DTD"),
])
def test_macros_links_and_dtds_are_refused(cli: Cli, ev: Path, workdir: Path, part: str,
                                           data: bytes, says: str) -> None:
    _filled(cli, ev, workdir)
    path = _with_part(workdir / "ana.xlsx", workdir / "hostile.xlsx", part, data)
    before = snapshot(ev)
    result = run_cli("import", str(ev), str(path), "--rater", "ana")
    assert result.returncode == 2
    assert result.stderr.startswith(f"{path}: ") and says in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(ev) == before


def test_zip_bombs_and_non_workbooks_are_refused(cli: Cli, ev: Path, workdir: Path) -> None:
    _filled(cli, ev, workdir)
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("xl/big.xml", b" " * 210_000_000)
    (workdir / "bomb.xlsx").write_bytes(bomb.getvalue())
    result = run_cli("import", str(ev), str(workdir / "bomb.xlsx"), "--rater", "ana")
    assert result.returncode == 2 and "once unpacked" in result.stderr
    (workdir / "text.xlsx").write_text("vendor,question,value\n", encoding="utf-8")
    result = run_cli("import", str(ev), str(workdir / "text.xlsx"), "--rater", "ana")
    assert result.returncode == 2 and "not an XLSX workbook" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_oversized_workbook_is_refused_before_it_is_read(cli: Cli, ev: Path, workdir: Path,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    import random

    rng = random.Random(1)
    rate(cli, ev, "ana", "acme", "tasks", "--note",
         "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(19_000)))
    _filled(cli, ev, workdir)
    largest = max(p.stat().st_size for p in ev.rglob("*") if p.is_file())
    assert (workdir / "ana.xlsx").stat().st_size > largest + 1
    monkeypatch.setenv("CHECKLIST_MAX_FILE_BYTES", str(largest + 1))
    result = cli("import", ev, workdir / "ana.xlsx", "--rater", "ana")
    assert result.code == 2
    assert f"{workdir / 'ana.xlsx'}: spreadsheet is " in result.err and "limit" in result.err


@pytest.mark.slow  # a fuzzer: 150 damaged workbooks
def test_corrupted_workbooks_are_refused_without_a_traceback(cli: Cli, ev: Path,
                                                             workdir: Path) -> None:
    """Seeded byte corruption of a real workbook (the compressed parts, the zip directory):
    every import either reads it or refuses it as the user's file, never crashes."""
    import random

    from checklist.errors import ChecklistError
    from checklist.reuse.spreadsheet import plan_import

    _filled(cli, ev, workdir)
    valid = (workdir / "ana.xlsx").read_bytes()
    workspace = load_folder(ev)
    rng = random.Random(18)
    target = workdir / "broken.xlsx"
    for _ in range(150):
        data = bytearray(valid)
        for _ in range(rng.choice((1, 3, 20))):
            data[rng.randrange(len(data))] = rng.randrange(256)
        target.write_bytes(bytes(data))
        try:
            plan_import(workspace, target, "ana")
        except ChecklistError as exc:
            assert all(p.file == str(target) for p in exc.problems), exc


def test_a_workbook_of_too_many_texts_is_refused(cli: Cli, ev: Path, workdir: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """openpyxl holds every shared string in memory: their number is bounded too (the limit
    lowered here so a small workbook trips it; the check counts across chunk boundaries)."""
    from checklist.reuse import xlsx_guard

    _filled(cli, ev, workdir)
    monkeypatch.setattr(xlsx_guard, "MAX_SHARED_STRINGS", 5)
    monkeypatch.setattr(xlsx_guard, "_CHUNK", 7)   # tags split between chunks still count
    result = cli("import", ev, workdir / "ana.xlsx", "--rater", "ana")
    assert result.code == 2
    assert "over 5 distinct texts in xl/sharedStrings.xml" in result.err
    monkeypatch.setattr(xlsx_guard, "MAX_SHARED_STRINGS", 2_400_000)
    assert cli("import", ev, workdir / "ana.xlsx", "--rater", "ana").code == 0
