"""How a number is printed: every front end (the terminal summary, the TUI, the memo, `diff`)
formats its numbers here, once, so a director comparing the PDF with a terminal sees the same
"0.62", and no copy can drift to "-0.00" where another prints "+0.00".

Its own module beside `checklist.errors`, with no imports, because every layer needs it: the
scoring layer words its conclusions with it, and the memo's render worker (a child process
that imports neither pydantic nor the models) offers these functions to templates as filters.

A value that rounds to zero prints without a minus sign: "+0.00", "0.00", "0%", never "-0.00".
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

DASH = "—"


class Scale(Protocol):
    """What a level's text needs of a rubric's scale (`checklist.model.rubric.Scale`)."""

    @property
    def max(self) -> int: ...

    @property
    def min(self) -> int: ...

    @property
    def labels(self) -> Mapping[int, str]: ...


class Question(Protocol):
    """What a level's text needs of a question: its type (yes/no reads 'yes', 'no')."""

    @property
    def type(self) -> str: ...


def _unsigned_zero(text: str, plus: bool = False) -> str:
    """'-0.00' as '0.00' (or '+0.00'): a value rounded to zero has no direction."""
    if text.startswith("-") and not any(c in "123456789" for c in text):
        return ("+" if plus else "") + text[1:]
    return text


def score(value: float | None) -> str:
    """A 0..1 score as two decimals: '0.62'; '—' when there is nothing to score."""
    return DASH if value is None else _unsigned_zero(f"{value:.2f}")


def signed(value: float | None) -> str:
    """A difference with its sign, so a hype gap of +0.20 never reads as a score."""
    return DASH if value is None else _unsigned_zero(f"{value:+.2f}", plus=True)


def pct(value: float | None) -> str:
    """A share as a whole percentage: '85%'."""
    return DASH if value is None else _unsigned_zero(f"{value:.0%}")


def share(value: float | None) -> str:
    """A question's share of the overall score, one decimal: '4.2%'."""
    return DASH if value is None else _unsigned_zero(f"{value:.1%}")


def points(value: float | None) -> str:
    """A change of a share, in percentage points with its sign: '+12 points'."""
    return DASH if value is None else _unsigned_zero(f"{value * 100:+.0f}", plus=True) + " points"


def span(lower: float | None, upper: float | None) -> str:
    """Missing-data bounds: '0.55–0.81'."""
    return f"{score(lower)}–{score(upper)}"


def number(value: float | None) -> str:
    """A plain number without trailing zeros ('2', '2.5'), for scale levels and thresholds."""
    if value is None:
        return DASH
    return _unsigned_zero(f"{round(value, 2):g}")


def figure(value: float | None) -> str:
    """A vendor's own published figure, never rounded: '1357', '0.4', '-60', '1500000000'."""
    if value is None:
        return DASH
    return _unsigned_zero(f"{value:.15g}")


def label(value: float | None, scale: Scale) -> str:
    """A level with its word, as the TUI lists levels: '3 Good', '2' (no word), '2.5'."""
    if value is None:
        return DASH
    if float(value).is_integer():
        word = scale.labels.get(int(value))
        return f"{int(value)} {word}" if word else str(int(value))
    return number(value)


def level(value: float | None, question: Question | None, scale: Scale) -> str:
    """An aggregated answer as a person reads it: 'yes', '3/4 Good', '2.5/4'."""
    if value is None:
        return DASH
    if question is not None and question.type == "yes_no":
        if value >= scale.max:
            return "yes"
        if value <= scale.min:
            return "no"
    text = f"{number(value)}/{scale.max}"
    if float(value).is_integer() and int(value) in scale.labels:
        text += f" {scale.labels[int(value)]}"
    return text


def chart(value: float | None) -> str:
    """A coordinate in [0, 1] as Mermaid's lexer accepts it: '1', '0', or '0.62' (never '1.00')."""
    if value is None:
        return "0"
    text = f"{min(1.0, max(0.0, value)):.2f}"
    return {"1.00": "1", "0.00": "0"}.get(text, text)


def impact(value: float | None) -> str:
    """A change in the overall score from one answer, three decimals: '+0.031'."""
    return DASH if value is None else _unsigned_zero(f"{value:+.3f}", plus=True)
