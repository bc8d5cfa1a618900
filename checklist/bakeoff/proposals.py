"""What the bake-off proposes for the questions that say they are informed by it.

`checklist bakeoff propose` turns the bake-off's results into proposed answers
(`proposals/bakeoff.yaml`) for every question with `informed_by: bakeoff.*`, each with the
votes files and the plan as own-test evidence (their sha256 recorded), for a rater to accept
or override. What each source means is in `checklist.model.informed_by`.
"""

from __future__ import annotations

import datetime as dt

from checklist.bakeoff.folder import PLAN_FILE
from checklist.bakeoff.results import BakeoffResults
from checklist.bakeoff.votes import votes_paths
from checklist.files.folder import Workspace
from checklist.files.proposals import file_sha256
from checklist.model.answer_edit import Value
from checklist.model.informed_by import in_question_unit
from checklist.model.proposal import Proposal, ProposalsFile
from checklist.model.ratings import Answer, Evidence
from checklist.numbers import number

SOURCE = "bakeoff"


def bakeoff_proposals(workspace: Workspace, results: BakeoffResults,
                      made: dt.datetime) -> tuple[ProposalsFile, list[str]]:
    """The proposals, and a line for each question left without one (and why)."""
    bakeoff = results.bakeoff
    files = [bakeoff.path / PLAN_FILE] + [p for _, p in votes_paths(bakeoff)]
    evidence = [Evidence(url=str(p.relative_to(workspace.path)), retrieved=made.date(),
                         grade="own-test", sha256=file_sha256(p),
                         note="our blind bake-off")
                for p in files if p.exists()]
    cast, planned = len(results.table), results.planned_votes
    proposals: list[Proposal] = []
    skipped: list[str] = []
    for _, question in workspace.rubric.questions():
        source = question.informed_by or ""
        if not source.startswith("bakeoff."):
            continue
        if source == "bakeoff.to-plan" and cast < planned:
            skipped.append(f"{question.id}: {cast} of {planned} planned votes cast; "
                           "proposed once every planned vote is in")
            continue
        for vendor in results.vendors:
            found = _value(source, vendor, results)
            if found is None:
                continue
            value, how = found
            if question.type == "number":
                held = Value("value", round(in_question_unit(question, value), 6))
            else:
                held = Value("answer", bool(value))
            answer = Answer(note=f"Proposed from our bake-off ({results.plan}): {how}",
                            evidence=evidence).with_value(held)
            proposals.append(Proposal(vendor=vendor, question=question.id, answer=answer))
    title = f"the bake-off '{bakeoff.settings.title}'"
    return ProposalsFile(source=SOURCE, title=title, made=made, proposals=proposals), skipped


def _value(source: str, vendor: str, results: BakeoffResults) -> tuple[float, str] | None:
    """The source's value for `vendor` (base unit) and how it was computed."""
    if source == "bakeoff.usable-rate":
        entry = next((u for u in results.main.unusable if u.vendor == vendor), None)
        if entry is None or entry.votes == 0:
            return None
        usable = entry.votes - entry.unusable
        return (usable / entry.votes, f"{usable} of {entry.votes} comparisons not judged "
                "'both unusable' (an upper bound: a pairwise vote marks an output unusable "
                "only when both were)")
    if source == "bakeoff.win-rate":
        fitted = results.main.ratings
        if fitted is None or vendor not in fitted.vendors:
            return None
        others = [o for o in fitted.vendors if o != vendor]
        if not others:
            return None
        mean = sum(fitted.win_probability(vendor, o).value for o in others) / len(others)
        return (mean, f"mean win probability against {len(others)} other vendors "
                f"(Bradley-Terry fit of {len(results.table)} votes; Elo "
                f"{number(fitted.elo(vendor).value)})")
    if source == "bakeoff.to-plan":
        return (1.0, f"all {results.planned_votes} planned votes cast, blind, by "
                f"{len(results.table.raters)} raters")
    return None

