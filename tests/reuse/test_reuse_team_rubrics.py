"""Team rubric folders (`rubrics path`, `rubrics which`) and `rubrics new --extends`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from checklist.files.config import load_config

from .conftest import TINY_TEXT, Cli, tiny_variant

BLOCKS = ("override", "remove", "weights", "gates", "add_questions", "sections", "context",
          "policy")


def _uncomment(text: str, blocks: tuple[str, ...]) -> str:
    """Uncomments the `# ` example lines of the given top-level blocks (`## ` lines stay)."""
    out, active = [], False
    for line in text.splitlines():
        if line.startswith("# ") and not line.startswith("# " + " ") and line[2:3].isalpha():
            active = line[2:].split(":", 1)[0] in blocks
        elif not line.startswith("#"):
            active = False
        if active and line.startswith("# "):
            out.append(line[2:])
        else:
            out.append(line)
    return "\n".join(out) + "\n"


def test_new_scaffolds_in_dot_rubrics_and_validates_as_is(team: Path, workdir: Path,
                                                          cli: Cli) -> None:
    result = cli("rubrics", "new", "acme-video", "--extends", "tiny")
    assert result.code == 0, result.err
    target = workdir / "rubrics" / "acme-video.yaml"
    assert target.is_file()
    assert "created rubrics/acme-video.yaml (acme-video@0.1.0, extends tiny" in result.out
    text = target.read_text(encoding="utf-8")
    for block in BLOCKS:
        assert re.search(rf"^# {block}:", text, re.M), block
    # every patch operation is shown, `override` first
    assert text.index("# override:") < text.index("# remove:")
    assert cli("rubrics", "validate", target).code == 0
    # ./rubrics is on the search path: the new rubric is listed and usable at once.
    listed = cli("rubrics", "list")
    assert "acme-video" in listed.out and "./rubrics" in listed.out
    assert cli("new", workdir / "ev", "--rubric", "acme-video", "--title", "T",
               "--vendor", "A").code == 0


@pytest.mark.parametrize("block", BLOCKS)
def test_each_example_block_validates_when_uncommented(team: Path, workdir: Path, cli: Cli,
                                                       block: str) -> None:
    assert cli("rubrics", "new", "acme", "--extends", "tiny").code == 0
    target = workdir / "rubrics" / "acme.yaml"
    text = _uncomment(target.read_text(encoding="utf-8"), (block,))
    assert re.search(rf"^{block}:", text, re.M), text
    target.write_text(text, encoding="utf-8")
    result = cli("rubrics", "validate", target)
    assert result.code == 0, result.err + text


def test_all_examples_together_validate_on_a_larger_base(team: Path, workdir: Path,
                                                         cli: Cli) -> None:
    """With enough sections and gates the picks never collide, so everything uncomments."""
    bigger = tiny_variant("2.0.0", ("      - id: status\n", "      - id: uptime\n        text: "
                                    "Uptime?\n        gate: {min: 3}\n      - id: region\n"
                                    "        text: EU region?\n      - id: status\n"))
    bigger += ("  - id: exit\n    title: Exit\n    axis: readiness\n    questions:\n"
               "      - id: export\n        text: Can we export?\n")
    (team / "tiny-2.yaml").write_text(bigger, encoding="utf-8")
    assert cli("rubrics", "new", "acme", "--extends", "tiny@2.0.0").code == 0
    target = workdir / "rubrics" / "acme.yaml"
    text = _uncomment(target.read_text(encoding="utf-8"), BLOCKS)
    target.write_text(text, encoding="utf-8")
    result = cli("rubrics", "validate", target)
    assert result.code == 0, result.err + text
    shown = cli("rubrics", "show", target)
    assert "acme-section" in shown.out and "acme-question" in shown.out


def test_new_never_overwrites_and_checks_its_arguments(team: Path, workdir: Path,
                                                       cli: Cli) -> None:
    out = workdir / "custom" / "mine.yaml"
    assert cli("rubrics", "new", "mine", "--extends", "tiny@1.0.0", "-o", out).code == 0
    assert "extends: tiny@1.0.0" in out.read_text(encoding="utf-8")
    before = out.read_bytes()
    again = cli("rubrics", "new", "mine", "--extends", "tiny", "-o", out)
    assert again.code == 2 and "already exists; never overwritten" in again.err
    assert out.read_bytes() == before
    assert "is not on the rubric search path" in cli(
        "rubrics", "new", "other", "--extends", "tiny", "-o", workdir / "x" / "o.yaml").err

    bad_id = cli("rubrics", "new", "Acme Video", "--extends", "tiny")
    assert bad_id.code == 2 and "use lower-case letters" in bad_id.err
    unknown = cli("rubrics", "new", "acme", "--extends", "tinny")
    assert unknown.code == 2 and "did you mean 'tiny'" in unknown.err
    same = cli("rubrics", "new", "tiny", "--extends", "tiny")
    assert same.code == 2 and "needs an id other than its base's" in same.err
    assert not (workdir / "rubrics").exists()


def test_path_add_list_remove_manage_the_config_file(tmp_path: Path, workdir: Path,
                                                     cli: Cli) -> None:
    company = tmp_path / "company-rubrics"
    company.mkdir()
    (company / "tiny.yaml").write_text(TINY_TEXT, encoding="utf-8")
    result = cli("rubrics", "path", "add", company)
    assert result.code == 0, result.err
    assert load_config().rubric_paths == [str(company.resolve())]
    assert cli("rubrics", "path", "add", company).out.startswith(f"{company.resolve()} is already")
    listed = cli("rubrics", "path")
    assert "team (config)" in listed.out and "1 file(s)" in listed.out
    assert "tiny" in cli("rubrics", "list").out
    assert cli("rubrics", "new", "acme", "--extends", "tiny").code == 0

    templates = tmp_path / "company-templates"
    templates.mkdir()
    assert cli("rubrics", "path", "add", templates, "--templates").code == 0
    assert load_config().template_paths == [str(templates.resolve())]

    missing = cli("rubrics", "path", "add", tmp_path / "nope")
    assert missing.code == 2 and "no such folder" in missing.err
    assert cli("rubrics", "path", "remove", company).code == 0
    assert load_config().rubric_paths == []
    gone = cli("rubrics", "path", "remove", company)
    assert gone.code == 2 and "is not a team rubrics folder" in gone.err


def test_which_says_which_copy_wins(tmp_path: Path, workdir: Path, team: Path,
                                    cli: Cli) -> None:
    """Same id and version in two folders: the later folder on the path wins."""
    company = tmp_path / "company"
    company.mkdir()
    (company / "tiny.yaml").write_text(TINY_TEXT.replace("title: Tiny rubric",
                                                         "title: Company tiny"),
                                       encoding="utf-8")
    (company / "tiny-0.9.yaml").write_text(tiny_variant("0.9.0"), encoding="utf-8")
    assert cli("rubrics", "path", "add", company).code == 0
    result = cli("rubrics", "which", "tiny")
    assert result.code == 0, result.err
    first = result.out.splitlines()[0]
    assert first.startswith("tiny -> tiny@1.0.0: ") and str(team) in first
    assert "CHECKLIST_RUBRIC_PATH" in first
    assert "overridden by CHECKLIST_RUBRIC_PATH" in result.out
    assert "tiny@0.9.0" in result.out
    tiny_rows = [row for row in cli("rubrics", "list").out.splitlines() if row.startswith("tiny")]
    assert tiny_rows and not [row for row in tiny_rows if "extends" in row]
    assert cli("rubrics", "which", "tiny@0.9.0").out.startswith("tiny@0.9.0 -> tiny@0.9.0")
    assert cli("rubrics", "which", "nope").code == 2
