"""Reading YAML text safely: the limits, the bytes, the text, and the node tree.

Rubrics, evaluations and ratings are untrusted: only the safe loader (libyaml's when present),
a size limit, a nesting limit (deep flow nesting crashes libyaml's composer outright), and
every failure reported as `file:line:column`. The node tree is turned into data, with an
alias-expansion budget, by `checklist.files.yaml_build`; `checklist.files.yamlio` joins both.
"""

from __future__ import annotations

import contextlib
import gc
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path

import yaml

from checklist.errors import ChecklistError, Problem

try:  # the C loader is ~10x faster; the pure one gives the same results
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

DEFAULT_MAX_BYTES = 16 * 1024 * 1024
MAX_DEPTH = 64


def max_bytes() -> int:
    """The size limit; `CHECKLIST_MAX_FILE_BYTES` raises it for a team with huge evaluations."""
    raw = os.environ.get("CHECKLIST_MAX_FILE_BYTES", "")
    return int(raw) if raw.isdigit() and int(raw) > 0 else DEFAULT_MAX_BYTES



def article(noun: str) -> str:
    """'a ratings file', 'an evaluation': messages read as sentences."""
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"


def read_bytes(path: Path, *, what: str = "file") -> bytes:
    """Reads a file the user named, refusing huge ones before reading them into memory."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise ChecklistError.at(path, f"{what} not found") from None
    except OSError as exc:
        raise ChecklistError.at(path, f"cannot read {what}: {exc.strerror}") from None
    if stat.S_ISDIR(info.st_mode):
        raise ChecklistError.at(path, f"is a folder, expected {article(what)}")
    if not stat.S_ISREG(info.st_mode):  # a FIFO would block forever, a device never ends
        raise ChecklistError.at(path, f"is not a regular file, expected {article(what)}")
    size = info.st_size
    limit = max_bytes()
    if size > limit:
        raise ChecklistError.at(
            path,
            f"{what} is {size:,} bytes, over the {limit:,}-byte limit; split it, or raise "
            "CHECKLIST_MAX_FILE_BYTES if it is really meant to be this large",
        )
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise ChecklistError.at(path, f"cannot read {what}: {exc.strerror}") from None
    if len(data) > limit:  # grew between stat and read
        raise ChecklistError.at(path, f"{what} is over the {limit:,}-byte limit")
    return data


def decode(data: bytes, path: str) -> str:
    """UTF-8 (a BOM is accepted and dropped); other encodings get the byte's position."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ChecklistError(
            [
                Problem(
                    path,
                    line,
                    column,
                    f"byte 0x{data[exc.start]:02x} is not UTF-8; save the file as UTF-8",
                )
            ]
        ) from None
    if "\x00" in text:
        offset = text.index("\x00")
        line = text.count("\n", 0, offset) + 1
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        raise ChecklistError(
            [Problem(path, line, column, "NUL character: this is a binary file, not YAML")]
        )
    return text


#: The part of a line before its first block node: indentation, then any `- `, `? `, `: `
#: indicators, node properties (`&anchor`, `!tag`) and `---`. A block collection always starts
#: within it (YAML starts a nested block collection on a new line otherwise).
_BLOCK_PREFIX = re.compile(r"^[ ]*(?:(?:[-?:]|---|[&!][^ \t\r\n]*)[ \t]+)*", re.MULTILINE)


def nesting_bound(text: str) -> int:
    """An upper bound on how deeply `text` can nest, cheap enough to run on every file.

    Sound, so a deep file is never let through unchecked: a flow collection needs its own
    `[` or `{`, and a block collection is indented more than its parent (an indentless
    sequence shares its parent mapping's indentation, but its entries are indented again), so
    block depth is at most twice the deepest column a block collection can start at, plus one.
    """
    flow = text.count("[") + text.count("{")
    if flow > MAX_DEPTH:
        return flow
    deepest = max((len(m) for m in _BLOCK_PREFIX.findall(text)), default=0)
    return flow + 2 * (deepest + 1)


