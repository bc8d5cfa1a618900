"""The layout of an evaluation folder: which files it holds, which are ratings, rater ids.

```
evaluation.yaml      # the decision: vendors, context, the rubric pin
rubric.lock.yaml     # the resolved rubric it is scored against
ratings/<rater>.yaml # one file per rater
```
Links that lead out of the folder are refused here, so no reader or writer follows them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from checklist.errors import ChecklistError, Problem, control_character, escape_char, printable
from checklist.files.paths import inside
from checklist.model.common import ID_PATTERN, slugify
from checklist.model.evaluation import Evaluation
from checklist.model.ratings import Ratings
from checklist.model.rubric import Rubric

EVALUATION_FILE = "evaluation.yaml"
LOCK_FILE = "rubric.lock.yaml"
RATINGS_DIR = "ratings"

@dataclass(frozen=True)
class Orphan:
    """An answer kept on disk that the current rubric or vendor list does not use."""

    rater: str
    vendor: str
    question: str
    reason: str

    @property
    def file(self) -> str:
        """Where the answer is kept, relative to the evaluation folder."""
        return f"{RATINGS_DIR}/{self.rater}.yaml"

    def __str__(self) -> str:
        return f"{self.rater}: {self.vendor} / {self.question}: {self.reason}"


@dataclass(frozen=True)
class Ordering:
    """Vendors in evaluation order and questions in rubric order: stable, reviewable diffs."""

    vendors: dict[str, int]
    questions: dict[str, int]

    @classmethod
    def of(cls, evaluation: Evaluation | None, rubric: Rubric | None) -> Ordering:
        vendors = {v.id: i for i, v in enumerate(evaluation.vendors)} if evaluation else {}
        questions = {q.id: i for i, (_, q) in enumerate(rubric.questions())} if rubric else {}
        return cls(vendors, questions)

    def vendor_key(self, vid: str) -> tuple[int, int, str]:
        return (0, self.vendors[vid], "") if vid in self.vendors else (1, 0, vid)

    def question_key(self, qid: str) -> tuple[int, int, str]:
        return (0, self.questions[qid], "") if qid in self.questions else (1, 0, qid)


def rater_id(name: str) -> str:
    """The file-name-safe id for a rater name ('Ana María' -> 'ana-maria').

    Every rater name passes here first (`rate --rater`, `import --rater`, the TUI's name
    field), so this is where a name checklist could not write and read back is refused.
    """
    check_rater_name(name)
    ident = slugify(name)
    if not ident:
        raise ChecklistError.plain(
            f"cannot make a file name from rater name {name!r}; use letters or digits"
        )
    return ident


def check_rater_name(name: str) -> None:
    """Refuses a rater name that the ratings file could not hold and give back unchanged.

    A control character (ESC, DEL, U+0080, U+FFFE, a bidi override...) in the name once
    went raw into the file's `# Answers by NAME` header, and every command then failed on
    that file, for everyone. Over-long names are refused as the ratings model refuses them.
    """
    from pydantic import ValidationError

    bad = control_character(name)
    if bad is not None:
        raise ChecklistError.plain(
            f"rater name '{printable(name[:40])}' holds the control character "
            f"{escape_char(bad)} (U+{ord(bad):04X}); type the name without it"
        )
    try:
        Ratings(rater=name)
    except ValidationError as exc:
        detail = exc.errors(include_url=False)[0]["msg"].lower()
        raise ChecklistError.plain(f"rater name {name[:40]!r}…: {detail}; use a shorter "
                                   "name") from None


def own_file(folder: Path, name: str) -> Path:
    """`folder/name` (evaluation.yaml, rubric.lock.yaml), refused when it is a link that
    leads out of the evaluation folder, as ratings links are.

    A shared folder's `evaluation.yaml -> /etc/passwd` must not be read, nor quoted back in
    an error message; a link that stays inside (a team's own layout) is fine.
    """
    target = folder / name
    if target.is_symlink() and not inside(target, folder):
        raise ChecklistError.at(target, "links to a file outside the evaluation; checklist "
                                "reads its files only inside it: replace the link with the "
                                "file itself")
    return target


def is_evaluation(path: Path) -> bool:
    return (path / EVALUATION_FILE).is_file()


def find_evaluation(path: Path) -> Path:
    """`path` if it is an evaluation folder, else the nearest parent that is, else `path`."""
    if is_evaluation(path) or not path.is_dir():
        return path
    for parent in path.resolve().parents:
        if is_evaluation(parent):
            return parent
    return path


def ratings_paths(path: Path, problems: list[Problem] | None = None) -> list[tuple[str, Path]]:
    """(rater id, file) for every ratings file of the evaluation at `path`; what is refused
    (files linked from outside the evaluation, misnamed files) is added to `problems`.

    The one place that decides which files are ratings: loading, the TUI's re-reads and
    `upgrade` all use it, so none of them can be led outside the folder."""
    if problems is None:
        problems = []
    folder = path / RATINGS_DIR
    if not folder.is_dir():
        return []
    if not inside(folder, path):
        problems.append(Problem(str(folder), 0, 0, "links to a folder outside the evaluation; "
                                "checklist reads and writes ratings only inside it, so make "
                                f"{RATINGS_DIR}/ a real folder"))
        return []
    return rater_files(folder, path, problems, kind="ratings", within="evaluation",
                       unread=" or its answers are never scored")


def rater_files(folder: Path, root: Path, problems: list[Problem], *, kind: str, within: str,
                unread: str = "") -> list[tuple[str, Path]]:
    """(rater id, file) for each `<rater>.yaml` in `folder`, one file per rater (ratings,
    a bake-off's votes). Dot files (saves in progress, recovery files) are skipped; a file
    linked from outside `root`, or not named after a rater id, goes to `problems`."""
    found = []
    for item in sorted(folder.iterdir()):
        if item.name.startswith("."):
            continue  # temp files of saves in progress, recovery files
        if item.suffix != ".yaml":
            if item.suffix.lower() in (".yml", ".yaml"):
                problems.append(Problem(str(item), 0, 0, f"{kind} files end in `.yaml`; "
                                        f"rename it to {item.stem}.yaml{unread}"))
            continue
        if not inside(item, root):
            problems.append(Problem(str(item), 0, 0, f"links to a file outside the {within}; "
                                    f"replace the link with the {kind} file itself"))
            continue
        if not re.match(ID_PATTERN, item.stem):
            problems.append(Problem(str(item), 0, 0, f"a {kind} file is named after its rater "
                                    "id (lower-case letters, digits, '-'); rename it"))
            continue
        found.append((item.stem, item))
    return found
