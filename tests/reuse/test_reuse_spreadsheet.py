"""`checklist export` / `import`: ratings through a spreadsheet and back, without loss."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checklist.errors import ChecklistError, ConflictError
from checklist.files.folder import load_folder
from checklist.reuse.spreadsheet import (
    apply_import,
    escape_cell,
    format_number,
    plan_import,
    unescape_cell,
)

from .conftest import Cli, rate, snapshot


@given(st.text())
def test_escaping_round_trips_any_cell(text: str) -> None:
    assert unescape_cell(escape_cell(text)) == text


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return text.strip() == text


@given(st.one_of(st.text(), st.builds(lambda c, t: c + t, st.sampled_from(FORMULA_STARTS),
                                      st.text())))
def test_no_escaped_cell_starts_a_formula(text: str) -> None:
    cell = escape_cell(text)
    assert cell in (text, "'" + text)  # the content itself is never changed
    if text.startswith(FORMULA_STARTS) and not _is_number(text):
        assert cell == "'" + text  # a would-be formula becomes text
    if cell.startswith(FORMULA_STARTS):
        assert _is_number(cell), cell  # only a plain number may start that way


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_numbers_read_back_exactly(value: float) -> None:
    assert float(format_number(value)) == value


def test_formula_cells_become_text() -> None:
    assert escape_cell("=HYPERLINK(\"http://evil\")") == "'=HYPERLINK(\"http://evil\")"
    assert escape_cell("+1") == "+1" and escape_cell("-3.5") == "-3.5"
    assert escape_cell("+ looks good") == "'+ looks good"
    assert escape_cell("@SUM(A1)") == "'@SUM(A1)"
    assert escape_cell("'=already quoted") == "''=already quoted"
    assert escape_cell("plain 'quote'") == "plain 'quote'"


def _rich_answers(cli: Cli, ev: Path) -> None:
    """Answers of every kind, with the text that trips spreadsheets up."""
    rate(cli, ev, "Ana María", "acme", "who-ran", "--score", "3", "--note",
         "=HYPERLINK(\"http://evil\",\"x\")", "--evidence", "https://lab.example/report?a=1,b=2",
         "--grade", "independent-lab", "--retrieved", "2026-10-01", "--confidence", "high")
    rate(cli, ev, "Ana María", "acme", "who-ran", "--evidence", "reports/our test.pdf",
         "--grade", "own-test", "--retrieved", "2026-10-02")
    rate(cli, ev, "Ana María", "acme", "tasks", "--score", "0", "--note",
         "line one\nline two, with \"quotes\"\n- a dash line\n東京 ✓")
    rate(cli, ev, "Ana María", "acme", "api", "--yes", "--note", "@mention the owner")
    rate(cli, ev, "Ana María", "acme", "status", "--choice", "preview", "--note", "-10% SLA")
    rate(cli, ev, "Ana María", "acme", "latency", "--value", "0.1")
    rate(cli, ev, "Ana María", "beta-corp", "latency", "--na", "--confidence", "low")
    rate(cli, ev, "Ana María", "beta-corp", "who-ran", "--note", "draft: waiting for the lab")
    rate(cli, ev, "Ana María", "gamma", "latency", "--value", "1e-07")
    rate(cli, ev, "bob", "gamma", "api", "--no")


def test_export_import_round_trip_is_byte_identical(cli: Cli, ev: Path, workdir: Path) -> None:
    _rich_answers(cli, ev)
    ratings = ev / "ratings" / "ana-maria.yaml"
    # evidence a line cannot carry (a note with a newline) goes as JSON, still lossless
    text = ratings.read_text(encoding="utf-8")
    text = text.replace("grade: own-test\n", "grade: own-test\n        note: |-\n"
                        "          page 3\n          table 2\n", 1)
    assert "table 2" in text
    ratings.write_text(text, encoding="utf-8")
    assert load_folder(ev).ratings["ana-maria"].answers["acme"]["who-ran"].evidence[1].note
    original = ratings.read_bytes()

    sheet = workdir / "ana.csv"
    result = cli("export", ev, "--rater", "Ana María", "-o", sheet)
    assert result.code == 0, result.err
    assert "wrote 8 row(s)" in result.err
    assert '[{""url"": ""https://lab.example' in sheet.read_text(encoding="utf-8-sig")
    ratings.unlink()
    result = cli("import", ev, sheet, "--rater", "Ana María")
    assert result.code == 0, result.err
    assert "8 added" in result.out
    assert ratings.read_bytes() == original

    before = snapshot(ev)
    again = cli("import", ev, sheet, "--rater", "Ana María")
    assert again.code == 0 and "no changes" in again.out
    assert snapshot(ev) == before


def test_csv_is_safe_to_open_in_excel(cli: Cli, ev: Path, workdir: Path) -> None:
    _rich_answers(cli, ev)
    sheet = workdir / "all.csv"
    assert cli("export", ev, "-o", sheet).code == 0
    data = sheet.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in data
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert {r["rater"] for r in rows} == {"ana-maria", "bob"}
    notes = [r["note"] for r in rows if r["note"]]
    assert "'=HYPERLINK(\"http://evil\",\"x\")" in notes
    assert "'@mention the owner" in notes and "'-10% SLA" in notes
    for row in rows:
        for cell in row.values():
            assert cell[:1] not in ("=", "+", "-", "@") or cell.lstrip("+-").replace(
                ".", "").replace("e", "").replace("-", "").isdigit(), cell
    by_q = {(r["vendor"], r["question"]): r for r in rows if r["rater"] == "ana-maria"}
    assert by_q[("acme", "who-ran")]["evidence"] == (
        "https://lab.example/report?a=1,b=2 | independent-lab | 2026-10-01\n"
        "reports/our test.pdf | own-test | 2026-10-02")
    assert by_q[("beta-corp", "latency")]["value"] == "N/A"
    assert by_q[("gamma", "latency")]["value"] == "1e-07"
    assert by_q[("beta-corp", "who-ran")]["value"] == ""
    stdout = cli("export", ev)
    assert stdout.out.startswith("vendor,vendor_name,")     # no BOM on a terminal


def test_json_export(cli: Cli, ev: Path) -> None:
    _rich_answers(cli, ev)
    data = json.loads(cli("export", ev, "--format", "json", "--rater", "bob").out)
    assert data["rubric"] == "tiny@1.0.0"
    assert data["rows"] == [{
        "vendor": "gamma", "vendor_name": "Gamma", "section": "ready", "question": "api",
        "question_text": "Is there a commercial API?", "type": "yes_no", "rater": "bob",
        "value": "no", "answer": data["rows"][0]["answer"]}]
    assert data["rows"][0]["answer"]["answer"] is False


def _sheet(path: Path, rows: list[list[str]], *, delimiter: str = ",") -> Path:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(["vendor", "question", "rater", "value", "note", "confidence", "evidence",
                     "at"])
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8", newline="")
    return path


def test_bad_rows_are_reported_by_line_and_nothing_is_written(cli: Cli, ev: Path,
                                                              workdir: Path) -> None:
    rate(cli, ev, "ana", "acme", "who-ran", "--score", "2")
    before = snapshot(ev)
    sheet = _sheet(workdir / "bad.csv", [
        ["acme", "tasks", "ana", "3", "fine", "", "", ""],
        ["acmee", "tasks", "ana", "3", "", "", "", ""],
        ["acme", "taks", "ana", "3", "", "", "", ""],
        ["acme", "who-ran", "ana", "9", "", "", "", ""],
        ["acme", "api", "ana", "maybe", "a note\nover two lines", "", "", ""],
        ["acme", "status", "ana", "beta", "", "sure", "", ""],
        ["acme", "latency", "ana", "fast", "", "", "https://x | gold", "yesterday"],
        ["beta-corp", "api", "ana", "N/A", "", "", "https://x | third-party | 2026-13-01", ""],
        ["acme", "tasks", "ana", "2", "", "", "", ""],
    ])
    result = cli("import", ev, sheet, "--rater", "ana")
    assert result.code == 2
    assert snapshot(ev) == before
    lines = result.err.splitlines()
    s = str(sheet)
    assert f"{s}:3:1: vendor: unknown vendor 'acmee' — did you mean 'acme'?" in lines
    assert f"{s}:4:6: question: unknown question 'taks' — did you mean 'tasks'?" in lines
    assert f"{s}:5:18: value: '9': question 'who-ran' takes a whole score 0..4" in lines
    assert f"{s}:6:14: value: 'maybe': question 'api' takes yes or no" in lines
    assert any(line.startswith(f"{s}:8:") and "confidence: 'sure'" in line for line in lines)
    assert any(line.startswith(f"{s}:8:") and "unknown choice 'beta'" in line for line in lines)
    assert any(line.startswith(f"{s}:9:") and "takes a number in s" in line for line in lines)
    assert any(line.startswith(f"{s}:9:") and "unknown grade 'gold'" in line for line in lines)
    assert any(line.startswith(f"{s}:9:") and "'yesterday' is not a date" in line
               for line in lines)
    assert any(line.startswith(f"{s}:10:") and "does not allow N/A" in line for line in lines)
    assert any(line.startswith(f"{s}:10:") and "'2026-13-01' is not a date" in line
               for line in lines)
    assert any(line.startswith(f"{s}:11:") and "already on line 2" in line for line in lines)
    assert "Traceback" not in result.err


def test_import_merges_row_by_row(cli: Cli, ev: Path, workdir: Path) -> None:
    rate(cli, ev, "ana", "acme", "who-ran", "--score", "2", "--note", "keep me")
    rate(cli, ev, "ana", "acme", "tasks", "--score", "2")
    rate(cli, ev, "ana", "gamma", "api", "--yes")
    old_at = load_folder(ev).ratings["ana"].answers["acme"]["who-ran"].at
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    writer.writerow(["vendor", "question", "value", "rater", "my column"])
    writer.writerows([
        ["Acme", "who-ran", "4", "ana", "x"],          # vendor by name; no note column: kept
        ["acme", "tasks", "", "", ""],                 # blank row: cleared
        ["beta-corp", "status", "Preview", "", ""],    # choice by its label: added
        ["gamma", "latency", "12.5", "bob", ""],       # someone else's row: skipped
    ])
    sheet = workdir / "semi.csv"
    sheet.write_bytes(b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8"))
    result = cli("import", ev, sheet, "--rater", "ana", "--dry-run")
    assert result.code == 0, result.err
    assert "1 added, 1 changed, 1 cleared, 0 unchanged" in result.out
    assert "skipped 1 row(s) of other raters" in result.out
    assert "ignored unknown column(s): my column" in result.out
    assert "dry run" in result.out
    assert cli("import", ev, sheet, "--rater", "ana").code == 0
    answers = load_folder(ev).ratings["ana"].answers
    assert answers["acme"]["who-ran"].score == 4
    assert answers["acme"]["who-ran"].note == "keep me"
    new_at = answers["acme"]["who-ran"].at
    assert old_at is not None and new_at is not None and new_at >= old_at
    assert "tasks" not in answers["acme"]
    assert answers["beta-corp"]["status"].choice == "preview"
    assert answers["gamma"]["api"].answer is True        # no row: untouched


def test_changed_value_gets_a_new_timestamp(ev: Path, cli: Cli, workdir: Path) -> None:
    rate(cli, ev, "ana", "acme", "who-ran", "--score", "2")
    sheet = workdir / "s.csv"
    assert cli("export", ev, "--rater", "ana", "-o", sheet).code == 0
    text = sheet.read_text(encoding="utf-8-sig").replace(",score,ana,2,", ",score,ana,3,")
    sheet.write_text(text, encoding="utf-8")
    stamp = dt.datetime(2030, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
    plan = plan_import(load_folder(ev), sheet, "ana", timestamp=stamp)
    assert plan.changed == [("acme", "who-ran")]
    assert apply_import(plan)
    answer = load_folder(ev).ratings["ana"].answers["acme"]["who-ran"]
    assert answer.score == 3 and answer.at == stamp


def test_import_refuses_to_clobber_a_concurrent_edit(ev: Path, cli: Cli, workdir: Path) -> None:
    rate(cli, ev, "ana", "acme", "who-ran", "--score", "2")
    sheet = _sheet(workdir / "s.csv", [["acme", "tasks", "ana", "1", "", "", "", ""]])
    plan = plan_import(load_folder(ev), sheet, "ana")
    rate(cli, ev, "ana", "gamma", "api", "--yes")          # someone saves meanwhile
    before = snapshot(ev)
    with pytest.raises(ConflictError):
        apply_import(plan)
    assert snapshot(ev) == before


def test_orphans_are_not_exported_and_survive_an_import(ev: Path, cli: Cli,
                                                        workdir: Path) -> None:
    rate(cli, ev, "ana", "acme", "who-ran", "--score", "2")
    ratings = ev / "ratings" / "ana.yaml"
    ratings.write_text(ratings.read_text(encoding="utf-8") + "  ghost-vendor:\n    who-ran:\n"
                       "      score: 1\n", encoding="utf-8")
    assert cli("rate", ev, "--rater", "ana", "--vendor", "gamma", "--question", "api",
               "--yes").code == 0
    original = ratings.read_bytes()
    sheet = workdir / "s.csv"
    result = cli("export", ev, "--rater", "ana", "-o", sheet)
    assert "1 answer(s) to questions or vendors the evaluation no longer has" in result.err
    assert "ghost-vendor" not in sheet.read_text(encoding="utf-8-sig")
    text = sheet.read_text(encoding="utf-8-sig").replace(",yes_no,ana,yes,", ",yes_no,ana,no,")
    sheet.write_text(text, encoding="utf-8")
    assert cli("import", ev, sheet, "--rater", "ana").code == 0
    answers = load_folder(ev).ratings["ana"].answers
    assert answers["ghost-vendor"]["who-ran"].score == 1
    assert answers["gamma"]["api"].answer is False
    assert ratings.read_bytes() != original


def test_blank_form_for_one_rater(ev: Path, cli: Cli, workdir: Path) -> None:
    sheet = workdir / "form.csv"
    result = cli("export", ev, "--rater", "carol", "--blank", "-o", sheet)
    assert result.code == 0, result.err
    rows = list(csv.DictReader(io.StringIO(sheet.read_text(encoding="utf-8-sig"))))
    assert len(rows) == 15 and all(r["value"] == "" for r in rows)
    text = sheet.read_text(encoding="utf-8-sig").replace("who-ran,Who ran the benchmark?,score,"
                                                         "carol,,", "who-ran,Who ran the "
                                                         "benchmark?,score,carol,1,", 1)
    sheet.write_text(text, encoding="utf-8")
    result = cli("import", ev, sheet, "--rater", "Carol")
    assert result.code == 0, result.err
    assert "1 added, 0 changed, 0 cleared, 14 unchanged" in result.out
    assert load_folder(ev).ratings["carol"].rater == "Carol"


def test_unreadable_sheets(ev: Path, cli: Cli, workdir: Path) -> None:
    latin = workdir / "latin.csv"
    latin.write_bytes("vendor,question,value,note\nacme,who-ran,2,café\n".encode("latin-1"))
    result = cli("import", ev, latin, "--rater", "ana")
    assert result.code == 2 and "is not UTF-8" in result.err and f"{latin}:2:" in result.err
    no_header = workdir / "nh.csv"
    no_header.write_text("acme,who-ran,2\n", encoding="utf-8")
    result = cli("import", ev, no_header, "--rater", "ana")
    assert result.code == 2 and f"{no_header}:1:1:" in result.err and "missing" in result.err
    empty = _sheet(workdir / "empty.csv", [])
    assert "no rows under the header" in cli("import", ev, empty, "--rater", "ana").err
    assert cli("import", ev, workdir / "nope.csv", "--rater", "ana").code == 2
    assert not (ev / "ratings" / "ana.yaml").exists()
    assert cli("export", ev, "--rater", "nobody").code == 2


@settings(max_examples=25, deadline=None)
@given(note=st.text(alphabet=st.characters(blacklist_categories=("Cs",),
                                           blacklist_characters="\x00"), max_size=40))
def test_any_note_survives_the_sheet(note: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Whatever a rater types, the CSV carries it back exactly (formulas, quotes, newlines)."""
    from checklist.files.folder import RatingsFile, load_folder
    from checklist.model import Answer
    from checklist.reuse.spreadsheet import export_rows, to_csv

    from .conftest import DATA

    base = tmp_path_factory.mktemp("prop")
    from checklist.cli import main

    assert main(["new", str(base / "ev"), "--rubric", str(DATA / "tiny.yaml"), "--title", "P",
                 "--vendor", "Acme"]) == 0
    workspace = load_folder(base / "ev")
    file = workspace.ratings_file("ana")
    file.update("acme", "who-ran", Answer(score=1, note=note,
                                          at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC)))
    workspace = load_folder(base / "ev")
    sheet = base / "s.csv"
    sheet.write_bytes(to_csv(export_rows(workspace, rater="ana").rows))
    plan = plan_import(workspace, sheet, "ana")
    got = plan.after.answers["acme"]["who-ran"].note
    assert got == note
    assert isinstance(file, RatingsFile)


