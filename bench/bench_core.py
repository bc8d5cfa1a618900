"""Core benchmarks: load, score and summary against the bare YAML parse of the same files.

Targets (issues 3 and 7), each measured as a ratio within one run so the machine's speed
cancels out:
- `summary` (load_folder + score_workspace + the rendered table, or the JSON) costs at most
  1.3x a plain `yaml.load(..., Loader=yaml.CSafeLoader)` of the folder's files;
- it grows linearly with the number of answers: time per answer at large over time per
  answer at small stays at or under 1.3;
- the weight sensitivity (1000 seeded draws) over 100 vendors takes under 0.5 s;
- every hostile input is answered (exit 2 with a message) within 1 s, whole process;
- `checklist --help` starts in under 10x a bare `python -c pass`.

Times are the minimum over interleaved repeats (baseline, subject, baseline, subject, ...):
on a shared, noisy machine the minimum is the least disturbed estimate, and interleaving
makes slow phases of the machine hit both sides. `measure(size)` returns rows with the keys
name, size, seconds, baseline, ratio, target, ok; `python bench/bench_core.py [small|large]`
prints them.
"""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path[:0] = [str(BENCH), str(REPO / "tests")]

import synth  # noqa: E402  (bench/ and tests/ are put on the path just above)

SUMMARY_TARGET = 1.3
LINEAR_TARGET = 1.3
SENSITIVITY_TARGET = 0.5
HOSTILE_TARGET = 1.0
STARTUP_TARGET = 10.0
#: `rate --from` with a whole rubric's answers for five vendors, over one `rate`.
BATCH_TARGET = 2.0
#: Repeats per size: the large folder holds ~92,000 answers in 14 MB of YAML.
REPEATS = {"small": 15, "medium": 3, "large": 2}


def row(name: str, size: str, seconds: float, baseline: float | None = None,
        target: float | None = None, *, ratio: float | None = None,
        ok: bool | None = None) -> dict[str, Any]:
    """One result. `ratio` defaults to seconds / baseline; `ok` compares it (or the seconds
    when there is no baseline) with the target."""
    if ratio is None and baseline:
        ratio = seconds / baseline
    if ok is None:
        measured = ratio if ratio is not None else seconds
        ok = True if target is None else measured <= target
    return {"name": name, "size": size, "seconds": round(seconds, 9),
            "baseline": None if baseline is None else round(baseline, 9),
            "ratio": None if ratio is None else round(ratio, 3), "target": target, "ok": ok}


def yaml_files(folder: Path) -> list[Path]:
    return [folder / "evaluation.yaml", folder / "rubric.lock.yaml",
            *sorted((folder / "ratings").glob("*.yaml"))]


def bare_parse(folder: Path) -> list[Any]:
    """The baseline: read each file and parse it with libyaml's safe loader, nothing else."""
    import yaml

    return [yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
            for path in yaml_files(folder)]


def bare_parse_gc_paused(folder: Path) -> list[Any]:
    """The baseline with the cyclic GC paused, as checklist's loader does (see gc_paused):
    the fairest "nothing but parsing" reference for the load below."""
    import gc

    gc.disable()
    try:
        return bare_parse(folder)
    finally:
        gc.enable()


