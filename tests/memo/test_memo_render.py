"""Rendering the memo, vendor memo and questionnaire in every format.

Golden files: `tests/memo/golden/*.md`. After an intended change to the templates or the
worked example, regenerate them with

    CHECKLIST_UPDATE_GOLDEN=1 pytest tests/memo -k golden

and review the diff like any other change.
"""

from __future__ import annotations

import io
import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from checklist.files.folder import load_folder
from checklist.memo import render_memo, render_questionnaire, write_memo
from checklist.scoring import score_workspace
from tests.file_watch import watch_opens
from tests.memo.conftest import EXAMPLE, HOSTILE, fix_date, rate

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("CHECKLIST_UPDATE_GOLDEN") == "1"


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no golden file {name}; run with CHECKLIST_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8"), (
        f"{name} changed; if intended, regenerate with CHECKLIST_UPDATE_GOLDEN=1 and review")


def pdf_text(data: bytes) -> str:
    assert data.startswith(b"%PDF")
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def squash(text: str) -> str:
    return re.sub(r"[\s\u200b]+", "", text)


# --- golden Markdown --------------------------------------------------------------------------


def test_golden_tiny_memo(scored_eval):
    ws = load_folder(scored_eval)
    check_golden("tiny-memo.md", render_memo(ws).decode("utf-8"))
    check_golden("tiny-vendor-acme.md", render_memo(ws, vendor="acme").decode("utf-8"))
    check_golden("tiny-questionnaire-beta-corp.md",
                 render_questionnaire(ws, "beta-corp").decode("utf-8"))


@pytest.mark.skipif(not (EXAMPLE / "evaluation.yaml").exists(), reason="worked example missing")
def test_golden_worked_example_memo():
    ws = load_folder(EXAMPLE)
    check_golden("ai-video-2026-memo.md", render_memo(ws).decode("utf-8"))


# --- content ----------------------------------------------------------------------------------


def test_an_answer_reads_in_the_rubrics_words_wherever_the_memo_shows_it(scored_eval):
    """One lookup (`scorecard.anchor_at`) for the words of a level: a choice answer ("GA")
    is named in the strengths as in the gate table, and a choice gate's minimum in the
    questionnaire is the choice that meets it."""
    ws = load_folder(scored_eval)
    acme = render_memo(ws, vendor="acme").decode()
    assert "| Lifecycle status | passed | GA | at least 2/4 Partial |  |  |" in acme
    assert "- **Readiness:** GA.\n" in acme
    beta = render_questionnaire(ws, "beta-corp").decode()
    assert "- **What we require:** Preview\n" in beta



def test_memo_has_the_decision_record_parts(scored_eval):
    text = render_memo(load_folder(scored_eval)).decode()
    for part in ("## Context and problem statement", "## Decision drivers",
                 "## Decision outcome", "## Ranking", "## Claims versus readiness",
                 "```mermaid\nquadrantChart", "## Pros and cons of the options",
                 "## Open questions", "## Rater disagreements to settle",
                 "## Robustness", "### Missing-data bounds", "### Weight sensitivity",
                 "## Evidence appendix", "## Sign-off", "Recommend Acme",
                 "sha256", "Ana María, Ben"):
        assert part in text, part
    # the failed gate is explained with the rubric's anchor text and the rater's note
    assert "it fails the gate “Is there a commercial API?”: no API" in text
    assert "- Ana María: “No public API”" in text
    # the open questions: how many per vendor, the gates among them, where to get them all
    assert "| Gamma | 3 | 1 | `checklist questionnaire --vendor gamma` |" in text


def test_the_same_numbers_in_every_format(scored_eval):
    ws = load_folder(scored_eval)
    card = score_workspace(ws)
    md = render_memo(ws).decode()
    html = render_memo(ws, fmt="html").decode()
    pdf = squash(pdf_text(render_memo(ws, fmt="pdf")))
    for v in card.vendors:
        for number in (f"{v.score:.2f}", f"{v.coverage:.0%}", f"{v.lower:.2f}–{v.upper:.2f}"):
            assert number in md and number in html and squash(number) in pdf, (v.id, number)


@pytest.mark.skipif(not (EXAMPLE / "evaluation.yaml").exists(), reason="worked example missing")
def test_worked_example_pdf_names_every_vendor_and_the_recommendation():
    ws = load_folder(EXAMPLE)
    card = score_workspace(ws)
    text = squash(pdf_text(render_memo(ws, fmt="pdf")))
    for vendor in ws.evaluation.vendors:
        assert squash(vendor.name) in text, vendor.name
    assert card.winner is not None
    assert squash(f"Recommend {card.winner.name}") in text
    assert squash("Page 1 of") in text