def test_a_reformatted_time_is_not_an_edit(ev: Path, cli: Cli, workdir: Path) -> None:
    """Excel rewrites 2026-11-02T10:04:00+00:00 as 2026-11-02 10:04: the file must not churn."""
    rate(cli, ev, "ana", "acme", "who-ran", "--score", "2")
    before = snapshot(ev)
    sheet = workdir / "s.csv"
    assert cli("export", ev, "--rater", "ana", "-o", sheet).code == 0
    text = sheet.read_text(encoding="utf-8-sig")
    text, count = re.subn(r"(\d{4}-\d\d-\d\d)T(\d\d:\d\d):\d\d\+00:00", r"\1 \2", text)
    assert count == 1
    sheet.write_text(text, encoding="utf-8")
    result = cli("import", ev, sheet, "--rater", "ana")
    assert result.code == 0 and "no changes" in result.out
    assert snapshot(ev) == before


def test_a_blank_row_in_a_narrow_sheet_keeps_what_the_sheet_does_not_show(
        ev: Path, cli: Cli, workdir: Path) -> None:
    """A sheet with only a value column clears the value, never the evidence or note."""
    rate(cli, ev, "ana", "acme", "tasks", "--score", "2", "--note", "seen in the deck",
         "--evidence", "https://example.test/deck", "--confidence", "low")
    sheet = workdir / "narrow.csv"
    sheet.write_text("vendor,question,rater,value\r\nacme,tasks,ana,\r\n", encoding="utf-8")
    result = cli("import", ev, sheet, "--rater", "ana")
    assert result.code == 0, result.err
    answer = load_folder(ev).ratings["ana"].answers["acme"]["tasks"]
    assert answer.score is None
    assert answer.note == "seen in the deck" and answer.confidence == "low"
    assert [e.url for e in answer.evidence] == ["https://example.test/deck"]


