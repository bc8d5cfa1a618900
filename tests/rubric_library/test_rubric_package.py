"""Rubric packages (issue 21 item 3): the example package under examples/rubric-package,
pip-installed into a fresh virtual environment, puts its rubric and template on the search
path (after the bundled folder, before the user's), and `checklist new` and `memo` use them.

Offline: the new environment sees this test environment's packages (checklist and hatchling)
through a .pth file, and pip builds the package with `--no-build-isolation --no-deps`.
"""

from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from checklist.files.packages import _folder_of

REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "examples" / "rubric-package"
TIMEOUT = 300  # a hang guard only: a loaded machine is slow


def run(*args: str | Path, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, cwd=cwd,
                          env=env, timeout=TIMEOUT)


@pytest.mark.slow
def test_an_installed_package_joins_the_search_path(tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    purelib = run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])",
                  cwd=tmp_path, env=dict(os.environ)).stdout.strip()
    # This environment's site-packages (checklist, its dependencies, hatchling), after the
    # new environment's own.
    ours = [p for p in site.getsitepackages() if Path(p).is_dir()]
    # `site.addsitedir` also runs their .pth files (the editable install of checklist).
    lines = [f"import site; site.addsitedir({p!r})" for p in ours]
    (Path(purelib) / "zz_test_parent.pth").write_text("\n".join(lines) + "\n", encoding="utf-8")
    source = tmp_path / "src"
    shutil.copytree(PACKAGE, source)  # the build writes nothing into the checkout
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PIP_NO_INDEX"] = "1"
    installed = run(python, "-m", "pip", "install", "--no-deps", "--no-build-isolation", "-q",
                    source, cwd=tmp_path, env=env)
    assert installed.returncode == 0, installed.stderr

    work = tmp_path / "work"
    work.mkdir()
    listed = run(python, "-m", "checklist", "rubrics", "list", cwd=work, env=env)
    assert listed.returncode == 0, listed.stderr
    row = next(line for line in listed.stdout.splitlines() if line.startswith("acme-support-llm"))
    assert "package acme-checklist 1.0.0 (acme)" in row
    assert "llm-api@1.0.0" in row  # its parent

    path = run(python, "-m", "checklist", "rubrics", "path", "list", cwd=work, env=env).stdout
    sources = [line.split()[1] for line in path.splitlines() if line[:1].strip().isdigit()]
    assert sources[:3] == ["bundled", "package", "user"]  # after bundled, before the user's

    created = run(python, "-m", "checklist", "new", "ev", "--rubric", "acme-support-llm",
                  "--title", "Support model", "--vendor", "Acme LM", cwd=work, env=env)
    assert created.returncode == 0, created.stderr
    assert "acme-support-llm@1.0.0" in created.stdout
    memo = run(python, "-m", "checklist", "memo", "ev", "--template", "acme-memo",
               cwd=work, env=env)
    assert memo.returncode == 0, memo.stderr
    assert "## ACME approval" in memo.stdout


def test_an_entry_point_must_name_a_package_folder() -> None:
    assert _folder_of("checklist")[0] == REPO / "checklist"
    path, problem = _folder_of("checklist.cli:main")
    assert path is None and "must name a package" in problem
    path, problem = _folder_of("no_such_package_here.rubrics")
    assert path is None and "not an installed package folder" in problem
    assert "no_such_package_here" not in sys.modules


def test_a_broken_entry_point_is_a_warning_not_a_crash(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from importlib.metadata import EntryPoint

    from checklist.cli import main
    from checklist.files import packages

    broken = EntryPoint(name="acme", value="acme_gone.rubrics", group="checklist.rubrics")
    real = packages.metadata.entry_points

    def entry_points(**select: str) -> object:  # other groups (pydantic's plugins) as they are
        return [broken] if select.get("group") == "checklist.rubrics" else real(**select)

    monkeypatch.setattr(packages.metadata, "entry_points", entry_points)
    assert main(["rubrics", "list"]) == 0
    captured = capsys.readouterr()
    assert "warning: skipped package unknown (acme): entry point names 'acme_gone.rubrics'" \
        in captured.err
    assert "benchmark-vs-production" in captured.out  # the rest of the library still lists
