"""typst markup to PDF, in-process, with no access to the user's files.

The typst source comes from a Jinja template whose every value is a typst string literal
(see `checklist.memo.escape`), so vendor text cannot run typst code. The compiler still gets
an empty temporary folder as its root: even a custom template cannot `#read` or `#image`
a file from the working folder, and evidence paths are never embedded.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Sequence
from pathlib import Path

from checklist.errors import ChecklistError
from checklist.memo import fonts

_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')


def compile_pdf(source: str, *, font_paths: Sequence[str | Path] = ()) -> bytes:
    """Compiles typst source to PDF bytes; missing glyphs and typst errors are user errors."""
    import typst

    check_glyphs(source, font_paths)
    package = _PACKAGE_IMPORT.search(source)
    if package:
        raise ChecklistError.plain(
            f"the typst template imports the package {package.group(1)!r}; memos compile "
            "offline, so copy what you need from it into your template instead"
        )
    with tempfile.TemporaryDirectory(prefix="checklist-typst-") as root:
        try:
            # Package folders point into the empty root: nothing outside it is read.
            return typst.compile(
                source.encode("utf-8"),
                format="pdf",
                root=root,
                font_paths=[str(p) for p in font_paths],
                package_path=root,
                package_cache_path=root,
            )
        except typst.TypstError as exc:
            raise ChecklistError.plain(
                f"typst could not compile the memo: {_typst_message(exc)}; if you use a custom "
                "typst template, render it with `--format typ` to see the source"
            ) from None


def _typst_message(exc: Exception) -> str:
    parts = [str(a) for a in exc.args if a]
    return "; ".join(parts) or type(exc).__name__


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


#: `#import "@preview/x:1.0"` would make typst download a package. Vendor text cannot write
#: this (it is always inside an escaped string literal); only a team's own template can.
_PACKAGE_IMPORT = re.compile(r'(?:import|include)\s+"(@[^"\\]+)"')


def _first_use(source: str, missing: list[str]) -> str:
    """Where the first missing character appears, e.g. ` (first in "Kling 可灵")`."""
    wanted = set(missing)
    for match in _STRING.finditer(source):
        literal = match.group(0)
        if wanted & set(literal):
            text = literal[1:-1].replace('\\"', '"').replace("\\\\", "\\").replace("\u200b", "")
            if len(text) > 60:
                text = text[:57] + "…"
            return f' (first in "{text}")'
    return ""
