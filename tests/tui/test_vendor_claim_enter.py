"""Enter on a claim in the Vendors screen edits it, as `e` does (the claims list's actions
live in a mixin; Enter reaches them through a handler on the screen itself)."""

from __future__ import annotations

from pathlib import Path

import yaml
from textual.widgets import Input
from tui_support import pilot_test, settle

from checklist.tui.screens.record_dialogs import ClaimDialog
from checklist.tui.screens.vendors import VendorScreen


@pilot_test
async def test_enter_on_a_claim_opens_it_for_editing(make, evaluation: Path):
    before = (evaluation / "evaluation.yaml").read_bytes()
    claim = next(v for v in yaml.safe_load(before)["vendors"] if v["id"] == "acme")["claims"][0]
    app = make(rater="Ana")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        assert isinstance(app.screen, VendorScreen)
        app.screen.query_one("#claims").focus()
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ClaimDialog)
        assert dialog.query_one("#claim-text", Input).value == claim["text"]
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, VendorScreen)
    assert (evaluation / "evaluation.yaml").read_bytes() == before
