"""The vendor memo and the questionnaire follow the memo's rules (issue 17 item 7): the
vendor memo opens with that vendor's verdict and reasons, with the raters' notes; the
questionnaire asks only what is open or weak, each with why and what we have so far."""

from __future__ import annotations

import re

import pytest

from checklist.files.folder import load_folder
from checklist.memo import render_memo, render_questionnaire
from checklist.memo.view import build_view
from checklist.scoring import score_workspace
from tests.memo.conftest import EXAMPLE

pytestmark = pytest.mark.skipif(not (EXAMPLE / "evaluation.yaml").exists(),
                                reason="worked example missing")


def opening(text: str) -> str:
    """The vendor memo up to its scores."""
    return text[:text.index("## Scores")]


def test_the_vendor_memo_opens_with_its_verdict_and_reasons():
    text = render_memo(load_folder(EXAMPLE), vendor="runway").decode("utf-8")
    first = opening(text)
    assert "## Verdict: go with conditions" in first
    assert "Where Google Veo 3.1, the leader, is ahead of it, most decisive first:" in first
    assert ("4. **Reproduction on our workflow:** Measured 48%, within ≥ 30% for 2/4 Partial."
            " Google Veo 3.1: 58%.") in first
    assert "Marco Bianchi: “29 of 60 usable first try.”" in first


def test_the_leaders_vendor_memo_gives_the_same_reasons_as_page_one():
    ws = load_folder(EXAMPLE)
    view = build_view(ws, score_workspace(ws))
    assert view.winner is not None
    assert view.winner.reasons == view.page_one.reasons
    first = opening(render_memo(ws, vendor="veo-3-1").decode("utf-8"))
    assert "What puts it ahead of Runway, the next vendor that fails no gate" in first


def test_a_no_go_vendor_memo_opens_with_the_gates_it_failed_and_why():
    first = opening(render_memo(load_folder(EXAMPLE), vendor="sora-2").decode("utf-8"))
    assert "## Verdict: no-go" in first and "Out because:" in first
    assert "Deprecated 24 Mar 2026, removed 24 Sep 2026: six months' notice." in first


def test_the_questionnaire_asks_only_what_is_open_or_weak():
    ws = load_folder(EXAMPLE)
    view = build_view(ws, score_workspace(ws), vendor="kling-3")
    kling = view.vendor
    assert kling is not None
    text = render_questionnaire(ws, "kling-3").decode("utf-8")
    asked = re.findall(r"^### \d+\.\d+ (.+)$", text, flags=re.M)
    assert len(asked) == len(kling.followups)
    strong = {p.id for p in kling.strengths}
    assert not strong & {q.id for q in kling.followups}
    for q in kling.followups:
        assert set(q.reasons) <= {"unanswered", "low score", "low confidence", "gate",
                                  "failed gate"}
        # what we have so far, in the rubric's words, unless nothing was answered
        assert bool(q.found) == (q.current != "unanswered"), q.id
    assert text.count("- **Why we ask:** ") == len(asked)
    assert ("- **What we have so far:** Settings not disclosed.\n"
            in text)
    assert "- **What would meet our need:** Disclosed; resolution or duration matches ours" \
        in text


def test_every_gate_result_in_the_vendor_memo_carries_the_raters_notes():
    text = render_memo(load_folder(EXAMPLE), vendor="veo-3-1").decode("utf-8")
    row = next(line for line in text.splitlines()
               if line.startswith("| Will this exact model stay available"))
    assert row.startswith("| Will this exact model stay available, unchanged, for our use "
                          "horizon? | passed | 3/4 Meets our need | at least 1/4 Weak |")
    assert ("**Priya Raman:** “Versioned model IDs with published discontinuation dates; 12 "
            "months not contractual.” (E1.3, [vendor claim, 2026-11-03]") in row
