"""One output added by hand: `checklist bakeoff add DIR --vendor V --prompt P FILE`.

The file is copied to its place by convention, `outputs/<vendor>/<prompt>.<ext>`, so the
bake-off folder holds everything it needs (a team commits it, or keeps media in git LFS).
Checked first (a known vendor and prompt, a known kind, within its size limit), written
atomically, and never over a different output already there.
"""

from __future__ import annotations

from pathlib import Path

from checklist.bakeoff.catalog import build_catalog
from checklist.bakeoff.folder import OUTPUTS_DIR, Bakeoff, check_file
from checklist.bakeoff.media import kind_of
from checklist.errors import ChecklistError, hint
from checklist.files.atomic import write_atomic
from checklist.files.lock import folder_lock
from checklist.files.paths import inside


def add_file(bakeoff: Bakeoff, vendor: str, prompt: str, source: Path) -> Path | None:
    """Copies `source` in as `vendor`'s output for `prompt`; returns where it went, or None
    when the same bytes are already there."""
    if vendor not in bakeoff.vendors:
        raise ChecklistError.plain(f"--vendor: unknown vendor '{vendor}'"
                                   f"{hint(vendor, bakeoff.vendors, 'the bake-off has')}")
    prompts = [p.id for p in bakeoff.prompts]
    if prompt not in prompts:
        raise ChecklistError.plain(f"--prompt: unknown prompt '{prompt}'"
                                   f"{hint(prompt, prompts, 'the bake-off has')}")
    problem = check_file(Path(source))
    if problem:
        raise ChecklistError.at(source, problem)
    kind = kind_of(source.name)
    assert kind is not None
    suffix = source.name[source.name.rfind("."):].lower()
    target = bakeoff.path / OUTPUTS_DIR / vendor / f"{prompt}{suffix}"
    data = source.read_bytes()
    with folder_lock(bakeoff.evaluation):
        if not inside(target.parent, bakeoff.path) or not inside(target, bakeoff.path):
            raise ChecklistError.at(target, "links outside the bake-off folder; replace the "
                                    "link with a real folder or file")
        existing = build_catalog(bakeoff).get(vendor, prompt)
        if existing is not None:
            same = existing.path is not None and existing.path.resolve() == target.resolve()
            if same and target.read_bytes() == data:
                return None
            where = existing.relative(bakeoff.path)
            raise ChecklistError.at(source, f"{vendor} already has an output for {prompt} "
                                    f"({where}); remove it first to replace it")
        write_atomic(target, data)
    return target
