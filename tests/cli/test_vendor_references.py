"""A vendor the bake-off or waiting proposals name keeps its id: renaming it to a new id or
removing it is refused with what to do, and nothing is written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hostile.util import run_main

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "ai-video-2026"


@pytest.fixture
def video(tmp_path: Path) -> Path:
    folder = tmp_path / "video"
    shutil.copytree(EXAMPLE, folder)
    return folder


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize("args, message", [
    (("rename", "kling-3", "Kling Three", "--id", "kling-three"),
     "cannot be renamed to a new id; rename it with --keep-id"),
    (("remove", "runway"), "cannot be removed"),
])
def test_a_bakeoff_vendor_keeps_its_id(video: Path, args: tuple[str, ...],
                                       message: str) -> None:
    before = _files(video)
    verb, vendor, *rest = args
    result = run_main("vendor", verb, video, vendor, *rest)
    assert result.code == 2
    assert f"{video / 'bakeoff' / 'bakeoff.yaml'}: vendor '{vendor}' is in the bake-off" \
        in result.stderr
    assert message in result.stderr
    assert _files(video) == before
    assert run_main("bakeoff", "status", video).code == 0


def test_keep_id_renames_a_bakeoff_vendor(video: Path) -> None:
    result = run_main("vendor", "rename", video, "kling-3", "Kling Three", "--keep-id")
    assert result.code == 0, result.output
    assert run_main("bakeoff", "results", video).code == 0


def test_waiting_proposals_keep_a_vendors_id(video: Path) -> None:
    # hailuo is not in the bake-off; a proposal for it is written by hand here, as an import
    # for a rubric with `informed_by` would
    proposals = video / "proposals"
    proposals.mkdir()
    (proposals / "evidence-hailuo-x.yaml").write_text(
        "source: evidence-hailuo-x\ntitle: t\nmade: 2026-11-27 10:00:00+00:00\nproposals:\n"
        "- vendor: hailuo\n  question: p95-latency\n  answer:\n    value: 1.0\n",
        encoding="utf-8")
    before = _files(video)
    result = run_main("vendor", "rename", video, "hailuo", "Hailuo", "--id", "minimax")
    assert result.code == 2
    assert "proposed answers for vendor 'hailuo' wait here" in result.stderr
    assert _files(video) == before
