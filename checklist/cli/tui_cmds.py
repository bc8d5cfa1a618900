"""`checklist` (no command), `checklist open` and `checklist demo`: the terminal UI.

Textual is imported only inside the handlers, so building the parser stays fast.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from checklist.cli.rater_check import add_new_rater_flag, check_rater

if TYPE_CHECKING:
    from checklist.tui.app import ChecklistApp


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = commands.add_parser("open", help="score an evaluation in the terminal UI")
    p.add_argument("dir", metavar="DIR", type=Path, nargs="?", default=Path("."))
    p.add_argument("--rater", metavar="NAME",
                   help="who is scoring (default: the last name used; asked once otherwise)")
    add_new_rater_flag(p)
    p.add_argument("--vendor", metavar="VENDOR",
                   help="start scoring this vendor (id or name) at its first open question")
    p.set_defaults(handler=cmd_open)

    p = commands.add_parser("demo", help="copy the worked example somewhere writable and open it")
    p.add_argument("dir", metavar="DIR", nargs="?", type=Path,
                   help="copy it to this new folder (default: ./checklist-demo, or your data "
                   "folder when the working folder is inside a git work tree)")
    p.add_argument("--rater", metavar="NAME", help="who is scoring (default: the last name used)")
    p.add_argument("--no-open", action="store_true",
                   help="only copy the example and say where (no terminal UI)")
    p.set_defaults(handler=cmd_demo)


def default_handler(args: argparse.Namespace) -> int:
    """`checklist` alone: the working folder's evaluation, else the start screen."""
    from checklist.tui.app import make_app

    return _run(make_app(None))


def cmd_open(args: argparse.Namespace) -> int:
    from checklist.errors import ChecklistError
    from checklist.files.folder import is_evaluation
    from checklist.tui.app import make_app

    if not is_evaluation(args.dir):
        raise ChecklistError.at(args.dir, "not an evaluation folder (no evaluation.yaml); "
                                "create one with `checklist new` or run `checklist` for the "
                                "start screen")
    if args.rater is not None:  # a typo would score into a new file for the whole session
        check_rater(args.dir, args.rater, new_rater=args.new_rater)
    return _run(make_app(args.dir, rater=args.rater, vendor=args.vendor))


def cmd_demo(args: argparse.Namespace) -> int:
    from checklist.tui.demo import copy_demo

    copy = copy_demo(target=args.dir)
    target = copy.path
    why = f" ({copy.reason}; `checklist demo DIR` puts it elsewhere)" if copy.reason else ""
    print(f"copied the worked example to {target}{why}")
    if args.no_open:
        print(f"open it with: checklist open {target}")
        return 0
    from checklist.tui.app import make_app

    return _run(make_app(target, rater=args.rater))


def _run(app: ChecklistApp) -> int:
    """Runs the UI, then writes anything a crash or a kill left unsaved.

    A closed terminal (SIGHUP) or a polite kill (SIGTERM) ends the app the normal way, so
    the answers typed in the last half second are written rather than lost. Answers the
    app already put in a recovery file (and said so) are not written or said again.
    """
    import signal

    def stop(signum: int, frame: object) -> None:
        app.exit(return_code=128 + signum)

    previous = {sig: signal.signal(sig, stop)
                for sig in (signal.SIGTERM, getattr(signal, "SIGHUP", None)) if sig}
    try:
        app.run()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        session = app.session
        if session is not None:
            result = session.flush()
            try:
                kept = session.recover()
            except OSError as exc:
                print(f"checklist: answers could not be saved, nor a recovery file written "
                      f"({exc})", file=sys.stderr)
                kept = None
            if kept is not None and kept != app.recovered:
                print(f"checklist: {len(session.conflicts) or result.still_pending} answer(s) "
                      f"could not be saved; they are in {session.where_recovered(kept)}",
                      file=sys.stderr)
    return app.return_code or 0
