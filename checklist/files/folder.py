"""An evaluation folder on disk: evaluation.yaml, rubric.lock.yaml and one ratings file per rater.

Files are the database. Each rater writes only `ratings/<rater>.yaml`, so two people scoring
at once never touch the same file; writes to one file are serialised with a lock on the
folder and merged answer by answer, so a concurrent save never drops someone's answer, and
an answer changed by someone else since we read it is reported as a conflict, never
silently overwritten.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from checklist.errors import ChecklistError, Problem, did_you_mean
from checklist.files.atomic import write_atomic
from checklist.files.folder_text import (
    answer_data,
    evaluation_text,
    lock_text,
    ratings_text,
)
from checklist.files.layout import (
    EVALUATION_FILE,
    LOCK_FILE,
    RATINGS_DIR,
    Ordering,
    Orphan,
    check_rater_name,
    find_evaluation,
    is_evaluation,
    own_file,
    rater_id,
    ratings_paths,
)
from checklist.files.library import check_rubric_doc
from checklist.files.ratings_file import RatingsFile
from checklist.files.transaction import Replacement, replace_files
from checklist.files.validate import findings_to_error, to_model
from checklist.files.yamlio import gc_paused, read_yaml
from checklist.model.checks import check_evaluation, check_ratings
from checklist.model.evaluation import Evaluation, RubricPin
from checklist.model.ratings import Ratings
from checklist.model.rubric import Rubric

#: The folder's public face: what the rest of checklist imports from here. The layout is in
#: `layout`, the files' text in `folder_text`, one rater's file in `ratings_file`.
__all__ = [
    "EVALUATION_FILE",
    "LOCK_FILE",
    "RATINGS_DIR",
    "Ordering",
    "Orphan",
    "RatingsFile",
    "Workspace",
    "answer_data",
    "check_rater_name",
    "create_folder",
    "evaluation_text",
    "find_evaluation",
    "find_orphans",
    "is_evaluation",
    "load_folder",
    "lock_text",
    "now",
    "own_file",
    "rater_id",
    "ratings_paths",
    "ratings_text",
    "save_evaluation",
    "write_lock",
]


@dataclass
class Workspace:
    """A loaded evaluation folder: everything scoring and the memo need, checked."""

    path: Path
    evaluation: Evaluation
    rubric: Rubric
    ratings: dict[str, Ratings] = field(default_factory=dict)
    orphans: list[Orphan] = field(default_factory=list)

    @property
    def ordering(self) -> Ordering:
        return Ordering.of(self.evaluation, self.rubric)

    def ratings_file(self, rater: str) -> RatingsFile:
        return RatingsFile(self.path, rater_id(rater), self.ordering, self.evaluation.rubric)


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def load_folder(path: Path) -> Workspace:
    """Reads and cross-checks the whole folder; raises one error listing every problem.

    Run from inside an evaluation (its `ratings/` folder, say), the enclosing evaluation is
    used, as git finds its repository.
    """
    with gc_paused():  # validation allocates as much as parsing: see gc_paused
        return _load_folder(find_evaluation(Path(path)))


def _load_folder(path: Path) -> Workspace:
    if not path.is_dir():
        raise ChecklistError.at(path, "no such folder; create an evaluation with `checklist new`")
    if not is_evaluation(path):
        shown = path.resolve() if str(path) in (".", "") else path
        raise ChecklistError.at(
            shown, f"not an evaluation folder (no {EVALUATION_FILE} here or in a parent "
            "folder); give the evaluation's folder, or create one with `checklist new`"
        )
    problems: list[Problem] = []
    eval_doc = read_yaml(own_file(path, EVALUATION_FILE), what="evaluation")
    evaluation = to_model(eval_doc, Evaluation, what="evaluation")
    lock_path = own_file(path, LOCK_FILE)
    if not lock_path.is_file():
        raise ChecklistError.at(lock_path, "missing: the evaluation's rubric lock file; restore "
                                "it from version control or recreate the evaluation")
    lock_doc = read_yaml(lock_path, what="rubric lock")
    rubric = to_model(lock_doc, Rubric, what="rubric")
    check_rubric_doc(lock_doc, rubric)
    pin = evaluation.rubric
    if (pin.id, pin.version) != (rubric.id, rubric.version):
        problems.append(eval_doc.problem(("rubric",), f"pins rubric {pin.id}@{pin.version} but "
                                         f"{LOCK_FILE} holds {rubric.ref}"))
    elif pin.sha256 != rubric.digest():
        problems.append(eval_doc.problem(("rubric", "sha256"), f"{LOCK_FILE} does not match "
                                         "this sha256: it was edited by hand. Restore it from "
                                         "version control, or run `checklist upgrade` to re-pin"))
    error = findings_to_error(eval_doc, check_evaluation(evaluation, rubric))
    if error:
        problems += error.problems

    workspace = Workspace(path, evaluation, rubric)
    for rater, ratings_path in ratings_paths(path, problems):
        try:
            doc = read_yaml(ratings_path, what="ratings file")
            ratings = (
                Ratings(rater=rater)
                if doc.data is None
                else to_model(doc, Ratings, what="ratings file")
            )
            error = findings_to_error(doc, check_ratings(ratings, rubric))
            if error:
                problems += error.problems
        except ChecklistError as exc:
            problems += exc.problems
            continue
        workspace.ratings[rater] = ratings
    if problems:
        raise ChecklistError(problems)
    workspace.orphans = find_orphans(workspace)
    return workspace


def find_orphans(workspace: Workspace) -> list[Orphan]:
    vendors = {v.id for v in workspace.evaluation.vendors}
    questions = {q.id for _, q in workspace.rubric.questions()}
    out = []
    for rater, ratings in workspace.ratings.items():
        for vendor, answers in ratings.answers.items():
            for qid in answers:
                if vendor not in vendors:
                    out.append(Orphan(rater, vendor, qid, "vendor is not in the evaluation"
                                      f"{did_you_mean(vendor, vendors)}"))
                elif qid not in questions:
                    base, _, version = qid.partition("@")
                    if version and base in questions:
                        reason = (f"answer from rubric version {version}, kept by `checklist "
                                  f"upgrade`: it no longer fits; re-rate '{base}'")
                    else:
                        reason = ("question is not in the rubric"
                                  f"{did_you_mean(qid, questions)}")
                    out.append(Orphan(rater, vendor, qid, reason))
    return out


def create_folder(path: Path, evaluation: Evaluation, rubric: Rubric) -> Workspace:
    """Writes a new evaluation folder; refuses to overwrite an existing evaluation."""
    path = Path(path)
    if is_evaluation(path):
        raise ChecklistError.at(path / EVALUATION_FILE, "an evaluation already exists here; "
                                "pick another folder or open it with `checklist open`")
    if path.exists() and not path.is_dir():
        raise ChecklistError.at(path, "exists and is not a folder")
    pinned = evaluation.model_copy(
        update={"rubric": RubricPin(id=rubric.id, version=rubric.version, sha256=rubric.digest())}
    )
    (path / RATINGS_DIR).mkdir(parents=True, exist_ok=True)
    write_atomic(path / LOCK_FILE, lock_text(rubric))
    write_atomic(path / EVALUATION_FILE, evaluation_text(pinned))
    return Workspace(path, pinned, rubric)


def save_evaluation(path: Path, evaluation: Evaluation, *, expected: bytes | None = None) -> None:
    """Rewrites evaluation.yaml; with `expected`, refuses if someone else changed it meanwhile."""
    target = own_file(Path(path), EVALUATION_FILE)
    replace_files(Path(path), [Replacement(target, evaluation_text(evaluation), expected)],
                  conflict="changed on disk since it was opened; reload it before saving")


def write_lock(path: Path, rubric: Rubric) -> None:
    write_atomic(Path(path) / LOCK_FILE, lock_text(rubric))
