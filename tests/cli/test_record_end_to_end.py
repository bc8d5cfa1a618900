"""Issue 13, "Done when" (the CLI test): a new user records the whole decision without opening
a YAML file (three vendors with products, two claims each with source and grade, the
background and an approver, a context flag flipped after seeing the gates it switches) and the
Markdown memo and questionnaires show all of it, with no bracketed placeholder left."""

from __future__ import annotations

import re
from pathlib import Path

from tests.cli_support import run_cli

VENDORS = {
    "Lumen Video": ("Lumen API, standard tier", "lumen-v3", "direct", "us-east"),
    "Parallax": ("Parallax on CloudHub marketplace", "parallax-2.1", "cloud-marketplace", "EU"),
    "Reel Forge": ("Reel Forge Studio API", "rf-video-9", "reseller", "US"),
}
#: The words the bundled rubric used to leave for a person to replace, and our own marker.
PLACEHOLDER = re.compile(r"\[(model|our |region|channel|currency|settings|term|use case|peak"
                         r"|average|headline|resolution)|not set\]|\{(vendor|evaluation)\.")


def ok(*args: str) -> str:
    result = run_cli(*args)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result.stdout


def test_the_whole_record_through_the_cli(tmp_path: Path) -> None:
    ev = str(tmp_path / "video-2027")
    ok("new", ev, "--rubric", "benchmark-vs-production", "--title", "Video vendor for ads",
       "--vendor", "Lumen Video", "--owner", "Priya")
    for name, (product, model, channel, region) in VENDORS.items():
        if name != "Lumen Video":
            ok("vendor", "add", ev, name)
        ok("vendor", "set", ev, name, "--product", product, "--model", model, "--channel",
           channel, "--region", region, "--maker", f"{name} Labs")
        for n in (1, 2):
            ok("claim", "add", ev, name, "--text", f"{name} claim {n}: wins blind votes",
               "--task", "text-to-video", "--metric", "win rate", "--value", str(50 + n),
               "--unit", "win-rate", "--vs-model", "Sora 2", "--source",
               f"https://{model}.example/claim-{n}", "--grade",
               "third-party" if n == 1 else "vendor-claim", "--date", "2026-05-0" + str(n))
    background = tmp_path / "background.md"
    background.write_text("We make **short product ads** and must pick a vendor by Q1.\n",
                          encoding="utf-8")
    ok("set", ev, "--background-file", str(background), "--person", "Dana Okafor=approver",
       "--person", "Priya=driver", "--due", "2027-01-15", "--buyer", "Acme Ads Inc., Delaware",
       "--use-case", "15 s product ads", "--settings", "1080p, 15 s, with audio", "--volume",
       "2,000 clips a month", "--currency", "USD", "--term", "18 months",
       "--acceptance-criteria", "p95 under 60 s, 80% usable", "--must-haves",
       "C2PA marking, seed control")
    preview = ok("context", ev, "eu-distribution=yes", "--dry-run")
    assert "eu-distribution: no -> yes" in preview
    assert "gate on 'content-marking' switches on" in preview
    ok("context", ev, "eu-distribution=yes")
    assert "named fields" not in ok("status", ev)

    memo = ok("memo", ev)
    assert "**Decision makers:** Dana Okafor (approver), Priya (driver)" in memo
    assert "short product ads" in memo
    assert "- Outputs reach people in the EU: **yes**" in memo
    for name, (_, model, _, _) in VENDORS.items():
        assert f"| {name} claim 1: wins blind votes | text-to-video | win rate | 51% win rate; " \
               "vs Sora 2 |" in memo
        assert f"{name} claim 2: wins blind votes" in memo
        assert f"https://{model}.example/claim-1" in memo
    assert PLACEHOLDER.search(memo) is None, PLACEHOLDER.search(memo)
    for name, (product, model, channel, region) in VENDORS.items():
        text = ok("questionnaire", ev, "--vendor", name)
        assert product in text and model in text
        assert f"restrict processing to {region} by contract" in text
        assert f"through {channel.replace('-', ' ')}" in text
        assert PLACEHOLDER.search(text) is None, (name, PLACEHOLDER.search(text))
