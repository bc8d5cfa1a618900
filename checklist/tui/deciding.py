"""Taking a decision step from the TUI (overview `d`, the palette's "Decide"): the dialog,
then the open session follows the new status (read-only once decided, writable when
reopened) and the summary is shown in `checklist decide`'s words."""

from __future__ import annotations

from typing import TYPE_CHECKING

from checklist.files.decided import decided_notice

if TYPE_CHECKING:
    from checklist.tui.app import ChecklistApp
    from checklist.tui.screens.decide import Decided

#: The status line while the decision is taken.
READ_ONLY_STATUS = "READ-ONLY: the decision is taken (checklist decide --reopen)"


def open_decide(app: ChecklistApp) -> None:
    from checklist.tui.screens.decide import DecideDialog

    session = app.session
    if session is None:
        app.notify("Open or create an evaluation first.", severity="warning")
        return

    def done(decided: Decided | None) -> None:
        if decided is None or session is not app.session:
            return
        session.workspace.evaluation = decided.saved.evaluation
        session.read_only = decided_notice(session.path)
        if session.read_only is not None:
            app.save_status = READ_ONLY_STATUS
        else:
            app.save_status = f"{session.file.path.relative_to(session.path)} · autosaves " \
                              "as you score"
        app.notify("\n".join(decided.lines), title="Decision recorded", timeout=15)
        app.refresh_current()  # the scores stay: a decision changes no answer

    app.push_screen(DecideDialog(session, app.today()), done)
