"""`checklist vendor`, `claim`, `set` and `context` (issue 13 items 2, 3 and 5): each edit is
saved whole or not at all, a bad value names its flag and exits 2, answers follow a renamed
vendor in every rater's file and stay (as orphans) when a vendor is removed."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from checklist.cli import main
from checklist.errors import ConflictError
from checklist.files.evaluation_save import Edit, edit_evaluation
from checklist.files.folder import load_folder


def ok(*argv: str) -> None:
    assert main(list(argv)) == 0


def snapshot(ev: Path) -> dict[str, bytes]:
    return {str(p.relative_to(ev)): p.read_bytes() for p in sorted(ev.rglob("*.yaml"))}


def refused(ev: Path, capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    """Runs a command that must fail: exit 2, one message, no traceback, nothing written."""
    before = snapshot(ev)
    capsys.readouterr()
    assert main(list(argv)) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.strip()
    assert snapshot(ev) == before
    return err


@pytest.fixture
def rated(tiny_eval: Path) -> Path:
    """The tiny evaluation with answers from two raters for Acme and one for Beta."""
    for rater in ("Ana", "Bo"):
        ok("rate", str(tiny_eval), "--rater", rater, "--vendor", "acme", "--question",
           "who-ran", "--score", "3")
        ok("rate", str(tiny_eval), "--rater", rater, "--vendor", "acme", "--question", "api",
           "--yes")
    ok("rate", str(tiny_eval), "--rater", "Ana", "--vendor", "beta-corp", "--question", "api",
       "--no")
    return tiny_eval


def data(ev: Path, name: str = "evaluation.yaml") -> dict:  # type: ignore[type-arg]
    return yaml.safe_load((ev / name).read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_vendor_add_and_set_fields(tiny_eval: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ok("vendor", "add", str(tiny_eval), "Delta Video", "--product", "Delta API",
       "--model", "delta-v2", "--version", "2026-04-07", "--channel", "cloud-marketplace",
       "--region", "EU", "--maker", "Delta Labs", "--contact", "sales@delta.example")
    ok("vendor", "set", str(tiny_eval), "Acme", "--model", "acme-1", "--channel", "direct")
    vendors = {v.id: v for v in load_folder(tiny_eval).evaluation.vendors}
    delta = vendors["delta-video"]
    assert (delta.model, delta.version, delta.channel, delta.region, delta.maker) == (
        "delta-v2", "2026-04-07", "cloud-marketplace", "EU", "Delta Labs")
    assert (vendors["acme"].model, vendors["acme"].channel) == ("acme-1", "direct")
    err = refused(tiny_eval, capsys, "vendor", "set", str(tiny_eval), "acme", "--channel",
                  "mail-order")
    assert "--channel" in err and "reseller" in err
    err = refused(tiny_eval, capsys, "vendor", "add", str(tiny_eval), "acme")
    assert "already exists" in err
    err = refused(tiny_eval, capsys, "vendor", "add", str(tiny_eval), "New", "--id", "Bad Id")
    assert "--id" in err


def test_rename_moves_answers_in_every_raters_file(rated: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    ok("claim", "add", str(rated), "beta-corp", "--text", "Beats Acme", "--vs-vendor", "acme",
       "--margin", "40", "--unit", "elo")
    before = load_folder(rated)
    ok("vendor", "rename", str(rated), "acme", "Acme Two")
    after = load_folder(rated)
    assert [v.id for v in after.evaluation.vendors] == ["acme-two", "beta-corp", "gamma"]
    for rater in ("ana", "bo"):
        assert after.ratings[rater].answers["acme-two"] == before.ratings[rater].answers["acme"]
        assert "acme" not in after.ratings[rater].answers
    assert after.orphans == []
    claim = after.evaluation.vendors[1].claims[0]
    assert claim.compared_with is not None and claim.compared_with.vendor == "acme-two"
    # the name alone
    ok("vendor", "rename", str(rated), "acme-two", "ACME 2", "--keep-id")
    assert load_folder(rated).evaluation.vendors[0].name == "ACME 2"


def test_rename_onto_another_vendor_writes_nothing(rated: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    err = refused(rated, capsys, "vendor", "rename", str(rated), "acme", "Beta Corp")
    assert "--id" in err and "beta-corp" in err


def test_rename_onto_orphan_answers_writes_nothing(rated: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    ok("vendor", "remove", str(rated), "beta-corp")
    err = refused(rated, capsys, "vendor", "rename", str(rated), "acme", "Beta Corp")
    assert "ratings/ana.yaml" in err and "already holds answers for 'beta-corp'" in err


def test_remove_keeps_answers_as_orphans(rated: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ok("claim", "add", str(rated), "acme", "--text", "Beats Beta", "--vs-vendor", "beta-corp")
    ratings = (rated / "ratings" / "ana.yaml").read_bytes()
    capsys.readouterr()
    ok("vendor", "remove", str(rated), "Beta Corp")
    out = capsys.readouterr().out
    assert "1 answer(s) stay" in out
    assert (rated / "ratings" / "ana.yaml").read_bytes() == ratings
    workspace = load_folder(rated)
    assert [(o.rater, o.vendor, o.question) for o in workspace.orphans] == [
        ("ana", "beta-corp", "api")]
    against = workspace.evaluation.vendors[0].claims[0].compared_with
    assert against is not None and (against.vendor, against.model) == (None, "Beta Corp")
    ok("vendor", "add", str(rated), "Beta Corp")  # the same id: its answers count again
    assert load_folder(rated).orphans == []


def test_claims_add_edit_move_remove(tiny_eval: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ev = str(tiny_eval)
    ok("claim", "add", ev, "acme", "--text", "Wins 62% against Beta", "--task",
       "text-to-video", "--metric", "win rate", "--value", "62", "--unit", "win-rate",
       "--vs-vendor", "Beta Corp", "--margin", "12", "--sample-size", "1200",
       "--interval", "58.5..65.5", "--source", "https://example.com/r", "--run-by",
       "Acme research", "--grade", "vendor-sampled", "--retrieved", "2026-11-01",
       "--date", "2026-10-15", "--note", "pairwise")
    ok("claim", "add", ev, "acme", "--text", "Top 3 on the arena", "--value", "top 3")
    claims = load_folder(tiny_eval).evaluation.vendors[0].claims
    first = claims[0]
    assert first.compared_with is not None
    assert (first.value, first.unit, first.compared_with.vendor, first.compared_with.margin,
            first.sample_size, str(first.retrieved)) == (62, "win-rate", "beta-corp", 12, 1200,
                                                         "2026-11-01")
    assert claims[1].value == "top 3"
    ok("claim", "edit", ev, "acme", "1", "--margin", "15", "--level", "90", "--clear", "note")
    first = load_folder(tiny_eval).evaluation.vendors[0].claims[0]
    assert first.compared_with is not None and first.compared_with.margin == 15
    assert first.interval is not None and (first.interval.low, first.interval.level) == (58.5, 90)
    assert first.note == ""
    ok("claim", "edit", ev, "acme", "2", "--move-to", "1")
    assert load_folder(tiny_eval).evaluation.vendors[0].claims[0].text == "Top 3 on the arena"
    capsys.readouterr()
    ok("claim", "list", ev, "--vendor", "acme")
    out = capsys.readouterr().out
    assert "2. Wins 62% against Beta" in out
    assert "62% win rate; vs Beta Corp, by +15 points; n = 1200, 90% CI 58.5–65.5" in out
    ok("claim", "remove", ev, "acme", "1")
    assert [c.text for c in load_folder(tiny_eval).evaluation.vendors[0].claims] == [
        "Wins 62% against Beta"]


@pytest.mark.parametrize(("argv", "named"), [
    (["--text", "x", "--margin", "3"], "--margin"),
    (["--text", "x", "--interval", "3-5"], "--interval"),
    (["--text", "x", "--interval", "5..3"], "--interval"),
    (["--text", "x", "--unit", "furlongs"], "--unit"),
    (["--text", "x", "--grade", "rumour"], "--grade"),
    (["--text", "x", "--retrieved", "yesterday"], "--retrieved"),
    (["--text", "x", "--sample-size", "0"], "--sample-size"),
    (["--text", "x", "--vs-vendor", "acme"], "itself"),
    (["--text", "x", "--vs-vendor", "nobody"], "unknown vendor 'nobody'"),
    (["--text", "x" * 2001], "--text"),
])
def test_a_bad_claim_value_names_its_flag(tiny_eval: Path, capsys: pytest.CaptureFixture[str],
                                          argv: list[str], named: str) -> None:
    err = refused(tiny_eval, capsys, "claim", "add", str(tiny_eval), "acme", *argv)
    assert named in err


def test_claim_numbers_are_checked(tiny_eval: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err = refused(tiny_eval, capsys, "claim", "remove", str(tiny_eval), "acme", "1")
    assert "no claim 1" in err


def test_set_the_decision(tiny_eval: Path, capsys: pytest.CaptureFixture[str],
                          tmp_path: Path) -> None:
    background = tmp_path / "bg.md"
    background.write_text("We need **ads** by Q1.\n", encoding="utf-8")
    ok("set", str(tiny_eval), "--background-file", str(background), "--due", "2026-12-20",
       "--person", "Dana Okafor=approver", "--person", "Priya=driver", "--person", "Legal",
       "--option", "keep the current vendor", "--acceptance-criteria", "p95 under 60 s")
    evaluation = load_folder(tiny_eval).evaluation
    assert evaluation.background == "We need **ads** by Q1.\n"
    assert [p.display() for p in evaluation.decision_makers] == [
        "Dana Okafor (approver)", "Priya (driver)", "Legal"]
    assert str(evaluation.due) == "2026-12-20"
    assert evaluation.options == ["keep the current vendor"]
    ok("set", str(tiny_eval), "--person", "legal=informed", "--remove-person", "Priya",
       "--remove-option", "keep the current vendor")
    evaluation = load_folder(tiny_eval).evaluation
    assert [p.display() for p in evaluation.decision_makers] == [
        "Dana Okafor (approver)", "Legal (informed)"]
    assert evaluation.options == []
    assert "--person" in refused(tiny_eval, capsys, "set", str(tiny_eval), "--person",
                                 "Bo=boss")
    assert "--due" in refused(tiny_eval, capsys, "set", str(tiny_eval), "--due", "soon")
    assert "--remove-person" in refused(tiny_eval, capsys, "set", str(tiny_eval),
                                        "--remove-person", "Nobody")
    assert "--title" in refused(tiny_eval, capsys, "set", str(tiny_eval), "--title", "")


def test_context_shows_gates_and_verdicts_first(tiny_eval: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    ev = str(tiny_eval)
    ok("context", ev, "public=no")
    for question, choice in (("api", "--yes"), ("status", "preview")):
        flag = [choice] if choice.startswith("--") else ["--choice", choice]
        ok("rate", ev, "--rater", "ana", "--vendor", "acme", "--question", question, *flag)
    ok("rate", ev, "--rater", "ana", "--vendor", "acme", "--question", "status", "--choice",
       "retired")
    before = snapshot(tiny_eval)
    capsys.readouterr()
    ok("context", ev, "public=yes", "--dry-run")
    out = capsys.readouterr().out
    assert "public: no -> yes" in out
    assert "gate on 'status' switches on" in out
    assert "Acme:" in out and "-> no-go" in out
    assert snapshot(tiny_eval) == before
    ok("context", ev, "public=yes")
    assert data(tiny_eval)["context"] == {"public": True}
    assert "FLAG=yes|no" in refused(tiny_eval, capsys, "context", ev, "public=maybe")
    assert "unknown flag" in refused(tiny_eval, capsys, "context", ev, "publik=yes")


def test_an_edit_over_a_changed_file_is_redone_on_top_of_it(rated: Path) -> None:
    """Someone saves evaluation.yaml while a rename is being worked out: the rename is
    worked out again from their file, and both changes are kept."""
    from checklist.model.evaluation_edit import rename_vendor

    calls: list[int] = []

    def change(workspace):  # type: ignore[no-untyped-def]
        calls.append(1)
        if len(calls) == 1:
            path = rated / "evaluation.yaml"
            path.write_text(path.read_text(encoding="utf-8").replace("Tiny test", "Theirs"),
                            encoding="utf-8")
        return Edit(rename_vendor(workspace.evaluation, "acme", "Acme Two"),
                    {"acme": "acme-two"})

    edit_evaluation(rated, change)
    assert len(calls) == 2
    workspace = load_folder(rated)
    assert workspace.evaluation.title == "Theirs"
    assert workspace.evaluation.vendors[0].id == "acme-two"
    assert "acme-two" in workspace.ratings["ana"].answers and workspace.orphans == []


def test_an_edit_that_always_meets_a_change_writes_nothing(rated: Path) -> None:
    from checklist.model.evaluation_edit import rename_vendor

    def change(workspace):  # type: ignore[no-untyped-def]
        path = rated / "evaluation.yaml"
        path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        return Edit(rename_vendor(workspace.evaluation, "acme", "Acme Two"),
                    {"acme": "acme-two"})

    ratings = {p.name: p.read_bytes() for p in (rated / "ratings").iterdir()}
    with pytest.raises(ConflictError):
        edit_evaluation(rated, change)
    assert {p.name: p.read_bytes() for p in (rated / "ratings").iterdir()} == ratings
    assert data(rated)["vendors"][0]["id"] == "acme"
