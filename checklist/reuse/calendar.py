"""Review dates as an iCalendar file (RFC 5545), by the `icalendar` package: one all-day
event for the decision's review-by date and one for each answer's first stale day.

Deterministic: the same work list on the same day gives the same bytes (uids are digests of
the evaluation's title and the item; the stamp is the day asked about).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Review:
    """One date to put in a calendar."""

    day: dt.date
    summary: str
    description: str
    key: str


def calendar_bytes(reviews: Sequence[Review], *, stamp: dt.date, name: str) -> bytes:
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//checklist//recheck//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    stamped = dt.datetime.combine(stamp, dt.time(), tzinfo=dt.UTC)
    for review in reviews:
        event = Event()
        uid = hashlib.sha256(f"{name}\n{review.key}".encode()).hexdigest()[:32]
        event.add("uid", f"{uid}@checklist")
        event.add("dtstamp", stamped)
        event.add("dtstart", review.day)
        event.add("dtend", review.day + dt.timedelta(days=1))
        event.add("summary", review.summary)
        if review.description:
            event.add("description", review.description)
        calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data
