"""Media bake-offs for the web page's tests, and the page's server run as a user runs it.

The media are made here, tiny and fresh: PNG (zlib), WAV (`wave`) and VP8 WebM (PyAV, from
the test extra). Vendor names and ids are unusual words, so a test can look for them in
everything the browser received without matching by chance.
"""

from __future__ import annotations

import os
import queue
import re
import signal
import struct
import subprocess
import sys
import threading
import wave
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from checklist.cli import main

REPO = Path(__file__).resolve().parents[2]
TINY_RUBRIC = REPO / "tests" / "data" / "tiny.yaml"

#: name -> id, as `checklist new` makes it
VENDORS = {"Quokkavision": "quokkavision", "Marmot Media": "marmot-media",
           "Wombatworks": "wombatworks"}
COLOURS = {"quokkavision": (220, 40, 40), "marmot-media": (40, 200, 60),
           "wombatworks": (40, 80, 220)}
EXTENSIONS = {"video": "webm", "image": "png", "audio": "wav", "text": "txt"}
URL = re.compile(r"open (http://\S+/\?token=\S+)")


def png(rgb: tuple[int, int, int], width: int = 48, height: int = 32) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    row = b"\x00" + bytes(rgb) * width
    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(row * height)) + chunk(b"IEND", b""))


def wav(path: Path, frequency: float, seconds: float = 0.5, rate: int = 8000) -> None:
    import math

    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(b"".join(
            struct.pack("<h", int(8000 * math.sin(2 * math.pi * frequency * n / rate)))
            for n in range(int(seconds * rate))))


def webm(path: Path, rgb: tuple[int, int, int], seconds: float = 2.0, fps: int = 10) -> None:
    """A VP8 WebM of `seconds`, a square moving over a plain background (a few KB)."""
    import av
    import numpy as np

    with av.open(str(path), "w", format="webm") as container:
        stream = container.add_stream("libvpx", rate=fps)
        stream.width, stream.height, stream.pix_fmt = 64, 48, "yuv420p"
        for n in range(int(seconds * fps)):
            frame = np.zeros((48, 64, 3), dtype=np.uint8)
            frame[:, :] = rgb
            x = n * 3 % 56
            frame[20:28, x:x + 8] = (255, 255, 255)
            for packet in stream.encode(av.VideoFrame.from_ndarray(frame, format="rgb24")):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)


def have_av() -> bool:
    try:
        import av  # noqa: F401
    except ImportError:
        return False
    return True


@dataclass
class MediaBakeoff:
    folder: Path
    #: every string that would identify a vendor or an output's file
    secrets: list[str] = field(default_factory=list)

    @property
    def bakeoff(self) -> Path:
        return self.folder / "bakeoff"


def make_media_bakeoff(root: Path, kinds: tuple[str, ...] = ("video", "image"), *,
                       vendors: int = 2, raters: tuple[str, ...] = ("ana",),
                       with_input: bool = False) -> MediaBakeoff:
    """An evaluation with a bake-off: one prompt per kind, an output of that kind from each
    vendor, and a plan dealing every comparison to `raters`."""
    folder = root / "ev"
    names = list(VENDORS)[:vendors]
    args = ["new", str(folder), "--rubric", str(TINY_RUBRIC), "--title", "Web test",
            "--context", "public=yes"]
    for name in names:
        args += ["--vendor", name]
    assert main(args) == 0
    inputs = folder / "bakeoff" / "inputs"
    inputs.mkdir(parents=True)
    (inputs / "reference-shot.png").write_bytes(png((200, 200, 0), 16, 16))
    lines = []
    for kind in kinds:
        lines.append(f"- id: {kind}-prompt\n  text: Show a <b>{kind}</b> & \"quote\"\n"
                     f"  task: text-to-{kind}\n")
        if with_input:
            lines.append("  input: inputs/reference-shot.png\n")
    prompts = root / "prompts.yaml"
    prompts.write_text("".join(lines))
    assert main(["bakeoff", "init", str(folder), "--prompts", str(prompts), "--seed", "5"]) == 0
    made = MediaBakeoff(folder)
    for name in names:
        vendor = VENDORS[name]
        made.secrets += [name, vendor]
        for kind in kinds:
            target = folder / "bakeoff" / "outputs" / vendor / f"{kind}-prompt.{EXTENSIONS[kind]}"
            if kind == "video":
                webm(target, COLOURS[vendor])
            elif kind == "image":
                target.write_bytes(png(COLOURS[vendor]))
            elif kind == "audio":
                wav(target, 220 + 110 * list(VENDORS.values()).index(vendor))
            else:
                target.write_text(f"<script>alert(1)</script> an answer about {kind}\n")
            made.secrets += [str(target), target.name, str(target.relative_to(folder))]
    plan = ["bakeoff", "plan", str(folder), "--simulations", "100"]
    for rater in raters:
        plan += ["--rater", rater]
    assert main(plan) == 0
    return made


class Server:
    """`checklist bakeoff serve` in a subprocess, as a user runs it; stopped with SIGINT.
    Its output is read by threads, so a server that never prints its URL fails the test
    after a generous hang guard instead of blocking it."""

    def __init__(self, folder: Path, *args: str, rater: str = "ana") -> None:
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "checklist", "bakeoff", "serve", str(folder),
             "--rater", rater, *args],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        self.lines: list[str] = []
        self.errors: list[str] = []
        found: queue.Queue[str] = queue.Queue()
        assert self.process.stdout is not None and self.process.stderr is not None

        def read_out(stream: IO[str]) -> None:
            for line in stream:
                self.lines.append(line)
                if URL.search(line):
                    found.put(line)
            found.put("")  # the end: no URL will come

        def read_err(stream: IO[str]) -> None:
            self.errors.extend(stream)

        self.readers = [threading.Thread(target=read_out, args=(self.process.stdout,)),
                        threading.Thread(target=read_err, args=(self.process.stderr,))]
        for reader in self.readers:
            reader.start()
        try:
            line = found.get(timeout=120)
        except queue.Empty:
            line = ""
        match = URL.search(line)
        if match is None:
            self.stop()
            raise AssertionError(f"no URL printed: {''.join(self.lines)}{''.join(self.errors)}")
        self.url = match.group(1)
        self.origin = self.url.split("/?")[0]
        self.token = self.url.split("token=", 1)[1]

    def stop(self) -> tuple[int, str, str]:
        """Ctrl+C, then the exit code and everything printed on stdout and stderr."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=120)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        for reader in self.readers:
            reader.join(timeout=120)
        return self.process.returncode, "".join(self.lines), "".join(self.errors)

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.process.poll() is None:
            self.stop()
