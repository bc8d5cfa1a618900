"""`checklist bakeoff ...` as a user runs it: exit codes, messages, files written or not."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from hostile.util import check_user_error, run_cli, run_main

from bakeoff.bakeoff_support import TINY_RUBRIC, make_bakeoff


def test_init_needs_an_evaluation_and_never_overwrites(tmp_path: Path) -> None:
    check_user_error(run_main("bakeoff", "init", tmp_path / "nowhere"), tmp_path / "nowhere",
                     positioned=False, message="no such folder")
    (tmp_path / "empty").mkdir()
    check_user_error(run_main("bakeoff", "init", tmp_path / "empty"), tmp_path / "empty",
                     positioned=False, message="not an evaluation")
    folder = make_bakeoff(tmp_path, outputs=False)
    settings = folder / "bakeoff" / "bakeoff.yaml"
    before = settings.read_bytes()
    check_user_error(run_main("bakeoff", "init", folder), settings, positioned=False,
                     message="already exists")
    assert settings.read_bytes() == before


def test_init_with_yaml_prompts_points_at_bad_lines(tmp_path: Path) -> None:
    assert run_main("new", tmp_path / "ev", "--rubric", TINY_RUBRIC, "--title", "T",
                    "--vendor", "A", "--vendor", "B", "--context", "public=yes").code == 0
    prompts = tmp_path / "prompts.yaml"
    prompts.write_text("- id: brief-1\n  text: Write it\n  task: text-generation\n"
                       "- id: brief-1\n  text: Again\n- id: Bad Id\n  text: x\n")
    result = run_main("bakeoff", "init", tmp_path / "ev", "--prompts", prompts)
    check_user_error(result, prompts, line=6, message="not a valid id")
    prompts.write_text("- id: brief-1\n  text: Write it\n  tsak: video\n")
    check_user_error(run_main("bakeoff", "init", tmp_path / "ev", "--prompts", prompts),
                     prompts, line=3, message="did you mean 'task'")
    prompts.write_text("prompts:\n- id: brief-1\n  text: Write it\n- id: brief-2\n  text: Two\n")
    done = run_main("bakeoff", "init", tmp_path / "ev", "--prompts", prompts, "--seed", "3")
    assert done.code == 0, done.output
    assert "2 prompt(s), seed 3" in done.stdout


def test_status_plan_and_vote_from_the_command_line(tmp_path: Path) -> None:
    folder = make_bakeoff(tmp_path)
    status = run_cli("bakeoff", "status", folder)
    assert status.code == 0, status.output
    assert "outputs: 12 of 12" in status.stdout and "plan: none yet" in status.stdout

    dry = run_cli("bakeoff", "plan", folder, "--raters", "Ana María,bob", "--dry-run",
                  "--simulations", "200")
    assert dry.code == 0, dry.output
    assert not (folder / "bakeoff" / "plan.yaml").exists()
    planned = run_cli("bakeoff", "plan", folder, "--rater", "Ana María", "--rater", "bob",
                      "--pairs", "balanced", "--per-prompt", "3", "--simulations", "200")
    assert planned.code == 0, planned.output
    assert "12 comparisons on 4 prompts" in planned.stdout
    assert "ana-maria: 6 comparisons" in planned.stdout
    assert "80% power" in planned.stdout and "Elo" in planned.stdout
    again = run_cli("bakeoff", "plan", folder, "--rater", "Ana María", "--rater", "bob",
                    "--pairs", "balanced", "--per-prompt", "3", "--simulations", "200")
    assert "unchanged" in again.stdout  # the same seed and files: the same plan

    keys = "l\nquality\nclear winner\nr\n\n\nz\nq\n"  # vote, vote, undo, quit
    keys = "l\nquality\nclear winner\nr\n\n\nz\nq\n"  # vote, vote, undo, quit
    voted = subprocess.run([sys.executable, "-m", "checklist", "bakeoff", "vote", str(folder),
                            "--rater", "Ana María"], input=keys, capture_output=True, text=True,
                           timeout=300)
    assert voted.returncode == 0, voted.stderr
    assert "undid the vote" in voted.stdout
    text = (folder / "bakeoff" / "votes" / "ana-maria.yaml").read_text()
    assert "rater: Ana María" in text and text.count("verdict:") == 1
    assert "verdict: left" in text and "note: clear winner" in text
    status = run_cli("bakeoff", "status", folder)
    assert status.code == 0 and "1/6" in status.stdout


def test_plan_flags_are_checked(tmp_path: Path) -> None:
    folder = make_bakeoff(tmp_path)
    for args, message in [
        (("--rater", "ana", "--per-prompt", "2"), "goes with --pairs balanced"),
        (("--rater", "ana", "--pairs", "balanced", "--per-prompt", "4"), "give 1 to 3"),
        (("--rater", "ana", "--overlap", "2"), "--overlap 2"),
        (("--rater", "ana", "--rater", "ANA"), "named twice"),
        (("--rater", "...",), "file name"),
        (("--rater", "ana", "--seed", "-1"), "--seed"),
    ]:
        result = run_main("bakeoff", "plan", folder, *args)
        check_user_error(result, "checklist", positioned=False, message=message)
    assert not (folder / "bakeoff" / "plan.yaml").exists()
    (folder / "bakeoff" / "outputs" / "acme" / "p02.txt").unlink()
    check_user_error(run_main("bakeoff", "plan", folder, "--rater", "ana"),
                     folder / "bakeoff", positioned=False, message="acme/p02")
