"""Escaping, one function per output language, so vendor text is always text.

Vendor names, notes, claims and evidence come from files anyone on the team (or a vendor's
own answers pasted in) could have written. None of it may break a Markdown table, start a
heading, inject HTML, run typst code, or reorder what the reader sees: bidirectional
controls are shown as the escape `\\u202e` in every format (`clean`, which all text passes
through). The templates never call these by hand for plain values: the Markdown and typst
environments apply them to every `{{ ... }}` by default (see `checklist.memo.environment`),
as HTML autoescaping does for HTML.

- Markdown: backslash-escape what CommonMark/GFM would read as syntax *where it would read
  it* (a `[` alone is text; `](` would start a link), collapse newlines (a newline would end
  a table row), and neutralise line-start syntax (`#`, `-`, `1.`, `>`).
- typst: emit a *string literal* in code mode, `#"...";`, rather than escaping markup
  characters one by one. Inside a string nothing is markup, so only `\\` and `"` need
  escaping; the `;` ends the expression so following text cannot continue it (`.field`,
  `(args)`, `[body]`). The words `import`, `include`, `eval` and `std` are written with a
  `\\u{..}` escape so the PDF step's offline check never mistakes vendor text for code.
- Mermaid: its lexer has no escapes, so labels go in `"..."` with quotes and backticks removed.
- Links: only a web address is ever made a link (`safe_link`); anything else is text.
"""

from __future__ import annotations

import re
import unicodedata

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
#: Unicode's bidirectional controls (the Bidi_Control property): embeddings, overrides,
#: isolates and marks. They reorder what a reader sees, so a vendor named
#: "Acme\u202egnp.exe" would read as "Acmeexe.png"; every format shows them as the visible
#: escape `\u202e` instead, keeping the text as written and the trick in plain sight.
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_SPACES = re.compile(r"\s+")
_PARAGRAPHS = re.compile(r"\n[ \t]*\n\s*")
# Inline syntax escaped wherever it appears: code spans, emphasis, raw HTML and autolinks,
# table cells (GFM splits on `|` even inside code).
_MD_ALWAYS = frozenset("`*<|")
_ASCII_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_MD_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# Block syntax that only matters at the start of a line (a GFM task box too).
_MD_LINE_START = re.compile(
    r"^(?:#{1,6}(?=\s|$)|>|[-+](?=\s|$)|=|-(?=-*\s*$)|\[[ xX]\](?=\s|$)|(\d{1,9})[.)](?=\s|$))"
)
#: A token longer than this gets break opportunities so it cannot overflow a PDF table cell.
LONG_TOKEN = 24
_ZWSP = "\u200b"


def clean(text: object) -> str:
    """Text as it can be printed anywhere: no control characters, no lone surrogates, and
    bidirectional controls shown as escapes (`\\u202e`), never obeyed."""
    value = "" if text is None else str(text)
    value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    value = _CONTROL.sub("", value)
    value = _BIDI.sub(lambda m: f"\\u{ord(m.group(0)):04x}", value)
    if any(0xD800 <= ord(ch) <= 0xDFFF for ch in value):
        value = value.encode("utf-8", "replace").decode("utf-8")
    return value


def is_bidi(char: str) -> bool:
    """A bidirectional control (see `clean`)."""
    return _BIDI.fullmatch(char) is not None


def one_line(text: object) -> str:
    """Collapses every run of whitespace, newlines included, to one space."""
    return _SPACES.sub(" ", clean(text)).strip()


def paragraphs(text: object) -> list[str]:
    """Prose split on blank lines, each paragraph on one line."""
    return [p for p in (one_line(part) for part in _PARAGRAPHS.split(clean(text))) if p]


# --- Markdown ---------------------------------------------------------------------------------


def md(text: object) -> str:
    """Inline Markdown text: safe in a table cell, a list item, a heading or a paragraph.

    Only what Markdown would read is escaped, so text pasted from the rendered memo or a
    questionnaire into an email reads as written ("at [resolution, duration]", "$0.50 per
    second", "snake_case"). Always: backticks, `*`, `<` (no raw HTML or autolinks) and `|`
    (table cells stay cells). In context: a `]` that could close a link (before `(` or `[`;
    at the end, where template text follows; before `:` when the text starts with `[`, a
    link definition); `_` unless between letters or digits; `\\` before punctuation or at
    the end; `~` and `$` when the text has two (strikethrough, math); `&` before an entity;
    `^` before `[` (an inline footnote); and line-start syntax (`#`, `>`, `-`, `1.`, `[ ]`).
    """
    value = one_line(text)
    pairs = {ch for ch in "~$" if value.count(ch) > 1}
    definition = value.startswith("[")  # `[label]: url` at a line start defines a link
    out = []
    last = len(value) - 1
    for i, ch in enumerate(value):
        after = value[i + 1] if i < last else ""
        if (
            ch in _MD_ALWAYS
            or ch in pairs
            or (ch == "]" and (after in ("", "(", "[") or (after == ":" and definition)))
            or (ch == "_" and not (i and value[i - 1].isalnum() and after.isalnum()))
            or (ch == "\\" and (after == "" or after in _ASCII_PUNCT))
            or (ch == "^" and after == "[")  # an inline footnote, `^[note]`
        ):
            out.append("\\")
        out.append(ch)
    value = _MD_ENTITY.sub(r"\\&", "".join(out))
    match = _MD_LINE_START.match(value)
    if match:
        if match.group(1) is not None:  # "1." or "1)": escape the dot, keep the number
            digits = match.group(1)
            value = f"{digits}\\{value[len(digits):]}"
        else:
            value = "\\" + value
    return value


