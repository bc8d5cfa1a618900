"""Proposed answers on disk (`proposals/<source>.yaml`) and their acceptance by a rater.

One file per source (the bake-off, one imported results file) so that two imports never
touch the same file and a re-run of a source replaces what it proposed before. Accepting
writes the rater's ratings file in one transaction: all of the accepted answers or none.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

from checklist.errors import ChecklistError, ConflictError, printable
from checklist.files.atomic import write_atomic
from checklist.files.folder import Workspace, now
from checklist.files.folder_text import answer_data
from checklist.files.lock import folder_lock
from checklist.files.paths import inside
from checklist.files.validate import to_model
from checklist.files.yaml_write import dump_yaml, plain
from checklist.files.yamlio import read_yaml
from checklist.model.proposal import Proposal, ProposalsFile, State, accepted, state
from checklist.model.ratings import Answer

PROPOSALS_DIR = "proposals"
HEADER = ("Proposed answers from {title}, written by checklist. They count only once a\n"
          "rater accepts them: `checklist proposals accept DIR --rater NAME`.")


def proposals_path(folder: Path, source: str) -> Path:
    return folder / PROPOSALS_DIR / f"{source}.yaml"


def proposals_text(file: ProposalsFile, workspace: Workspace) -> str:
    ordering = workspace.ordering
    ordered = sorted(file.proposals, key=lambda p: (ordering.vendor_key(p.vendor),
                                                    ordering.question_key(p.question)))
    data = {"source": file.source, "title": file.title, "made": plain(file.made),
            "proposals": [{"vendor": p.vendor, "question": p.question,
                           "answer": answer_data(p.answer)} for p in ordered]}
    return dump_yaml(data, header=HEADER.format(title=printable(file.title)))


def write_proposals(workspace: Workspace, file: ProposalsFile) -> Path:
    """Replaces what this source proposed before (atomically, under the folder lock)."""
    path = proposals_path(workspace.path, file.source)
    with folder_lock(workspace.path):
        _check_inside(path, workspace.path)
        path.parent.mkdir(exist_ok=True)
        write_atomic(path, proposals_text(file, workspace))
    return path


def read_proposals(folder: Path) -> list[ProposalsFile]:
    """Every source's proposals, by source id; none when the folder has no proposals/."""
    where = folder / PROPOSALS_DIR
    if not where.is_dir():
        return []
    _check_inside(where, folder)
    files = []
    for path in sorted(where.glob("*.yaml")):
        _check_inside(path, folder)
        doc = read_yaml(path, what="proposals file")
        files.append(to_model(doc, ProposalsFile, what="proposals file"))
    return files


def _check_inside(path: Path, folder: Path) -> None:
    if not inside(path, folder):
        raise ChecklistError.at(path, "links outside the evaluation folder; checklist reads "
                                "and writes proposals only inside it")


def file_sha256(path: Path) -> str:
    """The sha256 of a file a proposal was computed from, read in blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass(frozen=True)
class Standing:
    """One proposal as a rater sees it."""

    source: ProposalsFile
    proposal: Proposal
    current: Answer | None
    state: State


def standings(workspace: Workspace, rater: str | None, *, vendor: str | None = None,
              question: str | None = None) -> list[Standing]:
    """Proposals for the evaluation's vendors and the rubric's questions (others are stale:
    left out), with where `rater` stands on each (`open` for everyone when no rater)."""
    ratings = workspace.ratings_file(rater).read() if rater else None
    vendors = {v.id for v in workspace.evaluation.vendors}
    out = []
    for file in read_proposals(workspace.path):
        for proposal in file.proposals:
            if proposal.vendor not in vendors or workspace.rubric.question(
                    proposal.question) is None:
                continue
            if (vendor and proposal.vendor != vendor) or (question and
                                                          proposal.question != question):
                continue
            current = ratings.get(proposal.vendor, proposal.question) if ratings else None
            out.append(Standing(file, proposal, current, state(proposal, current)))
    return out


@dataclass(frozen=True)
class Acceptance:
    taken: list[Standing]
    kept: list[Standing]


def accept(workspace: Workspace, rater: str, *, vendor: str | None = None,
           question: str | None = None, replace: bool = False,
           at: dt.datetime | None = None) -> Acceptance:
    """Copies the open proposals (and with `replace`, the overridden ones too) into `rater`'s
    answers, all in one write; answers of the rater's own are kept and reported."""
    file = workspace.ratings_file(rater)
    expected, ratings = file.snapshot()
    taken: list[Standing] = []
    kept: list[Standing] = []
    seen: set[tuple[str, str]] = set()
    for standing in standings(workspace, rater, vendor=vendor, question=question):
        key = (standing.proposal.vendor, standing.proposal.question)
        if standing.state == "accepted" or key in seen:
            continue
        if standing.state == "overridden" and not replace:
            kept.append(standing)
            continue
        seen.add(key)
        current = ratings.get(*key)
        answer = accepted(standing.proposal, current).stamped(current, at or now())
        ratings.put(*key, answer)
        taken.append(standing)
    if taken:
        try:
            file.replace(ratings, expected=expected)
        except ConflictError as exc:
            raise ConflictError.at(file.path, "changed while proposals were accepted; "
                                   "nothing written: run it again") from exc
    return Acceptance(taken, kept)
