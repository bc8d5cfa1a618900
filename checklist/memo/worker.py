"""Each step of a render (the Jinja template; typst for a PDF) in a child process, on a budget.

Why a child process: a template or a typst source can loop, recurse or allocate without end,
and nothing inside the process can stop all of that. Jinja's sandbox has no hook for a `for`
loop over a long list, and `typst.compile` runs in Rust and cannot be interrupted at all
(`#range(200000000).len()` asks for 6 GB in one call). The operating system can: the child
gets a memory limit (`RLIMIT_DATA`, which counts what a process allocates, not the fonts and
libraries it maps), and the parent kills it when its time is up. Spawning a fresh
interpreter, rather than forking, is safe from the TUI's threads and costs a Python start-up
plus Jinja's import (about 30 ms); the child imports neither pydantic nor the rubric models.

How a budget runs out, and what the user reads:
- the template runs too long: an alarm in the child raises `OutOfTime` inside the template,
  reported at the template's line like any template error;
- the template allocates too much: Python raises `MemoryError` there, reported the same way;
- typst runs too long: the parent kills the child at the deadline; too much memory: the
  Rust allocator aborts the child. Typst's own position is in the generated source, so the
  message names the template file;
- anything that stops the child without a report (a stuck C call) is reported by the parent
  from what it saw: the deadline passed, or the child ran out of memory.

The protocol: the parent pickles the job to the child's stdin (the parent trusts its own
data; the child never sends pickles back); the child answers on stdout with one JSON line
(`{"problems": [[file, line, column, message], ...]}` or `{}`) followed by the output bytes.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import pickle
import signal
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from checklist.errors import ChecklistError, Problem
from checklist.memo.budget import Budget, OutOfTime, from_environment

if TYPE_CHECKING:
    from checklist.memo.choice import TemplateChoice

#: Seconds the parent waits past the deadline for the child to report where it stopped.
GRACE = 3.0
#: The child's exit status when it ran out of memory, or time, where it could not report it.
OUT_OF_MEMORY = 3
OUT_OF_TIME = 4
TEMPLATE_STEP = "the template"
TYPST_STEP = "the PDF step (typst)"


@dataclass(frozen=True)
class TemplateJob:
    """Render a resolved Jinja template with the memo's view (plain data)."""

    choice: TemplateChoice
    fmt: str
    context: dict[str, Any]

    def run(self, budget: Budget) -> bytes:
        from checklist.memo.environment import render_choice

        return render_choice(self.choice, self.fmt, self.context, budget).encode("utf-8")


@dataclass(frozen=True)
class TypstJob:
    """Compile a typst source (already checked by `checklist.memo.pdf`) to PDF."""

    source: str
    font_paths: tuple[str, ...]
    template: str

    def run(self, budget: Budget) -> bytes:
        from checklist.memo.pdf import compile_here

        return compile_here(self.source, self.font_paths, self.template)


# --- the parent's side ------------------------------------------------------------------------


def render_template(choice: TemplateChoice, fmt: str, context: dict[str, Any]) -> str:
    """The template's text, rendered in a child process under the budget."""
    from checklist.memo.choice import template_file

    job = TemplateJob(choice, fmt, context)
    return run(job, TEMPLATE_STEP, template_file(choice)).decode("utf-8")


def compile_pdf(source: str, font_paths: tuple[str, ...], where: str) -> bytes:
    """The PDF, compiled by typst in a child process under the budget. `where` names the
    template the source came from, for an error typst cannot place."""
    return run(TypstJob(source, font_paths, where), TYPST_STEP, where)


