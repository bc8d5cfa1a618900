"""The evaluation folder's lock: one read-merge-write at a time, and never a silent endless wait.

An exclusive `flock` on the folder itself, held only while one file is merged and written.
A writer that finds it taken polls for it; after a second it says whom it is waiting for
(through `on_wait`, which the CLI points at stderr), and after `CHECKLIST_LOCK_TIMEOUT`
seconds (default 30) it gives up with a clear error and writes nothing.

Why not the `filelock` package: it locks a separate lock file, which would appear in every
evaluation folder (noise in `git status`, which checklist keeps clean) and would not exclude
older checklist versions, which lock the folder. The polling below is the part `filelock`
would add; Windows, which has no `flock`, keeps atomic writes without the lock.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from checklist.errors import ChecklistError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: atomic writes still hold, locking is skipped
    fcntl = None  # type: ignore[assignment]

TIMEOUT_ENV = "CHECKLIST_LOCK_TIMEOUT"
DEFAULT_TIMEOUT_SECONDS = 30.0
#: How long a writer waits quietly before `on_wait` is told.
NOTICE_AFTER_SECONDS = 1.0

#: Called once per wait that lasts over NOTICE_AFTER_SECONDS, with the folder and the time
#: limit. The CLI prints a line on stderr; None (the TUI, the library) waits silently.
on_wait: Callable[[Path, float], None] | None = None


def timeout_seconds() -> float:
    """How long to wait for another process's lock: `CHECKLIST_LOCK_TIMEOUT`, else 30 s."""
    raw = os.environ.get(TIMEOUT_ENV, "")
    try:
        value = float(raw)
    except ValueError:
        return DEFAULT_TIMEOUT_SECONDS
    return value if value >= 0 and value == value else DEFAULT_TIMEOUT_SECONDS  # not NaN


@contextlib.contextmanager
def folder_lock(path: Path) -> Iterator[None]:
    """An exclusive lock on the evaluation folder, held only for a read-merge-write."""
    if fcntl is None:  # pragma: no cover
        yield
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        _acquire(fd, Path(path))
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _acquire(fd: int, path: Path) -> None:
    if _try_lock(fd):
        return
    limit = timeout_seconds()
    start = time.monotonic()
    told = False
    delay = 0.01
    while True:
        waited = time.monotonic() - start
        if waited >= limit:
            raise ChecklistError.at(
                path, f"another checklist process has held this evaluation's lock for over "
                f"{limit:g} s; nothing was written. Let it finish (is a `checklist open` "
                f"saving, or stuck?) and try again; {TIMEOUT_ENV} sets how long to wait"
            )
        if not told and waited >= NOTICE_AFTER_SECONDS and on_wait is not None:
            on_wait(path, limit)
            told = True
        time.sleep(min(delay, max(limit - waited, 0.0)))
        delay = min(delay * 2, 0.2)
        if _try_lock(fd):
            return


def _try_lock(fd: int) -> bool:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True
