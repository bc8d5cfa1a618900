"""Documents written where the user asked: `-o FILE`, standard output, the default `memo.pdf`.

The one way every command writes an output (memo, questionnaire, export, rubrics new, the
TUI's memo screen). What happens depends on what the name is on disk:

- nothing yet, or a regular file: written atomically (`write_atomic`; its mode is kept);
- a character device or named pipe (`/dev/stdout`, `/dev/null`, a FIFO a script reads):
  opened and written, never replaced by a regular file; a full device is a clear error;
- a terminal (`/dev/tty`, or standard output on one): text with control characters escaped
  (`printable_text`, the rule `status` uses), and never a PDF;
- a symbolic link the user named: followed, and its target written atomically, so the link
  stays a link. The user named it, as with shell redirection (`> link`) and the folder
  argument; replacing the link with a regular file would silently stop updating the file it
  points to. A *default* name inside an evaluation folder (`memo.pdf`) was not named by the
  user, and the folder may come from someone else's repository: there a link leading out of
  the folder, or anything but a regular file, is refused, as ratings links are;
- a folder, block device or socket: refused.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from checklist.errors import ChecklistError, StreamError, printable_text
from checklist.files.atomic import create_atomic, write_atomic
from checklist.files.paths import inside


def write_output(path: Path, data: bytes, *, binary: bool = False, within: Path | None = None,
                 exclusive: bool = False) -> None:
    """Writes `data` to `path` by the rules above.

    `binary`: the data is not text (a PDF): refused on a terminal. `within`: the path was
    chosen by checklist inside this folder, not named by the user. `exclusive`: never replace
    a file that exists (devices and pipes are still written to: nothing is replaced).
    """
    path = Path(path)
    try:
        info = os.stat(path)  # links followed: what the name leads to
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise _error(exc, path) from None
    if info is not None and (stat.S_ISCHR(info.st_mode) or stat.S_ISFIFO(info.st_mode)):
        if within is not None:
            raise ChecklistError.at(path, "is not a regular file (a device or named pipe); "
                                    "remove it, or give -o FILE to write elsewhere")
        _write_through(path, data, binary=binary)
        return
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise ChecklistError.at(path, f"{_kind(info.st_mode)}; give a file name "
                                "(-o FILE) to write to")
    target = _target(path, within)
    if exclusive and (info is not None or target.is_symlink() or path.is_symlink()):
        raise ChecklistError.at(path, "already exists; never overwritten. Give another "
                                "-o FILE or edit the existing file")
    if not target.parent.is_dir():
        raise ChecklistError.at(target.parent, "no such folder to write into; create it first")
    try:
        if exclusive:
            create_atomic(target, data)
        else:
            write_atomic(target, data)
    except FileExistsError:
        raise ChecklistError.at(path, "already exists; never overwritten") from None
    except OSError as exc:
        raise _error(exc, path) from None


def write_stream(stream: BinaryIO, data: bytes, *, name: str, binary: bool = False,
                 terminal: bool | None = None) -> None:
    """Writes a document to an open stream (standard output): escaped on a terminal, exact
    bytes anywhere else, so `> file` and pipes get what `-o file` would."""
    if terminal is None:
        terminal = stream.isatty()
    if terminal:
        data = for_terminal(data, binary=binary, name=name)
    try:
        stream.write(data)
        stream.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise StreamError(_error(exc, name).problems) from None


def for_terminal(data: bytes, *, binary: bool, name: str) -> bytes:
    """What a terminal may be sent of a document: text with controls escaped; no PDF."""
    if binary:
        raise ChecklistError.at(name, "is a terminal; not writing a binary document (PDF, Word "
                                "or Excel) there: give -o FILE, "
                                "or redirect standard output to a file")
    text = data.decode("utf-8", errors="replace").removeprefix("\ufeff")
    return printable_text(text.replace("\r\n", "\n")).encode("utf-8")


def _write_through(path: Path, data: bytes, *, binary: bool) -> None:
    """Writes into a character device or named pipe the user named, never replacing it.

    Unbuffered, so a full device fails here, once, and not again when the file is closed.
    """
    flags = os.O_WRONLY | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise _error(exc, path) from None
    try:
        mode = os.fstat(fd).st_mode
        if not (stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)):  # swapped since we looked
            raise ChecklistError.at(path, "changed while being opened; try again")
        if os.isatty(fd):
            data = for_terminal(data, binary=binary, name=str(path))
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    except OSError as exc:
        raise _error(exc, path) from None
    finally:
        os.close(fd)


def _target(path: Path, within: Path | None) -> Path:
    """The file to replace: the path itself, or where the link the user named leads."""
    if within is not None and not inside(path, within):
        raise ChecklistError.at(path, "links outside the evaluation folder; checklist writes "
                                "there only inside it: remove the link, or give -o FILE")
    if path.is_symlink():
        return Path(os.path.realpath(path))
    return path


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "is a folder"
    if stat.S_ISBLK(mode):
        return "is a block device (a disk)"
    if stat.S_ISSOCK(mode):
        return "is a socket"
    return "is not a regular file"


def _error(exc: OSError, path: Path | str) -> ChecklistError:
    error = ChecklistError.from_os(exc, path)
    if error is None:  # an errno no advice covers: still the user's file, still exit 2
        error = ChecklistError.at(path, f"cannot write: {exc.strerror or exc}; check the path "
                                  "and try again")
    return error
