"""Moving an evaluation to another version of its rubric without losing an answer.

An upgrade is planned first (pure: nothing is written) and then applied, so `--dry-run` and the
real run show the same plan. Every answer is kept:

- an answer to a question the new version removed stays where it is; it becomes an *orphan*,
  which `load_folder` accepts and `checklist status` lists;
- an answer that no longer fits its question (the type changed, a choice or the N/A option was
  dropped, the scale shrank) would make the folder fail to load, because `load_folder` checks
  answers against the rubric. Refusing would make every type change a manual chore for each
  rater, so instead the answer is moved, untouched, to the key `<question>@<old version>` in
  the same ratings file: an orphan, kept and listed, never scored; the question itself is open
  again, which is the truth (the old answer does not answer the new question);
- an answer that still fits a question whose scoring or wording changed is kept and scored,
  and listed for review.

The plan is read leniently (the lock may be hand-edited, which is the case `load_folder`
sends people here to repair), but the result always loads: the plan is checked with the same
rules `load_folder` applies before anything is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from checklist.errors import ChecklistError, ConflictError, Problem
from checklist.files.folder import (
    EVALUATION_FILE,
    LOCK_FILE,
    Ordering,
    evaluation_text,
    is_evaluation,
    lock_text,
    own_file,
    ratings_paths,
    ratings_text,
)
from checklist.files.ratings_file import RatingsFile
from checklist.files.transaction import Replacement, read_or_empty, replace_files
from checklist.files.validate import to_model
from checklist.files.yamlio import read_yaml, read_yaml_bytes
from checklist.model.checks import check_answer, check_evaluation, check_ratings
from checklist.model.evaluation import Evaluation, RubricPin
from checklist.model.ratings import Ratings
from checklist.model.rubric import Rubric, version_key
from checklist.reuse.rubric_diff import RubricDiff, diff_rubrics

if TYPE_CHECKING:
    from checklist.files.library import Library


# --- the plan -------------------------------------------------------------------------------


@dataclass(frozen=True)
class KeptAnswer:
    """An answer the upgrade keeps, and why it is worth mentioning."""

    rater: str
    vendor: str
    question: str
    reason: str
    #: Where it now lives, when it was moved (`question@old-version`), else None.
    moved_to: str | None = None

    def to_json(self) -> dict[str, Any]:
        out = {"rater": self.rater, "vendor": self.vendor, "question": self.question,
               "reason": self.reason}
        if self.moved_to:
            out["moved_to"] = self.moved_to
        return out


@dataclass
class RaterFile:
    """One ratings file: as read, and as the upgrade will write it (new rubric order)."""

    rater: str
    path: Path
    original: bytes
    before: Ratings
    after: Ratings
    new_bytes: bytes = b""


@dataclass
class UpgradePlan:
    """Everything an upgrade will write, computed without writing anything."""

    path: Path
    pin: RubricPin
    old: Rubric | None
    new: Rubric
    diff: RubricDiff | None
    evaluation_bytes: bytes
    evaluation: Evaluation
    files: list[RaterFile] = field(default_factory=list)
    orphaned: list[KeptAnswer] = field(default_factory=list)
    moved: list[KeptAnswer] = field(default_factory=list)
    review: list[KeptAnswer] = field(default_factory=list)
    context_added: dict[str, bool] = field(default_factory=dict)
    context_removed: dict[str, bool] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def old_ref(self) -> str:
        return f"{self.pin.id}@{self.pin.version}"

    @property
    def up_to_date(self) -> bool:
        """Pin, lock and target agree: nothing to do."""
        return (
            self.old is not None
            and self.old.digest() == self.pin.sha256 == self.new.digest()
            and self.pin.id == self.new.id
            and self.pin.version == self.new.version
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "folder": str(self.path),
            "from": {"ref": self.old_ref, "sha256": self.pin.sha256},
            "to": {"ref": self.new.ref, "sha256": self.new.digest()},
            "up_to_date": self.up_to_date,
            "rubric_diff": self.diff.to_json() if self.diff else None,
            "answers_orphaned": [a.to_json() for a in self.orphaned],
            "answers_moved": [a.to_json() for a in self.moved],
            "answers_to_review": [a.to_json() for a in self.review],
            "context_added": self.context_added,
            "context_removed": self.context_removed,
            "notes": self.notes,
            "files": [str(p) for p in self.changed_files()],
        }

    def changed_files(self) -> list[Path]:
        out = [f.path for f in self.files if f.new_bytes != f.original]
        if self.old is None or lock_text(self.new).encode() != self._lock_bytes():
            out.append(self.path / LOCK_FILE)
        if evaluation_text(self.evaluation).encode() != self.evaluation_bytes:
            out.append(self.path / EVALUATION_FILE)
        return out

    def _lock_bytes(self) -> bytes:
        try:
            return read_or_empty(own_file(self.path, LOCK_FILE))
        except (OSError, ChecklistError):
            return b""

    def text(self) -> str:
        """The plan as a person reads it before saying yes."""
        if self.up_to_date:
            return f"{self.path}: already on {self.new.ref}; nothing to do"
        lines = [f"upgrade {self.path}: {self.old_ref} -> {self.new.ref}"]
        lines += [f"note: {n}" for n in self.notes]
        if self.diff is not None:
            d = self.diff
            lines.append(f"questions: {len(d.added)} added, {len(d.removed)} removed, "
                         f"{len(d.changed)} changed")
            for item in d.questions:
                mark = {"added": "+", "removed": "-", "changed": "~"}[item.status]
                detail = ""
                if item.changes:
                    detail = ": " + ", ".join(c.field for c in item.changes)
                lines.append(f"  {mark} {item.id}{detail}")
            other = [c for c in d.meta if c.field not in ("version", "based_on")]
            if d.sections or d.flags or other:
                lines.append("other changes: `checklist rubrics diff` shows them in full")
        if self.context_added or self.context_removed:
            for fid, value in self.context_added.items():
                lines.append(f"context: new flag {fid} set to its default "
                             f"({'yes' if value else 'no'}); change it in {EVALUATION_FILE}")
            for fid, value in self.context_removed.items():
                lines.append(f"context: flag {fid} ({'yes' if value else 'no'}) is gone from "
                             "the rubric and is dropped")
        total = sum(_count(f.before) for f in self.files)
        lines.append(f"answers: all {total} kept")
        if self.orphaned:
            lines.append(f"  {len(self.orphaned)} to removed questions, kept as orphans "
                         "(listed by `checklist status`, not scored):")
            lines += [f"    {a.rater}: {a.vendor} / {a.question}" for a in self.orphaned]
        if self.moved:
            lines.append(f"  {len(self.moved)} no longer fit their question; kept under a new "
                         "key, not scored, the question is open again:")
            lines += [f"    {a.rater}: {a.vendor} / {a.question} -> {a.moved_to} ({a.reason})"
                      for a in self.moved]
        if self.review:
            lines.append(f"  {len(self.review)} still fit but their question changed; review "
                         "them:")
            lines += [f"    {a.rater}: {a.vendor} / {a.question} ({a.reason})"
                      for a in self.review]
        return "\n".join(lines)


def _count(ratings: Ratings) -> int:
    return sum(len(by_q) for by_q in ratings.answers.values())


def plan_upgrade(path: Path, target: str | None = None,
                 library: Library | None = None) -> UpgradePlan:
    """Works out the upgrade of the folder at `path` to `target` (default: the newest version).

    `target` is a rubric id, `id@version` or the path of a rubric file. Raises ChecklistError
    when the folder cannot be read or the target cannot be found.
    """
    from checklist.files.library import Library

    path = Path(path)
    library = library if library is not None else Library.discover()
    evaluation_bytes, evaluation, pin = _read_evaluation(path)
    old, notes = _read_lock(path, pin)
    new = _target(pin, target, library, notes)
    diff = diff_rubrics(old, new) if old is not None else None

    context = dict(evaluation.context)
    flags = {f.id: f for f in new.context}
    removed_ctx = {k: v for k, v in context.items() if k not in flags}
    added_ctx = {fid: f.default for fid, f in flags.items() if fid not in context}
    new_context = {fid: context.get(fid, f.default) for fid, f in flags.items()}
    if new.id != pin.id:
        notes.append(f"switches rubric from {pin.id} to {new.id}")
    if version_key(new.version) < version_key(pin.version) and new.id == pin.id:
        notes.append(f"{new.version} is older than {pin.version}: a downgrade")
    updated = evaluation.model_copy(update={
        "rubric": RubricPin(id=new.id, version=new.version, sha256=new.digest()),
        "context": new_context,
    })
    plan = UpgradePlan(path, pin, old, new, diff, evaluation_bytes, updated,
                       context_added=added_ctx, context_removed=removed_ctx, notes=notes)
    ordering = Ordering.of(updated, new)
    vendors = {v.id for v in evaluation.vendors}
    for rater, file_path in _ratings_files(path):
        original, before = RatingsFile(path, rater, ordering).snapshot()
        after = before.model_copy(deep=True)
        for vendor, answers in before.answers.items():
            for qid, answer in answers.items():
                question = new.question(qid)
                if question is None:
                    if vendor in vendors and (old is None or old.question(qid) is not None):
                        plan.orphaned.append(KeptAnswer(rater, vendor, qid,
                                                        f"question removed in {new.ref}"))
                    continue
                findings = check_answer(answer, question, new.scale)
                if findings:
                    key = _free_key(after.answers[vendor], f"{qid}@{pin.version}")
                    after.answers[vendor][key] = after.answers[vendor].pop(qid)
                    plan.moved.append(KeptAnswer(rater, vendor, qid, findings[0].message, key))
                    continue
                change = diff.question(qid) if diff is not None else None
                if vendor in vendors and change is not None and answer.is_answered:
                    fields = [c.field for c in change.changes
                              if c.scoring or c.root in ("anchors", "text")]
                    if fields:
                        plan.review.append(KeptAnswer(rater, vendor, qid,
                                                      "changed: " + ", ".join(fields)))
        new_bytes = ratings_text(after, ordering).encode("utf-8")
        plan.files.append(RaterFile(rater, file_path, original, before, after, new_bytes))
    _check_result(plan)
    return plan


def _free_key(answers: dict[str, Any], wanted: str) -> str:
    key, n = wanted, 2
    while key in answers:
        key, n = f"{wanted}-{n}", n + 1
    return key


def _check_result(plan: UpgradePlan) -> None:
    """The same checks `load_folder` runs: an upgrade must never leave a folder that fails."""
    problems = [f.message for f in check_evaluation(plan.evaluation, plan.new)]
    for file in plan.files:
        problems += [f"{file.path}: {f.message}" for f in check_ratings(file.after, plan.new)]
    if problems:  # pragma: no cover - answers that do not fit are moved above
        raise ChecklistError.at(plan.path, "upgrade would leave a folder that does not load: "
                                + "; ".join(problems))


def _read_evaluation(path: Path) -> tuple[bytes, Evaluation, RubricPin]:
    if not path.is_dir():
        raise ChecklistError.at(path, "no such folder")
    if not is_evaluation(path):
        raise ChecklistError.at(path, f"not an evaluation folder (no {EVALUATION_FILE})")
    data, doc = read_yaml_bytes(own_file(path, EVALUATION_FILE), what="evaluation")
    evaluation = to_model(doc, Evaluation, what="evaluation")
    return data, evaluation, evaluation.rubric


def _read_lock(path: Path, pin: RubricPin) -> tuple[Rubric | None, list[str]]:
    """The rubric the evaluation is on now; a broken or edited lock is noted, not fatal."""
    notes: list[str] = []
    lock = path / LOCK_FILE
    if not lock.is_file():
        notes.append(f"{LOCK_FILE} is missing; it will be written")
        return None, notes
    try:
        old = to_model(read_yaml(own_file(path, LOCK_FILE), what="rubric lock"), Rubric,
                       what="rubric")
    except ChecklistError as exc:
        notes.append(f"{LOCK_FILE} cannot be read ({exc.problems[0]}); it will be replaced")
        return None, notes
    if old.digest() != pin.sha256:
        notes.append(f"{LOCK_FILE} does not match the pin in {EVALUATION_FILE} (edited by "
                     "hand?); it will be replaced")
    return old, notes


def _target(pin: RubricPin, target: str | None, library: Library,
            notes: list[str]) -> Rubric:
    if target is not None:
        return library.resolve(target)
    from checklist.files.library import continuation, resolve_entry

    successor = continuation(library, pin.id, pin.version)
    if successor is not None:
        notes.append(f"{pin.id}@{pin.version} continues as {successor.file.id} "
                     f"(`continued_as`); give --to {pin.id} to move to the newest {pin.id} "
                     "instead")
        return resolve_entry(successor, library)
    entry = library.find(pin.id)
    if entry is None:
        raise ChecklistError.plain(
            f"rubric '{pin.id}' is not on the search path, so there is nothing to upgrade to; "
            "add its folder (`checklist rubrics path add DIR`) or give --to ID@VERSION or a file"
        )
    if version_key(entry.file.version) < version_key(pin.version):
        raise ChecklistError.plain(
            f"the library's newest '{pin.id}' is {entry.file.version}, older than the "
            f"pinned {pin.version}; give --to {pin.id}@{entry.file.version} to downgrade"
        )
    return resolve_entry(entry, library)


def _ratings_files(path: Path) -> list[tuple[str, Path]]:
    """The ratings files, by the loader's rules; refuses a folder that links outside."""
    problems: list[Problem] = []
    found = ratings_paths(path, problems)
    if problems:
        raise ChecklistError(problems)
    return found


