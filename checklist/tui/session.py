"""One rater scoring one evaluation folder: answers in memory, saved behind the key presses.

Kept free of Textual so the rules that protect a person's work are tested on their own:
an answer changes in memory at once (the screen never waits for the disk), pending answers
are written in the background, each one only if the file still holds what this session last
saw there (otherwise it becomes a `Conflict` for the person to settle), and `flush()` on exit
writes whatever is still pending.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from checklist.errors import ChecklistError, ConflictError
from checklist.files.clock import today
from checklist.files.decided import decided_notice
from checklist.files.folder import RatingsFile, Workspace, now, rater_id, ratings_paths
from checklist.model.ratings import Answer, Ratings
from checklist.model.rubric import Question, Section
from checklist.scoring.results import QuestionResult
from checklist.scoring.scorecard import question_result
from checklist.tui.recovery import where_recovered, write_recovery

Key = tuple[str, str]
Clock = Callable[[], dt.datetime]


def scoring_day(clock: Clock) -> dt.date:
    """The day evidence ages to: `checklist.files.clock.today()` (which honours
    `CHECKLIST_TODAY`) with the real clock; a test's fixed clock gives its own day."""
    return today() if clock is now else clock().date()


@dataclass(frozen=True)
class Conflict:
    """Another process changed an answer this session was about to overwrite."""

    vendor: str
    question: str
    mine: Answer | None
    theirs: Answer | None


@dataclass(frozen=True)
class SaveResult:
    """What one background save did, for the status line and the conflict dialog."""

    saved: int
    conflicts: tuple[Conflict, ...] = ()
    error: str | None = None
    at: dt.datetime | None = None
    still_pending: int = 0


