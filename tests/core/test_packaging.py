"""A non-editable install must carry the bundled rubrics, templates and examples."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from checklist.files.rubric_header import read_header

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(REPO)],
        capture_output=True, text=True, timeout=600,
    )
    if result.returncode != 0:
        pytest.fail(f"building the wheel failed:\n{result.stderr[-2000:]}")
    [built] = out.glob("checklist-*.whl")
    return built


def test_wheel_contains_every_bundled_file(wheel: Path):
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder in ("rubrics", "templates", "examples"):
        for path in (REPO / folder).rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                inside = f"checklist/_bundled/{folder}/{path.relative_to(REPO / folder)}"
                assert inside in names, f"{inside} missing from the wheel"


def test_installed_copy_finds_bundled_rubrics_from_another_folder(wheel: Path, tmp_path: Path):
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target",
                    str(target), str(wheel)], check=True, capture_output=True, timeout=300)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target)}
    result = subprocess.run([sys.executable, "-m", "checklist", "rubrics", "list"],
                            cwd=elsewhere, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert str(target) in result.stdout  # served from the installed copy, not the checkout
    assert "benchmark-vs-production" in result.stdout
    for rubric in (REPO / "rubrics").glob("*.yaml"):  # every bundled file, by its id
        header = read_header(rubric)
        assert header is not None and header[0] in result.stdout
    check = subprocess.run(
        [sys.executable, "-c", "import checklist; print(checklist.__file__)"],
        cwd=elsewhere, env=env, capture_output=True, text=True, timeout=60)
    assert check.stdout.startswith(str(target))
