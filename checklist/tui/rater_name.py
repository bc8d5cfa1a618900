"""Which names a rater may go by: the TUI's name fields check them here, as the CLI does."""

from __future__ import annotations

from checklist.errors import ChecklistError
from checklist.files.folder import rater_id
from checklist.model.limits import max_length
from checklist.model.ratings import Ratings

#: The longest name a name field takes (the ratings file's own limit).
RATER_LIMIT = max_length(Ratings, "rater")


def rater_problem(name: str) -> str | None:
    """What is wrong with `name` as a rater's name, or None when it will do."""
    try:
        rater_id(name)
    except ChecklistError:
        return "use letters or digits in the name (it names your ratings file)"
    return None
