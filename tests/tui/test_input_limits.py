"""Input fields stop at the models' limits with a message, and a key costs the same at any
length (issue 11, item 8: a 25,000-character paste into a note crashed the app; an
unbracketed 97 KB paste ran for minutes)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import textual.widgets._input as textual_input
import yaml
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from textual import events
from textual.expand_tabs import expand_tabs_inline
from textual.widgets import Input
from tui_support import pilot_test, ratings_file, record_notes, settle

import checklist.tui.widgets.fields as fields
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
async def test_an_unbracketed_paste_stops_at_the_limit_without_measuring_the_note(
        make, evaluation: Path, monkeypatch: pytest.MonkeyPatch):
    """Each character arrives as a key: the note takes them up to the limit, says once that
    the rest was not added; no key repaints the answer or measures the whole note, and the
    keys queued at once reach the answer as a few changes, not one copy of the note each."""
    app = make(rater="Ana", vendor="acme", save_delay=0.01)
    notes = record_notes(app)
    async with app.run_test(size=(80, 24)) as pilot:
        note = await open_note(pilot)
        app.post_message(events.Paste("n" * (NOTE - 100)))
        await settle(pilot)
        assert len(note.value) == NOTE - 100
        screen = app.screen
        repaints: list[int] = []
        monkeypatch.setattr(screen, "show_answer", lambda: repaints.append(1))
        measured: list[int] = []

        def counting(text: str, tab_size: int = 4) -> str:
            if len(text) > 1000:
                measured.append(len(text))
            return expand_tabs_inline(text, tab_size)

        monkeypatch.setattr(textual_input, "expand_tabs_inline", counting)
        monkeypatch.setattr(fields, "expand_tabs_inline", counting, raising=False)
        session = screen.session
        handled: list[int] = []
        original = session.set
        monkeypatch.setattr(session, "set", lambda vendor, qid, answer: (
            handled.append(len(answer.note)), original(vendor, qid, answer)))
        for _ in range(300):
            app.post_message(events.Key("k", "k"))
        await settle(pilot)
        assert note.value == "n" * (NOTE - 100) + "k" * 100
        assert not repaints, "a key in the note repainted the whole answer"
        assert not measured, "a key in the note measured the whole note"
        # One Changed waits at a time, with the latest text: not one copy of the note per key.
        assert handled[-1] == NOTE and len(handled) < 10, handled
        assert len([n for n in notes if n.startswith("Too long")]) == 1
        await pilot.press("enter", "ctrl+q")
        await settle(pilot)
    assert app.return_code == 0
    assert saved_note(evaluation) == "n" * (NOTE - 100) + "k" * 100


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


EDIT = st.tuples(st.sampled_from(["add", "cut"]),
                 st.text(alphabet="ab \t界😀\u200d\ufe0f\u0301", max_size=6))


@given(st.text(alphabet="ab\t界", max_size=8), st.lists(EDIT, max_size=12))
def test_prefix_widths_agree_with_measuring_from_the_start(start: str, edits: list):
    widths = fields.PrefixWidths()
    text = start
    for kind, piece in [("add", ""), *edits]:
        text = text + piece if kind == "add" else text[: max(len(text) - len(piece), 0)]
        assert widths.of(text) == cell_len(expand_tabs_inline(text, 4))
