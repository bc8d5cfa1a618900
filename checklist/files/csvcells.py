"""Where each cell of a CSV record starts: the line and column a problem in a cell points at.

Shared by every CSV checklist reads (rating sheets, bake-off manifests), so a cell position is
worked out by one rule. Linear: a regular expression skips ordinary text in C and only the
characters that matter (quotes, the delimiter, line breaks) are looked at in Python.
"""

from __future__ import annotations

import re

#: What ends a cell or a line, or opens and closes a quote. An escaped quote ("") inside
#: quotes toggles twice, which leaves the state as it was: no special case needed.
_TOKENS = {d: re.compile('"|' + re.escape(d) + r"|\r\n|\r|\n") for d in (",", ";", "\t")}


def cell_starts(record: str, delimiter: str) -> list[tuple[int, int, int]]:
    """(line offset, 1-based column, character offset) where each cell of one CSV record
    starts; `delimiter` is `,`, `;` or a tab."""
    tokens = _TOKENS[delimiter]
    out = [(0, 1, 0)]
    line, line_start = 0, 0
    quoted_now = False
    for match in tokens.finditer(record):
        token = match.group()
        if token == '"':
            quoted_now = not quoted_now
        elif token == delimiter:
            if not quoted_now:
                out.append((line, match.end() - line_start + 1, match.end()))
        else:
            line, line_start = line + 1, match.end()
    return out
