"""Vendors: who is compared, what exactly would be bought from each, and what each claims.

The list on the left holds the vendors (add, rename, remove); the form on the right the
highlighted vendor's fields, each saved when Enter is pressed or the field is left, and its
benchmark claims (add, edit, remove, move: `vendors_claims`). Each change is built by
`checklist.tui.record_vendors` and saved into evaluation.yaml by `checklist.tui.record_save`,
with the rules answers have: a change someone else made meanwhile is merged, or asked about,
never lost.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Footer, Header, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from checklist.model.evaluation import CHANNELS, Evaluation, Vendor
from checklist.model.limits import max_length
from checklist.tui import record_vendors
from checklist.tui.literal import literal, markup
from checklist.tui.live import narrow_below
from checklist.tui.record_screen import FieldEdit, RecordScreen
from checklist.tui.record_vendors import FIELDS
from checklist.tui.screens.vendors_claims import ClaimActions
from checklist.tui.widgets.form_field import FormField

HELP = """\
## Vendors

The vendors on the left; the highlighted vendor's fields and benchmark claims on the right.
A field is saved when you press **Enter** or leave it (Tab, a click). What you fill in here
goes into the memo and into the questions sent to the vendor (`{vendor.model}`,
`{vendor.region}` ...).

- **a** adds a vendor, **r** renames the highlighted one (its answers follow it in every
  rater's file), **X** removes it (its answers stay in the ratings files, reported by
  `checklist status`).
- **n** records a new benchmark claim: the statement, task, metric, value and unit, what it
  is compared with and the claimed margin, sample size or interval, source, who ran it and
  the evidence grade, dates, a note. **e** (or Enter on a claim) edits the highlighted claim,
  **d** deletes it, **shift+↑ / shift+↓** move it.
- **Esc** goes back to the overview.

