"""Moving between the screens of an open evaluation: F2-F5, scoring at a place, blind judging,
the record's screens and help. A mixin of `ChecklistApp`."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual import work

from checklist.errors import ChecklistError
from checklist.tui.app_base import AppBase
from checklist.tui.session import Session

if TYPE_CHECKING:
    from checklist.bakeoff.judge import Judge


class NavigationMixin(AppBase):
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
