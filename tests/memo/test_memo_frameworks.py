"""The memo's framework-coverage appendix (issue 21 item 2): shown for a rubric whose
questions carry `maps_to`, in Markdown, HTML and PDF, after the sign-off, so page one of the
PDF does not move; absent when nothing is mapped (the worked example's golden memo)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from checklist.cli import main
from checklist.files.folder import load_folder
from checklist.memo import render_memo


@pytest.fixture
def llm_eval(workdir: Path) -> Path:
    folder = workdir / "llm"
    assert main(["new", str(folder), "--rubric", "llm-api", "--title", "LLM for support",
                 "--vendor", "Acme LM", "--vendor", "Beta AI"]) == 0
    return folder


def test_markdown_and_html_list_covered_and_uncovered_ids(llm_eval: Path) -> None:
    workspace = load_folder(llm_eval)
    md = render_memo(workspace, fmt="md").decode()
    appendix = md.split("## Framework coverage", 1)[1]
    assert "### NIST AI 600-1 Generative AI Profile (risks): 6 of 12 ids covered" in appendix
    assert "| Confabulation | metrics-map |" in appendix
    assert "Not covered: CBRN Information or Capabilities," in appendix
    assert "| Art. 50 | content-marking |" in appendix
    assert md.index("## Sign-off") < md.index("## Framework coverage")
    html = render_memo(workspace, fmt="html").decode()
    assert "<h2>Framework coverage</h2>" in html
    assert "<tr><td>Art. 50</td><td>content-marking</td></tr>" in html


def test_a_vendor_memo_and_an_unmapped_rubric_have_no_appendix(llm_eval: Path) -> None:
    workspace = load_folder(llm_eval)
    assert "Framework coverage" not in render_memo(workspace, fmt="md", vendor="acme-lm").decode()
    example = Path(__file__).resolve().parents[2] / "examples" / "ai-video-2026"
    assert "Framework coverage" not in render_memo(load_folder(example), fmt="md").decode()


def test_pdf_page_one_is_unchanged_by_the_appendix(llm_eval: Path, tmp_path: Path) -> None:
    workspace = load_folder(llm_eval)
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "memo.typ.j2").write_text(
        '{% extends "bundled/memo.typ.j2" %}{% block frameworks %}{% endblock %}',
        encoding="utf-8")
    with_appendix = PdfReader(io.BytesIO(render_memo(workspace, fmt="pdf")))
    without = PdfReader(io.BytesIO(render_memo(workspace, fmt="pdf", template=plain)))
    # Everything on page one is the same but the page count in its footer.
    def page_one(reader: PdfReader) -> str:
        return re.sub(r"Page 1 of \d+", "", reader.pages[0].extract_text())

    assert page_one(with_appendix) == page_one(without)
    assert len(with_appendix.pages) > len(without.pages)
    rest = "".join(page.extract_text() for page in with_appendix.pages[1:])
    assert "Framework coverage" in rest and "A.10.3" in rest
    assert "Framework coverage" not in "".join(p.extract_text() for p in without.pages)
