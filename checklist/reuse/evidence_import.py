"""`checklist evidence import`: a harness's results file becomes proposed answers for a vendor.

Each question with `informed_by: measure.*` that the file gives a value for gets a proposal
in the question's unit, with the file (path and sha256) as own-test evidence and the way
the value was computed as its note. Nothing is written into anyone's answers.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from checklist.errors import ChecklistError
from checklist.files.folder import Workspace
from checklist.files.proposals import file_sha256
from checklist.model.answer_edit import Value
from checklist.model.common import slugify
from checklist.model.informed_by import SOURCES, in_question_unit
from checklist.model.proposal import Proposal, ProposalsFile
from checklist.model.ratings import Answer, Evidence
from checklist.reuse.harness import Results

_FORMAT_NAMES = {"promptfoo": "promptfoo", "lm-eval": "lm-evaluation-harness",
                 "inspect": "inspect_ai", "csv": "per-request CSV"}


def source_id(vendor: str, path: Path) -> str:
    """`evidence-<vendor>-<file stem>`: one proposals file per vendor and results file."""
    stem = slugify(path.stem) or "results"
    return f"evidence-{vendor}-{stem}"[:64].rstrip("-_")


def evidence_proposals(workspace: Workspace, vendor: str, path: Path, results: Results,
                       made: dt.datetime) -> ProposalsFile:
    """Proposals for `vendor` from `results`; an error when no question takes any of them."""
    shown = _shown_path(path, workspace.path)
    evidence = Evidence(url=shown, retrieved=made.date(), grade="own-test",
                        sha256=file_sha256(path),
                        note=f"{_FORMAT_NAMES[results.format]} results"
                             + (f" for {results.subject}" if results.subject else ""))
    proposals = []
    for _, question in workspace.rubric.questions():
        measured = results.measures.get(question.informed_by or "")
        if measured is None:
            continue
        value, how = measured
        answer = Answer(note=f"Proposed from {path.name}: {how}", evidence=[evidence])
        proposals.append(Proposal(vendor=vendor, question=question.id, answer=answer.with_value(
            Value("value", round(in_question_unit(question, value), 6)))))
    if not proposals:
        given = ", ".join(sorted(results.measures)) or "nothing checklist can use"
        informed = sorted({q.informed_by for _, q in workspace.rubric.questions()
                           if q.informed_by and q.informed_by in SOURCES})
        raise ChecklistError.at(path, f"the file gives {given}, but no question of the rubric "
                                "is informed by "
                                + ("any of them" if not informed else
                                   f"them (the rubric takes {', '.join(informed)})")
                                + "; add `informed_by:` to a number question in a rubric "
                                  "that extends this one")
    title = f"{_FORMAT_NAMES[results.format]} results {path.name}"
    return ProposalsFile(source=source_id(vendor, path), title=title, made=made,
                         proposals=proposals)


def _shown_path(path: Path, folder: Path) -> str:
    """The file relative to the evaluation when it is inside it, else as given (absolute)."""
    resolved = path.resolve()
    try:
        return str(resolved.relative_to(folder.resolve()))
    except ValueError:
        return os.fspath(resolved)
