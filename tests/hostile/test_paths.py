"""Every path the CLI builds from user input stays where the user pointed it.

`--rater` becomes a file name, vendor names become ids, ratings files may be links: none of
them may make checklist read or write outside the evaluation folder the user named.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from hostile.util import check_user_error, make_evaluation, run_cli


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_evaluation(tmp_path_factory.mktemp("paths"))


@pytest.fixture
def folder(pristine: Path, tmp_path: Path) -> Path:
    target = tmp_path / "work" / "ev"
    shutil.copytree(pristine, target)
    return target


def _files_outside(root: Path, folder: Path) -> set[Path]:
    return {p for p in root.rglob("*") if not p.is_relative_to(folder)}


@pytest.mark.parametrize("rater,expected", [
    ("../../x", "x"),
    ("../../../etc/passwd", "etc-passwd"),
    ("/tmp/evil", "tmp-evil"),
    ("..\\..\\windows", "windows"),
    ("Ana María", "ana-maria"),
    ("CON", "con"),
    ("a/b/c.yaml", "a-b-c-yaml"),
    (".hidden", "hidden"),
    ("ratings", "ratings"),
    ("x" * 300, "x" * 64),
])
def test_rater_names_become_file_names_inside_ratings(rater: str, expected: str, folder: Path,
                                                       tmp_path: Path) -> None:
    before = _files_outside(tmp_path, folder)
    result = run_cli("rate", folder, "--rater", rater, "--vendor", "acme", "--question",
                     "tasks", "--score", "2", cwd=folder)
    if len(rater) > 200:  # the display name is refused before anything is written
        check_user_error(result, "checklist", positioned=False, message="rater name")
        assert not (folder / "ratings" / f"{expected}.yaml").exists()
        return
    assert result.code == 0, result.output
    assert (folder / "ratings" / f"{expected}.yaml").is_file()
    assert _files_outside(tmp_path, folder) == before, "a file was written outside the folder"
    summary = run_cli("summary", folder)
    assert summary.code == 0, summary.output


@pytest.mark.parametrize("rater", ["..", "/", "---", "   ", "..."])
def test_rater_names_without_letters_are_refused(rater: str, folder: Path,
                                                 tmp_path: Path) -> None:
    before = {p for p in tmp_path.rglob("*")}
    result = run_cli("rate", folder, f"--rater={rater}", "--vendor", "acme", "--question",
                     "tasks", "--score", "2")
    check_user_error(result, "checklist", positioned=False, message="file name")
    assert {p for p in tmp_path.rglob("*")} == before


def test_vendor_names_become_slug_ids(tmp_path: Path) -> None:
    from hostile.util import TINY_RUBRIC

    target = tmp_path / "ev"
    result = run_cli("new", target, "--rubric", TINY_RUBRIC, "--title", "../../t",
                     "--vendor", "../../etc/passwd", "--vendor", "\x1b[31mRed",
                     "--vendor", "中文", cwd=tmp_path)
    assert result.code == 0, result.output
    assert "\x1b" not in result.stdout
    text = (target / "evaluation.yaml").read_text()
    assert "id: etc-passwd" in text and "id: 31mred" in text
    assert [p.name for p in tmp_path.iterdir()] == ["ev"]


def test_a_ratings_link_to_a_file_outside_is_refused(folder: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text("rater: mallory\nanswers: {}\n")
    link = folder / "ratings" / "mallory.yaml"
    link.symlink_to(outside)
    check_user_error(run_cli("summary", folder), link, positioned=False, message="outside")
    result = run_cli("rate", folder, "--rater", "mallory", "--vendor", "acme", "--question",
                     "tasks", "--score", "2")
    assert result.code == 2
    assert outside.read_text() == "rater: mallory\nanswers: {}\n"
    assert link.is_symlink()


def test_a_ratings_folder_link_to_outside_is_refused(folder: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    shutil.rmtree(folder / "ratings")
    (folder / "ratings").symlink_to(outside)
    check_user_error(run_cli("summary", folder), folder / "ratings", positioned=False,
                     message="outside")
    result = run_cli("rate", folder, "--rater", "ana", "--vendor", "acme", "--question",
                     "tasks", "--score", "2")
    assert result.code == 2
    assert list(outside.iterdir()) == [], "a ratings file was written through the link"


def test_a_link_inside_the_folder_is_fine(folder: Path) -> None:
    """Links that stay inside the evaluation (a team's own layout) keep working."""
    shared = folder / "shared"
    shared.mkdir()
    (folder / "ratings" / "ana.yaml").rename(shared / "ana.yaml")
    (folder / "ratings" / "ana.yaml").symlink_to(Path("..") / "shared" / "ana.yaml")
    assert run_cli("summary", folder).code == 0


def test_a_symlink_loop_is_an_error_not_a_hang(folder: Path) -> None:
    loop = folder / "ratings" / "loop.yaml"
    loop.symlink_to(loop)
    result = run_cli("summary", folder)
    check_user_error(result, loop, positioned=False)


def test_evidence_paths_are_stored_not_opened(folder: Path, tmp_path: Path) -> None:
    """`--evidence` is a reference: rate stores the text and never reads or creates it."""
    target = tmp_path / "does-not-exist" / "report.pdf"
    for reference in (str(target), "../../../../etc/shadow", "file:///etc/passwd"):
        result = run_cli("rate", folder, "--rater", "ana", "--vendor", "acme", "--question",
                         "tasks", "--score", "2", "--evidence", reference)
        assert result.code == 0, result.output
    assert not target.parent.exists()
    text = (folder / "ratings" / "ana.yaml").read_text()
    assert "../../../../etc/shadow" in text and "root:" not in text


def test_the_folder_argument_may_be_a_link(folder: Path, tmp_path: Path) -> None:
    """The user named the link: following it is what they asked for."""
    link = tmp_path / "link-to-ev"
    link.symlink_to(folder)
    assert run_cli("rate", link, "--rater", "ana", "--vendor", "acme", "--question", "tasks",
                   "--score", "1").code == 0
    assert "tasks:" in (folder / "ratings" / "ana.yaml").read_text()


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write into read-only folders")
def test_a_read_only_folder_is_a_clear_error(folder: Path) -> None:
    (folder / "ratings").chmod(0o555)
    try:
        result = run_cli("rate", folder, "--rater", "ana", "--vendor", "acme", "--question",
                         "tasks", "--score", "1")
        assert result.code == 2 and "Traceback" not in result.output
    finally:
        (folder / "ratings").chmod(0o755)


#: Names a shared terminal, a paste or an undecodable argument can bring: each once went raw
#: into the `# Answers by NAME` header and broke the evaluation for everyone.
CONTROL_NAMES = {
    "DEL": "ana\x7f", "ESC": "ana\x1b[31m", "C1": "ana\x80", "noncharacter": "ana\ufffe",
    "bidi": "ana\u202eevil", "newline": "ana\nbob", "tab": "ana\tb",
    "line separator": "ana\u2028b", "astral noncharacter": "ana\U0001fffe",
    "undecodable byte": "ana\udcff",
}


@pytest.mark.parametrize("name", sorted(CONTROL_NAMES))
def test_rater_names_with_control_characters_are_refused_at_every_door(
        name: str, folder: Path, tmp_path: Path) -> None:
    from checklist.tui.rater_name import rater_problem
    from hostile.util import run_main

    rater = CONTROL_NAMES[name]
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    result = run_main("rate", folder, "--rater", rater, "--vendor", "acme", "--question",
                      "tasks", "--score", "2")
    check_user_error(result, "checklist", positioned=False, message="rater name .* control")
    sheet = tmp_path / "sheet.csv"
    assert run_main("export", folder, "--rater", "ana", "-o", sheet).code == 0
    check_user_error(run_main("import", folder, sheet, "--rater", rater), "checklist",
                     positioned=False, message="control character")
    assert rater_problem(rater) is not None, "the TUI's name field must refuse it too"
    assert {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()} == before


def test_a_rater_name_read_from_a_file_is_written_back_readable(folder: Path) -> None:
    """A hand-edited `rater: "\\e[2J"` loads (YAML escapes it); saving that rater's file
    again must not write the name raw into its header."""
    ratings = folder / "ratings" / "ana.yaml"
    ratings.write_text(ratings.read_text().replace("rater: ana", 'rater: "ana\\e[2J\\x7f"'))
    assert run_cli("rate", folder, "--rater", "ana", "--vendor", "acme", "--question",
                   "tasks", "--score", "2").code == 0
    assert "\x1b" not in ratings.read_text() and "\\x1b[2J" in ratings.read_text()
    assert run_cli("summary", folder).code == 0


def test_no_rater_name_makes_a_file_the_reader_refuses(pristine: Path,
                                                       tmp_path_factory: pytest.TempPathFactory
                                                       ) -> None:
    """For any name: refused at the door (exit 2, nothing written), or the evaluation still
    loads with the file it wrote."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from hostile.util import run_main

    root = tmp_path_factory.mktemp("names")
    # every code point, surrogates included (an undecodable byte in argv becomes one)
    names = st.text(st.characters(exclude_categories=()), min_size=1, max_size=30)

    @settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
    @given(name=names)
    def check(name: str) -> None:
        folder = root / "ev"
        shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(pristine, folder)
        before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
        result = run_main("rate", folder, "--rater", name, "--vendor", "acme", "--question",
                          "tasks", "--score", "2")
        assert result.code in (0, 2), result.output
        if result.code == 2:
            assert "Traceback" not in result.output and "internal error" not in result.output
            assert {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()} == before
            return
        loaded = run_main("summary", folder)
        assert loaded.code == 0, f"{name!r} made a file the reader refuses:\n{loaded.stderr}"

    check()


SECRET = "root:x:0:0:secret-marker:/root:/bin/bash\n" * 40

#: Commands that read an evaluation's own files; {ev} is the evaluation.
READERS = [["summary", "{ev}"], ["status", "{ev}"], ["memo", "{ev}"], ["export", "{ev}"],
           ["diff", "{ev}", "{ev}"], ["rubrics", "diff", "{ev}", "{ev}"],
           ["rate", "{ev}", "--rater", "ana", "--vendor", "acme", "--question", "tasks",
            "--score", "1"]]


@pytest.mark.parametrize("name,command", [
    pytest.param(name, command, id=f"{' '.join(command[:2])}-{name}".replace(" {ev}", ""))
    for name in ("evaluation.yaml", "rubric.lock.yaml") for command in READERS
    if not (command[0] == "rubrics" and name == "evaluation.yaml")  # it reads only the lock
])
def test_an_evaluation_file_linked_outside_is_refused_unread(name: str, command: list[str],
                                                            folder: Path,
                                                            tmp_path: Path) -> None:
    """Like ratings links: `evaluation.yaml -> /etc/passwd` is neither read nor quoted."""
    outside = tmp_path / "passwd"
    outside.write_text(SECRET)
    link = folder / name
    link.unlink()
    link.symlink_to(outside)
    result = run_cli(*[a.format(ev=folder) for a in command])
    check_user_error(result, link, positioned=False, message="outside the evaluation")
    assert "secret-marker" not in result.output
    assert outside.read_text() == SECRET and link.is_symlink()


def test_upgrade_reads_no_evaluation_file_linked_outside(folder: Path, tmp_path: Path) -> None:
    from hostile.util import TINY_RUBRIC

    outside = tmp_path / "passwd"
    outside.write_text(SECRET)
    (folder / "evaluation.yaml").unlink()
    (folder / "evaluation.yaml").symlink_to(outside)
    result = run_cli("upgrade", folder, "--to", TINY_RUBRIC, "--dry-run")
    check_user_error(result, folder / "evaluation.yaml", positioned=False, message="outside")
    assert "secret-marker" not in result.output


def test_evaluation_files_linked_inside_the_folder_are_fine(folder: Path) -> None:
    for name in ("evaluation.yaml", "rubric.lock.yaml"):
        (folder / "kept").mkdir(exist_ok=True)
        (folder / name).rename(folder / "kept" / name)
        (folder / name).symlink_to(Path("kept") / name)
    assert run_cli("summary", folder).code == 0


def test_a_file_that_is_one_long_value_is_not_echoed_whole(folder: Path) -> None:
    (folder / "evaluation.yaml").write_text(SECRET.replace("\n", " "))
    result = run_cli("summary", folder)
    check_user_error(result, folder / "evaluation.yaml", message="expected an evaluation")
    assert len(result.stderr) < 300, result.stderr