def md_block(text: object) -> str:
    """Prose as Markdown paragraphs, every paragraph escaped as inline text."""
    return "\n\n".join(md(p) for p in paragraphs(text))


# --- typst ------------------------------------------------------------------------------------


def _breakable(text: str) -> str:
    """Adds invisible break opportunities inside long tokens (URLs, hashes)."""
    def split(match: re.Match[str]) -> str:
        token = match.group(0)
        out = []
        run = 0
        for ch in token:
            out.append(ch)
            run += 1
            if ch in "/-_.?&=#:" or run >= LONG_TOKEN // 2:
                out.append(_ZWSP)
                run = 0
        return "".join(out).rstrip(_ZWSP)

    return re.sub(rf"\S{{{LONG_TOKEN},}}", split, text)


#: Words the offline check (`checklist.memo.pdf.check_offline`) refuses anywhere in typst
#: source, written with one `\u{..}` escape so vendor text prints them but never contains them.
_TYPST_WORD_ESCAPES = {
    "import": "im\\u{70}ort",
    "include": "in\\u{63}lude",
    "eval": "ev\\u{61}l",
    "std": "s\\u{74}d",
}
_TYPST_WORDS = re.compile("|".join(_TYPST_WORD_ESCAPES))


def typst_string(text: object, *, multiline: bool = False) -> str:
    """A typst string literal, quotes included: `"..."`. Safe in any code position."""
    value = clean(text)
    value = "\n".join(_SPACES.sub(" ", line).strip() for line in value.split("\n")) \
        if multiline else one_line(value)
    value = _breakable(value)
    value = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    value = _TYPST_WORDS.sub(lambda m: _TYPST_WORD_ESCAPES[m.group(0)], value)
    return f'"{value}"'


def typ(text: object) -> str:
    """Text in typst markup: `#"...";`, shown exactly as written, never interpreted."""
    return f"#{typst_string(text)};"


def typ_block(text: object) -> str:
    """Prose in typst markup: one string literal per paragraph, separated by blank lines."""
    return "\n\n".join(typ(p) for p in paragraphs(text))


# --- Mermaid ----------------------------------------------------------------------------------


def mermaid(text: object, limit: int = 40) -> str:
    """A quoted Mermaid label. Mermaid has no escapes: characters it cannot quote are dropped."""
    value = one_line(text).replace('"', "'").replace("`", "'")
    # Mermaid renders labels as HTML (sanitised, but we do not rely on that): no tags at all.
    value = value.replace("<", "‹").replace(">", "›")
    value = "".join(ch for ch in value if unicodedata.category(ch)[0] != "C")
    if len(value) > limit:
        value = value[: limit - 1].rstrip() + "…"
    return f'"{value}"'


def md_code(text: object) -> str:
    """An inline code span that no backtick in the text can close early."""
    value = one_line(text).replace("|", "\\|")  # GFM splits table cells even inside code
    longest = max((len(run) for run in re.findall(r"`+", value)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if value.startswith("`") or value.endswith("`") else ""
    return f"{fence}{pad}{value}{pad}{fence}" if value else ""


def mermaid_title(text: object, limit: int = 80) -> str:
    """A Mermaid title: the rest of the line, unquoted; only line breaks could end it early."""
    value = one_line(text).replace("<", "‹").replace(">", "›")
    value = "".join(ch for ch in value if unicodedata.category(ch)[0] != "C")
    return value[:limit]


#: typst refuses to link a longer URL ("URL is too long", and no PDF at all).
LINK_CHARS = 8_000


def safe_link(text: str) -> str | None:
    """A URL fit to be a hyperlink (http or https, no spaces or quotes, short enough for
    the PDF once encoded), else None.

    Anything else (a local path, `javascript:`, `file:`, a URL with a bidirectional control
    in it, an evidence URL of 4,000 `|` that encodes to 12,000 characters) is printed as
    text, never linked.
    """
    candidate = text.strip()
    lowered = candidate.lower()
    if not lowered.startswith(("https://", "http://")):
        return None
    if any(ch.isspace() or ch in '"<>\\`{}^' or ord(ch) < 32 or is_bidi(ch)
           for ch in candidate):
        return None
    link = candidate.replace("|", "%7C")
    return link if len(link) <= LINK_CHARS else None
