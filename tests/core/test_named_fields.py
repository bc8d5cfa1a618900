"""Named fields in rubric texts (issue 13 item 6): a documented vocabulary checked by
`rubrics validate`, filled from the evaluation, the empty ones marked and listed by `status`."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from checklist.cli import main
from checklist.files.config import bundled_dir
from checklist.model import Evaluation
from checklist.model.named_fields import fill
from tests.cli_support import run_cli

RUBRIC = """\
id: fields
version: 1.0.0
title: Fields
sections:
  - id: s
    title: S
    axis: readiness
    questions:
      - id: q
        text: Is {vendor.model} sold in {vendor.region}?
        ask_vendor: Can {evaluation.buyer} buy {vendor.model} through {vendor.channel}? {x}
"""


def test_an_unknown_field_is_refused_where_it_is(tmp_path: Path) -> None:
    rubric = tmp_path / "bad.yaml"
    rubric.write_text(RUBRIC.replace("{vendor.region}", "{vendor.regoin}"), encoding="utf-8")
    result = run_cli("rubrics", "validate", str(rubric))
    assert result.returncode == 2
    assert f"{rubric}:10:15: unknown named field '{{vendor.regoin}}'" in result.stderr
    assert "did you mean 'region'" in result.stderr
    assert "Traceback" not in result.stderr


def test_fields_are_filled_and_the_empty_ones_marked() -> None:
    evaluation = Evaluation.model_validate({
        "title": "t", "buyer": "Acme Inc. (Delaware)",
        "rubric": {"id": "x", "version": "1.0.0", "sha256": "0" * 64},
        "vendors": [{"id": "v", "name": "V", "model": "v-2", "channel": "cloud-marketplace"}],
    })
    vendor = evaluation.vendors[0]
    filled = fill("Can {evaluation.buyer} buy {vendor.model} through {vendor.channel} in "
                  "{vendor.region}? {x} {vendor.nope}", vendor, evaluation)
    assert filled.text == ("Can Acme Inc. (Delaware) buy v-2 through cloud marketplace in "
                           "[vendor.region not set]? {x} {vendor.nope}")
    assert filled.missing == ("vendor.region",)


def test_status_lists_empty_fields_until_they_are_set(tmp_path: Path, workdir: Path,
                                                      capsys: object) -> None:
    rubric = tmp_path / "fields.yaml"
    rubric.write_text(RUBRIC, encoding="utf-8")
    ev = str(tmp_path / "ev")
    assert main(["new", ev, "--rubric", str(rubric), "--title", "t", "--vendor", "Acme"]) == 0
    capsys.readouterr()  # type: ignore[attr-defined]
    assert main(["status", ev]) == 0
    out = capsys.readouterr().out  # type: ignore[attr-defined]
    assert "evaluation: evaluation.buyer  (checklist set DIR --buyer ...)" in out
    assert ("acme: vendor.model, vendor.region, vendor.channel  (checklist vendor set DIR acme "
            "--model ... --region ... --channel ...)") in out
    assert main(["set", ev, "--buyer", "Us"]) == 0
    assert main(["vendor", "set", ev, "acme", "--model", "a1", "--region", "EU", "--channel",
                 "direct"]) == 0
    capsys.readouterr()  # type: ignore[attr-defined]
    assert main(["status", ev]) == 0
    assert "named fields" not in capsys.readouterr().out  # type: ignore[attr-defined]


def test_the_bundled_rubric_has_no_bracketed_placeholder() -> None:
    """Texts sent to vendors use named fields, never "[model ID]" for a person to replace."""
    for path in bundled_dir("rubrics").glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for section in data.get("sections", []):
            for question in section["questions"]:
                for key in ("text", "ask_vendor", "evidence", "guidance"):
                    text = question.get(key, "")
                    assert not re.search(r"\[[^\]]+\]", text), (path.name, question["id"], key)
