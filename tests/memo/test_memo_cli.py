"""`checklist memo` and `checklist questionnaire` as a user runs them, and the font check."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from checklist.errors import ChecklistError
from checklist.files.folder import load_folder
from checklist.memo import fonts, pdf, render_memo
from tests.conftest import run_cli


def test_memo_prints_markdown_to_stdout(scored_eval):
    result = run_cli("memo", str(scored_eval))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# Tiny test\n")
    assert "## Ranking" in result.stdout


def test_pdf_without_output_goes_into_the_evaluation_folder(scored_eval):
    result = run_cli("memo", str(scored_eval), "--format", "pdf")
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    target = scored_eval / "memo.pdf"
    assert target.read_bytes().startswith(b"%PDF")
    assert str(target) in result.stderr
    result = run_cli("memo", str(scored_eval), "--format", "pdf", "--vendor", "Beta Corp")
    assert (scored_eval / "memo-beta-corp.pdf").is_file()


def test_pdf_to_a_pipe_with_dash(scored_eval):
    result = subprocess.run([sys.executable, "-m", "checklist", "memo", str(scored_eval), "-f",
                             "pdf", "-o", "-"], capture_output=True)
    assert result.returncode == 0
    assert result.stdout.startswith(b"%PDF")


def test_output_file_for_every_format(scored_eval, tmp_path):
    for fmt, start in (("md", b"# Tiny"), ("html", b"<!DOCTYPE html>"), ("pdf", b"%PDF"),
                       ("typ", b"#let doc-title")):
        target = tmp_path / f"out.{fmt}"
        result = run_cli("memo", str(scored_eval), "-f", fmt, "-o", str(target))
        assert result.returncode == 0, result.stderr
        assert target.read_bytes().startswith(start), fmt


def test_output_into_a_missing_folder_is_a_user_error(scored_eval, tmp_path):
    result = run_cli("memo", str(scored_eval), "-o", str(tmp_path / "nope" / "memo.md"))
    assert result.returncode == 2
    assert "no such folder" in result.stderr


def test_questionnaire_command(scored_eval, tmp_path):
    result = run_cli("questionnaire", str(scored_eval), "--vendor", "beta-corp")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# Follow-up questions for Beta Corp")
    result = run_cli("questionnaire", str(scored_eval), "--vendor", "Beta Corp", "-f", "pdf")
    assert (scored_eval / "questionnaire-beta-corp.pdf").read_bytes().startswith(b"%PDF")
    result = run_cli("questionnaire", str(scored_eval), "--vendor", "nobody")
    assert result.returncode == 2
    assert "unknown vendor 'nobody'" in result.stderr


def test_memo_options(scored_eval, tmp_path):
    result = run_cli("memo", str(scored_eval), "--rater", "ben", "--aggregate", "median")
    assert result.returncode == 0, result.stderr
    assert "**Raters:** Ben (median of their scores)" in result.stdout
    result = run_cli("memo", str(scored_eval), "--rater", "nobody")
    assert result.returncode == 2
    result = run_cli("memo", str(scored_eval), "--since", str(tmp_path / "missing"))
    assert result.returncode == 2


def test_memo_of_a_folder_that_is_not_an_evaluation(tmp_path):
    result = run_cli("memo", str(tmp_path))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_building_the_parser_loads_no_template_engine():
    code = ("import sys, json; from checklist.cli import build_parser; build_parser(); "
            "import checklist.cli.memo_cmds; print(json.dumps(sorted(sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    loaded = set(json.loads(out))
    assert "checklist.cli.memo_cmds" in loaded
    for heavy in ("jinja2", "typst", "pydantic", "yaml"):
        assert heavy not in loaded, heavy


# --- links the PDF cannot hold -----------------------------------------------------------------


def test_a_website_too_long_for_a_pdf_link_is_refused_where_it_is_written(scored_eval):
    """typst refuses a link over 8,000 characters, with no location; the website limit
    (2,000) stops it at the line of the evaluation file instead."""
    path = scored_eval / "evaluation.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("website: ''", "website: https://x.example/" + "w" * 9000, 1),
                    encoding="utf-8")
    line = next(n for n, row in enumerate(path.read_text().splitlines(), 1)
                if row.lstrip().startswith("website: https"))
    out = scored_eval / "m.pdf"
    result = run_cli("memo", str(scored_eval), "--vendor", "acme", "-f", "pdf", "-o", str(out))
    assert result.returncode == 2, result.stderr
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"{path}:{line}:"), first
    assert "website: too long" in first and "Traceback" not in result.stderr
    assert not out.exists()


def test_a_link_that_encodes_past_what_typst_accepts_is_printed_as_text(scored_eval):
    """An evidence URL within its limit (4,000) whose `|` encode to 12,000 characters must
    not break the PDF: it is shown as text, not linked."""
    url = "https://x.example/" + "|" * 3_900
    from tests.memo.conftest import rate

    rate(scored_eval, "Ben", "beta-corp", "api", "--yes", evidence=url)
    out = scored_eval / "m.pdf"
    result = run_cli("memo", str(scored_eval), "-f", "pdf", "-o", str(out))
    assert result.returncode == 0, result.stderr[-2000:]
    assert out.read_bytes().startswith(b"%PDF")


# --- fonts ------------------------------------------------------------------------------------


def test_cjk_names_need_a_cjk_font_and_the_error_says_which_package(scored_eval, monkeypatch):
    """With no font that has the glyphs, the PDF is refused and the package is named."""
    path = scored_eval / "evaluation.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("name: Gamma", "name: 可灵 Kling"),
                    encoding="utf-8")
    monkeypatch.setattr(fonts, "system_font_files", lambda extra=(): [])
    ws = load_folder(scored_eval)
    with pytest.raises(ChecklistError) as caught:
        render_memo(ws, fmt="pdf")
    message = str(caught.value)
    assert "fonts-noto-cjk" in message
    assert "可 (U+53EF)" in message
    assert '"可灵 Kling' in message
    # Markdown does not need fonts
    assert "可灵 Kling" in render_memo(ws).decode()


def test_the_font_error_through_the_cli(scored_eval):
    path = scored_eval / "evaluation.yaml"
    # Linear B: no common font package has it
    path.write_text(path.read_text(encoding="utf-8").replace("name: Gamma", "name: 𐀀𐀁 Gamma"),
                    encoding="utf-8")
    if not fonts.missing_glyphs("𐀀", fonts.system_font_files()):
        pytest.skip("this machine has a font for Linear B")
    result = run_cli("memo", str(scored_eval), "-f", "pdf", "-o", str(scored_eval / "m.pdf"))
    assert result.returncode == 2
    assert "U+10000" in result.stderr and "fonts-noto-core" in result.stderr
    assert not (scored_eval / "m.pdf").exists()


@pytest.mark.skipif(not fonts.system_font_files(), reason="no system fonts")
def test_cmap_reading_finds_latin_in_system_fonts():
    files = fonts.system_font_files()
    assert any(fonts._coverage(path, index) and fonts._coverage(path, index)(ord("A"))
               for path, index in files)


def test_with_a_cjk_font_installed_cjk_vendors_render(scored_eval):
    if fonts.missing_glyphs("可灵", fonts.system_font_files()):
        pytest.skip("no CJK font installed (fonts-noto-cjk)")
    path = scored_eval / "evaluation.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("name: Gamma", "name: 可灵 Kling"),
                    encoding="utf-8")
    data = render_memo(load_folder(scored_eval), fmt="pdf")
    from io import BytesIO

    from pypdf import PdfReader

    text = "".join(p.extract_text() for p in PdfReader(BytesIO(data)).pages)
    assert "可灵" in text


def test_check_glyphs_ignores_text_typst_fonts_cover(monkeypatch):
    """With no system fonts at all, text typst's own fonts cover passes, while the same check
    still refuses what nothing covers (so the pass is not a check that never runs)."""
    monkeypatch.setattr(fonts, "system_font_files", lambda extra=(): [])
    assert pdf.check_glyphs('#"Ünïcödé Ελληνικά Кириллица – “quotes” → ∑";') is None
    with pytest.raises(ChecklistError, match="U\\+53EF"):
        pdf.check_glyphs('#"Ünïcödé 可灵";')


def test_answers_not_scored_are_also_a_warning_on_stderr(scored_eval):
    path = scored_eval / "ratings" / "ana-maria.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("\n  gamma:\n", "\n  gamma-x:\n"),
                    encoding="utf-8")
    result = run_cli("memo", str(scored_eval))
    assert result.returncode == 0
    assert "kept but not scored" in result.stderr and "gamma-x / who-ran" in result.stderr
    assert "### Answers not scored" in result.stdout
    result = run_cli("questionnaire", str(scored_eval), "--vendor", "acme")
    assert "kept but not scored" in result.stderr and "not scored" not in result.stdout
