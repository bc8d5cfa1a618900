"""Standard output and error for every command: the one way the CLI reaches the terminal.

`run` installs `GuardedStream` over both streams for the length of a command, so a failing
stream (`checklist summary > /dev/full`) is a clear error naming it, with exit 2, instead of
an "internal error" or a traceback while Python exits.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from typing import Any, TextIO

from checklist.errors import ChecklistError, StreamError

STDOUT = "standard output"
STDERR = "standard error"


class GuardedStream:
    """A text stream whose write errors say which stream failed (a StreamError)."""

    def __init__(self, stream: TextIO, name: str) -> None:
        self._stream = stream
        self._name = name

    def write(self, text: str) -> int:
        with _guard(self._name):
            self._stream.write(text)
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
    sys.stdout = GuardedStream(saved[0], STDOUT)  # type: ignore[assignment]
    sys.stderr = GuardedStream(saved[1], STDERR)  # type: ignore[assignment]
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


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
