"""One-line inputs with a length limit and a message when it is reached.

Every field stops at a limit (the model's, for text that is saved) so that a paste can
neither make the saved file invalid nor grow the field without bound.
"""

from __future__ import annotations

from textual.widgets import Input

#: The limit of a field that saves no model text (a path, a number, a date): a path's length.
LINE_LIMIT = 4096


class Field(Input):
    """An `Input` with a limit (`limit` characters; `what` names the text in the message)
    whose cursor blinks only in a real terminal, so snapshots are stable.

    A key or paste that would pass the limit changes nothing and says so once (until the
    text is below the limit again): the text already there is never cut.
    """

    def __init__(self, value: str = "", *, limit: int = LINE_LIMIT, what: str = "This field",
                 placeholder: str = "", id: str | None = None,
                 select_on_focus: bool = True) -> None:
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
