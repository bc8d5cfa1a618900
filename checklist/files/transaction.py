"""Folder transactions: replace files only if they still hold what was read.

A command that reads files, works out new content and writes it back (an import, an upgrade,
an edit of evaluation.yaml) must not undo a change someone saved in between. It keeps the
bytes it read and hands the new content here: under the evaluation's folder lock
(`checklist.files.lock`), every file is compared with what was read, and only if none
changed is each one written, atomically and in the order given. Otherwise a ConflictError
names the first file that changed and nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from checklist.errors import ConflictError
from checklist.files.atomic import write_atomic
from checklist.files.decided import is_ratings_path, refuse_if_decided
from checklist.files.lock import folder_lock


def read_or_empty(path: Path) -> bytes:
    """What a file holds now, or b"" when it does not exist (a rater's first save)."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return b""


@dataclass(frozen=True)
class Replacement:
    """New content for one file of the folder."""

    path: Path
    content: str | bytes
    #: What the file held when it was read (b"": it did not exist); None: not compared.
    expected: bytes | None = None


def replace_files(folder: Path, replacements: Sequence[Replacement], *, conflict: str,
                  check: Callable[[], None] | None = None) -> None:
    """Writes every replacement, in order, if no file changed since it was read.

    Under the folder lock: runs `check` first (a caller's own refusal, e.g. the evaluation
    moved to another rubric), refuses ratings files once the decision is taken
    (`checklist.files.decided`), then compares each file with its `expected` bytes and raises a
    ConflictError at the first that differs, with `conflict` as the message.
    """
    with folder_lock(folder):
        if check is not None:
            check()
        if any(is_ratings_path(folder, r.path) for r in replacements):
            refuse_if_decided(folder)
        for replacement in replacements:
            expected = replacement.expected
            if expected is not None and read_or_empty(replacement.path) != expected:
                raise ConflictError.at(replacement.path, conflict)
        for replacement in replacements:
            write_atomic(replacement.path, replacement.content)
