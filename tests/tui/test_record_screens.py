"""Issue 13 item 4: the vendor and evaluation screens edit the decision record, saved into
evaluation.yaml with the rules answers have (a change by someone else merged or asked
about, never lost; a decided evaluation read-only; a bad value refused, nothing written)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from tui_support import pilot_test, ratings_file, record_notes, settle

from checklist.files.evaluation_save import Edit, edit_evaluation
from checklist.model import evaluation_edit as edits
from checklist.tui.screens.dialogs import ConfirmDialog, ConflictDialog
from checklist.tui.screens.evaluation import EvaluationScreen
from checklist.tui.screens.record_dialogs import ClaimDialog
from checklist.tui.screens.vendors import VendorScreen


def saved(folder: Path) -> dict[str, Any]:
    data = yaml.safe_load((folder / "evaluation.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def vendor(folder: Path, vid: str) -> dict[str, Any]:
    return next(v for v in saved(folder)["vendors"] if v["id"] == vid)


def elsewhere(folder: Path, change: Any) -> None:
    """Someone else's edit of evaluation.yaml (another TUI, the CLI), saved meanwhile."""
    edit_evaluation(folder, lambda w: Edit(change(w.evaluation)))


async def typed(pilot: Any, text: str, *then: str) -> None:
    await pilot.press(*text, *then)
    await settle(pilot)


async def open_vendors(pilot: Any) -> VendorScreen:
    await settle(pilot)
    await pilot.press("v")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, VendorScreen)
    return screen


async def to_field(pilot: Any, widget_id: str) -> None:
    pilot.app.screen.query_one(f"#{widget_id}").focus()
    await settle(pilot)


@pilot_test
async def test_vendor_fields_are_saved_on_enter_and_on_leaving(make, evaluation: Path):
    app = make(rater="Ana")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_vendors(pilot)
        await to_field(pilot, "vendor-product")
        await typed(pilot, "Acme Video API, pro tier", "enter")  # Enter saves, goes on
        await typed(pilot, "acme-v2-20260401")
        await pilot.press("tab")  # leaving the field saves it too
        await settle(pilot)
    acme = vendor(evaluation, "acme")
    assert acme["product"] == "Acme Video API, pro tier"
    assert acme["model"] == "acme-v2-20260401"
    assert acme["claims"][0]["text"] == "Tops the public arena for text-to-video"


@pilot_test
async def test_a_claim_is_added_with_every_field_edited_moved_and_deleted(make,
                                                                          evaluation: Path):
    app = make(rater="Ana")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_vendors(pilot)
        await pilot.press("n")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ClaimDialog)
        values = {"text": "Beats Beta Corp in blind votes", "task": "text-to-video",
                  "metric": "win rate", "value": "62", "target": "Beta Corp", "margin": "12",
                  "sample_size": "1200", "interval": "58.5..65.5", "source":
                  "https://acme.example/blog", "run_by": "Acme research", "retrieved":
                  "2026-10-20", "date": "2026-10-01", "note": "their own prompts"}
        for key, value in values.items():
            dialog.query_one(f"#claim-{key}").value = value  # type: ignore[attr-defined]
        dialog.query_one("#claim-unit").value = "win-rate"  # type: ignore[attr-defined]
        dialog.query_one("#claim-against").value = "vendor"  # type: ignore[attr-defined]
        dialog.query_one("#claim-grade").value = "vendor-sampled"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        claims = vendor(evaluation, "acme")["claims"]
        assert len(claims) == 2
        new = claims[1]
        assert new["text"] == "Beats Beta Corp in blind votes"
        assert new["compared_with"] == {"vendor": "beta-corp", "margin": 12.0}
        assert (new["value"], new["unit"], new["sample_size"]) == (62, "win-rate", 1200)
        assert new["interval"] == {"low": 58.5, "high": 65.5, "level": 95}
        assert (new["grade"], new["run_by"]) == ("vendor-sampled", "Acme research")
        assert str(new["retrieved"]) == "2026-10-20" and str(new["date"]) == "2026-10-01"
        assert new["source"] == "https://acme.example/blog"

        screen.query_one("#claims").focus()
        await pilot.press("e")  # claim 2 is highlighted: the one just added
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ClaimDialog)
        assert dialog.query_one("#claim-margin").value == "12"  # type: ignore[attr-defined]
        dialog.query_one("#claim-metric").value = "win rate (1080p)"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert vendor(evaluation, "acme")["claims"][1]["metric"] == "win rate (1080p)"
        assert vendor(evaluation, "acme")["claims"][1]["sample_size"] == 1200

        await pilot.press("shift+up")
        await settle(pilot)
        texts = [c["text"] for c in vendor(evaluation, "acme")["claims"]]
        assert texts == ["Beats Beta Corp in blind votes",
                         "Tops the public arena for text-to-video"]

        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await settle(pilot)
    texts = [c["text"] for c in vendor(evaluation, "acme")["claims"]]
    assert texts == ["Tops the public arena for text-to-video"]


