"""Helpers for the lifecycle tests (a plain module: `from conftest import` would pick
whichever conftest.py was imported first)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"

#: The tiny rubric's questions, with rules: `status` 30 days, the `ready` section 60, vendor
#: claims 90, anything else 180.
FRESHNESS = """\
policy:
  freshness:
    default: 180
    grades: {vendor-claim: 90}
    sections: {ready: 60}
    questions: {status: 30}
"""


def fresh_rubric_text() -> str:
    text = (DATA / "tiny.yaml").read_text(encoding="utf-8")
    return text.replace("context:\n", FRESHNESS + "context:\n", 1)


@dataclass
class Result:
    code: int
    out: str
    err: str


Cli = Callable[..., Result]
