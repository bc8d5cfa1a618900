"""Text from files and people is shown as written on every screen, and never runs anything.

An evaluation whose title, vendors, claims, notes, evidence, rater names and rubric texts are
all markup (`[@click=app.quit]...[/]`, `[b]...[/b]`, `[link=file:...]`, an unclosed `[red`,
`\\[`, a trailing backslash, terminal escapes) is walked screen by screen. On each one:
clicking wherever such text shows runs nothing (the app does not quit, no screenshot file is
written); the only click actions on screen are the app's own; every hostile text shows with
its brackets; no control character reaches the terminal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from rich.segment import Segment
from textual.content import Content
from textual.strip import Strip
from textual.widgets import Input
from tui_support import DATA, FIXED, fixed_clock, pilot_test, settle

from checklist.files.atomic import write_atomic
from checklist.files.config import Folder, UserConfig, save_config
from checklist.files.folder import RatingsFile, create_folder, load_folder, ratings_text
from checklist.files.library import Library
from checklist.model import Answer, Claim, Evaluation, Evidence, Ratings, RubricPin, Vendor
from checklist.tui.app import make_app
from checklist.tui.literal import cell, clean, literal, markup
from checklist.tui.screens.compare import CompareScreen
from checklist.tui.screens.dialogs import ConflictDialog, EvidenceDialog, TextPrompt
from checklist.tui.screens.help import HelpScreen
from checklist.tui.screens.memo import MemoScreen
from checklist.tui.screens.new import NewEvaluationScreen
from checklist.tui.screens.overview import OverviewScreen
from checklist.tui.screens.scoring import ScoringScreen
from checklist.tui.screens.start import StartScreen

SIZE = (220, 70)
VICTIM = "victim.svg"

# Rubric texts. Each is one word (no spaces) so that wrapping never splits it on screen.
RUBRIC_TITLE = "[b]Hostile[/b]"
RUBRIC_TEXTS = {
    "flag": "[@click=app.quit]Published[/]",
    "section-1": "[b]CA[/b]",
    "section-1-tip": "[@click=app.quit]tip[/]",
    "section-2": "[red:RD",
    "who-ran": "[@click=app.quit]Who-ran?[/]",
    "guidance": "[b]guide[/b]",
    "evidence": "[link=file:///etc/passwd]demand[/]",
    "ask": "[red:ask",
    "anchor-0": "\\[vendor-only",
    "anchor-2": "[b]third[/b]",
    "anchor-4": "indep\\",
    "label-1": "[b]Weak[/b]",
    "tasks": "[b]Tasks[/b]",
    "tasks-anchor": "[@click=app.quit]none[/]",
    "api": "[link=file:///etc/passwd]API[/]",
    "gate-reason": "[@click=app.quit]no-API-no-deal[/]",
    "api-anchor": "[red:noapi",
    "status": "Status\x1b[31m",
    "choice-ga": "[b]GA[/b]",
    "choice-preview": "[@click=app.quit]Preview[/]",
    "choice-retired": "\\[Retired",
    "latency": "p95[red:",
    "unit": "[b]s[/b]",
}
VENDORS = {  # short enough for the tables' vendor columns (22 characters)
    "acme": "[@click=app.quit]Q[/]",
    "beta": "[b]B[/b]\\[x",
    "gamma": "[link=file:///x]L[/]",
}
CLAIM = {"text": "[b]claim[/b]", "metric": "[red:m", "value": "\\[9",
         "task": "[@click=app.quit]t[/]", "run_by": "[link=file:///etc/passwd]lab[/]",
         "source": "src\\"}
OWN_NOTE = "[@click=app.quit]mine[/]"
OWN_EVIDENCE = "[link=file:///etc/passwd]ev[/]"
OTHER_RATER = "[b]Ben[/b]"
OTHER_NOTE = "[red:theirs\x1b]0;pwned\x07"


def hostile_title(folder: Path) -> str:
    """A title that, read as markup, writes a screenshot into `folder` when clicked."""
    return f"\x1b[7m[@click=app.screenshot('{VICTIM}','{folder}')]Q4-decision[/]"


def hostile_rubric(folder: Path) -> Path:
    """The tiny test rubric with every text a person reads replaced by markup."""
    data = yaml.safe_load((DATA / "tiny.yaml").read_text(encoding="utf-8"))
    t = RUBRIC_TEXTS
    data.update(id="hostile", title=RUBRIC_TITLE, description="[link=file:///etc/passwd]d[/]")
    data["scale"]["labels"][1] = t["label-1"]
    data["context"][0]["text"] = t["flag"]
    first, second = data["sections"]
    first.update(title=t["section-1"], description=t["section-1-tip"])
    second["title"] = t["section-2"]
    who, tasks = first["questions"]
    who.update(text=t["who-ran"], guidance=t["guidance"], evidence=t["evidence"],
               ask_vendor=t["ask"], anchors={0: t["anchor-0"], 2: t["anchor-2"],
                                             4: t["anchor-4"]})
    tasks.update(text=t["tasks"], anchors={0: t["tasks-anchor"], 4: "all"})
    api, status, latency = second["questions"]
    api.update(text=t["api"], anchors={0: t["api-anchor"], 4: "GA"})
    api["gate"]["reason"] = t["gate-reason"]
    status["text"] = t["status"]
    for choice, key in zip(status["choices"], ("choice-ga", "choice-preview", "choice-retired"),
                           strict=True):
        choice["label"] = t[key]
    latency.update(text=t["latency"], unit=t["unit"])
    path = folder / "hostile.yaml"
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def build_hostile(folder: Path, library: Path, title: str) -> Path:
    rubric = Library.discover([]).resolve(str(hostile_rubric(library)))
    vendors = [Vendor(id=vid, name=name) for vid, name in VENDORS.items()]
    vendors[0] = vendors[0].model_copy(update={"claims": [
        Claim(grade="third-party", date=dt.date(2026, 10, 1), **CLAIM)]})
    evaluation = Evaluation(
        title=title, owner="Ana", date=dt.date(2026, 11, 2),
        rubric=RubricPin(id=rubric.id, version=rubric.version, sha256=rubric.digest()),
        context={"public": True}, vendors=vendors,
    )
    workspace = create_folder(folder, evaluation, rubric)
    ana = Ratings(rater="Ana", answers={"acme": {"who-ran": Answer(
        score=1, note=OWN_NOTE, at=FIXED,
        evidence=[Evidence(url=OWN_EVIDENCE, grade="third-party")])}})
    ben = Ratings(rater=OTHER_RATER, answers={
        "acme": {"who-ran": Answer(score=4, note=OTHER_NOTE, at=FIXED)},
        "beta": {"api": Answer(answer=False, at=FIXED)},
    })
    for rid, ratings in (("ana", ana), ("ben", ben)):
        write_atomic(folder / "ratings" / f"{rid}.yaml", ratings_text(ratings, workspace.ordering))
    load_folder(folder)  # the hostile folder is a valid evaluation
    return folder


# --- what the screen shows ---------------------------------------------------------------

ALLOWED_ACTIONS = ({f"screen.digit({n})" for n in range(10)}
                   | {"screen.yes_no(True)", "screen.yes_no(False)", "screen.na"})


def painted(app: Any) -> list[list[Segment]]:
    """The screen as the terminal would get it, with the click actions and links of each
    segment (`export_screenshot` drops them)."""
    update = app.screen._compositor.render_update(full=True,
                                                  screen_stack=app._background_screens)
    return [list(Strip.join(chops)) for chops in update.strips]


def action_of(segment: Segment) -> str | None:
    style = segment.style
    if style is None:
        return None
    if style.link:
        return f"link:{style.link}"
    click = (style.meta or {}).get("@click")
    if click is None:
        return None
    name, arguments = click if isinstance(click, tuple) else (click, ())
    return f"{name}({', '.join(map(repr, arguments))})" if arguments else str(name)


def screen_text(app: Any) -> str:
    return "\n".join("".join(s.text for s in line) for line in painted(app))


def targets(app: Any) -> Iterator[tuple[int, int]]:
    """Where to click: every segment carrying an action that is not the app's own, and every
    place showing a hostile `[@click=` as text."""
    for y, line in enumerate(painted(app)):
        x, text = 0, ""
        for segment in line:
            if segment.text.strip() and action_of(segment) not in (None, *ALLOWED_ACTIONS):
                yield x, y
            x += segment.cell_length
            text += segment.text
        start = text.find("[@click=")
        while start >= 0:
            yield start + 1, y
            start = text.find("[@click=", start + 1)


class Watch:
    """The app under test, with a record of every exit asked for."""

    def __init__(self, app: Any, victim: Path) -> None:
        self.app, self.victim, self.exits = app, victim, []
        original = app.exit

        def exit_spy(*args: Any, **kwargs: Any) -> None:
            self.exits.append((args, kwargs))
            original(*args, **kwargs)

        app.exit = exit_spy

    async def check(self, pilot: Any, *shown: str, click: bool = True) -> None:
        """Checks that `shown` show as written and that only the app's own actions are on
        screen; then clicks on every hostile text and checks that nothing ran."""
        actions = {a for line in painted(self.app) for s in line if (a := action_of(s))}
        text = screen_text(self.app)
        where = repr(self.app.screen)
        if click:
            for x, y in list(targets(self.app))[:12]:
                await pilot.click(offset=(x, y))
                await settle(pilot)
        assert not self.exits, f"a click on file text ran app.quit on {where}"
        assert not self.victim.exists(), f"a click on file text wrote a screenshot on {where}"
        assert actions <= ALLOWED_ACTIONS, actions - ALLOWED_ACTIONS
        assert not [c for c in text if (ord(c) < 32 and c != "\n") or 0x7F <= ord(c) < 0xA0]
        missing = [s for s in shown if clean(s) not in text]
        assert not missing, f"not shown as written on {where}: {missing}"


@pytest.fixture
def hostile(tmp_path: Path, workdir: Path) -> Path:
    return build_hostile(tmp_path / "hostile-ev", tmp_path / "lib", hostile_title(workdir))


def quiet(path: Path | None, **options: Any) -> Any:
    options.setdefault("clock", fixed_clock)
    options.setdefault("check_upgrade", False)
    options.setdefault("poll_seconds", 0)
    return make_app(path, **options)


# --- the walk ----------------------------------------------------------------------------


@pilot_test
async def test_start_screen_shows_a_hostile_title_and_a_click_on_it_writes_nothing(
        hostile: Path, workdir: Path):
    save_config(UserConfig(rater="Ana", recent=[str(hostile)]))
    app = quiet(None, cwd=workdir, library_folders=[])
    watch = Watch(app, workdir / VICTIM)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, StartScreen)
        shown = screen_text(app)
        row, line = next((y, line) for y, line in enumerate(shown.splitlines())
                         if "Q4-decision" in line)
        await pilot.click(offset=(line.index("Q4-decision") + 2, row))  # as a person would
        await settle(pilot)
        assert not watch.victim.exists(), "a click on the title wrote a screenshot"
        assert clean(hostile_title(workdir)) in shown
        assert isinstance(app.screen, OverviewScreen)  # the click opened the evaluation
        await watch.check(pilot, *VENDORS.values())


@pilot_test
async def test_every_screen_shows_file_text_as_written(hostile: Path, workdir: Path):
    app = quiet(hostile, rater="Ana", save_delay=0.01, score_delay=0.01)
    watch = Watch(app, workdir / VICTIM)
    t = RUBRIC_TEXTS
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, OverviewScreen)
        await watch.check(pilot, *VENDORS.values(), t["section-1"], t["section-2"],
                          OTHER_RATER)
        app.save_status = "opening [@click=app.quit]z[/]…"  # as `o` on a folder says
        await settle(pilot)
        await watch.check(pilot, "[@click=app.quit]z[/]")

        await pilot.press("f3")
        await settle(pilot)
        scoring = app.screen
        assert isinstance(scoring, ScoringScreen)
        await scoring.app.score_at("acme", 0)
        await settle(pilot)
        assert scoring.query_one("#note", Input).value == OWN_NOTE
        await watch.check(pilot, VENDORS["acme"], t["section-1"], t["who-ran"], t["label-1"],
                          t["anchor-0"], t["anchor-2"], t["anchor-4"], t["guidance"],
                          t["evidence"], t["ask"], OWN_EVIDENCE, OTHER_RATER, OTHER_NOTE,
                          *CLAIM.values())
        assert scoring.query_one("#guidance").tooltip == literal(t["section-1-tip"])
        for question, shown in (("tasks", [t["tasks"], t["tasks-anchor"]]),
                                ("api", [t["api"], t["gate-reason"], t["api-anchor"],
                                         t["section-2"]]),
                                ("status", [t["status"], t["choice-ga"],
                                            t["choice-preview"], t["choice-retired"]]),
                                ("latency", [t["latency"], t["unit"]])):
            await scoring.app.score_at("acme", [q.id for _, q in scoring.session.questions]
                                       .index(question))
            await settle(pilot)
            await watch.check(pilot, *shown)

        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, EvidenceDialog)
        await pilot.press(*"[b]u[/b]", "tab", "tab", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ScoringScreen)
        await watch.check(pilot, "[b]u[/b]")

        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        await watch.check(pilot)
        await pilot.press("escape")

        await pilot.press("f4")
        await settle(pilot)
        assert isinstance(app.screen, CompareScreen)
        await watch.check(pilot, *VENDORS.values(), t["gate-reason"])

        await pilot.press("f5")
        await pilot.pause(0.5)
        await settle(pilot)
        assert isinstance(app.screen, MemoScreen)
        await watch.check(pilot, VENDORS["acme"])

        await pilot.press("f2", "ctrl+p")
        await settle(pilot)
        await pilot.press(*"vendor")
        await pilot.pause(0.5)
        await watch.check(pilot, *VENDORS.values(), click=False)
        await pilot.press(*["backspace"] * len("vendor"), *"tasks")
        await pilot.pause(0.5)
        await watch.check(pilot, t["tasks"], t["section-1"], click=False)
        await pilot.press("escape")
        await settle(pilot)
    assert app.return_code in (None, 0) and not watch.exits


@pilot_test
async def test_a_conflict_shows_both_notes_as_written(hostile: Path, workdir: Path):
    app = quiet(hostile, rater="Ana", vendor="acme", save_delay=30)
    watch = Watch(app, workdir / VICTIM)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await app.score_at("acme", 1)
        await settle(pilot)
        RatingsFile(hostile, "ana", load_folder(hostile).ordering).update(
            "acme", "tasks", Answer(score=4, note="[@click=app.quit]theirs[/]"))
        await pilot.press("i", *"[b]yours[/b]", "enter", "2", "ctrl+s")
        await pilot.pause(0.1)
        await settle(pilot)
        assert isinstance(app.screen, ConflictDialog)
        await watch.check(pilot, "[@click=app.quit]theirs[/]", "[b]yours[/b]")


@pilot_test
async def test_new_evaluation_shows_rubric_texts_and_typed_names_as_written(
        tmp_path: Path, workdir: Path):
    library = tmp_path / "lib"
    hostile_rubric(library)
    app = quiet(None, cwd=workdir, library_folders=[Folder("tests", library)])
    watch = Watch(app, workdir / VICTIM)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, NewEvaluationScreen) and screen.rubric is not None
        screen.query_one("#vendor-name", Input).focus()
        await pilot.press(*"[@click=app.quit]V[/]", "enter", *"[b]W\\", "enter")
        await settle(pilot)
        await watch.check(pilot, RUBRIC_TITLE, RUBRIC_TEXTS["section-1"],
                          RUBRIC_TEXTS["section-2"], RUBRIC_TEXTS["flag"],
                          "[@click=app.quit]V[/]", "[b]W\\")


@pilot_test
async def test_notifications_and_prompts_show_text_as_written(
        tmp_path: Path, workdir: Path, isolated: Path):
    (isolated / "config.yaml").write_text("'[@click=app.quit]x[/]': 1\n", encoding="utf-8")
    app = quiet(None, cwd=workdir, library_folders=[])
    watch = Watch(app, workdir / VICTIM)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await watch.check(pilot, "[@click=app.quit]x[/]")  # the config problem's toast
        app.clear_notifications()
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, TextPrompt)
        field = app.screen.query_one(Input)
        field.value = "[b]nowhere[/b]"
        await pilot.press("enter")
        await settle(pilot)
        await watch.check(pilot, "[b]nowhere[/b]")  # the prompt's error


# --- the choke point ----------------------------------------------------------------------

HOSTILE = st.one_of(
    st.text(alphabet="[]\\/@=$b ()'abc\x1b\x07\t\n\u202e", max_size=30),
    st.sampled_from(["[@click=app.quit]X[/]", "[b]bold[/b]", "[link=file:///etc/passwd]x[/]",
                     "[red", "\\[", "x\\", "$name", "${x}", "[$x]"]),
)


@given(HOSTILE)
def test_markup_shows_any_value_as_written(value: str):
    content = markup("[b]$value[/b] and [i]$other[/i]", value=value, other=value)
    shown = clean(value)
    assert content.plain == f"{shown} and {shown}"
    assert {str(span.style) for span in content.spans} <= {"b", "i"}
    assert literal(value).plain == shown and not literal(value).spans
    assert cell(value).plain == shown and not cell(value).spans


@given(HOSTILE)
def test_clean_keeps_no_control_character_but_line_breaks(value: str):
    shown = clean(value)
    assert all(c == "\n" or (c.isprintable() and c != "\u202e") for c in shown)
    assert shown.count("\n") == value.count("\n")


def test_a_content_value_is_not_parsed_either():
    assert isinstance(markup("$v", v="[b]x[/b]"), Content)
    assert markup("$v", v="[b]x[/b]").plain == "[b]x[/b]"


@pilot_test
async def test_the_memo_preview_shows_links_as_text_and_opens_nothing(make):
    """The memo quotes URLs and paths anyone could have written: the preview shows each
    link's target as text and gives the terminal no hyperlink and no click action, so
    nothing, a `file:` link least of all, can be opened or loaded from it."""
    from checklist.tui.widgets.memo_document import MemoDocument

    app = make(rater="Ana")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f5")
        await pilot.pause(0.5)
        await settle(pilot)
        document = app.screen.query_one(MemoDocument)
        assert document.complete
        url = "https://beta.example/pricing"
        assert f"(<{url}>)" in document.source or f"({url})" in document.source
        section = next(s for s in document.children if url in getattr(s, "source", ""))
        document.scroll_to_widget(section, top=True, animate=False)
        await settle(pilot)
        assert url in screen_text(app)
        links = {a for line in painted(app) for s in line if (a := action_of(s))}
        assert links <= ALLOWED_ACTIONS, links


@pilot_test
async def test_a_memo_that_cannot_render_says_why_as_written(
        make, monkeypatch: pytest.MonkeyPatch):
    import checklist.memo

    def broken(*args: object, **kwargs: object) -> bytes:
        raise ValueError("template line 3: [@click=app.quit]unknown[/] filter")

    monkeypatch.setattr(checklist.memo, "render_memo", broken)
    app = make(rater="Ana")
    watch = Watch(app, Path("nowhere") / VICTIM)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f5")
        await pilot.pause(0.3)
        await settle(pilot)
        await watch.check(pilot, "[@click=app.quit]unknown[/]")
