"""Pydantic models of the files a team writes: validation only, no I/O, no UI."""

from checklist.model.common import GRADES, Model, slugify
from checklist.model.evaluation import Claim, Evaluation, RubricPin, Vendor
from checklist.model.ratings import Answer, Evidence, Ratings
from checklist.model.rubric import (
    Choice,
    ContextFlag,
    Gate,
    Policy,
    Question,
    Rubric,
    RubricFile,
    Scale,
    Section,
)

__all__ = [
    "GRADES",
    "Answer",
    "Choice",
    "Claim",
    "ContextFlag",
    "Evaluation",
    "Evidence",
    "Gate",
    "Model",
    "Policy",
    "Question",
    "Ratings",
    "Rubric",
    "RubricFile",
    "RubricPin",
    "Scale",
    "Section",
    "Vendor",
    "slugify",
]
