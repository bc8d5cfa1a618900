"""Framework mapping (issue 21 item 2): `maps_to` tags checked against the shipped vocabulary,
`checklist rubrics coverage`, and tags that never move a pin or a score."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checklist.cli import main
from checklist.files.library import Library
from checklist.frameworks import FRAMEWORKS

MAPPED = """\
id: mapped
version: 1.0.0
title: Mapped
sections:
  - id: s
    title: S
    axis: readiness
    questions:
      - id: marking
        text: Are outputs marked?
        maps_to: ["Art. 50", "GOVERN 1.1", "Information Integrity"]
      - id: indemnity
        text: Is there an IP indemnity?
        maps_to: ["Intellectual Property", "A.10.2", "GOVERN 1.1"]
      - id: plain
        text: Nothing mapped
"""


def write(folder: Path, text: str, name: str = "mapped.yaml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_vocabulary_sizes_match_the_sources() -> None:
    sizes = {f.id: len(f.ids) for f in FRAMEWORKS.values()}
    assert sizes["nist-ai-rmf"] == 72          # AI 100-1 core subcategories
    assert sizes["nist-genai"] == 12           # AI 600-1 risks
    assert sizes["eu-ai-act"] == 113           # Regulation (EU) 2024/1689 articles
    controls = [i for i in FRAMEWORKS["iso-42001"].ids if i.startswith("A.")]
    assert len(controls) == 38                 # ISO/IEC 42001 Annex A
    every = [i for f in FRAMEWORKS.values() for i in f.ids]
    assert len(every) == len(set(every))       # a tag names one framework


def test_an_unknown_tag_is_refused_where_it_is_written(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    typo = MAPPED.replace('"GOVERN 1.1", "Information', '"GOVERN 11", "Information')
    path = write(tmp_path, typo)
    assert main(["rubrics", "validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}:11:" in err and "'GOVERN 11' is not a framework id" in err
    assert "did you mean 'GOVERN 1.1'" in err
    assert "Traceback" not in err


def test_a_duplicate_tag_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, MAPPED.replace('["Art. 50", "GOVERN 1.1"', '["Art. 50", "Art. 50"'))
    assert main(["rubrics", "validate", str(path)]) == 2
    assert f"{path}:11:" in capsys.readouterr().err


def test_coverage_table_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, MAPPED)
    assert main(["rubrics", "coverage", str(path), "--framework", "nist-ai-rmf"]) == 0
    out = capsys.readouterr().out
    assert "1 of 72 ids covered" in out
    rows = {line.split("  ")[0]: line for line in out.splitlines()}
    assert "covered" in rows["GOVERN 1.1"] and "marking, indemnity" in rows["GOVERN 1.1"]
    assert "not covered" in rows["MAP 2.3"]

    assert main(["rubrics", "coverage", str(path), "--framework", "eu-ai-act", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["rubric"], report["covered"], report["total"]) == ("mapped@1.0.0", 1, 113)
    by_id = {i["id"]: i for i in report["ids"]}
    assert by_id["Art. 50"] == {"id": "Art. 50", "covered": True, "questions": ["marking"]}
    assert by_id["Art. 15"]["covered"] is False


def test_a_child_inherits_and_overrides_tags(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rubrics", "coverage", "llm-api", "--framework", "nist-genai", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    by_id = {i["id"]: i["questions"] for i in report["ids"]}
    assert by_id["Confabulation"] == ["metrics-map"]           # the child's own tag
    assert "output-indemnity" in by_id["Intellectual Property"]  # inherited from the base


def test_tags_never_change_an_old_pin() -> None:
    """A rubric without `maps_to` hashes as before the field existed: pins stay valid."""
    rubric = Library.discover().resolve("benchmark-vs-production@1.2.0")
    assert rubric.digest() == "efefae31afeaa44279fb33d5b968bbe0a46df9bf54c224996f1a83afa0c809f6"
    assert all("maps_to" not in q for s in rubric.stored()["sections"] for q in s["questions"])


def test_the_base_maps_to_every_framework(
        capsys: pytest.CaptureFixture[str]) -> None:
    for framework in FRAMEWORKS:
        assert main(["rubrics", "coverage", "benchmark-vs-production", "--framework",
                     framework, "--json"]) == 0
        base = json.loads(capsys.readouterr().out)
        assert base["covered"] > 0, framework
