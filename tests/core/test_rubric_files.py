"""Reading rubrics: positioned, actionable errors, and `extends` resolution."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from checklist.errors import ChecklistError
from checklist.files.config import Folder
from checklist.files.library import Library, load_rubric_file, resolve_entry

BASE = """\
id: base
version: 1.0.0
title: Base
context:
  - {id: public, text: Published}
sections:
  - id: s1
    title: One
    axis: claims
    questions:
      - {id: q1, text: Q1, anchors: {0: none, 4: all}}
      - {id: q2, text: Q2, weight: 2}
  - id: s2
    title: Two
    axis: readiness
    weight: 2
    questions:
      - {id: q3, text: Q3, gate: {min: 2}}
      - {id: q4, text: Q4}
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def problems(path: Path, library: Library | None = None) -> list[str]:
    with pytest.raises(ChecklistError) as info:
        resolve_entry(load_rubric_file(path), library)
    return [str(p) for p in info.value.problems]


def test_unknown_key_names_line_column_and_nearest_key(tmp_path):
    path = write(tmp_path, "r.yaml", BASE.replace("    weight: 2\n", "    wieght: 2\n"))
    [line] = problems(path)
    assert line == f"{path}:16:5: unknown key 'wieght' — did you mean 'weight'?"


def test_wrong_type_points_at_the_value(tmp_path):
    path = write(tmp_path, "r.yaml", BASE.replace("weight: 2}", "weight: heavy}"))
    [line] = problems(path)
    assert line.startswith(f"{path}:12:") and "expected a number" in line and "heavy" in line


def test_every_problem_is_reported_once_with_its_own_line(tmp_path):
    text = BASE.replace("{id: q2, text: Q2, weight: 2}", "{id: q1, text: Q2, weight: 2}")
    text = text.replace("anchors: {0: none, 4: all}", "anchors: {0: none, 9: all}")
    text = text.replace("gate: {min: 2}", "gate: {min: 2, when: pubic}")
    lines = problems(write(tmp_path, "r.yaml", text))
    assert len(lines) == 3
    assert ":11:" in lines[0] and "level 9 is outside the scale 0..4" in lines[0]
    assert ":12:" in lines[1] and "duplicate question id 'q1'" in lines[1]
    assert ":18:" in lines[2] and "did you mean 'public'" in lines[2]


def test_bad_yaml_syntax_is_positioned(tmp_path):
    path = write(tmp_path, "r.yaml", "id: x\ntitle: 'unclosed\nversion: 1.0.0\n")
    [line] = problems(path)
    assert line.startswith(f"{path}:") and "YAML syntax error" in line


def test_duplicate_keys_are_an_error_not_last_one_wins(tmp_path):
    path = write(tmp_path, "r.yaml", BASE.replace("title: Base\n", "title: Base\ntitle: B2\n"))
    [line] = problems(path)
    assert line == f"{path}:4:1: duplicate key 'title' (first at line 3); keep one"


def test_version_and_ids_have_clear_formats(tmp_path):
    text = BASE.replace("version: 1.0.0", "version: 1.0").replace("id: s1", "id: Section One")
    lines = problems(write(tmp_path, "r.yaml", text))
    assert any(":2:10: version: expected text, found 1.0; put it in quotes" in x for x in lines)
    assert any("'Section One' is not a valid id" in x for x in lines)


def test_yes_no_text_gets_a_quote_hint(tmp_path):
    text = BASE.replace("anchors: {0: none, 4: all}", "anchors: {0: no, 4: yes}")
    lines = problems(write(tmp_path, "r.yaml", text))
    assert [x.split(": ", 1)[1] for x in lines] == [
        "anchors: expected text, found False; put it in quotes",
        "anchors: expected text, found True; put it in quotes",
    ]


def test_section_needs_a_positive_question_weight(tmp_path):
    text = BASE.replace("{id: q3, text: Q3, gate: {min: 2}}", "{id: q3, text: Q3, weight: 0}")
    text = text.replace("{id: q4, text: Q4}", "{id: q4, text: Q4, weight: 0}")
    [line] = problems(write(tmp_path, "r.yaml", text))
    assert "needs at least one question with a weight above 0" in line


