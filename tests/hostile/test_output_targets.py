"""Where an output goes, it goes: `-o` never replaces what the user named with something else.

A named pipe a script reads, `/dev/null`, `/dev/stdout`, a link to the real file: each is
written *through*, never swapped for a regular file (as root, `-o /dev/full` once replaced the
device node itself). A full device is a clear error. A default output inside an evaluation
folder (`memo.pdf`), which may come from someone else's repository, never follows a link out.

Device tests use a private device node (made with mknod when running as root, where the real
`/dev/null` could be damaged by a broken build), else the real one, which an unprivileged
user cannot replace anyway.
"""

from __future__ import annotations

import os
import shutil
import stat
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from hostile.util import check_user_error, make_evaluation, run_cli, run_main

BUNDLED_RUBRIC = "benchmark-vs-production"


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_evaluation(tmp_path_factory.mktemp("outputs"))


@pytest.fixture
def folder(pristine: Path, tmp_path: Path) -> Path:
    target = tmp_path / "ev"
    shutil.copytree(pristine, target)
    return target


#: Every command that writes an output the user names with -o; {out} is the target.
COMMANDS: dict[str, Callable[[Path, Path], list[str | Path]]] = {
    "memo": lambda ev, out: ["memo", ev, "-o", out],
    "questionnaire": lambda ev, out: ["questionnaire", ev, "--vendor", "acme", "-o", out],
    "export": lambda ev, out: ["export", ev, "-o", out],
    "export-json": lambda ev, out: ["export", ev, "--format", "json", "-o", out],
    "rubrics-new": lambda ev, out: ["rubrics", "new", "team", "--extends", BUNDLED_RUBRIC,
                                    "-o", out],
}


def device(tmp_path: Path, name: str) -> Path:
    """A character device like /dev/`name` that the test may safely write to."""
    numbers = {"null": (1, 3), "full": (1, 7)}[name]
    if os.geteuid() != 0:
        return Path("/dev") / name
    node = tmp_path / f"dev-{name}"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(*numbers))
    except OSError:
        pytest.skip("cannot make a private device node here")
    return node


@pytest.fixture
def fifo_reader(tmp_path: Path) -> Iterator[tuple[Path, list[bytes]]]:
    """A named pipe with a reader collecting what is written into it."""
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received: list[bytes] = []

    def read() -> None:
        with open(pipe, "rb") as handle:
            received.append(handle.read())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    yield pipe, received
    if reader.is_alive():  # nothing opened the pipe: open it once so the reader ends
        with open(pipe, "wb"):
            pass
    reader.join(timeout=120)


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_named_pipe_is_written_through(command: str, folder: Path,
                                         fifo_reader: tuple[Path, list[bytes]]) -> None:
    pipe, received = fifo_reader
    result = run_main(*COMMANDS[command](folder, pipe))
    assert result.code == 0, result.output
    assert stat.S_ISFIFO(pipe.lstat().st_mode), "the named pipe was replaced by a file"
    for _ in range(100):
        if received:
            break
        threading.Event().wait(0.05)
    assert received and received[0], "nothing reached the reader"


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_character_device_is_written_through(command: str, folder: Path,
                                               tmp_path: Path) -> None:
    null = device(tmp_path, "null")
    result = run_main(*COMMANDS[command](folder, null))
    assert result.code == 0, result.output
    assert stat.S_ISCHR(null.lstat().st_mode), "the device was replaced by a file"


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_full_device_is_a_clear_error(command: str, folder: Path, tmp_path: Path) -> None:
    full = device(tmp_path, "full")
    result = run_main(*COMMANDS[command](folder, full))
    check_user_error(result, full, positioned=False, message="no space left")
    assert stat.S_ISCHR(full.lstat().st_mode), "the device was replaced by a file"


@pytest.mark.parametrize("command", ["memo", "export", "questionnaire"])
def test_a_link_the_user_names_stays_a_link(command: str, folder: Path,
                                            tmp_path: Path) -> None:
    """The user named the link: its target is written (atomically), the link is kept."""
    real = tmp_path / "shared" / "latest.out"
    real.parent.mkdir()
    real.write_text("old\n")
    real.chmod(0o640)
    link = tmp_path / "latest"
    link.symlink_to(real)
    result = run_main(*COMMANDS[command](folder, link))
    assert result.code == 0, result.output
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text() != "old\n"
    assert stat.S_IMODE(real.stat().st_mode) == 0o640, "the target's mode is kept"
    assert sorted(p.name for p in real.parent.iterdir()) == ["latest.out"], "temp file left"


