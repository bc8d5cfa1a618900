"""The vendor's own benchmark claims, each with who ran it and how much it is worth."""

from __future__ import annotations

from textual.content import Content

from checklist.model.claim import figure_text
from checklist.model.common import GRADE_LABELS
from checklist.model.evaluation import Claim
from checklist.tui.literal import lines, markup
from checklist.tui.widgets.spot import Spot, SpotPanel


def claim_details(claim: Claim) -> str:
    """Metric and figure (as the memo prints it: `figure_text`), task, who ran it, its grade,
    date and source, as one line."""
    bits = []
    figure = figure_text(claim)
    # '62% win rate', not 'win rate 62% win rate'
    if figure and claim.metric.lower() in figure.lower():
        bits.append(figure)
    elif claim.metric or figure:
        bits.append(f"{claim.metric} {figure}".strip())
    if claim.task:
        bits.append(f"task: {claim.task}")
    bits.append(f"run by: {claim.run_by or 'not stated'}")
    bits.append(GRADE_LABELS.get(claim.grade, claim.grade))
    if claim.date:
        bits.append(claim.date.isoformat())
    if claim.source:
        bits.append(claim.source)
    return " · ".join(bits)


class ClaimsPanel(SpotPanel):
    """The vendor's claims, or that none are recorded."""

    def draw(self, spot: Spot) -> Content:
        vendor = spot.vendor
        if not vendor.claims:
            return markup("[b]${name}'s benchmark claims[/b]: none recorded", name=vendor.name)
        rows = [markup("[b]${name}'s benchmark claims[/b]", name=vendor.name)]
        for claim in vendor.claims:
            rows.append(markup("• $text", text=claim.text.strip()))
            rows.append(markup("  [dim]$bits[/dim]", bits=claim_details(claim)))
        return lines(rows)
