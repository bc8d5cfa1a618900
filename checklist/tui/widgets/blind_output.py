"""One side of a blind comparison: an output's text, scrollable, labelled only "A" or "B".

It is given a `BlindOutput` (opaque id, kind, text) and nothing else, so it cannot show a
vendor or a path. Text is shown as written (Markdown is not rendered: both sides look
alike, whatever their format); a failed request says so; media outputs point to the
browser page, since a terminal cannot play them.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from checklist.bakeoff.judge import BlindOutput
from checklist.tui.judging import MEDIA_KINDS
from checklist.tui.literal import literal, markup

#: Said in place of a media output, and of a prompt's input asset.
BROWSER_PAGE = "judge it in the browser page: run [b]checklist bakeoff serve[/b]"


def output_content(output: BlindOutput) -> Content:
    if output.kind in MEDIA_KINDS:
        return markup(f"[b]An $kind output[/b]: the terminal shows text only; {BROWSER_PAGE}.",
                      kind=output.kind)
    if output.kind == "failed":
        return markup("[i]No output: the request failed.[/i]")
    text = output.text or ""
    if not text.strip():
        return markup("[i]An empty output.[/i]")
    return literal(text.rstrip("\n"))


class BlindOutputPane(VerticalScroll):
    """A bordered, scrollable output titled with its side; its bottom border says when
    there is more to read."""

    DEFAULT_CSS = """
    BlindOutputPane {
        border: round $panel-lighten-2;
        border-title-style: bold;
        border-subtitle-color: $text-muted;
        padding: 0 1;
        height: 1fr;
        width: 1fr;
    }
    BlindOutputPane:focus {
        border: round $accent;
    }
    BlindOutputPane > Static {
        width: 1fr;
    }
    """

    def __init__(self, side: str, *, id: str) -> None:
        super().__init__(id=id)
        self.side = side
        self.border_title = side

    def compose(self) -> ComposeResult:
        yield Static(classes="blind-text")

    def show(self, output: BlindOutput) -> None:
        self.query_one(Static).update(output_content(output))
        self.scroll_home(animate=False)
        self.call_after_refresh(self._say_more)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._say_more()

    def on_resize(self) -> None:
        self.call_after_refresh(self._say_more)

    def _say_more(self) -> None:
        """"more below" while the text goes on past the bottom of the pane."""
        below = self.max_scroll_y - round(self.scroll_y)
        self.border_subtitle = f"{below} more line{'s' if below != 1 else ''} ↓" if below > 0 \
            else ""
