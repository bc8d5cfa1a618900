"""The core never imports the UI or the template engines: proved in a fresh interpreter."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "checklist"


def _modules_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys, json; print(json.dumps(sorted(sys.modules)))"],
        capture_output=True, text=True, check=True,
    ).stdout
    return set(json.loads(out.splitlines()[-1]))


def test_core_imports_neither_textual_nor_jinja_nor_typst():
    loaded = _modules_after(
        "import checklist.model, checklist.files.folder, checklist.files.library, "
        "checklist.scoring, checklist.scoring.export"
    )
    for heavy in ("textual", "jinja2", "typst", "rich"):
        assert heavy not in loaded, f"the core imported {heavy}"
    for upper in ("checklist.tui", "checklist.memo", "checklist.cli", "checklist.reuse"):
        assert not any(m == upper or m.startswith(upper + ".") for m in loaded), (
            f"the core imported {upper}: dependencies point from cli/tui to memo to scoring "
            "to model, never back"
        )


WEB_STACK = ("starlette", "uvicorn", "aiohttp", "fastapi", "flask", "http.server")


def test_bakeoff_core_imports_no_ui_no_templates_no_web():
    """The bake-off core serves the TUI judging screen and the web page; it imports neither."""
    loaded = _modules_after(
        "import checklist.bakeoff.judge, checklist.bakeoff.status, checklist.bakeoff.manifest, "
        "checklist.bakeoff.add_file, checklist.bakeoff.power, checklist.bakeoff.outcomes, "
        "checklist.bakeoff.results"
    )
    for heavy in ("textual", "jinja2", "typst", "rich", *WEB_STACK):
        assert heavy not in loaded, f"the bake-off core imported {heavy}"
    for upper in ("checklist.tui", "checklist.memo", "checklist.cli", "checklist.reuse",
                  "checklist.web"):
        assert not any(m == upper or m.startswith(upper + ".") for m in loaded), (
            f"the bake-off core imported {upper}"
        )


def test_bakeoff_judging_needs_no_numpy():
    """Judging (the TUI screen, the web page) starts without numpy and scipy: only the
    plan's power estimate and the ratings fit need them."""
    loaded = _modules_after("import checklist.bakeoff.judge, checklist.bakeoff.status")
    assert "numpy" not in loaded and "scipy" not in loaded


def test_cli_help_imports_nothing_heavy():
    """`checklist --help` must start fast: no pydantic, Textual, Jinja or typst."""
    loaded = _modules_after("from checklist.cli import build_parser; build_parser()")
    for heavy in ("pydantic", "textual", "jinja2", "typst", "yaml", "numpy", "scipy",
                  "starlette", "uvicorn"):
        assert heavy not in loaded, f"building the CLI parser imported {heavy}"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_only_tui_imports_textual_and_only_memo_imports_jinja_and_typst():
    for path in PACKAGE.rglob("*.py"):
        part = path.relative_to(PACKAGE).parts[0]
        found = _imports(path)
        if part != "tui":
            assert "textual" not in found, f"{path} imports textual"
        if part != "memo":
            assert not found & {"jinja2", "typst"}, f"{path} imports jinja2/typst"
        if part != "web":
            assert not found & {m.split(".")[0] for m in WEB_STACK} - {"http"}, (
                f"{path} imports a web stack: only checklist/web may")


def test_import_contracts_hold():
    """The import-linter contracts in pyproject.toml: layers only point down (cli, tui,
    memo, reuse and bakeoff, scoring and files, model, errors), only tui imports Textual,
    only memo Jinja and typst, and the core reaches none of them even indirectly."""
    lint = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run([str(lint), "--no-cache"], cwd=ROOT, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout
