"""A refusing environment is the user's to fix, not a bug: no permission, a read-only
evaluation, a full disk or a full standard output end with exit 2, the path, and what to do,
never "internal error ... This is a bug".

Tests run as root here, where chmod cannot refuse anything, so a refusal is simulated in
process (the temp file every atomic write starts with cannot be created; a folder cannot be
listed) and a full disk is a device that answers every write with ENOSPC.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from hostile.test_output_targets import device
from hostile.util import TINY_RUBRIC, check_user_error, make_evaluation, run_main


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_evaluation(tmp_path_factory.mktemp("environment"))


@pytest.fixture
def folder(pristine: Path, tmp_path: Path) -> Path:
    target = tmp_path / "ev"
    shutil.copytree(pristine, target)
    return target


def _snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


def read_only(monkeypatch: pytest.MonkeyPatch, *folders: Path, code: int = errno.EACCES) -> None:
    """Files cannot be created in `folders`, as in a read-only folder or file system."""
    real = tempfile.mkstemp
    refused = {os.path.realpath(f) for f in folders}

    def mkstemp(suffix: str | None = None, prefix: str | None = None,
                dir: str | os.PathLike[str] | None = None, text: bool = False
                ) -> tuple[int, str]:
        if dir is not None and os.path.realpath(dir) in refused:
            name = os.path.join(dir, f"{prefix}xxxxxxxx{suffix}")
            raise OSError(code, os.strerror(code), name)
        return real(suffix, prefix, dir, text)

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)


#: command, the folder it writes into, the file the error must name.
WRITES: dict[str, Callable[[Path, Path], tuple[list[str | Path], Path, Path]]] = {
    "rate": lambda ev, out: (["rate", ev, "--rater", "ana", "--vendor", "acme",
                              "--question", "tasks", "--score", "2"],
                             ev / "ratings", ev / "ratings" / "ana.yaml"),
    "export -o": lambda ev, out: (["export", ev, "-o", ev / "sheet.csv"], ev, ev / "sheet.csv"),
    "memo -o": lambda ev, out: (["memo", ev, "-o", out / "memo.md"], out, out / "memo.md"),
    "memo --format pdf": lambda ev, out: (["memo", ev, "--format", "pdf"], ev, ev / "memo.pdf"),
    "rubrics new -o": lambda ev, out: (["rubrics", "new", "team", "--extends",
                                        "benchmark-vs-production", "-o", out / "team.yaml"],
                                       out, out / "team.yaml"),
    "new": lambda ev, out: (["new", out / "ev2", "--rubric", TINY_RUBRIC, "--title", "T",
                             "--vendor", "Acme"], out / "ev2", out / "ev2" / "rubric.lock.yaml"),
}


@pytest.mark.parametrize("code", [errno.EACCES, errno.EROFS, errno.ENOSPC],
                         ids=["permission", "read-only-fs", "disk-full"])
@pytest.mark.parametrize("command", sorted(WRITES))
def test_a_folder_that_refuses_writes_is_a_user_error(command: str, code: int, folder: Path,
                                                       tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "ev2" / "ratings").mkdir(parents=True)
    args, refusing, named = WRITES[command](folder, out)
    before = _snapshot(folder)
    existed = named.exists()
    read_only(monkeypatch, refusing, code=code)
    result = run_main(*args)
    words = {errno.EACCES: "permission denied", errno.EROFS: "read-only",
             errno.ENOSPC: "no space left"}[code]
    check_user_error(result, named, positioned=False, message=words)
    assert _snapshot(folder) == before, "nothing the user wrote may change"
    assert named.exists() == existed


def test_a_save_whose_rename_is_refused_is_a_user_error(folder: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """The temp file was written but may not replace the ratings file (an immutable file,
    a folder that turned read-only): the ratings file is named, the temp file removed."""
    def replace(src: object, dst: object, **_: object) -> None:
        raise PermissionError(errno.EPERM, os.strerror(errno.EPERM), str(src), None, str(dst))

    before = _snapshot(folder)
    monkeypatch.setattr(os, "replace", replace)
    result = run_main("rate", folder, "--rater", "ana", "--vendor", "acme", "--question",
                      "tasks", "--score", "2")
    check_user_error(result, folder / "ratings" / "ana.yaml", positioned=False,
                     message="permission denied")
    assert _snapshot(folder) == before


def test_an_unreadable_ratings_folder_is_a_user_error(folder: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """`chmod 000 ratings`: every command that reads the evaluation says which folder."""
    ratings = folder / "ratings"
    real = Path.iterdir

    def iterdir(self: Path):  # type: ignore[no-untyped-def]
        if os.path.realpath(self) == os.path.realpath(ratings):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
        return real(self)

    monkeypatch.setattr(Path, "iterdir", iterdir)
    for command in (["summary", folder], ["status", folder], ["memo", folder],
                    ["rate", folder, "--rater", "ana", "--vendor", "acme", "--question",
                     "tasks", "--score", "1"]):
        check_user_error(run_main(*command), ratings, positioned=False,
                         message="permission denied")


@pytest.mark.parametrize("command", [
    ["summary", "{folder}"], ["summary", "{folder}", "--json"], ["status", "{folder}"],
    ["export", "{folder}"], ["export", "{folder}", "--format", "json"], ["memo", "{folder}"],
    ["questionnaire", "{folder}", "--vendor", "acme"], ["diff", "{folder}", "{folder}"],
    ["rubrics", "show", "{folder}/rubric.lock.yaml"],
], ids=lambda c: " ".join(a for a in c if "{" not in a))
def test_standard_output_on_a_full_device_is_a_user_error(command: list[str], folder: Path,
                                                          tmp_path: Path) -> None:
    """`checklist summary > /dev/full`: exit 2 naming standard output, and nothing more
    (no traceback, no "Exception ignored" from Python flushing it again at exit)."""
    args = [a.replace("{folder}", str(folder)) for a in command]
    full = device(tmp_path, "full")
    with open(full, "wb") as stdout:
        done = subprocess.run([sys.executable, "-m", "checklist", *args], stdout=stdout,
                              stderr=subprocess.PIPE, text=True, timeout=120)
    assert stat.S_ISCHR(full.lstat().st_mode)
    assert done.returncode == 2, done.stderr
    assert "Exception ignored" not in done.stderr and "Traceback" not in done.stderr
    assert done.stderr.splitlines() == [
        "standard output: no space left on the device; free some space, or write elsewhere"]
