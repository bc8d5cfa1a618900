"""A bad value is reported under the flag that gave it, and an option is judged by the command
it was given to (found by a trial: `--margin nan` was blamed on `--vs-vendor`, `--level 150`
on `--interval`, an empty claim was saved, and `status --bom` asked "did you mean '--bom'")."""

from __future__ import annotations

from pathlib import Path

import pytest

from checklist.cli import main


def _files(ev: Path) -> dict[str, bytes]:
    return {str(p.relative_to(ev)): p.read_bytes() for p in sorted(ev.rglob("*")) if p.is_file()}


def _refused(ev: Path, capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    """Exit 2, one message without a traceback, nothing written; returns the message."""
    before = _files(ev)
    capsys.readouterr()
    assert main(list(argv)) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.strip()
    assert _files(ev) == before
    return err


@pytest.mark.parametrize(("argv", "named"), [
    (["--margin", "nan", "--vs-model", "Sora 2"], "--margin"),
    (["--margin", "inf", "--vs-vendor", "beta-corp"], "--margin"),
    (["--margin", "nan", "--vs-baseline", "last year"], "--margin"),
    (["--interval", "58..65", "--level", "150"], "--level"),
    (["--interval", "58..65", "--level", "0"], "--level"),
])
def test_a_bad_part_of_a_claim_names_its_own_flag(tiny_eval: Path,
                                                  capsys: pytest.CaptureFixture[str],
                                                  argv: list[str], named: str) -> None:
    err = _refused(tiny_eval, capsys, "claim", "add", str(tiny_eval), "acme", "--text", "x",
                   *argv)
    others = {"--margin": ("--vs-vendor", "--vs-model", "--vs-baseline"),
              "--level": ("--interval",)}[named]
    assert f"{named}:" in err and not any(other in err for other in others), err


@pytest.mark.parametrize("text", ["", "   ", "\t\n"])
def test_an_empty_claim_is_refused(tiny_eval: Path, capsys: pytest.CaptureFixture[str],
                                   text: str) -> None:
    err = _refused(tiny_eval, capsys, "claim", "add", str(tiny_eval), "acme", "--text", text)
    assert "--text:" in err and "empty" in err


def test_a_claim_cannot_be_emptied_by_an_edit(tiny_eval: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["claim", "add", str(tiny_eval), "acme", "--text", "Wins 62%"]) == 0
    err = _refused(tiny_eval, capsys, "claim", "edit", str(tiny_eval), "acme", "1",
                   "--text", " ")
    assert "--text:" in err and "empty" in err


def _usage_error(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    capsys.readouterr()
    with pytest.raises(SystemExit) as exit_:
        main(list(argv))
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return err


def test_an_option_of_another_command_is_not_offered_as_its_own_correction(
        tiny_eval: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err = _usage_error(capsys, "status", str(tiny_eval), "--bom")
    assert "unrecognized arguments: --bom" in err
    assert "did you mean '--bom'" not in err
    assert "checklist status" in err  # the command's own usage, with its own options
    assert "'--bom' is an option of `checklist export`" in err


def test_a_typo_in_a_command_option_is_still_corrected(
        tiny_eval: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err = _usage_error(capsys, "status", str(tiny_eval), "--stael")
    assert "did you mean '--stale'" in err


def test_a_command_option_without_its_command_says_whose_it_is(
        capsys: pytest.CaptureFixture[str]) -> None:
    err = _usage_error(capsys, "--bom")
    assert "did you mean '--bom'" not in err and "`checklist export`" in err
