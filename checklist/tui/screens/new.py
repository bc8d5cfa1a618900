"""New evaluation: a rubric from the library, a title, vendors, context, and who is scoring.

Creates exactly the folder `checklist new` creates (same models, same `create_folder`), then
opens it.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Checkbox, Footer, Header, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from checklist.errors import ChecklistError
from checklist.model.evaluation import Evaluation, Vendor
from checklist.model.limits import max_length
from checklist.model.ratings import Ratings
from checklist.model.rubric import Rubric
from checklist.tui.literal import lines, literal, markup
from checklist.tui.live import ChecklistScreen, narrow_below
from checklist.tui.text import gate_asks
from checklist.tui.widgets.fields import Field

if TYPE_CHECKING:
    from checklist.files.library import RubricEntry

#: The rubric highlighted first: the neutral base, in the version the library picks for its id.
DEFAULT_RUBRIC = "benchmark-vs-production"
NAME = max_length(Vendor, "name")
RATER = max_length(Ratings, "rater")

HELP = """\
## New evaluation

1. Pick a rubric on the left (↑/↓); the preview shows its sections, question count and gates.
2. Give the decision a title; the folder defaults to one named after it.
3. Add each vendor: type its name and press Enter. In the vendor list, **r** renames and
   **delete** removes the highlighted vendor.
4. Tick the context flags that hold for this purchase (they switch some gates on).
5. Your name labels your answers (`ratings/<your-name>.yaml`).

**ctrl+s** (or the Create button) writes the folder (the same one `checklist new` writes) and
opens it. **Esc** cancels.
"""


def rubric_choice(entry: RubricEntry) -> Content:
    """One rubric in the picker, as `rubrics list` shows it: id, version and title; what it
    is for (one line); its parent and where it comes from. Text from the file, never markup."""
    from checklist.model.rubric_purpose import purpose

    file = entry.file
    parent = f"extends {file.extends}" if file.extends else "base rubric"
    what = purpose(file.description, file.title)
    rows = [literal(f"{file.id} {file.version} · {file.title}")]
    if what != " ".join(file.title.split()):
        rows.append(literal(f"  {what}", "dim"))
    rows.append(literal(f"  {parent} · {entry.source}", "dim"))
    return Content("\n").join(rows)


class VendorList(OptionList):
    """The vendors typed so far; rename and remove act on the highlighted one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "rename", "Rename", id="new.rename-vendor"),
        Binding("delete,backspace", "remove", "Remove", id="new.remove-vendor"),
    ]

    def action_rename(self) -> None:
        screen = self.screen
        if isinstance(screen, NewEvaluationScreen) and self.highlighted is not None:
            screen.rename_vendor(self.highlighted)

    def action_remove(self) -> None:
        screen = self.screen
        if isinstance(screen, NewEvaluationScreen) and self.highlighted is not None:
            screen.remove_vendor(self.highlighted)


class Form(VerticalScroll, can_focus=False):
    """Scrolls to the focused field; never a Tab stop of its own (one was invisible, and the
    title typed after Tab from the rubric list was lost: issue 20 item 4)."""


