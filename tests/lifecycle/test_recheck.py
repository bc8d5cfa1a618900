"""`checklist recheck`: what to re-verify, most decisive first, and the review calendar."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from lifecycle_support import Cli


def numbered(out: str) -> list[str]:
    """`vendor / question` of each numbered line, in order."""
    return [line.split(". ", 1)[1].split(":")[0] for line in out.splitlines()
            if line.strip()[:1].isdigit()]


def test_gates_first_then_by_share(fresh_eval: Path, cli: Cli,
                                   monkeypatch: pytest.MonkeyPatch):
    # On 2026-11-01: status (30 days) and api, latency (60 days) are stale; who-ran and
    # tasks (180 days) are not, and do not go stale within 30 days.
    monkeypatch.setenv("CHECKLIST_TODAY", "2026-11-01")
    result = cli("recheck", fresh_eval)
    assert result.code == 0, result.err
    # api is a gate; status's gate is off (outputs not published), so it is ordered by its
    # share like latency (1/9 of the score each), then by going stale first
    assert numbered(result.out) == ["Acme / api", "Acme / status", "Acme / latency"]
    assert "stale since 2026-11-01 (61 days old, rule 60)" in result.out
    assert "ask: " in result.out


def test_within_widens_the_horizon(fresh_eval: Path, cli: Cli,
                                   monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("CHECKLIST_TODAY", "2026-09-15")
    assert numbered(cli("recheck", fresh_eval, "--within", "10").out) == []
    # status goes stale on 2026-10-02: within 17 days, not within 16
    assert numbered(cli("recheck", fresh_eval, "--within", "16").out) == []
    out = cli("recheck", fresh_eval, "--within", "17").out
    assert numbered(out) == ["Acme / status"]
    assert "goes stale on 2026-10-02 (rule 30 days)" in out


def test_an_accepted_decision_rechecks_its_vendor_with_the_review_date(
        fresh_eval: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    from icalendar import Calendar

    monkeypatch.setenv("CHECKLIST_TODAY", "2026-09-15")
    assert cli("decide", fresh_eval, "--accept", "acme", "--by", "Dana").code == 0
    ics = tmp_path / "review.ics"
    result = cli("recheck", fresh_eval, "--ics", ics)
    assert result.code == 0, result.err
    assert "review by 2026-10-01" in result.out
    events = Calendar.from_ical(ics.read_bytes()).walk("VEVENT")
    days = {str(e["summary"]): e.decoded("dtstart") for e in events}
    assert days["Review decision: Fresh test"] == dt.date(2026, 10, 1)
    assert days["Re-check Acme: status"] == dt.date(2026, 10, 2)
    first = ics.read_bytes()
    assert cli("recheck", fresh_eval, "--ics", ics).code == 0
    assert ics.read_bytes() == first  # deterministic


def test_the_worked_example_lists_its_stale_figures(cli: Cli):
    example = Path(__file__).resolve().parents[2] / "examples" / "ai-video-2026"
    result = cli("recheck", example)
    assert result.code == 0
    assert "unit-cost: stale since 2026-11-23" in result.out


def test_a_bad_horizon_is_refused(fresh_eval: Path, cli: Cli):
    result = cli("recheck", fresh_eval, "--within", "-1")
    assert result.code == 2 and "--within" in result.err
