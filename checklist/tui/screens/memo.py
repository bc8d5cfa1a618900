"""Memo preview: the decision memo as it stands now, exported to Markdown or PDF.

Rendering (Jinja, and typst for the PDF) runs in a worker: the memo of a big evaluation takes
a moment and the keys must stay live meanwhile. The screen paints its "rendering" state at
once; the memo then shows page one first and adds the other sections after it
(`MemoDocument`); **t** opens the contents as a dialog over it.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Footer, Header, Static

from checklist.tui.literal import clean, literal
from checklist.tui.live import ChecklistScreen
from checklist.tui.widgets.memo_document import MemoDocument
from checklist.tui.widgets.status import StatusLine

if TYPE_CHECKING:
    from checklist.files.folder import Workspace


def _render(workspace: Workspace) -> bytes:
    """The Markdown memo; imported here, in the worker's thread, not on the event loop."""
    from checklist import memo

    return memo.render_memo(workspace, fmt="md")

HELP = """\
## Memo

The decision memo rendered from the answers so far (all raters, mean), as the team will read
it. It is rebuilt each time you open this screen.

- **e** exports it as Markdown and **p** as PDF into the evaluation folder (`memo.md`,
  `memo.pdf`); a notification says where the file went.
- **r** renders it again; **t** lists the headings: Enter scrolls the memo to one.
- `checklist memo DIR` does the same from the command line, with templates and formats.
"""

PENDING = "Rendering the memo…"
READY = "Memo preview · e export .md · p export PDF · t contents · r refresh"
#: While the sections after page one are still being added.
ADDING = READY + " · laying out the rest…"


class MemoScreen(ChecklistScreen):
    """Preview and export."""

    CSS_PATH = "memo.tcss"
    HELP = HELP
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "export('md')", "Export .md", key_display="e", id="memo.export-md"),
        Binding("p", "export('pdf')", "PDF", id="memo.export-pdf"),
        Binding("r", "render", "Refresh", show=False, id="memo.refresh"),
        Binding("t", "toc", "Contents", show=False, id="memo.toc"),
        Binding("escape", "app.show('overview')", "Back", id="memo.back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        #: The contents dialog is over this screen.
        self._in_dialog = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(PENDING, id="memo-state")
        yield MemoDocument(id="memo")
        yield StatusLine()
        yield Footer()

    def on_mount(self) -> None:
        session = self.checklist.session
        if session is not None:
            self.sub_title = clean(session.workspace.evaluation.title)

    def on_screen_resume(self) -> None:
        if self._in_dialog:  # back from the contents: the memo has not changed
            self._in_dialog = False
            return
        # After the first paint, so the screen (with its "rendering" state) shows at once.
        self.call_after_refresh(self.action_render)

    def action_render(self) -> None:
        session = self.checklist.session
        if session is None:
            return
        self.query_one("#memo-state", Static).update(PENDING)
        self._render_memo(session.snapshot())

    @work(exclusive=True, group="memo")
    async def _render_memo(self, workspace: Workspace) -> None:
        """Renders in a thread (Jinja on a big evaluation takes a moment), shows it here."""
        try:
            data = await asyncio.to_thread(_render, workspace)
        except Exception as exc:  # a template error must not take the app down
            self.query_one("#memo-state", Static).update(
                literal(f"Could not render the memo: {exc}"))
            return
        state = self.query_one("#memo-state", Static)
        state.update(ADDING)
        if await self.query_one(MemoDocument).show(data.decode("utf-8")):
            state.update(READY)

    def action_toc(self) -> None:
        from checklist.tui.screens.memo_contents import ContentsDialog

        document = self.query_one(MemoDocument)
        headings = document.headings()
        if not headings:
            self.notify("No headings yet: the memo is still rendering", timeout=3)
            return
        note = "" if document.complete else " (the rest is still being added)"

        def chosen(index: int | None) -> None:
            if index is not None:
                document.goto(headings[index])

        self._in_dialog = True
        self.app.push_screen(ContentsDialog([(h.level, h.title) for h in headings], note),
                             chosen)

    def action_export(self, fmt: str) -> None:
        session = self.checklist.session
        if session is None:
            return
        target = session.path / f"memo.{fmt}"
        self.notify(f"Writing {target.name}…", timeout=2)
        self._export(session.snapshot(), target, fmt)

    @work(thread=True, group="memo-export")
    def _export(self, workspace: Workspace, target: Path, fmt: str) -> None:
        try:
            from checklist import memo

            written = memo.write_memo(workspace, target, fmt=fmt)
        except Exception as exc:
            self.app.call_from_thread(self.notify, f"{exc}", title=f"Could not export {fmt}",
                                      severity="error", timeout=10)
            return
        self.app.call_from_thread(self.notify, f"{written}", title=f"Memo exported ({fmt})",
                                  timeout=8)