def test_thresholds_must_be_ordered_for_their_direction(tmp_path):
    text = BASE.replace("{id: q4, text: Q4}", "{id: q4, text: Q4, type: number, better: higher, "
                        "thresholds: {4: 10, 2: 20}}")
    [line] = problems(write(tmp_path, "r.yaml", text))
    assert "threshold for 4 (10) must be above the one for 2 (20)" in line


@pytest.fixture
def library(tmp_path) -> tuple[Path, Library]:
    folder = tmp_path / "lib"
    folder.mkdir()
    write(folder, "base.yaml", BASE)
    return folder, Library.discover([Folder("test", folder)])


def test_extends_overrides_removes_and_adds(tmp_path, library):
    _, lib = library
    child = write(tmp_path, "child.yaml", """\
        id: child
        version: 2.0.0
        title: Child
        extends: base
        remove: {questions: [q2]}
        weights: {sections: {s2: 5}, questions: {q1: 3}}
        gates:
          q3: null
          q4: {min: 3, when: eu}
        context: [{id: eu, text: Distributed in the EU}]
        add_questions:
          s1: [{id: q5, text: Q5}]
        sections:
          - id: s3
            title: Three
            axis: readiness
            questions: [{id: q6, text: Q6, type: yes_no}]
        policy: {min_coverage: 0.9}
        """)
    rubric = resolve_entry(load_rubric_file(child), lib)
    assert rubric.based_on == ["base@1.0.0"]
    assert [s.id for s in rubric.sections] == ["s1", "s2", "s3"]
    assert [q.id for q in rubric.sections[0].questions] == ["q1", "q5"]
    assert rubric.question("q1").weight == 3 and rubric.sections[1].weight == 5
    assert rubric.question("q3").gate is None
    assert rubric.question("q4").gate.when == "eu"
    assert rubric.policy.min_coverage == 0.9
    assert [f.id for f in rubric.context] == ["public", "eu"]


def test_extends_errors_point_into_the_child(tmp_path, library):
    _, lib = library
    child = write(tmp_path, "child.yaml", """\
        id: child
        version: 1.0.0
        title: Child
        extends: base
        weights: {questions: {q9: 2}}
        gates:
          q4: {min: 3, when: nowhere}
        """)
    lines = problems(child, lib)
    assert any(f"{child}:5:" in x and "no question 'q9'" in x for x in lines)
    assert any(f"{child}:7:" in x and "unknown context flag 'nowhere'" in x for x in lines)


def test_missing_parent_and_cycles_are_clear(tmp_path):
    folder = tmp_path / "lib"
    folder.mkdir()
    write(folder, "a.yaml", "id: a\nversion: 1.0.0\ntitle: A\nextends: b\n")
    write(folder, "b.yaml", "id: b\nversion: 1.0.0\ntitle: B\nextends: a\n")
    orphan = write(folder, "c.yaml", "id: c\nversion: 1.0.0\ntitle: C\nextends: bse\n")
    lib = Library.discover([Folder("test", folder)])
    [cycle] = problems(folder / "a.yaml", lib)
    assert "cycle" in cycle and "a@1.0.0 -> b@1.0.0 -> a@1.0.0" in cycle
    [missing] = problems(orphan, lib)
    assert f"{orphan}:4:" in missing and "no such rubric" in missing


