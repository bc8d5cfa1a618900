"""DOCX: the memo, the vendor memo and the questionnaire as Word documents, opened with
python-docx as Word would open them: headings, each vendor, each gate result, the chart as
an image, working links, page numbers, and vendor text kept as text."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml

from checklist.cli import main
from checklist.files.folder import load_folder
from checklist.memo import render_memo, render_questionnaire
from checklist.memo.view import build_view
from checklist.scoring import score_workspace
from tests.memo.conftest import EXAMPLE, HOSTILE

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _open(data: bytes) -> Any:
    assert data.startswith(b"PK")
    return docx.Document(io.BytesIO(data))


def _headings(document: Any) -> list[str]:
    return [p.text for p in document.paragraphs
            if p.style.name.startswith(("Heading", "Title"))]


def _all_text(document: Any) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [c.text for c in row.cells]
    xml = document.element.xml
    return "\n".join(parts) + xml


def _view(ev: Path, vendor: str | None = None) -> Any:
    workspace = load_folder(ev)
    return build_view(workspace, score_workspace(workspace), vendor=vendor)


def _links(data: bytes) -> list[str]:
    document = _open(data)
    return [r.target_ref for r in document.part.rels.values() if r.is_external]


def _page_fields(document: Any) -> list[str]:
    footer = document.sections[0].footer._element
    return [f.get(f"{W}instr") for f in footer.iter(f"{W}fldSimple")]


def test_memo_docx_has_every_section_vendor_and_gate(scored_eval: Path) -> None:
    data = render_memo(load_folder(scored_eval), fmt="docx")
    document = _open(data)
    view = _view(scored_eval)
    headings = _headings(document)
    assert headings[0] == view.title
    for title in ("Context and problem statement", "Decision drivers", "Decision outcome",
                  "Ranking", "Claims versus readiness", "Pros and cons of the options",
                  "Open questions to send each vendor", "Rater disagreements to settle",
                  "Robustness", "Evidence appendix", "Sign-off"):
        assert title in headings, title
    text = _all_text(document)
    for v in view.vendors:
        assert f"{v.rank}. {v.name}: {v.verdict_label}" in headings
        assert v.sentence in text
        for gate in v.gates_failed:
            assert f"{gate.text} — {gate.level}, the gate asks {gate.min}." in text
    ranking = next(t for t in document.tables if t.rows[0].cells[1].text == "Vendor")
    assert [r.cells[1].text for r in ranking.rows[1:]] == [v.name for v in view.vendors]
    assert [r.cells[2].text for r in ranking.rows[1:]] == [v.verdict_label
                                                            for v in view.vendors]
    assert len(document.inline_shapes) == 1                     # the chart, as an image
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        images = [n for n in archive.namelist() if n.startswith("word/media/")]
        assert archive.read(images[0]).startswith(b"\x89PNG")
    assert "https://lab.example/report" in _links(data)         # evidence links work
    assert _page_fields(document) == ["PAGE", "NUMPAGES"]


def test_vendor_memo_docx_lists_each_gate_result(scored_eval: Path) -> None:
    for vendor in ("acme", "beta-corp", "gamma"):
        data = render_memo(load_folder(scored_eval), fmt="docx", vendor=vendor)
        document = _open(data)
        view = _view(scored_eval, vendor)
        assert _headings(document)[0] == f"Vendor memo: {view.vendor.name}"
        gates = next(t for t in document.tables if t.rows[0].cells[0].text == "Gate")
        got = [(r.cells[0].text, r.cells[1].text) for r in gates.rows[1:]]
        assert got == [(g.text, g.status_label) for g in view.vendor.gates]
        assert got                                                # the tiny rubric has gates
        assert _page_fields(document) == ["PAGE", "NUMPAGES"]


def test_questionnaire_docx_asks_every_follow_up(scored_eval: Path) -> None:
    data = render_questionnaire(load_folder(scored_eval), "gamma", fmt="docx")
    document = _open(data)
    view = _view(scored_eval, "gamma")
    headings = _headings(document)
    assert headings[0] == "Follow-up questions for Gamma"
    for number, group in enumerate(view.vendor.followup_sections, 1):
        assert f"{number}. {group.title}" in headings
        for index, q in enumerate(group.questions, 1):
            assert f"{number}.{index} {q.ask}" in headings
    assert "Why we ask: " in _all_text(document)


def test_the_same_evaluation_gives_the_same_bytes(scored_eval: Path) -> None:
    workspace = load_folder(scored_eval)
    data = render_memo(workspace, fmt="docx")
    assert data == render_memo(workspace, fmt="docx")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:   # no entry carries the time of day
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    props = _open(data).core_properties
    assert props.created == props.modified and props.created.date().isoformat() == "2026-11-20"


def test_hostile_text_stays_text(hostile_eval: Path) -> None:
    workspace = load_folder(hostile_eval)
    data = render_memo(workspace, fmt="docx")
    text = _all_text(_open(data))
    assert HOSTILE.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") in text
    assert "javascript:" not in " ".join(_links(data))
    vendor = render_memo(workspace, fmt="docx", vendor="acme")
    assert "javascript:" not in " ".join(_links(vendor))


def test_a_control_character_is_shown_escaped(scored_eval: Path) -> None:
    path = scored_eval / "evaluation.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["vendors"][2]["notes"] = "bell\x07here"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    data = render_memo(load_folder(scored_eval), fmt="docx", vendor="gamma")
    assert "bell\\x07here" in _all_text(_open(data))


def test_a_reference_document_gives_the_look(scored_eval: Path, tmp_path: Path) -> None:
    reference = docx.Document()
    reference.styles["Normal"].font.name = "Georgia"
    reference.add_paragraph("Template body text that must not survive")
    reference.sections[0].header.paragraphs[0].text = "ACME Corp confidential"
    path = tmp_path / "house.docx"
    reference.save(str(path))
    out = tmp_path / "memo.docx"
    assert main(["memo", str(scored_eval), "-f", "docx", "--template", str(path),
                 "-o", str(out)]) == 0
    document = docx.Document(str(out))
    assert document.styles["Normal"].font.name == "Georgia"
    assert document.sections[0].header.paragraphs[0].text == "ACME Corp confidential"
    assert "Template body text" not in _all_text(document)
    folder = tmp_path / "templates"
    folder.mkdir()
    shutil.copy(path, folder / "questionnaire.docx")
    assert main(["questionnaire", str(scored_eval), "--vendor", "gamma", "-f", "docx",
                 "--template", str(folder), "-o", str(out)]) == 0
    assert docx.Document(str(out)).styles["Normal"].font.name == "Georgia"


@pytest.mark.parametrize("content", [b"not a zip", b"PK\x03\x04 broken"])
def test_a_bad_reference_document_is_a_user_error(scored_eval: Path, tmp_path: Path,
                                                  content: bytes) -> None:
    path = tmp_path / "bad.docx"
    path.write_bytes(content)
    result = subprocess.run([sys.executable, "-m", "checklist", "memo", str(scored_eval), "-f",
                             "docx", "--template", str(path), "-o", str(tmp_path / "m.docx")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert result.stderr.startswith(f"checklist: {path}: ") or \
        result.stderr.startswith(f"{path}: ")
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "m.docx").exists()


def test_docx_without_output_goes_into_the_folder(scored_eval: Path) -> None:
    assert main(["memo", str(scored_eval), "-f", "docx"]) == 0
    assert (scored_eval / "memo.docx").read_bytes().startswith(b"PK")


@pytest.mark.skipif(shutil.which("soffice") is None,
                    reason="LibreOffice (soffice) is not installed; .ci/run installs it")
def test_libreoffice_renders_the_memo_pages(tmp_path: Path) -> None:
    """The example's memo, converted to PDF by LibreOffice headless and then to page images
    (poppler's pdftoppm), for a person to look at: tmp_path/page-1.png and on."""
    out = tmp_path / "memo.docx"
    assert main(["memo", str(EXAMPLE), "-f", "docx", "-o", str(out)]) == 0
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(out)], check=True, capture_output=True, timeout=300)
    pdf = tmp_path / "memo.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(tmp_path / "page")],
                       check=True, timeout=300)
        assert list(tmp_path.glob("page-*.png"))


def test_the_docx_memo_opens_with_page_one_then_the_appendix_in_the_same_order():
    """Like the Markdown memo: the decision first, the record after it, the claim check
    between the chart and the options."""
    document = _open(render_memo(load_folder(EXAMPLE), fmt="docx"))
    headings = _headings(document)
    page_one = ["Why Google Veo 3.1", "Before signing", "What could still change it",
                "The other vendors", "Who approves"]
    appendix = ["Context and problem statement", "Decision drivers", "Decision outcome",
                "Consequences", "Confirmation", "Ranking", "Claims versus readiness",
                "Claims versus our own test", "Pros and cons of the options",
                "Evidence appendix", "Sign-off"]
    at = [headings.index(h) for h in page_one + appendix]
    assert at == sorted(at)
    text = _all_text(document)
    assert "Claim check: Our blind bake-off: 1 claim checked, inconclusive." in text
    assert "approve by 2026-12-11" in text
    assert "62.1% (49.7% to 75.5%)" in text