def test_vendor_memo_in_every_format(scored_eval):
    ws = load_folder(scored_eval)
    md = render_memo(ws, vendor="Beta Corp").decode()
    assert md.startswith("# Vendor memo: Beta Corp")
    for part in ("## Scores", "### By section", "## Benchmark claims and their provenance",
                 "## Gates", "| Is there a commercial API? | failed | no | yes | no API |",
                 "## Open questions to send"):
        assert part in md, part
    assert "Beta Corp" in pdf_text(render_memo(ws, vendor="beta-corp", fmt="pdf"))
    assert "<h1>Beta Corp" in render_memo(ws, vendor="beta-corp", fmt="html").decode()


def test_questionnaire_lists_every_open_or_weak_item(scored_eval):
    ws = load_folder(scored_eval)
    text = render_questionnaire(ws, "acme").decode()
    # who-ran: answered 3 and 1 (mean 2), with a low-confidence answer -> listed
    assert "### 1.1 Who ran the benchmark?" in text
    assert "the evidence we have is not conclusive" in text
    # latency is unanswered
    assert "p95 latency" in text
    # tasks scored 4: nothing to ask
    assert "Do the benchmarked tasks match ours?" not in text
    assert "Please reply to Dana Okafor." in text
    pdf = pdf_text(render_questionnaire(ws, "acme", fmt="pdf"))
    assert "Who ran the benchmark?" in pdf


def test_questionnaire_names_scores_below_the_midpoint_as_weak(scored_eval):
    rate(scored_eval, "Ana María", "acme", "tasks", "--score", "1")
    text = render_questionnaire(load_folder(scored_eval), "acme").decode()
    assert "Do the benchmarked tasks match ours?" in text
    assert "what we have so far falls short of what we need" in text


def test_unknown_vendor_and_format_are_user_errors(scored_eval):
    from checklist.errors import ChecklistError

    ws = load_folder(scored_eval)
    with pytest.raises(ChecklistError, match="unknown vendor 'nope'"):
        render_memo(ws, vendor="nope")
    with pytest.raises(ChecklistError, match="unknown memo format"):
        render_memo(ws, fmt="rtf")
    with pytest.raises(ChecklistError, match="unknown memo format"):
        render_memo(ws, fmt="xlsx")  # only the questionnaire is a workbook


