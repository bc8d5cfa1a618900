"""Rubric texts with named fields (`{vendor.model}`) are filled on the scoring screen for the
vendor being scored; an empty field is marked, as the memo does."""

from __future__ import annotations

from pathlib import Path

import yaml
from tui_support import fixed_clock, pilot_test, plain, settle

from checklist.tui.screens.scoring import ScoringScreen


@pilot_test
async def test_ask_the_vendor_fills_named_fields_per_vendor(tiny_rubric: Path, workdir: Path):
    from checklist.cli import main
    from checklist.tui.app import make_app

    data = yaml.safe_load(tiny_rubric.read_text(encoding="utf-8"))
    first = data["sections"][0]["questions"][0]
    first["text"] = "Who ran the benchmark of {vendor.model}?"
    first["ask_vendor"] = "Which {vendor.model} snapshot do you sell via {vendor.channel}?"
    tiny_rubric.write_text(yaml.safe_dump(data), encoding="utf-8")
    target = workdir / "ev"
    assert main(["new", str(target), "--rubric", str(tiny_rubric), "--title", "T",
                 "--vendor", "Acme", "--vendor", "Beta"]) == 0
    evaluation = target / "evaluation.yaml"
    doc = yaml.safe_load(evaluation.read_text(encoding="utf-8"))
    doc["vendors"][0]["model"] = "veo-3.1"
    evaluation.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")

    app = make_app(target, rater="Ana", vendor="acme", clock=fixed_clock, check_upgrade=False,
                   poll_seconds=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ScoringScreen) and screen.question.id == "who-ran"
        ask = plain(screen.query_one("#ask"))
        assert "Which veo-3.1 snapshot do you sell via [vendor.channel not set]?" in ask
        assert "Who ran the benchmark of veo-3.1?" in plain(screen.query_one("#question"))
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert screen.vendor.id == "beta"
        assert "Which [vendor.model not set] snapshot" in plain(screen.query_one("#ask"))