If someone else changed the same field or claim meanwhile, you are asked whether to keep
yours or use theirs; their changes to anything else are kept.
"""

_PLACEHOLDERS = {"product": "what would be bought", "model": "as the API names it",
                 "version": "version or snapshot", "maker": "who makes the model",
                 "region": "e.g. EU, us-central1", "website": "https://…"}
NAME = max_length(Vendor, "name")
#: An edit, the person's value in words (for the conflict dialog), what to do if refused.


class VendorScreen(ClaimActions, RecordScreen):
    """The vendors and, for the highlighted one, its fields and claims (`ClaimActions`)."""

    CSS_PATH = "vendors.tcss"
    #: Below 110 columns the footer keeps the screen's own keys and drops F2-F5 (F1 lists them).
    HORIZONTAL_BREAKPOINTS = narrow_below(110)
    HELP = HELP
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add_vendor", "Add vendor", id="vendors.add"),
        Binding("r", "rename_vendor", "Rename", id="vendors.rename", show=False),
        Binding("X", "remove_vendor", "Remove vendor", id="vendors.remove", show=False),
        Binding("n", "add_claim", "New claim", id="vendors.claim-add"),
        Binding("e", "edit_claim", "Edit", id="vendors.claim-edit", show=False),  # Enter too
        Binding("d", "remove_claim", "Delete", id="vendors.claim-remove"),
        Binding("shift+up", "move_claim(-1)", "Claim up", id="vendors.claim-up", show=False),
        Binding("shift+down", "move_claim(1)", "Claim down", id="vendors.claim-down",
                show=False),
        Binding("escape", "back", "Back", id="vendors.back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.vid: str | None = None
        #: Each field as last shown from the file: what an edit is based on.
        self.shown: dict[str, str] = {}

    @property
    def evaluation(self) -> Evaluation:
        return self.session.workspace.evaluation

    @property
    def vendor(self) -> Vendor | None:
        return self.evaluation.vendor(self.vid) if self.vid else None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="vendor-notice")
        with Horizontal(id="vendor-body"):
            with Vertical(id="vendor-side"):
                yield Static("[b]Vendors[/b] a add · r rename · X remove", id="vendor-keys")
                yield OptionList(id="vendor-list")
            with VerticalScroll(id="vendor-form", can_focus=False):
                yield Static("", id="vendor-title")
                for key, text in FIELDS.items():
                    widget: Widget
                    if key == "channel":
                        widget = Select([(literal("(not set)"), ""),
                                         *[(literal(c), c) for c in CHANNELS]],
                                        value="", allow_blank=False, compact=True,
                                        id="vendor-channel")
                    else:
                        widget = FormField(id=f"vendor-{key}", what=text,
                                       limit=max_length(Vendor, key),
                                       placeholder=_PLACEHOLDERS.get(key, ""))
                    yield Horizontal(Label(literal(text), classes="field-label"), widget,
                                     classes="field-row")
                yield Static("", id="claims-title")
                yield OptionList(id="claims")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Vendors"
        self.refresh_view()
        self.query_one("#vendor-list", OptionList).focus()

    def on_screen_resume(self) -> None:
        self.refresh_view()

    # --- showing --------------------------------------------------------------------------

    def refresh_view(self) -> None:
        """The vendors, fields and claims as the session has them now; a field being edited
        (its text differs from what was shown) keeps the person's text."""
        evaluation = self.evaluation
        read_only = self.session.read_only
        notice = self.query_one("#vendor-notice", Static)
        notice.display = read_only is not None
        if read_only is not None:
            notice.update(markup("[b]Read-only[/b]: $why", why=read_only))
        if self.vid is None or evaluation.vendor(self.vid) is None:
            self.vid = evaluation.vendors[0].id if evaluation.vendors else None
        listing = self.query_one("#vendor-list", OptionList)
        with listing.prevent(OptionList.OptionHighlighted):
            listing.clear_options()
            listing.add_options([Option(literal(v.name), id=v.id) for v in evaluation.vendors])
            if self.vid is not None:
                listing.highlighted = listing.get_option_index(self.vid)
        self._show_vendor(read_only is not None)

    def _show_vendor(self, read_only: bool = False) -> None:
        vendor = self.vendor
        title = self.query_one("#vendor-title", Static)
        if vendor is None:
            title.update("No vendors yet: press a to add one.")
        else:
            title.update(markup("[b]$name[/b] [dim](id $id)[/dim]", name=vendor.name,
                                id=vendor.id))
        for key in FIELDS:
            value = str(getattr(vendor, key) or "") if vendor else ""
            if key == "channel":
                select = self.query_one("#vendor-channel", Select)
                with select.prevent(Select.Changed):
                    select.value = value
                select.disabled = vendor is None or read_only
            else:
                field = self.query_one(f"#vendor-{key}", Input)
                if field.value == self.shown.get(key, "") or self._switched(vendor):
                    with field.prevent(Input.Changed):
                        field.value = value
                field.disabled = vendor is None or read_only
            self.shown[key] = value
        self._shown_vid = vendor.id if vendor else None
        self._show_claims(vendor)

    def _switched(self, vendor: Vendor | None) -> bool:
        return getattr(self, "_shown_vid", None) != (vendor.id if vendor else None)

    @on(OptionList.OptionHighlighted, "#vendor-list")
    def _vendor_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id != self.vid:
            self.vid = event.option.id
            self._show_vendor(self.session.read_only is not None)

    @on(OptionList.OptionSelected, "#claims")
    def _claim_chosen(self) -> None:
        self.action_edit_claim()  # Enter on a claim edits it

    # --- the vendor's fields --------------------------------------------------------------

    @on(Input.Submitted, ".field-row Input")
    def _submitted(self, event: Input.Submitted) -> None:
        self._save_field(event.input)  # the field has moved the focus on already

    def on_descendant_blur(self, event: Any) -> None:
        if isinstance(event.widget, Input) and event.widget.id and \
                event.widget.id.startswith("vendor-"):
            self._save_field(event.widget)

    @on(Select.Changed, "#vendor-channel")
    def _channel(self, event: Select.Changed) -> None:
        value = event.value if isinstance(event.value, str) else ""
        self._save_value("channel", value)

    def _field_edit(self, field: object) -> FieldEdit | None:
        if not isinstance(field, Input):
            return None
        key = (field.id or "").removeprefix("vendor-")
        return self._value_edit(key, field.value.strip()) if key in FIELDS else None

    def _save_value(self, key: str, value: str) -> None:
        edit = self._value_edit(key, value)
        if edit is not None:
            self._save(*edit)

    def _value_edit(self, key: str, value: str) -> FieldEdit | None:
        """The edit of one field of the highlighted vendor, if its text changed."""
        vendor = self.vendor
        seen = self.shown.get(key, "")
        if vendor is None or value == seen:
            return None
        self.shown[key] = value  # saved once, even when Enter and leaving both ask
        return (record_vendors.set_field(vendor, key, value, seen), value or "(empty)",
                lambda: self.shown.__setitem__(key, seen))

    # --- vendors --------------------------------------------------------------------------

    def action_add_vendor(self) -> None:
        from checklist.tui.screens.dialogs import TextPrompt

        def chosen(name: str | None) -> None:
            if name:
                self._save(record_vendors.add_vendor(name), name, then=self._select_last)

        self.app.push_screen(TextPrompt("Add a vendor", "Its name:", limit=NAME,
                                        what="A vendor name"), chosen)

    def _select_last(self) -> None:
        if self.evaluation.vendors:
            self.vid = self.evaluation.vendors[-1].id
            self.refresh_view()
            self.query_one("#vendor-product", Input).focus()

    def action_rename_vendor(self) -> None:
        from checklist.tui.screens.dialogs import TextPrompt

        vendor = self.vendor
        if vendor is None:
            return
        old = vendor.name

        def chosen(name: str | None) -> None:
            if not name or name == old:
                return

            def follow() -> None:
                found = next((v for v in self.evaluation.vendors if v.name == name), None)
                self.vid = found.id if found else None
                self.refresh_view()

            self._save(record_vendors.rename_vendor(vendor, name), name, then=follow)

        self.app.push_screen(TextPrompt("Rename vendor", f"New name for {old} (its answers "
                                        "follow it):", old, limit=NAME, what="A vendor name"),
                             chosen)

    def action_remove_vendor(self) -> None:
        from checklist.tui.screens.dialogs import ConfirmDialog

        vendor = self.vendor
        if vendor is None:
            return

        def chosen(yes: bool | None) -> None:
            if yes:
                self._save(record_vendors.remove_vendor(vendor), "removed")

        self.app.push_screen(ConfirmDialog(
            "Remove vendor", f"Remove {vendor.name} from the evaluation? Its answers stay in "
            "the ratings files (not scored; adding a vendor with the same name brings them "
            "back); other vendors' claims compared with it keep its name.",
            yes="Remove", no="Keep"), chosen)

    # --- saving ---------------------------------------------------------------------------

