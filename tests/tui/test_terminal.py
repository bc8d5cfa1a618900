"""The real thing: `checklist open` in a terminal (tmux), a digit key, ctrl+q, the file.

Pilot runs the app in-process; this runs the installed command in a pseudo-terminal, so the
driver, the key parsing and the exit path are the ones a person gets.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from tui_support import build_evaluation, ratings_file

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None,
                                reason="tmux is not installed: the real-terminal test needs it")

TIMEOUT = 60.0


def wait_until(check: Callable[[], bool], what: str) -> None:
    """Polls (no fixed sleeps to tune): the machine may be slow, the test must not be."""
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


class Terminal:
    """`checklist open` (or `args`) running in a private tmux server (its own socket, killed
    after); `ready` is the text that says the app is up."""

    def __init__(self, folder: Path, args: tuple[str, ...] | None = None,
                 ready: str = "Who ran the benchmark?") -> None:
        self.socket = f"checklist-test-{uuid.uuid4().hex[:8]}"
        self.ready = ready
        if args is None:
            args = ("open", str(folder), "--rater", "R", "--vendor", "Gamma")
        env = {key: os.environ[key] for key in ("CHECKLIST_CONFIG_DIR", "PATH", "HOME")
               if key in os.environ}
        env.update(TERM="xterm-256color", TEXTUAL_ANIMATIONS="none", TZ="UTC")
        self.command = " ".join([
            "env", *(shlex.quote(f"{k}={v}") for k, v in env.items()),
            shlex.quote(sys.executable), "-m", "checklist", *map(shlex.quote, args),
            ";", "echo", "EXITED=$?", ";", "sleep", "30",
        ])

    def tmux(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True,
                              text=True, timeout=30)

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "main").stdout

    def start(self) -> None:
        started = self.tmux("new-session", "-d", "-s", "main", "-x", "120", "-y", "40",
                            self.command)
        assert started.returncode == 0, started.stderr
        wait_until(lambda: self.ready in self.screen(), f"{self.ready!r} on screen")

    def app_pid(self) -> int:
        shell = self.tmux("display-message", "-p", "-t", "main", "#{pane_pid}").stdout.strip()
        children = subprocess.run(["ps", "-o", "pid=", "--ppid", shell], capture_output=True,
                                  text=True).stdout.split()
        return int(children[0])

    def stop(self) -> None:
        self.tmux("kill-server")


def test_open_digit_quit_in_a_real_terminal(tmp_path: Path):
    folder = build_evaluation(tmp_path / "ev")
    terminal = Terminal(folder)
    terminal.start()
    try:
        assert "Gamma" in terminal.screen()
        terminal.tmux("send-keys", "-t", "main", "3")
        wait_until(lambda: "your answer" in terminal.screen(), "the answer on screen")
        terminal.tmux("send-keys", "-t", "main", "C-q")
        wait_until(lambda: "EXITED=" in terminal.screen(), "the app to exit")
        assert "EXITED=0" in terminal.screen()
    finally:
        terminal.stop()
    saved = yaml.safe_load(ratings_file(folder, "r"))
    assert saved["rater"] == "R"
    assert saved["answers"]["gamma"]["who-ran"]["score"] == 3


@pytest.mark.skipif(shutil.which("ps") is None, reason="needs ps to find the app's process")
def test_a_killed_app_still_writes_the_last_answer(tmp_path: Path):
    """SIGTERM right after a key (before the half-second autosave): the answer is kept."""
    import signal

    folder = build_evaluation(tmp_path / "ev")
    terminal = Terminal(folder)
    terminal.start()
    try:
        pid = terminal.app_pid()
        terminal.tmux("send-keys", "-t", "main", "4")
        wait_until(lambda: "your answer" in terminal.screen(), "the answer on screen")
        os.kill(pid, signal.SIGTERM)
        wait_until(lambda: "EXITED=" in terminal.screen(), "the app to exit")
        assert f"EXITED={128 + signal.SIGTERM}" in terminal.screen()
    finally:
        terminal.stop()
    saved = yaml.safe_load(ratings_file(folder, "r"))
    assert saved["answers"]["gamma"]["who-ran"]["score"] == 4


EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "bakeoff-text"


def test_judge_the_text_bakeoff_example_in_a_real_terminal(tmp_path: Path):
    """`checklist bakeoff judge` on a copy of examples/bakeoff-text: Jonas Berg's last six
    comparisons voted with a, b, t, x, ← and →, then the done view and ctrl+q. His votes
    file then holds all 18 votes, the six new ones with the comparison shown, the sides as
    the plan has them and the hidden vendors behind each side."""
    folder = tmp_path / "bakeoff-text"
    shutil.copytree(EXAMPLE, folder)
    votes_path = folder / "bakeoff" / "votes" / "jonas-berg.yaml"
    before = yaml.safe_load(votes_path.read_text(encoding="utf-8"))["votes"]
    assert len(before) == 12
    terminal = Terminal(folder, ("bakeoff", "judge", str(folder), "--rater", "Jonas Berg"),
                        ready="Comparison 13 of 18")
    terminal.start()
    keys = ("a", "b", "t", "x", "Left", "Right")
    try:
        for number, key in enumerate(keys, start=13):
            screen = terminal.screen()
            assert f"Comparison {number} of 18" in screen
            for vendor in ("quill", "parrot", "scribe"):
                assert vendor not in screen.lower()
            terminal.tmux("send-keys", "-t", "main", key)
            following = (f"Comparison {number + 1} of 18" if number < 18
                         else "All 18 comparisons judged")
            wait_until(lambda f=following: f in terminal.screen(), following)
        assert "mei-tanaka: 18 votes" in terminal.screen()  # the others, now he is done
        terminal.tmux("send-keys", "-t", "main", "C-q")
        wait_until(lambda: "EXITED=" in terminal.screen(), "the app to exit")
        assert "EXITED=0" in terminal.screen()
    finally:
        terminal.stop()
    saved = yaml.safe_load(votes_path.read_text(encoding="utf-8"))
    assert saved["rater"] == "Jonas Berg"
    votes = saved["votes"]
    assert votes[:12] == before
    new = votes[12:]
    assert [v["verdict"] for v in new] == ["left", "right", "tie", "both-unusable", "left",
                                           "right"]
    plan = yaml.safe_load((folder / "bakeoff" / "plan.yaml").read_text(encoding="utf-8"))
    assert [v["comparison"] for v in new] == plan["queues"]["jonas-berg"][12:]
    comparisons = {c["id"]: c for c in plan["comparisons"]}
    for vote in new:
        planned = comparisons[vote["comparison"]]
        assert (vote["left_output"], vote["right_output"]) == (planned["left"],
                                                              planned["right"])
        assert vote["left_vendor"] == plan["outputs"][planned["left"]]["vendor"]
        assert vote["right_vendor"] == plan["outputs"][planned["right"]]["vendor"]
        assert vote["prompt"] == planned["prompt"]
