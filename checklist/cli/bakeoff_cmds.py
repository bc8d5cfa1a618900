"""`checklist bakeoff ...`: the team's own blind bake-off inside an evaluation.

init (create bakeoff/), add (outputs from a manifest or one file), status (what is missing,
votes done), plan (the seeded plan and what it can detect), results (ratings and judging
quality: `bakeoff_results.py`), judge, vote and serve (blind judging in the terminal UI, as
plain text or in a local web page: `bakeoff_judging.py`). numpy and scipy are imported only by
`plan` and `results`, Textual only by `judge`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from checklist.cli.bakeoff_judging import cmd_judge, cmd_serve, cmd_vote

if TYPE_CHECKING:
    from checklist.bakeoff.status import BakeoffStatus


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    group = commands.add_parser("bakeoff", help="the team's own blind bake-off: prompts, "
                                "outputs, plan, votes")
    sub = group.add_subparsers(title="bake-off commands", metavar="ACTION", required=True)

    p = sub.add_parser("init", help="create bakeoff/ in an evaluation folder")
    p.add_argument("dir", metavar="DIR", type=Path, help="the evaluation folder")
    p.add_argument("--prompts", type=Path, metavar="FILE",
                   help="prompts: YAML (a list of id/text/input/task/tags) or text, one per line")
    p.add_argument("--task", default="general", metavar="TASK",
                   help="task of prompts read from a text file (e.g. text-to-video)")
    p.add_argument("--vendor", action="append", metavar="ID",
                   help="a vendor taking part (default: every vendor of the evaluation)")
    p.add_argument("--seed", type=int, metavar="N", help="the plan's seed (default: random)")
    p.add_argument("--title", default="", help="a title for the bake-off")
    p.set_defaults(handler=cmd_init)

    p = sub.add_parser("add", help="add outputs: a manifest (CSV or JSONL) or one file")
    # one positional list: argparse cannot take an optional FILE after the options otherwise
    p.add_argument("paths", metavar="DIR [FILE]", type=Path, nargs="+",
                   help="the evaluation folder, then one output file (with --vendor and "
                   "--prompt)")
    p.add_argument("--manifest", type=Path, metavar="FILE",
                   help="CSV or JSONL: vendor, prompt, path or text, latency_s, cost, ok")
    p.add_argument("--vendor", metavar="ID")
    p.add_argument("--prompt", metavar="ID")
    p.add_argument("--dry-run", action="store_true", help="check the manifest, write nothing")
    p.set_defaults(handler=cmd_add)

    p = sub.add_parser("status", help="outputs missing per vendor and prompt, votes per rater")
    p.add_argument("dir", metavar="DIR", type=Path, nargs="?", default=Path("."))
    p.set_defaults(handler=cmd_status)

    p = sub.add_parser("plan", help="write the seeded plan and say what it can detect")
    p.add_argument("dir", metavar="DIR", type=Path)
    p.add_argument("--rater", "--raters", dest="raters", action="append", required=True,
                   metavar="NAME", help="a rater (repeat, or separate names with commas)")
    p.add_argument("--seed", type=int, metavar="N", help="default: the seed in bakeoff.yaml")
    p.add_argument("--pairs", choices=("all", "balanced"), default="all",
                   help="every vendor pair on every prompt (all), or --per-prompt pairs each")
    p.add_argument("--per-prompt", type=int, metavar="K",
                   help="comparisons per prompt with --pairs balanced (default: vendors // 2)")
    p.add_argument("--overlap", type=int, default=1, metavar="N",
                   help="raters judging each comparison (default 1; 2+ measures agreement)")
    p.add_argument("--simulations", type=int, default=1000, metavar="N",
                   help="simulated bake-offs for the power estimate (default 1000)")
    p.add_argument("--dry-run", action="store_true", help="print the plan's numbers only")
    p.set_defaults(handler=cmd_plan)

    p = sub.add_parser("judge", help="judge your share blind in the terminal UI (text outputs)")
    p.add_argument("dir", metavar="DIR", type=Path, help="the evaluation folder")
    p.add_argument("--rater", required=True, metavar="NAME", help="you, as named in the plan")
    p.set_defaults(handler=cmd_judge)

    from checklist.cli.bakeoff_results import add_parser as add_results

    add_results(sub)

    p = sub.add_parser("propose", help="propose answers from the results (informed_by: bakeoff.*)",
                       description="Writes proposals/bakeoff.yaml: for every question marked "
                       "`informed_by: bakeoff.usable-rate`, `bakeoff.win-rate` or "
                       "`bakeoff.to-plan`, each vendor's value from the votes, with the votes "
                       "files as own-test evidence. A rater takes them with `checklist "
                       "proposals accept`; nothing counts before.")
    p.add_argument("dir", metavar="DIR", type=Path)
    p.set_defaults(handler=cmd_propose)

    p = sub.add_parser("vote", help="judge your share in plain text (text outputs)")
    p.add_argument("dir", metavar="DIR", type=Path)
    p.add_argument("--rater", required=True, metavar="NAME")
    p.set_defaults(handler=cmd_vote)

    p = sub.add_parser("serve", help="judge your share in a local web page (image, audio, "
                       "video)", description="Serves your share of the plan as a local web "
                       "page for media outputs (keys: a or left arrow: A better, b or right "
                       "arrow: B better, t tie, x both unusable, u undo). The page is at "
                       "http://127.0.0.1:PORT/?token=...; only that address, with its "
                       "per-session token, opens it. Ctrl+C stops it.")
    p.add_argument("dir", metavar="DIR", type=Path)
    p.add_argument("--rater", required=True, metavar="NAME")
    p.add_argument("--port", type=int, default=0, metavar="N",
                   help="the port to listen on (default 0: any free port)")
    p.add_argument("--host", default="127.0.0.1", metavar="H",
                   help="the address to listen on (default 127.0.0.1, this machine only)")
    p.add_argument("--allow-remote", action="store_true",
                   help="allow a --host other than loopback. UNSAFE: the page is plain HTTP "
                   "(no TLS), so the token in its URL and the outputs cross the network "
                   "readable by anyone on the way, who can then vote as you")
    p.add_argument("--open", action="store_true", help="open the page in the web browser")
    p.set_defaults(handler=cmd_serve)


def cmd_init(args: argparse.Namespace) -> int:
    from checklist.bakeoff.folder import init_bakeoff, read_prompts
    from checklist.bakeoff.model import MAX_SEED, Prompt
    from checklist.errors import ChecklistError

    if args.seed is not None and not 0 <= args.seed <= MAX_SEED:
        raise ChecklistError.plain(f"--seed {args.seed}: give a whole number from 0 to "
                                   f"{MAX_SEED}")
    if args.prompts is not None:
        prompts = read_prompts(args.prompts, task=args.task)
    else:
        prompts = [Prompt(id="p01", task=args.task,
                          text="Replace this with your first prompt; add one entry per prompt.")]
    bakeoff = init_bakeoff(args.dir, prompts, seed=args.seed, title=args.title,
                           vendors=args.vendor)
    print(f"created {bakeoff.path}/bakeoff.yaml: {len(bakeoff.vendors)} vendors "
          f"({', '.join(bakeoff.vendors)}), {len(prompts)} prompt(s), seed "
          f"{bakeoff.settings.seed}")
    print(f"next: put outputs in {bakeoff.path}/outputs/<vendor>/<prompt>.<ext> (or `checklist "
          f"bakeoff add {args.dir} --manifest FILE`), then `checklist bakeoff plan {args.dir} "
          "--rater NAME ...`")
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    from checklist.bakeoff.folder import load_bakeoff
    from checklist.errors import ChecklistError

    if len(args.paths) > 2:
        raise ChecklistError.plain("give the evaluation folder and at most one output FILE")
    args.dir = args.paths[0]
    args.file = args.paths[1] if len(args.paths) > 1 else None
    single = args.file is not None or args.vendor is not None or args.prompt is not None
    if (args.manifest is None) == (not single):
        raise ChecklistError.plain("give --manifest FILE, or --vendor V --prompt P FILE "
                                   "(one or the other)")
    bakeoff = load_bakeoff(args.dir)
    if args.manifest is not None:
        from checklist.bakeoff.manifest import import_manifest

        result = import_manifest(bakeoff, args.manifest, dry_run=args.dry_run)
        print(result.text(args.manifest) + (" (dry run: nothing written)" if args.dry_run
                                             else ""))
        return 0
    if args.file is None or args.vendor is None or args.prompt is None:
        raise ChecklistError.plain("one output needs --vendor V --prompt P and the FILE")
    if args.dry_run:
        raise ChecklistError.plain("--dry-run goes with --manifest")
    from checklist.bakeoff.add_file import add_file

    target = add_file(bakeoff, args.vendor, args.prompt, args.file)
    print(f"already there: {args.vendor} / {args.prompt}" if target is None
          else f"added {target}")
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    from checklist.bakeoff.folder import load_bakeoff
    from checklist.bakeoff.status import bakeoff_status

    status = bakeoff_status(load_bakeoff(args.dir))
    print(status_text(status))
    for problem in status.problems:
        print(problem, file=sys.stderr)
    return 2 if status.problems else 0


def status_text(status: BakeoffStatus) -> str:
    from checklist.cli.table import render
    from checklist.errors import one_of, printable

    bakeoff = status.bakeoff
    settings = bakeoff.settings
    total = len(bakeoff.prompts) * len(bakeoff.vendors)
    lines = [f"{printable(settings.title or 'Bake-off')}: {len(bakeoff.vendors)} vendors, "
             f"{len(bakeoff.prompts)} prompts, seed {settings.seed}",
             f"outputs: {total - status.missing} of {total}"]
    rows = []
    for v in status.vendors:
        note = f"missing: {one_of(v.missing, limit=8)}" if v.missing else ""
        if v.failed:
            note = (note + "; " if note else "") + f"{v.failed} failed request(s)"
        rows.append([v.vendor, printable(v.name), f"{v.present + v.failed}/{len(bakeoff.prompts)}",
                     note])
    lines.append(render(["vendor", "name", "outputs", ""], rows))
    if status.catalog.strays:
        lines.append(f"not used (no such vendor or prompt): "
                     f"{printable(one_of(status.catalog.strays, limit=8))}")
    plan = status.plan
    if plan is None:
        lines.append("plan: none yet (`checklist bakeoff plan DIR --rater NAME ...`)")
        return "\n".join(lines)
    pairs = ("every pair on every prompt" if plan.pairs == "all"
             else f"{plan.per_prompt} pair(s) per prompt, balanced")
    lines.append(f"plan {plan.id}: {len(plan.comparisons)} comparisons ({pairs}), "
                 f"{plan.overlap} rater(s) per comparison")
    if status.changed:
        lines.append(f"changed since the plan (judges see the new content): "
                     f"{one_of(status.changed, limit=8)}")
    rows = [[r.rater, printable(r.name), f"{r.done}/{r.share}",
             "done" if r.done >= r.share else ""] for r in status.raters]
    lines.append("votes:")
    lines.append(render(["rater", "name", "voted", ""], rows))
    return "\n".join(lines)


def cmd_plan(args: argparse.Namespace) -> int:
    from checklist.bakeoff.catalog import build_catalog
    from checklist.bakeoff.folder import load_bakeoff
    from checklist.bakeoff.model import MAX_SEED
    from checklist.bakeoff.plan import PlanRequest, PlanSummary, make_plan, write_plan
    from checklist.errors import ChecklistError

    if args.seed is not None and not 0 <= args.seed <= MAX_SEED:
        raise ChecklistError.plain(f"--seed {args.seed}: give a whole number from 0 to "
                                   f"{MAX_SEED}")
    if not 100 <= args.simulations <= 100_000:
        raise ChecklistError.plain(f"--simulations {args.simulations}: give 100 to 100000")
    bakeoff = load_bakeoff(args.dir)
    raters = [name.strip() for item in args.raters for name in item.split(",") if name.strip()]
    seed = bakeoff.settings.seed if args.seed is None else args.seed
    request = PlanRequest(raters, seed, args.pairs, args.per_prompt, args.overlap)
    plan = make_plan(bakeoff, build_catalog(bakeoff), request)
    summary = PlanSummary.of(plan)
    if args.dry_run:
        written = "dry run, nothing written"
    else:
        changed = write_plan(bakeoff, plan)
        written = f"{'wrote' if changed else 'unchanged:'} {bakeoff.path / 'plan.yaml'}"
    low, high = summary.pair_counts
    each = f"each pair {low} times" if low == high else f"each pair {low} or {high} times"
    how = "every pair on every prompt" if plan.pairs == "all" else (
        f"{plan.per_prompt} pair(s) per prompt")
    print(f"{written}: plan {plan.id}, {summary.comparisons} comparisons on {summary.prompts} "
          f"prompts ({how}; {each}), {plan.overlap} rater(s) each, {summary.votes} votes")
    for rater, count in summary.per_rater.items():
        print(f"  {rater}: {count} comparisons")
    print(power_text(plan, args.simulations))
    return 0


def power_text(plan: object, simulations: int) -> str:
    import math

    from checklist.bakeoff.model import PlanFile
    from checklist.bakeoff.plan import planned_votes
    from checklist.bakeoff.power import detectable_gap

    assert isinstance(plan, PlanFile)
    result = detectable_gap(planned_votes(plan), len(plan.vendors), seed=plan.seed,
                            simulations=simulations)
    a, b = (plan.vendors[i] for i in result.pair)
    where = (f"for the least-compared pair ({a} vs {b}, {result.direct_votes} direct votes of "
             f"{result.votes})")
    if not math.isfinite(result.elo):
        return (f"detectable at 80% power (5% two-sided) {where}: not even an 800-Elo gap "
                f"(a 99% win rate); add prompts or raters ({simulations:,} seeded simulations)")
    p = result.win_probability
    return (f"detectable at 80% power (5% two-sided) {where}: a gap of {result.elo:.0f} Elo, "
            f"i.e. the better one wins {p:.1%} of comparisons ({simulations:,} seeded "
            "simulations; smaller real gaps may go unseen)")


def cmd_propose(args: argparse.Namespace) -> int:
    from checklist.bakeoff.proposals import bakeoff_proposals
    from checklist.bakeoff.results import bakeoff_results
    from checklist.cli.proposal_cmds import print_proposed
    from checklist.errors import ChecklistError
    from checklist.files.folder import load_folder, now
    from checklist.files.proposals import write_proposals

    results = bakeoff_results(args.dir)
    workspace = load_folder(results.bakeoff.evaluation)
    proposals, skipped = bakeoff_proposals(workspace, results, now())
    if not proposals.proposals and not skipped:
        raise ChecklistError.plain("no question of the rubric is informed by the bake-off; "
                                   "mark one with `informed_by: bakeoff.usable-rate` (or "
                                   "bakeoff.win-rate, bakeoff.to-plan) in a rubric that "
                                   "extends this one")
    path = write_proposals(workspace, proposals)
    print_proposed(proposals.proposals)
    for line in skipped:
        print(f"  not proposed: {line}")
    print(f"{len(proposals.proposals)} proposed in {path}; a rater takes them with "
          f"`checklist proposals accept {args.dir} --rater NAME`")
    return 0
