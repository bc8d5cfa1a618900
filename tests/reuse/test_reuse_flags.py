"""Inherited context flags (issue 14 item 5): `remove: {context: [...]}`, refused while a
`when:` still reads the flag; `validate` warns about a flag that switches nothing; the
bundled rubric recommends `override` over remove-and-re-add.

tiny's only flag is `public`, read by the gate on `status` (`when: public`).
"""

from __future__ import annotations

from pathlib import Path

from checklist.files.config import bundled_dir
from checklist.files.library import Library, load_rubric_file, resolve_entry

from .conftest import Cli

HEAD = "id: child\nversion: 1.0.0\ntitle: Child\nextends: tiny\n"


def write(folder: Path, text: str) -> Path:
    path = folder / "child.yaml"
    path.write_text(HEAD + text, encoding="utf-8")
    return path


def test_a_flag_still_read_by_a_gate_cannot_be_removed(team: Path, tmp_path: Path,
                                                         cli: Cli) -> None:
    path = write(tmp_path, "remove:\n  context:\n    - public\n")
    before = path.read_bytes()
    result = cli("rubrics", "validate", path)
    assert result.code == 2
    assert (f"{path}:7:7: cannot remove context flag 'public': gate on 'status' still read "
            "it in `when:`") in result.err
    assert "Traceback" not in result.err and path.read_bytes() == before


def test_a_flag_nothing_reads_is_removed(team: Path, tmp_path: Path, cli: Cli) -> None:
    path = write(tmp_path, "gates:\n  status: null\nremove:\n  context: [public]\n")
    assert cli("rubrics", "validate", path).code == 0
    rubric = resolve_entry(load_rubric_file(path), Library.discover())
    assert rubric.context == []


def test_an_unknown_flag_to_remove_is_named(team: Path, tmp_path: Path, cli: Cli) -> None:
    path = write(tmp_path, "remove: {context: [publc]}\n")
    result = cli("rubrics", "validate", path)
    assert result.code == 2
    assert "cannot remove context flag 'publc': the parent has no such flag" in result.err
    assert "'public'" in result.err


def test_validate_warns_about_a_flag_that_switches_nothing(team: Path, tmp_path: Path,
                                                           cli: Cli) -> None:
    path = write(tmp_path, "context:\n  - {id: internal, text: Internal use only}\n")
    result = cli("rubrics", "validate", path)
    assert result.code == 0
    assert (f"{path}:6:10: warning: context flag 'internal' switches nothing: no gate, "
            "question or section reads it in `when:`") in result.err
    assert "public" not in result.err                      # read by a gate: no warning


def test_the_bundled_rubric_recommends_override() -> None:
    text = "\n".join(p.read_text("utf-8") for p in sorted(bundled_dir("rubrics").glob("*.yaml")))
    assert "`add_questions` it back" not in text and "then `add_questions`" not in text
    assert text.count("`override`") >= 3