@dataclass
class Session:
    """A rater's view of a loaded workspace, and the single writer of that rater's file."""

    workspace: Workspace
    rater: str
    clock: Clock = now
    _pending: dict[Key, Answer | None] = field(default_factory=dict, repr=False)
    _seen: dict[Key, Answer | None] = field(default_factory=dict, repr=False)
    _conflicts: dict[Key, Conflict] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _write_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _mtimes: dict[str, int] = field(default_factory=dict, repr=False)
    #: The answers last written to a recovery file, and where (see `recover`).
    _recovered: tuple[dict[Key, Answer | None], Path] | None = field(default=None, repr=False)
    #: False when the workspace was already used by another session: its answers in memory
    #: may hold what that session could not save, so every ratings file is read again.
    fresh: bool = True

    def __post_init__(self) -> None:
        self.rater_id = rater_id(self.rater)
        self.file: RatingsFile = self.workspace.ratings_file(self.rater)
        if not self.fresh:
            self._reread_others()
        # What this session last saw on disk is what the file holds now, never what some
        # earlier session kept in memory (raises ChecklistError when the file is unreadable).
        on_disk = self.file.read()
        self.mine: Ratings = on_disk if on_disk.answers else Ratings(
            rater=on_disk.rater if on_disk.rater != self.rater_id else self.rater)
        if self.mine.answers:
            self.workspace.ratings[self.rater_id] = self.mine
        else:
            self.workspace.ratings.pop(self.rater_id, None)
        for vendor, answers in self.mine.answers.items():
            for qid, answer in answers.items():
                self._seen[(vendor, qid)] = answer
        self.questions: list[tuple[Section, Question]] = self.workspace.rubric.questions()
        #: Why answers cannot change (the decision is taken), with how to reopen; None while
        #: they can. The files layer refuses the write anyway; this says so before a key.
        self.read_only: str | None = decided_notice(self.workspace.path)
        self.question_ids: frozenset[str] = frozenset(q.id for _, q in self.questions)
        self._mtimes = self._disk_mtimes()

    def _reread_others(self) -> None:
        found = dict(ratings_paths(self.path))
        for rid in list(self.workspace.ratings):
            if rid not in found:
                del self.workspace.ratings[rid]
        for rid in found:
            if rid == self.rater_id:
                continue
            try:
                self.workspace.ratings[rid] = RatingsFile(self.path, rid,
                                                          self.workspace.ordering).read()
            except ChecklistError:
                continue  # half-edited by hand: keep what we had; the poll retries

    # --- reading --------------------------------------------------------------------------

    @property
    def path(self) -> Path:
        return self.workspace.path

    @property
    def display_name(self) -> str | None:
        """The name to store in the file when it is not just the id ('Ana María')."""
        return self.rater if self.rater != self.rater_id else None

    def answer(self, vendor: str, qid: str) -> Answer | None:
        return self.mine.get(vendor, qid)

    def answered(self, vendor: str, qid: str) -> bool:
        answer = self.answer(vendor, qid)
        return answer is not None and answer.is_answered

    def progress(self, vendor: str | None = None) -> tuple[int, int]:
        """(answered, total) for this rater, for one vendor or all of them.

        Only the rubric's questions count: an answer kept under another key (`q2@1.0.0`
        left by `checklist upgrade`, a question since removed) is not progress.
        """
        vendors = [vendor] if vendor else [v.id for v in self.workspace.evaluation.vendors]
        total = len(self.questions) * len(vendors)
        done = sum(
            1
            for vid in vendors
            for qid, answer in self.mine.answers.get(vid, {}).items()
            if qid in self.question_ids and answer.is_answered
        )
        return done, total

    def first_open(self, vendor: str, section: str | None = None) -> int:
        """Index of this rater's first unanswered question (in a section), else its first one."""
        indexes = [
            i for i, (s, _) in enumerate(self.questions) if section is None or s.id == section
        ]
        for index in indexes:
            if not self.answered(vendor, self.questions[index][1].id):
                return index
        return indexes[0] if indexes else 0

    def others(self, vendor: str, qid: str) -> list[tuple[str, Answer]]:
        """Other raters' answers (display name, answer); the screen hides them until we answer."""
        out = []
        for rid, ratings in sorted(self.workspace.ratings.items()):
            if rid == self.rater_id:
                continue
            answer = ratings.get(vendor, qid)
            if answer is not None and answer.is_answered:
                out.append((ratings.rater or rid, answer))
        return out

    def result(self, vendor: str, index: int) -> QuestionResult:
        """Every rater's answer to one question aggregated: the disagreement rule of the core."""
        section, question = self.questions[index]
        files = {rid: r for rid, r in self.workspace.ratings.items() if rid != self.rater_id}
        files[self.rater_id] = self.mine
        answers = [
            (rid, answer)
            for rid, ratings in sorted(files.items())
            if (answer := ratings.get(vendor, question.id)) is not None
        ]
        return question_result(question, section, answers, self.workspace.rubric, "mean",
                               today=scoring_day(self.clock))

    def ratings_for_scoring(self) -> dict[str, Ratings]:
        """A snapshot safe to score in another thread while the person keeps answering."""
        out: dict[str, Ratings] = {}
        for rid, ratings in self.workspace.ratings.items():
            if rid != self.rater_id:
                out[rid] = ratings
        if any(a for a in self.mine.answers.values()):
            out[self.rater_id] = Ratings.model_construct(
                rater=self.mine.rater,
                answers={v: dict(qs) for v, qs in self.mine.answers.items()},
            )
        return out

    def snapshot(self) -> Workspace:
        """The workspace as it is in memory now (for the memo): the files may lag by a save."""
        return Workspace(
            self.workspace.path,
            self.workspace.evaluation,
            self.workspace.rubric,
            self.ratings_for_scoring(),
            list(self.workspace.orphans),
        )

    # --- changing -------------------------------------------------------------------------

    def set(self, vendor: str, qid: str, answer: Answer | None) -> None:
        """Changes an answer in memory now and queues it for the next save."""
        if answer is not None:
            answer = None if answer.is_empty else answer.stamped(self.mine.get(vendor, qid),
                                                                 self.clock())
        self.mine.put(vendor, qid, answer)
        if self.rater_id not in self.workspace.ratings and self.mine.answers:
            self.workspace.ratings[self.rater_id] = self.mine
        with self._lock:
            self._pending[(vendor, qid)] = answer
            self._conflicts.pop((vendor, qid), None)

    @property
    def pending(self) -> int:
        with self._lock:
            return len(self._pending)

    @property
    def conflicts(self) -> list[Conflict]:
        with self._lock:
            return list(self._conflicts.values())

    def flush(self) -> SaveResult:
        """Writes every pending answer; safe to call from a worker thread and on exit.

        Each answer is written only if the file still holds what this session last saw for it;
        otherwise it is kept aside as a conflict and nothing of it is written.
        """
        with self._write_lock:
            with self._lock:
                batch, self._pending = self._pending, {}
            saved, conflicts, error = 0, [], None
            for index, (key, answer) in enumerate(batch.items()):
                vendor, qid = key
                with self._lock:
                    expected = self._seen.get(key)
                try:
                    self.file.update(vendor, qid, answer, expected=expected,
                                     display_name=self.display_name)
                except ConflictError:
                    theirs = self.file.read().get(vendor, qid)
                    conflict = Conflict(vendor, qid, answer, theirs)
                    with self._lock:
                        self._conflicts[key] = conflict
                    conflicts.append(conflict)
                    continue
                except (ChecklistError, OSError) as exc:
                    error = str(exc) or type(exc).__name__
                    with self._lock:  # keep it (and the rest) for the next try, newest wins
                        rest = dict(list(batch.items())[index:])
                        self._pending = {**rest, **self._pending}
                    break
                saved += 1
                with self._lock:
                    self._seen[key] = answer
            self._mtimes[self.rater_id] = self._mtime(self.file.path)
            return SaveResult(saved, tuple(conflicts), error, self.clock(), self.pending)

    def resolve(self, conflict: Conflict, *, keep_mine: bool) -> None:
        """The person's answer to a conflict: overwrite theirs knowingly, or take theirs."""
        key = (conflict.vendor, conflict.question)
        with self._lock:
            self._conflicts.pop(key, None)
            self._seen[key] = conflict.theirs
        if keep_mine:
            with self._lock:
                self._pending[key] = conflict.mine
        else:
            self._adopt(key, conflict.theirs)

    def _adopt(self, key: Key, answer: Answer | None) -> None:
        vendor, qid = key
        self.mine.put(vendor, qid, answer)

    # --- other processes ------------------------------------------------------------------

    def _mtime(self, path: Path) -> int:
        try:
            return path.stat().st_mtime_ns
        except OSError:
            return 0

    def _disk_mtimes(self) -> dict[str, int]:
        return {rid: self._mtime(p) for rid, p in ratings_paths(self.path)}

    def read_changes(self) -> dict[str, tuple[int, Ratings]]:
        """Ratings files other processes changed since we last looked (reads only: any thread)."""
        out: dict[str, tuple[int, Ratings]] = {}
        for rid, mtime in self._disk_mtimes().items():
            if self._mtimes.get(rid) == mtime:
                continue
            try:
                ratings = RatingsFile(self.path, rid, self.workspace.ordering).read()
            except ChecklistError:
                continue  # half-edited by hand: keep what we have, try again next time
            out[rid] = (mtime, ratings)
        return out

    def apply_changes(self, changes: dict[str, tuple[int, Ratings]]) -> list[str]:
        """Takes in what `read_changes` found (on the thread that owns the answers).

        Other raters' files are simply replaced. In this rater's own file, an answer changed
        on disk replaces the one in memory only if the person has not changed it meanwhile;
        otherwise the next save reports it as a conflict.
        """
        changed: list[str] = []
        for rid, (mtime, ratings) in changes.items():
            if self._mtimes.get(rid) == mtime:
                continue
            if rid == self.rater_id:
                on_disk = {
                    (vendor, qid): answer
                    for vendor, answers in ratings.answers.items()
                    for qid, answer in answers.items()
                }
                with self._lock:
                    for key in {*on_disk, *self._seen}:
                        answer, seen = on_disk.get(key), self._seen.get(key)
                        if key in self._pending or seen == answer:
                            continue
                        if self.answer(*key) == seen:
                            self._seen[key] = answer
                            self._adopt(key, answer)
            else:
                self.workspace.ratings[rid] = ratings
            self._mtimes[rid] = mtime
            changed.append(rid)
        return changed

    def recover(self) -> Path | None:
        """Writes answers that could not be saved (conflicts, errors) to a new recovery file.

        The file is `ratings/.<rater>.unsaved-<time>.yaml` (beside the ratings file; the dot
        keeps the loader away from it) and never replaces anything: an earlier recovery file
        not merged yet stays, and a name taken by a file or a link is skipped. When the
        ratings folder cannot take it (not writable, or a link out of the evaluation), the
        evaluation folder and then the user's data folder (`recovered/` in `data_dir()`)
        are tried. The file is readable by its owner only (mode 0600). Asked again with
        the same answers left (the app on leaving, then the command on exit), it returns
        the file already written instead of writing another. Returns where the answers
        are, or None when nothing was left unsaved; raises OSError when nowhere could
        take them.
        """
        with self._lock:
            left = {**{(c.vendor, c.question): c.mine for c in self._conflicts.values()},
                    **self._pending}
        if not left:
            return None
        if self._recovered is not None:
            answers_then, kept = self._recovered
            if answers_then == left and kept.is_file() and not kept.is_symlink():
                return kept
        stamp = self.clock().strftime("%Y%m%dT%H%M%S")
        target = write_recovery(self.path, self.rater, self.rater_id, left, stamp)
        self._recovered = (left, target)
        return target

    def where_recovered(self, kept: Path) -> str:
        """The recovery file for a message, saying why when it is not in the evaluation."""
        return where_recovered(self.path, kept)
