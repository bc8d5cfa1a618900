"""Page one decides: the recommendation, the reasons with the answers and the raters' notes
behind them, the conditions, what could change it and who approves, before any appendix
(issue 17). Checked on the worked example, whose data the assertions quote."""

from __future__ import annotations

import datetime as dt
import html
import io
import re

import pytest
from pypdf import PdfReader

from checklist.files.folder import load_folder
from checklist.memo import render_memo
from checklist.memo.view import build_view
from checklist.scoring import score_workspace
from tests.memo.conftest import EXAMPLE

pytestmark = pytest.mark.skipif(not (EXAMPLE / "evaluation.yaml").exists(),
                                reason="worked example missing")

#: What a screen of Markdown holds.
SCREEN = 60


def first_screen() -> str:
    md = render_memo(load_folder(EXAMPLE)).decode("utf-8")
    return "\n".join(md.splitlines()[:SCREEN])


def test_the_first_screen_of_markdown_holds_the_decision():
    first = first_screen()
    assert "Recommend Google Veo 3.1" in first
    # a reason with its measured value against its bound, the runner-up's value, the note
    assert "Measured 58%, within ≥ 50% for 3/4 Meets our need." in first
    assert "Runway: 48%." in first
    assert "35 of 60 usable first try." in first
    # the one condition, with both raters' notes side by side
    assert "Raters disagree on the gate “Will the vendor defend and indemnify us" in first
    assert "Marco Bianchi (1/4 Weak): “veo-3.1 was not on the published list" in first
    assert "Priya Raman (3/4 Meets our need): “Our account team says Veo 3.1 is covered" \
        in first
    # what could still change it, why the others are out (with the note), who approves
    assert "MiniMax Hailuo has 37 open questions" in first
    assert "Cannot test: the API was removed on 24 Sep 2026." in first
    assert "Dana Okafor (VP Marketing), approver" in first
    # ... all before the appendix begins
    assert first.index("## Who approves") < first.index("## Context and problem statement")


def test_every_reason_carries_its_answer_and_the_raters_notes_and_evidence():
    ws = load_folder(EXAMPLE)
    page = build_view(ws, score_workspace(ws)).page_one
    assert page.rival == "Runway"
    assert 3 <= len(page.reasons) <= 5
    for reason in page.reasons:
        finding = reason.finding
        assert finding.statement and finding.answer and reason.rival
        assert any(n.note or n.evidence for n in finding.notes), finding.id
        # every piece of evidence names its appendix entry
        assert all(e.ref.startswith("E1.") for n in finding.notes for e in n.evidence)
    assert [(a.name, a.role) for a in page.approvers] == [
        ("Dana Okafor (VP Marketing)", "approver"),
        ("Priya Raman (Head of Growth Product)", "driver"),
        ("Legal: Tomás Reyes", "contributor")]


def test_page_one_says_when_to_approve_and_which_evidence_went_stale():
    """The due date is the evaluation's; a leader's answer on evidence past the rubric's
    freshness rule (on the day the memo is made) is something that could still change it."""
    first = first_screen()
    assert "approve by 2026-12-11" in first
    ws = load_folder(EXAMPLE)
    page = build_view(ws, score_workspace(ws, today=dt.date(2026, 11, 27))).page_one
    assert page.approve_by == "2026-12-11"
    stale = [line for line in page.could_change if "stale evidence" in line]
    assert len(stale) == 1
    assert stale[0].startswith("Google Veo 3.1's answer to “What is the measured p95")
    assert "35 days old on 2026-11-27, past its 30-day freshness rule" in stale[0]
    assert "stale evidence" in first
    # scored without a day, nothing is stale
    assert not any("stale" in line for line in build_view(ws, score_workspace(ws))
                   .page_one.could_change)


def test_a_failed_gates_note_reaches_the_memo():
    """The note behind Sora's failed lifecycle gate lived only in the ratings file."""
    md = render_memo(load_folder(EXAMPLE)).decode("utf-8")
    assert "Deprecated 24 Mar 2026, removed 24 Sep 2026: six months' notice." in md


