"""`checklist questionnaire --format xlsx`: the workbook a vendor fills in, opened with
openpyxl as a spreadsheet program would open it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

from checklist.cli import main
from checklist.reuse.xlsx_questionnaire import sheet_name
from tests.memo.conftest import HOSTILE, rate


def _write(ev: Path, out: Path, vendor: str = "gamma") -> openpyxl.Workbook:
    assert main(["questionnaire", str(ev), "--vendor", vendor, "-f", "xlsx", "-o",
                 str(out)]) == 0
    return openpyxl.load_workbook(out)


def _rows(sheet: Worksheet) -> dict[str, dict[str, object]]:
    values = list(sheet.iter_rows(values_only=True))
    header = [str(v) for v in values[0]]
    return {str(row[0]): dict(zip(header, row, strict=True)) for row in values[1:]}


def _validation(sheet: Worksheet, cell: str) -> Any:
    for rule in sheet.data_validations.dataValidation:
        if cell in rule.sqref:
            return rule
    raise AssertionError(f"no validation on {cell}")


def test_one_sheet_per_section_with_locked_questions_and_dropdowns(scored_eval: Path,
                                                                   tmp_path: Path) -> None:
    book = _write(scored_eval, tmp_path / "q.xlsx")
    assert book.sheetnames[0] == "Instructions"
    assert book["Instructions"]["A1"].value == "Questionnaire for Gamma"
    assert book["Lists"].sheet_state == "hidden" and book["About"].sheet_state == "hidden"
    about = {r[0]: r[1] for r in book["About"].iter_rows(values_only=True)}
    assert about["vendor"] == "gamma" and about["rubric"].startswith("tiny@")
    sections = [n for n in book.sheetnames if n not in ("Instructions", "Lists", "About")]
    assert sections and all(n[0].isdigit() for n in sections)
    questions: dict[str, tuple[Worksheet, int, dict[str, Any]]] = {}
    for name in sections:
        sheet = book[name]
        assert sheet.protection.sheet                              # locked cells hold
        header = [c.value for c in sheet[1]]
        assert header[:6] == ["id", "Question", "Why we ask", "Evidence we need",
                              "We require at least", "Answer"]
        for line, row in enumerate(sheet.iter_rows(min_row=2), 2):
            questions[str(row[0].value)] = (sheet, line, {h: c for h, c in zip(header, row,
                                                                               strict=True)})
    # gamma has answered who-ran (2, weak) and api: tasks, status and latency are open
    assert {"tasks", "status", "latency"} <= set(questions)
    for _sheet, _line, cells in questions.values():
        assert cells["Question"].protection.locked
        assert cells["Why we ask"].protection.locked
        assert cells["Why we ask"].value
        for name in ("Answer", "Evidence URL", "Document name", "Comment"):
            assert not cells[name].protection.locked, name
    sheet, line, _ = questions["status"]
    rule = _validation(sheet, f"F{line}")
    assert rule.type == "list"
    assert rule.errorStyle in (None, "stop")   # stop: the default
    target = str(rule.formula1).split("!")[1].replace("$", "")
    assert [c.value for r in book["Lists"][target] for c in r] == ["GA", "Preview", "Retired"]
    sheet, line, cells = questions["latency"]
    rule = _validation(sheet, f"F{line}")
    assert rule.type == "custom" and "ISNUMBER" in rule.formula1   # a number, or N/A
    assert cells["Answer as"].value == "a number in s, or N/A"
    sheet, line, cells = questions["tasks"]
    assert cells["Answer as"].value == "pick from the list (0 = no match; 4 = all our tasks)"
    rule = _validation(sheet, f"F{line}")
    target = str(rule.formula1).split("!")[1].replace("$", "")
    assert book["Lists"][target][0][0].value == "0 None"


def test_same_questions_same_bytes_and_text_stays_text(hostile_eval: Path,
                                                       tmp_path: Path) -> None:
    rate(hostile_eval, "Ben", "gamma", "api", "--no", note="=cmd|' /C calc'!A0")
    first = tmp_path / "a.xlsx"
    second = tmp_path / "b.xlsx"
    book = _write(hostile_eval, first, "acme")
    _write(hostile_eval, second, "acme")
    assert first.read_bytes() == second.read_bytes()
    assert HOSTILE in book["Instructions"]["A1"].value
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type in ("s", "n"), (sheet.title, cell.coordinate)


def test_sheet_names_are_valid_and_unique() -> None:
    taken: set[str] = set()
    long = "Benchmark claims: who ran them? [and/or why] " * 2
    first = sheet_name(1, long, taken)
    assert len(first) <= 31 and not set("[]:*?/\\") & set(first)
    assert sheet_name(1, long, taken) != first
    assert len(sheet_name(1, long, taken)) <= 31
    assert sheet_name(4, "Commercial access and lifecycle of the model", set()) == \
        "4 Commercial access and"                               # cut at a word


def test_template_does_not_apply_to_xlsx(scored_eval: Path, tmp_path: Path,
                                         capsys: object) -> None:
    code = main(["questionnaire", str(scored_eval), "--vendor", "gamma", "-f", "xlsx",
                 "--template", "x", "-o", str(tmp_path / "q.xlsx")])
    assert code == 2
    assert not (tmp_path / "q.xlsx").exists()


def test_xlsx_without_output_goes_into_the_folder(scored_eval: Path) -> None:
    assert main(["questionnaire", str(scored_eval), "--vendor", "gamma", "-f", "xlsx"]) == 0
    assert (scored_eval / "questionnaire-gamma.xlsx").read_bytes().startswith(b"PK")
