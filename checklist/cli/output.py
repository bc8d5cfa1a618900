"""Standard output and error for every command: the one way the CLI reaches the terminal.

`run` installs `GuardedStream` over both streams for the length of a command, so

- every text printed has its control characters escaped by the rule `status` and error
  messages use (`printable_text`): a rater's note, a vendor name or a rubric text holding
  ESC sequences (OSC 52 writes the clipboard, `ESC [2J` clears the screen) shows as `\\x1b`
  in `diff`, `rubrics show`, `rubrics diff` and every other command, piped or not;
- JSON (`dump_json`) escapes the same characters as `\\u` escapes: the same data, still
  valid JSON, safe to print;
- documents (`write_document`: memo, export) keep their exact bytes in a pipe or file, so
  `export > sheet.csv` round-trips through `import`, and are escaped only on a terminal;
- a failing stream (`checklist summary > /dev/full`) is a clear error naming it, with
  exit 2, instead of an "internal error" or a traceback while Python exits.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sys
from collections.abc import Iterator
from typing import Any, TextIO

from checklist.errors import CONTROL_CHARACTERS, ChecklistError, StreamError, printable_text

STDOUT = "standard output"
STDERR = "standard error"


class GuardedStream:
    """A text stream that escapes control characters (keeping line breaks) and whose write
    errors say which stream failed (a StreamError)."""

    def __init__(self, stream: TextIO, name: str) -> None:
        self._stream = stream
        self._name = name

    def write(self, text: str) -> int:
        with _guard(self._name):
            self._stream.write(printable_text(text))
        return len(text)

    def flush(self) -> None:
        with _guard(self._name):
            self._stream.flush()

    def __getattr__(self, attribute: str) -> Any:  # buffer, isatty, fileno, encoding...
        return getattr(self._stream, attribute)


@contextlib.contextmanager
def _guard(name: str) -> Iterator[None]:
    try:
        yield
    except BrokenPipeError:
        raise  # the reader went away (`| head`): `run` exits quietly
    except OSError as exc:
        raise stream_error(exc, name) from None


def stream_error(exc: OSError, name: str) -> StreamError:
    known = ChecklistError.from_os(exc, name)
    problems = known.problems if known else ChecklistError.at(
        name, f"cannot write: {exc.strerror or exc}; send the output elsewhere").problems
    return StreamError(problems)


@contextlib.contextmanager
def guarded_streams() -> Iterator[None]:
    """Installs GuardedStream over sys.stdout and sys.stderr for one command."""
    saved = sys.stdout, sys.stderr
    sys.stdout = GuardedStream(saved[0], STDOUT)
    sys.stderr = GuardedStream(saved[1], STDERR)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


def dump_json(data: object, *, indent: int | None = 2) -> str:
    """JSON text in which every control character is a `\\u` escape.

    `json.dumps(..., ensure_ascii=False)` escapes only C0 controls; DEL, C1 controls (U+009B
    is CSI to some terminals) and bidi overrides would reach the terminal raw. Those can
    only occur inside strings, where a `\\u` escape means the same character; a raw line
    break can only be indentation, and stays.
    """
    separators = None if indent is not None else (",", ":")
    text = json.dumps(data, indent=indent, ensure_ascii=False, separators=separators)
    return CONTROL_CHARACTERS.sub(_json_escape, text)


def _json_escape(match: re.Match[str]) -> str:
    if match.group() == "\n":
        return "\n"
    code = ord(match.group())
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000  # a UTF-16 surrogate pair, as JSON spells characters beyond U+FFFF
    return f"\\u{0xD800 | code >> 10:04x}\\u{0xDC00 | code & 0x3FF:04x}"


@contextlib.contextmanager
def lock_notices() -> Iterator[None]:
    """While a command runs, a write kept waiting by another process's lock says so."""
    from checklist.files import lock

    def tell(folder: Any, limit: float) -> None:
        print(f"{folder}: waiting for the evaluation's lock, held by another checklist "
              f"process (giving up after {limit:g} s)...", file=sys.stderr, flush=True)

    saved = lock.on_wait
    lock.on_wait = tell
    try:
        yield
    finally:
        lock.on_wait = saved


def write_document(data: bytes, *, binary: bool = False) -> None:
    """A document (memo, export) to standard output: exact bytes to a pipe or file, escaped
    text on a terminal, never a PDF there (`write_stream`'s rules)."""
    from checklist.files.output import write_stream

    sys.stdout.flush()
    write_stream(sys.stdout.buffer, data, name=STDOUT, binary=binary)


def silence_stdout() -> None:
    """After standard output failed: point it at the null device, so the bytes still buffered
    are not written (and reported) again when Python exits."""
    with contextlib.suppress(AttributeError, OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.__stdout__.fileno())  # type: ignore[union-attr]
        os.close(devnull)
