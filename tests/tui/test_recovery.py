"""Answers that cannot be saved go to one recovery file that only their owner can read, in
the evaluation when it can take it and in the user's data folder otherwise (issue 11,
item 15: quitting wrote two recovery files, and a read-only evaluation sent them to /tmp
readable by everyone)."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest
from tui_support import fixed_clock, pilot_test, record_notes, settle

import checklist.tui.recovery as recovery_module
from checklist.cli.tui_cmds import _run
from checklist.files.config import data_dir
from checklist.files.folder import RatingsFile, load_folder
from checklist.model import Answer
from checklist.tui.screens.dialogs import ConfirmDialog
from checklist.tui.session import Session


def unsaved(evaluation: Path, note: str = "mine") -> Session:
    """Ben's session with an answer that conflicts with what another program wrote."""
    s = Session(load_folder(evaluation), "Ben", fixed_clock)
    RatingsFile(evaluation, "ben", load_folder(evaluation).ordering).update(
        "acme", "who-ran", Answer(score=4, note="theirs"))
    s.set("acme", "who-ran", Answer(score=0, note=note))
    assert s.flush().conflicts
    return s


def recovery_files(*folders: Path) -> list[Path]:
    return sorted(p for folder in folders if folder.is_dir() for p in folder.rglob("*unsaved*"))


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def evaluation_refuses_writes(evaluation: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The evaluation's folders cannot be written (as root, chmod would not stop a write)."""
    real = recovery_module.write_atomic

    def write(path: Path, data: bytes | str, *, mode: int | None = None) -> None:
        if path.resolve().is_relative_to(evaluation.resolve()):
            raise PermissionError(13, "Permission denied", str(path))
        real(path, data, mode=mode)

    monkeypatch.setattr(recovery_module, "write_atomic", write)


def test_the_same_answers_are_recovered_once(evaluation: Path):
    s = unsaved(evaluation)
    first = s.recover()
    assert first is not None and s.recover() == first
    assert recovery_files(evaluation) == [first]
    assert mode(first) == 0o600
    s.set("acme", "tasks", Answer(score=2))  # something new left unsaved: a new file
    second = s.recover()
    assert second not in (None, first) and "tasks" in second.read_text()
    assert set(recovery_files(evaluation)) == {first, second}


def test_quitting_after_the_app_recovered_writes_and_says_nothing_more(
        evaluation: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    """What `checklist open` does once the app has ended: the app already wrote the
    recovery file when the person chose to quit anyway, and said where."""
    s = unsaved(evaluation)
    monkeypatch.setattr(s.file, "update", lambda *a, **k: (_ for _ in ()).throw(
        OSError("read-only file system")))
    s.set("acme", "tasks", Answer(score=2))
    s.flush()

    class Quit:
        """The app as `_run` finds it after "Quit anyway, keep a recovery file"."""

        session, return_code = s, 0
        recovered = s.recover()

        def run(self) -> None:
            pass

        def exit(self, **_: Any) -> None:
            pass

    assert _run(Quit()) == 0  # type: ignore[arg-type]
    assert recovery_files(evaluation) == [Quit.recovered]
    assert "could not be saved" not in capsys.readouterr().err


@pytest.mark.usefixtures("evaluation_refuses_writes")
def test_when_the_evaluation_cannot_take_it_the_file_goes_to_the_data_folder(
        evaluation: Path):
    s = unsaved(evaluation)
    kept = s.recover()
    assert kept is not None and kept.parent == data_dir() / "recovered"
    assert kept.name == "ev.ben.unsaved-20261102T100400.yaml"
    assert mode(kept) == 0o600 and mode(kept.parent) == 0o700
    assert str(evaluation.resolve() / "ratings" / "ben.yaml") in kept.read_text()
    assert "note: mine" in kept.read_text()
    assert str(kept) in s.where_recovered(kept) and "data folder" in s.where_recovered(kept)
    assert not recovery_files(evaluation)
    assert s.recover() == kept and recovery_files(kept.parent) == [kept]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root writes into read-only folders")
def test_a_read_only_evaluation_sends_the_file_to_the_data_folder(evaluation: Path):
    s = unsaved(evaluation)
    for folder in (evaluation / "ratings", evaluation):
        folder.chmod(0o500)
    try:
        kept = s.recover()
    finally:
        for folder in (evaluation, evaluation / "ratings"):
            folder.chmod(0o700)
    assert kept is not None and kept.parent == data_dir() / "recovered"
    assert mode(kept) == 0o600


@pilot_test
@pytest.mark.usefixtures("evaluation_refuses_writes")
async def test_the_app_says_where_the_recovery_file_went(
        make, evaluation: Path, monkeypatch: pytest.MonkeyPatch):
    app = make(rater="Ana", vendor="acme", save_delay=30)
    notes = record_notes(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        monkeypatch.setattr(app.session.file, "update",
                            lambda *a, **k: (_ for _ in ()).throw(OSError("read-only")))
        await pilot.press("3", "ctrl+q")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        assert str(data_dir() / "recovered") in app.screen.text
        await pilot.press("y")
        await settle(pilot)
    (kept,) = recovery_files(data_dir())
    assert app.recovered == kept and mode(kept) == 0o600
    assert any(str(kept) in n and "data folder" in n for n in notes)
