"""Bad input to the reuse commands: a positioned message, exit 2, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from .conftest import Cli, rate, run_cli


def test_reuse_core_imports_no_ui_or_template_engine() -> None:
    code = ("import checklist.reuse.rubric_diff, checklist.reuse.upgrade, "
            "checklist.reuse.eval_diff, checklist.reuse.spreadsheet, checklist.reuse.scaffold\n"
            "import sys, json; print(json.dumps(sorted(sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    loaded = set(json.loads(out.splitlines()[-1]))
    assert not loaded & {"textual", "jinja2", "typst", "rich"}


def test_broken_ratings_file_stops_upgrade_with_its_position(cli: Cli, ev: Path) -> None:
    rate(cli, ev, "ana", "acme", "who-ran", "--score", "2")
    broken = ev / "ratings" / "ana.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("score: 2", "score: [2"),
                      encoding="utf-8")
    result = run_cli("upgrade", str(ev), "--to", "tiny@1.0.0")
    assert result.returncode == 2
    assert result.stderr.startswith(f"{broken}:")
    assert "Traceback" not in result.stderr


def test_bad_sheet_through_a_real_process(cli: Cli, ev: Path, workdir: Path) -> None:
    sheet = workdir / "bad.csv"
    sheet.write_text("vendor,question,value\nacme,who-ran,five\n", encoding="utf-8")
    result = run_cli("import", str(ev), str(sheet), "--rater", "ana", cwd=workdir)
    assert result.returncode == 2
    assert result.stderr == (f"{sheet}:2:14: value: 'five': question 'who-ran' takes a whole "
                             "score 0..4\n")
    assert not (ev / "ratings" / "ana.yaml").exists()


def test_diff_of_a_folder_that_is_not_an_evaluation(cli: Cli, ev: Path, workdir: Path) -> None:
    other = workdir / "empty"
    other.mkdir()
    result = cli("diff", ev, other)
    assert result.code == 2 and "not an evaluation folder" in result.err
