"""Whether the library has moved on from an evaluation's rubric: a newer version, or a
changed copy of the pinned one. Read-only: moving an evaluation is `upgrade`'s."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from checklist.errors import ChecklistError
from checklist.model.rubric import is_prerelease, version_key

if TYPE_CHECKING:
    from checklist.files.folder import Workspace
    from checklist.files.library import Library


@dataclass(frozen=True)
class RubricUpdate:
    """What the library offers for an evaluation's rubric: a newer version, or changed content.

    `changed` means the library's copy of the pinned version no longer matches the pin (a base
    rubric it extends moved on, or it was edited without a version bump).
    """

    current: str
    target: str
    kind: str  # "newer" | "changed"

    def message(self) -> str:
        if self.kind == "newer":
            return (f"rubric {self.target} is available (this evaluation uses {self.current}); "
                    "`checklist upgrade` shows what would change")
        return (f"the library's {self.target} differs from the copy this evaluation was scored "
                "against; `checklist upgrade` shows what changed")


def newer_rubric(workspace: Workspace, library: Library | None = None) -> str | None:
    """`id@version` of the newest release of the evaluation's rubric above its pin, or None.

    Pre-releases are offered only to an evaluation already on a pre-release. Cheap: no rubric
    is resolved, so a broken rubric elsewhere in the library never gets in the way.
    """
    from checklist.files.library import Library, continuation

    library = library if library is not None else Library.discover()
    pin = workspace.evaluation.rubric
    successor = continuation(library, pin.id, pin.version)
    if successor is not None:  # the line continues under another id: offer that, not this id
        return successor.ref
    allow_pre = is_prerelease(pin.version)
    candidates = [
        v for v in library.versions(pin.id)
        if (allow_pre or not is_prerelease(v)) and version_key(v) > version_key(pin.version)
    ]
    if not candidates:
        return None
    return f"{pin.id}@{max(candidates, key=version_key)}"


def rubric_update(workspace: Workspace, library: Library | None = None) -> RubricUpdate | None:
    """A newer version (as `newer_rubric`), else the pinned version if its content changed.

    For a front end to say "the library has moved on" on open; it never changes anything.
    """
    from checklist.files.library import Library, resolve_entry

    library = library if library is not None else Library.discover()
    pin = workspace.evaluation.rubric
    newer = newer_rubric(workspace, library)
    if newer is not None:
        return RubricUpdate(f"{pin.id}@{pin.version}", newer, "newer")
    entry = library.find(f"{pin.id}@{pin.version}")
    if entry is None:
        return None
    try:
        digest = resolve_entry(entry, library).digest()
    except ChecklistError:
        return None
    if digest != pin.sha256:
        ref = f"{pin.id}@{pin.version}"
        return RubricUpdate(ref, ref, "changed")
    return None
