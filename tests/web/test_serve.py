"""`checklist serve` in a real headless browser (Debian's chromium through Playwright): the
terminal UI served by textual-serve, run in a subprocess exactly as a team runs it.

The page draws the terminal on a canvas, so what the app shows is read from the bytes the
browser receives on the session's websocket (the app's terminal output, escapes removed).
"""

from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

import yaml

from checklist.files.config import UserConfig, save_config

URL = re.compile(r"serving .* at (http://\S+)")
ESCAPES = re.compile(r"\x1b(\[[0-9;?$<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-Z\\-_])")
HANG_GUARD = 120  # seconds: a guard against a hang on a loaded machine, not a speed check


class ServeProcess:
    """`checklist serve DIR --port 0` in a subprocess; its output read by threads."""

    def __init__(self, folder: Path, *args: str) -> None:
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "checklist", "serve", str(folder), "--port", "0", *args],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        self.lines: list[str] = []
        self.errors: list[str] = []
        found: queue.Queue[str] = queue.Queue()

        def read_out(stream: IO[str]) -> None:
            for line in stream:
                self.lines.append(line)
                if URL.search(line):
                    found.put(line)
            found.put("")

        def read_err(stream: IO[str]) -> None:
            self.errors.extend(stream)

        assert self.process.stdout is not None and self.process.stderr is not None
        self.readers = [threading.Thread(target=read_out, args=(self.process.stdout,)),
                        threading.Thread(target=read_err, args=(self.process.stderr,))]
        for reader in self.readers:
            reader.start()
        try:
            line = found.get(timeout=HANG_GUARD)
        except queue.Empty:
            line = ""
        match = URL.search(line)
        if match is None:
            self.stop()
            raise AssertionError(f"no URL printed: {''.join(self.lines)}{''.join(self.errors)}")
        self.url = match.group(1)

    def stop(self) -> tuple[int, str]:
        """Ctrl+C; the exit code and stderr."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=HANG_GUARD)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        for reader in self.readers:
            reader.join(timeout=HANG_GUARD)
        return self.process.returncode, "".join(self.errors)

    def __enter__(self) -> ServeProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.process.poll() is None:
            self.stop()


class Screen:
    """What the served app has drawn so far, from the websocket frames the page received."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.frames: list[bytes] = []
        page.on("websocket", lambda ws: ws.on("framereceived", self._frame))

    def _frame(self, payload: str | bytes) -> None:
        self.frames.append(payload if isinstance(payload, bytes) else payload.encode())

    def text(self) -> str:
        raw = b"".join(self.frames).decode("utf-8", "replace")
        return " ".join(ESCAPES.sub(" ", raw).split())

    def wait_for(self, words: str) -> None:
        wait_until(self.page, lambda: words in self.text(),
                   f"{words!r} on screen; saw: {self.text()}")


def wait_until(page: Any, done: Callable[[], bool], what: str) -> None:
    """Polls `done`, letting Playwright deliver events meanwhile (its sync API delivers
    websocket frames only while one of its calls runs: `time.sleep` would starve them)."""
    deadline = time.monotonic() + HANG_GUARD
    while not done():
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {HANG_GUARD} s for {what}")
        page.wait_for_timeout(100)


def answers_of(folder: Path, rater_file: str) -> dict[str, Any]:
    path = folder / "ratings" / rater_file
    if not path.exists():
        return {}
    return dict(yaml.safe_load(path.read_text(encoding="utf-8")).get("answers") or {})


def test_the_page_asks_who_is_rating_and_a_key_saves_that_raters_answer(
        page: Any, tiny_eval: Path) -> None:
    # the server account's own config names someone: a browser session must not rate as them
    save_config(UserConfig(rater="Server Owner"))
    screen = Screen(page)
    with ServeProcess(tiny_eval) as server:
        page.goto(server.url)
        page.wait_for_selector("body.-first-byte")  # the app's first output reached the page
        screen.wait_for("Who is rating Tiny test?")
        assert "Server Owner" not in screen.text()
        page.click("#terminal")
        page.wait_for_function("document.activeElement?.classList.contains("
                               "'xterm-helper-textarea')")  # keys now go to the app
        page.keyboard.type("Dana Scully")
        screen.wait_for("Dana Scully")
        page.keyboard.press("Enter")
        screen.wait_for("You are Dana Scully")
        page.keyboard.press("s")  # score, at the first open question: Acme, who-ran
        screen.wait_for("Who ran the benchmark?")
        page.keyboard.press("3")
        wait_until(page, lambda: "acme" in answers_of(tiny_eval, "dana-scully.yaml"),
                   "the answer in ratings/dana-scully.yaml")
        code, errors = server.stop()
    assert code == 0, errors
    assert "Traceback" not in errors
    assert answers_of(tiny_eval, "dana-scully.yaml")["acme"]["who-ran"]["score"] == 3
    assert sorted(p.name for p in (tiny_eval / "ratings").iterdir()) == ["dana-scully.yaml"]


def test_another_web_page_cannot_open_a_session(tiny_eval: Path) -> None:
    """Bound to 127.0.0.1 is not enough: any page the person has open in the browser could
    open the websocket; the Origin and Host headers must name the served page."""

    def status(path: str, **headers: str) -> int:
        request = urllib.request.Request(server.url + path, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=HANG_GUARD) as response:
                return int(response.status)
        except urllib.error.HTTPError as exc:
            return exc.code

    with ServeProcess(tiny_eval) as server:
        host = server.url.split("//", 1)[1]
        assert status("/") == 200
        assert status("/", Host=f"rebound.example:{host.split(':')[1]}") == 403
        upgrade = {"Connection": "Upgrade", "Upgrade": "websocket", "Sec-WebSocket-Version": "13",
                   "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ=="}
        assert status("/ws", Origin="http://evil.example", **upgrade) == 403
        code, errors = server.stop()
    assert code == 0, errors
    assert not (tiny_eval / "ratings").exists() or not any((tiny_eval / "ratings").iterdir())
