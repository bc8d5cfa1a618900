"""Memo preview: the decision memo as it stands now, exported to Markdown or PDF.

Rendering (Jinja, and typst for the PDF) runs in a worker: the memo of a big evaluation takes
a moment and the keys must stay live meanwhile.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Footer, Header, Markdown, MarkdownViewer, Static

from checklist.tui.literal import clean, literal
from checklist.tui.live import ChecklistScreen
from checklist.tui.widgets.status import StatusLine

if TYPE_CHECKING:
    from checklist.files.folder import Workspace

HELP = """\
## Memo

The decision memo rendered from the answers so far (all raters, mean), as the team will read
it. It is rebuilt each time you open this screen.

- **e** exports it as Markdown and **p** as PDF into the evaluation folder (`memo.md`,
  `memo.pdf`); a notification says where the file went.
- **r** renders it again; **t** shows or hides the table of contents.
- `checklist memo DIR` does the same from the command line, with templates and formats.
"""

PENDING = "Rendering the memo…"
WEB = ("https://", "http://")


class MemoViewer(MarkdownViewer):
    """The memo: a click on a web link opens it in the browser; any other link (a file path,
    `file:`, another scheme) is only named, never opened or loaded into the viewer.

    The memo quotes URLs and paths from the evaluation and the ratings, which anyone who
    sent the folder could have written; `MarkdownViewer` would load a path into the preview
    and `Markdown` would hand any link to the system's opener.
    """

    async def _on_markdown_link_clicked(self, message: Markdown.LinkClicked) -> None:
        message.prevent_default()
        message.stop()
        href = message.href
        if href.startswith("#"):
            self.document.goto_anchor(href[1:])
        elif href.lower().startswith(WEB):
            self.app.open_url(href)
        else:
            self.notify(f"Not opened: {href} (the preview opens web links only)",
                        severity="warning")


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

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(PENDING, id="memo-state")
        yield MemoViewer("", id="memo", show_table_of_contents=False, open_links=False)
        yield StatusLine()
        yield Footer()

    def on_mount(self) -> None:
        session = self.checklist.session
        if session is not None:
            self.sub_title = clean(session.workspace.evaluation.title)

    def on_screen_resume(self) -> None:
        self.action_render()

    def action_render(self) -> None:
        session = self.checklist.session
        if session is None:
            return
        self.query_one("#memo-state", Static).update(PENDING)
        self._render_memo(session.snapshot())

    @work(exclusive=True, group="memo")
    async def _render_memo(self, workspace: Workspace) -> None:
        """Renders in a thread (Jinja on a big evaluation takes a moment), shows it here."""
        from checklist import memo

        try:
            data = await asyncio.to_thread(memo.render_memo, workspace, fmt="md")
        except Exception as exc:  # a template error must not take the app down
            await self._show_text(None, f"Could not render the memo: {exc}")
            return
        await self._show_text(data.decode("utf-8"), "")

    async def _show_text(self, text: str | None, problem: str) -> None:
        state = self.query_one("#memo-state", Static)
        if text is None:
            state.update(literal(problem))
            return
        state.update("Memo preview · e export .md · p export PDF · t contents · r refresh")
        await self.query_one("#memo", MarkdownViewer).document.update(text)

    def action_toc(self) -> None:
        viewer = self.query_one("#memo", MarkdownViewer)
        viewer.show_table_of_contents = not viewer.show_table_of_contents

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
