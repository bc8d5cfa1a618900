"""`checklist proposals import`: a vendor's filled questionnaire workbook becomes proposed
answers. The round trip a vendor makes: `questionnaire --format xlsx`, filled in with
openpyxl as a spreadsheet program would, imported; hostile or broken cells refused."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml

from checklist.files.folder import load_folder

from .conftest import Cli, rate, run_cli, snapshot
from .test_reuse_xlsx import _with_part

ANSWER, URL, DOCUMENT, COMMENT = 6, 8, 9, 10     # columns F, H, I, J


def _questionnaire(cli: Cli, ev: Path, out: Path, vendor: str = "acme") -> Any:
    result = cli("questionnaire", ev, "--vendor", vendor, "-f", "xlsx", "-o", out)
    assert result.code == 0, result.err
    return openpyxl.load_workbook(out)


def _rows(book: Any) -> dict[str, tuple[Any, int]]:
    """Question id -> (sheet, row) over the section sheets."""
    out = {}
    for sheet in book.worksheets:
        if sheet.title in ("Instructions", "Lists", "About"):
            continue
        for row in range(2, sheet.max_row + 1):
            out[str(sheet.cell(row, 1).value)] = (sheet, row)
    return out


def _fill(book: Any, answers: dict[str, dict[int, Any]], path: Path) -> Path:
    rows = _rows(book)
    for qid, cells in answers.items():
        sheet, row = rows[qid]
        for column, value in cells.items():
            sheet.cell(row, column).value = value
    book.save(path)
    return path


def _proposals(ev: Path) -> dict[str, Any]:
    path = ev / "proposals" / "questionnaire-acme.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {p["question"]: p["answer"] for p in data["proposals"]}


def test_a_filled_questionnaire_becomes_proposals(cli: Cli, ev: Path, workdir: Path) -> None:
    rate(cli, ev, "ana", "acme", "who-ran", "--score", "1", "--note", "ours")
    book = _questionnaire(cli, ev, workdir / "q.xlsx")
    filled = _fill(book, {
        "who-ran": {ANSWER: "4 Strong", URL: "https://acme.example/lab", COMMENT: "p. 3"},
        "status": {ANSWER: "GA"},
        "latency": {ANSWER: 42, DOCUMENT: "latency-report.pdf"},
        "api": {ANSWER: True},                          # TRUE typed in Excel
    }, workdir / "filled.xlsx")
    result = cli("proposals", "import", ev, filled)
    assert result.code == 0, result.err
    assert "4 proposed for acme" in result.out and "1 left unanswered (tasks)" in result.out
    proposed = _proposals(ev)
    assert proposed["who-ran"]["score"] == 4
    assert proposed["status"]["choice"] == "ga"
    assert proposed["latency"]["value"] == 42
    assert proposed["api"]["answer"] is True
    lab = proposed["who-ran"]["evidence"][0]
    assert lab["url"] == "https://acme.example/lab" and lab["grade"] == "vendor-claim"
    assert "p. 3" in proposed["who-ran"]["note"]
    assert proposed["latency"]["evidence"][0]["url"] == "latency-report.pdf"
    assert all(a["evidence"][-1]["sha256"] for a in proposed.values())   # the workbook
    # a rater accepts: the open ones are taken, their own answer stays
    result = cli("proposals", "accept", ev, "--rater", "ana")
    assert result.code == 0, result.err
    answers = load_folder(ev).ratings["ana"].answers["acme"]
    assert answers["who-ran"].score == 1 and answers["who-ran"].note == "ours"
    assert answers["status"].choice == "ga"
    assert answers["latency"].value == 42
    assert answers["latency"].evidence[0].grade == "vendor-claim"


def test_bad_cells_are_reported_and_nothing_is_written(cli: Cli, ev: Path,
                                                       workdir: Path) -> None:
    import datetime as dt

    book = _questionnaire(cli, ev, workdir / "q.xlsx")
    rows = _rows(book)
    filled = _fill(book, {
        "who-ran": {ANSWER: "=1+3"},                    # a formula
        "status": {ANSWER: "Beta"},                     # not a choice
        "latency": {ANSWER: dt.datetime(2026, 1, 1)},   # a date where a number belongs
        "api": {ANSWER: "yes", COMMENT: "fine"},
    }, workdir / "bad.xlsx")
    sheet, row = rows["tasks"]
    book = openpyxl.load_workbook(filled)
    book[sheet.title].cell(row, 1).value = "taks"       # the locked id, changed anyway
    book.save(filled)
    before = snapshot(ev)
    result = run_cli("proposals", "import", str(ev), str(filled))
    assert result.returncode == 2, result.stderr
    assert snapshot(ev) == before
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()

    def at(qid: str, column: str) -> str:
        sheet, row = rows[qid]
        name = sheet.title if sheet.title.replace("_", "").isalnum() else f"'{sheet.title}'"
        return f"{filled}:{name}!{column}{row}: "

    assert any(line.startswith(at("who-ran", "F") + "Answer: a formula") for line in lines)
    assert any(line.startswith(at("status", "F") + "Answer: unknown choice 'Beta'")
               or (line.startswith(at("status", "F")) and "Beta" in line) for line in lines)
    assert any(line.startswith(at("latency", "F")) and "date or time" in line
               for line in lines)
    assert any(line.startswith(at("tasks", "A") + "unknown question 'taks'")
               for line in lines)
    assert not any(at("api", "F") in line for line in lines)


def test_the_workbook_must_be_a_questionnaire_for_this_vendor(cli: Cli, ev: Path,
                                                              workdir: Path) -> None:
    book = _questionnaire(cli, ev, workdir / "q.xlsx")
    _fill(book, {"status": {ANSWER: "GA"}}, workdir / "filled.xlsx")
    result = run_cli("proposals", "import", str(ev), str(workdir / "filled.xlsx"),
                     "--vendor", "gamma")
    assert result.returncode == 2
    assert result.stderr.startswith(f"{workdir / 'filled.xlsx'}: written for vendor 'acme'")
    sheet = workdir / "ratings.xlsx"
    assert cli("export", ev, "-o", sheet).code == 0
    result = run_cli("proposals", "import", str(ev), str(sheet))
    assert result.returncode == 2 and "not a checklist questionnaire" in result.stderr
    hostile = _with_part(workdir / "filled.xlsx", workdir / "macro.xlsx", "xl/vbaProject.bin",
                         b"\0" * 32)
    result = run_cli("proposals", "import", str(ev), str(hostile))
    assert result.returncode == 2 and "holds macros" in result.stderr
    assert not (ev / "proposals").exists()


def test_merged_cells_in_a_section_sheet_are_refused(cli: Cli, ev: Path,
                                                     workdir: Path) -> None:
    book = _questionnaire(cli, ev, workdir / "q.xlsx")
    sheet, row = _rows(book)["status"]
    sheet.merge_cells(start_row=row, start_column=ANSWER, end_row=row, end_column=ANSWER + 1)
    book.save(workdir / "merged.xlsx")
    result = run_cli("proposals", "import", str(ev), str(workdir / "merged.xlsx"))
    assert result.returncode == 2
    assert f"!F{row}: merged cells (F{row}:G{row})" in result.stderr
    assert not (ev / "proposals").exists()


@pytest.mark.slow  # a fuzzer: 150 damaged workbooks
def test_corrupted_questionnaires_are_refused_without_a_traceback(cli: Cli, ev: Path,
                                                                  workdir: Path) -> None:
    import datetime as dt
    import random

    from checklist.errors import ChecklistError
    from checklist.reuse.questionnaire_import import read_questionnaire

    book = _questionnaire(cli, ev, workdir / "q.xlsx")
    valid = _fill(book, {"status": {ANSWER: "GA"}}, workdir / "filled.xlsx").read_bytes()
    workspace = load_folder(ev)
    rng = random.Random(3)
    target = workdir / "broken.xlsx"
    for _ in range(150):
        data = bytearray(valid)
        for _ in range(rng.choice((1, 3, 20))):
            data[rng.randrange(len(data))] = rng.randrange(256)
        target.write_bytes(bytes(data))
        try:
            read_questionnaire(workspace, target, dt.datetime(2026, 11, 2, tzinfo=dt.UTC))
        except ChecklistError as exc:
            assert all(p.file == str(target) for p in exc.problems), exc
