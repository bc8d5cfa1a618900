"""Issue 20 item 2 (rest): the footer shows F2-F5, whole, beside the screen's own keys at 80
columns; not on the start screen, where there is nothing to switch to."""

from __future__ import annotations

from textual.widgets import Footer
from textual.widgets._footer import FooterKey, FooterLabel
from tui_support import pilot_test, settle

SCREEN_KEYS = ("f2", "f3", "f4", "f5")


def shown_keys(app) -> dict[str, int]:
    """Footer keys on screen now (and the group's word), with the column where each ends."""
    footer = app.screen.query_one(Footer)
    shown = {key.key: key.region.right for key in footer.query(FooterKey)
             if key.region.width > 0}
    for label in footer.query(FooterLabel):
        if label.region.width > 0:
            shown["label"] = label.region.right
    return shown


def visible_whole(app) -> dict[str, int]:
    """The footer keys shown, each ending left of the palette key (or the screen's edge)."""
    keys = shown_keys(app)
    edge = app.size.width
    palettes = [k for k in app.screen.query(".-command-palette") if k.region.width > 0]
    if palettes:
        edge = palettes[0].region.x
    return {key: right for key, right in keys.items() if right <= edge}


@pilot_test
async def test_f2_to_f5_are_in_the_footer_at_80_columns(make):
    app = make(rater="Ana")
    async with app.run_test(size=(80, 24)) as pilot:
        for mode in ("memo",):
            app.action_show(mode)
            await settle(pilot)
            keys = visible_whole(app)
            assert {*SCREEN_KEYS, "label"} <= set(keys), (mode, keys)
        # Their own keys fill the footer: F2-F5 hidden (F1 lists them), none cut.
        for mode in ("overview", "scoring", "compare"):
            app.action_show(mode)
            await settle(pilot)
            assert not {*SCREEN_KEYS, "label"} & set(shown_keys(app)), mode
            assert "f1" in visible_whole(app), mode  # help is never the key cut off


@pilot_test
async def test_f2_to_f5_are_in_every_screens_footer_at_120_columns(make):
    app = make(rater="Ana")
    async with app.run_test(size=(120, 40)) as pilot:
        for mode in ("overview", "scoring", "compare", "memo"):
            app.action_show(mode)
            await settle(pilot)
            keys = visible_whole(app)
            assert {*SCREEN_KEYS, "label"} <= set(keys), (mode, keys)


@pilot_test
async def test_not_on_the_start_screen(make, tmp_path):
    app = make(start=True, cwd=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert not set(SCREEN_KEYS) & set(shown_keys(app))
