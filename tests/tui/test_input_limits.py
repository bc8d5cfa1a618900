"""Input fields stop at the models' limits with a message, and a key costs the same at any
length (issue 11, item 8: a 25,000-character paste into a note crashed the app; an
unbracketed 97 KB paste ran for minutes)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from textual import events
from textual.widgets import Input
from tui_support import pilot_test, ratings_file, record_notes, settle

from checklist.model import Answer, Evaluation, Evidence, Vendor
from checklist.model.limits import max_length
from checklist.tui.screens.dialogs import EvidenceDialog
from checklist.tui.screens.new import NewEvaluationScreen
from checklist.tui.screens.scoring import ScoringScreen

NOTE = max_length(Answer, "note")


def saved_note(folder: Path) -> str:
    data = yaml.safe_load(ratings_file(folder, "ana")) or {}
    return data.get("answers", {}).get("acme", {}).get("who-ran", {}).get("note", "")


async def open_note(pilot: Any) -> Input:
    app = pilot.app
    await settle(pilot)
    assert isinstance(app.screen, ScoringScreen) and app.screen.question.id == "who-ran"
    await pilot.press("i")
    return app.screen.query_one("#note", Input)


@pilot_test
async def test_a_paste_past_the_note_limit_is_refused_with_a_message(make, evaluation: Path):
    app = make(rater="Ana", vendor="acme", save_delay=0.01)
    notes = record_notes(app)
    async with app.run_test(size=(80, 24)) as pilot:
        note = await open_note(pilot)
        await pilot.press(*"kept")
        app.post_message(events.Paste("p" * 25_000))
        await settle(pilot)
        assert note.value == "kept"
        assert [n for n in notes if n.startswith("Too long") and "20,000" in n
                and "25,004" in n]
        app.post_message(events.Paste("q" * (NOTE - 4)))  # up to the limit: taken whole
        await settle(pilot)
        assert note.value == "kept" + "q" * (NOTE - 4)
        await pilot.press("enter", "ctrl+q")
        await settle(pilot)
    assert app.return_code == 0
    assert saved_note(evaluation) == "kept" + "q" * (NOTE - 4)


@pilot_test
async def test_new_evaluation_fields_stop_at_the_models_limits(make, workdir: Path):
    app = make(start=True, cwd=workdir)
    notes = record_notes(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, NewEvaluationScreen)
        for selector, model, field, what in (("#title", Evaluation, "title", "A title"),
                                             ("#vendor-name", Vendor, "name", "A vendor name")):
            box = app.screen.query_one(selector, Input)
            box.focus()
            limit = max_length(model, field)
            app.post_message(events.Paste("x" * (limit + 1)))
            await settle(pilot)
            assert box.value == ""
            assert any(n.startswith(f"Too long: {what} holds at most {limit:,}") for n in notes)


@pilot_test
async def test_the_evidence_url_stops_at_the_models_limit(make, evaluation: Path):
    app = make(rater="Ana", vendor="acme")
    notes = record_notes(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, EvidenceDialog)
        limit = max_length(Evidence, "url")
        app.post_message(events.Paste("u" * (limit + 1)))
        await settle(pilot)
        assert app.screen.query_one("#evidence-url", Input).value == ""
        assert any(f"at most {limit:,}" in n for n in notes)