@pilot_test
async def test_a_bad_claim_value_is_refused_in_the_dialog(make, evaluation: Path):
    before = (evaluation / "evaluation.yaml").read_bytes()
    app = make(rater="Ana")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_vendors(pilot)
        await pilot.press("n")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ClaimDialog)
        dialog.query_one("#claim-text").value = "Fast"  # type: ignore[attr-defined]
        dialog.query_one("#claim-date").value = "last week"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is dialog  # still open, with what to do
        error = str(dialog.query_one("#claim-error").visual)
        assert "Result date" in error and "2026-11-21" in error
    assert (evaluation / "evaluation.yaml").read_bytes() == before


@pilot_test
async def test_vendors_are_added_renamed_with_their_answers_and_removed(make,
                                                                        evaluation: Path):
    app = make(rater="Ana")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_vendors(pilot)
        await pilot.press("a")
        await settle(pilot)
        await typed(pilot, "Delta Video", "enter")
        assert [v["id"] for v in saved(evaluation)["vendors"]][-1] == "delta-video"
        assert screen.vid == "delta-video"
        assert app.focused is not None and app.focused.id == "vendor-product"
        await typed(pilot, "Delta Studio", "enter")
        assert vendor(evaluation, "delta-video")["product"] == "Delta Studio"

        screen.query_one("#vendor-list").focus()
        await pilot.press("home")  # Acme
        await settle(pilot)
        assert screen.vid == "acme"
        await pilot.press("r")
        await settle(pilot)
        await typed(pilot, "Acme Labs", "enter")
        assert screen.vid == "acme-labs"
        ben = yaml.safe_load(ratings_file(evaluation, "ben"))
        assert "acme" not in ben["answers"]
        assert ben["answers"]["acme-labs"]["who-ran"]["score"] == 1
        # the rest of the app follows: the session, the overview's rows
        assert app.session.workspace.evaluation.vendors[0].id == "acme-labs"

        await pilot.press("end")  # Delta Video
        await settle(pilot)
        await pilot.press("X")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        from textual.widgets import DataTable

        grid = app.screen.query_one("#grid", DataTable)
        assert [str(k.value) for k in grid.rows] == ["acme-labs", "beta-corp", "gamma"]
    assert [v["id"] for v in saved(evaluation)["vendors"]] == ["acme-labs", "beta-corp",
                                                               "gamma"]
    assert vendor(evaluation, "acme-labs")["name"] == "Acme Labs"


@pilot_test
async def test_the_evaluation_screen_saves_fields_background_people_and_context(
        make, evaluation: Path):
    app = make(rater="Ana")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, EvaluationScreen)
        await pilot.press("ctrl+u")  # the title has the focus, the cursor at its end
        await typed(pilot, "Video vendor for ads", "enter")  # title; on to the owner
        await pilot.press("enter")  # owner unchanged
        await typed(pilot, "2027-01-15", "enter")
        await typed(pilot, "Acme Ads Inc., Delaware", "enter")
        await to_field(pilot, "background")
        await typed(pilot, "We make [b]short[/b] ads.")
        await pilot.press("tab")  # leaving the background saves it
        await settle(pilot)
        assert saved(evaluation)["background"] == "We make [b]short[/b] ads."

        await pilot.press("a")  # the people list has the focus now
        await settle(pilot)
        await typed(pilot, "Dana Okafor", "enter")  # on to the role
        from textual.widgets import Select

        app.screen.query_one("#person-role", Select).value = "approver"
        await pilot.click("#ok")
        await settle(pilot)
        assert saved(evaluation)["decision_makers"] == [{"name": "Dana Okafor",
                                                         "role": "approver"}]

        screen.query_one("#flag-public").focus()
        await pilot.press("space")  # public: yes -> no
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        assert "gate on 'status' switches off" in dialog.text
        await pilot.press("y")
        await settle(pilot)
    data = saved(evaluation)
    assert data["title"] == "Video vendor for ads"
    assert str(data["due"]) == "2027-01-15"
    assert data["buyer"] == "Acme Ads Inc., Delaware"
    assert data["context"] == {"public": False}


