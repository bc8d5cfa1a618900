"""A Word document built from text that is never markup, with python-docx.

Why python-docx and not docxtpl: the DOCX memo shows the same typed view as the other
formats, and a Word user customises it the way Word users do, with a reference document
(`--template house-style.docx`: its styles, page setup, headers and footers are used, its
body is replaced). docxtpl would add a second template language living inside Word runs,
which Word splits when a person edits the file, and its Jinja environment is not our
sandbox. Here every text goes into a run as text: nothing a vendor wrote is interpreted.

What python-docx lacks is written here, each small: external hyperlinks (a relationship and
a `w:hyperlink`), page number fields, a style that may be missing from a reference document,
characters XML cannot hold (shown escaped, as the terminal shows them), and a deterministic
archive (python-docx stamps each zip entry with the current time).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from checklist.errors import ChecklistError, escape_char

#: Characters XML 1.0 cannot hold (python-docx refuses them): shown as `\x01`.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
#: The time a document says it was made when the evaluation has no date.
EPOCH = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)


def clean(text: str) -> str:
    """Text as a Word run can hold it: characters XML refuses are written escaped."""
    return _NOT_XML.sub(lambda m: escape_char(m.group()), text)


class DocxWriter:
    """Appends headings, paragraphs, lists, tables, links and images to a document."""

    def __init__(self, reference: Path | None = None) -> None:
        import docx

        if reference is None:
            self.document: Any = docx.Document()
        else:
            self.document = _open_reference(reference)
        # Style ids by name, looked up once: python-docx resolves a style name by scanning
        # every style of the document on each paragraph, which made a large memo quadratic.
        self._styles = {s.name: s.style_id for s in self.document.styles}
        self._links: dict[str, str] = {}
        section = self.document.sections[0]
        self._footer_page_numbers(section)

    # --- blocks ---------------------------------------------------------------------------

    def heading(self, text: str, level: int = 1) -> None:
        style = "Title" if level == 0 else f"Heading {level}"
        text_run(self._new_paragraph(style)._p, text)

    def paragraph(self, text: str = "", *, bold: str = "", style: str | None = None) -> Any:
        """A paragraph: `bold` first (a label such as "Status:"), then `text`."""
        paragraph = self._new_paragraph(style)
        if bold:
            text_run(paragraph._p, bold + (" " if text else ""), bold=True)
        if text:
            text_run(paragraph._p, text)
        return paragraph

    def bullet(self, text: str, *, bold: str = "") -> Any:
        return self.paragraph(text, bold=bold, style="List Bullet")

    def numbered(self, text: str) -> Any:
        return self.paragraph(text, style="List Number")

    def table(self, header: Sequence[str], rows: Sequence[Sequence[str | Link]]) -> None:
        """A table with a bold header row that repeats on each page. Rows are built on the
        XML directly: python-docx's `row.cells` rebuilds the whole grid on each call, which
        made a table quadratic in its rows."""
        from docx.text.paragraph import Paragraph

        table = self.document.add_table(rows=0, cols=len(header))
        grid = table._tbl
        if "Table Grid" in self._styles:
            grid.tblStyle_val = self._styles["Table Grid"]

        def add_row(values: Sequence[str | Link], bold: bool = False) -> Any:
            tr = grid.add_tr()
            for value in values:
                tc = tr.add_tc()  # no width: Word and LibreOffice fit the columns
                if isinstance(value, Link):
                    self.link(Paragraph(tc.p_lst[0], table), value.text, value.url)
                else:
                    text_run(tc.p_lst[0], value, bold=bold)
            return tr

        _repeat_header(add_row(header, bold=True))
        for row in rows:
            add_row(row)
        self._new_paragraph(None)

    def link(self, paragraph: Any, text: str, url: str) -> None:
        """An external hyperlink that opens in a browser, blue and underlined."""
        from docx.opc.constants import RELATIONSHIP_TYPE
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        rid = self._links.get(url)
        if rid is None:
            # One relationship per address, with an id of our own: python-docx's relate_to
            # scans every relationship for a match and for a free id, quadratic in links.
            rels = paragraph.part.rels
            number = len(self._links) + 1
            while f"rIdLink{number}" in rels:
                number += 1
            rid = f"rIdLink{number}"
            rels.add_relationship(RELATIONSHIP_TYPE.HYPERLINK, url, rid, is_external=True)
            self._links[url] = rid
        hyperlink = OxmlElement("w:hyperlink")
        hyperlink.set(qn("r:id"), rid)
        run = OxmlElement("w:r")
        props = OxmlElement("w:rPr")
        color = OxmlElement("w:color")
        color.set(qn("w:val"), "0563C1")
        underline = OxmlElement("w:u")
        underline.set(qn("w:val"), "single")
        props.append(color)
        props.append(underline)
        run.append(props)
        body = OxmlElement("w:t")
        body.text = clean(text)
        body.set(qn("xml:space"), "preserve")
        run.append(body)
        hyperlink.append(run)
        paragraph._p.append(hyperlink)

    def image(self, png: bytes, width_cm: float) -> None:
        from docx.shared import Cm

        self.document.add_picture(io.BytesIO(png), width=Cm(width_cm))

    def page_break(self) -> None:
        self.document.add_page_break()

    # --- the file -------------------------------------------------------------------------

    def finish(self, *, title: str, created: dt.datetime) -> bytes:
        """The document's bytes: the same content always gives the same bytes."""
        props = self.document.core_properties
        props.title = clean(title)[:255]
        props.author = "checklist"
        props.last_modified_by = "checklist"
        props.created = created
        props.modified = created
        props.revision = 1
        buffer = io.BytesIO()
        self.document.save(buffer)
        return _fixed_times(buffer.getvalue())

    def _new_paragraph(self, style: str | None) -> Any:
        """A paragraph at the end of the body, in `style` when the document has it."""
        paragraph = self.document.add_paragraph()
        style_id = self._styles.get(style) if style else None
        if style_id is not None:
            paragraph._p.get_or_add_pPr().style = style_id
        return paragraph

    def _footer_page_numbers(self, section: Any) -> None:
        """"Page N of M" in the footer, unless a reference document brings its own footer."""
        footer = section.footer
        if any(p.text.strip() for p in footer.paragraphs) or _has_fields(footer):
            return
        paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
        paragraph.add_run("Page ")
        _field(paragraph, "PAGE")
        paragraph.add_run(" of ")
        _field(paragraph, "NUMPAGES")


