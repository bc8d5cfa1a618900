"""The memo shows what the decision record holds (issue 13): claims with their figure, unit,
comparison, sample and interval; each vendor's product facts; decision makers with roles; the
due date and the other options considered."""

from __future__ import annotations

from pathlib import Path

from checklist.cli import main
from checklist.files.folder import load_folder
from checklist.memo import render_memo


def ok(*argv: str) -> None:
    assert main(list(argv)) == 0


def test_the_memo_shows_the_record(tiny_eval: Path) -> None:
    ev = str(tiny_eval)
    ok("claim", "add", ev, "acme", "--text", "Wins against Beta in blind votes", "--task",
       "text-to-video", "--metric", "win rate", "--value", "62.35", "--unit", "win-rate",
       "--vs-vendor", "beta-corp", "--margin", "12", "--sample-size", "1200", "--interval",
       "58.5..65.5", "--run-by", "Acme research", "--grade", "vendor-sampled",
       "--date", "2026-10-15", "--retrieved", "2026-11-01")
    ok("claim", "add", ev, "acme", "--text", "Number one on the arena", "--value", "1357",
       "--unit", "elo", "--vs-model", "Sora 2")
    ok("vendor", "set", ev, "acme", "--product", "Acme Video API", "--model", "acme-v2",
       "--version", "2026-04-07", "--channel", "cloud-marketplace", "--region", "EU")
    ok("set", ev, "--person", "Dana=approver", "--person", "Priya=driver", "--due",
       "2026-12-20", "--option", "Keep the current vendor")
    workspace = load_folder(tiny_eval)
    memo = render_memo(workspace).decode("utf-8")
    assert ("| Wins against Beta in blind votes | text-to-video | win rate | 62.35% win rate; "
            "vs Beta Corp, by +12 points (n = 1200, 95% CI 58.5–65.5) | Acme research | "
            "vendor-sampled, third-party scored | 2026-10-15 |") in memo
    assert "1357 Elo; vs Sora 2" in memo
    assert "**Decision makers:** Dana (approver), Priya (driver)" in memo
    assert "**Due:** 2026-12-20" in memo
    assert "- Keep the current vendor" in memo
    vendor = render_memo(workspace, vendor="acme").decode("utf-8")
    for line in ("- **Product:** Acme Video API", "- **Model id:** acme-v2",
                 "- **Version:** 2026-04-07", "- **Channel:** cloud marketplace",
                 "- **Region:** EU"):
        assert line in vendor
