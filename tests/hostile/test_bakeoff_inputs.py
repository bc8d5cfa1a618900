"""Hostile bake-off inputs: manifests, paths that lead out, links, oversized and odd files.

The promise as everywhere: exit 2, `file:line:column` (or `file:` for a whole file), no
traceback, nothing written (a manifest is all or nothing), nothing read outside the folder.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from hostile.util import check_user_error, run_cli, run_main


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from bakeoff.bakeoff_support import make_bakeoff

    root = tmp_path_factory.mktemp("bake")
    folder = make_bakeoff(root)
    for prompt in ("p01", "p02", "p03", "p04"):  # gamma's outputs come from manifests
        (folder / "bakeoff" / "outputs" / "gamma" / f"{prompt}.txt").unlink()
    return folder


@pytest.fixture
def folder(pristine: Path, tmp_path: Path) -> Path:
    target = tmp_path / "ev"
    shutil.copytree(pristine, target, symlinks=True)
    return target


def _outputs(folder: Path) -> bytes | None:
    path = folder / "bakeoff" / "outputs.yaml"
    return path.read_bytes() if path.exists() else None


def _add(folder: Path, manifest: Path, *, subprocess: bool = False):
    args = ("bakeoff", "add", folder, "--manifest", manifest)
    return run_cli(*args) if subprocess else run_main(*args)


HEADER = "vendor,prompt,path,text,latency_s,cost,ok\n"
GOOD = "gamma,p01,,Gamma says one,1.5,0.02,true\n"


@pytest.mark.parametrize("row,line,column,message", [
    ("gama,p02,,hi,,,\n", 3, 1, "unknown vendor 'gama' — did you mean 'gamma'"),
    ("gamma,p9,,hi,,,\n", 3, 7, "unknown prompt"),
    ("gamma,p02,../../etc/passwd,,,,\n", 3, 11, "outside the bake-off"),
    ("gamma,p02,/etc/passwd,,,,\n", 3, 11, "not a path relative"),
    ("gamma,p02,outputs/gamma/nothing.txt,,,,\n", 3, 11, "not found"),
    ("gamma,p02,outputs/gamma/p02.exe,,,,\n", 3, 11, "unknown kind"),
    ("gamma,p02,outputs/acme/p01.txt,also text,,,\n", 3, 11, "not both"),
    ("gamma,p02,,,,,\n", 3, 11, "give `path` or `text`"),
    ("gamma,p02,,hi,fast,,\n", 3, 15, "latency_s: 'fast' is not a number"),
    ("gamma,p02,,hi,-1,,\n", 3, 15, "finite number, 0 or more"),
    ("gamma,p02,,hi,nan,,\n", 3, 15, "finite number"),
    ("gamma,p02,,hi,,,maybe\n", 3, 17, "true or false"),
    ("gamma,p01,,again,,,\n", 3, 7, "already on line 2"),
    ('gamma,p02,,"never closed\n', 3, 1, "cannot read this row"),
    ("gamma,p02,,hi,,,,extra\n", 3, 18, "cells but the header names"),
    ("gamma,p02,,\x1b[31mred,,,\n", 0, 0, ""),  # fine: escaped wherever it is shown
])
def test_bad_manifest_rows(folder: Path, tmp_path: Path, row: str, line: int, column: int,
                           message: str) -> None:
    manifest = tmp_path / "manifest.csv"
    manifest.write_text(HEADER + GOOD + row)
    before = _outputs(folder)
    result = _add(folder, manifest)
    if not message:
        assert result.code == 0, result.output
        return
    [found] = check_user_error(result, manifest, line=line, message=message)[:1]
    assert int(found["column"]) == column, result.stderr
    assert _outputs(folder) == before, "a manifest with a bad row must write nothing"


def test_unknown_and_missing_columns(folder: Path, tmp_path: Path) -> None:
    manifest = tmp_path / "m.csv"
    manifest.write_text("vendor,prompt,text,latncy_s\ngamma,p01,hi,3\n")
    check_user_error(_add(folder, manifest), manifest, line=1,
                     message="unknown — did you mean 'latency_s'")
    manifest.write_text("vendor,text\ngamma,hi\n")
    check_user_error(_add(folder, manifest), manifest, line=1, message="missing prompt")
    assert _outputs(folder) is None


def test_jsonl_manifest_positions(folder: Path, tmp_path: Path) -> None:
    manifest = tmp_path / "m.jsonl"
    good = json.dumps({"vendor": "gamma", "prompt": "p01", "text": "one"})
    manifest.write_text(good + "\n" + '{"vendor": "gamma", "prompt": "p5", "text": "x"}\n')
    found = check_user_error(_add(folder, manifest), manifest, line=2,
                             message="unknown prompt")
    assert int(found[0]["column"]) == 31  # where the value of "prompt" starts
    manifest.write_text(good + "\n{not json\n")
    check_user_error(_add(folder, manifest), manifest, line=2, message="not a JSON object")
    manifest.write_text(good + '\n{"vendor": "gamma", "prompt": "p02", "txet": "x"}\n')
    check_user_error(_add(folder, manifest), manifest, line=2, message="did you mean 'text'")
    manifest.write_text("[1, 2]\n")
    check_user_error(_add(folder, manifest), manifest, line=1, message="JSON object")
    assert _outputs(folder) is None


def test_a_good_manifest_is_merged_and_idempotent(folder: Path, tmp_path: Path) -> None:
    (folder / "bakeoff" / "media").mkdir()
    (folder / "bakeoff" / "media" / "g2.md").write_text("# Gamma two\n")
    manifest = tmp_path / "m.csv"
    manifest.write_text(HEADER + GOOD + "gamma,p02,media/g2.md,,2,,\n"
                        "gamma,p03,,,,,false\ngamma,p04,,four,,,\n")
    result = _add(folder, manifest, subprocess=True)
    assert result.code == 0, result.output
    first = _outputs(folder)
    assert first is not None and b"media/g2.md" in first and b"ok: false" in first
    again = _add(folder, manifest)
    assert again.code == 0 and "4 unchanged" in again.stdout
    assert _outputs(folder) == first
    status = run_main("bakeoff", "status", folder)
    assert status.code == 0 and "1 failed request" in status.stdout


def test_symlinks_that_lead_out_are_refused(folder: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("private key\n")
    (folder / "bakeoff" / "outputs" / "gamma" / "p01.txt").symlink_to(secret)
    result = run_main("bakeoff", "status", folder)
    check_user_error(result, folder / "bakeoff" / "outputs" / "gamma" / "p01.txt",
                     positioned=False, message="outside")
    manifest = tmp_path / "m.csv"
    (folder / "bakeoff" / "inside-link.txt").symlink_to(secret)
    manifest.write_text(HEADER + "gamma,p02,inside-link.txt,,,,\n")
    check_user_error(_add(folder, manifest), manifest, line=2, message="outside")
    plan = run_main("bakeoff", "plan", folder, "--rater", "ana", "--simulations", "100")
    assert plan.code == 2 and not (folder / "bakeoff" / "plan.yaml").exists()


def test_a_bakeoff_folder_linked_outside_is_refused(folder: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    shutil.move(str(folder / "bakeoff"), elsewhere)
    (folder / "bakeoff").symlink_to(elsewhere)
    check_user_error(run_main("bakeoff", "status", folder), folder / "bakeoff",
                     positioned=False, message="outside")


def test_oversized_fifo_and_folder_outputs(folder: Path, tmp_path: Path) -> None:
    big = folder / "bakeoff" / "outputs" / "gamma" / "p01.txt"
    with big.open("wb") as handle:
        handle.truncate(1024 * 1024 + 1)  # sparse: 1 MiB + 1 byte, the text limit
    os.mkfifo(folder / "bakeoff" / "outputs" / "gamma" / "p02.txt")
    (folder / "bakeoff" / "outputs" / "gamma" / "p03.md").mkdir()
    result = run_cli("bakeoff", "status", folder)
    lines = check_user_error(result, big, positioned=False, message="limit")
    assert any("not a regular file" in m["message"] for m in lines)
    one = tmp_path / "huge.mp4"
    with one.open("wb") as handle:
        handle.truncate(1024 * 1024 * 1024 + 1)
    check_user_error(run_main("bakeoff", "add", folder, one, "--vendor", "gamma",
                              "--prompt", "p04"), one, positioned=False, message="1,024 MiB limit")


def test_input_assets_outside_the_folder_are_refused(folder: Path) -> None:
    settings = folder / "bakeoff" / "bakeoff.yaml"
    text = settings.read_text().replace("- id: p02\n", "- id: p02\n  input: ../../../etc/hosts\n")
    settings.write_text(text)
    line = text.splitlines().index("  input: ../../../etc/hosts") + 1
    check_user_error(run_main("bakeoff", "status", folder), settings, line=line,
                     message="outside the bake-off")


def test_add_one_file_copies_it_in_and_never_over_another(folder: Path, tmp_path: Path) -> None:
    source = tmp_path / "g1.md"
    source.write_text("Gamma one\n")
    done = run_main("bakeoff", "add", folder, source, "--vendor", "gamma", "--prompt", "p01")
    assert done.code == 0, done.output
    target = folder / "bakeoff" / "outputs" / "gamma" / "p01.md"
    assert target.read_text() == "Gamma one\n"
    assert run_main("bakeoff", "add", folder, source, "--vendor", "gamma", "--prompt",
                    "p01").code == 0  # the same bytes again: nothing to do
    other = tmp_path / "other.txt"
    other.write_text("Gamma changed its mind\n")
    check_user_error(run_main("bakeoff", "add", folder, other, "--vendor", "gamma", "--prompt",
                              "p01"), other, positioned=False, message="already has")
    assert target.read_text() == "Gamma one\n"
    check_user_error(run_main("bakeoff", "add", folder, other, "--vendor", "gama", "--prompt",
                              "p01"), "checklist", positioned=False, message="did you mean")
