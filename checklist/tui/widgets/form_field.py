"""A field of a form that Enter leaves at once, keys typed on included.

Textual's `Input` posts `Submitted` on Enter, and a screen moves the focus when it handles
that message. But the app hands each key to the widget focused when the key is read, so
keys typed on quickly after Enter (a person typing on, a terminal delivering a burst) are
all queued for the field just submitted, and landed in it: "Acme APIacme-2". A `FormField`
submits and moves the focus on as soon as it reads Enter, and passes on every key that was
queued for it after that to the widget that has the focus now, in order. `Submitted` still follows,
for the screen to save what was typed.
"""

from __future__ import annotations

from textual import events

from checklist.tui.widgets.fields import Field


class FormField(Field):
    """`Field` whose Enter moves on to the next field; keys queued for it meanwhile follow."""

    _moved_on = False

    async def action_submit(self) -> None:
        await super().action_submit()
        self._moved_on = True
        self.screen.focus_next()

    def _on_focus(self, event: events.Focus) -> None:
        self._moved_on = False
        super()._on_focus(event)

    async def _on_key(self, event: events.Key) -> None:
        target = self.screen.focused
        if self._moved_on and target is not None and target is not self:
            event.stop()
            event.prevent_default()
            target.post_message(events.Key(event.key, event.character))
            return
        if event.key == "enter":
            # Here, not as a binding: a binding runs only once the key has bubbled up to the
            # screen, after the keys queued behind it were already typed into this field.
            event.stop()
            event.prevent_default()
            await self.action_submit()
            return
        await super()._on_key(event)
