"""Proposed answers from the bake-off and from results files, through the CLI as a team uses it:
proposed, listed, accepted by one rater, never over a rater's own answer unless asked."""

from __future__ import annotations

import hashlib
from pathlib import Path

from hostile.util import run_main

from checklist.files.folder import load_folder
from checklist.files.proposals import read_proposals

REQUESTS = "latency_s,cost,ok\n1.0,0.01,true\n3.0,0.02,true\n,0.01,false\n2.0,0.01,true\n"


def _answer(folder: Path, rater: str, vendor: str, question: str) -> object:
    return load_folder(folder).ratings[rater].get(vendor, question)


def test_evidence_import_proposes_and_accept_takes_it(measured: Path, tmp_path: Path) -> None:
    csv = tmp_path / "kling-requests.csv"
    csv.write_text(REQUESTS, encoding="utf-8")
    result = run_main("evidence", "import", measured, csv, "--vendor", "Kling 3")
    assert result.code == 0, result.output
    assert "kling-3 / p95-latency = 2.9" in result.stdout
    assert not (measured / "ratings").exists() or not any((measured / "ratings").iterdir())
    # nothing counts until accepted: no rater file was written

    [file] = read_proposals(measured)
    [proposal] = file.proposals
    [evidence] = proposal.answer.evidence
    assert evidence.grade == "own-test"
    assert evidence.sha256 == hashlib.sha256(csv.read_bytes()).hexdigest()
    assert "p95 of 3 successful requests" in proposal.answer.note

    assert run_main("rate", measured, "--rater", "ana", "--vendor", "runway", "--question",
                    "tasks-match", "--score", "2").code == 0
    assert "1 proposed answer (ana 1)" in run_main("status", measured).stdout
    listed = run_main("proposals", "list", measured, "--rater", "ana")
    assert "open" in listed.stdout and "p95-latency" in listed.stdout
    taken = run_main("proposals", "accept", measured, "--rater", "ana")
    assert taken.code == 0, taken.output
    answer = load_folder(measured).ratings["ana"].get("kling-3", "p95-latency")
    assert answer is not None and answer.value == 2.9 and answer.evidence == [evidence]
    again = run_main("proposals", "list", measured, "--rater", "ana")
    assert "accepted" in again.stdout
    assert "(none open for any rater)" in run_main("status", measured).stdout


def test_a_raters_own_answer_is_kept_unless_replace(measured: Path, tmp_path: Path) -> None:
    csv = tmp_path / "requests.csv"
    csv.write_text(REQUESTS, encoding="utf-8")
    assert run_main("evidence", "import", measured, csv, "--vendor", "runway").code == 0
    mine = run_main("rate", measured, "--rater", "ana", "--vendor", "runway", "--question",
                    "p95-latency", "--value", "40", "--note", "measured by hand")
    assert mine.code == 0, mine.output
    before = (measured / "ratings" / "ana.yaml").read_bytes()
    kept = run_main("proposals", "accept", measured, "--rater", "ana")
    assert kept.code == 0 and "kept your runway / p95-latency = 40" in kept.stdout
    assert (measured / "ratings" / "ana.yaml").read_bytes() == before
    replaced = run_main("proposals", "accept", measured, "--rater", "ana", "--replace")
    assert replaced.code == 0, replaced.output
    answer = load_folder(measured).ratings["ana"].get("runway", "p95-latency")
    assert answer is not None and answer.value == 2.9 and answer.note == "measured by hand"


def test_bakeoff_propose_uses_the_votes_as_evidence(measured: Path) -> None:
    result = run_main("bakeoff", "propose", measured)
    assert result.code == 0, result.output
    [file] = read_proposals(measured)
    assert file.source == "bakeoff"
    by_vendor = {p.vendor: p for p in file.proposals}
    assert set(by_vendor) == {"seedance-2", "kling-3", "veo-3-1", "runway"}
    assert {p.question for p in file.proposals} == {"usable-rate"}
    urls = {e.url: e.sha256 for e in by_vendor["runway"].answer.evidence}
    votes = measured / "bakeoff" / "votes" / "priya-raman.yaml"
    assert urls["bakeoff/votes/priya-raman.yaml"] == hashlib.sha256(
        votes.read_bytes()).hexdigest()
    assert by_vendor["runway"].answer.value == 100  # no 'both unusable' vote in the example
    assert "upper bound" in by_vendor["runway"].answer.note


def test_nothing_informed_is_an_error_and_writes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "plain"
    assert run_main("new", folder, "--rubric", "benchmark-vs-production", "--title", "T",
                    "--vendor", "Acme").code == 0
    csv = tmp_path / "requests.csv"
    csv.write_text(REQUESTS, encoding="utf-8")
    result = run_main("evidence", "import", folder, csv, "--vendor", "acme")
    assert result.code == 2
    assert f"{csv}: the file gives" in result.stderr and "informed_by" in result.stderr
    assert "Traceback" not in result.output
    assert not (folder / "proposals").exists()


def test_a_bad_results_file_names_its_cell(measured: Path, tmp_path: Path) -> None:
    csv = tmp_path / "requests.csv"
    csv.write_text("latency_s,ok\n1.0,true\nfast,true\n", encoding="utf-8")
    result = run_main("evidence", "import", measured, csv, "--vendor", "runway")
    assert result.code == 2
    assert f"{csv}:3:1: latency_s 'fast'" in result.stderr
    assert not (measured / "proposals").exists()
