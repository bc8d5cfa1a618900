"""The whole story of issue 6, end to end through the command line.

A platform team ships `benchmark-vs-production`; the ACME video team extends it in its own
folder (listed in the config file), scores two vendors with it, publishes a new version and
upgrades the evaluation without losing an answer, re-assesses next quarter and compares, and
a rater round-trips their answers through a spreadsheet.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

from checklist.files.config import bundled_dir, load_config
from checklist.files.folder import load_folder
from checklist.files.library import Library
from checklist.model import Question, Rubric
from checklist.scoring import score_workspace

from .conftest import Cli

BASE = "benchmark-vs-production"


def _value_args(question: Question, rubric: Rubric, level: int) -> list[str]:
    """Command-line value for `question` at about `level` on the scale, whatever its type."""
    if question.type == "score":
        return ["--score", str(level)]
    if question.type == "yes_no":
        return ["--yes"] if level >= (rubric.scale.max + rubric.scale.min) / 2 else ["--no"]
    if question.type == "choice":
        best = min(question.choices, key=lambda c: abs(c.score - level))
        return ["--choice", best.id]
    thresholds = question.thresholds
    nearest = min(thresholds, key=lambda lv: abs(lv - level))
    return ["--value", repr(thresholds[nearest])]


def _uncomment(text: str, block: str) -> str:
    out, active = [], False
    for line in text.splitlines():
        if line.startswith("# ") and line[2:3].isalpha():
            active = line[2:].startswith(f"{block}:")
        elif not line.startswith("#"):
            active = False
        out.append(line[2:] if active and line.startswith("# ") else line)
    return "\n".join(out) + "\n"


def _count_answers(folder: Path) -> int:
    workspace = load_folder(folder)
    return sum(len(a) for r in workspace.ratings.values() for a in r.answers.values())


def test_a_team_extends_scores_upgrades_compares_and_round_trips(
        tmp_path: Path, workdir: Path, cli: Cli) -> None:
    base = BASE
    assert (bundled_dir("rubrics") / f"{BASE}.yaml").is_file()

    # 1. The team's own folder goes on the search path through the config file.
    team = tmp_path / "acme-rubrics"
    team.mkdir()
    assert cli("rubrics", "path", "add", team).code == 0
    assert load_config().rubric_paths == [str(team.resolve())]

    # 2. Scaffold a rubric extending the base, switch on two of the examples, validate.
    target = team / "acme-video.yaml"
    result = cli("rubrics", "new", "acme-video", "--extends", base, "-o", target,
                 "--version", "1.0.0", "--title", "ACME video vendors")
    assert result.code == 0, result.err
    text = _uncomment(_uncomment(target.read_text(encoding="utf-8"), "weights"), "gates")
    target.write_text(text, encoding="utf-8")
    assert cli("rubrics", "validate", target).code == 0
    listed = cli("rubrics", "list").out
    # version, parent, then what it is for (its title, as it has no description yet)
    assert re.search(rf"acme-video\s+1\.0\.0\s+{re.escape(base)}\S*\s+ACME video vendors", listed)
    assert "team (config)" in listed
    rubric = Library.discover().resolve("acme-video")
    assert rubric.based_on and rubric.based_on[0].startswith(base)
    base_rubric = Library.discover().resolve(base)
    diff = cli("rubrics", "diff", base, "acme-video")
    assert diff.code == 0 and "weight:" in diff.out

    # 3. Score two vendors with it, two raters, every question answered by one of them.
    q3 = workdir / "video-2026-q3"
    assert cli("new", q3, "--rubric", "acme-video", "--title", "Video vendors Q3",
               "--vendor", "Kling 3.0", "--vendor", "Veo 3.1").code == 0
    questions = rubric.questions()
    for index, (_, question) in enumerate(questions):
        for vendor, level in (("kling-3-0", 2 + index % 3), ("veo-3-1", 1 + index % 4)):
            rater = "Ana María" if index % 2 else "bob"
            args = _value_args(question, rubric, min(level, rubric.scale.max))
            result = cli("rate", q3, "--rater", rater, "--vendor", vendor, "--question",
                         question.id, *args, "--note", f"q3 {question.id}")
            assert result.code == 0, result.err
    answered = _count_answers(q3)
    assert answered == 2 * len(questions)
    assert cli("summary", q3).code == 0

    # 4. The team publishes 1.1.0: it drops a question that has answers and adds one.
    dropped = questions[-1][1].id
    v11 = text.replace("version: 1.0.0", "version: 1.1.0")
    v11 = v11.replace(f"extends: {base}\n", f"extends: {base}\nremove: {{questions: "
                      f"[{dropped}]}}\nadd_questions:\n  {base_rubric.sections[0].id}:\n"
                      "    - {id: acme-sso, text: Does it support our SSO?, type: yes_no}\n")
    (team / "acme-video-1.1.yaml").write_text(v11, encoding="utf-8")
    assert cli("rubrics", "validate", team / "acme-video-1.1.yaml").code == 0
    assert cli("rubrics", "which", "acme-video").out.startswith("acme-video -> acme-video@1.1.0")

    from checklist.reuse.rubric_updates import newer_rubric

    assert newer_rubric(load_folder(q3)) == "acme-video@1.1.0"
    before = {p.name: p.read_bytes() for p in q3.rglob("*.yaml")}
    dry = cli("upgrade", q3, "--dry-run")
    assert dry.code == 0, dry.err
    assert "+ acme-sso" in dry.out and f"- {dropped}" in dry.out
    assert f"all {answered} kept" in dry.out
    assert {p.name: p.read_bytes() for p in q3.rglob("*.yaml")} == before
    result = cli("upgrade", q3)
    assert result.code == 0, result.err
    upgraded = load_folder(q3)
    assert upgraded.rubric.ref == "acme-video@1.1.0"
    assert _count_answers(q3) == answered                          # not one answer lost
    assert {o.question for o in upgraded.orphans} == {dropped}
    assert "2 answer(s) kept but not scored" in cli("status", q3).out

    # 5. Next quarter: a copy re-assessed; one vendor improves, the other fails a gate.
    q4 = workdir / "video-2026-q4"
    shutil.copytree(q3, q4)
    evaluation = q4 / "evaluation.yaml"
    evaluation.write_text(evaluation.read_text(encoding="utf-8").replace(
        "title: Video vendors Q3", "title: Video vendors Q4"), encoding="utf-8")
    scored = [q for _, q in upgraded.rubric.questions() if q.type == "score"]
    card = score_workspace(upgraded)
    veo = card.vendor("veo-3-1")
    assert veo is not None
    gate = next(g for g in veo.gates if g.status == "pass" and g.question.type == "score")
    who = next(r for r, ratings in upgraded.ratings.items()
               if gate.id in ratings.answers.get("veo-3-1", {}))
    kling_rater = next(r for r, ratings in upgraded.ratings.items()
                       if scored[0].id in ratings.answers.get("kling-3-0", {}))
    assert cli("rate", q4, "--rater", kling_rater, "--vendor", "kling-3-0", "--question",
               scored[0].id, "--score", "4", "--note", "independent lab result").code == 0
    assert cli("rate", q4, "--rater", who, "--vendor", "veo-3-1", "--question", gate.id,
               "--score", "0", "--note", "withdrawn").code == 0
    compared = cli("diff", q3, q4, "--json")
    assert compared.code == 0, compared.err
    data = json.loads(compared.out)
    vendors = {v["id"]: v for v in data["vendors"]}
    assert (data["old"]["title"], data["new"]["title"]) == ("Video vendors Q3",
                                                            "Video vendors Q4")
    moved = [m["question"] for m in vendors["kling-3-0"]["answers_moved"]]
    assert scored[0].id in moved
    assert vendors["veo-3-1"]["verdict"]["new"] == "no-go"
    assert gate.id in vendors["veo-3-1"]["gates_newly_failed"]
    readable = cli("diff", q3, q4).out
    assert "gates newly failed" in readable and "answers that moved most" in readable

    # 6. A rater works in a spreadsheet: export, edit one cell, import; and a clean round trip.
    ratings = q4 / "ratings" / "ana-maria.yaml"
    original = ratings.read_bytes()
    sheet = workdir / "ana.csv"
    assert cli("export", q4, "--rater", "Ana María", "-o", sheet).code == 0
    ratings.unlink()
    assert cli("import", q4, sheet, "--rater", "Ana María").code == 0
    assert ratings.read_bytes() == original                        # byte-identical
    rows = list(csv.DictReader(io.StringIO(sheet.read_text(encoding="utf-8-sig"))))
    target_row = next(r for r in rows if r["type"] == "score" and r["value"] != "0")
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        if row is target_row:
            row = {**row, "value": "0", "note": "re-checked: no evidence"}
        writer.writerow(row)
    sheet.write_text(buffer.getvalue(), encoding="utf-8")
    result = cli("import", q4, sheet, "--rater", "Ana María")
    assert result.code == 0, result.err
    assert "0 added, 1 changed, 0 cleared" in result.out
    answer = load_folder(q4).ratings["ana-maria"].answers[target_row["vendor"]][
        target_row["question"]]
    assert answer.score == 0 and answer.note == "re-checked: no evidence"
    assert _count_answers(q4) == answered
