"""`checklist demo`: a writable copy of the bundled worked example, never over anything.

No Textual here: the CLI copies first (and says where) before the UI starts.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from checklist.errors import ChecklistError
from checklist.files.config import bundled_dir, data_dir

EXAMPLE = "ai-video-2026"
NAME = "checklist-demo"


def demo_source() -> Path:
    source = bundled_dir("examples") / EXAMPLE
    if not (source / "evaluation.yaml").is_file():
        raise ChecklistError.plain(
            f"the bundled worked example ({source}) is missing from this installation; "
            "reinstall checklist, or open an evaluation of your own with `checklist open DIR`"
        )
    return source


def _writable(folder: Path) -> bool:
    return folder.is_dir() and os.access(folder, os.W_OK | os.X_OK)


def git_work_tree(folder: Path) -> Path | None:
    """The git work tree holding `folder`, if any (a `.git` folder or file above it)."""
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


@dataclass(frozen=True)
class DemoCopy:
    """Where the demo went, and why there when it was not the working folder."""

    path: Path
    reason: str = ""


def copy_demo(cwd: Path | None = None, target: Path | None = None) -> DemoCopy:
    """Copies the example; returns where it went.

    With `target`, exactly there (it must not exist yet, or be an empty folder). Otherwise
    to ./checklist-demo (or -2, -3, ...), unless the working folder is inside a git work tree
    (a demo would leave an untracked folder in someone's repository) or is not writable: then
    to the user's data folder. An existing folder is never touched.
    """
    source = demo_source()
    if target is not None:
        return DemoCopy(_copy_to(source, target))
    here = Path.cwd() if cwd is None else cwd
    repository = git_work_tree(here.resolve())
    reason = ""
    bases: list[Path] = []
    if repository is not None:
        reason = f"not inside the git work tree {repository}"
    elif not _writable(here):
        reason = f"{here} is not writable"
    else:
        bases.append(here)
    bases.append(data_dir())
    problem: OSError | None = None
    for base in bases:
        for n in range(1, 1000):
            candidate = base / (NAME if n == 1 else f"{NAME}-{n}")
            if candidate.exists() or candidate.is_symlink():
                continue
            try:
                base.mkdir(parents=True, exist_ok=True)
                _copytree(source, candidate)
            except FileExistsError:
                continue  # someone made it meanwhile: take the next name
            except OSError as exc:
                problem = exc
                break
            return DemoCopy(candidate, reason if base != here else "")
    raise ChecklistError.plain(f"could not copy the demo anywhere writable ({problem}); run "
                               "`checklist demo DIR` with a folder you can write to")


def _copy_to(source: Path, target: Path) -> Path:
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        raise ChecklistError.at(target, "already exists and is not a folder; name a new folder "
                                "for the demo")
    if target.is_dir() and any(target.iterdir()):
        raise ChecklistError.at(target, "is not empty; name a new or empty folder for the demo")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _copytree(source, target)
    except OSError as exc:
        raise ChecklistError.at(target, f"cannot copy the demo here: {exc.strerror}; name a "
                                "folder you can write to") from None
    return target


def _copytree(source: Path, target: Path) -> None:
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(".*", "__pycache__"),
                    dirs_exist_ok=target.is_dir())
