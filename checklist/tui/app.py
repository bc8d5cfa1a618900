"""The application: one evaluation at a time, saved behind the key presses.

`make_app` is the one way to build it, shared by `checklist open`, `checklist demo` and the
tests. Screens live in modes ("overview", "scoring", "compare", "memo") so each keeps its
place while the person moves between them; "start" is the screen shown when no evaluation
is open.

Saving, scoring, reading other raters' files and leaving safely are `SessionApp`'s
(session_app.py); this module puts the app together from its parts: opening an evaluation
(app_opening.py), remembered settings and the rubric upgrade offer (app_settings.py), moving
between screens (app_navigation.py) and choosing a folder or rater (app_folders.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from checklist.errors import ChecklistError
from checklist.files.config import Folder, UserConfig, load_config
from checklist.files.folder import Workspace, is_evaluation, load_folder, now
from checklist.tui.app_folders import FoldersMixin
from checklist.tui.app_navigation import NavigationMixin
from checklist.tui.app_opening import OpeningMixin
from checklist.tui.app_settings import SettingsMixin
from checklist.tui.commands import JumpProvider, app_commands
from checklist.tui.rater_name import rater_problem
from checklist.tui.session import Clock
from checklist.tui.session_app import SessionApp

if TYPE_CHECKING:
    from checklist.bakeoff.judge import Judge

#: F2-F5 in the footer: the keys side by side, one word for them (F1 names each), so they
#: fit beside a screen's own keys at 80 columns.
SCREENS = Binding.Group("Screens")


class ChecklistApp(OpeningMixin, SettingsMixin, NavigationMixin, FoldersMixin, SessionApp):
    """Scores vendors against a rubric; saving and leaving are `SessionApp`'s, the rest is
    its mixins' (see the module docstring)."""

    CSS_PATH = "app.tcss"
    TITLE = "checklist"
    COMMANDS = App.COMMANDS | {JumpProvider}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "help", "Help", id="app.help"),
        Binding("f2", "show('overview')", "Overview", id="app.overview", group=SCREENS),
        Binding("f3", "show('scoring')", "Score", id="app.scoring", group=SCREENS),
        Binding("f4", "show('compare')", "Compare", id="app.compare", group=SCREENS),
        Binding("f5", "show('memo')", "Memo", id="app.memo", group=SCREENS),
        Binding("ctrl+s", "save", "Save now", id="app.save", show=False),
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True),
    ]

    def __init__(
        self,
        workspace: Workspace | None = None,
        *,
        rater: str | None = None,
        vendor: str | None = None,
        config: UserConfig | None = None,
        config_problem: str | None = None,
        clock: Clock = now,
        save_delay: float = 0.4,
        score_delay: float = 0.15,
        poll_seconds: float = 2.0,
        check_upgrade: bool = True,
        remember: bool = True,
        library_folders: list[Folder] | None = None,
        judge: Judge | None = None,
    ) -> None:
        super().__init__(clock=clock, save_delay=save_delay, score_delay=score_delay,
                         poll_seconds=poll_seconds)
        self.config = config if config is not None else UserConfig()
        self.config_problem = config_problem
        self.check_upgrade = check_upgrade
        self.remember = remember and config_problem is None
        #: Where "New evaluation" looks for rubrics (None: the normal search path).
        self.library_folders = library_folders
        self._opening = (workspace, rater, vendor)
        #: Open on blind judging (`checklist bakeoff judge`) once the session has started.
        self._judge_first = judge

    # --- start-up -------------------------------------------------------------------------

    def start_screen(self) -> Screen[Any]:
        """The screen of the "start" mode, shown when no evaluation is open."""
        from checklist.tui.screens.start import StartScreen

        return StartScreen()

    def on_mount(self) -> None:
        self.add_mode("start", self.start_screen)
        if self.config.keymap:
            self.set_keymap(self.config.keymap)
        if self.config.theme and self.config.theme in self.available_themes:
            self.theme = self.config.theme
        self._theme_ready = True
        if self.config_problem:
            self.notify(f"{self.config_problem}\nUsing default settings; fix the file to keep "
                        "your settings.", title="Config file not read", severity="warning",
                        timeout=10)
        workspace, rater, vendor = self._opening
        if workspace is None:
            self.switch_mode("start")
        else:
            self.open_workspace(workspace, rater=rater, vendor=vendor)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield from app_commands(self)


def make_app(
    path: Path | None = None,
    *,
    rater: str | None = None,
    vendor: str | None = None,
    cwd: Path | None = None,
    judge: bool = False,
    **options: object,
) -> ChecklistApp:
    """The app for a folder (or the working folder's evaluation, or the start screen).

    Loads the folder here, before the UI starts, so a broken file is reported by the CLI as
    `file:line:column` and the app opens only on something it can show. `judge=True`
    (with `rater`) opens on blind judging of the folder's bake-off, checked here too.
    """
    workspace: Workspace | None = None
    folder = path if path is not None else (cwd or Path.cwd())
    if path is not None or is_evaluation(folder):
        workspace = load_folder(folder)
    problem = None
    try:
        config = load_config()
    except ChecklistError as exc:
        config, problem = UserConfig(), str(exc)
    vendor_id = None
    if workspace is not None and vendor is not None:
        vendor_id = workspace.evaluation.find_vendor(vendor).id
    if rater is not None and rater_problem(rater):
        raise ChecklistError.plain(f"--rater {rater!r}: {rater_problem(rater)}")
    judging = None
    if judge:
        from checklist.bakeoff.judge import Judge

        if workspace is None or rater is None:
            raise ChecklistError.plain("blind judging needs an evaluation folder and --rater "
                                       "NAME (a rater of the bake-off's plan)")
        judging = Judge.open(workspace.path, rater)
    return ChecklistApp(workspace, rater=rater, vendor=vendor_id, config=config,
                        config_problem=problem, judge=judging,
                        **options)  # type: ignore[arg-type]
