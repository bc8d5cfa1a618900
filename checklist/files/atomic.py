"""Atomic, durable file replacement.

A reader (or a crash) sees either the old file or the new one, never half of each: the new
bytes go to a temporary file in the same folder, are fsynced, then renamed over the target,
and the folder is fsynced so the rename itself survives a power cut.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: bytes | str, *, mode: int | None = None) -> None:
    """Replaces `path` with `data` atomically. Skips the write when nothing changed.

    Skipping identical content keeps file times (and `git status`) quiet when a user saves an
    unchanged evaluation.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if _same_content(path, payload):
        return
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    if mode is None:
        try:
            info = path.lstat()
            mode = info.st_mode & 0o777 if stat.S_ISREG(info.st_mode) else 0o644
        except OSError:
            mode = 0o644
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _fsync_dir(folder)


def _same_content(path: Path, payload: bytes) -> bool:
    """True when `path` is a regular file holding exactly `payload`.

    Checked with lstat and a bounded read: the target may be a link to /dev/zero or a FIFO
    planted in a shared folder, which must neither be read forever nor followed.
    """
    try:
        info = path.lstat()
    except OSError:
        return False
    if not stat.S_ISREG(info.st_mode) or info.st_size != len(payload):
        return False
    try:
        with path.open("rb") as handle:
            return handle.read(len(payload) + 1) == payload
    except OSError:
        return False


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - e.g. platforms without directory fds
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)
