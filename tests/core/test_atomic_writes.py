"""Writes replace files whole, and never read or follow what a hostile folder plants."""

from __future__ import annotations

import datetime as dt
import os

from checklist.files.atomic import write_atomic
from checklist.files.folder import Ordering, ratings_text
from checklist.model import Answer, Ratings


def test_identical_content_is_not_rewritten(tmp_path):
    target = tmp_path / "a.yaml"
    write_atomic(target, "x: 1\n")
    before = target.stat().st_mtime_ns
    os.utime(target, ns=(before - 10**9, before - 10**9))
    write_atomic(target, "x: 1\n")
    assert target.stat().st_mtime_ns == before - 10**9
    write_atomic(target, "x: 2\n")
    assert target.read_text() == "x: 2\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.yaml"]  # no temp file left


def test_a_link_to_an_endless_device_is_replaced_not_read(tmp_path):
    target = tmp_path / "memo.pdf"
    target.symlink_to("/dev/zero")
    write_atomic(target, b"%PDF-1.7")
    assert not target.is_symlink() and target.read_bytes() == b"%PDF-1.7"


def test_a_fifo_in_place_of_the_target_does_not_hang(tmp_path):
    target = tmp_path / "memo.md"
    os.mkfifo(target)
    write_atomic(target, "# memo\n")
    assert target.read_text() == "# memo\n"


def test_shared_timestamps_are_written_out_not_aliased():
    at = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)
    ratings = Ratings(rater="ana", answers={"acme": {
        "q1": Answer(score=1, at=at), "q2": Answer(score=2, at=at)}})
    text = ratings_text(ratings, Ordering({}, {}))
    assert "&id" not in text and "*id" not in text
    assert text.count("at: 2026-11-20 09:00:00+00:00") == 2
