"""What a person sees on the vendor and evaluation screens (issue 13 item 4), at 80x24 and
120x40; see test_snapshots.py for how these are made and regenerated."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_snapshots import SIZES, keys
from textual.pilot import Pilot

NARROW = pytest.mark.parametrize("size", [(80, 24)], ids=["80x24"])


@SIZES
def test_vendor_screen(snap_compare, make, size: tuple[int, int]):
    """Vendors for rater Ana: the list (Acme highlighted), Acme's fields (Product, Model id,
    Version, Maker, Channel "(not set)", Region, Contact, Website, Notes) with placeholders
    saying what each holds, "Claims (1) · n new · e edit · d delete · shift+↑↓ move" and
    Acme's claim with its metric, value, who ran it and its grade; the footer keys a, r, X,
    n, e, d, esc."""
    assert snap_compare(make(rater="Ana"), terminal_size=size, run_before=keys("v"))


@NARROW
def test_claim_dialog(snap_compare, make, size: tuple[int, int]):
    """The claim dialog over the vendor screen at 80x24: "New claim of Acme", the statement
    field focused, then Task, Metric, Value, Unit "(none)", Compared with "nothing", the
    vendor/model field, Margin, Sample size ... (the rest scrolls), and Save (ctrl+s) /
    Cancel."""
    assert snap_compare(make(rater="Ana"), terminal_size=size, run_before=keys("v", "n"))


@SIZES
def test_evaluation_screen(snap_compare, make, size: tuple[int, int]):
    """The evaluation for rater Ana: Title "Tiny test" focused, Owner "Ana", the other
    fields with placeholders saying what each holds, the empty Background; at 120x40 also
    People "(nobody named yet: press a)" and the context flag "yes · Outputs are
    published"."""
    assert snap_compare(make(rater="Ana"), terminal_size=size, run_before=keys("e"))


@NARROW
def test_context_change_dialog(snap_compare, make, evaluation: Path, size: tuple[int, int]):
    """Unticking "Outputs are published" first asks: the flag's text, "public: yes -> no",
    "gate on 'status' switches off", "no vendor's verdict changes", and the buttons
    "Change it" / "Keep it"."""

    async def flip(pilot: Pilot) -> None:
        await keys("e")(pilot)
        pilot.app.screen.query_one("#flag-public").focus()
        await keys("space")(pilot)

    assert snap_compare(make(rater="Ana"), terminal_size=size, run_before=flip)