def test_a_dangling_link_gets_its_target_created(folder: Path, tmp_path: Path) -> None:
    link = tmp_path / "memo.md"
    link.symlink_to(tmp_path / "target.md")
    assert run_main("memo", folder, "-o", link).code == 0
    assert link.is_symlink() and (tmp_path / "target.md").read_text().startswith("# ")


def test_a_link_to_standard_output_prints(folder: Path, tmp_path: Path) -> None:
    """`-o /dev/stdout` (a link to the process's own output) writes to standard output."""
    link = tmp_path / "stdout"
    link.symlink_to("/proc/self/fd/1")
    if not link.exists():
        pytest.skip("no /proc/self/fd here")
    result = run_cli("export", folder, "-o", link)
    assert result.code == 0, result.output
    assert result.stdout.lstrip("\ufeff").startswith("vendor,vendor_name,")
    assert link.is_symlink()


def test_rubrics_new_never_overwrites_through_a_link(folder: Path, tmp_path: Path) -> None:
    real = tmp_path / "real.yaml"
    real.write_text("keep: me\n")
    link = tmp_path / "team.yaml"
    link.symlink_to(real)
    dangling = tmp_path / "dangling.yaml"
    dangling.symlink_to(tmp_path / "nowhere.yaml")
    for target in (link, dangling):
        result = run_main(*COMMANDS["rubrics-new"](folder, target))
        check_user_error(result, target, positioned=False, message="already exists")
    assert real.read_text() == "keep: me\n" and not (tmp_path / "nowhere.yaml").exists()


@pytest.mark.parametrize("command", ["memo", "export"])
def test_a_folder_or_a_link_loop_is_a_clear_error(command: str, folder: Path,
                                                  tmp_path: Path) -> None:
    check_user_error(run_main(*COMMANDS[command](folder, tmp_path)), tmp_path,
                     positioned=False, message="folder")
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    check_user_error(run_main(*COMMANDS[command](folder, loop)), loop, positioned=False,
                     message="link")


def test_the_default_pdf_never_follows_a_link_out_of_the_evaluation(folder: Path,
                                                                    tmp_path: Path) -> None:
    """`memo.pdf` is checklist's choice inside a folder someone else may have shared."""
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    (folder / "memo.pdf").symlink_to(victim)
    result = run_cli("memo", folder, "--format", "pdf", timeout=300)
    check_user_error(result, folder / "memo.pdf", positioned=False, message="outside")
    assert victim.read_text() == "precious\n"
    assert (folder / "memo.pdf").is_symlink()


def _leftover(folder: Path, name: str, *, age: float) -> Path:
    """A temp file as a killed write of `name` leaves it, `age` seconds old."""
    import tempfile
    import time

    fd, path = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    os.write(fd, b"half a memo")
    os.close(fd)
    when = time.time() - age
    os.utime(path, (when, when))
    return Path(path)


@pytest.mark.parametrize("command", ["memo", "export", "questionnaire"])
def test_stale_temp_files_of_a_killed_write_are_swept(command: str, folder: Path,
                                                      tmp_path: Path) -> None:
    """A killed `memo -o` left `.memo.md.XXXXXXXX.tmp` behind (one was 900 MB): the next
    write of that file removes it once it is ten minutes old, and nothing else."""
    out = tmp_path / "out"
    out.mkdir()
    stale = _leftover(out, "memo.md", age=3600)
    fresh = _leftover(out, "memo.md", age=10)            # maybe a write in progress
    other = _leftover(out, "other.md", age=3600)         # another file's: not ours to judge
    mine = out / ".memo.md.backup01.tmp.keep"            # a user's file, not our pattern
    mine.write_text("keep")
    victim = tmp_path / "victim"
    victim.write_text("precious")
    link = out / ".memo.md.abcdefgh.tmp"                 # our pattern, but a link: untouched
    link.symlink_to(victim)
    old = os.lstat(link).st_mtime - 3600
    os.utime(link, (old, old), follow_symlinks=False)
    result = run_main(*COMMANDS[command](folder, out / "memo.md"))
    assert result.code == 0, result.output
    assert not stale.exists()
    assert fresh.exists() and other.exists() and mine.exists()
    assert link.is_symlink() and victim.read_text() == "precious"
