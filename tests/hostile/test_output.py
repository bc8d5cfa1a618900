"""Text from files never drives the terminal: control characters in names, titles and notes
are shown escaped, not executed, by every command that prints for a person.

A vendor name like "Acme\\e]0;title\\a" can come from a shared evaluation or an imported
sheet; printed raw it retitles the terminal, and "\\e[2J" clears it (older terminals even
answer some sequences back as typed input).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from hostile.util import TINY_RUBRIC, make_evaluation, run_cli

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


#: Every sequence a shared file can use to drive a terminal: OSC 52 (writes the clipboard),
#: clear screen, the C1 CSI some terminals read as ESC [, DEL, a bidi override.
NASTY = "\x1b]52;c;ZXZpbA==\x07\x1b[2J\x9b31m\x7f\u202e"
NASTY_YAML = json.dumps(NASTY)  # a double-quoted YAML scalar holding it, escapes and all
#: What may not appear in text sent to a terminal (line breaks may).
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture(scope="module")
def two_rounds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """An evaluation, a re-assessment where a rater's note holds NASTY, and a rubric whose
    question text holds it."""
    root = tmp_path_factory.mktemp("escapes")
    old = make_evaluation(root, "old")
    new = root / "new"
    shutil.copytree(old, new)
    ratings = new / "ratings" / "ana.yaml"
    text = ratings.read_text().replace("score: 3", "score: 1")
    ratings.write_text(text.replace("note: ana on who-ran", f"note: {NASTY_YAML}"))
    rubric = root / "hostile-rubric.yaml"
    rubric.write_text(TINY_RUBRIC.read_text().replace(
        "text: Do the benchmarked tasks match ours?", f"text: {NASTY_YAML}"))
    return old, new, rubric


ESCAPED_COMMANDS = {
    "diff": ["diff", "{old}", "{new}"],
    "diff --json": ["diff", "{old}", "{new}", "--json"],
    "export --format json": ["export", "{new}", "--format", "json"],
    "rubrics show": ["rubrics", "show", "{rubric}"],
    "rubrics show --json": ["rubrics", "show", "{rubric}", "--json"],
    "rubrics diff": ["rubrics", "diff", str(TINY_RUBRIC), "{rubric}"],
    "rubrics diff --json": ["rubrics", "diff", str(TINY_RUBRIC), "{rubric}", "--json"],
    "status": ["status", "{new}"],
}


@pytest.mark.parametrize("name", sorted(ESCAPED_COMMANDS))
def test_file_text_reaches_standard_output_escaped(name: str,
                                                   two_rounds: tuple[Path, Path, Path]) -> None:
    """Raters' notes and rubric texts, piped or not, show as `\\x1b`, never as themselves;
    JSON keeps them as `\\u` escapes, so the data is unchanged."""
    old, new, rubric = two_rounds
    args = [a.format(old=old, new=new, rubric=rubric) for a in ESCAPED_COMMANDS[name]]
    result = run_cli(*args)
    assert result.code == 0, result.output[:2000]
    assert not RAW.search(result.output), RAW.search(result.output)
    if name.endswith("--json") or "json" in args:
        assert NASTY in _strings(json.loads(result.stdout)), "the data must be unchanged"
    elif name != "status":
        assert "\\x1b]52;c;ZXZpbA==\\x07" in result.stdout


def _strings(value: object) -> list[str]:
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [s for v in [value] if isinstance(v, str) for s in [v]]


def _on_a_terminal(*args: str | Path) -> tuple[int, bytes]:
    """Runs checklist with standard output on a pseudo-terminal; returns what it showed."""
    master, slave = os.openpty()
    with subprocess.Popen([sys.executable, "-m", "checklist", *map(str, args)], stdout=slave,
                          stderr=subprocess.DEVNULL) as process:
        os.close(slave)
        shown = b""
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the terminal's other end closed
                break
            if not chunk:
                break
            shown += chunk
        code = process.wait(timeout=120)
    os.close(master)
    return code, shown


@pytest.mark.parametrize("args", [["export"], ["export", "--format", "json"], ["memo"],
                                  ["diff", "{old}"]], ids=" ".join)
def test_documents_on_a_terminal_are_escaped(args: list[str],
                                             two_rounds: tuple[Path, Path, Path]) -> None:
    """`export` to a terminal: an OSC 52 in a note must not write the clipboard."""
    old, new, _ = two_rounds
    code, shown = _on_a_terminal(args[0], *[a.format(old=old) for a in args[1:]], new)
    text = shown.decode("utf-8").replace("\r", "")  # the terminal turns \n into \r\n
    assert code == 0, text[:2000]
    assert not RAW.search(text), RAW.search(text)
    if args[0] != "memo":  # the memo shows no notes
        assert "ZXZpbA==" in text, "the note is shown, escaped"


def test_documents_in_a_pipe_keep_their_exact_bytes(two_rounds: tuple[Path, Path, Path],
                                                    tmp_path: Path) -> None:
    """Off a terminal, `export > sheet.csv` is byte for byte `export -o sheet.csv`, so the
    sheet round-trips through `import` with the note intact."""
    _, new, _ = two_rounds
    piped = subprocess.run([sys.executable, "-m", "checklist", "export", new], check=True,
                           capture_output=True, timeout=120).stdout
    written = tmp_path / "sheet.csv"
    assert run_cli("export", new, "-o", written, "--no-bom").code == 0
    assert piped == written.read_bytes()
    assert NASTY.encode("utf-8") in piped


@pytest.mark.parametrize("args", [["export", "--format", "xlsx"], ["memo", "-f", "docx", "-o",
                                                                    "-"]], ids=" ".join)
def test_office_documents_never_reach_a_terminal(args: list[str],
                                                 two_rounds: tuple[Path, Path, Path]) -> None:
    """A workbook or Word document is a zip archive: on a terminal it is refused (exit 2),
    never written as raw bytes."""
    _, new, _ = two_rounds
    code, shown = _on_a_terminal(args[0], new, *args[1:])
    assert code == 2
    assert b"PK\x03\x04" not in shown
