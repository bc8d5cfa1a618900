"""`checklist register`: every decision under some folders, filtered, in four forms."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from lifecycle_support import Cli


@pytest.fixture
def repo(tmp_path: Path, fresh_eval: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A company repository: an accepted decision (review by 2026-10-01, its evidence stale
    from 2026-10-02), a deferred one, a draft in a nested folder, and a .git folder."""
    root = tmp_path / "decisions"
    (root / "video" / "2026").mkdir(parents=True)
    accepted = root / "video" / "2026" / "ads"
    shutil.copytree(fresh_eval, accepted)
    deferred = root / "copy"
    shutil.copytree(fresh_eval, deferred)
    draft = root / "video" / "draft"
    shutil.copytree(fresh_eval, draft)
    monkeypatch.setenv("CHECKLIST_TODAY", "2026-09-15")
    assert cli("decide", accepted, "--accept", "acme", "--by", "Dana").code == 0
    assert cli("decide", deferred, "--defer", "--by", "Dana", "--review-by",
               "2027-02-01").code == 0
    assert cli("set", draft, "--title", "=HYPERLINK(\"http://x\") <script>x</script>").code == 0
    shutil.copytree(fresh_eval, root / ".git" / "old")  # never searched
    monkeypatch.setenv("CHECKLIST_TODAY", "2026-11-01")
    return root


def listed(cli: Cli, *args: str | Path) -> list[dict[str, object]]:
    result = cli("register", *args, "--json")
    assert result.code == 0, result.err
    return json.loads(result.out)["evaluations"]


def test_lists_every_evaluation_with_what_was_decided(repo: Path, cli: Cli):
    rows = {Path(str(r["folder"])).relative_to(repo).as_posix(): r for r in listed(cli, repo)}
    assert sorted(rows) == ["copy", "video/2026/ads", "video/draft"]
    ads = rows["video/2026/ads"]
    assert (ads["status"], ads["vendor"], ads["review_by"], ads["overdue"]) == (
        "accepted", "Acme", "2026-10-01", True)
    assert ads["stale_since"] == "2026-10-02"
    assert rows["copy"]["status"] == "deferred" and rows["copy"]["stale_since"] is None
    assert rows["video/draft"]["vendor"] == "" and rows["video/draft"]["conditions"] == []


def test_filters(repo: Path, cli: Cli):
    def names(*args: str) -> list[str]:
        return sorted(Path(str(r["folder"])).name for r in listed(cli, repo, *args))

    assert names("--status", "accepted") == ["ads"]
    assert names("--status", "accepted", "--status", "deferred") == ["ads", "copy"]
    assert names("--due-before", "2026-10-01") == []          # review by 2026-10-01: not before
    assert names("--due-before", "2026-10-02") == ["ads"]
    assert names("--due-before", "2027-12-31") == ["ads", "copy"]
    assert names("--vendor", "Beta Corp") == ["ads", "copy", "draft"]
    assert names("--vendor", "nobody") == []


def test_reads_only_evaluation_yaml(repo: Path, cli: Cli):
    """Ratings and rubric locks are not read: a broken one does not stop the register."""
    ads = repo / "video" / "2026" / "ads"
    (ads / "ratings" / "ana.yaml").write_text("answers: [unclosed\n", encoding="utf-8")
    (ads / "rubric.lock.yaml").write_text("id: [\n", encoding="utf-8")
    assert len(listed(cli, repo)) == 3


def test_a_broken_evaluation_is_reported_and_the_rest_listed(repo: Path, cli: Cli):
    broken = repo / "copy" / "evaluation.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("status: deferred",
                                                                 "status: maybe"))
    result = cli("register", repo)
    assert result.code == 2 and "Traceback" not in result.err
    line = next(i for i, t in enumerate(broken.read_text().splitlines(), 1) if "maybe" in t)
    assert f"{broken}:{line}:" in result.err
    assert "Acme" in result.out and "deferred" not in result.out


def test_csv_and_html_keep_file_text_inert(repo: Path, cli: Cli):
    csv_text = cli("register", repo, "--csv").out
    assert "'=HYPERLINK" in csv_text
    page = cli("register", repo, "--html").out
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert page.startswith("<!DOCTYPE html>") and "http" not in page.split("<body>")[0]


def test_a_missing_root_is_a_user_error(tmp_path: Path, cli: Cli):
    result = cli("register", tmp_path / "nope")
    assert result.code == 2 and "no such folder" in result.err
