"""Shared building blocks for the file models.

Every model forbids unknown keys: a typo in a hand-written rubric ("wieght") must be an error
that points at the key, not a silently ignored field.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, StringConstraints

ID_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,63}$"

# Limits on what the files of an evaluation may hold (README, "Robustness" lists them).
# Generous for real use; they exist so that a file cannot make the memo, and its PDF above
# all, arbitrarily slow and large (the memo's time grows with what it shows).
#: A name, a person, a short label: a vendor's product, a claim's task, metric or runner.
NAME_CHARS = 200
#: A claim's statement: a sentence or a short paragraph.
STATEMENT_CHARS = 2_000
#: A website or a claim's source (typst refuses links over 8,000 characters).
URL_CHARS = 2_000
#: Vendors in one evaluation.
MAX_VENDORS = 500
#: Benchmark claims per vendor.
MAX_CLAIMS = 100
#: Decision makers of one evaluation.
MAX_DECISION_MAKERS = 100
#: Context flag values in one evaluation.
MAX_CONTEXT_FLAGS = 500
#: Evidence items on one answer.
MAX_EVIDENCE = 100

#: Ids appear in file names, YAML keys and the command line, so they are lower-case slugs.
Slug = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
Name = Annotated[str, StringConstraints(max_length=NAME_CHARS)]
Url = Annotated[str, StringConstraints(max_length=URL_CHARS)]

Axis = Literal["claims", "readiness"]
Grade = Literal[
    "vendor-claim",
    "vendor-sampled",
    "third-party",
    "independent-lab",
    "peer-reviewed",
    "own-test",
]
#: Weakest to strongest: how much a piece of evidence can be trusted, by who produced it.
GRADES: tuple[str, ...] = (
    "vendor-claim",
    "vendor-sampled",
    "third-party",
    "independent-lab",
    "peer-reviewed",
    "own-test",
)
GRADE_LABELS: dict[str, str] = {
    "vendor-claim": "vendor claim",
    "vendor-sampled": "vendor-sampled, third-party scored",
    "third-party": "third party",
    "independent-lab": "independent lab",
    "peer-reviewed": "peer-reviewed",
    "own-test": "our own test",
}
Confidence = Literal["low", "medium", "high"]
CONFIDENCES: tuple[Confidence, ...] = ("low", "medium", "high")


class Model(BaseModel):
    """Strict about keys and about NaN/infinity (a `.nan` score would poison every mean);
    otherwise pydantic's lax types stay on."""

    model_config = ConfigDict(extra="forbid", validate_assignment=False, allow_inf_nan=False)


def slugify(text: str) -> str:
    """A readable id from a name: 'Kling 3.0 (Kuaishou)' -> 'kling-3-0-kuaishou'."""
    normal = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", normal.lower()).strip("-")
    return slug[:64].rstrip("-")