def _timed(run: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = run()
    return time.perf_counter() - start, result


def core_times(folder: Path, repeat: int) -> dict[str, float]:
    """Best-of-`repeat` times of the baseline parse and of each summary stage, interleaved."""
    from checklist.cli.summary_cmds import render_summary
    from checklist.files.folder import load_folder
    from checklist.scoring import score_workspace
    from checklist.scoring.export import scorecard_json

    best: dict[str, float] = {}

    def keep(name: str, seconds: float) -> None:
        best[name] = min(best.get(name, float("inf")), seconds)

    for _ in range(repeat):
        keep("parse", _timed(lambda: bare_parse(folder))[0])
        keep("parse-nogc", _timed(lambda: bare_parse_gc_paused(folder))[0])
        load, workspace = _timed(lambda: load_folder(folder))
        score, card = _timed(partial(score_workspace, workspace))
        text = _timed(partial(render_summary, card))[0]
        as_json = _timed(partial(_as_json, scorecard_json, card))[0]
        keep("load", load)
        keep("score", score)
        keep("summary", load + score + text)
        keep("summary-json", load + score + as_json)
    return best


def _as_json(export: Callable[[Any], Any], card: Any) -> str:
    """What `summary --json` prints when piped (compact; indented only at a terminal)."""
    return json.dumps(export(card), ensure_ascii=False, separators=(",", ":"))


def sensitivity_time(folder: Path, repeat: int) -> tuple[float, int]:
    """The weight sensitivity alone (1000 draws), on the folder's qualified vendors."""
    from checklist.files.folder import load_folder
    from checklist.scoring import score_workspace
    from checklist.scoring.sensitivity import sensitivity

    workspace = load_folder(folder)
    card = score_workspace(workspace)
    rubric = workspace.rubric
    qualified = [v for v in card.vendors if v.verdict != "no-go"]

    def run() -> object:
        return sensitivity(qualified, [s.id for s in rubric.sections],
                           [s.axis for s in rubric.sections],
                           [s.weight for s in rubric.sections],
                           threshold=rubric.policy.close_call, draws=1000)

    return min(_timed(run)[0] for _ in range(repeat)), len(card.vendors)


def hostile_times(quick: bool) -> list[tuple[str, float, bool]]:
    """(case, seconds, answered as expected) for hostile rubric and ratings files, whole
    process: `python -m checklist summary` or `rubrics validate` on the hostile file."""
    from hostile.cases import cases, write_case
    from hostile.util import TINY_RUBRIC, make_evaluation, run_cli

    marquee = {"alias-bomb", "deep-flow-list", "deep-block-map", "deep-compact-list",
               "python-object-apply", "over-size-limit", "long-line", "many-keys",
               "not-utf8", "duplicate-key"}
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        pristine = make_evaluation(root)
        for case in cases("ratings"):
            if case.expect == "ok" or (quick and case.name not in marquee):
                continue
            folder = root / "case"
            shutil.rmtree(folder, ignore_errors=True)
            shutil.copytree(pristine, folder)
            target = folder / "ratings" / "ana.yaml"
            write_case(target, target.read_bytes(), case)
            done = run_cli("summary", folder, env=case.env)
            results.append((f"ratings/{case.name}", done.seconds, _fine(case, done.code)))
        for case in cases("rubric"):
            if case.expect == "ok" or (quick and case.name not in marquee):
                continue
            target = root / "team.yaml"
            write_case(target, TINY_RUBRIC.read_bytes(), case)
            done = run_cli("rubrics", "validate", target, env=case.env)
            results.append((f"rubric/{case.name}", done.seconds, _fine(case, done.code)))
    return results


def _fine(case: Any, code: int) -> bool:
    """Whether the exit code is what the case expects (the tests check the messages)."""
    return code == 2 or (case.expect == "any" and code == 0)


def startup_times(repeat: int = 7) -> tuple[float, float]:
    """Best wall time of `checklist --help` and of a bare `python -c pass`, interleaved."""
    def run(*args: str) -> float:
        start = time.perf_counter()
        subprocess.run([sys.executable, *args], check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        return time.perf_counter() - start

    bare, helped = float("inf"), float("inf")
    for _ in range(repeat):
        bare = min(bare, run("-c", "pass"))
        helped = min(helped, run("-m", "checklist", "--help"))
    return helped, bare


def measure_startup(size: str = "-") -> list[dict[str, Any]]:
    helped, bare = startup_times()
    batch, single, answers = batch_rate_times()
    return [row("startup: checklist --help (vs python -c pass)", size, helped, bare,
                STARTUP_TARGET),
            row(f"rate --from: {answers} answers in one process (vs one `rate` answer)", size,
                batch, single, BATCH_TARGET)]


def batch_rate_times(vendors: int = 5, repeat: int = 3) -> tuple[float, float, int]:
    """Best wall time of `rate --from` with every score question for `vendors` vendors of the
    bundled rubric, and of `rate` with one answer, interleaved; each run has a new rater, so
    each writes a new file."""
    import yaml

    from checklist.cli import main as checklist
    from checklist.files.folder import load_folder

    with tempfile.TemporaryDirectory() as tmp:
        ev = Path(tmp) / "ev"
        names = [f"Vendor {i}" for i in range(vendors)]
        args = ["new", str(ev), "--rubric", "benchmark-vs-production", "--title", "bench"]
        with contextlib.redirect_stdout(io.StringIO()):
            checklist(args + [a for name in names for a in ("--vendor", name)])
        workspace = load_folder(ev)
        scored = [q.id for _, q in workspace.rubric.questions() if q.type == "score"]
        answers = {v.id: {q: {"score": 2} for q in scored} for v in workspace.evaluation.vendors}
        source = Path(tmp) / "answers.yaml"
        source.write_text(yaml.safe_dump({"answers": answers}), encoding="utf-8")

        def run(*extra: str) -> float:
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "checklist", "rate", str(ev), *extra],
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            return time.perf_counter() - start

        batch = single = float("inf")
        for i in range(repeat):
            single = min(single, run("--rater", f"one-{i}", "--vendor", "vendor-0",
                                     "--question", scored[0], "--score", "2"))
            batch = min(batch, run("--rater", f"many-{i}", "--from", str(source)))
    return batch, single, vendors * len(scored)


def measure_hostile(size: str = "small") -> list[dict[str, Any]]:
    """The slowest hostile case and the median, against the 1-second target."""
    results = hostile_times(quick=size != "large")
    worst_name, worst, _ = max(results, key=lambda r: r[1])
    wrong = [name for name, _, fine in results if not fine]
    median = statistics.median(seconds for _, seconds, _ in results)
    unexpected = f"; unexpected exit: {', '.join(wrong)}" if wrong else ""
    return [
        row(f"hostile input: slowest of {len(results)} ({worst_name}){unexpected}", size,
            worst, None, HOSTILE_TARGET, ok=worst <= HOSTILE_TARGET and not wrong),
        row(f"hostile input: median of {len(results)}", size, median, None, HOSTILE_TARGET),
    ]


def measure(size: str = "large") -> list[dict[str, Any]]:
    """Every core row for one size ("small", "medium" or "large")."""
    repeat = REPEATS.get(size, 3)
    folder = synth.cached(size)
    answers = synth.answers_in(folder)
    times = core_times(folder, repeat)
    base = times["parse"]
    label = "{} x {} x {}".format(*synth.SIZES[size])
    rows = [
        row(f"yaml parse, baseline ({label}, {answers:,} answers)", size, base, base),
        row("yaml parse with the GC paused (reference)", size, times["parse-nogc"], base),
        row("load (load_folder)", size, times["load"], base),
        row("score (score_workspace)", size, times["score"], base),
        row("summary: load + score + table", size, times["summary"], base, SUMMARY_TARGET),
        row("summary --json: load + score + JSON", size, times["summary-json"], base,
            SUMMARY_TARGET),
    ]
    seconds, vendors = sensitivity_time(folder, max(repeat, 3))
    rows.append(row(f"sensitivity: 1000 draws, {vendors} vendors", size, seconds, None,
                    SENSITIVITY_TARGET))
    if size != "small":
        rows += linearity(size, times, answers)
    return rows


def linearity(size: str, times: dict[str, float], answers: int) -> list[dict[str, Any]]:
    """Time per answer at `size` over time per answer at smaller sizes.

    The bare parse (GC paused) gets the same ratio as a reference: parsing itself costs a
    little more per byte in big documents (memory, not checklist's code), and whatever the
    summary adds beyond that ratio is checklist's own growth.
    """
    rows = []
    smaller = ["small"] + (["medium"] if size == "large" else [])
    for other in smaller:
        folder = synth.cached(other)
        other_times = core_times(folder, REPEATS[other])
        count = synth.answers_in(folder)
        for stage, target in (("summary", LINEAR_TARGET), ("parse-nogc", None)):
            mine, theirs = times[stage] / answers, other_times[stage] / count
            label = "summary" if stage == "summary" else "bare parse, GC paused (reference)"
            rows.append(row(f"{label} per answer, {size} vs {other}", size, mine, theirs,
                            target))
    return rows


def duration(seconds: float | None) -> str:
    """3 significant figures in a unit that suits: 12.3 s, 456 ms, 78.9 µs."""
    if seconds is None:
        return "—"
    if seconds >= 1:
        return f"{seconds:.3g} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.3g} ms"
    return f"{seconds * 1e6:.3g} µs"


def print_rows(rows: list[dict[str, Any]]) -> None:
    for r in rows:
        ratio = "—" if r["ratio"] is None else f"{r['ratio']:.2f}x"
        target = "—" if r["target"] is None else f"{r['target']}"
        print(f"{r['name']:<62} {r['size']:<6} {duration(r['seconds']):>9} {ratio:>8} "
              f"target {target:<5} {'ok' if r['ok'] else 'MISSED'}")


if __name__ == "__main__":
    chosen = sys.argv[1] if len(sys.argv) > 1 else "small"
    print_rows([*measure(chosen), *measure_hostile(chosen), *measure_startup(chosen)])
