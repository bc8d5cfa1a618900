"""`checklist serve DIR`: the terminal UI in a web browser (textual-serve), one app per
browser session, each asking who is rating."""

from __future__ import annotations

import argparse
from pathlib import Path

WILDCARDS = ("0.0.0.0", "::", "[::]", "")


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = commands.add_parser(
        "serve", help="score an evaluation in a web browser (the terminal UI, served)",
        description="Serves the terminal UI on DIR to web browsers: each browser session asks "
        "who is rating and saves that person's answers in ratings/<name>.yaml. It listens on "
        "127.0.0.1 (this machine only) and has no login of its own: anyone who can reach the "
        "port can rate under any name. To share it with a team, put it behind a reverse "
        "proxy that authenticates people (see the README). Ctrl+C stops it.")
    p.add_argument("dir", metavar="DIR", type=Path)
    p.add_argument("--port", type=int, default=8000, metavar="N",
                   help="the port to listen on (default 8000; 0: any free port)")
    p.add_argument("--host", default="127.0.0.1", metavar="H",
                   help="the address to listen on (default 127.0.0.1, this machine only)")
    p.add_argument("--allow-remote", action="store_true",
                   help="allow a --host other than loopback. The server has no login and "
                   "speaks plain HTTP: everyone who can reach the address can read the "
                   "evaluation and rate under any name, and the network path can read it all")
    p.add_argument("--public-url", metavar="URL",
                   help="the address browsers use, when it is not the one listened on (a "
                   "reverse proxy's https://checklist.example.com)")
    p.set_defaults(handler=cmd_serve)


def cmd_serve(args: argparse.Namespace) -> int:
    """Checks the folder and the address before anything listens (exit 2 with what to do)."""
    import sys

    from checklist.errors import ChecklistError
    from checklist.files.folder import is_evaluation, load_folder
    from checklist.web.server import bind, is_loopback

    if not is_evaluation(args.dir):
        raise ChecklistError.at(args.dir, "not an evaluation folder (no evaluation.yaml); "
                                "create one with `checklist new`")
    workspace = load_folder(args.dir)  # a broken file is reported here, as file:line:column
    if not is_loopback(args.host) and not args.allow_remote:
        raise ChecklistError.plain(
            f"--host {args.host}: not a loopback address. The server has no login of its own "
            "and speaks plain HTTP: anyone who can reach it could read the evaluation and "
            "rate under any name. Leave --host out (127.0.0.1) and put an authenticating "
            "reverse proxy in front (see the README), or add --allow-remote if you accept that")
    public_url = _public_url(args)
    listener = bind(args.host, args.port, allow_remote=True)
    from checklist.web.tui_server import TuiServer, session_command

    server = TuiServer(session_command(workspace.path), listener,
                       title=f"checklist: {workspace.evaluation.title}", public_url=public_url)
    if not listener.loopback:
        print("warning: listening beyond this machine (--allow-remote): no login, plain HTTP; "
              "anyone who reaches it can rate under any name", file=sys.stderr)
    print(f"serving {workspace.path} at {server.public_url}", flush=True)
    print("open it in a web browser; each browser session asks who is rating. Ctrl+C stops "
          "it (open sessions save their answers first).", flush=True)
    server.serve()
    print("stopped")
    return 0


def _public_url(args: argparse.Namespace) -> str | None:
    from checklist.errors import ChecklistError

    url: str | None = args.public_url
    if url is not None:
        from urllib.parse import urlsplit

        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ChecklistError.plain(f"--public-url {url}: give the full address browsers "
                                       "use, such as https://checklist.example.com")
        return url
    if args.host.strip() in WILDCARDS:
        raise ChecklistError.plain(f"--host {args.host!r}: listens on every address, so "
                                   "the address browsers use is unknown; give it with "
                                   "--public-url http://NAME:PORT")
    return None
