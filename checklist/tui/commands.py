"""Command palette: jump to any vendor or question by typing part of its name.

Not on a blind screen (`BLIND = True`, the judging screen): vendor names stay off it.

App-wide commands (overview, compare, memo, save, ...) are `app_commands`, which
`ChecklistApp.get_system_commands` adds to Textual's own; `JumpProvider` adds one entry per
vendor and per question of the open evaluation.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.app import SystemCommand
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from checklist.tui.literal import clean, literal
from checklist.tui.text import clipped

if TYPE_CHECKING:
    from checklist.tui.app import ChecklistApp


#: A question's text in its palette entry: cut there with '…' (the palette wraps the rest).
QUESTION_CHARS = 70


class JumpProvider(Provider):
    """Vendors ("Score vendor: Acme") and questions ("Question 3: who-ran ...")."""

    def _targets(self) -> list[tuple[str, str, Callable[[], object]]]:
        app = cast("ChecklistApp", self.app)
        session = app.session
        if session is None or getattr(self.screen, "BLIND", False):
            return []  # a blind screen (judging) must not show vendor names
        targets: list[tuple[str, str, Callable[[], object]]] = []
        for vendor in session.workspace.evaluation.vendors:
            done, total = session.progress(vendor.id)
            targets.append((f"Score vendor: {vendor.name}",
                            f"{vendor.id} · you answered {done}/{total}",
                            partial(app.call_next, app.score_at, vendor.id)))
        for index, (section, question) in enumerate(session.questions):
            targets.append((f"Question {index + 1}: {question.id} · "
                            f"{clipped(question.text, QUESTION_CHARS)}",
                            f"{section.title} · for the vendor you are scoring",
                            partial(app.call_next, app.score_at, None, index)))
        return targets

    async def discover(self) -> Hits:
        for name, help_text, callback in self._targets():
            if name.startswith("Score vendor"):
                yield DiscoveryHit(_shown(literal(name), help_text), callback, text=name)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._targets():
            shown = clean(name)
            match = matcher.match(shown)
            if match > 0:
                yield Hit(match, _shown(_highlight(matcher, shown), help_text), callback,
                          text=name)


def app_commands(app: ChecklistApp) -> Iterable[SystemCommand]:
    """The app's own palette commands: the screens and actions of the open evaluation, and
    opening or creating one."""
    session = app.session
    if session is not None:
        yield SystemCommand("Overview", "Vendors x sections: progress and verdicts (F2)",
                            lambda: app.action_show("overview"))
        yield SystemCommand("Score", "Score one question at a time (F3)",
                            lambda: app.action_show("scoring"))
        yield SystemCommand("Compare", "Ranking, gates, sensitivity and the chart (F4)",
                            lambda: app.action_show("compare"))
        yield SystemCommand("Memo", "Preview and export the decision memo (F5)",
                            lambda: app.action_show("memo"))
        yield SystemCommand("Vendors", "Each vendor's product, model, channel, region and "
                            "benchmark claims (v on the overview)",
                            lambda: app.action_record("vendors"))
        yield SystemCommand("Evaluation", "Title, background, people, context flags, due "
                            "date (e on the overview)", lambda: app.action_record("evaluation"))
        from checklist.bakeoff.folder import has_bakeoff

        if has_bakeoff(session.path):
            yield SystemCommand("Judge the bake-off", "Blind judging of two outputs at a "
                                "time, A or B (b on the overview)", app.action_judge)
        from checklist.tui.deciding import open_decide

        yield SystemCommand("Decide", "Accept a vendor, reject, defer, supersede or reopen "
                            "(d on the overview)", lambda: open_decide(app))
        yield SystemCommand("Next stale answer", "The next answer whose evidence is stale, "
                            "across vendors (s when scoring)", lambda: app.call_next(
                                _next_stale, app))
        yield SystemCommand("Save now", "Write pending answers to disk (ctrl+s)",
                            app.action_save)
        yield SystemCommand("Reload from disk", "Read other raters' latest answers",
                            app.poll_disk)
        yield SystemCommand("Change rater", "Score as someone else",
                            app.action_change_rater)
    yield SystemCommand("New evaluation", "Create an evaluation folder from a rubric",
                        app.action_new_evaluation)
    yield SystemCommand("Open folder", "Open an evaluation folder",
                        app.action_open_folder)
    yield SystemCommand("Start screen", "Recent evaluations", app.action_start)


async def _next_stale(app: ChecklistApp) -> None:
    from checklist.tui.screens.scoring import ScoringScreen

    await app.switch_mode("scoring")
    screen = app.get_screen_stack("scoring")[0]
    assert isinstance(screen, ScoringScreen)
    screen.action_next_stale()


def _shown(prompt: Content, help_text: str) -> Content:
    """The hit and its help line, as written.

    The palette reads a `help=` string as markup, and these quote vendor names and section
    titles: so the help line is part of the prompt, dimmed, instead.
    """
    return Content("\n").join([prompt, literal(help_text, "not bold dim")])


def _highlight(matcher: Matcher, text: str) -> Content:
    """`text` as written with the letters matching the query marked (`Matcher.highlight`
    would read `text` as markup)."""
    content = Content(text)
    score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    if not score:
        return content
    for offset in offsets:
        if not text[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
