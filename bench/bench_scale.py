"""Scaling benchmarks: costs that must grow linearly (or not at all) with what a file holds.

Each target is a ratio within one run, so the machine's speed cancels out:
- CSV import (issue 11, item 3): refusing a header of many columns costs the same per
  column at 10x the columns (it was quadratic: 100,000 columns took 111 s), and a
  100,000-column header is refused, whole process, within 1.5x of importing a normal
  sheet; importing costs the same per row at 10x the rows.
- XLSX import (issue 18): the same per row at 10x the rows; its cost against CSV and of a
  refused over-tall workbook are shown for reference.
- Sections (item 6): `summary` costs the same per section at 10x the one-question
  sections (20,000 took 37.5 s when every flip step re-added every section).
- The rubric library (item 7): `rubrics validate FILE`, whole process, costs at most 1.2x
  as much beside a 4.7 MB rubric as alone, with and without `extends`.

Times are the minimum over interleaved repeats (see bench_core). `measure(size)` returns rows
with the keys name, size, seconds, baseline, ratio, target, ok; `python bench/bench_scale.py
[small|large]` prints them.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH), str(BENCH.parent / "tests")]

import synth  # noqa: E402  (bench/ is put on the path just above)
from bench_core import bare_parse_gc_paused, print_rows, row  # noqa: E402

LINEAR_TARGET = 1.5
PROCESS_TARGET = 1.5
LIBRARY_TARGET = 1.2
#: (columns, rows) per size: the larger count is 10x the smaller one.
CSV_COLUMNS = {"small": 10_000, "large": 100_000}
CSV_SHEET = {"small": (10, 100, 1), "large": (100, 200, 1)}
SECTIONS = {"small": 2_000, "large": 20_000}


def best_of(runs: dict[str, Callable[[], Any]], repeat: int) -> dict[str, float]:
    """The best time of each run, the runs interleaved so slow phases hit them all."""
    best = dict.fromkeys(runs, float("inf"))
    for _ in range(repeat):
        for name, run in runs.items():
            start = time.perf_counter()
            run()
            best[name] = min(best[name], time.perf_counter() - start)
    return best


# --- CSV import -----------------------------------------------------------------------------


def _wide_header(columns: int) -> bytes:
    names = [b"vendor", b"question", b"value", *(b"c%d" % i for i in range(columns - 3))]
    return b",".join(names) + b"\r\nacme,who-ran,2\r\n"


#: A rater with no ratings file yet: an import then costs only the sheet, not the YAML load
#: of the rater's existing answers (a fixed cost that would hide the growth per row).
NEW_RATER = "bench"


def _refused_import(workspace: Any, sheet: Path) -> None:
    from checklist.errors import ChecklistError
    from checklist.reuse.spreadsheet import plan_import

    try:
        plan_import(workspace, sheet, NEW_RATER)
    except ChecklistError:
        return
    raise AssertionError(f"{sheet} should have been refused")


def measure_csv(size: str) -> list[dict[str, Any]]:
    """Per column and per row, in-process: `plan_import` reads and checks the whole sheet."""
    import dataclasses

    from checklist.files.folder import load_folder
    from checklist.reuse.spreadsheet import export_rows, plan_import, to_csv

    workspace = load_folder(synth.cached(CSV_SHEET[size]))
    exported = [dataclasses.replace(r, rater=NEW_RATER)
                for r in export_rows(workspace, rater="rater-0").rows]
    many, rows = CSV_COLUMNS[size], len(exported)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        wide, narrow = root / "wide.csv", root / "narrow.csv"
        wide.write_bytes(_wide_header(many))
        narrow.write_bytes(_wide_header(many // 10))
        long_sheet, short_sheet = root / "long.csv", root / "short.csv"
        long_sheet.write_bytes(to_csv(exported))
        short_sheet.write_bytes(to_csv(exported[: rows // 10]))
        times = best_of({
            "wide": lambda: _refused_import(workspace, wide),
            "narrow": lambda: _refused_import(workspace, narrow),
            "long": lambda: plan_import(workspace, long_sheet, NEW_RATER),
            "short": lambda: plan_import(workspace, short_sheet, NEW_RATER),
        }, repeat=5)
    return [
        row(f"csv: header of {many:,} columns refused, per column, vs {many // 10:,}", size,
            times["wide"] / many, times["narrow"] / (many // 10), LINEAR_TARGET),
        row(f"csv: import per row, {rows:,} rows vs {rows // 10:,}", size,
            times["long"] / rows, times["short"] / (rows // 10), LINEAR_TARGET),
    ]


def measure_csv_process(size: str) -> list[dict[str, Any]]:
    """`checklist import --dry-run`, whole process, on the tests' small evaluation: a
    100,000-column header (689 KB) against the 5-row sheet `export` writes."""
    from hostile.util import make_evaluation, run_main

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        folder = make_evaluation(root)
        normal, hostile = root / "ana.csv", root / "wide.csv"
        assert run_main("export", folder, "--rater", "ana", "-o", normal).code == 0
        hostile.write_bytes(_wide_header(100_000))

        def run(sheet: Path) -> None:
            subprocess.run([sys.executable, "-m", "checklist", "import", str(folder),
                            str(sheet), "--rater", "ana", "--dry-run"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600)

        best = best_of({"hostile": lambda: run(hostile), "normal": lambda: run(normal)}, 7)
    return [row("csv: `import` of a 100,000-column header vs a 5-row sheet, whole process",
                size, best["hostile"], best["normal"], PROCESS_TARGET)]


def measure_xlsx(size: str) -> list[dict[str, Any]]:
    """XLSX import (issue 18), in-process: the same per row at 10x the rows, and the cost of
    a workbook against the CSV of the same rows (reference: openpyxl parses XML). A workbook
    with one stray cell at row 1,000,000 is refused at row 200,001, so it costs at most
    what the row limit allows (reference, against importing the real rows)."""
    import dataclasses

    import openpyxl

    from checklist.files.folder import load_folder
    from checklist.reuse.spreadsheet import export_rows, plan_import, to_csv
    from checklist.reuse.xlsx_export import to_xlsx

    workspace = load_folder(synth.cached(CSV_SHEET[size]))
    exported = [dataclasses.replace(r, rater=NEW_RATER)
                for r in export_rows(workspace, rater="rater-0").rows]
    rows = len(exported)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        long_book, short_book = root / "long.xlsx", root / "short.xlsx"
        long_book.write_bytes(to_xlsx(workspace, exported))
        short_book.write_bytes(to_xlsx(workspace, exported[: rows // 10]))
        csv_sheet = root / "long.csv"
        csv_sheet.write_bytes(to_csv(exported))
        book = openpyxl.load_workbook(short_book)
        book["Ratings"]["A1000000"] = "stray"
        tall = root / "tall.xlsx"
        book.save(tall)
        times = best_of({
            "long": lambda: plan_import(workspace, long_book, NEW_RATER),
            "short": lambda: plan_import(workspace, short_book, NEW_RATER),
            "csv": lambda: plan_import(workspace, csv_sheet, NEW_RATER),
            "tall": lambda: _refused_import(workspace, tall),
        }, repeat=3)
    return [
        row(f"xlsx: import per row, {rows:,} rows vs {rows // 10:,}", size,
            times["long"] / rows, times["short"] / (rows // 10), LINEAR_TARGET),
        row(f"xlsx: import of {rows:,} rows vs the same rows as CSV (reference)", size,
            times["long"], times["csv"], None),
        row(f"xlsx: a stray cell at row 1,000,000 refused vs importing {rows:,} rows "
            "(reference)", size, times["tall"], times["long"], None),
    ]


# --- many sections --------------------------------------------------------------------------


def sections_folder(folder: Path, sections: int, vendors: int = 3, seed: int = 0) -> Path:
    """An evaluation whose rubric has `sections` one-question sections, every question
    answered for every vendor by one rater (seeded scores), written by checklist's writers."""
    import datetime as dt
    import random

    from checklist.files.folder import Ordering, RatingsFile, create_folder
    from checklist.model.evaluation import Evaluation, RubricPin, Vendor
    from checklist.model.ratings import Answer, Ratings
    from checklist.model.rubric import Question, Rubric, Section

    rng = random.Random(seed)
    rubric = Rubric(id="many-sections", version="1.0.0", title="Many sections", sections=[
        Section(id=f"s{i}", title=f"Section {i}", axis="claims" if i % 2 else "readiness",
                weight=1 + i % 3, questions=[Question(id=f"q{i}", text=f"Question {i}?")])
        for i in range(sections)
    ])
    vendor_list = [Vendor(id=f"v{v}", name=f"Vendor {v}") for v in range(vendors)]
    evaluation = Evaluation(title="Many sections", owner="bench", date=dt.date(2026, 11, 21),
                            rubric=RubricPin(id=rubric.id, version=rubric.version,
                                             sha256=rubric.digest()), vendors=vendor_list)
    workspace = create_folder(folder, evaluation, rubric)
    at = dt.datetime(2026, 11, 1, 9, tzinfo=dt.UTC)
    answers = {v.id: {f"q{i}": Answer(score=rng.randint(0, 4), at=at) for i in range(sections)}
               for v in vendor_list}
    RatingsFile(folder, "ana", Ordering.of(workspace.evaluation, workspace.rubric)).replace(
        Ratings(rater="ana", answers=answers))  # type: ignore[arg-type]
    return folder


