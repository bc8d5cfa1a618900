"""Who is rating: the first screen of a browser session (`checklist serve`).

A served evaluation is shared by everyone who reaches the server, so the rater is never
taken from the server's user config (that would file one person's answers under another's
name): each browser session types its own name here before it sees anything else.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.widgets import Button, Footer, Header, Input, Static

from checklist.tui.literal import literal
from checklist.tui.live import ChecklistScreen
from checklist.tui.widgets.fields import Field

if TYPE_CHECKING:
    from checklist.tui.served import ServedApp

HELP = """\
## Who is rating

This evaluation is served to your browser by `checklist serve`. Type **your own name** and
press **Enter**: it labels your answers, which are saved on the server in
`ratings/<your-name>.yaml`. The server does not check who you are; anyone who can open
this page can type any name, so type yours.
"""


class WhoScreen(ChecklistScreen):
    """Asks the browser's person for their name, then opens the served evaluation as them."""

    CSS_PATH = "who.tcss"
    HELP = HELP
    BINDINGS: ClassVar[list[BindingType]] = []

    @property
    def served(self) -> ServedApp:
        return cast("ServedApp", self.app)

    def compose(self) -> ComposeResult:
        served = self.served
        workspace = served.served_workspace
        raters = sorted({r.rater for r in workspace.ratings.values()}, key=str.casefold)
        yield Header()
        with Vertical(id="who"):
            yield Static(literal(f"Who is rating {workspace.evaluation.title}?"),
                         id="who-title")
            yield Static(literal(
                "Type your own name and press Enter. It labels your answers: they are "
                "saved on the server in ratings/<your-name>.yaml. This page does not check "
                "who you are, so type yours, not a colleague's."), id="who-text")
            yield Static(literal("Raters so far: " + (", ".join(raters) or "none yet")),
                         id="who-raters")
            yield Field(placeholder="your name, e.g. Ana María", id="who-name",
                        limit=served.rater_limit, what="A name")
            yield Static("", id="who-error")
            yield Button("Start rating", variant="primary", id="who-ok")
        yield Footer()

    def on_screen_resume(self) -> None:
        """Empty each time it is shown: back here to rate as someone else, the previous
        name must not stay in the field (typing would add to it)."""
        field = self.query_one("#who-name", Input)
        field.value = ""
        field.focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#who-ok")
    def submit(self) -> None:
        name = self.query_one("#who-name", Input).value.strip()
        problem = self.served.name_problem(name)
        if problem:
            self.query_one("#who-error", Static).update(literal(problem))
            return
        self.query_one("#who-error", Static).update("")
        self.served.rate_as(name)