# --- applying -------------------------------------------------------------------------------


def apply_upgrade(plan: UpgradePlan) -> list[Path]:
    """Writes the plan as one folder transaction; returns the files that changed.

    Every file is first checked to be exactly as planned from (someone rating during the
    upgrade makes it stop with nothing written). Ratings files go first: with answers moved
    to orphan keys they still load under the old rubric, so a crash before the lock and pin
    are rewritten leaves a folder that loads. The lock and the pin follow, pin last.
    """
    changed = plan.changed_files()
    planned = {file.path for file in plan.files}

    def no_new_raters() -> None:
        for _, found in _ratings_files(plan.path):
            if found not in planned:  # a rater's first answer arrived meanwhile
                raise ConflictError.at(found, "appeared while the upgrade was planned; "
                                       "nothing written, run the upgrade again")

    replacements = [Replacement(f.path, f.new_bytes, f.original) for f in plan.files]
    replacements += [
        Replacement(plan.path / LOCK_FILE, lock_text(plan.new)),
        Replacement(own_file(plan.path, EVALUATION_FILE), evaluation_text(plan.evaluation),
                    plan.evaluation_bytes),
    ]
    replace_files(plan.path, replacements, check=no_new_raters, conflict="changed while the "
                  "upgrade was planned; nothing written, run the upgrade again")
    return changed
