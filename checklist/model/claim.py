"""A vendor's benchmark claim as data: what was measured, against what, by whom, how sure.

A claim is kept structured so that it can be checked, not only read: the bake-off
(`checklist.bakeoff`) compares "vendor A beats vendor B by M on metric X for task T" with the
team's own blind test. That claim is written on vendor A as

    task: text-to-video
    metric: win rate
    value: 62            # A's figure, as published (optional)
    unit: win-rate
    compared_with: {vendor: b, margin: 12}

The keys `text` (the statement), `value` and `date` (the date of the result) are those of the
first file format, so every evaluation written before keeps loading unchanged.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, field_validator, model_validator

from checklist.model.common import NAME_CHARS, STATEMENT_CHARS, Grade, Model, Name, Slug, Url
from checklist.model.rubric import Text
from checklist.numbers import figure

#: The unit of a claim's value and margin. `win-rate` and `percent` are percentages (62 means
#: 62 %); `elo` is rating points; `seconds` a duration; `price` an amount (the currency and
#: "per what" belong in the metric); `rank` a position (1 is first); `score` a benchmark's own
#: score.
Unit = Literal["score", "elo", "win-rate", "percent", "seconds", "price", "rank"]
UNITS: tuple[str, ...] = ("score", "elo", "win-rate", "percent", "seconds", "price", "rank")
UNIT_LABELS: dict[str, str] = {
    "score": "", "elo": "Elo", "win-rate": "% win rate", "percent": "%", "seconds": "s",
    "price": "", "rank": "",
}
#: What a claim is compared with: the keys of `Comparison`, one of which is given.
COMPARED_KINDS: tuple[str, ...] = ("vendor", "model", "baseline")


class Comparison(Model):
    """What a claim measures the vendor against, and by how much it says it wins.

    Exactly one of `vendor` (another vendor of this evaluation, by id: the only kind the
    bake-off can check), `model` (a named model outside the evaluation) or `baseline`.
    """

    vendor: Slug | None = None
    model: Name = ""
    baseline: Name = ""
    #: The claimed difference, in the claim's unit (Elo points, percentage points, seconds).
    margin: float | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> Comparison:
        given = [k for k in COMPARED_KINDS if getattr(self, k)]
        if len(given) != 1:
            found = f"found {', '.join(given)}" if given else "found none"
            raise ValueError(f"give exactly one of vendor, model or baseline ({found})")
        return self

    @property
    def kind(self) -> str:
        return next(k for k in COMPARED_KINDS if getattr(self, k))

    @property
    def target(self) -> str:
        """The vendor id, model name or baseline."""
        return str(getattr(self, self.kind))


class Interval(Model):
    """A published confidence interval of the value, at `level` percent."""

    low: float
    high: float
    level: float = Field(default=95, gt=0, lt=100)

    @model_validator(mode="after")
    def _ordered(self) -> Interval:
        if self.low > self.high:
            raise ValueError(f"low ({self.low:g}) must not be above high ({self.high:g})")
        return self


class Claim(Model):
    """A vendor's benchmark claim, with who ran it: the thing the rubric makes a team doubt."""

    #: The statement, in the vendor's or the source's words.
    text: Annotated[str, StringConstraints(max_length=STATEMENT_CHARS)]
    #: The task or category it is about ("text-to-video").
    task: Name = ""
    metric: Name = ""
    #: The figure: a number in `unit`, or the words it was published in ("top 3").
    value: str | float = ""
    unit: Unit | None = None
    compared_with: Comparison | None = None
    sample_size: int | None = Field(default=None, ge=1)
    interval: Interval | None = None
    source: Url = ""
    #: Who ran the test, in words; `grade` says how far that can be trusted.
    run_by: Name = ""
    grade: Grade = "vendor-claim"
    #: When the source was read.
    retrieved: dt.date | None = None
    #: The date of the result (when the test was run or published).
    date: dt.date | None = None
    note: Text = ""

    @field_validator("value")
    @classmethod
    def _short_value(cls, value: str | float) -> str | float:
        # Not `Name | float`: a union would report a long text twice, once per type.
        if isinstance(value, str) and len(value) > NAME_CHARS:
            raise ValueError(f"too long ({len(value)} characters, at most {NAME_CHARS}); "
                             "shorten it")
        return value

    @property
    def is_comparative(self) -> bool:
        """Compared with another vendor of the evaluation: checkable by the bake-off."""
        return self.compared_with is not None and self.compared_with.vendor is not None


def is_win_rate(percent: float) -> bool:
    """A win rate is a share of comparisons won: 0 to 100 %."""
    return 0 <= percent <= 100


def value_from_text(text: str) -> str | float:
    """A claim's value as a person types it: `62` is a number, `top 3` the figure in words."""
    try:
        number = float(text.strip())
    except ValueError:
        return text
    return number if math.isfinite(number) else text


def interval_from_text(text: str) -> dict[str, float] | None:
    """`58.5..65.5` as an interval's low and high; None when it is not written that way."""
    low, sep, high = text.partition("..")
    try:
        values = {"low": float(low), "high": float(high)} if sep else None
    except ValueError:
        return None
    if values is None or not all(math.isfinite(v) for v in values.values()):
        return None
    return values


def figure_text(claim: Claim) -> str:
    """The claim's figure as published, with its unit: '62% win rate', '1357 Elo', 'top 3'.
    Never rounded: it is the vendor's number, not ours. A figure its unit cannot have says
    so, so that it reads as the vendor's, not as our error: '367% win rate (as published;
    a win rate is 0-100%)'."""
    if isinstance(claim.value, str):
        return claim.value
    amount = figure(claim.value)
    unit = UNIT_LABELS.get(claim.unit or "", "")
    if claim.unit == "price":
        return amount
    text = f"{amount}{unit}" if unit.startswith("%") else f"{amount} {unit}".strip()
    if claim.unit == "win-rate" and not is_win_rate(claim.value):
        text += " (as published; a win rate is 0-100%)"
    return text


def comparison_text(claim: Claim, names: dict[str, str] | None = None) -> str:
    """What it is compared with and the claimed margin: 'vs Beta Corp, by +12 points'.
    `names` gives vendors' names by id."""
    against = claim.compared_with
    if against is None:
        return ""
    target = against.target
    if against.vendor is not None and names:
        target = names.get(against.vendor, target)
    text = f"vs {target}" if against.kind != "baseline" else f"vs baseline: {target}"
    if against.margin is not None and claim.unit == "rank":
        places = abs(against.margin)
        word = "place" if places == 1 else "places"
        side = "below" if against.margin < 0 else "above"
        text += f", {figure(places)} {word} {side}" if places else ", level"
    elif against.margin is not None:
        sign = "+" if against.margin > 0 else ""
        unit = {"elo": " Elo", "win-rate": " points", "percent": " points",
                "seconds": " s"}.get(claim.unit or "", "")
        text += f", by {sign}{figure(against.margin)}{unit}"
    return text


def sample_text(claim: Claim) -> str:
    """Sample size and interval as published: 'n = 1200, 95% CI 58.5–65.5'."""
    parts = []
    if claim.sample_size is not None:
        parts.append(f"n = {claim.sample_size}")
    if claim.interval is not None:
        i = claim.interval
        parts.append(f"{figure(i.level)}% CI {figure(i.low)}–{figure(i.high)}")
    return ", ".join(parts)
