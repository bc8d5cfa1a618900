"""Atomic, durable file replacement.

A reader (or a crash) sees either the old file or the new one, never half of each: the new
bytes go to a temporary file in the same folder, are fsynced, then renamed over the target,
and the folder is fsynced so the rename itself survives a power cut.

An OSError names the target, not the temporary file: a user told "permission denied" must
see the file they asked for.

A process killed mid-write leaves its temp file (`.NAME.XXXXXXXX.tmp`; one killed memo left
900 MB). Each successful write of NAME removes its own leftovers once they are ten minutes old:
older than any write in progress, which renames within seconds.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
import time
from pathlib import Path

#: A leftover temp file is removed once it is this old (seconds).
STALE_TEMP_SECONDS = 600
TEMP_SUFFIX = ".tmp"
#: The random part mkstemp puts between our prefix and suffix.
_TEMP_RANDOM = r"[a-z0-9_]{8}"


def write_atomic(path: Path, data: bytes | str, *, mode: int | None = None) -> None:
    """Replaces `path` with `data` atomically. Skips the write when nothing changed.

    Skipping identical content keeps file times (and `git status`) quiet when a user saves an
    unchanged evaluation.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if _same_content(path, payload):
        sweep_stale_temp_files(path)
        return
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if mode is None:
            mode = _kept_mode(path)
        tmp = _write_temp(path, payload, mode)
        try:
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise
    except OSError as exc:
        raise _naming(exc, path) from exc
    _fsync_dir(folder)
    sweep_stale_temp_files(path)


def create_atomic(path: Path, data: bytes | str, *, mode: int = 0o644) -> None:
    """Creates `path` holding `data`, all at once; FileExistsError if anything is there.

    The new file appears whole (hard-linked from a finished temp file, which fails when the
    name is taken, even by a dangling link), so a crash never leaves half of it. On a file
    system without hard links it is created exclusively and written in place instead.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        tmp = _write_temp(path, payload, mode)
        try:
            os.link(tmp, path)
        except FileExistsError:
            raise
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.EMLINK, errno.EXDEV):
                raise
            _create_in_place(path, payload, mode)
        finally:
            with contextlib.suppress(OSError):
                tmp.unlink()
    except FileExistsError:
        raise
    except OSError as exc:
        raise _naming(exc, path) from exc
    _fsync_dir(path.parent)
    sweep_stale_temp_files(path)


def _create_in_place(path: Path, payload: bytes, mode: int) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags, mode)
    with os.fdopen(fd, "wb") as handle:
        handle.write(payload)
        handle.flush()
        os.fsync(handle.fileno())


def _write_temp(path: Path, payload: bytes, mode: int) -> Path:
    """A fsynced temp file `.NAME.XXXXXXXX.tmp` beside `path` holding `payload`."""
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX,
                                    dir=path.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return tmp


def sweep_stale_temp_files(path: Path) -> None:
    """Removes the temp files killed writes of `path` left behind, once they are stale.

    Only names of our own pattern, only regular files (a link is never followed or removed),
    only in `path`'s folder; anything it cannot remove is left for next time.
    """
    own = re.compile(re.escape(f".{path.name}.") + _TEMP_RANDOM + re.escape(TEMP_SUFFIX))
    cutoff = time.time() - STALE_TEMP_SECONDS
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return
    for entry in entries:
        if not own.fullmatch(entry.name):
            continue
        with contextlib.suppress(OSError):
            info = entry.stat(follow_symlinks=False)
            if stat.S_ISREG(info.st_mode) and info.st_mtime < cutoff:
                os.unlink(entry.path)


def _kept_mode(path: Path) -> int:
    """A regular file keeps its permissions; anything else gets rw-r--r--."""
    try:
        info = path.lstat()
    except OSError:
        return 0o644
    return info.st_mode & 0o777 if stat.S_ISREG(info.st_mode) else 0o644


def _naming(exc: OSError, path: Path) -> OSError:
    """The same kind of error, naming the target instead of a temp file (or nothing)."""
    if exc.errno is None or (exc.filename == str(path) and exc.filename2 is None):
        return exc
    return OSError(exc.errno, exc.strerror, str(path))  # OSError picks the subclass by errno


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
