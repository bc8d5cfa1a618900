"""Where a path really leads, links followed: the one test for "stays inside this folder"."""

from __future__ import annotations

from pathlib import Path


def inside(path: Path, folder: Path) -> bool:
    """Whether `path`, links followed, stays inside `folder`.

    An evaluation folder may come from someone else's repository; a `ratings` link to
    `~/.ssh` must not make `checklist rate` write there, nor `summary` read from there.
    """
    try:
        path.resolve().relative_to(folder.resolve())
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a symlink loop
        return False
    return True
