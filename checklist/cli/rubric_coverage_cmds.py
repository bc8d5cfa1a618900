"""`checklist rubrics coverage ID --framework F`: which ids of a framework a rubric covers."""

from __future__ import annotations

import argparse

from checklist.frameworks import FRAMEWORKS


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    listing = "; ".join(f"{f.id}: {f.name}" for f in FRAMEWORKS.values())
    p = sub.add_parser(
        "coverage", help="which ids of a framework the rubric's questions map to (maps_to)",
        description="Lists every id of the framework as covered (with the questions that map "
        f"to it) or not covered. Frameworks: {listing}.")
    p.add_argument("rubric", metavar="ID_OR_PATH", help="rubric id, id@version, or a YAML file")
    p.add_argument("--framework", required=True, choices=list(FRAMEWORKS),
                   help="the framework to report on")
    p.add_argument("--json", action="store_true", help="the same report for machines")
    p.set_defaults(handler=cmd_coverage)


def cmd_coverage(args: argparse.Namespace) -> int:
    from checklist.cli.output import dump_json
    from checklist.cli.table import render
    from checklist.files.library import Library
    from checklist.model.framework_coverage import coverage

    rubric = Library.discover().resolve(args.rubric)
    report = coverage(rubric, FRAMEWORKS[args.framework])
    if args.json:
        print(dump_json({
            "rubric": rubric.ref,
            "framework": report.framework.id,
            "name": report.framework.name,
            "source": report.framework.source,
            "covered": len(report.covered),
            "total": len(report.ids),
            "ids": [{"id": i.id, "covered": i.covered, "questions": list(i.questions)}
                    for i in report.ids],
        }))
        return 0
    rows = [(i.id, "covered" if i.covered else "not covered", ", ".join(i.questions))
            for i in report.ids]
    print(f"{rubric.ref}: {report.summary()}")
    print(render(("ID", "STATUS", "QUESTIONS"), rows, max_width=90))
    return 0
