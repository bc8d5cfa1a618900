"""A vendor whose id the bake-off or proposed answers name keeps its id: renaming it to a new
id or removing it would leave outputs, plan, votes or proposals pointing at nobody. One rule
for `checklist vendor rename|remove` and the TUI's vendor screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from checklist.files.folder import Workspace


def refuse_if_referenced(workspace: Workspace, vid: str, what: str) -> None:
    """A vendor whose id the bake-off or proposals name keeps its id: its outputs, plan and
    votes (or proposed answers) would point at nobody. `what` is "renamed to a new id" or
    "removed"; the message says what to do instead."""
    from checklist.bakeoff.folder import load_bakeoff
    from checklist.errors import ChecklistError
    from checklist.files.proposals import PROPOSALS_DIR, read_proposals

    settings = workspace.path / "bakeoff" / "bakeoff.yaml"
    if settings.exists():
        try:
            in_bakeoff = vid in load_bakeoff(workspace.path).settings.vendors
        except ChecklistError:
            in_bakeoff = False  # a broken bake-off is reported by its own commands
        if in_bakeoff:
            instead = ("rename it with --keep-id (the name changes, the id stays)"
                       if what.startswith("renamed") else "keep it in the evaluation")
            raise ChecklistError.at(settings, f"vendor '{vid}' is in the bake-off: its "
                                    f"outputs, plan and votes name it, so it cannot be {what}; "
                                    f"{instead}")
    sources = [f.source for f in read_proposals(workspace.path)
               if any(p.vendor == vid for p in f.proposals)]
    if sources and what.startswith("renamed"):
        raise ChecklistError.at(workspace.path / PROPOSALS_DIR / f"{sources[0]}.yaml",
                                f"proposed answers for vendor '{vid}' wait here; accept them "
                                "(`checklist proposals accept`) or delete the file first, or "
                                "rename it with --keep-id")
