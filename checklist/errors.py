"""Errors a user can cause, carried as data so every front end can show them the same way.

Every problem in a file the user wrote names the file, line and column, so the CLI can print
`file:line:column: message` and the TUI can show the same line; nothing here prints or exits.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong, and where. `line` and `column` are 1-based; 0 means "whole file".

    A cell of a workbook is named as a spreadsheet names it (`cell`, e.g. `Ratings!C12`),
    with its row and column number in `line` and `column` so problems still sort in order.
    """

    file: str
    line: int
    column: int
    message: str
    cell: str = ""

    def __str__(self) -> str:
        if self.cell:
            text = f"{self.file}:{self.cell}: {self.message}"
        elif self.line:
            text = f"{self.file}:{self.line}:{self.column}: {self.message}"
        else:
            text = f"{self.file}: {self.message}"
        return printable(text)


def _control_pattern() -> re.Pattern[str]:
    """Every character that must not reach a terminal or a file as itself.

    C0 and C1 controls and DEL (ESC starts terminal sequences, and some terminals read the
    C1 CSI U+009B as ESC [); line and paragraph separators; bidirectional overrides and
    isolates (they make a printed line read differently); lone surrogates (not text, cannot
    even be encoded); and the noncharacters U+FDD0..U+FDEF and U+xFFFE/U+xFFFF, which YAML
    refuses to read back.
    """
    nonchars = "".join(chr(plane << 16 | low) for plane in range(17) for low in (0xFFFE, 0xFFFF))
    return re.compile(
        "[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff"
        f"\ufdd0-\ufdef{nonchars}]"
    )


#: The characters `printable` escapes (one rule: messages, terminal output, JSON, names).
CONTROL_CHARACTERS = _control_pattern()


def control_character(text: str) -> str | None:
    """The first character of `text` that `printable` would escape, or None."""
    found = CONTROL_CHARACTERS.search(text)
    return found.group() if found else None


def printable(text: str) -> str:
    """Escapes control characters so text from a hostile file cannot drive the terminal.

    Messages quote keys, values and file names the user (or whoever sent them the file)
    wrote; an ESC sequence in a key must show up as `\\x1b`, not recolour or retitle the
    terminal, and a newline must not forge a second message line.

    The one rule for every text checklist prints: messages, `status`, and (through
    `printable_text`) everything the CLI writes to standard output and error.
    """
    if CONTROL_CHARACTERS.search(text) is None:
        return text
    return CONTROL_CHARACTERS.sub(_escape, text)


def printable_text(text: str) -> str:
    """`printable` for text of several lines: line breaks stay, other controls are escaped."""
    if CONTROL_CHARACTERS.search(text) is None:
        return text
    return "\n".join(printable(line) for line in text.split("\n"))


def escape_char(char: str) -> str:
    """`\\x1b`, `\\u202e`, `\\U0001fffe`: a control character as text a person can read."""
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _escape(match: re.Match[str]) -> str:
    return escape_char(match.group())


@dataclass
class ChecklistError(Exception):
    """A failure caused by input or usage; the CLI prints the problems and exits 2."""

    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(str(self))

    @classmethod
    def at(cls, file: str | Path, message: str, line: int = 0, column: int = 0) -> ChecklistError:
        return cls([Problem(str(file), line, column, message)])

    @classmethod
    def plain(cls, message: str) -> ChecklistError:
        """A usage error with no file to point at (an unknown vendor on the command line)."""
        return cls([Problem("checklist", 0, 0, message)])

    @classmethod
    def from_os(cls, exc: OSError, path: str | Path | None = None) -> ChecklistError | None:
        """The user-facing error for an OSError the environment caused (permissions, a full
        disk, a read-only file system...), or None when the errno suggests a bug instead.

        One wording for every command: `path: what happened; what to do`.
        """
        advice = _OS_ADVICE.get(exc.errno or 0)
        if advice is None:
            return None
        where = path if path is not None else (exc.filename or "checklist")
        return cls.at(where, advice)

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


def _os_advice() -> dict[int, str]:
    import errno

    denied = ("permission denied; check that you may read and write it and its folder "
              "(`ls -ld`), or work on a copy you own")
    full = "no space left on the device; free some space, or write elsewhere"
    advice = {
        "EACCES": denied,
        "EPERM": denied,
        "EROFS": "on a read-only file system; work on a copy elsewhere",
        "ENOSPC": full,
        "EDQUOT": "disk quota exceeded; free some space, or write elsewhere",
        "EFBIG": "too large for this file system; write elsewhere",
        "ENAMETOOLONG": "name too long for this file system; use a shorter path",
        "ELOOP": "too many levels of symbolic links (a link loop?); fix or remove the link",
        "EISDIR": "is a folder; give a file name",
        "ENOTDIR": "a part of this path is not a folder; check the path",
    }
    # getattr: not every platform has every errno (Windows has no EDQUOT)
    return {getattr(errno, name): text for name, text in advice.items() if hasattr(errno, name)}


#: What to do about an OSError the user's environment caused, by errno.
_OS_ADVICE = _os_advice()


class StreamError(ChecklistError):
    """Standard output or error could not be written (a full disk, a closed terminal)."""


class ConflictError(ChecklistError):
    """Someone else changed the answer we were about to overwrite: never resolved silently."""


def join_problems(errors: Iterable[ChecklistError]) -> ChecklistError:
    return ChecklistError([p for e in errors for p in e.problems])


def shortened(text: str, limit: int = 60) -> str:
    """Text the user wrote, cut to `limit` characters for a message, so a 100,000-character
    cell does not flood the terminal: 'abcdef…xyz'."""
    return text if len(text) <= limit else text[: limit - 4] + "…" + text[-3:]


def quoted(text: str, limit: int = 60) -> str:
    """A value the user wrote, shortened and quoted for a message: 'abc'."""
    return f"'{shortened(text, limit)}'"


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """The ' — did you mean ...?' tail for a typo, or '' when nothing is close."""
    import difflib

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" — did you mean '{close[0]}'?" if close else ""


def hint(word: str, choices: Iterable[str], listing: str = "choose one of") -> str:
    """A typo suggestion when one is close, else the valid values: always something to do."""
    items = list(choices)
    close = did_you_mean(word, items)
    return close or f"; {listing}: {one_of(items)}"


def one_of(choices: Iterable[str], limit: int = 12) -> str:
    """Lists valid values so an error says what to type instead."""
    items = list(choices)
    shown = ", ".join(items[:limit])
    more = f", … ({len(items) - limit} more)" if len(items) > limit else ""
    return f"{shown}{more}" if items else "(none)"
