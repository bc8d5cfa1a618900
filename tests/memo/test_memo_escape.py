"""The escaping filters: vendor text is always text, in every output language."""

from __future__ import annotations

import re
import unicodedata

import pytest
import typst
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from checklist.memo import escape
from checklist.memo.fonts import missing_glyphs, system_font_files

# Characters typst's markup gives meaning to, plus line-start syntax and comment openers.
TYPST_SPECIALS = [*'#$*_@<>[]`\\/="\'~-+.:;{}()', "//", "/*", "*/", "\n", "= ", "- ", "+ ",
                  "1. ", "@ref", "<lbl>", "$x$"]


def _pdf_text(source: str) -> str:
    import io

    pdf = typst.compile(source.encode("utf-8"), format="pdf")
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _squash(text: str) -> str:
    """Text as compared with a PDF's: no whitespace, no invisible break hints, NFC."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"[\s\u200b]+", "", text)


def _has_cjk_font() -> bool:
    return not missing_glyphs("可灵", system_font_files())


# --- Markdown ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("raw", "expected"), [
    ("a|b", r"a\|b"),
    ("*bold* _it_", r"\*bold\* \_it\_"),
    ("<script>alert(1)</script>", r"\<script>alert(1)\</script>"),
    ("# heading", r"\# heading"),
    ("#hashtag", "#hashtag"),
    ("- item", r"\- item"),
    ("-0.17", "-0.17"),
    ("1. first", r"1\. first"),
    ("1.5 s", "1.5 s"),
    ("> quote", r"\> quote"),
    ("---", r"\---"),
    ("=", r"\="),
    ("&amp; R&D", r"\&amp; R&D"),
    ("back\\slash", r"back\slash"),
    ("ends\\", r"ends\\"),
    ("a\\*b", r"a\\\*b"),
    ("`code`", r"\`code\`"),
    ("$x$ ~~s~~", r"\$x\$ \~\~s\~\~"),
    ("two\nlines\r\nthree", "two lines three"),
    ("  padded\t", "padded"),
    ("bell\x07", "bell"),
    # What reads as text stays as written, so a pasted questionnaire looks right.
    ("at [resolution, duration, audio on/off].", "at [resolution, duration, audio on/off]."),
    ("$0.50 per second, ~5 s", "$0.50 per second, ~5 s"),
    ("snake_case_id", "snake_case_id"),
    ("a > b", "a > b"),
    # ... and what would be a link, a reference definition or a task box does not.
    ("[a](http://x)", r"[a\](http://x)"),
    ("![a](http://x/p.png)", r"![a\](http://x/p.png)"),
    ("[a][ref] x", r"[a\][ref] x"),
    ("[foo]: http://x", r"[foo\]: http://x"),
    ("ends with [x]", r"ends with [x\]"),
    ("[x] done", r"\[x] done"),
    ("__init__", r"\_\_init\_\_"),
])
def test_md_escapes_what_markdown_would_read(raw, expected):
    assert escape.md(raw) == expected


@given(st.text(max_size=80))
def test_md_keeps_a_table_row_a_table_row(text):
    """Whatever the text, a cell holds it: no unescaped pipe, no line break."""
    cell = escape.md(text)
    assert "\n" not in cell
    unescaped = re.findall(r"(?<!\\)(?:\\\\)*\|", cell)
    assert not unescaped
    assert "<" not in cell.replace("\\<", "")


def _markdown():
    markdown_it = pytest.importorskip("markdown_it")
    plugins = pytest.importorskip("mdit_py_plugins")
    from mdit_py_plugins.dollarmath import dollarmath_plugin
    from mdit_py_plugins.footnote import footnote_plugin
    from mdit_py_plugins.tasklists import tasklists_plugin

    del plugins
    md = markdown_it.MarkdownIt("commonmark").enable(["table", "strikethrough"])
    return md.use(dollarmath_plugin).use(footnote_plugin).use(tasklists_plugin)


MD_SYNTAX = st.sampled_from(list("ab1 _*[]()!:<>|~$`\\#-+=.&;^xé"))
MD_TEXT = st.text(alphabet=MD_SYNTAX | st.characters(), max_size=40)


@settings(max_examples=400, deadline=None)
@given(MD_TEXT)
@example("^[]0")  # an inline footnote (found by this test)
def test_md_renders_as_exactly_the_text_in_a_paragraph_a_list_and_a_table(text):
    """Rendered by a CommonMark + GFM parser (tables, strikethrough, math, footnotes, task
    lists), the escaped text is one plain text run that reads as the original: no emphasis,
    link, image, code, HTML or math, and a table row keeps its cells."""
    md = _markdown()
    expected = escape.one_line(text)
    escaped = escape.md(text)
    for source, where in ((escaped, "paragraph"), (f"- {escaped}", "list"),
                          (f"| {escaped} | x |\n|---|---|\n| {escaped} | y |\n", "table")):
        tokens = md.parse(source)
        inline = [t for t in tokens if t.type == "inline"]
        kinds = {c.type for t in inline for c in t.children or []}
        assert kinds <= {"text"}, (where, escaped, kinds)
        if where == "table":
            assert [t.type for t in tokens].count("td_open") == 2
            assert [t.type for t in tokens].count("th_open") == 2
        if expected:
            cell = inline[2] if where == "table" else inline[0]  # table: the first body cell
            got = "".join(c.content for c in cell.children)
            assert got == expected, (where, escaped)


def test_md_code_cannot_be_closed_early():
    assert escape.md_code("a`b") == "``a`b``"
    assert escape.md_code("`x`") == "`` `x` ``"
    assert escape.md_code("a|b") == r"`a\|b`"


def test_md_block_keeps_paragraphs_and_escapes_each():
    assert escape.md_block("# one\nstill one\n\n- two") == "\\# one still one\n\n\\- two"


# --- Mermaid ----------------------------------------------------------------------------------


def test_mermaid_label_cannot_leave_its_quotes():
    label = escape.mermaid('Evil" : [1, 1]\n```\nquadrant-1 `x`')
    assert label.startswith('"') and label.endswith('"')
    assert label.count('"') == 2
    assert "\n" not in label and "`" not in label
    assert "<" not in escape.mermaid("<script>alert(1)</script>")


# --- typst ------------------------------------------------------------------------------------


def test_typ_is_a_string_literal_that_ends_its_expression():
    assert escape.typ('a"b\\c') == '#"a\\"b\\\\c";'
    assert escape.typst_string("x\ny") == '"x y"'


@pytest.mark.parametrize("special", TYPST_SPECIALS)
def test_typst_markup_characters_print_as_themselves(special):
    text = f"before {special} after"
    source = f"{escape.typ(text)}.field(x)[body] {escape.typ(special)}"
    out = _pdf_text(source)
    assert _squash(text) in _squash(out)
    assert _squash(".field(x)[body]") in _squash(out)


def test_typst_code_in_vendor_text_is_not_run():
    attack = '"); #panic("pwned"); #("'
    out = _pdf_text(escape.typ(attack) + " " + escape.typ('#read("/etc/passwd")'))
    assert "pwned" in out
    assert _squash('#read("/etc/passwd")') in _squash(out)


SAFE_ALPHABET = st.characters(
    codec="utf-8",
    categories=("L", "M", "N", "P", "S", "Zs"),
    max_codepoint=0x24F,
) | st.sampled_from(TYPST_SPECIALS)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(SAFE_ALPHABET, max_size=40).map("".join))
def test_any_text_through_the_typst_filter_compiles_and_prints_verbatim(text):
    out = _pdf_text(f"#set text(hyphenate: false)\n{escape.typ(text)}")
    assert _squash(text) in _squash(out)


@pytest.mark.skipif(not _has_cjk_font(), reason="needs a CJK font (fonts-noto-cjk)")
@settings(max_examples=10, deadline=None)
@given(st.text(alphabet="可灵海螺即梦豆包字节跳动快手 |#*_", min_size=1, max_size=20))
def test_cjk_text_prints_verbatim(text):
    out = _pdf_text(escape.typ(text))
    assert _squash(text) in _squash(out)


def test_long_tokens_get_break_hints_but_no_visible_change():
    url = "https://example.com/" + "a" * 80
    literal = escape.typst_string(url)
    assert "\u200b" in literal
    assert literal.replace("\u200b", "") == f'"{url}"'


@pytest.mark.parametrize("char", "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067"
                                 "\u2068\u2069")
def test_every_bidi_control_is_shown_as_its_escape_in_every_format(char):
    shown = f"\\u{ord(char):04x}"
    for escaper in (escape.clean, escape.one_line, escape.md, escape.md_code, escape.mermaid,
                    escape.typ, escape.md_block, escape.typ_block):
        out = escaper(f"a{char}b")
        assert char not in out, escaper.__name__
        assert shown in out.replace("\\\\", "\\"), (escaper.__name__, out)


def test_a_url_with_a_bidi_control_is_not_a_link():
    from checklist.memo.escape import safe_link

    assert safe_link("https://example.com/report") == "https://example.com/report"
    assert safe_link("https://example.com/\u202egnp.exe") is None
