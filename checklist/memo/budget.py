"""How long and how much memory rendering a memo may take, and how to say it ran out.

Templates and typst sources can come from another team, and both are small programs: a loop
over `range(100000)` inside another, a macro that calls itself twice, a typst
`#for i in range(1000000000)`. So each step of a render (the Jinja template, then typst for
a PDF) runs in a child process under a budget (see `checklist.memo.worker`):

- `CHECKLIST_MEMO_SECONDS` (default 60): wall-clock seconds per step;
- `CHECKLIST_MEMO_MB` (default 4096, or half the machine's memory if that is less): memory
  per step, enforced by the operating system (`RLIMIT_DATA` on Linux, `RLIMIT_AS` elsewhere;
  Windows has no such limit, only the time budget).

The defaults fit the largest memo the benchmarks render (100 vendors x 200 questions, a
2.4 MB typst source: about 10 s and 1.9 GB) with room to spare; a legitimately bigger memo
raises them. No text or list a template makes, and no rendered memo, may be longer than
`max_chars` (10,000 characters per MB of the memory budget: 40 million at the default), so a
template that builds a huge value stops at the line that built it, long before the memory
budget runs out (see `checklist.memo.sandbox`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from checklist.errors import ChecklistError

SECONDS_VARIABLE = "CHECKLIST_MEMO_SECONDS"
MB_VARIABLE = "CHECKLIST_MEMO_MB"
DEFAULT_SECONDS = 60.0
DEFAULT_MB = 4096
#: Characters a template value or a rendered memo may hold per MB of the memory budget.
CHARS_PER_MB = 10_000


@dataclass(frozen=True)
class Budget:
    """Seconds and megabytes for one step of a render."""

    seconds: float
    megabytes: int

    @property
    def max_chars(self) -> int:
        """The longest text (or list) a template may build, and the longest memo."""
        return self.megabytes * CHARS_PER_MB

    def time_message(self, step: str) -> str:
        return (f"{step} exceeded its time budget of {_number(self.seconds)} s; "
                f"{_what_to_do(step)}, or raise {SECONDS_VARIABLE} (seconds) for a memo this "
                "large")

    def memory_message(self, step: str) -> str:
        return (f"{step} exceeded its memory budget of {self.megabytes} MB; "
                f"{_what_to_do(step)}, or raise {MB_VARIABLE} (megabytes) for a memo this "
                "large")


def _what_to_do(step: str) -> str:
    if "typst" in step:
        return "if you use a custom typst template, look for a loop or a recursion in it"
    return "look for a loop, a recursive macro or a very long value in the template"


def _number(value: float) -> str:
    return f"{value:g}"


def from_environment() -> Budget:
    """The budget for this run: the defaults, or what the two variables say."""
    return Budget(
        seconds=_read(SECONDS_VARIABLE, DEFAULT_SECONDS, "seconds", "120"),
        megabytes=int(_read(MB_VARIABLE, default_megabytes(), "megabytes", "8192")),
    )


def default_megabytes() -> int:
    """4096 MB, or half the machine's memory when that is less (a laptop must not swap)."""
    try:
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (AttributeError, ValueError, OSError):  # pragma: no cover - Windows, odd systems
        return DEFAULT_MB
    return max(256, min(DEFAULT_MB, total // 2 // (1 << 20)))


def _read(variable: str, default: float, unit: str, example: str) -> float:
    text = os.environ.get(variable, "").strip()
    if not text:
        return default
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not value > 0 or value == float("inf"):
        raise ChecklistError.plain(
            f"{variable}={text!r} is not a number of {unit}; set it to a positive number "
            f"such as {example}, or unset it for the default ({_number(default)})"
        )
    return value


class OutOfTime(Exception):
    """Raised inside a render when its time budget runs out, where it is running.

    An `Exception`, so that Jinja maps the traceback to the template's file and line as it
    does for any other error in a template.
    """
