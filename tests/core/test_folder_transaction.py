"""Folder transactions: several files replaced only if none changed since they were read."""

from __future__ import annotations

from pathlib import Path

import pytest

from checklist.errors import ConflictError
from checklist.files.transaction import Replacement, read_or_empty, replace_files


def test_writes_every_file_when_none_changed(tmp_path: Path) -> None:
    a, b, new = tmp_path / "a.yaml", tmp_path / "b.yaml", tmp_path / "new.yaml"
    a.write_text("a1")
    b.write_text("b1")
    replace_files(tmp_path, [Replacement(a, "a2", b"a1"), Replacement(b, b"b2", b"b1"),
                             Replacement(new, "n", b"")], conflict="changed")
    assert (a.read_text(), b.read_text(), new.read_text()) == ("a2", "b2", "n")


def test_one_changed_file_writes_nothing(tmp_path: Path) -> None:
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.write_text("a1")
    b.write_text("b1 edited meanwhile")
    with pytest.raises(ConflictError) as caught:
        replace_files(tmp_path, [Replacement(a, "a2", b"a1"), Replacement(b, "b2", b"b1")],
                      conflict="changed meanwhile; nothing written")
    assert caught.value.problems[0].file == str(b)
    assert caught.value.problems[0].message == "changed meanwhile; nothing written"
    assert (a.read_text(), b.read_text()) == ("a1", "b1 edited meanwhile")


def test_a_file_that_appeared_is_a_change_and_unchecked_files_are_written(
        tmp_path: Path) -> None:
    appeared, free = tmp_path / "appeared.yaml", tmp_path / "free.yaml"
    appeared.write_text("someone's first answer")
    free.write_text("anything")
    with pytest.raises(ConflictError):
        replace_files(tmp_path, [Replacement(appeared, "mine", b"")], conflict="changed")
    assert appeared.read_text() == "someone's first answer"
    replace_files(tmp_path, [Replacement(free, "mine")], conflict="changed")
    assert free.read_text() == "mine"


def test_the_callers_check_runs_under_the_lock_first(tmp_path: Path) -> None:
    target = tmp_path / "a.yaml"

    def refuse() -> None:
        raise ConflictError.at(tmp_path, "moved to another rubric")

    with pytest.raises(ConflictError, match="moved to another rubric"):
        replace_files(tmp_path, [Replacement(target, "x", b"")], conflict="changed",
                      check=refuse)
    assert not target.exists()
    assert read_or_empty(target) == b""
