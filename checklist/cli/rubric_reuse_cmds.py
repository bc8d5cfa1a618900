"""`checklist rubrics new|diff|path|which`: rubrics shared across teams and versions.

Registered under `checklist rubrics` by `rubric_cmds`. Like every command module, only argparse
is imported at load time; the work is imported inside the handlers.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from checklist.files.library import Library
    from checklist.model import Rubric


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("new", help="scaffold a team rubric that extends a base")
    p.add_argument("id", metavar="ID", help="the new rubric's id (lower-case, digits, '-')")
    p.add_argument("--extends", required=True, metavar="BASE",
                   help="the rubric to extend: id, id@version, or a rubric file")
    p.add_argument("-o", "--output", type=Path, metavar="FILE",
                   help="where to write it (default ./rubrics/ID.yaml, on the search path)")
    p.add_argument("--title", help="the new rubric's title")
    p.add_argument("--version", default="0.1.0", help="its first version (default 0.1.0)")
    p.set_defaults(handler=cmd_new)

    p = sub.add_parser("diff", help="what changed between two rubrics or versions")
    p.add_argument("old", metavar="A", help="id, id@version, rubric file, or evaluation folder")
    p.add_argument("new", metavar="B", help="id, id@version, rubric file, or evaluation folder")
    p.add_argument("--json", action="store_true", help="print the changes as JSON")
    p.set_defaults(handler=cmd_diff)

    p = sub.add_parser("which", help="which file a rubric reference resolves to, and why")
    p.add_argument("ref", metavar="ID", help="id or id@version")
    p.set_defaults(handler=cmd_which)

    p = sub.add_parser("path", help="list, add or remove team rubric (or template) folders")
    p.add_argument("action", nargs="?", choices=("list", "add", "remove"), default="list")
    p.add_argument("folder", nargs="?", metavar="DIR", help="the folder to add or remove")
    p.add_argument("--templates", action="store_true",
                   help="manage template folders instead of rubric folders")
    p.set_defaults(handler=cmd_path)


# --- rubrics new ----------------------------------------------------------------------------


def cmd_new(args: argparse.Namespace) -> int:
    import re

    from checklist.errors import ChecklistError
    from checklist.files.config import Folder, search_path
    from checklist.files.library import Library, RubricEntry, resolve_entry
    from checklist.files.output import write_output
    from checklist.files.validate import to_model
    from checklist.files.yamlio import parse_yaml
    from checklist.model.common import ID_PATTERN
    from checklist.model.rubric import SEMVER, RubricFile
    from checklist.reuse.scaffold import scaffold

    rid = args.id
    if not re.match(ID_PATTERN, rid):
        raise ChecklistError.plain(f"rubric id {rid!r}: use lower-case letters, digits, '-' "
                                   "and '_' (up to 64), starting with a letter or digit")
    if not re.match(SEMVER, args.version):
        raise ChecklistError.plain(f"--version {args.version!r}: write a semantic version "
                                   "like 0.1.0")
    output: Path = args.output or Path("rubrics") / f"{rid}.yaml"
    if output.is_file() or output.is_symlink():
        raise ChecklistError.at(output, "already exists; never overwritten. Pick another "
                                "-o FILE or edit the existing file")
    library = Library.discover([*search_path("rubrics"), Folder("new", output.parent)])
    base, extends = _base(args.extends, library)
    if base.id == rid:
        raise ChecklistError.plain(f"the new rubric needs an id other than its base's "
                                   f"('{rid}'); a team rubric usually adds the team's name")
    text = scaffold(rid, base, extends, title=args.title, version=args.version)
    # Proved valid before it is written: the scaffold must validate as-is.
    doc = parse_yaml(text, str(output))
    entry = RubricEntry(to_model(doc, RubricFile, what="rubric"), doc, output, "new")
    rubric = resolve_entry(entry, library)
    output.parent.mkdir(parents=True, exist_ok=True)
    write_output(output, text.encode("utf-8"), exclusive=True)
    same = [e for e in library.entries if e.file.id == rid and e.path != output]
    print(f"created {output} ({rubric.ref}, extends {extends}: {len(rubric.sections)} sections, "
          f"{len(rubric.questions())} questions)")
    for other in same:
        print(f"note: another rubric '{rid}' is on the search path ({other.source}: "
              f"{other.path}); the later folder on the path wins (`checklist rubrics which "
              f"{rid}`)", file=sys.stderr)
    if not _on_path(output.parent):
        print(f"note: {output.parent} is not on the rubric search path; add it with "
              f"`checklist rubrics path add {output.parent}`", file=sys.stderr)
    print(f"next: edit it, then `checklist rubrics validate {output}` and "
          f"`checklist rubrics diff {extends} {output}`")
    return 0


def _base(text: str, library: Library) -> tuple[Rubric, str]:
    """The base rubric and how the new file should name it in `extends`."""
    from checklist.errors import ChecklistError
    from checklist.files.library import RUBRIC_SUFFIXES

    path = Path(text)
    if path.suffix in RUBRIC_SUFFIXES or path.is_file():
        rubric = library.resolve(text)
        if library.find(rubric.ref) is None:
            raise ChecklistError.at(path, "a rubric can only extend rubrics on the search "
                                    f"path; add its folder first: `checklist rubrics path add "
                                    f"{path.parent}`")
        return rubric, rubric.id
    return library.resolve(text), text


def _on_path(folder: Path) -> bool:
    from checklist.files.config import search_path

    target = folder.resolve()
    return any(f.path.resolve() == target for f in search_path("rubrics"))


# --- rubrics diff ---------------------------------------------------------------------------


def load_any(text: str, library: Library) -> Rubric:
    """A rubric from an id, id@version, rubric file, or an evaluation folder's lock."""
    from checklist.files.folder import LOCK_FILE, own_file
    from checklist.files.validate import to_model
    from checklist.files.yamlio import read_yaml
    from checklist.model import Rubric

    path = Path(text)
    if path.is_dir():
        doc = read_yaml(own_file(path, LOCK_FILE), what="rubric lock")
        return to_model(doc, Rubric, what="rubric")
    return library.resolve(text)