def test_write_memo_writes_atomically(scored_eval, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    target = write_memo(load_folder(scored_eval), out / "memo.pdf", fmt="pdf")
    assert target.read_bytes().startswith(b"%PDF")
    assert [p.name for p in out.iterdir()] == ["memo.pdf"]  # no temporary file left


def test_rater_option_shows_one_raters_view(scored_eval):
    ws = load_folder(scored_eval)
    text = render_memo(ws, rater="Ben").decode()
    assert "**Raters:** Ben (mean of their scores)" in text


# --- changes since an earlier assessment ------------------------------------------------------


def test_changes_since_an_earlier_assessment(scored_eval, tmp_path):
    old = tmp_path / "old"
    shutil.copytree(scored_eval, old)
    fix_date(old, "2026-08-01")
    rate(scored_eval, "Ana María", "gamma", "status", "--choice", "retired")
    rate(scored_eval, "Ana María", "beta-corp", "api", "--yes")
    text = render_memo(load_folder(scored_eval), since=load_folder(old)).decode()
    assert "## Changes since Tiny test (2026-08-01)" in text
    assert re.search(r"\| Gamma \| incomplete → no-go \|", text)
    assert "Gate newly failed: Lifecycle status" in text
    pdf = pdf_text(render_memo(load_folder(scored_eval), since=load_folder(old), fmt="pdf"))
    assert "Changes since" in pdf
    html = render_memo(load_folder(scored_eval), since=load_folder(old), fmt="html").decode()
    assert "<h2>Changes since Tiny test (2026-08-01)</h2>" in html


# --- hostile text -----------------------------------------------------------------------------


def _table_rows(text: str) -> list[list[str]]:
    """Every Markdown table row, split on unescaped pipes."""
    rows = []
    for line in text.splitlines():
        if line.startswith("|"):
            rows.append(re.split(r"(?<!\\)\|", line)[1:-1])
    return rows


def test_hostile_text_keeps_markdown_tables_and_blocks_intact(hostile_eval):
    ws = load_folder(hostile_eval)
    for text in (render_memo(ws).decode(), render_memo(ws, vendor="acme").decode(),
                 render_questionnaire(ws, "acme").decode()):
        tables = re.split(r"\n(?!\|)", text)
        for block in tables:
            rows = _table_rows(block)
            if rows:
                assert len({len(r) for r in rows}) == 1, block
        assert not re.search(r"(?<!\\)<(script|img)", text)
        # no line starts a heading, list or quote that the template did not write
        for line in text.splitlines():
            assert not line.startswith(("= ", "> quote", "1. one", "- item",
                                        "# line", "| a | b |", "===")), line
        assert not re.search(r"(?<!\\)\]\(http://x\)", text)  # no live link
        assert "<javascript:" not in text and "](javascript:" not in text


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.hrefs += [v or "" for k, v in attrs if k == "href"]


def test_hostile_text_is_inert_html(hostile_eval):
    ws = load_folder(hostile_eval)
    for text in (render_memo(ws, fmt="html").decode(),
                 render_memo(ws, vendor="acme", fmt="html").decode(),
                 render_questionnaire(ws, "acme", fmt="html").decode()):
        parser = _Tags()
        parser.feed(text)
        assert "script" not in parser.tags and "img" not in parser.tags
        # web links, or the memo's own references to its evidence appendix ("#E1.2")
        assert all(h.startswith(("http://", "https://")) or re.fullmatch(r"#E\d+\.\d+", h)
                   for h in parser.hrefs), parser.hrefs
        assert "&lt;script&gt;" in text


def test_hostile_text_compiles_to_pdf_verbatim(hostile_eval):
    ws = load_folder(hostile_eval)
    text = squash(pdf_text(render_memo(ws, fmt="pdf")))
    assert squash(HOSTILE) in text
    assert squash('#import "@preview/x:0.1.0": *') in text
    assert squash("Secondline | x") in text
    for pdf in (render_memo(ws, vendor="acme", fmt="pdf"),
                render_questionnaire(ws, "acme", fmt="pdf")):
        assert squash(HOSTILE) in squash(pdf_text(pdf))


def test_evidence_paths_are_listed_never_read(hostile_eval, tmp_path):
    """A path in evidence is printed as text; the file it names is never opened, by any
    process (the kernel is asked, so a rendering subprocess or typst would be seen too)."""
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET CONTENT", encoding="utf-8")
    rate(hostile_eval, "Ben", "acme", "tasks", "--score", "2", evidence=str(secret))
    ws = load_folder(hostile_eval)
    with watch_opens(secret) as watch:
        for fmt in ("md", "html", "pdf"):
            data = render_memo(ws, fmt=fmt)
            assert b"TOP SECRET" not in data
            assert watch.events() == 0, f"the {fmt} memo opened the evidence file"
        assert b"secret.txt" in render_memo(ws, fmt="md")  # listed as text


#: Unicode's bidirectional controls (Bidi_Control): each could make text read differently.
BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


@pytest.mark.parametrize("fmt", ["md", "html", "typ", "pdf"])
def test_bidi_controls_are_shown_escaped_never_obeyed(scored_eval, fmt):
    """A vendor named "Acme" + U+202E + "gnp.exe" reads as "Acmeexe.png" where the override
    is obeyed: every format shows it as the escape instead, in names, notes and claims."""
    path = scored_eval / "evaluation.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["vendors"][0]["name"] = "Acme\u202egnp.exe"
    data["vendors"][0]["notes"] = "Safe " + BIDI + " end"
    data["vendors"][0]["claims"] = [{"text": "Top \u2067score\u2069", "run_by": "\u200fLab"}]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    ws = load_folder(scored_eval)
    for output in (render_memo(ws, fmt=fmt), render_memo(ws, fmt=fmt, vendor="acme")):
        text = pdf_text(output) if fmt == "pdf" else output.decode("utf-8")
        assert not set(BIDI) & set(text), sorted(hex(ord(c)) for c in set(BIDI) & set(text))
        shown = "Acme\\\\u202egnp.exe" if fmt == "typ" else "Acme\\u202egnp.exe"  # typ: source
        assert shown in squash(text)


# --- wording found in the user test -----------------------------------------------------------


@pytest.mark.skipif(not (EXAMPLE / "evaluation.yaml").exists(), reason="worked example missing")
def test_gates_that_do_not_apply_are_a_list_in_every_format():
    ws = load_folder(EXAMPLE)
    md = render_memo(ws).decode()
    assert "?; " not in md
    start = md.index("Gates that do not apply to this purchase:")
    listed = md[start:md.index("## Decision outcome")].strip().splitlines()
    assert listed[1] == "" and len(listed) > 3
    assert all(line.startswith("- ") for line in listed[2:]), listed
    html = render_memo(ws, fmt="html").decode()
    assert "?; " not in html
    assert re.search(r"Gates that do not apply to this purchase:</p>\n<ul>\n<li>", html)
    typ = render_memo(ws, fmt="typ").decode()
    assert re.search(r"Gates that do not apply to this purchase:\n\n- #\"", typ)


@pytest.mark.skipif(not (EXAMPLE / "evaluation.yaml").exists(), reason="worked example missing")
def test_questionnaire_markdown_reads_as_written_when_pasted():
    ws = load_folder(EXAMPLE)
    texts = [render_questionnaire(ws, v.id).decode() for v in ws.evaluation.vendors]
    for text in texts:
        assert "\\[" not in text and "\\]." not in text
    assert any("in [evaluation.currency not set]?" in text for text in texts)


def test_mermaid_points_are_ranks_with_a_legend(scored_eval):
    text = render_memo(load_folder(scored_eval)).decode()
    chart = text[text.index("```mermaid"):]
    chart = chart[:chart.index("\n```\n")]
    points = re.findall(r'^    "(\d+)": \[', chart, flags=re.M)
    assert points and points == [str(i + 1) for i in range(len(points))]
    assert "Acme" not in chart
    # ... and the same points as a table, for viewers that do not draw Mermaid
    assert "| 1 | Acme | go | 0.67 | 0.67 | Proven and ready |" in text


# --- answers kept but not scored --------------------------------------------------------------


def _typo_vendor(ev: Path, real: str, typo: str) -> None:
    """Renames a vendor id in every ratings file, as a hand edit with a typo would."""
    for path in (ev / "ratings").glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(rf"(?m)^  {re.escape(real)}:$", f"  {typo}:", text),
                        encoding="utf-8")


