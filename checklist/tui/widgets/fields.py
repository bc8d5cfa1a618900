"""One-line inputs with a length limit, a message at the limit, and keys that cost the same
whatever the length of the text.

Every field stops at a limit (the model's, for text that is saved) so that a paste can
neither make the saved file invalid nor grow the field without bound. Textual's `Input`
measures the text up to the cursor from its start on every key (tab expansion and cell
widths, in Python): at 19,000 characters that was 3 ms of a 4 ms key, so a long
unbracketed paste (one key event per character) got slower with every character. `Field`
measures only what changed since the last key (`PrefixWidths`). And each key posted a
`Changed` message holding a copy of the whole text; keys arriving faster than they are
handled queued one copy per key (20,000 keys: 200 million characters held at once). A
`Field` keeps at most one `Changed` waiting, holding the latest text.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.expand_tabs import expand_tabs_inline
from textual.message import Message
from textual.widgets import Input

#: The limit of a field that saves no model text (a path, a number, a date): a path's length.
LINE_LIMIT = 4096
TAB_SIZE = 4  # as Input expands tabs
#: Characters whose width depends on their neighbours or their column: measured from the start.
CONTEXTUAL = ("\t", "\u200d", "\ufe0f")


class PrefixWidths:
    """Terminal cells taken by a text, measured from the last text measured when one starts
    with the other (a key typed or deleted at the end), from scratch otherwise."""

    def __init__(self) -> None:
        self.text, self.cells = "", 0

    def of(self, text: str) -> int:
        known = self.text
        if len(text) >= len(known) and text.startswith(known):
            cells = self._step(self.cells, known, text[len(known):], +1)
        elif known.startswith(text):
            cells = self._step(self.cells, text, known[len(text):], -1)
        else:
            cells = None
        if cells is None:
            cells = cell_len(expand_tabs_inline(text, TAB_SIZE))
        self.text, self.cells = text, cells
        return cells

    @staticmethod
    def _step(cells: int, kept: str, change: str, sign: int) -> int | None:
        """`cells` plus or minus the change's width; None when the change's width depends on
        what is around it."""
        if kept.endswith(CONTEXTUAL) or any(c in change for c in CONTEXTUAL):
            return None
        return cells + sign * cell_len(change)


class Field(Input):
    """An `Input` with a limit (`limit` characters; `what` names the text in the message)
    whose cursor blinks only in a real terminal, so snapshots are stable.

    A key or paste that would pass the limit changes nothing and says so once (until the
    text is below the limit again): the text already there is never cut.
    """

    def __init__(self, value: str = "", *, limit: int = LINE_LIMIT, what: str = "This field",
                 placeholder: str = "", id: str | None = None,
                 select_on_focus: bool = True) -> None:
        # Set before Input's own __init__, which already sets the value and posts `Changed`.
        self._widths = PrefixWidths()
        #: The `Changed` posted and not yet handled, if any (see `post_message`).
        self._waiting: Input.Changed | None = None
        self._told = False
        self.what = what
        super().__init__(value, placeholder=placeholder, id=id, max_length=limit,
                         select_on_focus=select_on_focus)

    def on_mount(self) -> None:
        if self.app.is_headless:
            self.cursor_blink = False

    def replace(self, text: str, start: int, end: int) -> None:
        """Every insertion comes here (typed keys, pastes): refuse one past the limit."""
        start, end = sorted((max(0, start), min(len(self.value), end)))
        length = len(self.value) - (end - start) + len(text)
        if self.max_length and length > self.max_length and len(text) > end - start:
            self._refuse(length)
            return
        super().replace(text, start, end)

    def watch_value(self, value: str) -> None:
        if self._told and len(value) < (self.max_length or 0):
            self._told = False

    def _refuse(self, length: int) -> None:
        if self._told:
            return
        self._told = True
        self.notify(f"{self.what} holds at most {self.max_length:,} characters; this would "
                    f"make it {length:,}, so it was not added.", title="Too long",
                    severity="warning", timeout=8)

    def post_message(self, message: Message) -> bool:
        """A `Changed` while another one waits only updates the waiting one's text: handlers
        see every text eventually, the latest one, and only one copy is queued."""
        if isinstance(message, Input.Changed) and message.input is self:
            waiting = self._waiting
            if waiting is not None and not self._get_prevented_messages():
                waiting.value, waiting.validation_result = (message.value,
                                                            message.validation_result)
                return True
            posted = super().post_message(message)
            if posted:
                self._waiting = message
            return posted
        return super().post_message(message)

    def _on_input_changed(self, message: Input.Changed) -> None:
        if message is self._waiting:  # handled from here on: the next change posts anew
            self._waiting = None

    # Input's own measures, from what changed (see the module docstring).

    def _position_to_cell(self, position: int) -> int:
        return self._widths.of(self.value[:position])

    @property
    def content_width(self) -> int:
        value = self.value
        if not value or "\t" in value:
            return super().content_width
        return self._widths.of(value) + 1