# --- the PDF: page one on one A4 page, the whole record in about ten --------------------------

#: The worked example's seven vendors with every appendix (and the claim check) fit in this many
#: pages.
PDF_PAGES = 11


def squash(text: str) -> str:
    """Text without the whitespace (and zero-width breaks) PDF extraction puts anywhere."""
    return re.sub(r"[\s\u200b]+", "", text)


@pytest.fixture(scope="module")
def example_pdf() -> PdfReader:
    data = render_memo(load_folder(EXAMPLE), fmt="pdf")
    return PdfReader(io.BytesIO(data))


def test_page_one_of_the_pdf_decides(example_pdf):
    page = example_pdf.pages[0]
    assert page.mediabox.width == pytest.approx(595, abs=1)    # A4
    assert page.mediabox.height == pytest.approx(842, abs=1)
    first = squash(page.extract_text())
    ws = load_folder(EXAMPLE)
    view = build_view(ws, score_workspace(ws))
    assert squash("Recommend Google Veo 3.1 (go with conditions, overall 0.71).") in first
    for reason in view.page_one.reasons:
        finding = reason.finding
        # each reason's value, in the question's own terms, and the runner-up's
        assert squash(finding.answer) in first, finding.id
        assert squash(f"Runway: {reason.rival}.") in first, finding.id
        for note in finding.notes:
            assert squash(note.note) in first, (finding.id, note.name)
    # the condition, with both raters' notes
    assert squash("Raters disagree on the gate") in first
    for note in view.page_one.conditions[0].notes:
        assert squash(note.note) in first
    assert squash("Who approves") in first
    assert squash("Dana Okafor (VP Marketing), approver") in first
    # page one ends before the appendix starts
    assert squash("Context and problem statement") not in first


def test_the_whole_pdf_stays_short(example_pdf):
    assert len(example_pdf.pages) <= PDF_PAGES


def test_the_html_page_opens_with_the_same_decision():
    page = render_memo(load_folder(EXAMPLE), fmt="html").decode("utf-8")
    text = html.unescape(re.sub(r"<[^>]+>", "", page))
    first = text[:text.index("Context and problem statement")]
    for part in ("Recommend Google Veo 3.1", "Measured 58%, within ≥ 50% for 3/4 Meets our need.",
                 "Runway: 48%.", "35 of 60 usable first try.", "Raters disagree on the gate",
                 "veo-3.1 was not on the published list", "Our account team says Veo 3.1",
                 "MiniMax Hailuo has 37 open questions",
                 "Dana Okafor (VP Marketing), approver"):
        assert part in first, part


def test_page_one_stays_one_page_with_many_vendors(tiny_rubric, workdir):
    """Twelve vendors, each out on a failed gate with a note: page one names the next six
    and says how many more, and still ends on its page."""
    from checklist.cli import main
    from tests.memo.conftest import rate

    ev = workdir / "many"
    names = [f"Vendor {i:02d}" for i in range(12)]
    assert main(["new", str(ev), "--rubric", str(tiny_rubric), "--title", "Many",
                 *[a for name in names for a in ("--vendor", name)],
                 "--context", "public=yes"]) == 0
    for i in range(12):
        vid = f"vendor-{i:02d}"
        rate(ev, "ana", vid, "api", "--yes" if i == 0 else "--no",
             note=f"Checked the API docs of vendor {i} on 2 November.")
        rate(ev, "ana", vid, "status", "--choice", "ga")
        rate(ev, "ana", vid, "who-ran", "--score", str(i % 5))
    ws = load_folder(ev)
    page = build_view(ws, score_workspace(ws)).page_one
    assert len(page.others) == 6 and page.others_more == 5
    reader = PdfReader(io.BytesIO(render_memo(ws, fmt="pdf")))
    first = squash(reader.pages[0].extract_text())
    assert squash("… and 5 more vendors (see the ranking).") in first
    assert squash("Who approves") in first
