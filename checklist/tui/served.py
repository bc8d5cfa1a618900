"""The app as `checklist serve` runs it for one browser session.

The same screens as in a terminal, with three differences that follow from a server shared by
several people:
- the rater is whoever the browser's person says they are (`WhoScreen`), never the name in the
  server's user config, which would file one person's answers under another's name;
- nothing is remembered in that config (its recent folders and rater are the server
  account's own);
- only the served folder: opening another folder, creating an evaluation or the start
  screen's list of recent folders would let anyone reaching the page browse the server.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from textual.app import SystemCommand
from textual.screen import Screen

from checklist.errors import ChecklistError
from checklist.files.config import UserConfig, load_config
from checklist.files.folder import Workspace, load_folder
from checklist.tui.app import ChecklistApp
from checklist.tui.rater_name import RATER_LIMIT, rater_problem

#: Palette commands that reach beyond the served folder.
NOT_SERVED = frozenset({"New evaluation", "Open folder", "Start screen"})
ONLY_THIS = "Only this evaluation is served here; run checklist on the server for others."


class ServedApp(ChecklistApp):
    """`ChecklistApp` on one folder, for one browser session; see the module docstring."""

    rater_limit = RATER_LIMIT

    def __init__(self, workspace: Workspace, **options: Any) -> None:
        super().__init__(workspace, remember=False, **options)
        self.served_workspace = workspace

    def start_screen(self) -> Screen[Any]:
        from checklist.tui.screens.who import WhoScreen

        return WhoScreen()

    def open_workspace(self, workspace: Workspace, *, rater: str | None = None,
                       vendor: str | None = None) -> None:
        if rater is None:
            self.switch_mode("start")  # asks who is rating, then `rate_as`
            return
        super().open_workspace(workspace, rater=rater, vendor=vendor)

    def name_problem(self, name: str) -> str | None:
        if not name:
            return "type your name"
        return rater_problem(name)

    def rate_as(self, name: str) -> None:
        """Opens the served evaluation as `name` (from the who-is-rating screen)."""
        self.call_next(self._begin, self.served_workspace, name, None)

    def action_change_rater(self) -> None:
        self.switch_mode("start")

    def action_start(self) -> None:
        self.switch_mode("start")

    def action_new_evaluation(self) -> None:
        self.notify(ONLY_THIS, severity="warning")

    def action_open_folder(self) -> None:
        self.notify(ONLY_THIS, severity="warning")

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        for command in super().get_system_commands(screen):
            if command.title not in NOT_SERVED:
                yield command


def make_served_app(path: Path, **options: Any) -> ServedApp:
    """The app for one browser session on the evaluation in `path`.

    The server's user config still gives the keymap and theme (they attribute nothing to
    anyone); its rater is left out, and nothing is written back to it.
    """
    workspace = load_folder(path)
    problem = None
    try:
        config = load_config()
    except ChecklistError as exc:
        config, problem = UserConfig(), str(exc)
    config = config.model_copy(update={"rater": None})
    return ServedApp(workspace, config=config, config_problem=problem, **options)
