"""Helpers shared by test modules. A plain module, not conftest: several folders have their
own conftest.py, and `from conftest import ...` would pick whichever was imported first."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def run_cli(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None,
            timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Runs `python -m checklist` in a subprocess, as a user would, capturing output. The
    timeout only catches a hang (a loaded machine can be slow); speed is checked in bench/."""
    return subprocess.run(
        [sys.executable, "-m", "checklist", *args],
        capture_output=True, text=True, cwd=cwd, timeout=timeout,
        env={**os.environ, **(env or {})},
    )
