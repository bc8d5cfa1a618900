"""Votes on disk: `bakeoff/votes/<rater>.yaml`, one file per rater, merged under the lock.

YAML rather than JSONL, for the same reasons as ratings: one hardened reader for every file
a team keeps (positions for every error, size, nesting and alias limits), the same
read-merge-write under the evaluation folder's lock (`folder_lock`) and atomic replace
(`write_atomic`), and a file a reviewer reads in a pull request. The cost, rewriting the
whole file on each vote, is a few milliseconds for the ~1,000 votes a rater casts.

Each vote keeps what the judge saw (the opaque output ids, left and right) and what was
hidden (the vendor on each side), so the audit never needs the plan to read a vote. Votes
are kept in the order cast; `undo` removes the rater's last one. A vote is refused when it
is not in the rater's share, was already cast, or the plan changed since it was read.

Blind until done: `visible_votes` shows a rater only their own votes until they have voted
on their whole share; commands that judge nothing (status, results) see every vote.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from checklist.bakeoff.folder import PLAN_FILE, VOTES_DIR, Bakeoff, own_file
from checklist.bakeoff.model import (
    MAX_VOTES,
    VERDICTS,
    PlanFile,
    Verdict,
    Vote,
    VotesFile,
)
from checklist.errors import ChecklistError, ConflictError, Problem, hint
from checklist.files.atomic import write_atomic
from checklist.files.folder import now, rater_id
from checklist.files.layout import rater_files
from checklist.files.lock import folder_lock
from checklist.files.paths import inside
from checklist.files.validate import to_model
from checklist.files.yamlio import YamlDoc, dump_yaml, read_yaml

VOTES_HEADER = (
    "Bake-off votes by {rater}, in the order cast, under plan {plan}. Written by checklist.\n"
    "left_output/right_output: the ids the judge saw; left_vendor/right_vendor: the hidden "
    "mapping."
)


def votes_folder(bakeoff: Bakeoff) -> Path:
    folder = bakeoff.path / VOTES_DIR
    if (folder.exists() or folder.is_symlink()) and not inside(folder, bakeoff.path):
        raise ChecklistError.at(folder, "links to a folder outside the bake-off; make "
                                f"{VOTES_DIR}/ a real folder")
    return folder


def votes_paths(bakeoff: Bakeoff, problems: list[Problem] | None = None) -> list[tuple[str, Path]]:
    """(rater id, file) for every votes file; misnamed or linked-out files go to `problems`."""
    if problems is None:
        problems = []
    folder = votes_folder(bakeoff)
    if not folder.is_dir():
        return []
    return rater_files(folder, bakeoff.path, problems, kind="votes", within="bake-off")


def raters_with_votes(bakeoff: Bakeoff) -> list[str]:
    """Raters whose votes file holds a vote (a file that cannot be read counts as holding
    votes: replacing the plan must never orphan what might be there)."""
    voted = []
    for rater, path in votes_paths(bakeoff):
        try:
            doc = read_yaml(path, what="votes file")
        except ChecklistError:
            voted.append(rater)
            continue
        data = doc.data
        empty = data is None or (isinstance(data, dict) and not data.get("votes"))
        if not empty:
            voted.append(rater)
    return voted


def read_votes_file(path: Path, rater: str) -> tuple[YamlDoc | None, VotesFile | None]:
    """The parsed file and its model; (None, None) when there is no file or it is empty."""
    if not path.exists() and not path.is_symlink():
        return None, None
    doc = read_yaml(path, what="votes file")
    if doc.data is None:
        return doc, None
    return doc, to_model(doc, VotesFile, what="votes file")


def check_votes(doc: YamlDoc, votes: VotesFile, plan: PlanFile, bakeoff: Bakeoff,
                rater: str) -> list[Problem]:
    """Every vote is one of this rater's planned comparisons, once, as the plan shows it."""
    problems: list[Problem] = []
    if votes.plan != plan.id:
        problems.append(doc.problem(("plan",), f"these votes were cast under plan {votes.plan}, "
                                    f"but plan.yaml is plan {plan.id}; restore the plan they "
                                    "belong to, or move this file aside"))
        return problems
    queue = set(plan.queues.get(rater, []))
    by_id = {c.id: c for c in plan.comparisons}
    reasons = bakeoff.settings.reasons
    seen: dict[str, int] = {}
    for index, vote in enumerate(votes.votes):
        comparison = by_id.get(vote.comparison)
        where = ("votes", index)
        if comparison is None or vote.comparison not in queue:
            problems.append(doc.problem((*where, "comparison"), f"comparison "
                                        f"'{vote.comparison}' is not in {rater}'s share of "
                                        "the plan"))
            continue
        if vote.comparison in seen:
            first = seen[vote.comparison] + 1
            problems.append(doc.problem((*where, "comparison"), f"a second vote on "
                                        f"'{vote.comparison}' (first is vote {first}); keep one"))
        seen.setdefault(vote.comparison, index)
        left, right = plan.outputs[comparison.left], plan.outputs[comparison.right]
        expected = (comparison.prompt, comparison.left, comparison.right, left.vendor,
                    right.vendor)
        found = (vote.prompt, vote.left_output, vote.right_output, vote.left_vendor,
                 vote.right_vendor)
        if found != expected:
            problems.append(doc.problem(where, f"vote on '{vote.comparison}' does not match "
                                        "the plan's comparison (prompt, outputs or vendors); "
                                        "it was edited by hand"))
        for k, reason in enumerate(vote.reasons):
            if reason not in reasons:
                problems.append(doc.problem((*where, "reasons", k), f"unknown reason "
                                            f"'{reason}'{hint(reason, reasons, 'reasons')}"))
    return problems


def load_votes(bakeoff: Bakeoff, plan: PlanFile) -> dict[str, VotesFile]:
    """Every rater's votes, checked against the plan; raises with every problem found.
    This sees everyone's votes: judging front ends call `visible_votes` instead."""
    problems: list[Problem] = []
    out: dict[str, VotesFile] = {}
    for rater, path in votes_paths(bakeoff, problems):
        try:
            doc, votes = read_votes_file(path, rater)
        except ChecklistError as exc:
            problems += exc.problems
            continue
        if doc is None or votes is None:
            continue
        if rater not in plan.raters:
            problems.append(Problem(str(path), 0, 0, f"rater '{rater}' has no share in the plan "
                                    f"{hint(rater, plan.raters, 'raters')}"))
            continue
        found = check_votes(doc, votes, plan, bakeoff, rater)
        if found:
            problems += found
            continue
        out[rater] = votes
    if problems:
        raise ChecklistError(problems[:50])
    return out


def finished(plan: PlanFile, rater: str, votes: VotesFile | None) -> bool:
    """Whether `rater` has voted on every comparison of their share."""
    queue = plan.queues.get(rater, [])
    done = {v.comparison for v in votes.votes} if votes else set()
    return bool(queue) and all(c in done for c in queue)


@dataclass(frozen=True)
class Visible:
    """The votes a viewer may see; `blind` says others' votes are withheld."""

    votes: dict[str, VotesFile]
    blind: bool


def visible_votes(bakeoff: Bakeoff, plan: PlanFile, viewer: str | None) -> Visible:
    """Votes for `viewer` (a rater name), or for a command that judges nothing (None).

    A rater sees only their own votes until their share is done: seeing how others voted
    would anchor their judgement, as it would in scoring.
    """
    votes = load_votes(bakeoff, plan)
    if viewer is None:
        return Visible(votes, blind=False)
    rater = rater_id(viewer)
    own = votes.get(rater)
    if finished(plan, rater, own):
        return Visible(votes, blind=False)
    return Visible({rater: own} if own else {}, blind=True)


def vote_data(vote: Vote) -> dict[str, object]:
    data = vote.model_dump(mode="python")
    if not vote.reasons:
        data.pop("reasons")
    if not vote.note:
        data.pop("note")
    return data


def votes_text(votes: VotesFile) -> str:
    data = {"rater": votes.rater, "plan": votes.plan,
            "votes": [vote_data(v) for v in votes.votes]}
    return dump_yaml(data, header=VOTES_HEADER.format(rater=votes.rater, plan=votes.plan))


def plan_bytes_digest(bakeoff: Bakeoff) -> str:
    path = own_file(bakeoff.path, PLAN_FILE)
    return hashlib.sha256(path.read_bytes() if path.exists() else b"").hexdigest()


