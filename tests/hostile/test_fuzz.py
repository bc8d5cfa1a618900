"""Fuzz: mutate valid files and check the one promise, whatever the mutation.

A mutated file either loads, or the command exits 2 with `file:line:column` problems inside
the evaluation folder, never an internal error (exit 1), a traceback or a crash; a command
that refuses a file leaves it byte for byte as it was. The mutations are what people and
tools actually do to YAML: byte flips, lost or doubled lines, shifted indentation, cut-off
saves, renamed keys and stray YAML syntax. Runs in-process for speed (the same `main` the
command runs), plus a few seeded cases through a real subprocess.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checklist.errors import ChecklistError
from hostile.cases import VALID_CONFIG
from hostile.util import POSITIONED, TINY_RUBRIC, Run, make_evaluation, run_cli, run_main

#: Seeded fuzzing through the real loader and command: slow (`pytest -m slow`).
pytestmark = pytest.mark.slow

#: YAML-significant fragments a mutation may splice in.
TOKENS: list[bytes] = [
    b":", b": ", b"- ", b"  ", b"\t", b"{", b"}", b"[", b"]", b",", b"&a ", b"*a", b"*nope",
    b"&b [*b]", b"!!python/object/apply:os.system ", b"!!binary ", b"!!str ", b"!!int ",
    b"!!bool ", b"!!timestamp ", b"!custom ", b'"', b"'", b"\\", b"\xff", b"\xc3", b"\x00",
    b"\r", b"\r\n", b"\n", b"#", b"<<: ", b"<<: *a", b"? ", b"|", b">-", b"%YAML 1.1\n", b"@",
    b"`", b"~", b".nan", b"-.inf", b"9" * 40, b"-1", b"1e400", b"yes", b"no", b"null", b"",
    b"2026-13-45", b"2026-11-21 25:00:00", b"\xef\xbb\xbf", b"---\n", b"...\n", b"\x1b[31m",
    "\u202e".encode(), b"x" * 300, b"[" * 70, b"- " * 70,
]

#: Key names a rename may use: real keys of every file kind, near-typos and nonsense.
KEYS: list[str] = [
    "id", "title", "version", "scale", "min", "max", "labels", "sections", "questions",
    "weight", "axis", "type", "choices", "thresholds", "better", "unit", "gate", "when",
    "reason", "anchors", "allow_na", "context", "default", "policy", "extends", "rater",
    "answers", "score", "answer", "choice", "value", "na", "note", "evidence", "url", "grade",
    "retrieved", "confidence", "at", "rubric", "sha256", "vendors", "name", "claims", "status",
    "date", "owner", "recent", "rubric_paths", "wieght", "scroe", "tilte", "<<", "acme",
    "who-ran", "x y", "0", "true", "",
]

KEY_LINE = re.compile(rb"^(\s*(?:-\s+)?)([A-Za-z0-9_<-][\w<-]*)(\s*:)", re.MULTILINE)

Mutation = Callable[[bytes], bytes]


def _at(data: bytes, fraction: float) -> int:
    return min(len(data), int(fraction * (len(data) + 1)))


def _line_op(data: bytes, fraction: float, change: Callable[[list[bytes], int], None]) -> bytes:
    lines = data.splitlines(keepends=True)
    if not lines:
        return data
    change(lines, min(len(lines) - 1, int(fraction * len(lines))))
    return b"".join(lines)


def _flip(fraction: float, byte: int) -> Mutation:
    def apply(data: bytes) -> bytes:
        if not data:
            return bytes([byte])
        i = min(len(data) - 1, _at(data, fraction))
        return data[:i] + bytes([byte]) + data[i + 1:]

    return apply


def _insert(fraction: float, token: bytes) -> Mutation:
    return lambda data: data[: _at(data, fraction)] + token + data[_at(data, fraction):]


def _delete_line(fraction: float) -> Mutation:
    return lambda data: _line_op(data, fraction, lambda lines, i: lines.pop(i))


def _duplicate_line(fraction: float) -> Mutation:
    return lambda data: _line_op(data, fraction, lambda lines, i: lines.insert(i, lines[i]))


def _swap_lines(first: float, second: float) -> Mutation:
    def change(lines: list[bytes], i: int) -> None:
        j = min(len(lines) - 1, int(second * len(lines)))
        lines[i], lines[j] = lines[j], lines[i]

    return lambda data: _line_op(data, first, change)


def _indent(fraction: float, delta: int) -> Mutation:
    def change(lines: list[bytes], i: int) -> None:
        line = lines[i]
        if delta > 0:
            lines[i] = b" " * delta + line
        else:
            strip = min(-delta, len(line) - len(line.lstrip(b" ")))
            lines[i] = line[strip:]

    return lambda data: _line_op(data, fraction, change)


def _truncate(fraction: float) -> Mutation:
    return lambda data: data[: _at(data, fraction)]


def _rename_key(fraction: float, name: str) -> Mutation:
    def apply(data: bytes) -> bytes:
        keys = list(KEY_LINE.finditer(data))
        if not keys:
            return data
        match = keys[min(len(keys) - 1, int(fraction * len(keys)))]
        return data[: match.start(2)] + name.encode() + data[match.end(2):]

    return apply


fractions = st.floats(min_value=0, max_value=1, allow_nan=False)
mutation = st.one_of(
    st.builds(_flip, fractions, st.integers(0, 255)),
    st.builds(_insert, fractions, st.sampled_from(TOKENS)),
    st.builds(_delete_line, fractions),
    st.builds(_duplicate_line, fractions),
    st.builds(_swap_lines, fractions, fractions),
    st.builds(_indent, fractions, st.integers(-4, 4)),
    st.builds(_truncate, fractions),
    st.builds(_rename_key, fractions, st.sampled_from(KEYS)),
)
mutations = st.lists(mutation, min_size=1, max_size=4)

#: 150 examples per file kind in CI; CHECKLIST_FUZZ_EXAMPLES=2000 for a longer local hunt.
FUZZ = settings(max_examples=int(os.environ.get("CHECKLIST_FUZZ_EXAMPLES", "150")),
                deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def mutate(valid: bytes, ops: list[Mutation]) -> bytes:
    data = valid
    for op in ops:
        data = op(data)
    return data


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_evaluation(tmp_path_factory.mktemp("fuzz"))


def check_outcome(run: Run, folder: Path) -> None:
    """Exit 0, or exit 2 with every line a positioned problem in a file of the folder."""
    assert run.code in (0, 2), f"exit {run.code}:\n{run.output[:3000]}"
    assert "Traceback" not in run.output and "internal error" not in run.output, run.output
    if run.code == 0:
        return
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    assert lines, "exit 2 without a message"
    for line in lines:
        if line.startswith("checklist: "):  # about the command line (an unknown vendor)
            continue
        match = POSITIONED.match(line)
        assert match, f"not file:line:column: {line!r}"
        assert Path(match["file"]).resolve().is_relative_to(folder.resolve()), line
        assert int(match["line"]) >= 1 and int(match["column"]) >= 1, line


def _fuzz_folder(pristine: Path, relative: str, ops: list[Mutation]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "ev"
        shutil.copytree(pristine, folder)
        target = folder / relative
        data = mutate(target.read_bytes(), ops)
        target.write_bytes(data)
        summary = run_main("summary", folder)
        check_outcome(summary, folder)
        if summary.code == 0:
            as_json = run_main("summary", folder, "--json")
            check_outcome(as_json, folder)
            json.loads(as_json.stdout, parse_constant=_no_constants)
        rated = run_main("rate", folder, "--rater", "ana", "--vendor", "gamma", "--question",
                         "who-ran", "--score", "2")
        check_outcome(rated, folder)
        if rated.code != 0:
            assert target.read_bytes() == data, "a refused file was changed"
        elif relative.startswith("ratings/"):
            assert b"gamma" in target.read_bytes()


def _no_constants(name: str) -> None:
    raise AssertionError(f"summary --json printed {name}, which is not JSON")


@FUZZ
@given(ops=mutations)
def test_fuzz_ratings(pristine: Path, ops: list[Mutation]) -> None:
    _fuzz_folder(pristine, "ratings/ana.yaml", ops)


@FUZZ
@given(ops=mutations)
def test_fuzz_evaluation(pristine: Path, ops: list[Mutation]) -> None:
    _fuzz_folder(pristine, "evaluation.yaml", ops)


@FUZZ
@given(ops=mutations)
def test_fuzz_lock(pristine: Path, ops: list[Mutation]) -> None:
    _fuzz_folder(pristine, "rubric.lock.yaml", ops)


@FUZZ
@given(ops=mutations)
def test_fuzz_rubric(ops: list[Mutation]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "team.yaml"
        target.write_bytes(mutate(TINY_RUBRIC.read_bytes(), ops))
        check_outcome(run_main("rubrics", "validate", target), Path(tmp))


@FUZZ
@given(ops=mutations)
def test_fuzz_config(ops: list[Mutation]) -> None:
    """The config file is read in-process by load_config: a ChecklistError or a config."""
    from checklist.files.config import config_file, load_config

    path = config_file()
    os.makedirs(path.parent, exist_ok=True)
    path.write_bytes(mutate(VALID_CONFIG, ops))
    try:
        load_config()
    except ChecklistError as exc:
        for problem in exc.problems:
            assert Path(problem.file) == path and problem.line >= 1, str(problem)


@pytest.mark.parametrize("seed", range(6))
def test_fuzz_through_the_real_command(seed: int, pristine: Path, tmp_path: Path) -> None:
    """A few seeded mutations through `python -m checklist`, as a user would hit them."""
    rng = random.Random(seed)
    folder = tmp_path / "ev"
    shutil.copytree(pristine, folder)
    target = folder / rng.choice(["ratings/ana.yaml", "evaluation.yaml", "rubric.lock.yaml"])
    ops: list[Mutation] = [
        _insert(rng.random(), rng.choice(TOKENS)),
        _indent(rng.random(), rng.randint(-3, 3)),
        _flip(rng.random(), rng.randrange(256)),
    ]
    data = mutate(target.read_bytes(), ops)
    target.write_bytes(data)
    result = run_cli("summary", folder)
    check_outcome(result, folder)
    rated = run_cli("rate", folder, "--rater", "ana", "--vendor", "acme", "--question", "tasks",
                    "--score", "1")
    check_outcome(rated, folder)
    if rated.code != 0:
        assert target.read_bytes() == data
