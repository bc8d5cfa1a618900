"""Start: recent evaluations, a new one, a folder, or the demo."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from checklist.errors import ChecklistError
from checklist.tui.literal import literal
from checklist.tui.live import ChecklistScreen

HELP = """\
## Start

- **Enter** on a recent evaluation opens it (the most recent first).
- **n** creates a new evaluation from a rubric in your library.
- **o** opens an evaluation folder (one holding `evaluation.yaml`).
- **d** copies the bundled worked example to a new folder and opens it.

From a shell, `checklist open DIR` opens a folder directly and `checklist` alone opens the
evaluation in the working folder.
"""

INTRO = (
    "[b]checklist[/b]: score vendors against a rubric, keep their [b]benchmark claims[/b] "
    "apart from their [b]production readiness[/b], and write the decision memo."
)


class StartScreen(ChecklistScreen):
    """Shown when no evaluation is open."""

    CSS_PATH = "start.tcss"
    HELP = HELP
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "app.new_evaluation", "New", id="start.new"),
        Binding("o", "app.open_folder", "Open folder", id="start.open"),
        Binding("d", "demo", "Demo", id="start.demo"),
        Binding("j", "cursor(1)", "Down", show=False, id="start.down"),
        Binding("k", "cursor(-1)", "Up", show=False, id="start.up"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="start"):
            yield Static(INTRO, id="intro")
            yield Static("[b]Recent evaluations[/b]", id="recent-title")
            yield OptionList(id="recent")
            with Horizontal(id="start-buttons"):
                yield Button("New evaluation (n)", id="new", variant="primary")
                yield Button("Open folder (o)", id="open")
                yield Button("Try the demo (d)", id="demo")
        yield Footer()

    def on_screen_resume(self) -> None:
        recent = self.query_one("#recent", OptionList)
        recent.clear_options()
        paths = self.checklist.config.recent
        for path in paths:
            title = _title(Path(path))
            label = f"{title}  ·  {path}" if title else f"{path}  (missing)"
            recent.add_option(Option(literal(label), id=path, disabled=title is None))
        if not paths:
            recent.add_option(Option("none yet: create one (n), open a folder (o) or try the "
                                     "demo (d)", disabled=True))
        enabled = [i for i in range(recent.option_count)
                   if not recent.get_option_at_index(i).disabled]
        if enabled:
            recent.highlighted = enabled[0]
        recent.focus()

    @on(OptionList.OptionSelected, "#recent")
    def _open_recent(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.checklist.open_path(Path(event.option.id))

    @on(Button.Pressed, "#new")
    def _new(self) -> None:
        self.checklist.action_new_evaluation()

    @on(Button.Pressed, "#open")
    def _open(self) -> None:
        self.checklist.action_open_folder()

    @on(Button.Pressed, "#demo")
    def action_demo(self) -> None:
        self._copy_demo()

    @work(thread=True, group="demo")
    def _copy_demo(self) -> None:
        from checklist.tui.demo import copy_demo

        try:
            copy = copy_demo()
        except ChecklistError as exc:
            self.app.call_from_thread(self.notify, str(exc), title="No demo",
                                      severity="error")
            return
        why = f" ({copy.reason})" if copy.reason else ""
        self.app.call_from_thread(self.notify, f"Copied the worked example to {copy.path}{why}",
                                  title="Demo")
        self.app.call_from_thread(self.checklist.open_path, copy.path)

    def action_cursor(self, step: int) -> None:
        recent = self.query_one("#recent", OptionList)
        if step > 0:
            recent.action_cursor_down()
        else:
            recent.action_cursor_up()


def _title(folder: Path) -> str | None:
    """The evaluation's title, or None when the folder no longer holds one."""
    from checklist.files.yamlio import read_yaml

    if not (folder / "evaluation.yaml").is_file():
        return None
    try:
        data = read_yaml(folder / "evaluation.yaml", what="evaluation").data
    except ChecklistError:
        return "(unreadable evaluation.yaml)"
    title = data.get("title") if isinstance(data, dict) else None
    return str(title) if title else folder.name
