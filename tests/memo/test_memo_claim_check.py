"""The bake-off's claim check in the memo (issue 16 item 6): page one's headline, the appendix
section "Claims versus our own test" (a table in Markdown, a forest plot in HTML and PDF),
computed once in the view from the bake-off's results; a bake-off that cannot be rated yet is
a sentence, never an error."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from checklist.files.folder import load_folder
from checklist.memo import render_memo
from checklist.memo.view import build_view
from checklist.scoring import score_workspace
from tests.memo.conftest import EXAMPLE

pytestmark = pytest.mark.skipif(not (EXAMPLE / "bakeoff" / "bakeoff.yaml").exists(),
                                reason="worked example's bake-off missing")


def view_of(folder: Path):
    ws = load_folder(folder)
    return build_view(ws, score_workspace(ws))


@pytest.fixture(scope="module")
def example_md() -> str:
    return render_memo(load_folder(EXAMPLE)).decode("utf-8")


def test_the_worked_examples_rank_claim_is_checked_and_inconclusive():
    memo = view_of(EXAMPLE)
    cc = memo.claim_check
    assert cc is not None and not cc.unrated
    assert cc.headline == "Our blind bake-off: 1 claim checked, inconclusive."
    assert memo.page_one.claim_check == cc.headline
    [row] = cc.rows
    assert row.vendor == "Google Veo 3.1"
    assert row.claim.startswith("Ranks below Seedance 2.0")
    # a claimed deficit is checked as the other side's lead
    assert row.pair == "ByteDance Seedance 2.0 over Google Veo 3.1"
    assert row.claimed == "ahead (over 50%)" and row.claimed_p == 0.5
    assert row.ours == "62.1% (49.7% to 75.5%)"
    assert row.low_p < 0.5 < row.ours_p < row.high_p
    assert row.verdict == "inconclusive"
    assert row.detectable == "141 Elo"
    # every other claim is accounted for, with the reason
    assert len(cc.not_checked) == 10
    assert any(c.vendor == "Kuaishou Kling 3.0" and "OpenAI Sora" in c.why
               and "not a vendor of this evaluation" in c.why for c in cc.not_checked)


def test_the_markdown_memo_has_the_headline_on_page_one_and_the_table_in_the_appendix(
        example_md):
    page_one, appendix = example_md.split("## Context and problem statement", 1)
    assert "**Claim check:** Our blind bake-off: 1 claim checked, inconclusive." in page_one
    assert "## Claims versus our own test" in appendix
    assert ("| ByteDance Seedance 2.0 over Google Veo 3.1 | ahead (over 50%) | "
            "62.1% (49.7% to 75.5%) | inconclusive | 141 Elo |") in appendix
    assert "Not checked by the bake-off:" in appendix
    assert appendix.index("## Claims versus readiness") \
        < appendix.index("## Claims versus our own test") \
        < appendix.index("## Pros and cons of the options")


def test_the_html_memo_draws_a_forest_plot_without_script():
    html = render_memo(load_folder(EXAMPLE), fmt="html").decode("utf-8")
    section = html[html.index("<h2>Claims versus our own test</h2>"):]
    svg = section[section.index("<svg"):section.index("</svg>")]
    assert "ByteDance Seedance 2.0 over Google Veo 3.1" in svg and "inconclusive" in svg
    assert "<circle" in svg and "<polygon" in svg  # ours a dot, the claim a diamond
    assert "<script" not in html.lower()


def copy_example(tmp_path: Path) -> Path:
    folder = tmp_path / "eval"
    shutil.copytree(EXAMPLE, folder)
    return folder


def test_a_bake_off_with_too_few_votes_is_a_sentence_not_an_error(tmp_path):
    folder = copy_example(tmp_path)
    votes = folder / "bakeoff" / "votes"
    for path in votes.glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["votes"] = data["votes"][:2]
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                        encoding="utf-8")
    memo = view_of(folder)
    cc = memo.claim_check
    assert cc is not None and cc.unrated and not cc.rows
    assert cc.headline.startswith("Our blind bake-off cannot be rated yet: too few votes")
    md = render_memo(load_folder(folder)).decode("utf-8")
    assert "## Claims versus our own test" in md
    assert f"**Claim check:** {cc.headline}" in md


def test_a_bake_off_without_votes_is_a_sentence_not_an_error(tmp_path):
    folder = copy_example(tmp_path)
    shutil.rmtree(folder / "bakeoff" / "votes")
    cc = view_of(folder).claim_check
    assert cc is not None and cc.unrated
    assert "no votes yet" in cc.headline


def test_an_evaluation_without_a_bake_off_has_no_section(tmp_path):
    folder = copy_example(tmp_path)
    shutil.rmtree(folder / "bakeoff")
    memo = view_of(folder)
    assert memo.claim_check is None and memo.page_one.claim_check == ""
    md = render_memo(load_folder(folder)).decode("utf-8")
    assert "Claims versus our own test" not in md and "Claim check" not in md
