"""The edits the Vendors screen makes: a vendor's field, a vendor added, renamed or removed, a
claim added, edited, removed or moved; each a `RecordEdit` naming the part it changes.

Kept free of Textual, like `record_edit.py`: the screen asks the person, this builds the edit.
"""

from __future__ import annotations

from checklist.errors import ChecklistError
from checklist.files.evaluation_save import Edit
from checklist.files.folder import Workspace
from checklist.model import evaluation_edit as edits
from checklist.model.claim import Claim
from checklist.model.evaluation import Evaluation, Vendor
from checklist.tui.record_edit import RecordEdit

#: The vendor's fields on the form, with their labels (the name changes by renaming).
FIELDS: dict[str, str] = {"product": "Product", "model": "Model id", "version": "Version",
                          "maker": "Maker", "channel": "Channel", "region": "Region",
                          "contact": "Contact", "website": "Website", "notes": "Notes"}


def label(key: str) -> str:
    """A field's name in words, as the form and the messages say it."""
    return FIELDS.get(key, key.capitalize())


def _name(_: str) -> str:
    return "Name"


# --- vendors --------------------------------------------------------------------------------

def set_field(vendor: Vendor, key: str, value: str, seen: str) -> RecordEdit:
    """`vendor`'s field `key` set to `value` (`seen`: the field as the screen showed it)."""
    vid = vendor.id

    def apply(w: Workspace) -> Edit:
        return Edit(edits.set_vendor(w.evaluation, vid, {key: value}, label=label))

    return RecordEdit(f"{vendor.name}'s {label(key).lower()}", lambda e: _field(e, vid, key),
                      seen, apply)


def add_vendor(name: str) -> RecordEdit:
    def apply(w: Workspace) -> Edit:
        return Edit(edits.add_vendor(w.evaluation, name, label=_name))

    return RecordEdit(f"vendor {name}", lambda e: None, None, apply)


def rename_vendor(vendor: Vendor, name: str) -> RecordEdit:
    vid = vendor.id

    def apply(w: Workspace) -> Edit:
        return _renamed(w, vid, name)

    return RecordEdit(f"the name of {vendor.name}", lambda e: _field(e, vid, "name"),
                      vendor.name, apply)


def remove_vendor(vendor: Vendor) -> RecordEdit:
    vid = vendor.id

    def apply(w: Workspace) -> Edit:
        from checklist.bakeoff.references import refuse_if_referenced

        refuse_if_referenced(w, vid, "removed")
        return Edit(edits.remove_vendor(w.evaluation, vid)[0])

    return RecordEdit(f"vendor {vendor.name}", lambda e: e.vendor(vid), vendor, apply)


def _renamed(workspace: Workspace, vid: str, name: str) -> Edit:
    """As `checklist vendor rename` does it: a new id from the name, the answers following;
    the id stays when the bake-off or proposed answers name it (the name still changes)."""
    from checklist.bakeoff.references import refuse_if_referenced

    renamed = edits.rename_vendor(workspace.evaluation, vid, name, label=_name)
    index = [v.id for v in workspace.evaluation.vendors].index(vid)
    new = renamed.vendors[index].id
    if new == vid:
        return Edit(renamed)
    try:
        refuse_if_referenced(workspace, vid, "renamed to a new id")
    except ChecklistError:
        return Edit(edits.rename_vendor(workspace.evaluation, vid, name, vid, label=_name))
    return Edit(renamed, {vid: new})


# --- claims ---------------------------------------------------------------------------------

def add_claim(vendor: Vendor, claim: Claim) -> RecordEdit:
    vid = vendor.id

    def apply(w: Workspace) -> Edit:
        return Edit(edits.add_claim(w.evaluation, vid, claim.model_dump()))

    return RecordEdit(f"a claim of {vendor.name}", lambda e: None, None, apply)


def edit_claim(vendor: Vendor, number: int, claim: Claim) -> RecordEdit:
    """Claim `number` (from 1) of `vendor` replaced by `claim`."""
    vid = vendor.id

    def apply(w: Workspace) -> Edit:
        return Edit(edits.edit_claim(w.evaluation, vid, number, claim.model_dump()))

    return RecordEdit(f"claim {number} of {vendor.name}", lambda e: _claim(e, vid, number),
                      vendor.claims[number - 1], apply)


def remove_claim(vendor: Vendor, number: int) -> RecordEdit:
    vid = vendor.id

    def apply(w: Workspace) -> Edit:
        return Edit(edits.remove_claim(w.evaluation, vid, number))

    return RecordEdit(f"claim {number} of {vendor.name}", lambda e: _claim(e, vid, number),
                      vendor.claims[number - 1], apply)


def move_claim(vendor: Vendor, number: int, to: int) -> RecordEdit:
    vid = vendor.id

    def apply(w: Workspace) -> Edit:
        return Edit(edits.move_claim(w.evaluation, vid, number, to))

    return RecordEdit(f"the order of {vendor.name}'s claims", lambda e: _claims(e, vid),
                      list(vendor.claims), apply)


# --- the parts an edit changes --------------------------------------------------------------

def _field(evaluation: Evaluation, vid: str, key: str) -> str | None:
    vendor = evaluation.vendor(vid)
    return None if vendor is None else str(getattr(vendor, key) or "")


def _claim(evaluation: Evaluation, vid: str, number: int) -> Claim | None:
    vendor = evaluation.vendor(vid)
    if vendor is None or not 1 <= number <= len(vendor.claims):
        return None
    return vendor.claims[number - 1]


def _claims(evaluation: Evaluation, vid: str) -> list[Claim] | None:
    vendor = evaluation.vendor(vid)
    return None if vendor is None else list(vendor.claims)
