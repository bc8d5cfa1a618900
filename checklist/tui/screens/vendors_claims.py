"""The Vendors screen's claims list: the highlighted vendor's benchmark claims shown, and
added, edited, removed and moved (the edits built by `checklist.tui.record_vendors`)."""

from __future__ import annotations

from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from checklist.model.claim import Claim, comparison_text
from checklist.model.evaluation import Vendor
from checklist.tui import record_vendors
from checklist.tui.literal import literal, markup
from checklist.tui.record_save import shown
from checklist.tui.screens.vendors_base import VendorsBase
from checklist.tui.widgets.claims import claim_details


class ClaimActions(VendorsBase):
    """The claims of the highlighted vendor (`#claims`, under its fields)."""

    def _show_claims(self, vendor: Vendor | None, highlight: int | None = None) -> None:
        claims = vendor.claims if vendor else []
        count = f"{len(claims)}" if claims else "none yet"
        self.query_one("#claims-title", Static).update(markup(
            f"[b]Claims[/b] ({count}) · n new · e edit · d delete · shift+↑↓ move"))
        names = {v.id: v.name for v in self.evaluation.vendors}
        listing = self.query_one("#claims", OptionList)
        before = listing.highlighted if highlight is None else highlight
        listing.clear_options()
        listing.add_options([Option(literal(f"{n}. {c.text}\n   {_facts(c, names)}"))
                             for n, c in enumerate(claims, 1)])
        if claims:
            listing.highlighted = min(before or 0, len(claims) - 1)

    def _find_vendor(self, text: str) -> str:
        return self.evaluation.find_vendor(text).id

    def _claim_number(self) -> int | None:
        vendor = self.vendor
        highlighted = self.query_one("#claims", OptionList).highlighted
        if vendor is None or highlighted is None or not vendor.claims:
            return None
        return highlighted + 1

    def action_add_claim(self) -> None:
        from checklist.tui.screens.record_dialogs import ClaimDialog

        vendor = self.vendor
        if vendor is None:
            return

        def chosen(claim: Claim | None) -> None:
            if claim is None:
                return
            self._save(record_vendors.add_claim(vendor, claim), claim.text,
                       then=lambda: self._highlight_claim(-1))

        self.app.push_screen(ClaimDialog(f"New claim of {vendor.name}", None,
                                         self._find_vendor), chosen)

    def action_edit_claim(self) -> None:
        """Edits the highlighted claim (e, or Enter on the claim)."""
        from checklist.tui.screens.record_dialogs import ClaimDialog

        vendor, number = self.vendor, self._claim_number()
        if vendor is None or number is None:
            return
        seen = vendor.claims[number - 1]

        def chosen(claim: Claim | None) -> None:
            if claim is None or claim == seen:
                return
            self._save(record_vendors.edit_claim(vendor, number, claim), shown(claim))

        self.app.push_screen(ClaimDialog(f"Claim {number} of {vendor.name}", seen,
                                         self._find_vendor), chosen)

    def action_remove_claim(self) -> None:
        from checklist.tui.screens.dialogs import ConfirmDialog

        vendor, number = self.vendor, self._claim_number()
        if vendor is None or number is None:
            return

        def chosen(yes: bool | None) -> None:
            if yes:
                self._save(record_vendors.remove_claim(vendor, number), "deleted")

        self.app.push_screen(ConfirmDialog(
            "Delete claim", f"Delete claim {number} of {vendor.name}: "
            f"{vendor.claims[number - 1].text}?", yes="Delete", no="Keep"), chosen)

    def action_move_claim(self, step: int) -> None:
        vendor, number = self.vendor, self._claim_number()
        if vendor is None or number is None:
            return
        to = number + step
        if not 1 <= to <= len(vendor.claims):
            return
        self._save(record_vendors.move_claim(vendor, number, to),
                   f"claim {number} moved to {to}", then=lambda: self._highlight_claim(to - 1))

    def _highlight_claim(self, index: int) -> None:
        vendor = self.vendor
        if vendor is not None and vendor.claims:
            listing = self.query_one("#claims", OptionList)
            listing.highlighted = index % len(vendor.claims)


def _facts(claim: Claim, names: dict[str, str]) -> str:
    """The claim's figures, comparison and who ran it, on one line."""
    against = comparison_text(claim, names)
    return claim_details(claim) + (f" · {against}" if against else "")
