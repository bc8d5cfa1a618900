"""`checklist summary`: the ranking in a terminal, or the scorecard as JSON for machines."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from checklist.files.folder import Workspace
    from checklist.scoring import Scorecard


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = commands.add_parser("summary", help="rank the vendors: verdicts, both axes, gates")
    p.add_argument("dir", metavar="DIR", type=Path, nargs="?", default=Path("."))
    p.add_argument("--json", action="store_true", help="print the scorecard as JSON")
    add_scoring_options(p)
    p.set_defaults(handler=cmd_summary)


def add_scoring_options(parser: argparse.ArgumentParser) -> None:
    """`--rater` and `--aggregate`, shared by every command that shows scores."""
    parser.add_argument("--rater", metavar="NAME", help="only this rater's answers")
    parser.add_argument("--aggregate", choices=("mean", "median"), default="mean",
                        help="how several raters' scores combine (default mean)")


def cmd_summary(args: argparse.Namespace) -> int:
    from checklist.files.clock import today
    from checklist.files.folder import load_folder
    from checklist.scoring import score_workspace
    from checklist.scoring.export import scorecard_json

    workspace = load_folder(args.dir)
    card = score_workspace(workspace, rater=args.rater, aggregate=args.aggregate,
                           today=today())
    warn_unscored(workspace)
    if args.json:
        data = scorecard_json(card)
        data["unscored"] = [
            {"rater": o.rater, "vendor": o.vendor, "question": o.question, "reason": o.reason}
            for o in workspace.orphans
        ]
        print(_json(data))
        return 0
    print(render_summary(card))
    return 0


def _json(data: object) -> str:
    """Indented for a person at a terminal; compact when piped to a program, where Python's
    C encoder is five times faster than the indenting one."""
    import sys

    from checklist.cli.output import dump_json

    return dump_json(data, indent=2 if sys.stdout.isatty() else None)


def warn_unscored(workspace: Workspace, limit: int = 8) -> None:
    """Says on stderr which answers are kept but not scored: a typo'd vendor or question id
    in a hand-edited file must not change a ranking unnoticed."""
    import sys

    from checklist.errors import printable

    orphans = workspace.orphans
    if not orphans:
        return
    print(f"warning: {len(orphans)} answer(s) kept but not scored:", file=sys.stderr)
    for orphan in orphans[:limit]:
        where = f"{orphan.file}: {orphan.vendor} / {orphan.question}"
        print(printable(f"  {where}: {orphan.reason}"), file=sys.stderr)
    if len(orphans) > limit:
        print(f"  … and {len(orphans) - limit} more (`checklist status` lists them all)",
              file=sys.stderr)


def render_summary(card: Scorecard) -> str:
    from checklist import numbers as n
    from checklist.cli.table import render
    from checklist.errors import printable
    from checklist.scoring.narrative import outlook

    rubric = card.rubric
    lines = [f"{card.evaluation.title}",
             f"rubric {rubric.ref} · raters: {', '.join(card.raters) or 'none yet'} · "
             f"aggregate: {card.aggregate}", ""]
    rows = []
    for v in card.vendors:
        gates = ", ".join(f"{g.id} ({n.number(g.level)} < {n.number(g.min)})"
                          for g in v.gates_failed if g.level is not None)
        if v.gates_open:
            still_open = f"open: {', '.join(g.id for g in v.gates_open)}"
            gates = ", ".join(filter(None, [gates, still_open]))
        rows.append((v.rank, v.name, v.verdict_label, n.score(v.score), n.score(v.claims),
                     n.score(v.readiness), n.signed(v.hype_gap), n.pct(v.coverage),
                     n.span(v.lower, v.upper), gates or n.DASH))
    lines.extend(render(
        ("#", "VENDOR", "VERDICT", "OVERALL", "CLAIMS", "READINESS", "HYPE GAP", "COVERAGE",
         "RANGE", "FAILED GATES"),
        rows, right=(0, 3, 4, 5, 6, 7), max_width=48,
    ).split("\n"))
    lines.append("")
    view = outlook(card)
    lines.append(view.headline)
    lines += [f"  - {c}" for c in view.conditions]
    if view.settled:
        lines.append(view.settled)
        lines += [f"  - {d}" for d in view.deciders]
        if view.more_deciders:
            lines.append(f"  … and {view.more_deciders} more")
    if view.sensitivity:
        lines.append(view.sensitivity)
        lines += [f"  - {f}" for f in view.flips]
    if view.disagreements:
        total = len(view.disagreements) + view.more_disagreements
        lines.append(f"Rater disagreements to discuss: {total}")
        lines += [f"  - {d}" for d in view.disagreements]
    # Names, titles and conditions come from files someone else may have written.
    return "\n".join(printable(line) for line in lines)
