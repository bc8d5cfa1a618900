"""Issue 20 item 6 (rest): text cut to fit ends in '…', so nobody takes a cut text for the
whole: the overview's Gates column (cut at the screen's edge before) and the command
palette's question entries (cut at 70 characters before)."""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandPalette
from textual.widgets import DataTable, OptionList
from tui_support import fixed_clock, pilot_test, settle

from checklist.cli import main
from checklist.files.folder import RatingsFile, load_folder
from checklist.model import Answer

DATA = Path(__file__).resolve().parent.parent / "data"
#: Gate question ids as long as real rubrics' ("commercial-api", "training-disputes", ...).
API = "commercial-api-available-in-our-region"
STATUS = "lifecycle-status-general-availability"
WHO_RAN = ("Who generated the outputs behind the headline result, who scored them, and "
           "could we rerun it ourselves on our own prompts?")


def long_texts(tmp_path: Path) -> Path:
    rubric = tmp_path / "lib" / "tiny.yaml"
    rubric.parent.mkdir()
    text = (DATA / "tiny.yaml").read_text(encoding="utf-8")
    text = text.replace("id: api", f"id: {API}").replace("id: status", f"id: {STATUS}")
    text = text.replace("Who ran the benchmark?", WHO_RAN)
    rubric.write_text(text, encoding="utf-8")
    folder = tmp_path / "ev"
    assert main(["new", str(folder), "--rubric", str(rubric), "--title", "Long texts",
                 "--vendor", "Acme", "--vendor", "Beta Corp", "--context", "public=yes"]) == 0
    RatingsFile(folder, "ben", load_folder(folder).ordering).update(
        "beta-corp", API, Answer(answer=False))
    return folder


def screen_lines(app) -> list[str]:
    return [strip.text for strip in app.screen._compositor.render_strips()]


@pilot_test
async def test_the_gates_column_ends_in_an_ellipsis_where_it_is_cut(tmp_path: Path,
                                                                     workdir: Path):
    from checklist.tui.app import make_app

    app = make_app(long_texts(tmp_path), rater="Ana", clock=fixed_clock, check_upgrade=False,
                   poll_seconds=0)
    full = f"gate failed: {API}; gate open: {STATUS}"
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#grid", DataTable)
        table.scroll_to(x=table.max_scroll_x, animate=False)
        await settle(pilot)
        row = next(line for line in screen_lines(app) if line.startswith(" Beta Corp"))
        shown = table.get_cell("beta-corp", "gates").plain
        assert shown.endswith("…") and shown[:-1] in full
        assert shown in row  # the whole cut text is on screen, '…' included
        await pilot.resize_terminal(200, 40)
        await settle(pilot)
        # wide enough: the whole text, nothing cut
        assert table.get_cell("beta-corp", "gates").plain == full


@pilot_test
async def test_a_palette_entry_cut_short_ends_in_an_ellipsis(tmp_path: Path, workdir: Path):
    from checklist.tui.app import make_app

    app = make_app(long_texts(tmp_path), rater="Ana", clock=fixed_clock, check_upgrade=False,
                   poll_seconds=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"Question 1")
        await pilot.pause(0.5)
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        results = palette.query_one(OptionList)
        entries = [str(results.get_option_at_index(i).prompt)
                   for i in range(results.option_count)]
        entry = next(e for e in entries if "who-ran" in e).split("\n")[0]
        assert entry.endswith("…"), entry
        assert entry.removeprefix("Question 1: who-ran · ")[:-1] in WHO_RAN
