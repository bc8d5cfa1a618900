"""F1: what this screen is for and every key it answers to (including remapped ones)."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Markdown

GENERAL = """\
### Everywhere

- **F1**: this help (again, or Esc, to close)
- **F2 / F3 / F4 / F5**: overview / score / compare / memo
- **ctrl+p**: command palette: jump to a vendor or a question, change theme, open, ...
- **ctrl+s**: save now (answers also save by themselves within a second)
- **ctrl+q**: quit (pending answers are written first)

Keys can be remapped in the user config (`~/.config/checklist/config.yaml`) by binding
id, for example `keymap: {scoring.next: "down,l"}`.
"""


class HelpScreen(ModalScreen[None]):
    """Built from the screen it covers, so it always lists that screen's live keys."""

    CSS_PATH = "help.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,q", "close", "Close", id="help.close"),
    ]

    def __init__(self, under: Screen[Any]) -> None:
        super().__init__()
        self.text = help_markdown(under)

    def compose(self) -> ComposeResult:
        # The box scrolls and takes the focus, so ↑/↓, PgUp/PgDn, Home/End reach what is
        # below the fold (the keys of every screen, the remappable ids) without a mouse.
        with VerticalScroll(id="help-box"):
            yield Markdown(self.text, id="help-text")

    def on_mount(self) -> None:
        self.query_one("#help-box").focus()

    def action_close(self) -> None:
        self.dismiss(None)


def help_markdown(screen: Screen[Any]) -> str:
    """The screen's HELP, a table of its keys with their binding ids, and the global keys."""
    parts = [getattr(screen, "HELP", None) or ""]
    keys: dict[tuple[str, str], list[str]] = {}
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if binding.system or not binding.description or active.node is not screen:
            continue
        shown = screen.app.get_key_display(binding.with_key(key))
        keys.setdefault((binding.id or "", binding.description), []).append(shown)
    rows = [f"- **{' / '.join(shown)}**: {label}" + (f" (`{ident}`)" if ident else
                                                       " (built into Textual, not remappable)")
            for (ident, label), shown in keys.items()]
    if rows:
        parts.append("### Keys on this screen (binding ids in brackets)\n\n" + "\n".join(rows))
    parts.append(GENERAL)
    return "\n\n".join(p for p in parts if p)