def test_answers_not_scored_are_named_in_every_format(scored_eval):
    _typo_vendor(scored_eval, "beta-corp", "beta-crop")
    ws = load_folder(scored_eval)
    assert ws.orphans
    md = render_memo(ws).decode()
    assert "### Answers not scored" in md
    # one line per rater and unknown vendor: a typo'd vendor id orphans all its answers
    assert re.search(r"^- `ratings/ana-maria\.yaml`: beta-crop / (api, who-ran|who-ran, api) "
                     r"\(2 answers\): vendor is not in the evaluation", md, flags=re.M), md
    assert md.index("### Answers not scored") < md.index("## Ranking")
    html = render_memo(ws, fmt="html").decode()
    assert "<h3>Answers not scored</h3>" in html and "beta-crop / " in html
    assert "(2 answers)" in html
    pdf = squash(pdf_text(render_memo(ws, fmt="pdf")))
    assert squash("Answers not scored") in pdf and squash("beta-crop / ") in pdf
    vendor = render_memo(ws, vendor="acme").decode()
    assert "## Answers not scored" in vendor
    # nothing of the kind goes to the vendor
    assert "not scored" not in render_questionnaire(ws, "acme").decode()


def test_answers_not_scored_stop_at_ten(scored_eval):
    path = scored_eval / "ratings" / "ana-maria.yaml"
    extra = "".join(f"  typo-{i}:\n    who-ran:\n      score: 1\n" for i in range(12))
    extra += "  typo-12:\n    who-ran:\n      score: 1\n    tasks:\n      score: 2\n"
    path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")
    ws = load_folder(scored_eval)
    assert len(ws.orphans) == 14
    md = render_memo(ws).decode()
    section = md[md.index("### Answers not scored"):md.index("## Ranking")]
    assert "14 answers in the ratings files are kept but not counted" in section
    assert section.count("\n- `ratings/") == 10
    assert "- … and 4 more answers" in section


def test_a_clean_evaluation_has_no_unscored_note(scored_eval):
    assert "not scored" not in render_memo(load_folder(scored_eval)).decode()


def test_one_raters_memo_lists_only_that_raters_unscored_answers(scored_eval):
    _typo_vendor(scored_eval, "beta-corp", "beta-crop")
    text = render_memo(load_folder(scored_eval), rater="Ben").decode()
    assert "not scored" not in text  # Ben rated only Acme
