"""An evaluation folder on disk: evaluation.yaml, rubric.lock.yaml and one ratings file per rater.

Files are the database. Each rater writes only `ratings/<rater>.yaml`, so two people scoring
at once never touch the same file; writes to one file are serialised with a lock on the
folder and merged answer by answer, so a concurrent save never drops someone's answer, and
an answer changed by someone else since we read it is reported as a conflict, never
silently overwritten.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from pathlib import Path

from checklist.errors import (
    ChecklistError,
    ConflictError,
    Problem,
    control_character,
    did_you_mean,
    escape_char,
    printable,
)
from checklist.files.atomic import write_atomic
from checklist.files.library import check_rubric_doc
from checklist.files.lock import folder_lock
from checklist.files.paths import inside
from checklist.files.validate import findings_to_error, to_model
from checklist.files.yamlio import dump_yaml, gc_paused, plain, read_yaml
from checklist.model.checks import check_evaluation, check_ratings
from checklist.model.common import ID_PATTERN, slugify
from checklist.model.evaluation import Evaluation, RubricPin
from checklist.model.ratings import Answer, Ratings
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


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


# --- reading ------------------------------------------------------------------------------


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


def load_folder(path: Path) -> Workspace:
    """Reads and cross-checks the whole folder; raises one error listing every problem.

    Run from inside an evaluation (its `ratings/` folder, say), the enclosing evaluation is
    used, as git finds its repository.
    """
    with gc_paused():  # validation allocates as much as parsing: see gc_paused
        return _load_folder(find_evaluation(Path(path)))


def find_evaluation(path: Path) -> Path:
    """`path` if it is an evaluation folder, else the nearest parent that is, else `path`."""
    if is_evaluation(path) or not path.is_dir():
        return path
    for parent in path.resolve().parents:
        if is_evaluation(parent):
            return parent
    return path


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
    found = []
    import re

    for item in sorted(folder.iterdir()):
        if item.name.startswith("."):
            continue  # temp files of saves in progress, recovery files
        if item.suffix != ".yaml":
            if item.suffix.lower() in (".yml", ".yaml"):
                problems.append(Problem(str(item), 0, 0, "ratings files end in `.yaml`; "
                                        f"rename it to {item.stem}.yaml or its answers are "
                                        "never scored"))
            continue
        if not inside(item, path):
            problems.append(Problem(str(item), 0, 0, "links to a file outside the evaluation; "
                                    "replace the link with the ratings file itself"))
            continue
        if not re.match(ID_PATTERN, item.stem):
            problems.append(Problem(str(item), 0, 0, "a ratings file is named after its rater "
                                    "id (lower-case letters, digits, '-'); rename it"))
            continue
        found.append((item.stem, item))
    return found


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


# --- writing ------------------------------------------------------------------------------

EVALUATION_HEADER = (
    "checklist evaluation: one decision. Edit by hand or with `checklist open`.\n"
    "The rubric it is scored against is pinned below and stored in rubric.lock.yaml."
)
LOCK_HEADER = (
    "The resolved rubric this evaluation is scored against ({ref}).\n"
    "Do not edit: evaluation.yaml pins its sha256. Change the rubric in your library and run\n"
    "`checklist upgrade` to move the evaluation to it."
)
RATINGS_HEADER = (
    "Answers by {rater}: answers[vendor][question]. Written by checklist; comments are not kept,\n"
    "put remarks in `note:`."
)


def evaluation_text(evaluation: Evaluation) -> str:
    given = evaluation.model_dump(exclude_defaults=True)
    full = evaluation.model_dump()
    keep = {"title", "status", "rubric", "context", "vendors"}
    data = {k: v for k, v in full.items() if k in given or k in keep}
    return dump_yaml(plain(data), header=EVALUATION_HEADER)


def lock_text(rubric: Rubric) -> str:
    header = LOCK_HEADER.format(ref=rubric.ref)
    return dump_yaml(_compact(plain(rubric.stored())), header=header)


def _compact(value: object) -> object:
    """Drops empty and null entries: the lock stays readable and still round-trips exactly."""
    if isinstance(value, dict):
        return {
            k: _compact(v) for k, v in value.items() if v not in (None, "", [], {})
        }
    if isinstance(value, list):
        return [_compact(v) for v in value]
    return value


def answer_data(answer: Answer) -> dict[str, object]:
    """An answer as written: defaults left out, except an evidence grade, which a reader of
    the file should always see (an unmarked link reads as trustworthy)."""
    data = answer.model_dump(exclude_defaults=True)
    if answer.evidence:
        data["evidence"] = [
            {k: v for k, v in e.model_dump().items() if v not in (None, "")}
            for e in answer.evidence
        ]
    return plain(data)  # type: ignore[no-any-return]


def ratings_text(ratings: Ratings, ordering: Ordering) -> str:
    answers: dict[str, dict[str, object]] = {}
    for vendor in sorted(ratings.answers, key=ordering.vendor_key):
        by_question = ratings.answers[vendor]
        dumped = {
            qid: answer_data(by_question[qid])
            for qid in sorted(by_question, key=ordering.question_key)
        }
        if dumped:
            answers[vendor] = dumped
    data = {"rater": ratings.rater, "answers": answers}
    # a name read from a hand-edited file may hold what a name typed in cannot
    return dump_yaml(data, header=RATINGS_HEADER.format(rater=printable(ratings.rater)))


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
    with folder_lock(Path(path)):
        if expected is not None:
            current = target.read_bytes() if target.exists() else b""
            if current != expected:
                raise ConflictError.at(target, "changed on disk since it was opened; reload "
                                       "it before saving")
        write_atomic(target, evaluation_text(evaluation))


def write_lock(path: Path, rubric: Rubric) -> None:
    write_atomic(Path(path) / LOCK_FILE, lock_text(rubric))


_UNSET = object()


@dataclass
class RatingsFile:
    """One rater's file, updated one answer at a time under the folder lock."""

    folder: Path
    rater: str
    ordering: Ordering
    #: The rubric the caller scores against. When set, a write is refused once the
    #: evaluation has been moved to another rubric (`checklist upgrade` while a TUI is open):
    #: answers meant for the old questions must not land under the new ones.
    pin: RubricPin | None = None

    @property
    def path(self) -> Path:
        return self.folder / RATINGS_DIR / f"{self.rater}.yaml"

    def _check_pin(self) -> None:
        if self.pin is None:
            return
        doc = read_yaml(own_file(self.folder, EVALUATION_FILE), what="evaluation")
        rubric = doc.data.get("rubric") if isinstance(doc.data, dict) else None
        sha = rubric.get("sha256") if isinstance(rubric, dict) else None
        if sha != self.pin.sha256:
            now_on = f"{rubric.get('id')}@{rubric.get('version')}" if isinstance(
                rubric, dict) else "another rubric"
            raise ConflictError.at(
                self.folder / EVALUATION_FILE,
                f"the evaluation was moved from {self.pin.id}@{self.pin.version} to {now_on} "
                "since it was opened; nothing written: reopen it and answer again",
            )

    def _checkinside(self) -> None:
        for path in (self.path.parent, self.path):
            if not inside(path, self.folder):
                raise ChecklistError.at(path, "links outside the evaluation folder; checklist "
                                        "reads and writes ratings only inside it")

    def read(self) -> Ratings:
        self._checkinside()
        if not self.path.exists():
            return Ratings(rater=self.rater)
        doc = read_yaml(self.path, what="ratings file")
        if doc.data is None:
            return Ratings(rater=self.rater)
        return to_model(doc, Ratings, what="ratings file")

    def update(
        self,
        vendor: str,
        question: str,
        answer: Answer | None,
        *,
        expected: Answer | object | None = _UNSET,
        display_name: str | None = None,
    ) -> Ratings:
        """Sets (or with None, clears) one answer and returns the file's new content.

        With `expected`, the answer on disk must still be what the caller last saw; otherwise
        another process changed it and a ConflictError says so. Other answers changed on disk
        are kept: the write merges into the current file rather than replacing it.
        """
        if answer is not None and answer.value is not None and not math.isfinite(answer.value):
            raise ChecklistError.plain(f"value {answer.value} is not a finite number; give "
                                       "the measured value")
        if display_name:
            check_rater_name(display_name)
        with folder_lock(self.folder):
            self._check_pin()
            ratings = self.read()
            current = ratings.get(vendor, question)
            if expected is not _UNSET and current != expected:
                raise ConflictError.at(
                    self.path,
                    f"{vendor} / {question} was changed by someone else "
                    f"(now {current.display() if current else 'unanswered'}); reload before "
                    "changing it",
                )
            if display_name:
                ratings.rater = display_name
            ratings.put(vendor, question, answer)
            write_atomic(self.path, ratings_text(ratings, self.ordering))
            return ratings

    def replace(self, ratings: Ratings, *, expected: bytes | None = None) -> None:
        """Writes a whole ratings file (an import); with `expected`, only if unchanged on disk."""
        with folder_lock(self.folder):
            self._checkinside()
            self._check_pin()
            if expected is not None:
                current = self.path.read_bytes() if self.path.exists() else b""
                if current != expected:
                    raise ConflictError.at(self.path, "changed on disk meanwhile; nothing written")
            write_atomic(self.path, ratings_text(ratings, self.ordering))
