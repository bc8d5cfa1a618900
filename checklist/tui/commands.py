"""Command palette: jump to any vendor or question by typing part of its name.

App-wide commands (overview, compare, memo, save, ...) come from
`ChecklistApp.get_system_commands`; this provider adds one entry per vendor and per question
of the open evaluation.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from checklist.tui.app import ChecklistApp


class JumpProvider(Provider):
    """Vendors ("Score vendor: Acme") and questions ("Question 3: who-ran ...")."""

    def _targets(self) -> list[tuple[str, str, Callable[[], object]]]:
        app = cast("ChecklistApp", self.app)
        session = app.session
        if session is None:
            return []
        targets: list[tuple[str, str, Callable[[], object]]] = []
        for vendor in session.workspace.evaluation.vendors:
            done, total = session.progress(vendor.id)
            targets.append((f"Score vendor: {vendor.name}",
                            f"{vendor.id} · you answered {done}/{total}",
                            partial(app.call_next, app.score_at, vendor.id)))
        for index, (section, question) in enumerate(session.questions):
            targets.append((f"Question {index + 1}: {question.id} · {question.text[:70]}",
                            f"{section.title} · for the vendor you are scoring",
                            partial(app.call_next, app.score_at, None, index)))
        return targets

    async def discover(self) -> Hits:
        for name, help_text, callback in self._targets():
            if name.startswith("Score vendor"):
                yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._targets():
            match = matcher.match(name)
            if match > 0:
                yield Hit(match, matcher.highlight(name), callback, help=help_text)
