"""Issue 13, "Done when" (the TUI test): in a real 80x24 terminal (tmux), a new user creates
an evaluation, adds three vendors with their products, two claims each with source and grade,
the background and an approver, flips a context flag after seeing the gate it switches on, and
quits; the Markdown memo and each vendor's questionnaire then show all of it, with no
bracketed placeholder left. Keys only, as a person types them."""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest
from test_terminal import Terminal, wait_until
from tui_support import run_cli

from checklist.model.claim import UNITS
from checklist.model.common import GRADES

pytestmark = [pytest.mark.skipif(shutil.which("tmux") is None,
                                 reason="tmux is not installed: the real-terminal test needs it"),
              pytest.mark.slow]

#: name: (product, model, maker, channel, region)
VENDORS = {
    "Lumen Video": ("Lumen API, standard tier", "lumen-v3", "Lumen Labs", "direct", "us-east"),
    "Parallax": ("Parallax on CloudHub", "parallax-2.1", "Parallax AI", "cloud-marketplace",
                 "EU"),
    "Reel Forge": ("Reel Forge Studio API", "rf-video-9", "Forge Models", "reseller", "US"),
}
CHANNELS = ["", "direct", "cloud-marketplace", "reseller"]  # as the channel list offers them
FACTS = {  # the evaluation screen's fields after the title, in order
    "owner": "Priya", "due": "2027-01-15", "buyer": "Acme Ads Inc., Delaware",
    "use_case": "15 s product ads", "settings": "1080p, 15 s, with audio",
    "volume": "2,000 clips a month", "currency": "USD", "term": "18 months",
    "acceptance_criteria": "p95 under 60 s, 80% usable", "must_haves": "C2PA marking",
}
#: Words the bundled rubric used to leave for a person to replace, and our own marker.
PLACEHOLDER = re.compile(
    r"\[(model|our |region|channel|currency|settings|term|use case|peak|average|headline"
    r"|resolution)|not set\]|\{(vendor|evaluation)\.")


#: Seconds between keys, as a person types: a key that moves the focus (Tab, Enter, a
#: dialog opening) has taken effect before the next one arrives. Not a speed check.
PACE = 0.4


class SmallTerminal(Terminal):
    """The app in an 80x24 terminal, started in the test's working folder; keys are sent
    at a person's pace (`PACE`), and each screen is waited for before typing on it."""

    def start(self) -> None:
        started = self.tmux("new-session", "-d", "-s", "main", "-x", "80", "-y", "24",
                            self.command)
        assert started.returncode == 0, started.stderr
        wait_until(lambda: self.ready in self.screen(), f"{self.ready!r} on screen")

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", "main", "-l", text)
        time.sleep(PACE)

    def press(self, *keys: str) -> None:
        for key in keys:
            self.tmux("send-keys", "-t", "main", key)
            time.sleep(PACE)

    def wait_for(self, text: str) -> None:
        """Until `text` is on screen, and a moment more for the screen to finish mounting."""
        try:
            wait_until(lambda: text in self.screen(), f"{text!r} on screen")
        except AssertionError as exc:
            raise AssertionError(f"{exc}; the screen:\n{self.screen()}") from None
        time.sleep(5 * PACE)

    def pick(self, steps: int) -> None:
        """In a closed list (focused): open it, move `steps` down, choose."""
        self.press("Enter", *["Down"] * steps, "Enter")
        time.sleep(3 * PACE)  # the list closes and gives the focus back


def test_a_new_user_records_the_whole_decision_in_the_tui(tmp_path: Path, workdir: Path):
    folder = tmp_path / "video-2027"
    terminal = SmallTerminal(folder, (), ready="New evaluation")  # `checklist`: the start screen
    terminal.start()
    try:
        _create(terminal, folder)
        terminal.press("v")
        terminal.wait_for("Model id")
        for number, (name, facts) in enumerate(VENDORS.items()):
            _vendor(terminal, number, name, facts)
        terminal.press("Escape")
        terminal.wait_for("Your answers")
        terminal.press("e")
        terminal.wait_for("Acceptance")
        _evaluation(terminal)
        terminal.press("C-q")
        wait_until(lambda: "EXITED=" in terminal.screen(), "the app to exit")
        assert "EXITED=0" in terminal.screen()
    finally:
        terminal.stop()
    _check_outputs(folder)


def _create(terminal: SmallTerminal, folder: Path) -> None:
    terminal.press("n")
    terminal.wait_for("Rubric")
    terminal.wait_for("benchmark-vs-production")
    terminal.wait_for("39 questions")  # the rubric is read
    terminal.press("Tab")  # from the rubric list to the title (the form is no Tab stop)
    terminal.type("Video vendor for ads")
    terminal.press("Enter")
    terminal.type(str(folder))  # the folder field selects its default: typing replaces it
    terminal.press("Enter")
    for name in VENDORS:
        terminal.type(name)
        terminal.press("Enter")
    terminal.press(*["Tab"] * 7)  # Add, the vendor list, four context flags, your name
    terminal.type("Priya")
    terminal.press("Tab", "Enter")  # Create
    terminal.wait_for("Your answers")


