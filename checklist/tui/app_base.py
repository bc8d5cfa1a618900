"""What the app's parts (`app_opening`, `app_settings`, `app_navigation`, `app_folders`) may
use of the app.

`ChecklistApp` is put together from mixins, one per responsibility: opening an evaluation,
remembering settings (and offering rubric upgrades), moving between screens, and choosing a
folder or rater. The mixins are plain classes at run time (Textual builds only the app
itself); for the type checker they see the app through `AppBase`, which names what the app
provides.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from checklist.bakeoff.judge import Judge
    from checklist.files.config import Folder, UserConfig
    from checklist.files.folder import Workspace
    from checklist.tui.session import Session
    from checklist.tui.session_app import SessionApp

    class AppBase(SessionApp):
        config: UserConfig
        config_problem: str | None
        check_upgrade: bool
        remember: bool
        library_folders: list[Folder] | None
        _opening: tuple[Workspace | None, str | None, str | None]
        _judge_first: Judge | None

        def open_workspace(self, workspace: Workspace, *, rater: str | None = None,
                           vendor: str | None = None) -> None: ...

        def _begin(self, workspace: Workspace, rater: str, vendor: str | None) -> None: ...

        def _remember(self, path: Path, rater: str) -> None: ...

        def _check_upgrade(self, session: Session) -> object: ...

        async def score_at(self, vendor: str | None, index: int | None = None,
                           section: str | None = None) -> None: ...

        def _show_judge(self, session: Session, judge: Judge) -> None: ...
else:
    AppBase = object
