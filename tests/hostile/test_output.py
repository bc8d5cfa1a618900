"""Text from files never drives the terminal: control characters in names, titles and notes
are shown escaped, not executed, by every command that prints for a person.

A vendor name like "Acme\\e]0;title\\a" can come from a shared evaluation or an imported
sheet; printed raw it retitles the terminal, and "\\e[2J" clears it (older terminals even
answer some sequences back as typed input).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from hostile.util import make_evaluation, run_cli

HOSTILE_NAME = "Acme\\e[2J\\e]0;pwned\\a"
HOSTILE_TITLE = "Title\\e[31m\\u202eevil"

@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = make_evaluation(tmp_path_factory.mktemp("output"))
    text = (folder / "evaluation.yaml").read_text()
    text = text.replace("name: Acme\n", f'name: "{HOSTILE_NAME}"\n')
    text = text.replace("title: Hostile test\n", f'title: "{HOSTILE_TITLE}"\n')
    (folder / "evaluation.yaml").write_text(text)
    ratings = folder / "ratings" / "ana.yaml"
    ratings.write_text(ratings.read_text().replace("note: ana on who-ran",
                                                   'note: "\\e[2Jnote"'))
    return folder


@pytest.mark.parametrize("command", [
    ("summary",),
    ("status",),
    ("summary", "--json"),
    ("rubrics", "show", "{folder}/rubric.lock.yaml"),
    ("rate", "--rater", "ana", "--vendor", "acme", "--question", "tasks", "--score", "1"),
    ("memo",),
])
def test_commands_print_no_control_characters(command: tuple[str, ...], hostile: Path,
                                              tmp_path: Path) -> None:
    folder = tmp_path / "ev"
    shutil.copytree(hostile, folder)
    args = [a.replace("{folder}", str(folder)) for a in command]
    if "{folder}" not in " ".join(command):
        args.insert(1 if args[0] != "rubrics" else 2, str(folder))
    result = run_cli(*args)
    assert result.code == 0, result.output[:2000]
    assert "\x1b" not in result.output and "\x07" not in result.output
    if args[0] in ("summary", "status") and "--json" not in args:  # read on a terminal
        assert "\u202e" not in result.output, "a bidi override can reorder what is shown"


def test_error_messages_escape_what_they_quote(hostile: Path, tmp_path: Path) -> None:
    folder = tmp_path / "ev"
    shutil.copytree(hostile, folder)
    result = run_cli("rate", folder, "--rater", "ana", "--vendor", "\x1b]0;x\x07acme",
                     "--question", "tasks", "--score", "1")
    assert result.code == 2
    assert "\x1b" not in result.output and "\\x1b" in result.stderr
