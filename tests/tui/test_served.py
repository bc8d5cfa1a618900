"""`checklist serve`'s app (one per browser session): it asks who is rating, never takes the
rater from the server's user config, writes nothing to that config, and stays on the served
folder."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input
from tui_support import fixed_clock, pilot_test, plain, settle

from checklist.files.config import UserConfig, config_file, load_config, save_config
from checklist.tui.screens.who import WhoScreen
from checklist.tui.served import NOT_SERVED, make_served_app


def served(evaluation: Path):
    return make_served_app(evaluation, clock=fixed_clock, check_upgrade=False, poll_seconds=0)


@pilot_test
async def test_a_browser_session_says_who_is_rating_whatever_the_config_says(evaluation: Path):
    save_config(UserConfig(rater="Server Owner"))
    before = config_file().read_text(encoding="utf-8")
    app = served(evaluation)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WhoScreen)
        assert app.session is None
        shown = plain(app.screen.query_one("#who-raters"))
        assert "Ben" in shown and "Server Owner" not in shown
        await pilot.press(*"Dana", "enter")
        await settle(pilot)
        assert app.session is not None and app.session.rater == "Dana"
        assert app.current_mode == "overview"
        await pilot.press("s", "3")
        await settle(pilot)
        app.action_save()
        await settle(pilot)
    assert (evaluation / "ratings" / "dana.yaml").exists()
    assert not (evaluation / "ratings" / "server-owner.yaml").exists()
    # the server account's config keeps its rater, and learns no recent folder
    assert config_file().read_text(encoding="utf-8") == before
    assert load_config().rater == "Server Owner"


@pilot_test
async def test_a_name_that_cannot_name_a_file_is_refused_in_words(evaluation: Path):
    app = served(evaluation)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert "type your name" in plain(app.screen.query_one("#who-error"))
        app.screen.query_one("#who-name", Input).value = "!!!"
        await pilot.press("enter")
        await settle(pilot)
        assert "letters or digits" in plain(app.screen.query_one("#who-error"))
        assert app.session is None and isinstance(app.screen, WhoScreen)


@pilot_test
async def test_the_served_app_stays_on_its_folder(evaluation: Path):
    """Opening a folder, a new evaluation or the recent list would let anyone who reaches
    the page browse the server's disk."""
    app = served(evaluation)
    notes: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*"Dana", "enter")
        await settle(pilot)
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert "Overview" in titles and not titles & NOT_SERVED
        original = app.notify
        app.notify = lambda message, **kw: (notes.append(message), original(message, **kw))
        app.action_open_folder()
        app.action_new_evaluation()
        await settle(pilot)
        assert app.current_mode == "overview"
        assert len(notes) == 2 and all("Only this evaluation" in n for n in notes)
        app.action_change_rater()  # back to "who is rating", to rate as someone else
        await settle(pilot)
        assert isinstance(app.screen, WhoScreen)
        await pilot.press(*"Eve", "enter")
        await settle(pilot)
        assert app.session is not None and app.session.rater == "Eve"
