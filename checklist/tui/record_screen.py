"""What the Vendors and Evaluation screens share: how a typed field is saved.

A field is saved on Enter, when it is left, on Esc and before the app quits or leaves the
evaluation (`save_typed`, asked by `leaving`); every save goes through `record_save.save_edit`
(merged with another person's change, or asked about), in a worker, and repaints the screen.
Each screen says which edit a widget's text makes (`_field_edit`).
"""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import Input

from checklist.tui.live import ChecklistScreen
from checklist.tui.record_edit import RecordEdit
from checklist.tui.record_save import save_edit

#: An edit of the record, the text the person typed (shown if it conflicts), and what to do
#: when it is refused.
FieldEdit = tuple[RecordEdit, str, Callable[[], None]]


class RecordScreen(ChecklistScreen):
    """A screen that edits `evaluation.yaml` field by field."""

    def _field_edit(self, widget: object) -> FieldEdit | None:
        """The edit the widget's text makes, if it changed since it was shown."""
        raise NotImplementedError

    def refresh_view(self) -> None:
        """Draws the screen again from the saved record."""
        raise NotImplementedError

    def _save_field(self, field: Input) -> None:
        edit = self._field_edit(field)
        if edit is not None:
            self._save(*edit)

    def action_back(self) -> None:
        """To the overview, the field being typed in saved (leaving a screen blurs nothing)."""
        edit = self._field_edit(self.focused)
        if edit is not None:
            self._save(*edit)
        self.checklist.action_show("overview")

    async def save_typed(self) -> None:
        """Saves the field being typed in, before the app quits or leaves the evaluation."""
        edit = self._field_edit(self.focused)
        if edit is not None:
            await save_edit(self.checklist, *edit)

    def _save(self, edit: RecordEdit, mine: str, refused: Callable[[], None] | None = None,
              then: Callable[[], None] | None = None) -> None:
        """Saves in a worker; `then` runs once it is written, if the screen is still shown."""
        async def run() -> None:
            saved = await save_edit(self.checklist, edit, mine, refused)
            if not self.is_attached:
                return
            self.refresh_view()
            if saved is not None and then is not None:
                then()

        self.run_worker(run(), group="record")
