"""Helpers shared by the hostile-input, crash and concurrency tests and by bench/.

Kept free of pytest so the benchmark suite can time the same hostile cases the tests check.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TINY_RUBRIC = REPO / "tests" / "data" / "tiny.yaml"

#: `file:line:column: message` (line and column 1-based) or `file: message` for a whole file.
POSITIONED = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<column>\d+): (?P<message>.+)$")
WHOLE_FILE = re.compile(r"^(?P<file>.+?): (?P<message>.+)$")


@dataclass
class Run:
    """One command's outcome, with its wall time (reported, never asserted)."""

    code: int
    stdout: str
    stderr: str
    seconds: float

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def run_cli(*args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None,
            timeout: float = 120) -> Run:
    """`python -m checklist ...` in a subprocess, as a user would run it.

    The generous timeout only catches a hang (a loaded machine can take 20 s for a big
    sheet); the one-second target is checked in bench/.
    """
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "checklist", *map(str, args)],
        capture_output=True, text=True, cwd=cwd, timeout=timeout,
        env={**os.environ, **(env or {})}, errors="replace",
    )
    return Run(done.returncode, done.stdout, done.stderr, time.perf_counter() - start)


def run_main(*args: str | Path) -> Run:
    """`checklist.cli.main` in this process: the fuzz tests' fast path, same code as the CLI."""
    from checklist.cli import main

    out, err = io.StringIO(), io.StringIO()
    start = time.perf_counter()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main([str(a) for a in args])
        except SystemExit as exc:  # argparse usage errors
            code = int(exc.code or 0)
    return Run(code, out.getvalue(), err.getvalue(), time.perf_counter() - start)


def make_evaluation(root: Path, name: str = "ev", *, answers: bool = True) -> Path:
    """A small evaluation against the tiny rubric: 3 vendors, two raters with a few answers.

    Built in-process through the same commands a user runs, so the files are exactly what
    checklist writes.
    """
    folder = root / name
    rubric = root / "tiny.yaml"
    if not rubric.exists():
        shutil.copy(TINY_RUBRIC, rubric)
    ok = run_main("new", folder, "--rubric", rubric, "--title", "Hostile test",
                  "--vendor", "Acme", "--vendor", "Beta Corp", "--vendor", "Gamma",
                  "--context", "public=yes")
    assert ok.code == 0, ok.stderr
    if answers:
        for rater, vendor, question, value in [
            ("ana", "acme", "who-ran", ("--score", "3")),
            ("ana", "acme", "api", ("--yes",)),
            ("ana", "beta-corp", "status", ("--choice", "preview")),
            ("ana", "gamma", "latency", ("--value", "42.5")),
            ("bob", "acme", "who-ran", ("--score", "1")),
            ("bob", "gamma", "latency", ("--na",)),
        ]:
            done = run_main("rate", folder, "--rater", rater, "--vendor", vendor,
                            "--question", question, *value, "--note", f"{rater} on {question}",
                            "--evidence", "https://example.com/report", "--grade", "third-party",
                            "--retrieved", "2026-11-01", "--confidence", "medium")
            assert done.code == 0, done.stderr
    return folder


def user_error_lines(run: Run) -> list[str]:
    """The problem lines a failed command printed (stderr, blank lines dropped)."""
    return [line for line in run.stderr.splitlines() if line.strip()]


def check_user_error(run: Run, file: Path | str | None = None, *, positioned: bool = True,
                     line: int | None = None, message: str | None = None,
                     max_lines: int = 5) -> list[re.Match[str]]:
    """Asserts the promise for a user error: exit 2, no traceback, and clear positioned lines.

    Returns the parsed problem lines. `file` is the file the first problem must name;
    `positioned` asks for `file:line:column`, otherwise `file: message` (a whole-file
    problem such as the size limit).
    """
    assert run.code == 2, f"expected exit 2, got {run.code}\n{run.output[:2000]}"
    assert "Traceback" not in run.output, run.output[:4000]
    assert "internal error" not in run.output, run.output[:2000]
    lines = user_error_lines(run)
    assert lines, "an error must say what is wrong"
    assert len(lines) <= max_lines, f"one clear message, not {len(lines)}:\n{run.stderr[:2000]}"
    assert len(run.stderr) < 800 * max_lines, "messages must not echo huge input back"
    assert "\x1b" not in run.output, "control characters must be escaped"
    matches = []
    for text in lines:
        found = POSITIONED.match(text) if positioned else WHOLE_FILE.match(text)
        assert found, f"not a {'file:line:column' if positioned else 'file'} message: {text!r}"
        matches.append(found)
    first = matches[0]
    if file is not None:
        assert Path(first["file"]) == Path(file) or first["file"] == str(file), (
            f"first problem names {first['file']!r}, expected {file}"
        )
    if positioned:
        assert int(first["line"]) >= 1 and int(first["column"]) >= 1, lines[0]
        if line is not None:
            assert int(first["line"]) == line, f"expected line {line}: {lines[0]}"
    if message is not None:
        assert re.search(message, first["message"]), f"{message!r} not in {lines[0]!r}"
    return matches
