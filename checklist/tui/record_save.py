"""Saving an edit of the decision record from a screen, and showing its result everywhere.

The edit is saved in a thread (`record_edit.save_record`, through `evaluation_save`), one at
a time. A part changed on disk meanwhile is asked about (keep mine / use theirs), never
overwritten silently; a decided evaluation refuses the edit with its notice; a refused value
is shown with what to do. After the save, the session sees the evaluation as saved (with
anyone else's merged changes). When vendors were added, renamed or removed, the session is
started again on the folder as it is now (a renamed vendor's answers moved on disk), after
this rater's pending answers were written; the other screens are rebuilt from it.
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING

from pydantic import BaseModel

from checklist.errors import ChecklistError, ConflictError
from checklist.files.decided import decided_notice
from checklist.files.evaluation_save import Saved
from checklist.files.folder import load_folder
from checklist.model.evaluation import Evaluation
from checklist.tui.literal import clean
from checklist.tui.record_edit import RecordConflict, RecordEdit, save_record, vendor_ids
from checklist.tui.session import Session

if TYPE_CHECKING:
    from checklist.tui.app import ChecklistApp

#: Screens of the open evaluation rebuilt after the vendors or the context changed (the
#: record screens themselves read the session again when shown).
REBUILT = ("overview", "scoring", "compare", "memo", "judge")
_LOCKS: weakref.WeakKeyDictionary[ChecklistApp, asyncio.Lock] = weakref.WeakKeyDictionary()


def shown(value: object) -> str:
    """A part of the record in one line, for the conflict dialog."""
    if value is None or value == "" or value == []:
        return "(nothing)"
    if isinstance(value, BaseModel):
        data = value.model_dump(exclude_defaults=True, mode="json")
        return "; ".join(f"{k}: {v}" for k, v in data.items()) or "(nothing)"
    if isinstance(value, (list, tuple)):
        return ", ".join(shown(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}={'yes' if v is True else 'no' if v is False else v}"
                         for k, v in value.items())
    return str(value)


async def save_edit(app: ChecklistApp, edit: RecordEdit, mine: str,
                    refused: Callable[[], None] | None = None) -> Saved | None:
    """Saves `edit` (call from a worker: it may ask the person); returns what was saved, or
    None when nothing was. `refused` runs when the edit was refused (read-only, a bad
    value, the file kept changing), so the screen keeps what the person typed; not when
    the person chose to use someone else's change. `mine` is the edit in words, for the
    conflict dialog."""
    lock = _LOCKS.setdefault(app, asyncio.Lock())
    async with lock:
        saved = await _save(app, edit, mine)
    if isinstance(saved, Saved):
        return saved
    if saved is False and refused is not None:
        refused()
    return None


async def _save(app: ChecklistApp, edit: RecordEdit, mine: str) -> Saved | bool | None:
    """What was saved; False when refused; None when the person used theirs."""
    from checklist.tui.screens.dialogs import ConflictDialog

    session = app.session
    if session is None:
        return False
    if session.read_only is None:  # decided by another process since it was opened?
        session.read_only = await asyncio.to_thread(decided_notice, session.path)
    if session.read_only is not None:
        app.notify(f"Not changed: {session.read_only}", title="Read-only", severity="warning")
        return False
    before = session.workspace.evaluation
    force = False
    while True:
        try:
            saved = await asyncio.to_thread(save_record, session.path, edit, force=force)
        except RecordConflict as conflict:
            keep = await app.ask(ConflictDialog(
                edit.what, mine, shown(conflict.theirs),
                changed="in evaluation.yaml by another program or person since this screen "
                        "showed it"))
            if keep:
                force = True
                continue
            await reload_record(app, session)
            return None
        except ConflictError:
            app.notify(f"{edit.what}: evaluation.yaml kept changing while this edit was "
                       "saved; nothing written. Try again.", title="Not saved",
                       severity="error", timeout=10)
            return False
        except ChecklistError as exc:
            app.notify("\n".join(p.message if p.file == "checklist" else str(p)
                                 for p in exc.problems[:8]),
                       title=f"{edit.what}: not saved", severity="error", timeout=12)
            return False
        except OSError as exc:
            app.notify(f"{edit.what}: not saved ({exc})", title="Not saved", severity="error",
                       timeout=12)
            return False
        break
    if session is app.session:
        await _show_saved(app, session, before, saved.evaluation)
    return saved


async def reload_record(app: ChecklistApp, session: Session) -> None:
    """The session sees evaluation.yaml as it is on disk now (after "use theirs")."""
    try:
        workspace = await asyncio.to_thread(load_folder, session.path)
    except ChecklistError as exc:
        app.notify(str(exc), title="Cannot read the evaluation", severity="error", timeout=12)
        return
    if session is app.session:
        await _show_saved(app, session, session.workspace.evaluation, workspace.evaluation)


async def _show_saved(app: ChecklistApp, session: Session, before: Evaluation,
                      after: Evaluation) -> None:
    if vendor_ids(before) != vendor_ids(after):
        await _restart(app, session)
        return
    session.workspace.evaluation = after
    names = [(v.id, v.name) for v in before.vendors] != [(v.id, v.name) for v in after.vendors]
    if names or before.context != after.context or before.title != after.title:
        app.sub_title = clean(after.title)
        await rebuild_views(app)
    app._rescore()


async def _restart(app: ChecklistApp, session: Session) -> None:
    """A new session on the folder as it is on disk, once this rater's answers are written."""
    result = await asyncio.to_thread(session.flush)
    if result.error or session.conflicts:
        app.notify("Your answers could not all be saved; the vendors changed on disk. Leave "
                   "and open the evaluation again to see them.", title="Vendors changed",
                   severity="error", timeout=15)
        return

    def fresh() -> Session:
        return Session(load_folder(session.path), session.rater, app.clock)

    try:
        new = await asyncio.to_thread(fresh)
    except ChecklistError as exc:
        app.notify(str(exc), title="Cannot read the evaluation", severity="error", timeout=12)
        return
    if app.session is not session:
        return
    app.session = new
    await rebuild_views(app)
    app._rescore()


async def rebuild_views(app: ChecklistApp) -> None:
    """The evaluation's other screens built again from the session (not the current one)."""
    from checklist.tui.screens.compare import CompareScreen
    from checklist.tui.screens.memo import MemoScreen
    from checklist.tui.screens.overview import OverviewScreen
    from checklist.tui.screens.scoring import ScoringScreen

    factories = {"overview": OverviewScreen, "scoring": ScoringScreen,
                 "compare": CompareScreen, "memo": MemoScreen}
    for mode in REBUILT:
        if mode == app.current_mode or mode not in app._modes:
            continue
        await app.remove_mode(mode)
        if mode in factories:
            app.add_mode(mode, factories[mode])
