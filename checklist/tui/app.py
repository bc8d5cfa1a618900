"""The application: one evaluation at a time, saved behind the key presses.

`make_app` is the one way to build it, shared by `checklist open`, `checklist demo` and the
tests. Screens live in modes ("overview", "scoring", "compare", "memo") so each keeps its
place while the person moves between them; "start" is the screen shown when no evaluation
is open.

Saving, scoring, reading other raters' files and leaving safely are `SessionApp`'s
(session_app.py); this module adds start-up, the screens and navigation.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from checklist.errors import ChecklistError
from checklist.files.config import Folder, UserConfig, load_config, save_config
from checklist.files.folder import Workspace, is_evaluation, load_folder, now, rater_id
from checklist.model.limits import max_length
from checklist.model.ratings import Ratings
from checklist.scoring import score
from checklist.tui.commands import JumpProvider, app_commands
from checklist.tui.deciding import READ_ONLY_STATUS
from checklist.tui.literal import clean
from checklist.tui.session import Clock, Session
from checklist.tui.session_app import SessionApp

if TYPE_CHECKING:
    from checklist.bakeoff.judge import Judge

#: Modes that show an open evaluation (they are rebuilt when another one is opened);
#: "judge" (blind judging of the bake-off), "vendors" and "evaluation" (the record's
#: screens) are added when the rater first asks for them.
EVALUATION_MODES = ("overview", "scoring", "compare", "memo", "judge", "vendors", "evaluation")
MAX_RECENT = 10
#: F2-F5 in the footer: the keys side by side, one word for them (F1 names each), so they
#: fit beside a screen's own keys at 80 columns.
SCREENS = Binding.Group("Screens")
RATER_LIMIT = max_length(Ratings, "rater")


def _rater_problem(name: str) -> str | None:
    try:
        rater_id(name)
    except ChecklistError:
        return "use letters or digits in the name (it names your ratings file)"
    return None


class ChecklistApp(SessionApp):
    """Scores vendors against a rubric; saving and leaving are `SessionApp`'s."""

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

    def open_workspace(self, workspace: Workspace, *, rater: str | None = None,
                       vendor: str | None = None) -> None:
        """Shows an evaluation, first asking who is scoring if nobody told us."""
        name = rater or self.config.rater
        if name and _rater_problem(name) is None:
            self.call_next(self._begin, workspace, name, vendor)
            return
        from checklist.tui.screens.dialogs import TextPrompt

        def chosen(value: str | None) -> None:
            if value:
                self.call_next(self._begin, workspace, value, vendor)
            elif self.session is None:
                self.switch_mode("start")

        self.push_screen(
            TextPrompt("Who is scoring?", "Your name labels your answers: they are saved in "
                       "ratings/<your-name>.yaml. It is remembered for next time.",
                       placeholder="e.g. Ana María", check=_rater_problem, limit=RATER_LIMIT,
                       what="A name"),
            chosen,
        )

    def _begin(self, workspace: Workspace, rater: str, vendor: str | None) -> None:
        """Leaves the current session safely (saved, conflicts settled), then starts anew."""
        self._leave_then("Switch anyway", partial(self._start_session, workspace, rater, vendor))

    async def _start_session(self, workspace: Workspace, rater: str,
                             vendor: str | None) -> None:
        previous = self.session
        fresh = previous is None or previous.workspace is not workspace
        try:
            session = Session(workspace, rater, self.clock, fresh=fresh)
        except ChecklistError as exc:
            lines = "\n".join(str(p) for p in exc.problems[:8])
            self.notify(lines, title="Cannot read the ratings file", severity="error",
                        timeout=15)
            if previous is None:
                await self.switch_mode("start")
            return
        self.session = session
        self.scorecard = score(workspace.evaluation, workspace.rubric,
                               session.ratings_for_scoring(), today=self.today())
        self.sub_title = clean(workspace.evaluation.title)
        self.save_status = f"{session.file.path.relative_to(workspace.path)} · autosaves as " \
                           "you score"
        if session.read_only is not None:
            self.save_status = READ_ONLY_STATUS
            self.notify(f"Opened read-only: {session.read_only}", title="Read-only",
                        severity="warning", timeout=30)
        if self.current_mode in EVALUATION_MODES:
            await self.switch_mode("start")
        for mode in EVALUATION_MODES:
            if mode in self._modes:
                await self.remove_mode(mode)
        from checklist.tui.screens.compare import CompareScreen
        from checklist.tui.screens.memo import MemoScreen
        from checklist.tui.screens.overview import OverviewScreen
        from checklist.tui.screens.scoring import ScoringScreen

        self.add_mode("overview", OverviewScreen)
        self.add_mode("scoring", ScoringScreen)
        self.add_mode("compare", CompareScreen)
        self.add_mode("memo", MemoScreen)
        judge, self._judge_first = self._judge_first, None
        if judge is not None:
            self._show_judge(session, judge)
        elif vendor is not None:
            await self.score_at(vendor)
        else:
            await self.switch_mode("overview")
        self._remember(workspace.path, rater)
        if self._poll_timer is not None:
            self._poll_timer.stop()
        if self.poll_seconds > 0:
            self._poll_timer = self.set_interval(self.poll_seconds, self.poll_disk)
        if self.check_upgrade:
            self._check_upgrade(session)

    def _remember(self, path: Path, rater: str) -> None:
        if not self.remember:
            return
        where = str(path.resolve())
        recent = [where, *[p for p in self.config.recent if p != where]][:MAX_RECENT]
        self.config = self.config.model_copy(update={"rater": rater, "recent": recent})
        self._save_config()

    @work(thread=True, group="config")
    def _save_config(self) -> None:
        with contextlib.suppress(OSError, ChecklistError):
            save_config(self.config)

    def watch_theme(self, theme: str) -> None:
        if not getattr(self, "_theme_ready", False) or not self.remember:
            return
        if theme != self.config.theme:
            self.config = self.config.model_copy(update={"theme": theme})
            self._save_config()

    @work(thread=True, group="upgrade", exit_on_error=False)
    def _check_upgrade(self, session: Session) -> None:
        """Offers a newer rubric version; scoring never changes until the person upgrades."""
        from checklist.reuse.rubric_updates import newer_rubric

        try:
            ref = newer_rubric(session.workspace)
        except Exception:  # a broken library must not stop anyone from scoring
            return
        if ref:
            current = session.workspace.rubric
            what = (f"A newer rubric is in your library: {ref}." if ref.startswith(f"{current.id}@")
                    else f"This rubric continues as {ref} in your library.")
            self.call_from_thread(
                self.notify,
                f"{what} Scores here still use "
                f"{session.workspace.rubric.ref}. To move this evaluation to it, run\n"
                f"checklist upgrade {session.path}",
                title="Rubric update available", timeout=12,
            )

    # --- navigation -----------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """F2-F5 leave the footer while no evaluation is open (they would only say so)."""
        if action == "show" and self.session is None:
            return False
        return super().check_action(action, parameters)

    def action_show(self, mode: str) -> None:
        if self.session is None:
            self.notify("Open or create an evaluation first.", severity="warning")
            return
        if mode == "scoring" and self.current_mode != "scoring":
            self.call_next(self.score_at, None)
            return
        self.switch_mode(mode)

    async def score_at(self, vendor: str | None, index: int | None = None,
                       section: str | None = None) -> None:
        """Opens scoring at a vendor (default: the one last scored) and question.

        Without an index, goes to this rater's first open question (in `section` if given).
        """
        from checklist.tui.screens.scoring import ScoringScreen

        await self.switch_mode("scoring")
        screen = self.get_screen_stack("scoring")[0]
        assert isinstance(screen, ScoringScreen)
        screen.goto(vendor, index, section)

    def action_judge(self) -> None:
        """Blind judging of the evaluation's bake-off, as the current rater."""
        from checklist.bakeoff.folder import has_bakeoff

        session = self.session
        if session is None:
            self.notify("Open or create an evaluation first.", severity="warning")
            return
        if "judge" in self._modes:
            self.switch_mode("judge")
            return
        if not has_bakeoff(session.path):
            self.notify(f"This evaluation has no bake-off yet; start one with\n"
                        f"checklist bakeoff init {session.path}", severity="warning")
            return
        self._open_judge(session)

    @work(thread=True, group="judge-open", exclusive=True)
    def _open_judge(self, session: Session) -> None:
        from checklist.bakeoff.judge import Judge

        try:
            judge = Judge.open(session.path, session.rater)
        except ChecklistError as exc:
            lines = "\n".join(str(p) for p in exc.problems[:8])
            self.call_from_thread(self.notify, lines, title="Cannot judge the bake-off",
                                  severity="error", timeout=15)
            return
        self.call_from_thread(self._show_judge, session, judge)

    def _show_judge(self, session: Session, judge: Judge) -> None:
        from checklist.tui.screens.judge import JudgeScreen

        if session is not self.session:
            return  # another evaluation or rater meanwhile
        if "judge" not in self._modes:
            self.add_mode("judge", partial(JudgeScreen, judge))
        self.switch_mode("judge")

    def action_record(self, mode: str) -> None:
        """The vendor screen ("vendors") or the evaluation screen ("evaluation")."""
        from checklist.tui.screens.evaluation import EvaluationScreen
        from checklist.tui.screens.vendors import VendorScreen

        if self.session is None:
            self.notify("Open or create an evaluation first.", severity="warning")
            return
        if mode not in self._modes:
            self.add_mode(mode, VendorScreen if mode == "vendors" else EvaluationScreen)
        self.switch_mode(mode)

    def action_help(self) -> None:
        from checklist.tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss(None)
            return
        self.push_screen(HelpScreen(self.screen))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield from app_commands(self)

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
                                    check=_rater_problem, limit=RATER_LIMIT, what="A name"),
                         chosen)

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
    if rater is not None and _rater_problem(rater):
        raise ChecklistError.plain(f"--rater {rater!r}: {_rater_problem(rater)}")
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
