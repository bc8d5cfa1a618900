"""One browser session of `checklist serve`: the app on the served folder, run by
textual-serve as `python -m checklist.cli.serve_session DIR` with its web driver.

Not a `checklist` command (nobody runs it by hand); errors are reported as the CLI reports
them, on stderr, which textual-serve logs.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path


def handler(args: argparse.Namespace) -> int:
    from checklist.cli.tui_cmds import _run
    from checklist.tui.served import make_served_app

    return _run(make_served_app(args.dir))


def main(argv: Sequence[str] | None = None) -> int:
    from checklist.cli import run

    parser = argparse.ArgumentParser(prog="checklist serve (one browser session)")
    parser.add_argument("dir", metavar="DIR", type=Path)
    return run(handler, parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
