"""Every number the memo prints is formatted here, once, for every output format.

A director comparing the PDF with the Markdown someone pasted into a ticket must see the same
"0.62", so templates never format numbers themselves: the view model carries the text made by
these functions (and the same functions are offered to custom templates as filters).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only for hints: the render worker imports this without the models
    from checklist.model.rubric import Question, Scale

DASH = "—"


def score(value: float | None) -> str:
    """A 0..1 score as two decimals: '0.62'; '—' when there is nothing to score."""
    return DASH if value is None else f"{value:.2f}"


def signed(value: float | None) -> str:
    """A difference with its sign, so a hype gap of +0.20 never reads as a score."""
    if value is None:
        return DASH
    text = f"{value:+.2f}"
    return "+0.00" if text == "-0.00" else text


def pct(value: float | None) -> str:
    """A share as a whole percentage: '85%'."""
    return DASH if value is None else f"{value:.0%}"


def share(value: float | None) -> str:
    """A question's share of the overall score, one decimal: '4.2%'."""
    return DASH if value is None else f"{value:.1%}"


def span(lower: float | None, upper: float | None) -> str:
    """Missing-data bounds: '0.55–0.81'."""
    return f"{score(lower)}–{score(upper)}"


def number(value: float | None) -> str:
    """A plain number without trailing zeros ('2', '2.5'), for scale levels and thresholds."""
    if value is None:
        return DASH
    rounded = round(value, 2)
    return f"{rounded:g}"


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
    clamped = min(1.0, max(0.0, value))
    text = f"{clamped:.2f}"
    if text == "1.00":
        return "1"
    if text == "0.00":
        return "0"
    return text


def impact(value: float | None) -> str:
    """A change in the overall score from one answer, three decimals: '+0.031'."""
    if value is None:
        return DASH
    text = f"{value:+.3f}"
    return "+0.000" if text == "-0.000" else text
