"""Text from a file or a person, shown as written: the one place screen markup meets data.

Textual reads a string as markup almost everywhere (`Static`, `Label`, `OptionList` options,
`DataTable` cells and column labels, tooltips, checkbox labels, the palette's help line), and
markup can carry actions: a vendor named `[@click=app.quit]X[/]` would quit the app when
clicked, a title with `[@click=app.screenshot(...)]` would write a file. Escaping is not
enough: `textual.markup.escape` leaves `[red`, `\\[` and a trailing backslash to be read as
markup. So screens never put data into a markup string. They either show it as plain
`Content` (`literal`), or build `Content` from a template of their own in which data enters
only through `$name` variables, which Textual inserts as plain text after parsing the
template (`markup`). `DataTable` takes Rich renderables, hence `cell`. Control characters
(an ESC that would recolour, retitle or write to the terminal's clipboard, bidi overrides)
are shown escaped, as `\\x1b`, the way error messages show them.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.content import Content

from checklist.errors import printable

TAB = "    "


def clean(text: object) -> str:
    """`text` as it may reach the terminal: line breaks kept, tabs as spaces, every other
    control character escaped (`\\x1b`)."""
    value = str(text)
    if value.isprintable():
        return value
    return "\n".join(printable(line.replace("\t", TAB)) for line in value.split("\n"))


def literal(text: object, style: str = "") -> Content:
    """Data shown exactly as written (brackets and all), optionally in one style."""
    content = Content(clean(text))
    return content.stylize(style) if style and content else content


def markup(template: str, /, **values: object) -> Content:
    """Our own markup `template`; each `$name` in it shows `values[name]` as plain text.

    Only the template is parsed: a value is never read as markup, whatever it holds.
    Write `${name}` when letters follow the variable.
    """
    return Content.from_markup(template, **{k: clean(v) for k, v in values.items()})


def lines(parts: Iterable[Content]) -> Content:
    """Contents one under the other."""
    return Content("\n").join(parts)


def cell(text: object) -> Text:
    """A `DataTable` cell or column label (the table takes Rich text, not `Content`)."""
    return Text(clean(text), end="")
