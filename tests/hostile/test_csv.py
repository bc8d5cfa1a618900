"""Hostile spreadsheets for `checklist import`: the same promise as for YAML files.

A sheet comes back from someone else's spreadsheet program, so it may have any encoding,
line ending, quoting or size. Import either applies it or exits 2 with `file:line:column`
problems (or `file:` for the whole file), no traceback, and the ratings file untouched.
A seeded fuzz test mutates an exported sheet the way editors and people do.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hostile.test_fuzz import FUZZ, TOKENS, check_outcome, mutate, mutation
from hostile.util import check_user_error, make_evaluation, run_cli, run_main

CSV_TOKENS = [b",", b";", b"\t", b'"', b'""', b"\r", b"\n", b"\r\n", b"=cmd|' /C calc'!A0",
              b"+1", b"@SUM(A1)", b"\xff", b"\x00", b"\xef\xbb\xbf", b"x" * 500, b"9" * 400,
              b"acme", b"who-ran", b"na", b"yes", b"-1", b"1e400", b"nan", b"|", b"\\"]


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    """An evaluation and the CSV sheet `checklist export` writes for rater ana."""
    folder = make_evaluation(tmp_path_factory.mktemp("csv"))
    out = folder.parent / "ana.csv"
    done = run_main("export", folder, "--rater", "ana", "-o", out)
    assert done.code == 0, done.stderr
    return folder, out.read_bytes()


@pytest.fixture
def folder(pristine: tuple[Path, bytes], tmp_path: Path) -> Path:
    target = tmp_path / "ev"
    shutil.copytree(pristine[0], target)
    return target


def _header(sheet: bytes) -> bytes:
    return sheet.split(b"\n", 1)[0] + b"\n"


def _edit_cell(sheet: bytes, column: str, value: bytes) -> bytes:
    """The first data row with one cell replaced (cells here hold no commas or quotes)."""
    lines = sheet.split(b"\n")
    names = lines[0].lstrip(b"\xef\xbb\xbf").rstrip(b"\r").split(b",")
    cells = lines[1].rstrip(b"\r").split(b",")
    cells[names.index(column.encode())] = value
    lines[1] = b",".join(cells) + b"\r"
    return b"\n".join(lines)


CASES: list[tuple[str, object, str]] = [
    # (name, sheet -> bytes, expected: "error" | "whole-file" | "ok")
    ("crlf", lambda s: s, "ok"),
    ("lf-only", lambda s: s.replace(b"\r\n", b"\n"), "ok"),
    ("no-bom", lambda s: s.removeprefix(b"\xef\xbb\xbf"), "ok"),
    ("semicolons", lambda s: s.replace(b",", b";"), "ok"),
    ("formula-note", lambda s: _edit_cell(s, "note", b"=HYPERLINK(\"http://x\")"), "ok"),
    ("yaml-in-note", lambda s: _edit_cell(s, "note", b'"key: value\n- item\n&a *a !!python/x"'),
     "ok"),
    ("empty-file", lambda s: b"", "error"),
    ("header-only", _header, "error"),
    ("missing-columns", lambda s: b"vendor,question\nacme,who-ran\n", "error"),
    ("duplicate-column", lambda s: s.replace(b",note,", b",value,", 1), "error"),
    ("not-utf8", lambda s: s + b"acme,Acme,claims-a,tasks,T,score,ana,2,caf\xe9,,,\r\n", "error"),
    ("utf16", lambda s: s.decode("utf-8-sig").encode("utf-16"), "error"),
    ("nul-byte", lambda s: s.replace(b"acme", b"ac\x00me", 1), "error"),
    ("unclosed-quote", lambda s: s + b'acme,Acme,claims-a,tasks,T,score,ana,2,"open,,,\r\n',
     "error"),
    ("too-many-cells", lambda s: s + b"acme,Acme,claims-a,tasks,T,score,ana,2,a,b,c,d,e,f\r\n",
     "error"),
    ("unknown-vendor", lambda s: _edit_cell(s, "vendor", b"zeta"), "error"),
    ("unknown-question", lambda s: _edit_cell(s, "question", b"who-runs"), "error"),
    ("score-outside-scale", lambda s: _edit_cell(s, "value", b"9"), "error"),
    ("score-not-a-number", lambda s: _edit_cell(s, "value", b"high"), "error"),
    ("score-nan", lambda s: _edit_cell(s, "value", b"nan"), "error"),
    ("bad-confidence", lambda s: _edit_cell(s, "confidence", b"certain"), "error"),
    ("bad-time", lambda s: _edit_cell(s, "at", b"yesterday"), "error"),
    ("escape-in-vendor", lambda s: _edit_cell(s, "vendor", b"\x1b]0;pwned\x07"), "error"),
    ("duplicate-row", lambda s: s + s.split(b"\n")[1] + b"\n", "error"),
    ("long-cell", lambda s: _edit_cell(s, "note", b"n" * 2_000_000), "error"),
]


@pytest.mark.parametrize("name,make,expected", [
    pytest.param(*case, id=case[0])
    for case in CASES
])
def test_hostile_sheets(name: str, make: object, expected: str, folder: Path,
                        pristine: tuple[Path, bytes], tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.csv"
    sheet.write_bytes(make(pristine[1]))  # type: ignore[operator]
    ratings = folder / "ratings" / "ana.yaml"
    before = ratings.read_bytes()
    result = run_cli("import", folder, sheet, "--rater", "ana")
    if expected == "ok":
        assert result.code == 0, result.output[:2000]
        assert run_cli("summary", folder).code == 0
        return
    check_user_error(result, sheet, positioned=expected != "whole-file")
    assert ratings.read_bytes() == before, "a refused import changed the ratings file"


_ROW = b"acme,Acme,claims-a,tasks,T,score,ana,2,,,,\r\n"
_WIDE = [b"vendor", b"question", b"value", *(b"c%d" % i for i in range(100_000))]


def _column_of(cells: list[bytes], index: int) -> int:
    """The 1-based column where cell `index` of a comma-separated line starts."""
    return len(b",".join(cells[:index])) + 2


#: Sheets over a limit, or shaped to make a careless reader quadratic: each is refused at
#: the first cell or row over the limit, with one message (the 100,000-column header took
#: 111 s when every column name was counted against every other).
LIMIT_CASES: list[tuple[str, object, int, int, str]] = [
    # (name, sheet -> bytes, line, column, message)
    ("100k-columns", lambda s: b",".join(_WIDE) + b"\r\nacme,who-ran,2\r\n",
     1, _column_of(_WIDE, 200), "100,003 columns, over the limit of 200"),
    ("duplicate-column-at-its-place", lambda s: s.replace(b",note,", b",value,", 1),
     1, len("vendor,vendor_name,section,question,question_text,type,rater,value,") + 1,
     "'value' is named twice"),
    ("many-rows", lambda s: _header(s) + _ROW * 200_001, 200_002, 1, "more than 200,000 rows"),
    ("long-cell", lambda s: _header(s) + _ROW[:39] + b"n" * 100_001 + b",,,\r\n", 2, 40,
     "over 100,000 characters"),
    ("long-quoted-cell", lambda s: _header(s) + _ROW[:39] + b'"' + b"n\r\n" * 60_000
     + b'",,,\r\n', 2, 40, "over 100,000 characters"),
    ("unclosed-quote-at-the-top", lambda s: _header(s) + _ROW[:39] + b'"open,,,\r\n'
     + _ROW * 40_000, 2, 40, "close the quote"),
    ("million-cells-in-a-row", lambda s: _header(s) + _ROW[:38] + b"," * 1_000_000 + b"\r\n",
     2, 44, "1,000,008 cells but the header names 12"),
    ("long-unknown-vendor", lambda s: _header(s) + b"acme" * 20_000 + _ROW[4:], 2, 1,
     "unknown vendor 'acmeacme"),
]


@pytest.mark.parametrize("name,make,line,column,message", [
    pytest.param(*case, id=case[0]) for case in LIMIT_CASES
])
def test_sheet_limits(name: str, make: object, line: int, column: int, message: str,
                      folder: Path, pristine: tuple[Path, bytes], tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.csv"
    sheet.write_bytes(make(pristine[1]))  # type: ignore[operator]
    ratings = folder / "ratings" / "ana.yaml"
    before = ratings.read_bytes()
    result = run_cli("import", folder, sheet, "--rater", "ana")
    found = check_user_error(result, sheet, line=line, message=re.escape(message),
                             max_lines=1)
    assert int(found[0]["column"]) == column, result.stderr
    assert ratings.read_bytes() == before, "a refused import changed the ratings file"


def test_a_sheet_of_bad_rows_lists_the_first_hundred(folder: Path, tmp_path: Path,
                                                      pristine: tuple[Path, bytes]) -> None:
    """150,000 rows naming unknown questions: the first 100 problems, in order, and the
    rest of the sheet is not worked through (each unknown name would cost a typo search)."""
    sheet = tmp_path / "sheet.csv"
    sheet.write_bytes(_header(pristine[1]) + b"".join(
        b"acme,Acme,claims-a,q%d,T,score,ana,2,,,,\r\n" % i for i in range(150_000)))
    result = run_cli("import", folder, sheet, "--rater", "ana")
    found = check_user_error(result, sheet, line=2, message="unknown question 'q0'",
                             max_lines=100)
    assert [int(f["line"]) for f in found] == list(range(2, 102))


def test_a_sheet_over_the_size_limit_is_refused_unread(folder: Path, tmp_path: Path) -> None:
    import os

    sheet = tmp_path / "huge.csv"
    sheet.write_bytes(b"vendor,question,value\n")
    os.truncate(sheet, 1 << 30)  # sparse: reading it would take seconds
    result = run_cli("import", folder, sheet, "--rater", "ana")
    check_user_error(result, sheet, positioned=False, message="limit")


@pytest.mark.slow
@FUZZ
@given(ops=st.lists(st.one_of(mutation, st.builds(
    lambda at, token: lambda data: data[: int(at * len(data))] + token
    + data[int(at * len(data)):], st.floats(0, 1), st.sampled_from([*CSV_TOKENS, *TOKENS]))),
    min_size=1, max_size=4))
def test_fuzz_import(pristine: tuple[Path, bytes], ops: list) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "ev"
        shutil.copytree(pristine[0], folder)
        sheet = Path(tmp) / "sheet.csv"
        sheet.write_bytes(mutate(pristine[1], ops))
        ratings = folder / "ratings" / "ana.yaml"
        before = ratings.read_bytes()
        result = run_main("import", folder, sheet, "--rater", "ana")
        check_outcome(result, Path(tmp))
        if result.code != 0:
            assert ratings.read_bytes() == before
        else:  # whatever it accepted, the folder still loads
            check_outcome(run_main("summary", folder), folder)