def text_run(p: Any, text: str, *, bold: bool = False) -> None:
    """Appends a run of plain text to the paragraph element `p`: line breaks and tabs as
    Word's own elements, as python-docx writes them, but built with lxml directly (a large
    memo has tens of thousands of cells, and python-docx's run API costs ~10x more)."""
    from lxml import etree  # type: ignore[import-untyped]  # python-docx's own XML library

    run = etree.SubElement(p, _W + "r")
    if bold:
        etree.SubElement(etree.SubElement(run, _W + "rPr"), _W + "b")
    for number, line in enumerate(clean(text).split("\n")):
        if number:
            etree.SubElement(run, _W + "br")
        for index, part in enumerate(line.split("\t")):
            if index:
                etree.SubElement(run, _W + "tab")
            if part:
                node = etree.SubElement(run, _W + "t")
                node.text = part
                node.set(_XML_SPACE, "preserve")


class Link:
    """A cell of a table that is a hyperlink."""

    def __init__(self, text: str, url: str) -> None:
        self.text = text
        self.url = url


def _open_reference(path: Path) -> Any:
    import docx

    from checklist.files.yamlio import read_bytes

    data = read_bytes(path, what="reference document")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
    except Exception:  # any way the zip module fails on a damaged archive
        raise ChecklistError.at(path, "not a Word document (.docx); save it from Word or "
                                "LibreOffice as Word Document (.docx)") from None
    if any(n.lower().endswith(".bin") or "vbaproject" in n.lower() for n in names):
        raise ChecklistError.at(path, "holds macros; save it as Word Document (.docx), not "
                                "as a macro-enabled document")
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # any failure of python-docx on the file is
        # the file's fault (a template, or a file named .docx that is something else)
        raise ChecklistError.at(path, f"cannot read this Word document ({type(exc).__name__});"
                                " save it again as Word Document (.docx)") from None
    body = document.element.body
    for child in list(body):
        if not child.tag.endswith("}sectPr"):  # keep the page setup, drop the content
            body.remove(child)
    return document


def _field(paragraph: Any, instruction: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _has_fields(footer: Any) -> bool:
    return bool(footer._element.xpath(".//w:fldSimple | .//w:fldChar"))


def _repeat_header(tr: Any) -> None:
    """The header row repeats on every page a table runs over."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    props = tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    props.append(header)


def _fixed_times(data: bytes) -> bytes:
    """The archive again, every entry dated 1980-01-01 (as XlsxWriter does), in the same
    order: the same document gives the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, (1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(info))
    return out.getvalue()