def measure_sections(size: str) -> list[dict[str, Any]]:
    """`summary` (load + score + table, in-process) per section at 10x the sections: the
    flip search was quadratic (20,000 one-question sections: 37.5 s).

    The bare parse of the same files (GC paused) gets the same ratio as a reference: walking
    ten times the objects costs more per object by itself (caches, memory), and only what
    the summary adds beyond that ratio is checklist's own growth.
    """
    from checklist.cli.summary_cmds import render_summary
    from checklist.files.folder import load_folder
    from checklist.scoring import score_workspace

    many = SECTIONS[size]
    with tempfile.TemporaryDirectory() as tmp:
        big = sections_folder(Path(tmp) / "big", many)
        small = sections_folder(Path(tmp) / "small", many // 10)

        def summary(folder: Path) -> str:
            return render_summary(score_workspace(load_folder(folder)))

        # The small runs repeated so their best is as settled as the big ones'.
        runs: dict[str, Callable[[], Any]] = {
            "big": lambda: summary(big), "big-parse": lambda: bare_parse_gc_paused(big)}
        for i in range(5):
            runs[f"small{i}"] = lambda: summary(small)
            runs[f"small-parse{i}"] = lambda: bare_parse_gc_paused(small)
        best = best_of(runs, repeat=2 if size == "large" else 5)
    small_best = min(v for k, v in best.items() if k.startswith("small") and "parse" not in k)
    small_parse = min(v for k, v in best.items() if k.startswith("small-parse"))
    label = f"{many:,} one-question sections vs {many // 10:,}"
    return [
        row(f"sections: summary per section, {label}", size, best["big"] / many,
            small_best / (many // 10), LINEAR_TARGET),
        row(f"sections: bare parse, GC paused (reference) per section, {label}", size,
            best["big-parse"] / many, small_parse / (many // 10)),
    ]


# --- the rubric library -------------------------------------------------------------------

_SMALL_RUBRIC = """id: small
version: 1.0.0
title: Small
sections:
  - id: s
    title: S
    axis: claims
    questions:
      - id: q
        text: Q?
"""
_TEAM_RUBRIC = "id: team\nversion: 1.0.0\ntitle: Team\nextends: small\n"
#: Questions in the big neighbour: about 4.7 MB of YAML, as in the issue.
BIG_QUESTIONS = 12_500


def library_folders(root: Path) -> tuple[Path, Path]:
    """Two folders holding the same small rubric and a rubric extending it; the second also
    holds a 4.7 MB rubric that neither needs."""
    from checklist.files.yamlio import dump_yaml

    alone, crowded = root / "alone", root / "crowded"
    for folder in (alone, crowded):
        folder.mkdir()
        (folder / "small.yaml").write_text(_SMALL_RUBRIC, encoding="utf-8")
        (folder / "team.yaml").write_text(_TEAM_RUBRIC, encoding="utf-8")
    big = synth.build_rubric(BIG_QUESTIONS).model_copy(update={"id": "big"})  # type: ignore[attr-defined]
    (crowded / "big.yaml").write_text(
        dump_yaml(big.model_dump(mode="json", exclude_defaults=True)), encoding="utf-8")
    return alone, crowded


def measure_library(size: str) -> list[dict[str, Any]]:
    """`checklist rubrics validate FILE`, whole process, with and without a 4.7 MB rubric in
    the same folder: alone it took 0.2 s and beside the big one 3.8 s, which every file in
    the folder was parsed for."""
    with tempfile.TemporaryDirectory() as tmp:
        alone, crowded = library_folders(Path(tmp))
        megabytes = (crowded / "big.yaml").stat().st_size / 1e6

        def validate(path: Path) -> None:
            done = subprocess.run([sys.executable, "-m", "checklist", "rubrics", "validate",
                                   str(path)], stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL, timeout=600)
            assert done.returncode == 0, path

        runs = {f"{name}-{where}": (lambda path=folder / f"{name}.yaml": validate(path))
                for name in ("small", "team") for where, folder in (("alone", alone),
                                                                     ("crowded", crowded))}
        best = best_of(runs, repeat=7 if size == "large" else 3)
    return [
        row(f"library: `rubrics validate` beside a {megabytes:.1f} MB rubric vs alone", size,
            best["small-crowded"], best["small-alone"], LIBRARY_TARGET),
        row("library: the same for a rubric with `extends` (found by header)", size,
            best["team-crowded"], best["team-alone"], LIBRARY_TARGET),
    ]


def measure(size: str = "large") -> list[dict[str, Any]]:
    rows = measure_csv(size)
    rows += measure_xlsx(size)
    if size == "large":
        rows += measure_csv_process(size)
    rows += measure_sections(size)
    rows += measure_library(size)
    return rows


if __name__ == "__main__":
    print_rows(measure(sys.argv[1] if len(sys.argv) > 1 else "small"))
