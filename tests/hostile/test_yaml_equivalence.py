"""The positioned loader builds exactly what PyYAML's safe loader builds, for any data
checklist writes: its speed-ups (no memo for scalars, ISO timestamps parsed directly) must
never change a value."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from checklist.files.yamlio import dump_yaml, parse_yaml

timestamps = st.datetimes(
    min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2100, 1, 1),
    # whole-minute offsets: PyYAML cannot read back its own dump of a seconds offset
    timezones=st.one_of(st.none(), st.just(dt.UTC), st.integers(-14 * 60, 14 * 60).map(
        lambda minutes: dt.timezone(dt.timedelta(minutes=minutes)))),
)
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.text(max_size=30),
    st.floats(allow_nan=False, allow_infinity=False), st.dates(), timestamps,
    st.sampled_from(["010", "0x1F", "1_000", "yes", "no", "on", "~", "null", "2026-13-45",
                     "12:30:00", "1e3", ".5", "-.inf", "<<", "=", "2026-11-21 09:30:00+01:00"]),
)
keys = st.one_of(st.text(max_size=12), st.integers(-5, 5))
documents = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=5), st.dictionaries(keys, inner, max_size=5)), max_leaves=30)


@pytest.mark.slow
@settings(max_examples=300, derandomize=True, deadline=None)
@given(data=st.dictionaries(st.text(min_size=1, max_size=12), documents, max_size=6))
def test_same_values_as_pyyaml(data: dict) -> None:
    for text in (dump_yaml(data), yaml.safe_dump(data, default_flow_style=True),
                 yaml.safe_dump(data, default_flow_style=False, allow_unicode=True)):
        expected = yaml.load(text, Loader=yaml.CSafeLoader)
        got = parse_yaml(text, "doc.yaml").data
        assert got == expected
        assert _types(got) == _types(expected)


def _types(value: object) -> object:
    """The value's shape with every leaf's type and UTC offset: == alone treats 1 == 1.0 ==
    True and compares aware datetimes by instant."""
    if isinstance(value, dict):
        return {repr(k): _types(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_types(v) for v in value]
    offset = value.utcoffset() if isinstance(value, dt.datetime) else None
    return (type(value).__name__, offset)
