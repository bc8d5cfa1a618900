"""Results files of eval harnesses read as measures, checked against numpy and hand counts."""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
import pytest

from checklist.errors import ChecklistError
from checklist.reuse.harness import read_results
from checklist.reuse.measures import percentile


def test_percentile_agrees_with_numpy_on_random_samples() -> None:
    rng = random.Random(7)
    for _ in range(200):
        values = [rng.lognormvariate(0, 1) for _ in range(rng.randint(1, 60))]
        for share in (0.5, 0.95, 0.0, 1.0):
            assert percentile(values, share) == pytest.approx(
                float(np.percentile(values, share * 100)), rel=1e-9)


def test_csv_of_requests(tmp_path: Path) -> None:
    path = tmp_path / "requests.csv"
    path.write_text("id,latency_s,cost,ok\n1,1.0,0.01,true\n2,2.0,0.03,true\n"
                    "3,,0.02,false\n4,4.0,,yes\n", encoding="utf-8")
    measures = read_results(path).measures
    assert measures["measure.error-rate"][0] == pytest.approx(0.25)
    assert measures["measure.latency-p50"][0] == pytest.approx(2.0)
    assert measures["measure.latency-p95"][0] == pytest.approx(np.percentile([1, 2, 4], 95))
    assert measures["measure.cost-per-request"][0] == pytest.approx(0.02)


def test_csv_bad_cell_is_named_by_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "requests.csv"
    path.write_text('id,note,latency_s\n1,"two\nlines",1.5\n2,x,slow\n', encoding="utf-8")
    with pytest.raises(ChecklistError) as caught:
        read_results(path)
    problem = caught.value.problems[0]
    assert (problem.line, problem.column) == (4, 5)
    assert "latency_s 'slow'" in problem.message


def test_csv_without_a_measure_column_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "requests.csv"
    path.write_text("id,answer\n1,x\n", encoding="utf-8")
    with pytest.raises(ChecklistError, match="no latency_s, cost or ok column"):
        read_results(path)


def _promptfoo(tmp_path: Path) -> Path:
    rows = []
    for k in range(10):
        for provider, latency in (("openai:gpt-4o", 100 * (k + 1)), ("vendor:x", 50)):
            rows.append({"provider": {"id": provider}, "latencyMs": latency, "cost": 0.002,
                         "success": k % 2 == 0,
                         "failureReason": 2 if (provider == "vendor:x" and k == 0) else 1,
                         "error": None, "response": {"output": "ok"}})
    path = tmp_path / "results.json"
    path.write_text(json.dumps({"evalId": "e1", "results": {"version": 3, "results": rows,
                                                             "stats": {}}, "config": {}}))
    return path


def test_promptfoo_picks_one_provider_and_counts(tmp_path: Path) -> None:
    path = _promptfoo(tmp_path)
    with pytest.raises(ChecklistError, match=r"2 providers .*--provider"):
        read_results(path)
    results = read_results(path, subject="openai:gpt-4o")
    assert results.format == "promptfoo"
    latencies = [0.1 * (k + 1) for k in range(10)]
    assert results.measures["measure.latency-p95"][0] == pytest.approx(
        np.percentile(latencies, 95))
    assert results.measures["measure.pass-rate"][0] == pytest.approx(0.5)
    assert results.measures["measure.error-rate"][0] == 0
    other = read_results(path, subject="vendor:x")
    assert other.measures["measure.error-rate"][0] == pytest.approx(0.1)


def test_lm_eval_accuracy(tmp_path: Path) -> None:
    path = tmp_path / "results_2026.json"
    path.write_text(json.dumps({
        "results": {"hellaswag": {"alias": "hellaswag", "acc,none": 0.61,
                                  "acc_norm,none": 0.79}},
        "config": {"model_args": "pretrained=acme/model"}, "versions": {"hellaswag": 1}}))
    assert read_results(path).measures["measure.accuracy"][0] == pytest.approx(0.61)
    chosen = read_results(path, metric="hellaswag/acc_norm")
    assert chosen.measures["measure.accuracy"][0] == pytest.approx(0.79)
    with pytest.raises(ChecklistError, match="no metric 'hellaswag/f9'"):
        read_results(path, metric="hellaswag/f9")


def test_inspect_log(tmp_path: Path) -> None:
    path = tmp_path / "log.json"
    path.write_text(json.dumps({
        "version": 2, "status": "success", "eval": {"task": "t", "model": "acme/m1"},
        "results": {"scores": [{"name": "match", "metrics": {
            "accuracy": {"name": "accuracy", "value": 0.8}}}]},
        "samples": [{"id": k, "total_time": float(k), "error": "boom" if k == 4 else None}
                    for k in range(1, 5)]}))
    results = read_results(path)
    assert results.subject == "acme/m1"
    assert results.measures["measure.accuracy"][0] == pytest.approx(0.8)
    assert results.measures["measure.error-rate"][0] == pytest.approx(0.25)
    assert results.measures["measure.latency-p50"][0] == pytest.approx(2.0)


@pytest.mark.parametrize("text, where", [
    ('{"results": [1, 2,,]}', (1, 19)),
    ("[" * 100_000 + "]" * 100_000, None),
])
def test_broken_or_hostile_json_is_refused_cleanly(tmp_path: Path, text: str,
                                                   where: tuple[int, int] | None) -> None:
    path = tmp_path / "results.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ChecklistError) as caught:
        read_results(path, "promptfoo")
    if where is not None:
        problem = caught.value.problems[0]
        assert (problem.line, problem.column) == where


@pytest.mark.parametrize("fmt", ["promptfoo", "lm-eval", "inspect"])
@pytest.mark.parametrize("doc", [[], 5, {"results": 5}, {"results": {"results": 3}},
                                 {"eval": [], "results": []}, {"results": {"t": [1]}}])
def test_json_of_the_wrong_shape_is_refused_cleanly(tmp_path: Path, fmt: str,
                                                    doc: object) -> None:
    path = tmp_path / "results.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(ChecklistError):
        read_results(path, fmt)
