"""Rubric and template folders published as ordinary Python packages.

A company publishes its rubrics (or memo templates) as a package that declares a folder of
them under the entry-point group `checklist.rubrics` (or `checklist.templates`):

    [project.entry-points."checklist.rubrics"]
    acme = "acme_checklist.rubrics"

The value names a package (a folder with or without `__init__.py`); once the package is
installed its folder joins the search path, after the bundled folder and before the user's
own (`checklist.files.config.search_path`). The folder is found with the import system's
path finder, without importing anything: listing rubrics never runs a package's code.

Entry points are read with `importlib.metadata.entry_points` (the standard library; the
packaging ecosystem's own mechanism, which pip, hatchling and setuptools all write).
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import metadata
from importlib.machinery import PathFinder
from pathlib import Path

GROUPS = {"rubrics": "checklist.rubrics", "templates": "checklist.templates"}


@dataclass(frozen=True)
class PackageFolder:
    """One entry point: the folder it names, or why it cannot be used."""

    #: "package acme-checklist 1.2.0 (acme)": where the folder comes from.
    label: str
    path: Path | None
    problem: str = ""


def package_folders(kind: str) -> list[PackageFolder]:
    """Every entry point of the group for `kind`, ordered by distribution name, then entry
    point name, so the search path does not depend on the order packages were installed."""
    found = []
    for point in metadata.entry_points(group=GROUPS[kind]):
        dist = point.dist
        who = f"{dist.metadata['Name']} {dist.version}" if dist is not None else "unknown"
        label = f"package {who} ({point.name})"
        path, problem = _folder_of(point.value)
        if path is not None and not path.is_dir():
            path, problem = None, f"{path} is not a folder"
        found.append(PackageFolder(label, path, problem))
    return sorted(found, key=lambda f: f.label)


def _folder_of(value: str) -> tuple[Path | None, str]:
    module, _, attribute = value.partition(":")
    parts = module.strip().split(".")
    if attribute or not all(part.isidentifier() for part in parts):
        return None, (f"entry point value '{value}' must name a package holding the files "
                      "(e.g. 'acme_checklist.rubrics'), not an object")
    missing = (f"entry point names '{module.strip()}', which is not an installed package "
               "folder; reinstall the package or fix its entry point")
    # The top-level package by the path finder (imports nothing), then its sub-folders by
    # name: a sub-folder without __init__.py is a namespace portion that the finder could
    # only describe relative to an imported parent.
    try:
        spec = PathFinder.find_spec(parts[0])
        locations = [] if spec is None else list(spec.submodule_search_locations or [])
    except (ImportError, OSError, ValueError):
        locations = []
    for part in parts[1:]:
        locations = [str(Path(loc) / part) for loc in locations if (Path(loc) / part).is_dir()]
    if not locations:
        return None, missing
    return Path(locations[0]), ""
