"""`checklist bakeoff judge|vote|serve`: a rater judges their share of the bake-off blind, in
the terminal UI, as plain text, or in a local web page. Each imports its front end (Textual,
the web stack) only when run."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from checklist.bakeoff.judge import Judge, Trial


def cmd_judge(args: argparse.Namespace) -> int:
    """The terminal UI, opened on the judging screen (A or B, keys a b t x u)."""
    from checklist.cli.tui_cmds import _run
    from checklist.errors import ChecklistError
    from checklist.files.folder import find_evaluation, is_evaluation
    from checklist.tui.app import make_app

    folder = find_evaluation(args.dir)
    if not is_evaluation(folder):
        raise ChecklistError.at(args.dir, "not an evaluation folder (no evaluation.yaml); give "
                                "the folder holding evaluation.yaml and bakeoff/")
    return _run(make_app(folder, rater=args.rater, judge=True))


def cmd_vote(args: argparse.Namespace) -> int:
    """A line-by-line judging loop for text outputs, with the judging keys every screen uses
    (`checklist.bakeoff.keys`): a (A better), b (B better), t (tie), x (both unusable),
    u (undo), q (quit). Progress is saved with every vote, so quitting loses nothing."""
    from checklist.bakeoff.judge import Judge

    judge = Judge.open(args.dir, args.rater)
    try:
        return _vote_loop(judge, args.dir)
    except EOFError:  # Ctrl+D, or the end of piped answers: like q
        print()
        return 0


def _vote_loop(judge: Judge, folder: Path) -> int:
    from checklist.bakeoff.keys import UNDO_KEY, VERDICT_KEYS
    from checklist.errors import ChecklistError

    keys = {k.key: k.verdict for k in VERDICT_KEYS}
    menu = ", ".join(f"[{k.key}] {k.label}" for k in VERDICT_KEYS)
    while True:
        trial = judge.next_trial()
        if trial is None:
            print(f"done: {judge.progress().done} of {judge.progress().total} votes cast")
            return 0
        media = {trial.left.kind, trial.right.kind} - {"text", "failed"}
        if media:
            raise ChecklistError.plain(f"comparison {trial.comparison} shows "
                                       f"{' and '.join(sorted(media))} outputs; this plain-text "
                                       "loop shows text only: judge it in the browser with "
                                       f"`checklist bakeoff serve {folder} --rater ...`")
        print(trial_text(trial))
        answer = input(f"{menu}, [{UNDO_KEY}] undo, [q]uit > ").strip().lower()
        if answer == "q":
            return 0
        if answer == UNDO_KEY:
            undone = judge.undo()
            print(f"undid the vote on {undone}" if undone else "nothing to undo")
            continue
        if answer[:1] not in keys:
            print(f"type {', '.join(keys)}, {UNDO_KEY} or q")
            continue
        reasons = input(f"reasons (optional, comma-separated: {', '.join(judge.reasons)}) > ")
        note = input("note (optional) > ")
        chosen = [r.strip() for r in reasons.split(",") if r.strip()]
        try:
            judge.vote(trial.comparison, keys[answer[:1]], reasons=chosen, note=note)
        except ChecklistError as exc:
            for problem in exc.problems:
                print(problem)


def cmd_serve(args: argparse.Namespace) -> int:
    """The judging page: the Judge is opened first, so a bake-off that cannot be judged
    (no plan, a rater without a share) is an error before anything listens."""
    from checklist.bakeoff.judge import Judge
    from checklist.web.app import make_app
    from checklist.web.guard import Guard, new_token
    from checklist.web.server import bind, serve
    from checklist.web.session import JudgingSession

    session = JudgingSession(Judge.open(args.dir, args.rater))
    listener = bind(args.host, args.port, allow_remote=args.allow_remote)
    token = new_token()
    guard = Guard(token, f"judge_{listener.port}", listener.hosts())
    url = listener.url(token)

    def ready() -> None:
        progress = session.progress()
        print(f"judging as {session.rater}: {progress.done} of {progress.total} judged")
        if not listener.loopback:
            print("warning: listening beyond this machine over plain HTTP (--allow-remote); "
                  "anyone on the network path can read the token and the outputs",
                  file=sys.stderr)
        print(f"open {url}")
        print("(the address carries this session's token: share it with no one; Ctrl+C "
              "stops the page)", flush=True)
        if args.open:
            import webbrowser

            webbrowser.open(url)

    serve(listener, make_app(session, guard), on_ready=ready)
    progress = session.progress()
    print(f"stopped: {progress.done} of {progress.total} judged")
    return 0


def trial_text(trial: Trial) -> str:
    from checklist.errors import printable

    def side(label: str, text: str | None, kind: str) -> str:
        body = text if text is not None else "(no output: the request failed)"
        return f"--- {label} ---\n{printable_block(body)}"

    def printable_block(text: str) -> str:
        return "\n".join(printable(line) for line in text.splitlines())

    return "\n".join([
        f"\n=== {trial.number}/{trial.progress.total} · prompt {trial.prompt.id} "
        f"({trial.prompt.task}) ===",
        printable_block(trial.prompt.text),
        side("A (left)", trial.left.text, trial.left.kind),
        side("B (right)", trial.right.text, trial.right.kind),
    ])
