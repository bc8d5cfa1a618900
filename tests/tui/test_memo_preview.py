"""The memo preview (issue 17 item 8): painted at once with a visible "rendering" state, page
one first, the rest added after it, and a contents dialog that scrolls to a heading."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from textual.widgets import OptionList, Static
from tui_support import pilot_test, plain, settle

from checklist.tui.screens.memo import PENDING, READY, MemoScreen
from checklist.tui.screens.memo_contents import ContentsDialog
from checklist.tui.widgets.memo_document import MemoDocument, MemoSection, heading_of, sections

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "ai-video-2026"


@pytest.fixture
def example(tmp_path: Path) -> Path:
    folder = tmp_path / "ai-video"
    shutil.copytree(EXAMPLE, folder)
    return folder


def _visible_text(app: object) -> str:
    screen = app.screen  # type: ignore[attr-defined]
    document = screen.query_one(MemoDocument)
    top, bottom = document.scroll_y, document.scroll_y + document.size.height
    return "\n".join(s.source for s in document.query_children(MemoSection)
                     if s.virtual_region.y < bottom and s.virtual_region.bottom > top)


@pilot_test
async def test_the_preview_shows_the_recommendation_first(make, example: Path):
    """On the worked example the preview opens at page one: the title and the
    recommendation, then the whole memo follows, section by section."""
    app = make(example, rater="marco-bianchi")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await pilot.pause(0.3)
        await settle(pilot)
        assert isinstance(app.screen, MemoScreen)
        document = app.screen.query_one(MemoDocument)
        assert document.complete
        assert plain(app.screen.query_one("#memo-state", Static)) == READY
        first = document.query_children(MemoSection).first()
        assert "Recommend Google Veo 3.1" in first.source
        assert "Recommend Google Veo 3.1" in _visible_text(app)
        assert len(document.query_children(MemoSection)) > 10
        assert document.source.count("\n## ") >= 10


@pilot_test
async def test_contents_jumps_to_a_heading(make, example: Path):
    """t lists the memo's headings over it; Enter on one scrolls the memo to that heading,
    and the memo keeps its sections (nothing is laid out again)."""
    app = make(example, rater="marco-bianchi")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await pilot.pause(0.3)
        await settle(pilot)
        document = app.screen.query_one(MemoDocument)
        before = list(document.children)
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, ContentsDialog)
        titles = [title for _, title in app.screen.headings]
        target = titles.index("Sign-off")
        assert "Claims versus our own test" in titles
        app.screen.query_one(OptionList).highlighted = target
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MemoScreen)
        assert document.scroll_y > 0
        section = next(s for s in document.query_children(MemoSection)
                       if s.source.startswith("## Sign-off"))
        assert section.virtual_region.y - document.scroll_y in range(0, 2) or (
            document.scroll_y == document.max_scroll_y)
        assert list(document.children) == before


@pilot_test
async def test_the_screen_paints_before_the_memo_is_rendered(make,
                                                              monkeypatch: pytest.MonkeyPatch):
    """While the memo renders (held here until the test lets it go), the screen shows the
    "rendering" state and the keys work: Esc goes back to the overview."""
    import checklist.memo

    release = threading.Event()
    render = checklist.memo.render_memo

    def slow(*args: object, **kwargs: object) -> bytes:
        release.wait(120)
        return render(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(checklist.memo, "render_memo", slow)
    app = make(rater="Ana")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("m")
        for _ in range(5):
            await pilot.pause(0.05)
        assert isinstance(app.screen, MemoScreen)
        assert plain(app.screen.query_one("#memo-state", Static)) == PENDING
        assert not app.screen.query_one(MemoDocument).children
        await pilot.press("escape")
        await pilot.pause(0.05)
        assert not isinstance(app.screen, MemoScreen)
        release.set()
        await settle(pilot)


def test_sections_cut_before_headings_outside_code():
    """A `#` line inside fenced code is not a heading; the title's section comes first."""
    text = ("# Title\n\n> Recommend A.\n\n## Why\n\ntext\n\n```\n## not a heading\n```\n\n"
            "### Detail\n\nmore\n")
    parts = sections(text)
    assert "".join(parts) == text
    assert [heading_of(p) for p in parts] == [(1, "Title"), (2, "Why"), (3, "Detail")]
    assert "## not a heading" in parts[1]
