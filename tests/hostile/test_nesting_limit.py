"""checklist's nesting limit fires first and in its own words, whatever PyYAML and libyaml are
installed: libyaml 0.2.6 (PyYAML 6.0.4) has a limit of its own that fires before level 64 is
ever reported when the scanner reads ahead, and 0.2.5 had none at all."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from checklist.errors import ChecklistError
from checklist.files import yaml_read
from checklist.files.yamlio import MAX_DEPTH, nesting_bound, parse_yaml


def flow(depth: int) -> str:
    return "key: " + "[" * depth + "]" * depth + "\n"


def block(depth: int) -> str:
    return "".join(" " * level + f"k{level}:\n" for level in range(depth)) + " " * depth + "x\n"


def compact(depth: int) -> str:
    return "key:\n  " + "- " * depth + "x\n"


DOCUMENTS = {"flow": flow, "block": block, "compact": compact}


def refusal(text: str) -> str:
    with pytest.raises(ChecklistError) as caught:
        parse_yaml(text, "deep.yaml")
    problem = caught.value.problems[0]
    assert problem.file == "deep.yaml"
    assert problem.line >= 1 and problem.column >= 1
    return problem.message


@pytest.mark.parametrize("style", DOCUMENTS)
@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 999, 1001, 2_000])
def test_installed_yaml_gets_our_message(style: str, depth: int) -> None:
    """Against the PyYAML and libyaml actually installed: ours, never the library's."""
    assert f"nested more than {MAX_DEPTH} levels" in refusal(DOCUMENTS[style](depth))


@pytest.mark.parametrize("style", DOCUMENTS)
def test_limit_is_exact(style: str) -> None:
    """A document at the limit loads; one level more does not."""
    assert parse_yaml(DOCUMENTS[style](MAX_DEPTH - 1), "ok.yaml").data is not None
    refusal(DOCUMENTS[style](MAX_DEPTH + 1))


@contextlib.contextmanager
def libyaml_limit(levels: int) -> Iterator[None]:
    """Lowers libyaml's own limit (PyYAML >= 6.0.4 exposes it) to stand in for any library
    whose limit would fire before ours."""
    from yaml import _yaml  # type: ignore[attr-defined]

    if not hasattr(_yaml, "_set_max_nest_level"):
        pytest.skip("this libyaml has no nesting limit of its own")
    before = _yaml._get_max_nest_level()
    _yaml._set_max_nest_level(levels)
    try:
        yield
    finally:
        _yaml._set_max_nest_level(before)


@pytest.mark.parametrize("style", DOCUMENTS)
def test_a_library_limit_just_above_ours_never_speaks(style: str) -> None:
    with libyaml_limit(MAX_DEPTH + 2):
        assert f"nested more than {MAX_DEPTH}" in refusal(DOCUMENTS[style](5_000))


def test_any_libyaml_error_is_decided_by_the_pure_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    """If the fast walk fails for any reason, the answer comes from the pure-Python parser:
    our message for a deep file, the syntax error for a broken one."""

    real_parse = yaml.parse

    def failing(text: str, Loader: type = yaml.SafeLoader) -> Iterator[yaml.Event]:
        if Loader is not yaml.SafeLoader:
            raise yaml.MarkedYAMLError(problem="some library limit")
        return real_parse(text, Loader=Loader)

    monkeypatch.setattr(yaml, "parse", failing)
    assert f"nested more than {MAX_DEPTH}" in refusal(flow(200))
    shallow_but_broken = "".join(f"k{n}: [1, 2]\n" for n in range(70)) + "bad: [1, 2\n"
    assert "YAML syntax error" in refusal(shallow_but_broken)


@settings(max_examples=300, derandomize=True, deadline=None)
@given(data=st.recursive(st.integers() | st.text(max_size=4), lambda inner: st.one_of(
    st.lists(inner, min_size=1, max_size=3),
    st.dictionaries(st.text(min_size=1, max_size=3), inner, min_size=1, max_size=3)),
    max_leaves=40), flow_style=st.sampled_from([None, True, False]))
def test_bound_is_never_below_the_true_depth(data: object, flow_style: bool | None) -> None:
    """The cheap bound decides which files are walked, so it must never under-count."""
    text = yaml.safe_dump(data, default_flow_style=flow_style, indent=2)
    depth = deepest = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            deepest = max(deepest, depth)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    assert nesting_bound(text) >= deepest


def test_ordinary_files_skip_the_walk(monkeypatch: pytest.MonkeyPatch) -> None:
    """The exact walk is for suspicious files only: a normal block-style file never pays."""
    walked: list[str] = []
    monkeypatch.setattr(yaml_read, "_walk_depth", lambda *args: walked.append("walked"))
    parse_yaml("a:\n  b:\n    - c: 1\n      d: [1, 2]\n", "ok.yaml")
    assert walked == []
    parse_yaml(block(40), "deep-enough.yaml")
    assert walked == ["walked"]