class NewEvaluationScreen(ChecklistScreen):
    """A form; nothing is written until Create."""

    CSS_PATH = "new.tcss"
    HELP = HELP
    HORIZONTAL_BREAKPOINTS = narrow_below(100)
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "create", "Create", id="new.create", priority=True),
        Binding("escape", "cancel", "Cancel", id="new.cancel"),
    ]

    def __init__(self, cwd: Path | None = None) -> None:
        super().__init__()
        self.cwd = cwd or Path.cwd()
        self.entries: list[RubricEntry] = []
        self.rubric: Rubric | None = None
        self.vendor_names: list[str] = []
        self._folder_edited = False
        #: The rubric last highlighted: a resolved rubric shows only if it is still this one.
        self._wanted: str | None = None
        self._flags_lock = asyncio.Lock()

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="new-body"):
            with Vertical(id="rubric-side"):
                yield Label("[b]Rubric[/b]")
                yield OptionList(id="rubrics")
                yield Static("Loading the rubric library…", id="preview")
            with Form(id="form"):
                yield Label("[b]Title[/b] of the decision")
                yield Field(id="title", placeholder="e.g. Video model for ads",
                            limit=max_length(Evaluation, "title"), what="A title")
                yield Label("[b]Folder[/b] to create")
                yield Field(id="folder", placeholder="./video-2026")
                yield Label("[b]Vendors[/b] (Enter adds; in the list r renames, delete removes)")
                with Horizontal(id="vendor-row"):
                    yield Field(id="vendor-name", placeholder="vendor name", limit=NAME,
                                what="A vendor name")
                    yield Button("Add", id="add-vendor", compact=True)
                yield VendorList(id="vendors")
                yield Label("[b]Context[/b]: what holds for this purchase", id="flags-title")
                yield Vertical(id="flags")
                yield Label("[b]Your name[/b] (labels your answers)")
                yield Field(self.checklist.config.rater or "", id="rater", limit=RATER,
                            what="A name",
                             placeholder="e.g. Ana María")
                yield Static("", id="new-error")
                with Horizontal(id="new-buttons"):
                    yield Button("Create (ctrl+s)", id="create", variant="primary")
                    yield Button("Cancel (esc)", id="cancel")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "New evaluation"
        self._discover()
        self.query_one("#rubrics", OptionList).focus()

    @work(thread=True, group="library", exclusive=True)
    def _discover(self) -> None:
        from checklist.files.library import Library

        library = Library.discover(self.checklist.library_folders)
        default = library.find(DEFAULT_RUBRIC)
        self.app.call_from_thread(self._show_library, library.active(), len(library.problems),
                                  default.ref if default is not None else None)

    def _show_library(self, entries: list[RubricEntry], problems: int,
                      default: str | None = None) -> None:
        self.entries = entries
        options = self.query_one("#rubrics", OptionList)
        options.clear_options()
        for entry in entries:
            options.add_option(Option(rubric_choice(entry), id=entry.ref))
        if not entries:
            self.query_one("#preview", Static).update(
                "No rubric on the search path. Put one in ./rubrics or see "
                "`checklist rubrics list`.")
        elif problems:
            self.notify(f"{problems} rubric file(s) could not be read; `checklist rubrics "
                        "list` shows why.", severity="warning")
        if entries:
            preferred = next((i for i, e in enumerate(entries) if e.ref == default), 0)
            options.highlighted = preferred

    @on(OptionList.OptionHighlighted, "#rubrics")
    def _rubric_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        entry = self.entries[event.option_index]
        self._wanted = entry.ref
        self.rubric = None  # until it is read: Create waits for it
        self.query_one("#preview", Static).update(markup("Reading $ref…", ref=entry.ref))
        self._resolve(entry)

    @work(group="resolve", exclusive=True)
    async def _resolve(self, entry: RubricEntry) -> None:
        """Reads the rubric in a thread (a library may sit on a slow disk), then shows it."""
        from checklist.files.library import Library, resolve_entry

        def read() -> Rubric:
            return resolve_entry(entry, Library.discover(self.checklist.library_folders))

        try:
            rubric = await asyncio.to_thread(read)
        except ChecklistError as exc:
            await self._show_rubric(entry.ref, None, str(exc))
            return
        except Exception as exc:  # a broken rubric file must not take the form down
            await self._show_rubric(entry.ref, None, f"{type(exc).__name__}: {exc}")
            return
        await self._show_rubric(entry.ref, rubric, "")

    async def _show_rubric(self, ref: str, rubric: Rubric | None, problem: str) -> None:
        """Shows a resolved rubric and its context flags.

        Results arrive from worker threads, possibly out of order and overlapping: one that
        is no longer the highlighted rubric is dropped, and the flags are replaced under a
        lock, the old boxes removed (awaited) before the new ones are mounted, so two
        rubrics sharing a flag never put two boxes with one id on screen.
        """
        async with self._flags_lock:
            if ref != self._wanted:
                return
            preview = self.query_one("#preview", Static)
            if rubric is None:
                preview.update(markup("This rubric has problems:\n$problem", problem=problem))
            else:
                preview.update(preview_content(rubric))
            flags = self.query_one("#flags", Vertical)
            await flags.remove_children()
            if rubric is not None and rubric.context:
                await flags.mount_all(
                    Checkbox(_flag_label(flag.text, flag.default), flag.default,
                             id=f"flag-{flag.id}", name=flag.text)
                    for flag in rubric.context
                )
            self.query_one("#flags-title").display = bool(rubric and rubric.context)
            self.rubric = rubric

    @on(Checkbox.Changed)
    def _flag_changed(self, event: Checkbox.Changed) -> None:
        """The state in words too: a ticked and an unticked box differ only by colour."""
        event.checkbox.label = _flag_label(event.checkbox.name or "", event.value)

    # --- the form -------------------------------------------------------------------------

    @on(Input.Changed, "#title")
    def _title_changed(self, event: Input.Changed) -> None:
        from checklist.model.common import slugify

        if not self._folder_edited:
            folder = self.query_one("#folder", Input)
            with folder.prevent(Input.Changed):
                slug = slugify(event.value)
                folder.value = f"./{slug}" if slug else ""

    @on(Input.Changed, "#folder")
    def _folder_changed(self) -> None:
        self._folder_edited = True

    @on(Input.Submitted, "#vendor-name")
    @on(Button.Pressed, "#add-vendor")
    def add_vendor(self) -> None:
        name_input = self.query_one("#vendor-name", Input)
        name = name_input.value.strip()
        if not name:
            return
        self.vendor_names.append(name)
        name_input.value = ""
        self._show_vendors()

    def _show_vendors(self, highlight: int | None = None) -> None:
        vendors = self.query_one("#vendors", VendorList)
        vendors.clear_options()
        vendors.add_options([Option(literal(f"{n}. {name}")) for n, name in
                             enumerate(self.vendor_names, 1)])
        if self.vendor_names:
            vendors.highlighted = (len(self.vendor_names) - 1 if highlight is None
                                   else min(highlight, len(self.vendor_names) - 1))

    def rename_vendor(self, index: int) -> None:
        from checklist.tui.screens.dialogs import TextPrompt

        def renamed(value: str | None) -> None:
            if value:
                self.vendor_names[index] = value
                self._show_vendors(index)

        self.app.push_screen(TextPrompt("Rename vendor", "New name:", self.vendor_names[index],
                                        limit=NAME, what="A vendor name"), renamed)

    def remove_vendor(self, index: int) -> None:
        del self.vendor_names[index]
        self._show_vendors(index)

    @on(Input.Submitted, "#title, #folder, #rater")
    def _next_field(self) -> None:
        self.focus_next()

    @on(Button.Pressed, "#create")
    def action_create(self) -> None:
        problem = self._problem()
        error = self.query_one("#new-error", Static)
        if problem:
            error.update(markup("[b]Cannot create yet[/b]: $problem", problem=problem))
            return
        error.update(Content())
        self._create()

    def _problem(self) -> str | None:
        from checklist.files.folder import is_evaluation, rater_id

        if self.rubric is None:
            return "pick a rubric that loads without problems"
        if not self.query_one("#title", Input).value.strip():
            return "give the decision a title"
        folder = self._folder()
        if folder is None:
            return "say which folder to create"
        if is_evaluation(folder):
            return f"{folder} already holds an evaluation; pick another folder"
        if folder.exists() and not folder.is_dir():
            return f"{folder} exists and is not a folder"
        if not self.vendor_names:
            return "add at least one vendor (type a name, press Enter)"
        rater = self.query_one("#rater", Input).value.strip()
        try:
            rater_id(rater)
        except ChecklistError:
            return "type your name (letters or digits): it labels your answers"
        return None

    def _folder(self) -> Path | None:
        raw = self.query_one("#folder", Input).value.strip()
        if not raw:
            return None
        path = Path(raw).expanduser()
        return path if path.is_absolute() else self.cwd / path

    def _create(self) -> None:
        from checklist.files.folder import create_folder
        from checklist.model import RubricPin
        from checklist.model.evaluation import vendors_from_names

        rubric = self.rubric
        folder = self._folder()
        assert rubric is not None and folder is not None
        ticked = {box.id: box.value for box in self.query("#flags Checkbox").results(Checkbox)}
        context = {
            flag.id: ticked.get(f"flag-{flag.id}", flag.default) for flag in rubric.context
        }
        evaluation = Evaluation(
            title=self.query_one("#title", Input).value.strip(),
            date=self.checklist.today(),
            rubric=RubricPin(id=rubric.id, version=rubric.version, sha256=rubric.digest()),
            context=context,
            vendors=vendors_from_names(self.vendor_names),
        )
        try:
            workspace = create_folder(folder, evaluation, rubric)
        except (ChecklistError, OSError) as exc:
            self.query_one("#new-error", Static).update(
                markup("[b]Could not create it[/b]: $problem", problem=exc))
            return
        rater = self.query_one("#rater", Input).value.strip()
        self.notify(f"Created {folder}", title="New evaluation")
        self.dismiss(None)
        self.checklist.open_workspace(workspace, rater=rater)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


def _flag_label(text: str, value: bool) -> Content:
    """The state first, so a long flag text cut at the edge never hides it."""
    return literal(f"{'yes' if value else 'no '} · {text}")


def preview_content(rubric: Rubric) -> Content:
    """What a person needs to pick a rubric: size, sections by axis, and the gates."""
    questions = rubric.questions()
    gates = [q for _, q in questions if q.gate]
    rows = [markup("[b]$title[/b] $ref", title=rubric.title, ref=rubric.ref),
            markup(f"{len(rubric.sections)} sections · {len(questions)} questions · "
                   f"{len(gates)} gates · scale {rubric.scale.min}..{rubric.scale.max}")]
    if rubric.description:
        rows.append(markup("[dim]$text[/dim]", text=rubric.description.strip()[:300]))
    for section in rubric.sections:
        rows.append(markup(f"• $title ({section.axis}, {len(section.questions)} questions, "
                           f"weight {section.weight:g})", title=section.title))
    if gates:
        rows.append(markup("[b]Gates[/b] (knock-outs):"))
        for question in gates:
            rows.append(markup("  $id asks $asks", id=question.id,
                               asks=gate_asks(question, rubric.scale)))
    return lines(rows)
