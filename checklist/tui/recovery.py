"""Recovery files: answers a session could not save (a conflict, a folder not writable) kept
in a new file of their own, never replacing anything, readable by their owner only.

Without Textual, like `session`, which decides what is left unsaved and calls `write_recovery`.
"""

from __future__ import annotations

import os
from pathlib import Path

from checklist.files.atomic import write_atomic
from checklist.files.config import data_dir
from checklist.files.folder import RATINGS_DIR
from checklist.files.yamlio import dump_yaml, plain
from checklist.model.ratings import Answer

#: Recovery files hold answers not saved anywhere else: only their owner may read them.
RECOVERY_MODE = 0o600
RECOVERED_DIR = "recovered"


def write_recovery(evaluation: Path, rater: str, rater_id: str,
                   left: dict[tuple[str, str], Answer | None], stamp: str) -> Path:
    """Writes `left` (vendor, question -> answer or None) to the first place that takes it:
    `ratings/.<rater>.unsaved-<stamp>.yaml`, then the evaluation folder, then `recovered/` in
    the user's data folder. Returns the file; raises OSError when nowhere could take it."""
    answers: dict[str, dict[str, object]] = {}
    for (vendor, qid), answer in left.items():
        answers.setdefault(vendor, {})[qid] = (
            plain(answer.model_dump(exclude_defaults=True)) if answer else None
        )
    problem: OSError | None = None
    for folder, stem, ratings_file in _recovery_places(evaluation, rater_id, stamp):
        header = (f"Answers checklist could not save into {ratings_file} (changed by "
                  "someone else or not writable).\nCopy what you want to keep into that "
                  "file.")
        text = dump_yaml({"rater": rater, "answers": answers}, header=header)
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            target = _free_name(folder, stem)
            write_atomic(target, text, mode=RECOVERY_MODE)
        except OSError as exc:
            problem = exc
            continue
        return target
    raise problem or OSError("no folder could take the recovery file")


def where_recovered(evaluation: Path, kept: Path) -> str:
    """The recovery file for a message, saying why when it is not in the evaluation."""
    if kept.resolve().is_relative_to(evaluation.resolve()):
        return str(kept)
    return f"{kept} (in your data folder: the evaluation's folders could not take it)"


def _recovery_places(evaluation: Path, rater_id: str,
                     stamp: str) -> list[tuple[Path, str, str]]:
    """(folder, file stem, how the header names the ratings file), in order of trial."""
    ratings = evaluation / RATINGS_DIR
    mine = f"{RATINGS_DIR}/{rater_id}.yaml"
    beside = f".{rater_id}.unsaved-{stamp}"
    out = []
    if not ratings.is_symlink() and (ratings.is_dir() or not ratings.exists()):
        out.append((ratings, beside, mine))
    out.append((evaluation, beside, mine))
    # Outside the evaluation: the file says which evaluation, by its name and its path.
    out.append((data_dir() / RECOVERED_DIR,
                f"{evaluation.resolve().name}.{rater_id}.unsaved-{stamp}",
                str(evaluation.resolve() / mine)))
    return out


def _free_name(folder: Path, stem: str) -> Path:
    """`folder/stem.yaml`, or `stem-2.yaml`, ...: the first name nothing (not even a dangling
    link) holds. Checked with lstat, so a planted link is never written through."""
    for n in range(1, 1000):
        target = folder / (f"{stem}.yaml" if n == 1 else f"{stem}-{n}.yaml")
        try:
            os.lstat(target)
        except FileNotFoundError:
            return target
    raise OSError(f"no free name for {stem}.yaml in {folder}")
