"""Evaluations for the memo tests, built through the CLI as a user would build them.

Dates are fixed after creation so the rendered memos are the same on every day they run.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from checklist.cli import main

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "ai-video-2026"

#: Text built to break every output format at once.
HOSTILE = (
    'Evil | Co *bold* _it_ # <script>alert("x")</script> \\ back\\slash $x$ @ref <lbl> '
    "[link](http://x) `code` // not a comment /* nor this */ = heading ~~s~~ &amp; {{ x }} %}"
)


def rate(ev: Path, rater: str, vendor: str, question: str, *value: str, note: str = "",
         evidence: str = "", grade: str = "third-party", confidence: str = "") -> None:
    args = ["rate", str(ev), "--rater", rater, "--vendor", vendor, "--question", question,
            *value]
    if note:
        args += ["--note", note]
    if evidence:
        args += ["--evidence", evidence, "--grade", grade, "--retrieved", "2026-11-02"]
    if confidence:
        args += ["--confidence", confidence]
    assert main(args) == 0


def set_evaluation(ev: Path, **changes: object) -> None:
    """Edits evaluation.yaml as a person would (the rubric pin is unaffected)."""
    path = ev / "evaluation.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for key, value in changes.items():
        data[key] = value
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def fix_date(ev: Path, date: str = "2026-11-20") -> None:
    path = ev / "evaluation.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^date: .*$", f"date: {date}", text), encoding="utf-8")


@pytest.fixture(autouse=True)
def template_cache(tmp_path_factory: pytest.TempPathFactory,
                   monkeypatch: pytest.MonkeyPatch) -> Path:
    """Compiled templates go to a per-session folder, not the developer's ~/.cache."""
    folder = tmp_path_factory.getbasetemp() / "template-cache"
    monkeypatch.setenv("CHECKLIST_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def scored_eval(tiny_eval: Path) -> Path:
    """The tiny evaluation, scored by two raters: a go, a no-go and an incomplete vendor."""
    ev = tiny_eval
    rate(ev, "Ana María", "acme", "who-ran", "--score", "3", note="Lab report",
         evidence="https://lab.example/report")
    rate(ev, "Ana María", "acme", "tasks", "--score", "4")
    rate(ev, "Ana María", "acme", "api", "--yes", evidence="https://acme.example/api",
         grade="vendor-claim")
    rate(ev, "Ana María", "acme", "status", "--choice", "ga")
    rate(ev, "Ben", "acme", "who-ran", "--score", "1", note="Only the vendor's own run",
         confidence="low")
    rate(ev, "Ana María", "beta-corp", "api", "--no", note="No public API")
    rate(ev, "Ana María", "beta-corp", "who-ran", "--score", "4")
    rate(ev, "Ana María", "gamma", "who-ran", "--score", "2",
         evidence="notes/gamma-call.md", grade="own-test")
    rate(ev, "Ana María", "gamma", "api", "--yes")
    set_evaluation(ev, owner="Dana Okafor", decision_makers=["Dana Okafor", "Legal: Tomás"],
                   background="We buy a tiny thing.\n\nIt must be cheap.", status="proposed")
    fix_date(ev)
    return ev


@pytest.fixture
def hostile_eval(tiny_eval: Path) -> Path:
    """Vendor names, notes, claims, rater names and evidence written to break the memo."""
    ev = tiny_eval
    rate(ev, HOSTILE, "acme", "who-ran", "--score", "3", note=HOSTILE + "\n\n# line\n| a | b |",
         evidence="javascript:alert(1)")
    rate(ev, HOSTILE, "acme", "api", "--yes", evidence="../../../etc/passwd")
    rate(ev, HOSTILE, "acme", "status", "--choice", "ga", evidence="https://ok.example/a|b")
    rate(ev, "Ben", "acme", "who-ran", "--score", "0", note="<img src=x onerror=alert(1)>")
    rate(ev, HOSTILE, "beta-corp", "api", "--no", note="=== \n- item\n1. one\n> quote")
    path = ev / "evaluation.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["title"] = "Title " + HOSTILE
    data["background"] = HOSTILE + "\n\n= Heading\n#set page(width: 1cm)"
    data["decision_makers"] = [HOSTILE]
    names = [HOSTILE, "Second\nline | x", "#import \"@preview/x:0.1.0\": *"]
    for vendor, name in zip(data["vendors"], names, strict=True):
        vendor["name"] = name
        vendor["notes"] = HOSTILE
        vendor["website"] = "javascript:alert(1)"
        vendor.update(model=HOSTILE, region="| r |", contact="<a href=x>c</a>")
        vendor["claims"] = [{
            "text": HOSTILE, "task": "t|2v", "metric": "*m*", "value": "<b>1</b>",
            "compared_with": {"model": HOSTILE, "margin": 3},
            "source": "https://src.example/x?a=1&b=<2>", "run_by": HOSTILE,
            "grade": "vendor-claim", "date": "2026-05-01", "note": HOSTILE,
        }]
    data["options"] = [HOSTILE]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    fix_date(ev)
    return ev
