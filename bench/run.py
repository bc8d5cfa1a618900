"""Runs every benchmark and prints one table: each result beside its baseline and target.

    python bench/run.py              # small and large sizes (several minutes)
    python bench/run.py --quick      # small size only, hostile inputs sampled (about a minute)
    python bench/run.py --markdown   # the same table as Markdown, for bench/README.md
    python bench/run.py --only core,startup --json results.json

Benchmarks are not tests: a missed target is printed as MISSED and the command still exits
0 (`--strict` makes it exit 1). Modules still being written are listed as "not available".
Each module exposes `measure(size) -> list[dict]` with the keys
name, size, seconds, baseline, ratio, target, ok.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import os
import platform
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH), str(BENCH.parent / "tests")]

Row = dict[str, Any]


def _module_rows(module: str, sizes: list[str]) -> list[Row]:
    """`module.measure(size)` for every size, or one row saying why it could not run."""
    try:
        loaded = importlib.import_module(module)
    except ModuleNotFoundError as exc:
        return [_note(module, f"not available ({exc.name} missing)")]
    rows: list[Row] = []
    for size in sizes:
        rows += _guarded(module, size, lambda size=size: loaded.measure(size))
    return rows


def _guarded(name: str, size: str, run: Callable[[], list[Row]]) -> list[Row]:
    """Runs one benchmark; a crash becomes a row instead of ending the whole run."""
    try:
        return list(run())
    except Exception as exc:  # a broken benchmark must not hide the others' results
        if os.environ.get("CHECKLIST_DEBUG"):
            traceback.print_exc()
        return [_note(name, f"error: {type(exc).__name__}: {exc}"[:160], size)]


def _note(name: str, text: str, size: str = "-") -> Row:
    return {"name": f"{name}: {text}", "size": size, "seconds": None, "baseline": None,
            "ratio": None, "target": None, "ok": None}


def benchmarks(quick: bool, only: set[str] | None) -> list[tuple[str, Callable[[], list[Row]]]]:
    """(group, thunk) pairs in the order the table shows them."""
    import bench_core

    sizes = ["small"] if quick else ["small", "large"]
    hostile_size = "small" if quick else "large"
    plan: list[tuple[str, Callable[[], list[Row]]]] = [
        ("core", lambda: [r for size in sizes
                          for r in _guarded("bench_core", size,
                                            lambda size=size: bench_core.measure(size))]),
        ("hostile", lambda: _guarded("hostile", hostile_size,
                                     lambda: bench_core.measure_hostile(hostile_size))),
        ("startup", lambda: _guarded("startup", "-", bench_core.measure_startup)),
        ("memo", lambda: _module_rows("bench_memo", sizes)),
        ("tui", lambda: _module_rows("bench_tui", sizes)),
        ("scale", lambda: _module_rows("bench_scale", sizes)),
        ("bakeoff", lambda: _module_rows("bench_bakeoff", sizes)),
        ("register", lambda: _module_rows("bench_register", sizes)),
    ]
    return [(group, thunk) for group, thunk in plan if only is None or group in only]


def machine() -> dict[str, str]:
    """What the figures were measured on: they only compare within one machine and run."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        load = "load average {:.1f}, {:.1f}, {:.1f}".format(*os.getloadavg())
    except OSError:
        load = "load unknown"
    return {"date": dt.date.today().isoformat(), "cpu": cpu,
            "cores": str(os.cpu_count()), "python": platform.python_version(),
            "system": f"{platform.system()} {platform.release()}", "load": load}


def duration(seconds: float | None) -> str:
    from bench_core import duration as shared

    return shared(seconds)


def _cells(row: Row) -> list[str]:
    ratio = "—" if row.get("ratio") is None else f"{row['ratio']:.2f}x"
    target = "—" if row.get("target") is None else f"{row['target']:g}"
    ok = {True: "ok", False: "MISSED", None: ""}[row.get("ok")]
    return [row["name"], row.get("size") or "-", duration(row.get("seconds")),
            duration(row.get("baseline")), ratio, target, ok]


HEADERS = ["benchmark", "size", "time", "baseline", "ratio", "target", "result"]


def render_text(rows: list[Row]) -> str:
    table = [HEADERS, *(_cells(r) for r in rows)]
    widths = [max(len(line[i]) for line in table) for i in range(len(HEADERS))]
    right = {2, 3, 4, 5}
    out = []
    for n, line in enumerate(table):
        out.append("  ".join(c.rjust(w) if i in right else c.ljust(w)
                             for i, (c, w) in enumerate(zip(line, widths, strict=True))).rstrip())
        if n == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out)


def render_markdown(rows: list[Row], info: dict[str, str], elapsed: float) -> str:
    lines = [
        f"Measured {info['date']} on {info['cpu']}, {info['cores']} cores, Python "
        f"{info['python']}, {info['system']} ({info['load']} at the end; the machine is "
        f"shared). Whole run {elapsed:.0f} s.",
        "",
        "| " + " | ".join(HEADERS) + " |",
        "|" + "|".join(["---", "---", "---:", "---:", "---:", "---:", "---"]) + "|",
    ]
    for row in rows:
        cells = [c.replace("|", "\\|") for c in _cells(row)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run every checklist benchmark.")
    parser.add_argument("--quick", action="store_true",
                        help="small size only and a sample of the hostile inputs")
    parser.add_argument("--only", metavar="GROUPS",
                        help="comma-separated: core, hostile, startup, memo, tui, scale, "
                        "bakeoff")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the rows as JSON")
    parser.add_argument("--strict", action="store_true", help="exit 1 if a target is missed")
    args = parser.parse_args(argv)
    only = {g.strip() for g in args.only.split(",")} if args.only else None
    start = time.perf_counter()
    rows: list[Row] = []
    for group, thunk in benchmarks(args.quick, only):
        print(f"running {group} ...", file=sys.stderr, flush=True)
        rows += thunk()
    elapsed = time.perf_counter() - start
    info = machine()
    if args.markdown:
        print(render_markdown(rows, info, elapsed))
    else:
        print(f"{info['date']} · {info['cpu']} · {info['cores']} cores · Python "
              f"{info['python']} · {info['load']}")
        print(render_text(rows))
    judged = [r for r in rows if r.get("ok") is not None and r.get("target") is not None]
    missed = [r for r in judged if not r["ok"]]
    print(f"\n{len(judged) - len(missed)} of {len(judged)} targets met"
          + (f"; missed: {', '.join(r['name'] for r in missed)}" if missed else ""))
    if args.json:
        args.json.write_text(json.dumps({"machine": info, "rows": rows}, indent=2) + "\n")
    return 1 if args.strict and missed else 0


if __name__ == "__main__":
    sys.exit(main())