_TRICKY = st.text(alphabet=st.sampled_from(list('ab "",;\t\r\n=\'é')), max_size=12)


@settings(max_examples=60, deadline=None)
@given(first=_TRICKY, second=_TRICKY, delimiter=st.sampled_from([",", ";", "\t"]))
def test_a_problem_points_at_its_cell_after_any_quoting(
        first: str, second: str, delimiter: str,
        tmp_path_factory: pytest.TempPathFactory) -> None:
    """Cells with quotes, delimiters and line breaks before the bad cell: the problem names
    the line and column where that cell starts, as counted in what the CSV writer wrote."""
    from checklist.cli import main

    from .conftest import DATA

    base = tmp_path_factory.mktemp("where")
    assert main(["new", str(base / "ev"), "--rubric", str(DATA / "tiny.yaml"), "--title", "P",
                 "--vendor", "Acme"]) == 0
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(["vendor", "question", "rater", "value", "note", "evidence", "confidence"])
    writer.writerow(["acme", "who-ran", "ana", "2", first, "", "high"])
    before_bad_cell = ["acme", "tasks", "ana", "3", second, ""]
    writer.writerow([*before_bad_cell, ""])
    prefix = buffer.getvalue().removesuffix("\r\n")  # ends with the delimiter before the cell
    sheet = base / "s.csv"
    sheet.write_text(prefix + "sure\r\n", encoding="utf-8", newline="")
    lines = io.StringIO(prefix, newline="").readlines()
    with pytest.raises(ChecklistError) as raised:
        plan_import(load_folder(base / "ev"), sheet, "ana")
    problem = raised.value.problems[0]
    assert "confidence: 'sure'" in problem.message
    assert (problem.line, problem.column) == (len(lines), len(lines[-1]) + 1)
