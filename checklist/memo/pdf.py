"""typst markup to PDF, with no access to the user's files, on a time and memory budget.

The typst source comes from a Jinja template whose every value is a typst string literal
(see `checklist.memo.escape`), so vendor text cannot run typst code. The compiler still gets
an empty temporary folder as its root: even a custom template cannot `#read` or `#image`
a file from the working folder, and evidence paths are never embedded. The source is
checked here (fonts, no package downloads), then compiled in a child process under the
render budget (`checklist.memo.worker`): a typst loop cannot be interrupted from inside.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Sequence
from pathlib import Path

from checklist.errors import ChecklistError
from checklist.memo import fonts

_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_ESCAPE = re.compile(r"\\(?:u\{([0-9a-fA-F]{1,6})\}|(.))")


def _unescape(match: re.Match[str]) -> str:
    """One escape in a typst string literal, decoded."""
    if match.group(1):
        code = int(match.group(1), 16)
        return chr(code) if code <= 0x10FFFF else match.group(0)
    return {"n": "\n", "t": "\t", "r": "\r"}.get(match.group(2), match.group(2))


def compile_pdf(source: str, *, font_paths: Sequence[str | Path] = (),
                template: str = "the typst template") -> bytes:
    """Compiles typst source to PDF bytes; missing glyphs and typst errors are user errors.

    `template` names the template the source was rendered from, for a budget error."""
    from checklist.memo import worker

    check_glyphs(source, font_paths)
    check_offline(source)
    return worker.compile_pdf(source, tuple(str(p) for p in font_paths), template)


def compile_here(source: str, font_paths: Sequence[str] = (),
                 template: str = "the typst template") -> bytes:
    """Compiles checked typst source in this process (the worker's side of `compile_pdf`)."""
    import typst

    with tempfile.TemporaryDirectory(prefix="checklist-typst-") as root:
        try:
            # Package folders point into the empty root: nothing outside it is read. The
            # stubs want the source, root and font paths all of one type (bytes or str).
            pdf: bytes = typst.compile(  # type: ignore[call-overload]
                source.encode("utf-8"),
                format="pdf",
                root=root,
                font_paths=[str(p) for p in font_paths],
                package_path=root,
                package_cache_path=root,
            )
        except typst.TypstError as exc:
            raise ChecklistError.at(
                template,
                f"typst could not compile the memo: {_typst_message(exc)}{_typst_line(exc)}; "
                "if you use a custom typst template, render it with `--format typ` to see "
                "the source"
            ) from None
        return pdf


def _typst_message(exc: Exception) -> str:
    message = getattr(exc, "message", None)
    if isinstance(message, str) and message:
        return message
    parts = [str(a) for a in exc.args if a]
    return "; ".join(parts) or type(exc).__name__


_TYPST_SPAN = re.compile(r"\.typ:(\d+):(\d+)")


def _typst_line(exc: Exception) -> str:
    """Where in the typst source typst stopped (its diagnostic has the span), if it says."""
    found = _TYPST_SPAN.search(str(getattr(exc, "diagnostic", "") or ""))
    if found is None:
        return ""
    return f" (line {found.group(1)}, column {found.group(2)} of the typst source)"


def check_glyphs(source: str, font_paths: Sequence[str | Path] = ()) -> None:
    """Refuses to print boxes: names the characters no font has and what to install."""
    if not fonts.interesting(source):
        return
    missing = fonts.missing_glyphs(source, fonts.system_font_files(font_paths))
    if not missing:
        return
    shown = ", ".join(f"{ch} (U+{ord(ch):04X})" for ch in missing[:8])
    more = f" and {len(missing) - 8} more" if len(missing) > 8 else ""
    where = _first_use(source, missing)
    packages = fonts.package_for(missing)
    install = " ".join(packages)
    raise ChecklistError.plain(
        f"the PDF would print empty boxes for {len(missing)} character(s) no installed font "
        f"has: {shown}{more}{where}. Install a font that has them, e.g. the package "
        f"{' or '.join(packages)} (Debian/Ubuntu: `sudo apt-get install {install}`), or put "
        "such a font in ~/.local/share/fonts or a folder you pass with --font-path; "
        "the Markdown and HTML memos are not affected"
    )


#: Typst downloads a package when it imports or includes `@preview/...`, and the binding has
#: no offline switch (`package_path` and `package_cache_path` only say where packages go;
#: it still fetches from packages.typst.org). So the source must not name a package at all,
#: however it is spelled: every `import` and `include` takes a plain string literal that is
#: not a package spec, and `eval` (which could build an import at run time) and `std` (which
#: leads back to `eval`: `dictionary(std).at("ev" + "al")`) are refused.
#:
#: The check reads the source as text, not as typst: a keyword anywhere, even in a comment
#: or a sentence of a team's own template, counts. That errs on the side of refusing, and
#: cannot be fooled by a quote that typst's markup reads as a plain quotation mark. Vendor
#: text cannot trip it: `escape.typst_string` writes these words with a `\u{..}` escape.
_KEYWORD = re.compile(r"(?<![A-Za-z0-9_])(import|include|eval|std)(?![A-Za-z0-9_])")
_TARGET = re.compile(r'\s*"([^"\\\n]*)"[ \t]*(?=$|[\n:;,)\]}]|as(?![A-Za-z0-9_-]))')


def check_offline(source: str) -> tuple[str, ...]:
    """Refuses typst source that could make the compiler download a package; returns the
    local files it imports or includes (the only targets allowed), in order."""
    local: list[str] = []
    for match in _KEYWORD.finditer(source):
        word = match.group(1)
        line = source.count("\n", 0, match.start()) + 1
        where = f"line {line} of the typst source (`--format typ` shows it)"
        if word in ("eval", "std"):
            raise ChecklistError.plain(
                f"the typst template uses `{word}` ({where}); memos compile offline and "
                f"`{word}` could make typst download a package, so it is not allowed "
                "(if it is only a word in your text, reword it)"
            )
        target = _TARGET.match(source, match.end())
        if target is None:
            raise ChecklistError.plain(
                f"the typst template uses `{word}` without a plain file name in quotes "
                f"({where}); memos compile offline, so `{word}` must be followed by a string "
                f'such as "parts.typ", never an expression that could name a package (if it '
                "is only a word in your text, reword it)"
            )
        if target.group(1).startswith("@"):
            raise ChecklistError.plain(
                f"the typst template {word}s the package {target.group(1)!r} ({where}); "
                "memos compile offline, so copy what you need from it into your template "
                "instead"
            )
        local.append(target.group(1))
    return tuple(local)


def _first_use(source: str, missing: list[str]) -> str:
    """Where the first missing character appears, e.g. ` (first in "Kling 可灵")`."""
    wanted = set(missing)
    for match in _STRING.finditer(source):
        literal = match.group(0)
        if wanted & set(literal):
            text = _ESCAPE.sub(_unescape, literal[1:-1]).replace("\u200b", "")
            if len(text) > 60:
                text = text[:57] + "…"
            return f' (first in "{text}")'
    return ""
