"""`checklist evidence import`, `checklist proposals` and `proposals accept`: measured answers
proposed from the team's own results files, and a rater taking them."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from checklist.cli.rater_check import add_new_rater_flag, check_rater, tell

if TYPE_CHECKING:
    from checklist.model.proposal import Proposal

FORMATS = ("auto", "promptfoo", "lm-eval", "inspect", "csv")


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    group = commands.add_parser("evidence", help="propose answers from eval harness results")
    sub = group.add_subparsers(dest="evidence_command", metavar="COMMAND", required=True)
    p = sub.add_parser(
        "import", help="propose measured answers for a vendor from a results file",
        description="Reads promptfoo results JSON, lm-evaluation-harness results JSON, an "
        "inspect_ai JSON log or a CSV of requests (latency_s, cost, ok) and proposes answers "
        "to the rubric's questions marked `informed_by: measure.*`. Nothing counts until a "
        "rater accepts it (`checklist proposals accept`).")
    p.add_argument("dir", metavar="DIR", type=Path)
    p.add_argument("file", metavar="FILE", type=Path)
    p.add_argument("--vendor", required=True, metavar="VENDOR", help="vendor id or name")
    p.add_argument("--format", choices=FORMATS, default="auto",
                   help="the file's format (default: recognised from the file)")
    p.add_argument("--provider", metavar="NAME", default=None,
                   help="the provider or model in the file, when it has several")
    p.add_argument("--metric", metavar="NAME", default=None,
                   help="the accuracy metric: TASK/NAME for lm-eval, NAME for inspect")
    p.set_defaults(handler=cmd_evidence_import)

    group = commands.add_parser("proposals",
                                help="answers proposed from the bake-off or results files")
    sub = group.add_subparsers(dest="proposals_command", metavar="COMMAND", required=True)
    p = sub.add_parser(
        "list", help="proposed answers, and where a rater stands on each",
        description="Lists proposed answers (`checklist bakeoff propose`, `checklist evidence "
        "import`) and, with --rater, where that rater stands on each: open, accepted or "
        "overridden (their own answer stands).")
    p.add_argument("dir", metavar="DIR", type=Path)
    p.add_argument("--rater", metavar="NAME", default=None)
    p.add_argument("--vendor", metavar="VENDOR", default=None, help="vendor id or name")
    p.set_defaults(handler=cmd_proposals)
    p = sub.add_parser(
        "import", help="propose the answers of a vendor's filled questionnaire workbook",
        description="Reads the workbook `checklist questionnaire --format xlsx` wrote, once "
        "the vendor filled it in, and proposes each answer with the vendor's evidence "
        "(graded vendor-claim) and comment. Every bad cell is reported as "
        "file.xlsx:Sheet!F12; nothing is written unless every cell is good. Nothing counts "
        "until a rater accepts it (`checklist proposals accept`).")
    p.add_argument("dir", metavar="DIR", type=Path)
    p.add_argument("file", metavar="FILE.xlsx", type=Path)
    p.add_argument("--vendor", metavar="VENDOR", default=None,
                   help="check the workbook is this vendor's (id or name)")
    p.set_defaults(handler=cmd_questionnaire_import)
    p = sub.add_parser("accept", help="take proposed answers into your ratings",
                       description="Copies the open proposals into the rater's answers, with "
                       "their evidence, in one write. An answer of your own is kept (and "
                       "listed) unless --replace.")
    p.add_argument("dir", metavar="DIR", type=Path)
    p.add_argument("--rater", required=True, metavar="NAME")
    p.add_argument("--vendor", metavar="VENDOR", default=None, help="vendor id or name")
    p.add_argument("--question", metavar="QID", default=None)
    p.add_argument("--replace", action="store_true",
                   help="also replace answers of your own that differ from the proposal")
    add_new_rater_flag(p)
    p.set_defaults(handler=cmd_accept)


def cmd_evidence_import(args: argparse.Namespace) -> int:
    from checklist.files.folder import load_folder, now
    from checklist.files.proposals import write_proposals
    from checklist.reuse.evidence_import import evidence_proposals
    from checklist.reuse.harness import read_results

    workspace = load_folder(args.dir)
    vendor = workspace.evaluation.find_vendor(args.vendor)
    results = read_results(args.file, args.format, subject=args.provider, metric=args.metric)
    proposals = evidence_proposals(workspace, vendor.id, args.file, results, now())
    path = write_proposals(workspace, proposals, evidence_file=args.file)
    print_proposed(proposals.proposals)
    print(f"{len(proposals.proposals)} proposed for {vendor.id} in {path}; a rater takes them "
          f"with `checklist proposals accept {args.dir} --rater NAME`")
    return 0


def cmd_questionnaire_import(args: argparse.Namespace) -> int:
    from checklist.files.folder import load_folder, now
    from checklist.files.proposals import write_proposals
    from checklist.reuse.questionnaire_import import read_questionnaire

    workspace = load_folder(args.dir)
    vendor = workspace.evaluation.find_vendor(args.vendor).id if args.vendor else None
    answers = read_questionnaire(workspace, args.file, now(), vendor)
    if not answers.proposals.proposals:
        print(f"{args.file}: the vendor answered none of the {len(answers.unanswered)} "
              "question(s); nothing proposed")
        return 0
    path = write_proposals(workspace, answers.proposals, evidence_file=args.file)
    print_proposed(answers.proposals.proposals)
    left = (f"; {len(answers.unanswered)} left unanswered ({', '.join(answers.unanswered)})"
            if answers.unanswered else "")
    print(f"{len(answers.proposals.proposals)} proposed for {answers.vendor} in {path}{left}; "
          f"a rater takes them with `checklist proposals accept {args.dir} --rater NAME`")
    return 0


def cmd_proposals(args: argparse.Namespace) -> int:
    from checklist.cli.table import render
    from checklist.files.folder import load_folder
    from checklist.files.proposals import standings

    workspace = load_folder(args.dir)
    vendor = workspace.evaluation.find_vendor(args.vendor).id if args.vendor else None
    rows = [[s.proposal.vendor, s.proposal.question, s.proposal.answer.display(),
             s.state if args.rater else "", s.source.source]
            for s in standings(workspace, args.rater, vendor=vendor)]
    if not rows:
        print("no proposals; make them with `checklist bakeoff propose` or `checklist "
              "evidence import`")
        return 0
    headers = ["vendor", "question", "proposed", "state" if args.rater else "", "source"]
    print(render(headers, rows))
    return 0


def cmd_accept(args: argparse.Namespace) -> int:
    from checklist.errors import printable
    from checklist.files.folder import load_folder, rater_id
    from checklist.files.proposals import accept

    workspace = load_folder(args.dir)
    vendor = workspace.evaluation.find_vendor(args.vendor).id if args.vendor else None
    if args.question is not None and workspace.rubric.question(args.question) is None:
        from checklist.errors import ChecklistError, hint
        ids = [q.id for _, q in workspace.rubric.questions()]
        raise ChecklistError.plain(f"unknown question '{args.question}'"
                                   f"{hint(args.question, ids, 'questions')}")
    notice = check_rater(workspace.path, args.rater, new_rater=args.new_rater)
    done = accept(workspace, rater_id(args.rater), vendor=vendor, question=args.question,
                  replace=args.replace)
    for s in done.taken:
        print(f"accepted {s.proposal.vendor} / {s.proposal.question} = "
              f"{s.proposal.answer.display()}")
    for s in done.kept:
        mine = s.current.display() if s.current else "—"
        print(printable(f"kept your {s.proposal.vendor} / {s.proposal.question} = {mine} "
                        f"(proposed {s.proposal.answer.display()}; --replace takes it)"))
    if not done.taken and not done.kept:
        print("nothing to accept: no open proposals" + (f" for {vendor}" if vendor else ""))
    elif done.taken:
        tell(notice)
    return 0


def print_proposed(proposals: Sequence[Proposal]) -> None:
    for proposal in proposals:
        print(f"  {proposal.vendor} / {proposal.question} = {proposal.answer.display()}")
