"""Every screen usable at 80x24 (the README promises it), and the small things a user test
found: help rows without ids, the evidence grade skipped by Enter, chart markers run
together, a warning outliving its screen, raters shown by id."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, OptionList, Select, Static
from tui_support import pilot_test, plain, record_notes, settle

from checklist.files.config import Folder
from checklist.tui.screens.compare import CompareScreen
from checklist.tui.screens.dialogs import EvidenceDialog
from checklist.tui.screens.help import help_markdown
from checklist.tui.screens.new import NewEvaluationScreen
from checklist.tui.screens.overview import OverviewScreen
from checklist.tui.screens.scoring import ScoringScreen


def footer_fits(screen, width: int) -> list[str]:
    """The footer's keys, each asserted to lie inside the terminal."""
    keys = []
    for key in screen.query("FooterKey"):
        assert key.region.right <= width, f"{key.description!r} is cut at {width} columns"
        keys.append(key.description)
    return keys


@pilot_test
async def test_compare_at_80_columns_says_the_table_scrolls_and_scrolls(make):
    app = make(rater="Ana")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        table = screen.query_one("#ranking", DataTable)
        assert "← → scroll" in plain(screen.query_one("#table-key", Static))
        assert table.scroll_x == 0
        await pilot.press("right")
        await settle(pilot)
        assert table.scroll_x == table.max_scroll_x > 0  # the Gates column is in view
        await pilot.press("left")
        await settle(pilot)
        assert table.scroll_x == 0
        assert footer_fits(screen, 80)[:2] == ["Score", "More"]
        body = screen.query_one("#compare-body")
        await pilot.press("space")
        await settle(pilot)
        assert body.scroll_y > 0  # the analysis and chart below are reachable by key


@pilot_test
async def test_compare_at_120_columns_fits_every_column(make):
    app = make(rater="Ana")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        table = app.screen.query_one("#ranking", DataTable)
        assert table.virtual_size.width <= table.scrollable_content_region.width
        gates = [str(table.get_cell(key, "gates")) for key in ("acme", "beta-corp", "gamma")]
        assert gates[1] == "1 failed, 1 open"
        assert "Gap = claims − readiness" in plain(app.screen.query_one("#table-key", Static))


@pilot_test
async def test_overview_at_80_columns_hints_at_the_hidden_columns(make):
    app = make(rater="Ana")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, OverviewScreen)
        hint = screen.query_one("#scroll-hint", Static)
        assert hint.display and "← →" in plain(hint)
        assert "verdict" in plain(hint)
        await pilot.press("l")  # onto the first section: its full title shows below
        await settle(pilot)
        assert plain(screen.query_one("#detail", Static)).startswith("Claims A (claims)")
        for _ in range(10):
            await pilot.press("l")
        await settle(pilot)
        assert "to the left" in plain(hint)
    wide = make(rater="Ana")
    async with wide.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        assert not wide.screen.query_one("#scroll-hint", Static).display


@pilot_test
async def test_overview_totals_agree_and_raters_are_named(make):
    app = make(rater="Ana")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        summary = plain(app.screen.query_one("#summary", Static))
        # 3 vendors x 5 questions; Ben answered 6, one of them N/A (gamma / latency).
        assert "Your answers 0/15" in summary
        assert "by anyone 6/15, 1 of them N/A" in summary
        assert "raters: Ben" in summary


@pilot_test
async def test_scoring_at_80_columns_reaches_the_side_panel_with_o(make):
    app = make(rater="Ana", vendor="acme")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ScoringScreen) and screen.has_class("-narrow")
        body, side = screen.query_one("#body"), screen.query_one("#side")
        assert "More" in footer_fits(screen, 80)
        await pilot.press("o")
        await settle(pilot)
        assert body.scroll_y > 0
        assert body.scroll_y == min(side.virtual_region.y, body.max_scroll_y)
        await pilot.press("o")
        await settle(pilot)
        assert body.scroll_y == 0
        await pilot.press("k", "k", "k")  # the yes/no question: footer still fits
        await settle(pilot)
        assert screen.question.type == "yes_no"
        assert "Help" in footer_fits(screen, 80)
    wide = make(rater="Ana", vendor="acme")
    async with wide.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "More" not in footer_fits(wide.screen, 120)  # side by side: nothing to toggle


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@pilot_test
async def test_memo_footer_fits(make, size):
    pytest.importorskip("checklist.memo")
    app = make(rater="Ana")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        assert "Help" in footer_fits(app.screen, size[0])


