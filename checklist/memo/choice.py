"""Which template renders a memo: the template search path, and `--template`.

Templates are found on the template search path (bundled, the user's folder, team folders
from the config, `./templates`, `CHECKLIST_TEMPLATE_PATH`; later folders win), with a folder
or file given by `--template` searched first. No Jinja here: choosing a template costs the
process that asks nothing, and the render itself runs in a worker
(`checklist.memo.worker`, `checklist.memo.environment`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from checklist.errors import ChecklistError

#: Output format -> the extension of its templates (`memo.md.j2`, `memo.typ.j2`).
EXTENSIONS = {"md": "md", "html": "html", "pdf": "typ", "typ": "typ"}
KINDS = ("memo", "vendor", "questionnaire")
BUNDLED_PREFIX = "bundled"


@dataclass(frozen=True)
class TemplateChoice:
    """Which template renders, the folders searched (first wins), and the shipped ones."""

    name: str
    folders: tuple[Path, ...]
    bundled: Path


def resolve(kind: str, fmt: str, template: str | Path | None = None,
            cwd: Path | None = None) -> TemplateChoice:
    """Finds the template for `kind` ("memo", "vendor", "questionnaire") in format `fmt`.

    `template` is None (the default name on the search path), a folder (searched first), a
    template file, or a name on the search path: a folder `NAME/` holding the template, a
    template file `NAME`, or `NAME.<ext>.j2`.
    """
    from checklist.files.config import bundled_dir, search_path

    ext = EXTENSIONS[fmt]
    default = f"{kind}.{ext}.j2"
    bundled = bundled_dir("templates")
    folders = [f.path for f in reversed(search_path("templates", cwd=cwd))]
    folders = [f for f in folders if f.is_dir()]
    if template is None:
        return TemplateChoice(default, tuple(folders), bundled)
    given = Path(template).expanduser()
    if not given.is_absolute() and cwd is not None:
        given = cwd / given
    if given.is_dir():
        return TemplateChoice(default, (given, *folders), bundled)
    if given.is_file():
        return TemplateChoice(given.name, (given.parent, *folders), bundled)
    name = str(template)
    tried = []
    for folder in folders:
        for candidate, searched in (
            (folder / name / default, (folder / name, *folders)),
            (folder / name, tuple(folders)),
            (folder / f"{name}.{ext}.j2", tuple(folders)),
        ):
            tried.append(candidate)
            if candidate.is_file():
                rel = candidate.relative_to(searched[0]).as_posix()
                return TemplateChoice(rel, searched, bundled)
    raise ChecklistError.plain(
        f"no template '{name}' for {fmt}: not a folder or file, and not on the template search "
        f"path as {name}/{default}, {name} or {name}.{ext}.j2 (searched "
        f"{', '.join(str(f) for f in folders)}); `--template` takes a folder, a file, or a "
        "name on the search path"
    )


def template_file(choice: TemplateChoice) -> str:
    """The file a template name stands for, as a person would type it (for an error that
    has no line, such as a render stopped from outside)."""
    name = choice.name
    if name.startswith(BUNDLED_PREFIX + "/"):
        candidates = [choice.bundled / name.removeprefix(BUNDLED_PREFIX + "/")]
    else:
        candidates = [folder / name for folder in choice.folders]
    for candidate in candidates:
        if candidate.is_file():
            return where(str(candidate))
    return name


def where(filename: str) -> str:
    """A template's file name as a person would type it: relative when under the cwd."""
    path = Path(filename)
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)
