"""The rubric library reads only what a question needs, and answers as if it read everything.

Validating one rubric used to parse every YAML file in its folder (3.8 s beside a 4.7 MB
rubric instead of 0.2 s). Now `extends: id` reads the top of each file for its id and
version and parses only the files holding that id; the answers must be exactly those of
parsing every file, whatever the files look like.
"""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checklist.errors import ChecklistError
from checklist.files.config import Folder
from checklist.files.library import Library, load_rubric_file, resolve_entry

BODY = """\
title: T
sections:
  - id: s
    title: S
    axis: claims
    questions:
      - {{id: q, text: Q}}
"""  # a format string: {{ }} are braces

#: A rubric written in ways a header reader must get right or give up on (None: broken).
STYLES = {
    "plain": "id: {rid}\nversion: {version}\n" + BODY,
    "late": BODY + "description: after the sections\nversion: {version}\nid: {rid}\n",
    "nested-id-first": "context:\n  - {{id: flag, text: A flag}}\nversion: {version}\n"
                       "id: {rid}\n" + BODY,
    "quoted": "id: '{rid}'\nversion: \"{version}\"\n" + BODY,
    "flow": "{{id: {rid}, version: {version}, title: T, sections: [{{id: s, title: S, "
            "axis: claims, questions: [{{id: q, text: Q}}]}}]}}\n",
    "document": "%YAML 1.1\n---\n# a comment\nid: {rid}  # trailing\nversion: {version}\n"
                + BODY,
    "merged-id": "<<: {{id: {rid}}}\nversion: {version}\n" + BODY,
    "aliased-version": "description: &v {version}\nid: {rid}\nversion: *v\n" + BODY,
    "tagged-id": "id: !!str {rid}\nversion: {version}\n" + BODY,
    "broken-tail": "id: {rid}\nversion: {version}\n" + BODY + "  - [unclosed\n",
    "duplicate-id": "id: {rid}\nversion: {version}\n" + BODY + "id: other\n",
    "unknown-key": "id: {rid}\nversion: {version}\n" + BODY + "colour: red\n",
    "second-document": "id: {rid}\nversion: {version}\n" + BODY + "---\nid: {rid}\n",
    "number-version": "id: {rid}\nversion: 1.0\n" + BODY,
}
IDS = ["a", "b", "c"]
VERSIONS = ["1.0.0", "1.1.0", "2.0.0-rc1"]

file_spec = st.tuples(st.sampled_from(IDS), st.sampled_from(VERSIONS),
                      st.sampled_from(list(STYLES)))


def write_library(root: Path, layout: list[list[tuple[str, str, str]]]) -> list[Folder]:
    folders = []
    for index, files in enumerate(layout):
        folder = root / f"folder{index}"
        folder.mkdir(parents=True)
        for number, (rid, version, style) in enumerate(files):
            text = STYLES[style].format(rid=rid, version=version)
            (folder / f"{number:02d}-{style}.yaml").write_text(text, encoding="utf-8")
        folders.append(Folder(f"folder{index}", folder))
    return folders


def answers(library: Library, ref: str) -> object:
    """What a lookup tells a user: the file found (and what overrides it), the versions,
    or the error."""
    rid = ref.partition("@")[0]
    try:
        entry = library.get(ref)
    except ChecklistError as exc:
        return ("error", str(exc), library.versions(rid))
    shadow = entry.shadowed_by.path if entry.shadowed_by else None
    return (entry.path, entry.file.version, shadow, library.versions(rid))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.function_scoped_fixture])
@given(layout=st.lists(st.lists(file_spec, max_size=6), min_size=1, max_size=3))
def test_lookups_by_id_answer_as_if_every_file_were_parsed(layout, tmp_path_factory):
    folders = write_library(tmp_path_factory.mktemp("lib"), layout)
    everything = Library.discover(folders)
    assert everything.entries is not None  # parse every file first: the eager library
    for ref in [*IDS, "d", *(f"{r}@{v}" for r, v in itertools.product(IDS, VERSIONS))]:
        lazy = Library.discover(folders)
        assert answers(lazy, ref) == answers(everything, ref), ref


def test_validating_a_rubric_parses_only_what_it_extends(tmp_path):
    """The count of files parsed (`Library.parsed`) proves it: a rubric without `extends`
    needs no other file, and one with `extends: base` only the file that holds base, not a
    broken neighbour nor a big one."""
    folder = tmp_path / "team"
    folder.mkdir()
    (folder / "base.yaml").write_text(STYLES["plain"].format(rid="base", version="1.0.0"))
    (folder / "broken.yaml").write_text("id: other\nversion: 1.0.0\ntitle: [unclosed\n")
    (folder / "big.yaml").write_text(STYLES["plain"].format(rid="big", version="1.0.0")
                                     + "description: |\n" + "  filler text\n" * 200_000)
    alone = folder / "alone.yaml"
    alone.write_text(STYLES["plain"].format(rid="alone", version="1.0.0"))
    team = folder / "team.yaml"
    team.write_text("id: team\nversion: 1.0.0\ntitle: Team\nextends: base\n")

    library = Library.discover([Folder("team", folder)])
    resolve_entry(load_rubric_file(alone), library)
    assert library.parsed == []
    resolve_entry(load_rubric_file(team), library)
    assert library.parsed == [folder / "base.yaml"]
    # Listing everything still parses everything, and reports the broken file.
    assert any("broken.yaml" in p.file for p in library.problems)
    assert sorted(library.parsed) == sorted(folder.glob("*.yaml"))


def test_a_parent_whose_id_only_a_full_parse_finds_is_still_found(tmp_path):
    """`id` given through a merge key: the header reader gives up, the file is parsed."""
    folder = tmp_path / "team"
    folder.mkdir()
    (folder / "base.yaml").write_text(STYLES["merged-id"].format(rid="base", version="1.0.0"))
    team = folder / "team.yaml"
    team.write_text("id: team\nversion: 1.0.0\ntitle: Team\nextends: base\n")
    rubric = resolve_entry(load_rubric_file(team), Library.discover([Folder("team", folder)]))
    assert rubric.based_on == ["base@1.0.0"]


def test_validate_is_not_disturbed_by_broken_or_huge_neighbours(tmp_path):
    """`rubrics validate FILE`, the real command: a neighbour over the size limit, one that
    is not YAML and one that is not a rubric change nothing about FILE's answer."""
    folder = tmp_path / "team"
    folder.mkdir()
    mine = folder / "mine.yaml"
    mine.write_text(STYLES["plain"].format(rid="mine", version="1.0.0"))
    huge = folder / "huge.yaml"
    huge.write_bytes(b"id: huge\nversion: 1.0.0\n")
    os.truncate(huge, 1 << 30)  # sparse: refused from its size, if it is ever looked at
    (folder / "binary.yaml").write_bytes(b"\x00\xff" * 1000)
    (folder / "list.yaml").write_text("- not\n- a rubric\n")
    env = {**os.environ, "CHECKLIST_RUBRIC_PATH": str(folder)}
    done = subprocess.run([sys.executable, "-m", "checklist", "rubrics", "validate", str(mine)],
                          capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"{mine}: ok (mine@1.0.0, 1 sections, 1 questions)"
    assert done.stderr == ""


@pytest.mark.parametrize("style", sorted(STYLES))
def test_each_style_is_read_the_same_lazily_and_eagerly(style, tmp_path):
    folders = write_library(tmp_path, [[("a", "1.0.0", style)]])
    everything = Library.discover(folders)
    assert everything.entries is not None
    assert answers(Library.discover(folders), "a") == answers(everything, "a")
