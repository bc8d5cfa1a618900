"""What day it is, for evidence that ages: the one place front ends ask.

`CHECKLIST_TODAY=2026-12-01` sets the day (tests, and a re-check of how a decision looked or
will look on another day); otherwise it is the local date.
"""

from __future__ import annotations

import datetime as dt
import os

from checklist.errors import ChecklistError

TODAY_VARIABLE = "CHECKLIST_TODAY"


def today() -> dt.date:
    """The day evidence ages to: `CHECKLIST_TODAY` when set, else the local date."""
    given = os.environ.get(TODAY_VARIABLE, "").strip()
    if not given:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(given)
    except ValueError:
        raise ChecklistError.plain(
            f"{TODAY_VARIABLE}={given[:60]!r} is not a date; write it like 2026-11-27, or "
            "unset it to use today's date") from None
