from __future__ import annotations

from pathlib import Path

import pytest

from bakeoff.bakeoff_support import make_bakeoff


@pytest.fixture
def bakeoff(tmp_path: Path, workdir: Path) -> Path:
    """An evaluation with a bake-off: 3 vendors, 4 prompts, every text output in place."""
    return make_bakeoff(tmp_path)
