"""Issue 20 item 9: the hype gap reads with its sign in `checklist diff` too ("+0.67"), as in
the summary, the TUI and the memo; `diff` printed it like a score ("0.67")."""

from __future__ import annotations

import shutil
from pathlib import Path

from .conftest import Cli, rate


def test_diff_prints_the_hype_gap_signed(cli: Cli, ev: Path) -> None:
    for question, value in (("who-ran", "4"), ("tasks", "4")):
        rate(cli, ev, "ana", "acme", question, "--score", value)
    rate(cli, ev, "ana", "acme", "api", "--yes")
    q2 = ev.parent / "q2"
    shutil.copytree(ev, q2)
    rate(cli, q2, "ana", "acme", "status", "--choice", "ga")
    result = cli("diff", ev, q2)
    assert result.code == 0, result.err
    assert "  hype gap: +0.67 -> +0.33 (-0.33)" in result.out, result.out