def test_later_folders_override_earlier_ones_by_id(tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir()
    two.mkdir()
    write(one, "base.yaml", BASE)
    write(two, "base.yaml", BASE.replace("title: Base", "title: Team base"))
    write(two, "base2.yaml", BASE.replace("version: 1.0.0", "version: 1.1.0"))
    lib = Library.discover([Folder("bundled", one), Folder("team", two)])
    assert lib.find("base").file.version == "1.1.0"
    assert lib.find("base@1.0.0").file.title == "Team base"
    shadowed = [e for e in lib.entries if e.shadowed_by is not None]
    assert [e.source for e in shadowed] == ["bundled"]


def test_digest_is_stable_across_a_save_and_reload(tmp_path):
    from checklist.files.folder import lock_text
    from checklist.files.validate import to_model
    from checklist.files.yamlio import parse_yaml
    from checklist.model import Rubric

    rubric = resolve_entry(load_rubric_file(write(tmp_path, "r.yaml", BASE)))
    text = lock_text(rubric)
    again = to_model(parse_yaml(text, "lock"), Rubric, what="rubric")
    assert again.digest() == rubric.digest()
    assert lock_text(again) == text


def test_override_changes_inherited_questions_and_errors_point_into_the_child(tmp_path, library):
    _, lib = library
    child = write(tmp_path, "child.yaml", """\
        id: child
        version: 1.0.0
        title: Child
        extends: base
        override:
          sections: {s1: {title: Claims we check}}
          questions:
            q1: {text: Our own wording, anchors: {0: nothing, 2: some, 4: everything}}
            q4:
              type: number
              better: lower
              unit: s
              thresholds: {4: 30, 2: 60}
        """)
    rubric = resolve_entry(load_rubric_file(child), lib)
    assert rubric.sections[0].title == "Claims we check"
    assert rubric.question("q1").text == "Our own wording"
    assert rubric.question("q1").anchors == {0: "nothing", 2: "some", 4: "everything"}
    assert rubric.question("q4").type == "number" and rubric.question("q4").thresholds[2] == 60
    broken = write(tmp_path, "broken.yaml", child.read_text().replace("{4: 30, 2: 60}",
                                                                      "{4: 90, 2: 60}"))
    [line] = problems(broken, lib)
    assert line.startswith(f"{broken}:13:") and "threshold for 4 (90) must be below" in line


def test_validate_reports_unknown_keys_and_deeper_problems_in_one_run(tmp_path):
    text = BASE.replace("    weight: 2\n", "    wieght: 2\n").replace(
        "anchors: {0: none, 4: all}", "anchors: {0: none, 9: all}")
    lines = problems(write(tmp_path, "r.yaml", text))
    assert any("unknown key 'wieght'" in x for x in lines)
    assert any("level 9 is outside the scale" in x for x in lines)


def test_a_release_wins_over_a_pre_release_for_a_bare_id(tmp_path):
    folder = tmp_path / "lib"
    folder.mkdir()
    write(folder, "a-rc.yaml", BASE.replace("version: 1.0.0", "version: 3.0.0-rc1"))
    write(folder, "b.yaml", BASE.replace("version: 1.0.0", "version: 3.0.0"))
    write(folder, "c.yaml", BASE.replace("version: 1.0.0", "version: 2.9.0"))
    lib = Library.discover([Folder("test", folder)])
    assert lib.find("base").file.version == "3.0.0"
    assert lib.find("base@3.0.0-rc1").file.version == "3.0.0-rc1"


def test_a_duplicate_id_added_by_a_child_is_reported_in_the_child(tmp_path, library):
    folder, lib = library
    child = write(tmp_path, "child.yaml", """\
        id: child
        version: 1.0.0
        title: Child
        extends: base
        add_questions:
          s1: [{id: q3, text: Again}]
        """)
    [line] = problems(child, lib)
    assert line.startswith(f"{child}:6:") and "question id 'q3' is already in the rubric" in line
    assert f"{folder / 'base.yaml'}:18" in line


def test_resolving_does_not_change_the_files_as_written(tmp_path, library):
    _, lib = library
    child = write(tmp_path, "child.yaml", """\
        id: child
        version: 1.0.0
        title: Child
        extends: base
        add_questions:
          s1: [{id: q5, text: Q5}]
        weights: {questions: {q5: 3}}
        """)
    entry = load_rubric_file(child)
    resolve_entry(entry, lib)
    assert entry.file.add_questions["s1"][0].weight == 1
    assert lib.find("base").file.sections[0].questions[-1].id == "q2"


def test_a_new_version_may_extend_the_previous_version_of_itself(tmp_path, library):
    _, lib = library
    child = write(tmp_path, "next.yaml", "id: base\nversion: 2.0.0\ntitle: Base 2\n"
                  "extends: base@1.0.0\nweights: {sections: {s2: 3}}\n")
    rubric = resolve_entry(load_rubric_file(child), lib)
    assert rubric.ref == "base@2.0.0" and rubric.based_on == ["base@1.0.0"]
