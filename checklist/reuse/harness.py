"""Results files of eval harnesses, read as the requests and scores a proposal needs.

Formats (`--format`, or recognised from the file):

- `promptfoo`: `promptfoo eval --output results.json`; per result `provider.id`,
  `latencyMs`, `cost`, `success`, `error`/`failureReason` (2 = an error, not a failed
  assertion). Gives latency, cost, error rate and pass rate.
- `lm-eval`: lm-evaluation-harness `results_*.json`; `results[task]["acc,none"]` ...
  Gives accuracy (the first of acc, acc_norm, exact_match, f1 in the first task, or
  `--metric TASK/NAME`).
- `inspect`: an inspect_ai log written as JSON (`--log-format json`); `eval.model`,
  `results.scores[].metrics`, per sample `total_time` and `error`. Gives accuracy, latency
  and error rate.
- `csv`: one row per request with any of `latency_s`, `cost`, `ok` (other columns ignored).

Every file is untrusted: read within the size limit, parsed with the standard library, and
each problem named by file:line:column or by the key that is wrong.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checklist.errors import ChecklistError, Problem, quoted
from checklist.files.csvcells import cell_starts
from checklist.files.yaml_read import read_bytes
from checklist.reuse.measures import Request, request_measures

FORMATS = ("promptfoo", "lm-eval", "inspect", "csv")
#: Rows of a per-request CSV (a results file of 16 MiB has fewer).
MAX_ROWS = 1_000_000
_LM_EVAL_METRICS = ("acc", "acc_norm", "exact_match", "f1")


@dataclass(frozen=True)
class Results:
    """What one results file says about one model: named measures, each with how."""

    format: str
    subject: str
    measures: dict[str, tuple[float, str]] = field(default_factory=dict)


def read_results(path: Path, fmt: str = "auto", *, subject: str | None = None,
                 metric: str | None = None) -> Results:
    """Reads `path`; `subject` picks the provider or model when the file has several."""
    data = read_bytes(path, what="results file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ChecklistError.at(path, f"is not UTF-8 text (byte {exc.start}); export the "
                                "results as JSON or CSV") from None
    if fmt == "auto":
        fmt = "csv" if path.suffix.lower() in (".csv", ".tsv") else _json_format(path, text)
    if fmt == "csv":
        return Results("csv", subject or "", request_measures(_csv_requests(path, text)))
    doc = _json(path, text)
    readers: dict[str, Callable[[Path, Any, str | None, str | None], Results]] = {
        "promptfoo": _promptfoo, "lm-eval": _lm_eval, "inspect": _inspect}
    return readers[fmt](path, doc, subject, metric)


def _json(path: Path, text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ChecklistError([Problem(str(path), exc.lineno, exc.colno,
                                      f"not valid JSON: {exc.msg}")]) from None
    except RecursionError:
        raise ChecklistError.at(path, "JSON nested too deeply to read") from None


def _json_format(path: Path, text: str) -> str:
    doc = _json(path, text)
    if isinstance(doc, dict):
        inner = doc.get("results")
        if isinstance(inner, dict) and isinstance(inner.get("results"), list):
            return "promptfoo"
        if isinstance(doc.get("eval"), dict) and "status" in doc:
            return "inspect"
        if isinstance(inner, dict) and ("config" in doc or "versions" in doc):
            return "lm-eval"
    raise ChecklistError.at(path, "not a results file checklist knows (promptfoo, lm-eval, "
                            "inspect JSON or a CSV of requests); name it with --format")


def _pick(path: Path, found: list[str], subject: str | None, kind: str) -> str:
    names = sorted(set(found))
    if subject is not None:
        if subject not in names:
            raise ChecklistError.at(path, f"no {kind} {quoted(subject)} in the file; it has "
                                    f"{', '.join(names) or 'none'}")
        return subject
    if len(names) > 1:
        raise ChecklistError.at(path, f"results for {len(names)} {kind}s ({', '.join(names)}); "
                                f"pick one with --{kind} NAME")
    return names[0] if names else ""


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) else None


def _not_format(path: Path, fmt: str) -> ChecklistError:
    return ChecklistError.at(path, f"not {fmt} results (the keys it needs are missing); check "
                             "the file, or name its format with --format")


def _promptfoo(path: Path, doc: Any, subject: str | None, _metric: str | None) -> Results:
    inner = doc.get("results") if isinstance(doc, dict) else None
    rows = inner.get("results") if isinstance(inner, dict) else None
    if not isinstance(rows, list):
        raise _not_format(path, "promptfoo")
    def provider(row: Any) -> str:
        given = row.get("provider") if isinstance(row, dict) else None
        if isinstance(given, dict):
            return str(given.get("label") or given.get("id") or "")
        return str(given or "")
    chosen = _pick(path, [provider(r) for r in rows if isinstance(r, dict)], subject,
                   "provider")
    mine = [r for r in rows if isinstance(r, dict) and provider(r) == chosen]
    if not mine:
        raise ChecklistError.at(path, "no test results in the file")
    requests = []
    passed = 0
    for row in mine:
        failed = row.get("failureReason") == 2 or (bool(row.get("error"))
                                                   and not row.get("response"))
        latency = _number(row.get("latencyMs"))
        requests.append(Request(latency / 1000 if latency is not None else None,
                                _number(row.get("cost")), not failed))
        passed += row.get("success") is True
    measures = request_measures(requests)
    measures["measure.pass-rate"] = (passed / len(mine), f"{passed} of {len(mine)} test "
                                     "cases passed their assertions")
    return Results("promptfoo", chosen, measures)


def _lm_eval(path: Path, doc: Any, _subject: str | None, metric: str | None) -> Results:
    if not isinstance(doc, dict):
        raise _not_format(path, "lm-evaluation-harness")
    results = doc.get("results")
    if not isinstance(results, dict) or not results:
        raise ChecklistError.at(path, "no `results` by task in the file")
    config = doc.get("config")
    model = doc.get("model_name") or (config.get("model_args") if isinstance(config, dict)
                                      else "") or ""
    if metric is not None:
        task, _, name = metric.partition("/")
        scores = results.get(task)
        value = _lm_eval_metric(scores, name) if isinstance(scores, dict) and name else None
        if value is None:
            raise ChecklistError.at(path, f"no metric {quoted(metric)}; give TASK/NAME, e.g. "
                                    f"{next(iter(results))}/acc")
        return Results("lm-eval", str(model), {"measure.accuracy": (
            value, f"lm-evaluation-harness {metric}")})
    for task, scores in results.items():
        for name in _LM_EVAL_METRICS:
            value = _lm_eval_metric(scores, name) if isinstance(scores, dict) else None
            if value is not None:
                return Results("lm-eval", str(model), {"measure.accuracy": (
                    value, f"lm-evaluation-harness {task}/{name}")})
    raise ChecklistError.at(path, f"no {', '.join(_LM_EVAL_METRICS)} metric in any task; "
                            "name one with --metric TASK/NAME")


def _lm_eval_metric(scores: dict[str, Any], name: str) -> float | None:
    for key in (f"{name},none", name):
        value = _number(scores.get(key))
        if value is not None:
            return value
    return None


def _inspect(path: Path, doc: Any, subject: str | None, metric: str | None) -> Results:
    header = doc.get("eval") if isinstance(doc, dict) else None
    if not isinstance(header, dict):
        raise _not_format(path, "inspect_ai")
    model = str(header.get("model") or "")
    if subject is not None and subject != model:
        raise ChecklistError.at(path, f"the log is of model {quoted(model)}, not "
                                f"{quoted(subject)}")
    measures: dict[str, tuple[float, str]] = {}
    summary = doc.get("results")
    scores = summary.get("scores") if isinstance(summary, dict) else None
    for score in scores if isinstance(scores, list) else []:
        metrics = score.get("metrics") if isinstance(score, dict) else None
        if not isinstance(metrics, dict):
            continue
        name = metric or ("accuracy" if "accuracy" in metrics else None)
        entry = metrics.get(name) if name else None
        value = _number(entry.get("value")) if isinstance(entry, dict) else None
        if value is not None:
            measures["measure.accuracy"] = (value, f"inspect_ai {score.get('name', '')} "
                                            f"{name}".replace("  ", " "))
            break
    samples = doc.get("samples") or []
    if isinstance(samples, list) and samples:
        requests = [Request(_number(s.get("total_time")), None, not s.get("error"))
                    for s in samples if isinstance(s, dict)]
        measures.update(request_measures(requests))
    if not measures:
        raise ChecklistError.at(path, "no scores and no samples in the log; write it with "
                                "samples (`--log-format json`)")
    return Results("inspect", model, measures)


def _csv_requests(path: Path, text: str) -> list[Request]:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise ChecklistError.at(path, "empty; a CSV of requests has a header row with "
                                "latency_s, cost and/or ok") from None
    names = [h.strip().lower() for h in header]
    wanted = {n: names.index(n) for n in ("latency_s", "cost", "ok") if n in names}
    if not wanted:
        raise ChecklistError.at(path, "no latency_s, cost or ok column in the header row", 1, 1)
    requests: list[Request] = []
    problems: list[Problem] = []
    lines = text.splitlines()
    previous = reader.line_num
    for row in reader:
        first, previous = previous + 1, reader.line_num
        if len(requests) >= MAX_ROWS:
            raise ChecklistError.at(path, f"over {MAX_ROWS:,} rows; split the file")
        if not any(cell.strip() for cell in row):
            continue
        values: dict[str, float | bool | None] = {}
        for name, index in wanted.items():
            cell = row[index].strip() if index < len(row) else ""
            if not cell:
                values[name] = None
                continue
            if name == "ok":
                flag = {"true": True, "yes": True, "1": True, "false": False, "no": False,
                        "0": False}.get(cell.lower())
                if flag is None:
                    problems.append(_cell(path, lines, first, previous, index,
                                          f"ok {quoted(cell)}: write true or false"))
                values[name] = flag
                continue
            try:
                value = float(cell)
            except ValueError:
                value = math.nan
            if not math.isfinite(value) or value < 0:
                problems.append(_cell(path, lines, first, previous, index,
                                      f"{name} {quoted(cell)}: write a number 0 or more"))
            values[name] = value
        if len(problems) >= 100:
            break
        ok = values.get("ok")
        requests.append(Request(_as_float(values.get("latency_s")),
                                _as_float(values.get("cost")), ok is not False))
    if problems:
        raise ChecklistError(problems)
    if not requests:
        raise ChecklistError.at(path, "no rows under the header")
    return requests


def _as_float(value: float | bool | None) -> float | None:
    return None if value is None or isinstance(value, bool) else value


def _cell(path: Path, lines: list[str], first: int, last: int, index: int,
          message: str) -> Problem:
    """file:line:column of cell `index` in the record on lines `first`..`last` (1-based)."""
    record = "\n".join(lines[first - 1:last])
    starts = cell_starts(record, ",")
    line_offset, column, _ = starts[index] if index < len(starts) else (0, 1, 0)
    return Problem(str(path), first + line_offset, column, message)
