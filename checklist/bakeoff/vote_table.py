"""Votes as arrays: who judged (rater), on what (prompt, its category), which vendors on
which side, and the verdict. What the ratings, their intervals and the judging-quality
measures are computed from; one row per vote, nothing read from disk here.

Scores come from `outcomes.SCORE` (the one place verdicts get scores): the left vendor's
score is 1, 0 or 0.5 (a tie); a "both unusable" vote has no score (NaN) and is marked
`unusable` instead.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from checklist.bakeoff.model import Vote
from checklist.bakeoff.outcomes import SCORE

Float = NDArray[np.float64]
Index = NDArray[np.intp]


@dataclass(frozen=True)
class VoteTable:
    """One row per vote. `vendors` fixes the order every result uses; `prompts` and
    `raters` are those with at least one vote, in first-seen order of the input."""

    vendors: tuple[str, ...]
    prompts: tuple[str, ...]
    raters: tuple[str, ...]
    #: The category (the prompt's task) of each prompt in `prompts`.
    categories: tuple[str, ...]
    left: Index
    right: Index
    prompt: Index
    rater: Index
    #: The left vendor's score (1, 0 or 0.5); NaN for "both unusable".
    score: Float

    @classmethod
    def from_votes(cls, votes: Mapping[str, Sequence[Vote]], vendors: Sequence[str],
                   category: Mapping[str, str]) -> VoteTable:
        """`votes` by rater id; `category` maps every voted prompt id to its category."""
        vendor_index = {v: k for k, v in enumerate(vendors)}
        prompts: dict[str, int] = {}
        raters: dict[str, int] = {}
        rows: list[tuple[int, int, int, int, float]] = []
        for rater, cast in votes.items():
            for vote in cast:
                r = raters.setdefault(rater, len(raters))
                p = prompts.setdefault(vote.prompt, len(prompts))
                rows.append((vendor_index[vote.left_vendor], vendor_index[vote.right_vendor],
                             p, r, SCORE.get(vote.verdict, float("nan"))))
        columns = list(zip(*rows, strict=True)) if rows else [(), (), (), (), ()]
        return cls(tuple(vendors), tuple(prompts), tuple(raters),
                   tuple(category[p] for p in prompts),
                   np.array(columns[0], dtype=np.intp), np.array(columns[1], dtype=np.intp),
                   np.array(columns[2], dtype=np.intp), np.array(columns[3], dtype=np.intp),
                   np.array(columns[4], dtype=np.float64))

    def __len__(self) -> int:
        return len(self.score)

    @property
    def unusable(self) -> NDArray[np.bool_]:
        return np.asarray(np.isnan(self.score), dtype=bool)

    @property
    def preference(self) -> NDArray[np.bool_]:
        """Votes that say which side is better (or that they are equal): all but unusable."""
        return np.asarray(~np.isnan(self.score), dtype=bool)

    @property
    def decisive(self) -> NDArray[np.bool_]:
        """Votes for one side: neither a tie nor "both unusable"."""
        return np.asarray((self.score == 0) | (self.score == 1), dtype=bool)

    def involving(self, vendor: int) -> NDArray[np.bool_]:
        return np.asarray((self.left == vendor) | (self.right == vendor), dtype=bool)

    def category(self, name: str) -> VoteTable:
        """The votes on prompts of one category (vendors kept; prompts and raters renumbered
        to those that remain)."""
        keep = np.array([c == name for c in self.categories], dtype=bool)
        return self.subset(keep[self.prompt] if len(self) else np.zeros(0, dtype=bool))

    def subset(self, rows: NDArray[np.bool_]) -> VoteTable:
        prompts, prompt = np.unique(self.prompt[rows], return_inverse=True)
        raters, rater = np.unique(self.rater[rows], return_inverse=True)
        return VoteTable(self.vendors, tuple(self.prompts[k] for k in prompts),
                         tuple(self.raters[k] for k in raters),
                         tuple(self.categories[k] for k in prompts), self.left[rows],
                         self.right[rows], prompt.astype(np.intp).ravel(),
                         rater.astype(np.intp).ravel(), self.score[rows])

    def category_names(self) -> list[str]:
        """Categories in the order their first prompt appears."""
        return list(dict.fromkeys(self.categories))
