"""`checklist demo`: a writable copy of the bundled worked example, never over anything.

No Textual here: the CLI copies first (and says where) before the UI starts.
"""

from __future__ import annotations

import os
import shutil
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


def copy_demo(cwd: Path | None = None) -> Path:
    """Copies the example to ./checklist-demo (or -2, -3, ...); returns where it went.

    Falls back to the user's data folder when the working folder is not writable. An
    existing folder is never touched: the next free name is used instead.
    """
    source = demo_source()
    here = Path.cwd() if cwd is None else cwd
    bases = [here] if _writable(here) else []
    bases.append(data_dir())
    problem: OSError | None = None
    for base in bases:
        for n in range(1, 1000):
            target = base / (NAME if n == 1 else f"{NAME}-{n}")
            if target.exists() or target.is_symlink():
                continue
            try:
                base.mkdir(parents=True, exist_ok=True)
                shutil.copytree(source, target, ignore=shutil.ignore_patterns(".*", "__pycache__"))
            except FileExistsError:
                continue  # someone made it meanwhile: take the next name
            except OSError as exc:
                problem = exc
                break
            return target
    raise ChecklistError.plain(f"could not copy the demo anywhere writable ({problem}); run "
                               "`checklist demo` from a folder you can write to")
