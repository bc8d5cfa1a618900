"""`python -m checklist.tui.claim_check_child FOLDER`: the bake-off's claim check of the
evaluation in FOLDER, as one line of JSON on stdout (`ClaimCheckView` as data; `null` without
a bake-off). The compare screen runs it in a child process (see
`checklist.tui.widgets.claim_check`); nothing here imports Textual.

A folder that cannot be read is reported on stderr as our own message, exit status 2.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path

from checklist.memo.appendix_types import ClaimCheckRow, ClaimCheckView, ClaimNotChecked


def view_data(view: ClaimCheckView | None) -> str:
    return json.dumps(None if view is None else dataclasses.asdict(view))


def view_from(text: str) -> ClaimCheckView | None:
    data = json.loads(text)
    if data is None:
        return None
    return ClaimCheckView(headline=data["headline"],
                          rows=[ClaimCheckRow(**r) for r in data["rows"]],
                          not_checked=[ClaimNotChecked(**n) for n in data["not_checked"]],
                          unrated=data["unrated"])


def main(argv: list[str]) -> int:
    from checklist.bakeoff.folder import read_evaluation
    from checklist.errors import ChecklistError
    from checklist.memo.claim_check_view import claim_check

    folder = Path(argv[0])
    try:
        view = claim_check(read_evaluation(folder), folder)
    except ChecklistError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    print(view_data(view))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