def cmd_diff(args: argparse.Namespace) -> int:
    from checklist.cli.output import dump_json
    from checklist.files.config import Folder, search_path
    from checklist.files.library import RUBRIC_SUFFIXES, Library
    from checklist.reuse.rubric_diff import diff_rubrics

    # Rubric files named on the command line bring their folders, so a team file that extends
    # a sibling compares before it is published (as `rubrics validate` does).
    extra = [Folder("named", Path(a).parent) for a in (args.old, args.new)
             if Path(a).suffix in RUBRIC_SUFFIXES]
    library = Library.discover([*search_path("rubrics"), *dict.fromkeys(extra)])
    diff = diff_rubrics(load_any(args.old, library), load_any(args.new, library))
    if args.json:
        print(dump_json(diff.to_json()))
    else:
        print(diff.text())
    return 0


# --- rubrics which --------------------------------------------------------------------------


def cmd_which(args: argparse.Namespace) -> int:
    from checklist.files.library import Library

    library = Library.discover()
    for problem in library.problems:
        print(f"warning: skipped broken rubric: {problem}", file=sys.stderr)
    winner = library.get(args.ref)
    rid = args.ref.partition("@")[0]
    print(f"{args.ref} -> {winner.ref}: {winner.path} ({winner.source})")
    copies = [e for e in library.entries if e.file.id == rid]
    if len(copies) > 1:
        print("\nall copies, lowest priority first (a later folder wins for the same version; "
              "`id` alone picks the newest version in the highest-priority folder that has it):")
        for entry in copies:
            mark = "*" if entry is winner else " "
            state = f"overridden by {entry.shadowed_by.source}" if entry.shadowed_by else ""
            print(f" {mark} {entry.ref:<24} {entry.source:<22} {entry.path}"
                  f"{'  (' + state + ')' if state else ''}")
    return 0


# --- rubrics path ---------------------------------------------------------------------------


def cmd_path(args: argparse.Namespace) -> int:
    from checklist.errors import ChecklistError
    from checklist.files.config import config_file, load_config, save_config, search_path

    kind = "templates" if args.templates else "rubrics"
    key = "template_paths" if args.templates else "rubric_paths"
    if args.action == "list":
        if args.folder:
            raise ChecklistError.plain("`rubrics path list` takes no folder")
        return _list_path(kind)
    if not args.folder:
        raise ChecklistError.plain(f"`rubrics path {args.action}` needs a folder")
    config = load_config()
    listed: list[str] = list(getattr(config, key))
    folder = Path(args.folder).expanduser()
    absolute = str(folder.resolve())
    if args.action == "add":
        if not folder.is_dir():
            raise ChecklistError.at(folder, "no such folder; create it (or clone your team's "
                                    "rubric repository there) first")
        if absolute in listed or args.folder in listed:
            print(f"{absolute} is already on the {kind} path ({config_file()})")
            return 0
        listed.append(absolute)
        save_config(config.model_copy(update={key: listed}))
        print(f"added {absolute} to the {kind} path ({config_file()})")
        position = [f.path for f in search_path(kind)].index(Path(absolute)) + 1
        print(f"it is folder {position} of {len(search_path(kind))}; later folders win "
              "(`checklist rubrics path` lists them)")
        return 0
    matches = [p for p in listed if p in (args.folder, absolute)
               or Path(p).expanduser().resolve() == Path(absolute)]
    if not matches:
        shown = ", ".join(listed) or "(none)"
        raise ChecklistError.plain(f"{args.folder} is not a team {kind} folder in "
                                   f"{config_file()}; listed: {shown}")
    save_config(config.model_copy(update={key: [p for p in listed if p not in matches]}))
    print(f"removed {matches[0]} from the {kind} path ({config_file()})")
    return 0


def _list_path(kind: str) -> int:
    from checklist.cli.table import render
    from checklist.files.config import config_file, search_path
    from checklist.files.library import RUBRIC_SUFFIXES

    folders = search_path(kind)
    rows = []
    for index, folder in enumerate(folders, 1):
        if folder.path.is_dir():
            count = sum(1 for p in folder.path.iterdir()
                        if p.is_file() and (kind == "templates" or p.suffix in RUBRIC_SUFFIXES))
            state = f"{count} file(s)"
        else:
            state = "missing"
        rows.append((index, folder.label, str(folder.path), state))
    print(f"{kind} search path, lowest priority first (later folders win by id):")
    print(render(("#", "SOURCE", "FOLDER", "CONTENT"), rows, right=(0,), max_width=80))
    print(f"\nteam folders are listed in {config_file()}; add one with "
          f"`checklist rubrics path add DIR{' --templates' if kind == 'templates' else ''}`")
    return 0
