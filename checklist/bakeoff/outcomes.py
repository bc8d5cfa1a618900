"""Votes as pairwise outcomes for the Bradley-Terry fit: the one place verdicts get scores.

left better -> the left vendor scores 1; right better -> 0; tie -> 0.5 each (half a win for
each side, see `bradley_terry`); both unusable -> no outcome (it says nothing about which is
better; it is counted separately as each vendor's unusable rate).
"""

from __future__ import annotations

from collections.abc import Iterable

from checklist.bakeoff.model import Vote

SCORE = {"left": 1.0, "right": 0.0, "tie": 0.5}


def outcomes(votes: Iterable[Vote]) -> list[tuple[str, str, float]]:
    """(left vendor, right vendor, left vendor's score) for every vote with a preference."""
    return [(v.left_vendor, v.right_vendor, SCORE[v.verdict]) for v in votes
            if v.verdict in SCORE]
