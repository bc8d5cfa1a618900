"""The `checklist` command.

Start-up time matters (people run `checklist status` in loops and shells complete on
`--help`), so this module and the command modules import only argparse at load time;
pydantic, Textual, Jinja and typst are imported inside the handlers that need them.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

from checklist import __version__

Handler = Callable[[argparse.Namespace], int]

#: Command modules, each with `register(subparsers)`. Order is the order in `--help`.
COMMAND_MODULES = (
    "checklist.cli.tui_cmds",
    "checklist.cli.serve_cmds",
    "checklist.cli.evaluation_cmds",
    "checklist.cli.record_cmds",
    "checklist.cli.summary_cmds",
    "checklist.cli.decision_cmds",
    "checklist.cli.register_cmds",
    "checklist.cli.memo_cmds",
    "checklist.cli.bakeoff_cmds",
    "checklist.cli.proposal_cmds",
    "checklist.cli.reuse_cmds",
    "checklist.cli.rubric_cmds",
)


#: Where the command that was parsed leaves its own parser, so that an unknown option is
#: reported by that command (its usage, its options) and not by `checklist` as a whole.
_COMMAND_PARSER = "_checklist_command_parser"


class _Parser(argparse.ArgumentParser):
    """argparse, plus "did you mean" for a mistyped command or option (Python 3.11's argparse
    only lists the valid choices)."""

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None,
    ) -> tuple[argparse.Namespace, list[str]]:
        parsed, extras = super().parse_known_args(args, namespace)
        if not hasattr(parsed, _COMMAND_PARSER):  # the innermost command parses first
            setattr(parsed, _COMMAND_PARSER, self)
        return parsed, extras

    def parse_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None,
    ) -> argparse.Namespace:
        parsed, extras = self.parse_known_args(args, namespace)
        command: _Parser = vars(parsed).pop(_COMMAND_PARSER, self)
        if extras:
            # argparse leaves unknown words to the top parser, which knows every command's
            # options: `status --bom` would be "did you mean '--bom'" (an `export` option).
            # The command reports them, with its own usage and its own options to suggest.
            message = f"unrecognized arguments: {' '.join(extras)}"
            command.error(message + _unknown_hints(extras, command, self))
        return parsed

    def error(self, message: str) -> NoReturn:
        import difflib
        import re

        match = re.search(r"invalid choice: '([^']*)'", message)
        if match:
            choices = re.findall(r"'([^']*)'", message.split("choose from", 1)[-1])
            close = difflib.get_close_matches(match.group(1), choices, n=1)
            if close:
                message += f" — did you mean '{close[0]}'?"
        super().error(message)


def _unknown_hints(words: list[str], command: argparse.ArgumentParser,
                   top: argparse.ArgumentParser) -> str:
    """"; '--bom' is an option of `checklist export`" for an option another command takes,
    else "; '--stael' — did you mean '--stale'?" from the command's own options."""
    import difflib

    known = sorted(_option_strings(command))
    hints = []
    for word in words:
        if not word.startswith("-"):
            continue
        option = word.split("=")[0]
        takers = _commands_taking(top, option)
        close = difflib.get_close_matches(option, known, n=1)
        if takers:
            more = f" and {len(takers) - 3} more commands" if len(takers) > 3 else ""
            hints.append(f"'{option}' is an option of "
                         + ", ".join(f"`{c}`" for c in takers[:3]) + more)
        elif close:
            hints.append(f"'{word}' — did you mean '{close[0]}'?")
    return "; " + "; ".join(hints) if hints else ""


def _commands_taking(parser: argparse.ArgumentParser, option: str) -> list[str]:
    """The commands under `parser` ("checklist export") that take `option`."""
    found: list[str] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):  # aliases share a parser
                if option in (s for a in sub._actions for s in a.option_strings):
                    found.append(sub.prog)
                found += _commands_taking(sub, option)
    return found


def _option_strings(parser: argparse.ArgumentParser) -> set[str]:
    found: set[str] = set()
    for action in parser._actions:
        found.update(s for s in action.option_strings if s.startswith("--"))
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                found |= _option_strings(sub)
    return found


def build_parser() -> argparse.ArgumentParser:
    import importlib

    parser = _Parser(
        prog="checklist",
        description=(
            "Separate vendors' benchmark claims from production readiness: score vendors "
            "against a YAML rubric, then write the decision memo."
        ),
        epilog="Run `checklist demo` to try it on the bundled AI-video example.",
    )
    parser.add_argument("--version", action="version", version=f"checklist {__version__}")
    parser.set_defaults(handler=None)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler | None = args.handler
    if handler is None:
        from checklist.cli.tui_cmds import default_handler

        handler = default_handler
    return run(handler, args)


def run(handler: Handler, args: argparse.Namespace) -> int:
    """Runs a command; user errors print `file:line:column: message` and exit 2."""
    from checklist.cli.output import guarded_streams, lock_notices

    with guarded_streams(), lock_notices():
        return _run(handler, args)


def _run(handler: Handler, args: argparse.Namespace) -> int:
    from checklist.cli.output import silence_stdout
    from checklist.errors import ChecklistError, StreamError

    try:
        code = handler(args)
        sys.stdout.flush()  # a full disk is reported here, not as noise when Python exits
        return code
    except StreamError as exc:
        _report(exc)
        silence_stdout()
        return 2
    except ChecklistError as exc:
        _report(exc)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader went away (`| head`); exit quietly like other Unix tools
        silence_stdout()
        return 0
    except Exception as exc:
        if os.environ.get("CHECKLIST_DEBUG"):
            raise
        if _is_validation_error(exc):
            # a value typed on the command line (--note, --evidence, --rater ...) that the
            # models refuse: the user's mistake, so say which value and exit 2
            for line in _validation_lines(exc):
                print(line, file=sys.stderr)
            return 2
        if isinstance(exc, OSError):
            # permissions, a full disk, a read-only file system: the environment, not a bug
            error = ChecklistError.from_os(exc)
            if error is not None:
                _report(error)
                return 2
        print(f"checklist: internal error: {type(exc).__name__}: {exc}\n"
              "This is a bug; rerun with CHECKLIST_DEBUG=1 to see the traceback and report it.",
              file=sys.stderr)
        return 1


def _report(error: Exception) -> None:
    """Prints each problem on stderr (if stderr itself fails, there is no one to tell)."""
    import contextlib

    from checklist.errors import ChecklistError

    problems = error.problems if isinstance(error, ChecklistError) else [error]
    with contextlib.suppress(OSError, ValueError):
        for problem in problems:
            print(problem, file=sys.stderr)


def _is_validation_error(exc: Exception) -> bool:
    """Pydantic's ValidationError, without importing pydantic at start-up."""
    kind = type(exc)
    return kind.__name__ == "ValidationError" and kind.__module__.startswith("pydantic")


def _validation_lines(exc: Exception) -> list[str]:
    from checklist.errors import Problem

    lines = []
    for err in exc.errors(include_url=False):  # type: ignore[attr-defined]
        where = ".".join(str(p) for p in err.get("loc", ()))
        message = str(err.get("msg", "invalid value"))
        if err.get("type") == "string_too_long":
            message = f"too long (at most {err.get('ctx', {}).get('max_length')} characters)"
        elif err.get("type") == "string_too_short":
            message = "must not be empty"
        text = f"{where}: {message}; check the value given on the command line"
        lines.append(str(Problem("checklist", 0, 0, text)))
    return lines