@pilot_test
async def test_new_evaluation_at_80_columns_shows_the_highlighted_rubric(make, workdir: Path,
                                                                        tiny_rubric: Path):
    folder = tiny_rubric.parent
    for n in range(4):
        text = tiny_rubric.read_text().replace("id: tiny\n", f"id: tiny-{n}\n", 1).replace(
            "title: Tiny rubric", f"title: Tiny rubric variant {n} with a title long enough "
            "to wrap at eighty columns", 1)
        (folder / f"tiny-{n}.yaml").write_text(text)
    app = make(start=True, cwd=workdir, library_folders=[Folder("tests", folder)])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, NewEvaluationScreen)
        options = screen.query_one("#rubrics", OptionList)
        assert options.option_count == 5
        # Each rubric takes two or three lines (title; what it is for; parent and source), so
        # the list is taller than its window and must scroll to keep the highlight in view.
        assert options.virtual_size.height > options.scrollable_content_region.height >= 4
        for _ in range(4):
            await pilot.press("down")
            await settle(pilot)
            row = options.highlighted
            assert row is not None
            # Where OptionList keeps each option's first line and its height.
            first, height = options._index_to_line[row], options._heights[row]
            top = options.scroll_y
            assert top <= first and first + height <= top + options.scrollable_content_region.height
            assert screen.rubric is not None
            assert screen.rubric.id == screen.entries[row].file.id


@pilot_test
async def test_help_labels_textual_bindings_instead_of_empty_ids(make):
    app = make(rater="Ana", start=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        text = help_markdown(app.screen)
        assert "(``)" not in text
        for screen_key in ("f2", "f3"):
            await pilot.press(screen_key)
            await settle(pilot)
            assert "(``)" not in help_markdown(app.screen)


@pilot_test
async def test_help_names_a_binding_without_id(make):
    app = make(start=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        text = help_markdown(app.screen)
        assert "(``)" not in text
        if "Focus" in text:
            assert "built into Textual" in text


@pilot_test
async def test_enter_in_the_evidence_url_goes_to_the_grade(make, evaluation: Path):
    app = make(rater="Ana", vendor="acme")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        await pilot.press(*"https://a.example", "enter")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, EvidenceDialog)  # not added yet as a "vendor claim"
        assert isinstance(dialog.focused, Select) and dialog.focused.id == "evidence-grade"
        await pilot.press("enter", "down", "down", "down", "enter")  # picked: on to the date
        await settle(pilot)
        assert isinstance(dialog.focused, Input) and dialog.focused.id == "evidence-date"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ScoringScreen)
        (item,) = app.screen.mine.evidence
        assert (item.url, item.grade) == ("https://a.example", "independent-lab")


def test_chart_markers_never_touch():
    from checklist.tui.widgets.chart import place_markers

    placed = place_markers([((10, 3), "3"), ((11, 3), "5"), ((10, 3), "7")], 40)
    cells = sorted((x, m) for (x, y), m in placed.items() if y == 3)
    assert len(cells) == 3
    assert all(b[0] - a[0] >= 2 for a, b in itertools.pairwise(cells))
    crowded = place_markers([((x, 0), str(x)) for x in range(6)], 6)
    assert "*" in crowded.values()
    xs = sorted(x for x, _ in crowded)
    assert all(b - a >= 2 for a, b in itertools.pairwise(xs))


@pilot_test
async def test_a_scoring_warning_does_not_outlive_the_screen(make):
    app = make(rater="Ana", vendor="acme")
    notes = record_notes(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("9")
        await settle(pilot)
        hint = app.screen.query_one("#hint", Static)
        assert hint.display and "The scale runs 0 to 4" in plain(hint)
        await pilot.press("f2")
        await settle(pilot)
        assert not any("scale runs" in note for note in notes)
        await pilot.press("f3")
        await settle(pilot)
        assert not app.screen.query_one("#hint", Static).display
        await pilot.press("9", "2")
        await settle(pilot)
        assert not app.screen.query_one("#hint", Static).display