def run(job: TemplateJob | TypstJob, step: str, where: str,
        budget: Budget | None = None) -> bytes:
    """Runs `job` in a child process; its output, or a ChecklistError saying what stopped it."""
    import subprocess  # here: the child, which imports this module too, never needs it

    budget = budget or from_environment()
    deadline = time.monotonic() + budget.seconds
    payload = pickle.dumps((job, budget, deadline), protocol=pickle.HIGHEST_PROTOCOL)
    # A template child reports where its time ran out, so it gets a moment past the
    # deadline to say so; typst cannot be interrupted to say anything, so it gets none.
    grace = GRACE if isinstance(job, TemplateJob) else 0.0
    try:
        done = subprocess.run(
            _command(), input=payload, capture_output=True, env=_child_environment(),
            timeout=budget.seconds + grace, check=False,
        )
    except subprocess.TimeoutExpired:  # run() has killed the child
        raise ChecklistError.at(where, budget.time_message(step)) from None
    if done.returncode == 0:
        header, _, data = done.stdout.partition(b"\n")
        problems = json.loads(header).get("problems")
        if problems:
            raise ChecklistError([Problem(str(f), int(ln), int(col), str(m))
                                  for f, ln, col, m in problems])
        return data
    if done.returncode in _OUT_OF_MEMORY or _out_of_memory(done.stderr):
        raise ChecklistError.at(where, budget.memory_message(step))
    if done.returncode in _OUT_OF_TIME:
        raise ChecklistError.at(where, budget.time_message(step))
    tail = done.stderr.decode("utf-8", "replace")[-2000:]
    raise RuntimeError(f"the memo worker stopped with status {done.returncode}: {tail}")


#: How a child that ran out ends without a report: its own exit status, or the signal that
#: stopped it (typst's allocator aborts; the CPU limit sends SIGXCPU, then SIGKILL).
_OUT_OF_MEMORY = {OUT_OF_MEMORY, -signal.SIGABRT}
_OUT_OF_TIME = {OUT_OF_TIME} | {-getattr(signal, name) for name in ("SIGKILL", "SIGXCPU")
                                if hasattr(signal, name)}


def _out_of_memory(stderr: bytes) -> bool:
    return b"MemoryError" in stderr[-4000:] or b"memory allocation of" in stderr[-4000:]


def _command() -> list[str]:
    # -P: the current folder (someone else's clone, maybe) is not put on the import path.
    return [sys.executable, "-P", "-c", "from checklist.memo.worker import main; main()"]


def _child_environment() -> dict[str, str]:
    """The parent's environment, with checklist importable from where this copy lives."""
    env = dict(os.environ)
    root = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
    env["RUST_BACKTRACE"] = "0"  # an abort from typst's allocator is one line, not a trace
    return env


# --- the child's side -------------------------------------------------------------------------


def main() -> None:
    """The child: read the job, set the limits, run it, answer, exit."""
    job, budget, deadline = pickle.load(sys.stdin.buffer)
    _limit(budget, deadline)
    try:
        try:
            data = job.run(budget)
        except ChecklistError as exc:
            _answer({"problems": [[p.file, p.line, p.column, p.message]
                                  for p in exc.problems]}, b"")
        else:
            _answer({}, data)
    except MemoryError:  # outside the template, or while answering
        os._exit(OUT_OF_MEMORY)
    except OutOfTime:
        os._exit(OUT_OF_TIME)
    os._exit(0)  # no interpreter teardown: the answer is out, and typst may hold threads


def _answer(header: dict[str, Any], data: bytes) -> None:
    out = sys.stdout.buffer
    out.write(json.dumps(header).encode("utf-8") + b"\n")
    out.write(data)
    out.flush()


def _limit(budget: Budget, deadline: float) -> None:
    """Memory and CPU limits from the operating system, and an alarm at the deadline."""
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows: the parent's deadline is all there is
        return
    memory = budget.megabytes << 20
    kind = resource.RLIMIT_DATA if sys.platform.startswith("linux") else resource.RLIMIT_AS
    _set(resource, kind, memory)
    # A child the parent no longer watches (the parent was killed) still stops.
    cpu = math.ceil((budget.seconds + GRACE) * (os.cpu_count() or 1)) + 1
    _set(resource, resource.RLIMIT_CPU, cpu)

    def out_of_time(signum: int, frame: object) -> None:
        raise OutOfTime()

    signal.signal(signal.SIGALRM, out_of_time)
    signal.setitimer(signal.ITIMER_REAL, max(0.001, deadline - time.monotonic()))


def _set(resource: Any, kind: int, limit: int) -> None:
    """Lowers the soft limit (never above the hard one); a system that refuses keeps its
    own limits, and the parent's deadline still holds."""
    hard = resource.getrlimit(kind)[1]
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(kind, (limit, hard))
