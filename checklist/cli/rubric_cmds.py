"""`checklist rubrics ...`: browse, show, validate and describe rubrics."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    group = commands.add_parser("rubrics", help="list, show, validate and scaffold rubrics")
    sub = group.add_subparsers(title="rubric commands", metavar="ACTION", required=True)

    p = sub.add_parser("list", help="every rubric on the search path and where it comes from")
    p.add_argument("--all", action="store_true", help="also list overridden copies")
    p.set_defaults(handler=cmd_list)

    p = sub.add_parser("show", help="the resolved rubric (extends flattened)")
    p.add_argument("rubric", metavar="ID_OR_PATH", help="rubric id, id@version, or a YAML file")
    p.add_argument("--json", action="store_true", help="print the resolved rubric as JSON")
    p.set_defaults(handler=cmd_show)

    p = sub.add_parser("validate", help="check rubric files; exit 2 with one line per problem")
    p.add_argument("paths", nargs="+", metavar="PATH", help="rubric files or folders of them")
    p.set_defaults(handler=cmd_validate)

    p = sub.add_parser("schema", help="JSON Schema of a file format, for editor completion, "
                       "or of `summary --json` (summary)")
    p.add_argument("kind", nargs="?", default="rubric",
                   choices=("rubric", "evaluation", "ratings", "summary"))
    p.set_defaults(handler=cmd_schema)

    # `rubrics new` and `rubrics diff` live with the other reuse commands.
    import importlib.util

    if importlib.util.find_spec("checklist.cli.rubric_reuse_cmds") is not None:
        importlib.import_module("checklist.cli.rubric_reuse_cmds").register(sub)
    from checklist.cli import rubric_coverage_cmds

    rubric_coverage_cmds.register(sub)


def cmd_list(args: argparse.Namespace) -> int:
    from checklist.cli.table import render
    from checklist.errors import ChecklistError
    from checklist.files.config import load_config
    from checklist.files.library import Library
    from checklist.model.rubric_purpose import purpose

    try:
        load_config()
    except ChecklistError as exc:  # the search path then leaves out the team folders
        for problem in exc.problems:
            print(f"warning: config file ignored, team folders not searched: {problem}",
                  file=sys.stderr)
    from checklist.files.packages import package_folders

    for package in package_folders("rubrics"):
        if package.problem:
            print(f"warning: skipped {package.label}: {package.problem}", file=sys.stderr)
    library = Library.discover()
    for problem in library.problems:
        print(f"warning: skipped broken rubric: {problem}", file=sys.stderr)
    entries = library.entries if args.all else library.active()
    defaults = {id(library.find(rid)) for rid in library.ids()}
    rows = []
    for entry in sorted(entries, key=lambda e: (e.file.id, e.file.version, e.source)):
        where = f"{entry.source}: {entry.path}"
        if entry.shadowed_by is not None:
            where += f" (overridden by {entry.shadowed_by.source})"
        elif id(entry) in defaults and len(library.versions(entry.file.id)) > 1:
            where += " (default for this id)"
        rows.append((entry.file.id, entry.file.version, entry.file.extends or "-",
                     purpose(entry.file.description, entry.file.title), where))
    if not rows:
        print("no rubrics found on the search path", file=sys.stderr)
        return 0
    print(render(("ID", "VERSION", "PARENT", "PURPOSE", "FROM"), rows, max_width=90))
    shadowed = [e for e in library.entries if e.shadowed_by is not None]
    if shadowed and not args.all:
        print(f"\n{len(shadowed)} overridden cop{'y' if len(shadowed) == 1 else 'ies'} "
              "hidden; `checklist rubrics list --all` shows them")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from checklist.cli.output import dump_json
    from checklist.files.library import Library

    rubric = Library.discover().resolve(args.rubric)
    if args.json:
        print(dump_json(rubric.model_dump(mode="json")))
        return 0
    print(describe(rubric))
    return 0


def describe(rubric: object) -> str:
    """A readable outline of a rubric: sections, questions, weights and gates."""
    from checklist.model import when as conditions
    from checklist.model.rubric import Rubric
    from checklist.scoring.gate_terms import bound_of, bound_text

    assert isinstance(rubric, Rubric)
    scale = rubric.scale
    lines = [f"{rubric.title}  ({rubric.ref})"]
    if rubric.based_on:
        lines.append(f"based on: {', '.join(rubric.based_on)}")
    if rubric.description:
        lines.append(rubric.description.strip())
    labels = ", ".join(f"{lv} {scale.label(lv)}" for lv in scale.levels())
    lines.append(f"scale: {labels}")
    if rubric.context:
        lines.append("context flags:")
        lines += [f"  {f.id}: {f.text} (default {'yes' if f.default else 'no'})"
                  for f in rubric.context]
    total_q = sum(len(s.questions) for s in rubric.sections)
    gates = sum(1 for _, q in rubric.questions() if q.gate)
    lines.append(f"{len(rubric.sections)} sections, {total_q} questions, {gates} gates")
    for section in rubric.sections:
        lines.append("")
        lines.append(f"[{section.axis}] {section.title} ({section.id}, weight {section.weight:g})"
                     + (f" only when {conditions.text(section.when)}" if section.when else ""))
        for question in section.questions:
            kind = "" if question.type == "score" else f" [{question.type}]"
            na = ", N/A allowed" if question.allow_na else ""
            only = f" only when {conditions.text(question.when)}" if question.when else ""
            lines.append(f"  - {question.id} (weight {question.weight:g}{na}){kind}{only}")
            lines.append(f"    {question.text}")
            if question.type == "choice":
                lines += [f"      {c.id}: {c.label} = {c.score}" for c in question.choices]
            elif question.type == "number":
                sign = ">=" if question.better == "higher" else "<="
                unit = f" {question.unit}" if question.unit else ""
                lines += [f"      {level} if value {sign} {value:g}{unit}"
                          for level, value in sorted(question.thresholds.items(), reverse=True)]
            else:
                lines += [f"      {level}: {text}" for level, text in
                          sorted(question.anchors.items(), reverse=True)]
            if question.maps_to:
                lines.append(f"    maps to: {', '.join(question.maps_to)}")
            if question.gate:
                when = (f" when {conditions.text(question.gate.when)}"
                        if question.gate.when else "")
                reason = f": {question.gate.reason.strip()}" if question.gate.reason else ""
                asks = bound_text(bound_of(question), question, scale)
                lines.append(f"    GATE: no-go unless {asks}{when}{reason}")
    return "\n".join(lines)


def _rubric_files(paths: list[str]) -> list[Path]:
    from checklist.files.library import RUBRIC_SUFFIXES

    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files += sorted(p for p in path.iterdir() if p.suffix in RUBRIC_SUFFIXES)
        else:
            files.append(path)
    return files


def cmd_validate(args: argparse.Namespace) -> int:
    from checklist.errors import ChecklistError
    from checklist.files.config import Folder, search_path
    from checklist.files.library import Library, load_rubric_file, resolve_with_warnings

    files = _rubric_files(args.paths)
    # The files' own folders join the search path, so rubrics extending each other validate
    # together before they are published.
    extra = [Folder("validated", p.parent) for p in files]
    library = Library.discover([*search_path("rubrics"), *dict.fromkeys(extra)])
    failed = 0
    for path in files:
        try:
            entry = load_rubric_file(path)
            rubric, warnings = resolve_with_warnings(entry, library)
        except ChecklistError as exc:
            failed += 1
            for problem in exc.problems:
                print(problem, file=sys.stderr)
            continue
        for warning in warnings:
            print(warning, file=sys.stderr)
        count = sum(len(s.questions) for s in rubric.sections)
        print(f"{path}: ok ({rubric.ref}, {len(rubric.sections)} sections, {count} questions)")
    if not files:
        print("no rubric files found", file=sys.stderr)
        return 2
    return 2 if failed else 0


def cmd_schema(args: argparse.Namespace) -> int:
    from pydantic import BaseModel

    from checklist.cli.output import dump_json
    from checklist.model import Evaluation, Ratings, RubricFile

    if args.kind == "summary":
        from checklist.scoring.export_types import summary_schema

        print(dump_json(summary_schema()))
        return 0
    models: dict[str, type[BaseModel]] = {
        "rubric": RubricFile, "evaluation": Evaluation, "ratings": Ratings,
    }
    schema = models[args.kind].model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"checklist {args.kind} file"
    print(dump_json(schema))
    return 0