@pilot_test
async def test_a_context_change_not_confirmed_writes_nothing(make, evaluation: Path):
    before = (evaluation / "evaluation.yaml").read_bytes()
    app = make(rater="Ana")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        screen = app.screen
        screen.query_one("#flag-public").focus()
        await pilot.press("space")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert screen.query_one("#flag-public").value is True  # type: ignore[attr-defined]
    assert (evaluation / "evaluation.yaml").read_bytes() == before


@pilot_test
async def test_a_bad_due_date_is_refused_and_the_text_kept(make, evaluation: Path):
    before = (evaluation / "evaluation.yaml").read_bytes()
    app = make(rater="Ana")
    notes = record_notes(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        await to_field(pilot, "evaluation-due")
        await typed(pilot, "next friday", "enter")
        assert any("Due date" in n and "2026-11-21" in n for n in notes), notes
        assert app.screen.query_one("#evaluation-due").value == "next friday"  # type: ignore[attr-defined]
    assert (evaluation / "evaluation.yaml").read_bytes() == before


# --- two people at once ---------------------------------------------------------------------


@pilot_test
async def test_someone_elses_change_to_another_field_is_merged(make, evaluation: Path):
    app = make(rater="Ana")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_vendors(pilot)
        elsewhere(evaluation, lambda e: edits.set_vendor(e, "acme", {"region": "EU"}))
        await to_field(pilot, "vendor-product")
        await typed(pilot, "Acme API", "enter")
        # what they wrote shows here too once saved
        assert app.screen.query_one("#vendor-region").value == "EU"  # type: ignore[attr-defined]
    acme = vendor(evaluation, "acme")
    assert (acme["product"], acme["region"]) == ("Acme API", "EU")


@pilot_test
async def test_the_same_field_changed_meanwhile_is_asked_about_keep_mine(make,
                                                                         evaluation: Path):
    app = make(rater="Ana")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_vendors(pilot)
        elsewhere(evaluation, lambda e: edits.set_vendor(e, "acme", {"product": "Theirs"}))
        await to_field(pilot, "vendor-product")
        await typed(pilot, "Mine", "enter")
        dialog = app.screen
        assert isinstance(dialog, ConflictDialog)
        assert dialog.theirs == "Theirs" and dialog.mine == "Mine"
        assert vendor(evaluation, "acme")["product"] == "Theirs"  # nothing written yet
        await pilot.press("m")
        await settle(pilot)
    assert vendor(evaluation, "acme")["product"] == "Mine"


@pilot_test
async def test_the_same_claim_changed_meanwhile_is_asked_about_use_theirs(make,
                                                                          evaluation: Path):
    app = make(rater="Ana")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_vendors(pilot)
        elsewhere(evaluation, lambda e: edits.edit_claim(e, "acme", 1, {"metric": "Elo 2"}))
        screen.query_one("#claims").focus()
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("y")  # delete claim 1 (as shown, before their change)
        await settle(pilot)
        assert isinstance(app.screen, ConflictDialog)
        await pilot.press("t")
        await settle(pilot)
        assert app.screen is screen
        assert "Elo 2" in str(screen.query_one("#claims").get_option_at_index(0).prompt)  # type: ignore[attr-defined]
    claims = vendor(evaluation, "acme")["claims"]
    assert [c["metric"] for c in claims] == ["Elo 2"]


@pilot_test
async def test_a_decided_evaluation_opens_these_screens_read_only(make, evaluation: Path):
    from checklist.cli import main

    assert main(["decide", str(evaluation), "--accept", "acme", "--by", "Dana"]) == 0
    before = (evaluation / "evaluation.yaml").read_bytes()
    app = make(rater="Ana")
    notes = record_notes(app)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_vendors(pilot)
        notice = screen.query_one("#vendor-notice")
        assert notice.display and "--reopen" in str(notice.visual)  # type: ignore[attr-defined]
        assert screen.query_one("#vendor-product").disabled
        await pilot.press("a")
        await settle(pilot)
        if not isinstance(app.screen, VendorScreen):
            await typed(pilot, "Delta", "enter")
        await pilot.press("escape", "e")
        await settle(pilot)
        evaluation_screen = app.screen
        assert isinstance(evaluation_screen, EvaluationScreen)
        assert evaluation_screen.query_one("#evaluation-title").disabled
        assert evaluation_screen.query_one("#flag-public").disabled
    assert any(n.startswith("Read-only: Not changed") for n in notes)
    assert (evaluation / "evaluation.yaml").read_bytes() == before


@pilot_test
async def test_a_field_being_typed_in_is_saved_on_esc_and_on_quitting(make, evaluation: Path):
    app = make(rater="Ana")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_vendors(pilot)
        await to_field(pilot, "vendor-product")
        await typed(pilot, "Acme API", "escape")
        assert vendor(evaluation, "acme")["product"] == "Acme API"
        await pilot.press("e")
        await settle(pilot)
        await to_field(pilot, "evaluation-buyer")
        await typed(pilot, "Acme Ads Inc.")
        await pilot.press("ctrl+q")  # no Enter, the field not left: still saved
        await settle(pilot)
    assert saved(evaluation)["buyer"] == "Acme Ads Inc."


@pilot_test
async def test_decided_while_the_vendor_screen_is_open_writes_nothing(make, evaluation: Path):
    from checklist.cli import main

    app = make(rater="Ana")
    notes = record_notes(app)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_vendors(pilot)
        assert main(["decide", str(evaluation), "--accept", "acme", "--by", "Dana"]) == 0
        before = (evaluation / "evaluation.yaml").read_bytes()
        await to_field(pilot, "vendor-product")
        await typed(pilot, "Acme API", "enter")
        assert screen.query_one("#vendor-notice").display
        assert screen.query_one("#vendor-product").value == "Acme API"  # type: ignore[attr-defined]
    assert any(n.startswith("Read-only: Not changed") for n in notes)
    assert (evaluation / "evaluation.yaml").read_bytes() == before


@pilot_test
async def test_keys_typed_right_after_enter_reach_the_next_field(make, evaluation: Path):
    """Enter and the next field's text queued before either is handled (a person typing
    on, a terminal's burst): the text goes to the next field, not the one just left."""
    from textual import events

    app = make(rater="Ana")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_vendors(pilot)
        await to_field(pilot, "vendor-product")
        await typed(pilot, "Acme API")
        for key in ("enter", *"acme-2"):
            app.post_message(events.Key(key, None if key == "enter" else key))
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
    acme = vendor(evaluation, "acme")
    assert (acme["product"], acme.get("model")) == ("Acme API", "acme-2"), acme


@pilot_test
async def test_a_vendor_in_the_bake_off_is_renamed_but_keeps_its_id(make, evaluation: Path):
    from tui_support import build_bakeoff

    build_bakeoff(evaluation)
    app = make(rater="Ana")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_vendors(pilot)
        await pilot.press("r")
        await settle(pilot)
        await typed(pilot, "Acme Labs", "enter")
        assert screen.vid == "acme"
    acme = vendor(evaluation, "acme")
    assert acme["name"] == "Acme Labs"
    assert yaml.safe_load(ratings_file(evaluation, "ben"))["answers"]["acme"]


@pilot_test
async def test_the_palette_opens_both_screens(make, evaluation: Path):
    from checklist.tui.commands import app_commands

    app = make(rater="Ana")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        commands = {c.title: c.callback for c in app_commands(app)}
        commands["Vendors"]()
        await settle(pilot)
        assert isinstance(app.screen, VendorScreen)
        commands["Evaluation"]()
        await settle(pilot)
        assert isinstance(app.screen, EvaluationScreen)
