"""Choosing what to work on: the start screen, a new evaluation, another folder, another
rater. A mixin of `ChecklistApp`; a folder is loaded in a worker (big evaluations take a
moment) and opened through `open_workspace`."""

from __future__ import annotations

from pathlib import Path

from textual import work

from checklist.errors import ChecklistError
from checklist.files.folder import is_evaluation, load_folder
from checklist.tui.app_base import AppBase
from checklist.tui.rater_name import RATER_LIMIT, rater_problem


class FoldersMixin(AppBase):
    def action_start(self) -> None:
        self.switch_mode("start")

    def action_new_evaluation(self) -> None:
        from checklist.tui.screens.new import NewEvaluationScreen

        if self.current_mode != "start":
            self.switch_mode("start")
        self.push_screen(NewEvaluationScreen())

    def action_open_folder(self) -> None:
        from checklist.tui.screens.dialogs import TextPrompt

        def check(value: str) -> str | None:
            path = Path(value).expanduser()
            return None if is_evaluation(path) else f"no evaluation.yaml in {path}"

        def chosen(value: str | None) -> None:
            if value:
                self.open_path(Path(value).expanduser())

        self.push_screen(TextPrompt("Open an evaluation", "Folder holding evaluation.yaml:",
                                    str(Path.cwd()), check=check), chosen)

    def open_path(self, path: Path) -> None:
        """Loads a folder in a worker (big evaluations take a moment) and shows it."""
        self.save_status = f"opening {path}…"
        self._load(path)

    @work(thread=True, group="load", exclusive=True)
    def _load(self, path: Path) -> None:
        try:
            workspace = load_folder(path)
        except ChecklistError as exc:
            lines = "\n".join(str(p) for p in exc.problems[:8])
            self.call_from_thread(self.notify, lines, title="Cannot open this evaluation",
                                  severity="error", timeout=15)
            self.call_from_thread(setattr, self, "save_status", "")
            return
        self.call_from_thread(self.open_workspace, workspace)

    def action_change_rater(self) -> None:
        from checklist.tui.screens.dialogs import TextPrompt

        session = self.session
        if session is None:
            return

        def chosen(value: str | None) -> None:
            if value and value != session.rater:
                self.config = self.config.model_copy(update={"rater": value})
                self.call_next(self._begin, session.workspace, value, None)

        self.push_screen(TextPrompt("Change rater", "Score as:", session.rater,
                                    check=rater_problem, limit=RATER_LIMIT, what="A name"),
                         chosen)
