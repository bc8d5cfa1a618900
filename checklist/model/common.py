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

#: Ids appear in file names, YAML keys and the command line, so they are lower-case slugs.
Slug = Annotated[str, StringConstraints(pattern=ID_PATTERN)]

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
CONFIDENCES: tuple[str, ...] = ("low", "medium", "high")


class Model(BaseModel):
    """Strict about keys and about NaN/infinity (a `.nan` score would poison every mean);
    otherwise pydantic's lax types stay on."""

    model_config = ConfigDict(extra="forbid", validate_assignment=False, allow_inf_nan=False)


def slugify(text: str) -> str:
    """A readable id from a name: 'Kling 3.0 (Kuaishou)' -> 'kling-3-0-kuaishou'."""
    normal = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", normal.lower()).strip("-")
    return slug[:64].rstrip("-")
