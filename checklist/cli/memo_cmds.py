"""`checklist memo` and `checklist questionnaire`: the documents that leave the team.

Jinja and typst load only inside the handlers, so `checklist --help` stays fast.

Where output goes: Markdown, HTML and typst go to stdout unless `-o FILE` is given. A PDF is
never written to a terminal: without `-o` it goes into the evaluation folder (`memo.pdf`,
`memo-<vendor>.pdf`, `questionnaire-<vendor>.pdf`), next to the files it was made from, and
the path is printed; `-o -` sends it to stdout when stdout is a pipe or a file.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from checklist.cli.summary_cmds import add_scoring_options, warn_unscored

if TYPE_CHECKING:
    from checklist.files.folder import Workspace

FORMATS = ("md", "html", "pdf", "typ")
#: Binary formats: never written to a terminal; without -o they go into the folder.
BINARY = ("pdf", "xlsx", "docx")


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = commands.add_parser(
        "memo", help="write the decision memo (Markdown, HTML or PDF)",
        description="Render the decision memo from the scorecard through Jinja templates. "
                    "Markdown goes to stdout; a PDF without -o goes to DIR/memo.pdf.",
    )
    p.add_argument("dir", metavar="DIR", type=Path, nargs="?", default=Path("."))
    _output_options(p, extra=("docx",), extra_help=", or docx (Word)")
    p.add_argument("--vendor", metavar="V", help="a one-vendor memo for this vendor (id or name)")
    p.add_argument("--since", metavar="OLD_DIR", type=Path,
                   help="an earlier assessment of the same decision: add what changed")
    add_scoring_options(p)
    p.set_defaults(handler=cmd_memo)

    p = commands.add_parser(
        "questionnaire", help="follow-up questions for one vendor, ready to email",
        description="Every open or weak item for one vendor (unanswered, low score, low "
                    "confidence, gates) with the rubric's question and the evidence to send.",
    )
    p.add_argument("dir", metavar="DIR", type=Path, nargs="?", default=Path("."))
    p.add_argument("--vendor", metavar="V", required=True, help="vendor id or name")
    _output_options(p, extra=("docx", "xlsx"),
                    extra_help=", docx (Word), or xlsx (a workbook the vendor fills in)")
    add_scoring_options(p)
    p.set_defaults(handler=cmd_questionnaire)


def _output_options(p: argparse.ArgumentParser, extra: tuple[str, ...] = (),
                    extra_help: str = "") -> None:
    p.add_argument("--format", "-f", dest="fmt", choices=FORMATS + extra, default="md",
                   help="md (default), html, pdf, or typ (the typst source of the PDF)"
                        + extra_help)
    p.add_argument("-o", "--output", metavar="FILE",
                   help="write here ('-' for stdout); default stdout, or DIR/<name>.pdf for PDF")
    p.add_argument("--template", metavar="NAME_OR_DIR",
                   help="a template folder or file, or a name on the template search path; "
                        "for docx a reference Word document (or a folder with memo.docx, "
                        "vendor.docx, questionnaire.docx) whose styles are used")
    p.add_argument("--font-path", metavar="DIR", action="append", default=[],
                   help="a folder with extra fonts for the PDF (repeat for more)")


def cmd_memo(args: argparse.Namespace) -> int:
    from checklist.files.folder import load_folder
    from checklist.memo import render_memo, resolve_vendor

    workspace = load_folder(args.dir)
    warn_unscored(workspace)
    since = load_folder(args.since) if args.since is not None else None
    vendor = resolve_vendor(workspace, args.vendor) if args.vendor else None
    data = render_memo(workspace, fmt=args.fmt, template=args.template, vendor=vendor,
                       rater=args.rater, aggregate=args.aggregate, since=since,
                       font_paths=args.font_path)
    suffix = _suffix(args.fmt)
    default = f"memo-{vendor}.{suffix}" if vendor else f"memo.{suffix}"
    return _emit(data, args, workspace.path / default)


def cmd_questionnaire(args: argparse.Namespace) -> int:
    from checklist.files.folder import load_folder
    from checklist.memo import render_questionnaire, resolve_vendor

    workspace = load_folder(args.dir)
    warn_unscored(workspace)
    vendor = resolve_vendor(workspace, args.vendor)
    _warn_unfilled(workspace, vendor)
    data = render_questionnaire(workspace, vendor, fmt=args.fmt, template=args.template,
                                rater=args.rater, aggregate=args.aggregate,
                                font_paths=args.font_path)
    return _emit(data, args, workspace.path / f"questionnaire-{vendor}.{_suffix(args.fmt)}")


def _suffix(fmt: str) -> str:
    return fmt if fmt in BINARY else "pdf"


def _warn_unfilled(workspace: Workspace, vendor: str) -> None:
    """Says on stderr which named fields the questionnaire marks as not set: it is meant to
    be sent, and a "[vendor.model not set]" must not reach the vendor unnoticed."""
    from checklist.errors import printable
    from checklist.model.named_fields import missing_fields

    missing = missing_fields(workspace.evaluation, workspace.rubric)
    fields = missing.get("", []) + missing.get(vendor, [])
    if fields:
        print(printable(f"note: {len(fields)} named field(s) not set, marked in the text: "
                        f"{', '.join(fields)}; `checklist status` says how to set them"),
              file=sys.stderr)


def _emit(data: bytes, args: argparse.Namespace, pdf_default: Path) -> int:
    """Writes the document where the user asked (`write_output`'s rules); a PDF (or another
    binary document) without -o goes into the evaluation folder, never to a terminal."""
    from checklist.cli.output import write_document
    from checklist.files.output import write_output

    binary = args.fmt in BINARY
    if args.output == "-" or (args.output is None and not binary):
        write_document(data, binary=binary)
        return 0
    if args.output is None:
        write_output(pdf_default, data, binary=True, within=pdf_default.parent)
        print(f"wrote {pdf_default}", file=sys.stderr)
        return 0
    write_output(Path(args.output), data, binary=binary)
    print(f"wrote {args.output}", file=sys.stderr)
    return 0
