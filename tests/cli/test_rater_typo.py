"""A mistyped `--rater` does not quietly start a new ratings file (found by a trial: `rate
--rater alce` beside alice and bob made `ratings/alce.yaml`). A name close to an existing
rater's is refused unless `--new-rater`; another new name goes ahead and says so."""

from __future__ import annotations

from pathlib import Path

import pytest

from checklist.cli import main


def _rate(ev: Path, rater: str, *extra: str) -> int:
    return main(["rate", str(ev), "--rater", rater, "--vendor", "acme", "--question", "api",
                 "--yes", *extra])


@pytest.fixture
def two_raters(tiny_eval: Path) -> Path:
    assert _rate(tiny_eval, "alice") == 0 and _rate(tiny_eval, "bob") == 0
    return tiny_eval


def _files(ev: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((ev / "ratings").iterdir())}


@pytest.mark.parametrize("command", ["rate", "rate --from", "import", "proposals accept"])
def test_a_name_close_to_an_existing_rater_is_refused(two_raters: Path, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str],
                                                      command: str) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("answers:\n  acme:\n    api: {value: true}\n", encoding="utf-8")
    sheet = tmp_path / "sheet.csv"
    assert main(["export", str(two_raters), "--format", "csv", "-o", str(sheet)]) == 0
    argv = {"rate": ["rate", str(two_raters), "--rater", "alce", "--vendor", "acme",
                     "--question", "api", "--no"],
            "rate --from": ["rate", str(two_raters), "--rater", "alce", "--from", str(answers)],
            "import": ["import", str(two_raters), str(sheet), "--rater", "alce"],
            "proposals accept": ["proposals", "accept", str(two_raters), "--rater", "alce"],
            }[command]
    before = _files(two_raters)
    capsys.readouterr()
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "'alce'" in err and "'alice'" in err and "--new-rater" in err
    assert "alice, bob" in err  # the existing raters, to pick from
    assert _files(two_raters) == before


def test_new_rater_starts_a_file_for_a_name_close_to_another(two_raters: Path) -> None:
    assert _rate(two_raters, "alce", "--new-rater") == 0
    assert (two_raters / "ratings" / "alce.yaml").is_file()


def test_a_new_person_is_told_who_else_rates(two_raters: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert _rate(two_raters, "Zoë Park") == 0
    err = capsys.readouterr().err
    assert "new rater 'zoe-park'" in err and "alice, bob" in err
    assert (two_raters / "ratings" / "zoe-park.yaml").is_file()


def test_the_first_rater_and_a_known_rater_go_ahead_quietly(
        tiny_eval: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert _rate(tiny_eval, "alice") == 0
    assert _rate(tiny_eval, "Alice") == 0  # the same file: names are matched by their id
    assert capsys.readouterr().err == ""


def test_open_refuses_a_typo_before_the_app_starts(two_raters: Path,
                                                   capsys: pytest.CaptureFixture[str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import checklist.cli.tui_cmds as tui_cmds

    started: list[object] = []
    monkeypatch.setattr(tui_cmds, "_run", lambda app: started.append(app) or 0)
    before = _files(two_raters)
    capsys.readouterr()
    assert main(["open", str(two_raters), "--rater", "bobb"]) == 2
    err = capsys.readouterr().err
    assert "'bobb'" in err and "'bob'" in err and "--new-rater" in err
    assert _files(two_raters) == before and not started