def _vendor(terminal: SmallTerminal, number: int, name: str,
            facts: tuple[str, str, str, str, str]) -> None:
    product, model, maker, channel, region = facts
    if number:
        terminal.press("Down")
    terminal.wait_for(f"{name} (id")
    terminal.press("Tab")  # the product field
    for text in (product, model):
        terminal.type(text)
        terminal.press("Enter")
    terminal.press("Enter")  # the version stays empty
    terminal.type(maker)
    terminal.press("Enter")  # on to the channel list
    terminal.pick(CHANNELS.index(channel))
    terminal.press("Tab")
    terminal.type(region)
    terminal.press("Enter")
    terminal.wait_for(channel)
    terminal.press(*["Tab"] * 3)  # contact, website, notes, then the claims
    for n in (1, 2):
        terminal.press("n")
        terminal.wait_for(f"New claim of {name}")
        terminal.type(f"{name} claim {n}: wins blind votes")
        terminal.press("Tab")
        terminal.type("text-to-video")
        terminal.press("Tab")
        terminal.type("win rate")
        terminal.press("Tab")
        terminal.type(str(50 + n))
        terminal.press("Tab")  # the unit list
        terminal.pick(1 + UNITS.index("win-rate"))  # after "(none)"
        terminal.press("Tab")  # what it is compared with
        terminal.pick(2)  # a named model
        terminal.press("Tab")
        terminal.type("Sora 2")
        terminal.press(*["Tab"] * 5)  # margin, sample size, interval, level, then source
        terminal.type(f"https://{facts[1]}.example/claim-{n}")
        terminal.press("Tab", "Tab")  # run by, then the grade list
        grade = "third-party" if n == 1 else "vendor-claim"
        terminal.pick(GRADES.index(grade))
        terminal.press("Tab", "Tab")  # retrieved, then the result's date
        terminal.type(f"2026-05-0{n}")
        terminal.press("C-s")
        terminal.wait_for(f"{n}. {name} claim {n}")
    terminal.press("Tab")  # back to the vendor list


def _evaluation(terminal: SmallTerminal) -> None:
    terminal.press("Enter")  # the title stays
    for text in FACTS.values():
        terminal.press("C-u")  # a field may hold text (the owner is empty here)
        terminal.type(text)
        terminal.press("Enter")
    terminal.type("We make **short product ads** and must pick a vendor by Q1.")
    terminal.press("Tab")  # leaving the background saves it; on to the people
    terminal.press("a")
    terminal.wait_for("Add a decision maker")
    terminal.type("Dana Okafor")
    terminal.press("Enter")  # on to the role list
    terminal.pick(2)  # (no role), driver, approver
    terminal.press("Tab", "Enter")
    terminal.wait_for("Dana Okafor (approver)")
    terminal.press("Tab", "Tab")  # the flags: outputs published, then EU distribution
    terminal.press("Space")
    terminal.wait_for("Change the context?")
    screen = terminal.screen()
    assert "eu-distribution: no -> yes" in screen
    assert "gate on 'content-marking' switches on" in screen
    terminal.press("y")
    terminal.wait_for("yes · Outputs reach people in the EU")


def _check_outputs(folder: Path) -> None:
    def ok(*args: str) -> str:
        result = run_cli(*args)
        assert result.returncode == 0, result.stderr
        return result.stdout

    record = (folder / "evaluation.yaml").read_text(encoding="utf-8")
    assert "background: We make **short product ads**" in record, record
    assert "named fields" not in ok("status", str(folder))
    memo = ok("memo", str(folder))
    assert "**Decision makers:** Dana Okafor (approver)" in memo
    assert "short product ads" in memo
    assert "- Outputs reach people in the EU: **yes**" in memo
    for name, (_, model, _, _, _) in VENDORS.items():
        assert f"| {name} claim 1: wins blind votes | text-to-video | win rate | 51% win rate; " \
               "vs Sora 2 |" in memo
        assert f"{name} claim 2: wins blind votes" in memo
        assert f"https://{model}.example/claim-1" in memo
    assert PLACEHOLDER.search(memo) is None, PLACEHOLDER.search(memo)
    for name, (product, model, _, channel, region) in VENDORS.items():
        text = ok("questionnaire", str(folder), "--vendor", name)
        assert product in text and model in text
        assert f"restrict processing to {region} by contract" in text
        assert f"through {channel.replace('-', ' ')}" in text
        assert PLACEHOLDER.search(text) is None, (name, PLACEHOLDER.search(text))
