"""The application: one evaluation at a time, saved behind the key presses.

`make_app` is the one way to build it, shared by `checklist open`, `checklist demo` and the
tests. Screens live in modes ("overview", "scoring", "compare", "memo") so each keeps its
place while the person moves between them; "start" is the screen shown when no evaluation
is open.

Saving: a screen changes an answer through the `Session` (in memory, instantly) and posts
`AnswerChanged`; the app starts one background save within `save_delay` seconds and one
re-scoring within `score_delay`, both in thread workers so a key press never waits for the
disk or the scorecard. Quitting flushes whatever is still pending.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.notifications import SeverityLevel
from textual.reactive import var
from textual.screen import Screen
from textual.timer import Timer
from textual.worker import get_current_worker

from checklist.errors import ChecklistError
from checklist.files.config import Folder, UserConfig, data_dir, load_config, save_config
from checklist.files.folder import Workspace, is_evaluation, load_folder, now, rater_id
from checklist.model.limits import max_length
from checklist.model.ratings import Ratings
from checklist.scoring import Scorecard, score
from checklist.tui.commands import JumpProvider
from checklist.tui.literal import clean
from checklist.tui.messages import AnswerChanged, DiskChanged, Saved, Scored
from checklist.tui.session import RECOVERED_DIR, Clock, Conflict, Session

if TYPE_CHECKING:
    from checklist.bakeoff.judge import Judge

#: Modes that show an open evaluation (they are rebuilt when another one is opened);
#: "judge" (blind judging of the bake-off) is added when the rater first asks for it.
EVALUATION_MODES = ("overview", "scoring", "compare", "memo", "judge")
MAX_RECENT = 10
RATER_LIMIT = max_length(Ratings, "rater")


def _rater_problem(name: str) -> str | None:
    try:
        rater_id(name)
    except ChecklistError:
        return "use letters or digits in the name (it names your ratings file)"
    return None


class ChecklistApp(App[None]):
    """Scores vendors against a rubric; see the module docstring for how saving works."""

    CSS_PATH = "app.tcss"
    TITLE = "checklist"
    COMMANDS = App.COMMANDS | {JumpProvider}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "help", "Help", id="app.help"),
        Binding("f2", "show('overview')", "Overview", id="app.overview", show=False),
        Binding("f3", "show('scoring')", "Score", id="app.scoring", show=False),
        Binding("f4", "show('compare')", "Compare", id="app.compare", show=False),
        Binding("f5", "show('memo')", "Memo", id="app.memo", show=False),
        Binding("ctrl+s", "save", "Save now", id="app.save", show=False),
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True),
    ]

    scorecard: var[Scorecard | None] = var(None, always_update=True)
    save_status: var[str] = var("")

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
        super().__init__()
        self.config = config if config is not None else UserConfig()
        self.config_problem = config_problem
        self.clock = clock
        self.save_delay = max(save_delay, 0.001)  # a zero-length Timer divides by zero
        self.score_delay = max(score_delay, 0.001)
        self.poll_seconds = poll_seconds
        self.check_upgrade = check_upgrade
        self.remember = remember and config_problem is None
        #: Where "New evaluation" looks for rubrics (None: the normal search path).
        self.library_folders = library_folders
        self.session: Session | None = None
        self._opening = (workspace, rater, vendor)
        #: Open on blind judging (`checklist bakeoff judge`) once the session has started.
        self._judge_first = judge
        self._save_timer: Timer | None = None
        self._score_timer: Timer | None = None
        self._poll_timer: Timer | None = None
        self._asking_conflict = False
        self._after_conflicts: Callable[[], None] | None = None
        #: The last recovery file written (said again on exit).
        self.recovered: Path | None = None
        #: Seconds from a key press to the repainted screen, when a benchmark asks for them.
        self.latencies: list[float] | None = None

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = False) -> None:
        """Shows a notification as written, never as markup (`markup` is ignored).

        Notifications quote paths, error messages and names from files; every one in the
        app (screens' `notify` included) comes through here.
        """
        super().notify(clean(message), title=clean(title), severity=severity, timeout=timeout,
                       markup=False)

    # --- start-up -------------------------------------------------------------------------

    def on_mount(self) -> None:
        from checklist.tui.screens.start import StartScreen

        self.add_mode("start", StartScreen)
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

        def start() -> None:
            self.call_next(self._start_session, workspace, rater, vendor)

        self._leave_session(start, "Switch anyway")

    def _leave_session(self, then: Callable[[], None], anyway: str) -> None:
        """Writes what is pending, asks about each conflict, and on a failed save offers a
        recovery file (or staying); calls `then` only once nothing would be lost silently.

        The same steps as quitting; `anyway` labels the button that leaves despite an error.
        """
        session = self.session
        if session is None:
            then()
            return
        result = session.flush()
        if session.conflicts:
            self._ask_conflicts(then=lambda: self._leave_session(then, anyway))
            return
        if result.error:
            self._leave_anyway(session, result.error, then, anyway)
            return
        then()

    def _leave_anyway(self, session: Session, error: str, then: Callable[[], None],
                      anyway: str) -> None:
        from checklist.tui.screens.dialogs import ConfirmDialog

        def decided(leave: bool | None) -> None:
            if not leave:
                return
            try:
                kept = session.recover()
            except OSError as exc:
                self.notify(f"Could not write a recovery file either: {exc}. Staying here; "
                            "your answers are still in memory.", title="Not saved",
                            severity="error", timeout=15)
                return
            self.recovered = kept
            if kept is not None:
                self.notify(f"Answers not saved were written to "
                            f"{session.where_recovered(kept)}; only you can read it.",
                            title="Recovery file", severity="warning", timeout=15)
            then()

        self.push_screen(ConfirmDialog(
            "Answers not saved", f"Could not write your ratings file: {error}.\n\n"
            f"{anyway}? The unsaved answers go to a new recovery file that only you can "
            f"read: beside it, or in {data_dir() / RECOVERED_DIR} if the evaluation's "
            "folders cannot take it.",
            yes=f"{anyway}, keep a recovery file", no="Stay"), decided)

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
                               session.ratings_for_scoring())
        self.sub_title = clean(workspace.evaluation.title)
        self.save_status = f"{session.file.path.relative_to(workspace.path)} · autosaves as " \
                           "you score"
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
            self._poll_timer = self.set_interval(self.poll_seconds, self._poll)
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
        from checklist.reuse.upgrade import newer_rubric

        try:
            ref = newer_rubric(session.workspace)
        except Exception:  # a broken library must not stop anyone from scoring
            return
        if ref:
            self.call_from_thread(
                self.notify,
                f"A newer rubric is in your library: {ref}. Scores here still use "
                f"{session.workspace.rubric.ref}. To move this evaluation to it, run\n"
                f"checklist upgrade {session.path}",
                title="Rubric update available", timeout=12,
            )

    # --- navigation -----------------------------------------------------------------------

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

    def action_help(self) -> None:
        from checklist.tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss(None)
            return
        self.push_screen(HelpScreen(self.screen))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if self.session is not None:
            yield SystemCommand("Overview", "Vendors x sections: progress and verdicts (F2)",
                                lambda: self.action_show("overview"))
            yield SystemCommand("Score", "Score one question at a time (F3)",
                                lambda: self.action_show("scoring"))
            yield SystemCommand("Compare", "Ranking, gates, sensitivity and the chart (F4)",
                                lambda: self.action_show("compare"))
            yield SystemCommand("Memo", "Preview and export the decision memo (F5)",
                                lambda: self.action_show("memo"))
            from checklist.bakeoff.folder import has_bakeoff

            if has_bakeoff(self.session.path):
                yield SystemCommand("Judge the bake-off", "Blind judging of two outputs at a "
                                    "time, A or B (b on the overview)", self.action_judge)
            yield SystemCommand("Save now", "Write pending answers to disk (ctrl+s)",
                                self.action_save)
            yield SystemCommand("Reload from disk", "Read other raters' latest answers",
                                self._poll)
            yield SystemCommand("Change rater", "Score as someone else",
                                self.action_change_rater)
        yield SystemCommand("New evaluation", "Create an evaluation folder from a rubric",
                            self.action_new_evaluation)
        yield SystemCommand("Open folder", "Open an evaluation folder",
                            self.action_open_folder)
        yield SystemCommand("Start screen", "Recent evaluations", self.action_start)

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

    # --- saving ---------------------------------------------------------------------------

    def on_answer_changed(self, message: AnswerChanged) -> None:
        self.answer_changed()

    def answer_changed(self) -> None:
        """Schedules one save and one re-scoring; repeated calls ride on the same ones."""
        if self._save_timer is None:
            self._save_timer = self.set_timer(self.save_delay, self._save_soon)
            self.save_status = "saving…"
        if self._score_timer is None:
            self._score_timer = self.set_timer(self.score_delay, self._rescore)

    def _save_soon(self) -> None:
        self._save_timer = None
        if self.session is not None:
            self._save_in_background(self.session)

    def action_save(self) -> None:
        if self.session is not None:
            self._save_in_background(self.session)

    @work(thread=True, group="save")
    def _save_in_background(self, session: Session) -> None:
        result = session.flush()
        self.post_message(Saved(session, result))

    def on_saved(self, message: Saved) -> None:
        session, result = message.session, message.result
        if session is not self.session:
            return
        rel = session.file.path.relative_to(session.path)
        if result.error:
            self.save_status = f"NOT SAVED ({result.error}); retrying…"
            self.notify(f"Could not write {rel}: {result.error}. Your answers are kept in "
                        "memory; retrying.", title="Not saved", severity="error")
            self.set_timer(2.0, self.answer_changed)
        elif result.at is not None and (result.saved or not self.save_status.startswith("saved")):
            local = result.at.astimezone() if result.at.tzinfo else result.at
            self.save_status = f"saved {local:%H:%M:%S} · {rel}"
        if result.still_pending and not result.error:
            self.answer_changed()
        if session.conflicts:
            self._ask_conflicts()

    def _ask_conflicts(self, then: Callable[[], None] | None = None) -> None:
        """Asks about each conflict in turn; never overwrites someone's answer silently."""
        from checklist.tui.screens.dialogs import ConflictDialog, describe

        if then is not None:
            self._after_conflicts = then
        session = self.session
        if session is None or self._asking_conflict:
            return  # the dialog already open goes on to `then` when the last one is settled
        conflicts = session.conflicts
        if not conflicts:
            after, self._after_conflicts = self._after_conflicts, None
            if after is not None:
                after()
            return
        conflict: Conflict = conflicts[0]
        self._asking_conflict = True
        self.save_status = f"conflict: {conflict.vendor} / {conflict.question}"

        def decided(keep_mine: bool | None) -> None:
            self._asking_conflict = False
            session.resolve(conflict, keep_mine=bool(keep_mine))
            self.answer_changed()
            self._refresh_current()
            self._ask_conflicts()

        self.push_screen(
            ConflictDialog(f"{conflict.vendor} / {conflict.question}", describe(conflict.mine),
                           describe(conflict.theirs)),
            decided,
        )

    async def action_quit(self) -> None:
        """Writes pending answers first; asks about conflicts rather than losing either side."""
        self._leave_session(self._exit_after_leaving, "Quit anyway")

    def _exit_after_leaving(self) -> None:
        kept, session = self.recovered, self.session
        if kept is not None and session is not None:
            self.exit(message=f"Answers not saved were written to "
                              f"{session.where_recovered(kept)}.")
        else:
            self.exit()

    # --- scores and other processes -------------------------------------------------------

    def _rescore(self) -> None:
        self._score_timer = None
        session = self.session
        if session is not None:
            self._score_in_background(session, session.ratings_for_scoring())

    @work(thread=True, group="score", exclusive=True)
    def _score_in_background(self, session: Session, ratings: dict[str, Ratings]) -> None:
        workspace = session.workspace
        card = score(workspace.evaluation, workspace.rubric, ratings)
        if not get_current_worker().is_cancelled:
            self.post_message(Scored(session, card))

    def on_scored(self, message: Scored) -> None:
        if message.session is self.session:
            self.scorecard = message.card

    def _poll(self) -> None:
        if self.session is not None:
            self._read_disk(self.session)

    @work(thread=True, group="poll", exclusive=True)
    def _read_disk(self, session: Session) -> None:
        changes = session.read_changes()
        if changes:
            self.post_message(DiskChanged(session, changes))

    def on_disk_changed(self, message: DiskChanged) -> None:
        session = message.session
        if session is not self.session:
            return
        changed = session.apply_changes(message.changes)
        others = [r for r in changed if r != session.rater_id]
        if changed:
            self._rescore()
            self._refresh_current()
        if others:
            self.notify(f"Reloaded answers from {', '.join(others)}.", timeout=3)
        if session.rater_id in changed:
            self.notify("Your ratings file was changed by another program; reloaded the "
                        "answers you had not changed.", severity="warning")

    def _refresh_current(self) -> None:
        refresh = getattr(self.screen, "refresh_view", None)
        if callable(refresh):
            refresh()

    def today(self) -> dt.date:
        return self.clock().date()


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
