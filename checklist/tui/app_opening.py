"""Opening an evaluation: who is scoring, leaving the current one safely, then starting the
session with its screens. A mixin of `ChecklistApp`."""

from __future__ import annotations

from functools import partial

from checklist.errors import ChecklistError
from checklist.files.folder import Workspace
from checklist.scoring import score
from checklist.tui.app_base import AppBase
from checklist.tui.deciding import READ_ONLY_STATUS
from checklist.tui.literal import clean
from checklist.tui.rater_name import RATER_LIMIT, rater_problem
from checklist.tui.session import Session

#: Modes that show an open evaluation (they are rebuilt when another one is opened);
#: "judge" (blind judging of the bake-off), "vendors" and "evaluation" (the record's
#: screens) are added when the rater first asks for them.
EVALUATION_MODES = ("overview", "scoring", "compare", "memo", "judge", "vendors", "evaluation")


class OpeningMixin(AppBase):
    def open_workspace(self, workspace: Workspace, *, rater: str | None = None,
                       vendor: str | None = None) -> None:
        """Shows an evaluation, first asking who is scoring if nobody told us."""
        name = rater or self.config.rater
        if name and rater_problem(name) is None:
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
                       placeholder="e.g. Ana María", check=rater_problem, limit=RATER_LIMIT,
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
