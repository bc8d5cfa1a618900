"""A mistyped `--rater` must not quietly start a new ratings file.

Commands that write a rater's answers (`rate`, `import`, `proposals accept`) check the name
first. The rule, chosen so that a team's usual work needs no extra flag: a rater who already
has a file, or the first rater of an evaluation, goes ahead; a new name close to an existing
rater's ('alce' beside 'alice') is refused as a likely typo unless `--new-rater` says it is
a new person; any other new name goes ahead with a notice naming the raters who exist.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path

#: How alike a new rater id must be to an existing one to be taken for a typo of it
#: ('alce'/'alice' 0.89, 'bob'/'bo' 0.8; 'ana'/'bo' 0).
TYPO_CUTOFF = 0.75


def add_new_rater_flag(p: argparse.ArgumentParser) -> None:
    p.add_argument("--new-rater", action="store_true",
                   help="start a ratings file for a new rater whose name is close to an "
                        "existing rater's (without it, that is refused as a likely typo)")


def check_rater(folder: Path, name: str, *, new_rater: bool) -> str:
    """Refuses (exit 2) a new rater name that looks like a typo of an existing one. Returns
    the notice to give once the answers are written when another new rater starts beside
    existing ones ("" otherwise): see `tell`."""
    from checklist.errors import ChecklistError
    from checklist.files.layout import RATINGS_DIR, rater_id, ratings_paths

    ident = rater_id(name)
    existing = sorted({rid for rid, _ in ratings_paths(folder)})
    if not existing or ident in existing:
        return ""
    listing = ", ".join(existing)
    close = difflib.get_close_matches(ident, existing, n=3, cutoff=TYPO_CUTOFF)
    if close and not new_rater:
        alike = " or ".join(f"'{c}'" for c in close)
        raise ChecklistError.plain(
            f"--rater {name!r}: new rater, close to {alike} (existing: {listing}); use "
            f"the existing name, or pass --new-rater to start a ratings file for {name!r}")
    return f"new rater '{ident}' ({RATINGS_DIR}/{ident}.yaml); existing: {listing}"


def tell(notice: str) -> None:
    """Prints `check_rater`'s notice, if any, on standard error."""
    from checklist.errors import printable

    if notice:
        print(printable(f"checklist: {notice}"), file=sys.stderr)