def _check_nesting(text: str, path: str) -> None:
    """Refuses documents nested deeper than MAX_DEPTH, in checklist's words, before any YAML
    library's own limit (libyaml 0.2.6 stops at 1000 levels; 0.2.5 recursed until it crashed).

    Only a file whose cheap bound exceeds the limit pays for the exact walk over parse events.
    libyaml's scanner reads ahead, so its own limit can fire before the walk sees level 65; any
    libyaml error makes the walk run again on PyYAML's pure-Python parser, which has no limit
    and does not recurse, so the answer never depends on the installed libyaml.
    """
    if nesting_bound(text) <= MAX_DEPTH:
        return
    try:
        _walk_depth(text, path, _Loader)
    except yaml.YAMLError:
        if _Loader is yaml.SafeLoader:  # pragma: no cover - PyYAML built without libyaml
            raise
        _walk_depth(text, path, yaml.SafeLoader)  # raises ours, or the syntax error itself


def _walk_depth(text: str, path: str, loader: type) -> None:
    depth = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                mark = event.start_mark
                line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
                raise ChecklistError([Problem(path, line, column, f"nested more than "
                                              f"{MAX_DEPTH} levels deep; flatten the structure")])
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pauses the cyclic garbage collector while a large document is parsed and validated.

    Parsing allocates millions of small objects and none of them form cycles (recursive
    aliases are refused), yet each allocation burst triggers full collections that walk
    everything allocated so far: a 3 MB ratings file parsed 3x slower with the collector on,
    and the cost grew faster than the file. Reference counting still frees everything.
    Nested or concurrent use is harmless: only the outermost pause turns it back on.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def compose(text: str, path: str) -> yaml.Node | None:
    """The node tree of one YAML document (None when empty), after the nesting check; every
    failure is a ChecklistError with a position."""
    try:
        _check_nesting(text, path)
        root: yaml.Node | None = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        raise ChecklistError([_syntax_problem(exc, path, text)]) from None
    except yaml.reader.ReaderError as exc:  # a control character: no mark, only an offset
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        # libyaml counts the offset in UTF-8 bytes; the first such character is the culprit
        found = text.find(chr(code))
        offset = found if found >= 0 else min(exc.position, len(text))
        line = text.count("\n", 0, offset) + 1
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        raise ChecklistError([Problem(path, line, column, f"control character U+{code:04X} "
                                      "is not allowed in YAML; delete it")]) from None
    except yaml.YAMLError as exc:  # pragma: no cover - libyaml always marks its errors
        raise ChecklistError.at(path, f"YAML error: {exc}") from None
    except RecursionError:  # pragma: no cover - _check_nesting should prevent this
        raise ChecklistError.at(path, "nested too deeply; flatten the structure") from None
    return root




def _syntax_problem(exc: yaml.MarkedYAMLError, path: str, text: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 0
    column = mark.column + 1 if mark else 0
    what = exc.problem or "invalid YAML"
    if exc.context:
        what = f"{what} ({exc.context}"
        if exc.context_mark and mark and exc.context_mark.line != mark.line:
            what += f" at line {exc.context_mark.line + 1}"
        what += ")"
    hint = ""
    if mark is not None:
        lines = text.splitlines()
        here = lines[mark.line] if mark.line < len(lines) else ""
        if "\t" in here[: mark.column + 1] or "'\\t'" in what:
            hint = "; indent with spaces, not tabs"
        elif "found unexpected end of stream" in what or "found unexpected end" in what:
            hint = "; a quote or bracket is probably not closed"
        elif "mapping values are not allowed" in what:
            hint = "; put text containing ': ' in quotes, or check the indentation"
        elif "did not find expected key" in what or "expected <block end>" in what:
            hint = "; check this line's indentation against the lines above"
        elif "undefined alias" in what:
            hint = "; '*name' needs an '&name' anchor earlier in the file, or quote the text"
        elif "another document" in what:
            hint = "; a checklist file holds one document: remove the '---' line"
    return Problem(path, line, column, f"YAML syntax error: {what}{hint}")
