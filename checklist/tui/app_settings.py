"""What the app remembers in the config file (rater, recent folders, theme) and the offer of a
newer rubric. A mixin of `ChecklistApp`; both run in thread workers, so neither a slow disk
nor a broken library stops anyone from scoring."""

from __future__ import annotations

import contextlib
from pathlib import Path

from textual import work

from checklist.errors import ChecklistError
from checklist.files.config import save_config
from checklist.tui.app_base import AppBase
from checklist.tui.session import Session

MAX_RECENT = 10


class SettingsMixin(AppBase):
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
