"""Leaving an evaluation (quit, switch, change rater) without losing an answer silently.

Each step is a coroutine awaited in one of the app's workers, so a dialog is awaited where it
is asked (`push_screen_wait`) instead of continuing in a callback: pending answers are
written first; each conflict with another program's write is asked about in turn; a failed
save offers a recovery file, or staying.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from checklist.files.config import data_dir
from checklist.tui.recovery import RECOVERED_DIR
from checklist.tui.screens.dialogs import ConfirmDialog, ConflictDialog, describe
from checklist.tui.session import Session

if TYPE_CHECKING:
    from checklist.tui.session_app import SessionApp


async def settle_conflicts(app: SessionApp, session: Session) -> None:
    """Asks about each conflict in turn, one dialog at a time, until none is left.

    Conflicts found while a dialog is open (a background save) join the same loop.
    """
    async with app.conflicts_asked:
        while session.conflicts:
            conflict = session.conflicts[0]
            app.save_status = f"conflict: {conflict.vendor} / {conflict.question}"
            keep_mine = await app.ask(ConflictDialog(
                f"{conflict.vendor} / {conflict.question}", describe(conflict.mine),
                describe(conflict.theirs)))
            session.resolve(conflict, keep_mine=keep_mine)
            app.answer_changed()
            app.refresh_current()


async def leave_session(app: SessionApp, anyway: str) -> bool:
    """Writes what is pending and settles every conflict; on a failed save asks whether to
    leave with a recovery file. True once nothing would be lost silently.

    `anyway` labels the button that leaves despite an error ("Quit anyway").
    """
    session = app.session
    if session is None:
        return True
    save_typed = getattr(app.screen, "save_typed", None)
    if callable(save_typed):  # a record screen's field being typed in (`record_save`)
        await save_typed()
    result = session.flush()
    while session.conflicts:
        await settle_conflicts(app, session)
        result = session.flush()
    if result.error:
        return await _leave_with_recovery(app, session, result.error, anyway)
    return True


async def _leave_with_recovery(app: SessionApp, session: Session, error: str,
                               anyway: str) -> bool:
    leave = await app.ask(ConfirmDialog(
        "Answers not saved", f"Could not write your ratings file: {error}.\n\n"
        f"{anyway}? The unsaved answers go to a new recovery file that only you can "
        f"read: beside it, or in {data_dir() / RECOVERED_DIR} if the evaluation's "
        "folders cannot take it.",
        yes=f"{anyway}, keep a recovery file", no="Stay"))
    if not leave:
        return False
    try:
        kept = session.recover()
    except OSError as exc:
        app.notify(f"Could not write a recovery file either: {exc}. Staying here; "
                   "your answers are still in memory.", title="Not saved",
                   severity="error", timeout=15)
        return False
    app.recovered = kept
    if kept is not None:
        app.notify(f"Answers not saved were written to "
                   f"{session.where_recovered(kept)}; only you can read it.",
                   title="Recovery file", severity="warning", timeout=15)
    return True
