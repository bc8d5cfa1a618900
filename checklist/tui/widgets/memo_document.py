"""The memo preview's document: the rendered Markdown, painted a section at a time.

Textual's `MarkdownViewer` makes a widget of every block, table cell and list item (over
3,000 for the worked example's 580 lines) and lays them all out before it shows any of them:
about a second before the memo appeared, and seconds again for its table of contents, whose
side panel changed the document's width; mounting such widgets a section at a time was
worse, as every mount laid out all the ones before it again. Here the memo is cut before
each heading into sections, and each section is one `Static` drawn by Rich's Markdown
renderer: page one (the title and the recommendation) paints at once, the other sections
follow one by one with the keys live between them, and the whole memo is a few dozen
widgets. The table of contents is the list of those sections' headings (`headings`), shown
by a dialog over the document, so opening it lays nothing out again.

Links are shown as text with their target, "text (https://...)", never as terminal
hyperlinks: the memo quotes URLs and paths from the evaluation and the ratings, which
anyone who sent the folder could have written, and a terminal would open a `file:` link
as readily as a web one. Rich's renderer reads Markdown only, never console markup, so
text from a file shows as written.
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass

from rich.markdown import Markdown as RichMarkdown
from textual.containers import VerticalScroll
from textual.widgets import Static

FENCES = ("```", "~~~")
HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")


def sections(text: str) -> list[str]:
    """`text` cut before each ATX heading (`#` to `######`) outside fenced code; the first
    part is whatever precedes the first heading, the title's own section when it starts
    with one."""
    parts: list[str] = []
    current: list[str] = []
    fence: str | None = None
    for line in text.splitlines(keepends=True):
        stripped = line.lstrip()
        if fence is None and stripped.startswith(FENCES):
            fence = stripped[:3]
        elif fence is not None and stripped.startswith(fence):
            fence = None
        elif fence is None and current and HEADING.match(line):
            parts.append("".join(current))
            current = []
        current.append(line)
    if current:
        parts.append("".join(current))
    return parts


def heading_of(section: str) -> tuple[int, str] | None:
    """The level and title of the heading a section starts with, if it does."""
    first = section.split("\n", 1)[0]
    found = HEADING.match(first)
    return (len(found.group(1)), found.group(2)) if found else None


@dataclass(frozen=True)
class Heading:
    level: int
    title: str
    section: MemoSection


class MemoSection(Static):
    """One heading and what follows it, up to the next heading."""

    # Its rule is in memo.tcss (a DEFAULT_CSS makes Textual parse the stylesheet again).

    def __init__(self, source: str) -> None:
        super().__init__(RichMarkdown(source, hyperlinks=False))
        self.source = source


class MemoDocument(VerticalScroll):
    """The memo's sections; `show` replaces them."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        #: Bumped by every `show`: a newer memo stops the one still being added.
        self._generation = 0
        #: Every section of the memo last shown is in.
        self.complete = False

    async def show(self, text: str) -> bool:
        """Paints the first section now and adds the others after it; False when a newer
        `show` took over before the last section was in."""
        self._generation += 1
        generation = self._generation
        self.complete = False
        parts = sections(text) or [""]
        with self.app.batch_update():
            await self.remove_children()
            await self.mount(MemoSection(parts[0]))
        self.scroll_home(animate=False)
        for part in parts[1:]:
            await asyncio.sleep(0)  # the first paint and any key go first
            if generation != self._generation or not self.is_attached:
                return False
            await self.mount(MemoSection(part))
        self.complete = True
        return True

    @property
    def source(self) -> str:
        """The Markdown shown so far."""
        return "".join(s.source for s in self.query_children(MemoSection))

    def headings(self) -> list[Heading]:
        """The heading of every section shown so far, in order."""
        found = []
        for section in self.query_children(MemoSection):
            heading = heading_of(section.source)
            if heading is not None:
                found.append(Heading(*heading, section))
        return found

    def goto(self, heading: Heading) -> None:
        """Scrolls the heading to the top (works from a dialog's callback too, while this
        screen is not the current one yet)."""
        self.scroll_to(y=heading.section.virtual_region.y, animate=False, force=True)
