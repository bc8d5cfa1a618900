"""The memo's view is typed plain data: what a template can show is listed in
`checklist/memo/view_types.py`, `appendix_types.py` and `vendor_types.py`, and the README
names it."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import fields
from pathlib import Path

from checklist.files.folder import load_folder
from checklist.memo import render_memo
from checklist.memo.vendor_types import VendorView
from checklist.memo.view_types import MemoView

README = Path(__file__).resolve().parents[2] / "README.md"


def test_the_view_types_load_in_the_render_worker_without_the_models():
    """The worker unpickles the view in a child that imports neither pydantic nor the models."""
    out = subprocess.run(
        [sys.executable, "-c", "import checklist.memo.view_types, checklist.memo.worker, sys, "
         "json; print(json.dumps(sorted(sys.modules)))"],
        capture_output=True, text=True, check=True, timeout=120,
    ).stdout
    loaded = set(json.loads(out))
    assert "pydantic" not in loaded and "checklist.model" not in loaded
    assert "checklist.scoring" not in loaded


def test_a_template_reads_every_part_of_the_view_by_its_documented_names(scored_eval, tmp_path):
    folder = tmp_path / "team"
    folder.mkdir()
    (folder / "vendor.md.j2").write_text(
        "{{ memo.chart.quadrants.top_right }}|{{ memo.recommendation.vendor_id }}|"
        "{{ memo.rubric.ref }}|{{ memo.drivers.gates[0].min }}|{{ vendor.gates[0].status_label }}|"
        "{{ vendor.followup_sections[0].questions[0].why_vendor }}|"
        "{{ vendor['overall'] }}|{{ memo.robustness.stability }}|{{ memo.unscored_total }}\n",
        encoding="utf-8")
    text = render_memo(load_folder(scored_eval), template=folder, vendor="gamma").decode()
    assert text == ("Proven and ready|acme|tiny@1.0.0|yes|passed|"
                    "we have no answer or evidence for this yet|0.33|100%|0\n"), text


def test_every_field_the_readme_names_exists():
    section = README.read_text(encoding="utf-8").split("**What a template can show.**")[1]
    table = section.split("\n\n")[1]
    names = {f.name for f in fields(MemoView)} | {f.name for f in fields(VendorView)}
    named = [re.findall(r"`([a-z_.]+)`", row.split(" | ")[0]) for row in table.splitlines()[2:]]
    assert named and all(named)
    for name in (n.split(".")[-1] for row in named for n in row):
        assert name.startswith("_") or name in names, name
