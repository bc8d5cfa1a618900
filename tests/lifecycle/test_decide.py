"""The decision's lifecycle: `checklist decide`, the refused steps, read-only ratings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from checklist.errors import ChecklistError
from checklist.files.folder import load_folder

from lifecycle_support import Cli


def evaluation(ev: Path):
    return load_folder(ev).evaluation


def test_accept_records_who_when_why_and_the_review_date(fresh_eval: Path, cli: Cli):
    result = cli("decide", fresh_eval, "--accept", "Acme", "--by", "Dana Okafor",
                 "--reason", "only GA API")
    assert result.code == 0, result.err
    done = evaluation(fresh_eval)
    assert done.status == "accepted" and done.chosen == "acme"
    step = done.history[-1]
    assert (step.action, step.by, step.reason, step.vendor) == (
        "accept", "Dana Okafor", "only GA API", "acme")
    assert step.at.tzinfo is not None
    # default review-by: the last fresh day of the first evidence to age (status: 30 days),
    # or today when that day has passed: a decision is never overdue the day it is made
    assert step.fresh_until == dt.date(2026, 10, 1)
    assert done.review_by == dt.date(2026, 11, 27)
    # the verdict's conditions on the day (the api gate's evidence is stale) are recorded
    assert step.conditions == ["evidence on the gate “Is there a commercial API?” is 87 days "
                               "old (rule: 60)"]
    assert "review by 2026-11-27" in result.out


def test_an_explicit_review_date_wins(fresh_eval: Path, cli: Cli):
    assert cli("decide", fresh_eval, "--accept", "acme", "--by", "Dana",
               "--review-by", "2027-03-01").code == 0
    assert evaluation(fresh_eval).review_by == dt.date(2027, 3, 1)


def test_ratings_are_read_only_once_accepted_until_reopened(fresh_eval: Path, cli: Cli):
    file = fresh_eval / "ratings" / "ana.yaml"
    before = file.read_bytes()
    assert cli("decide", fresh_eval, "--accept", "acme", "--by", "Dana").code == 0
    refused = cli("rate", fresh_eval, "--rater", "ana", "--vendor", "acme", "--question",
                  "tasks", "--score", "1")
    assert refused.code == 2 and "Traceback" not in refused.err
    assert refused.err.startswith(f"{fresh_eval / 'evaluation.yaml'}: the decision is accepted")
    assert "--reopen" in refused.err
    assert file.read_bytes() == before
    # a whole-file write (a spreadsheet import) goes through the same check
    workspace = load_folder(fresh_eval)
    with pytest.raises(ChecklistError, match="read-only"):
        workspace.ratings_file("ana").replace(workspace.ratings["ana"])
    assert file.read_bytes() == before

    no_reason = cli("decide", fresh_eval, "--reopen", "--by", "Dana")
    assert no_reason.code == 2 and "--reason" in no_reason.err
    assert cli("decide", fresh_eval, "--reopen", "--by", "Dana", "--reason",
               "new price list").code == 0
    reopened = evaluation(fresh_eval)
    assert reopened.status == "proposed" and reopened.chosen is None
    assert [(s.action, s.reason) for s in reopened.history] == [
        ("accept", ""), ("reopen", "new price list")]
    assert cli("rate", fresh_eval, "--rater", "ana", "--vendor", "acme", "--question",
               "tasks", "--score", "1").code == 0


@pytest.mark.parametrize(("steps", "refused"), [
    ([], ["--supersede"]),
    ([], ["--reopen", "--reason", "x"]),
    ([["--accept", "acme"]], ["--accept", "acme"]),
    ([["--accept", "acme"]], ["--reject"]),
    ([["--accept", "acme"]], ["--defer"]),
    ([["--reject"]], ["--accept", "acme"]),
    ([["--accept", "acme"], ["--supersede"]], ["--reopen", "--reason", "x"]),
    ([["--accept", "acme"], ["--supersede"]], ["--accept", "acme"]),
])
def test_refused_steps_change_nothing(fresh_eval: Path, cli: Cli, steps: list[list[str]],
                                      refused: list[str]):
    for step in steps:
        assert cli("decide", fresh_eval, *step, "--by", "Dana").code == 0
    before = (fresh_eval / "evaluation.yaml").read_bytes()
    result = cli("decide", fresh_eval, *refused, "--by", "Dana")
    assert result.code == 2 and "cannot" in result.err and "Traceback" not in result.err
    assert (fresh_eval / "evaluation.yaml").read_bytes() == before


def test_defer_then_accept_and_supersede(fresh_eval: Path, cli: Cli):
    assert cli("decide", fresh_eval, "--defer", "--by", "Dana", "--review-by", "2027-01-15",
               "--reason", "wait for the EU price list").code == 0
    deferred = evaluation(fresh_eval)
    assert deferred.status == "deferred" and deferred.review_by == dt.date(2027, 1, 15)
    assert cli("rate", fresh_eval, "--rater", "ana", "--vendor", "beta-corp", "--question",
               "api", "--no").code == 0  # a deferred decision can still be scored
    assert cli("decide", fresh_eval, "--accept", "acme", "--by", "Dana").code == 0
    assert cli("decide", fresh_eval, "--supersede", "--by", "Ana", "--successor",
               "../video-2027").code == 0
    done = evaluation(fresh_eval)
    assert done.status == "superseded" and done.chosen == "acme" and done.review_by is None
    assert [s.action for s in done.history] == ["defer", "accept", "supersede"]
    assert done.history[-1].successor == "../video-2027"


def test_a_no_go_vendor_cannot_be_accepted(fresh_eval: Path, cli: Cli):
    assert cli("rate", fresh_eval, "--rater", "ana", "--vendor", "beta-corp", "--question",
               "api", "--no").code == 0
    before = (fresh_eval / "evaluation.yaml").read_bytes()
    result = cli("decide", fresh_eval, "--accept", "Beta Corp", "--by", "Dana")
    assert result.code == 2 and "no-go" in result.err and "gate api failed" in result.err
    unknown = cli("decide", fresh_eval, "--accept", "acm", "--by", "Dana")
    assert unknown.code == 2 and "acme" in unknown.err
    assert (fresh_eval / "evaluation.yaml").read_bytes() == before


def test_who_decides_must_be_a_plain_name(fresh_eval: Path, cli: Cli):
    result = cli("decide", fresh_eval, "--accept", "acme", "--by", "Dana\x1b]52;c;eA==\x07")
    assert result.code == 2 and "--by" in result.err and "\\x1b" in result.err
    long = cli("decide", fresh_eval, "--accept", "acme", "--by", "D" * 201)
    assert long.code == 2 and "by: too long" in long.err and "Traceback" not in long.err
    assert evaluation(fresh_eval).status == "draft"


def test_a_review_date_that_has_passed_is_refused(fresh_eval: Path, cli: Cli):
    before = (fresh_eval / "evaluation.yaml").read_bytes()
    result = cli("decide", fresh_eval, "--accept", "acme", "--by", "Dana",
                 "--review-by", "2020-01-01")
    assert result.code == 2
    assert "--review-by 2020-01-01 has passed (today is 2026-11-27)" in result.err
    assert (fresh_eval / "evaluation.yaml").read_bytes() == before