@dataclass
class VoteFile:
    """One rater's votes file, changed one vote at a time under the evaluation's lock."""

    bakeoff: Bakeoff
    plan: PlanFile
    rater: str  # rater id
    name: str  # the name as the rater gave it, kept in the file
    #: sha256 of plan.yaml when the plan was read: a vote is refused once it changed.
    plan_digest: str

    @classmethod
    def open(cls, bakeoff: Bakeoff, plan: PlanFile, name: str) -> VoteFile:
        rater = rater_id(name)
        if rater not in plan.raters:
            raise ChecklistError.plain(f"rater '{rater}' has no share in the plan"
                                       f"{hint(rater, plan.raters, 'the plan has')}; make a "
                                       "plan that includes them (`checklist bakeoff plan "
                                       "--rater ...`)")
        return cls(bakeoff, plan, rater, name.strip() or rater, plan_bytes_digest(bakeoff))

    @property
    def path(self) -> Path:
        return votes_folder(self.bakeoff) / f"{self.rater}.yaml"

    def read(self) -> VotesFile:
        target = self.path
        if not inside(target, self.bakeoff.path) and (target.exists() or target.is_symlink()):
            raise ChecklistError.at(target, "links outside the bake-off; replace the link "
                                    "with the votes file itself")
        doc, votes = read_votes_file(target, self.rater)
        if doc is None or votes is None:
            return VotesFile(rater=self.name, plan=self.plan.id)
        problems = check_votes(doc, votes, self.plan, self.bakeoff, self.rater)
        if problems:
            raise ChecklistError(problems)
        return votes

    def _check_plan(self) -> None:
        if plan_bytes_digest(self.bakeoff) != self.plan_digest:
            raise ConflictError.at(own_file(self.bakeoff.path, PLAN_FILE), "the plan changed "
                                   "since judging started; nothing written: start again")

    def cast(self, comparison: str, verdict: Verdict, *, reasons: Iterable[str] = (),
             note: str = "", at: dt.datetime | None = None) -> Vote:
        """Records one vote on one of this rater's comparisons; returns it (with the hidden
        mapping: front ends must not show it to the judge)."""
        if verdict not in VERDICTS:
            raise ChecklistError.plain(f"verdict '{verdict}': choose one of "
                                       f"{', '.join(VERDICTS)}")
        planned = {c.id: c for c in self.plan.comparisons}.get(comparison)
        if planned is None or comparison not in self.plan.queues.get(self.rater, []):
            raise ChecklistError.plain(f"comparison '{comparison}' is not in {self.rater}'s "
                                       "share of the plan")
        chosen = list(dict.fromkeys(reasons))
        allowed = self.bakeoff.settings.reasons
        for reason in chosen:
            if reason not in allowed:
                raise ChecklistError.plain(f"unknown reason '{reason}'"
                                           f"{hint(reason, allowed, 'reasons')}")
        left, right = self.plan.outputs[planned.left], self.plan.outputs[planned.right]
        vote = Vote(comparison=comparison, prompt=planned.prompt, left_output=planned.left,
                    right_output=planned.right, left_vendor=left.vendor,
                    right_vendor=right.vendor, verdict=verdict, reasons=chosen,
                    note=note.strip(), at=at or now())
        with folder_lock(self.bakeoff.evaluation):
            self._check_plan()
            votes = self.read()
            if any(v.comparison == comparison for v in votes.votes):
                raise ConflictError.at(self.path, f"comparison '{comparison}' already has "
                                       f"{self.rater}'s vote; undo it first to change it")
            if len(votes.votes) >= MAX_VOTES:  # pragma: no cover - a plan is smaller
                raise ChecklistError.at(self.path, "too many votes in one file")
            votes.votes.append(vote)
            votes.rater = self.name
            write_atomic(self.path, votes_text(votes))
        return vote

    def undo(self) -> Vote | None:
        """Removes this rater's last vote and returns it; None when there is none."""
        with folder_lock(self.bakeoff.evaluation):
            self._check_plan()
            votes = self.read()
            if not votes.votes:
                return None
            last = votes.votes.pop()
            write_atomic(self.path, votes_text(votes))
            return last
