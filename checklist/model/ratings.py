"""One rater's answers, one file per rater so two people scoring at once never conflict."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import Field, StrictBool, StrictInt, StrictStr, field_validator, model_validator

from checklist.model.common import MAX_EVIDENCE, NAME_CHARS, Confidence, Grade, Model
from checklist.model.rubric import Text

#: The keys that carry an answer's value; at most one may be set.
VALUE_KEYS: tuple[str, ...] = ("score", "answer", "choice", "value", "na")


class Evidence(Model):
    """Where a rater saw it, when, and how far to trust it."""

    url: str = Field(min_length=1, max_length=4000)
    retrieved: dt.date | None = None
    grade: Grade = "vendor-claim"
    note: Text = ""


class Answer(Model):
    """A rater's answer to one question for one vendor.

    An answer may carry only a note or evidence (a rater's draft): it then counts as open.
    """

    # Strict types: `score: true` or `answer: 1` is a mistake to point at, not to coerce.
    score: StrictInt | None = None
    answer: StrictBool | None = None
    choice: StrictStr | None = Field(default=None, max_length=NAME_CHARS)
    value: float | None = None
    na: bool = False
    note: Text = ""
    evidence: list[Evidence] = Field(default_factory=list, max_length=MAX_EVIDENCE)
    confidence: Confidence | None = None
    at: dt.datetime | None = None

    @field_validator("value", mode="before")
    @classmethod
    def _not_a_boolean(cls, value: Any) -> Any:
        if isinstance(value, bool):
            raise ValueError("expected a number, found yes/no")
        return value

    @model_validator(mode="after")
    def _one_value(self) -> Answer:
        given = [k for k in VALUE_KEYS if self._is_set(k)]
        if len(given) > 1:
            raise ValueError(f"give only one of {', '.join(given)}")
        return self

    def _is_set(self, key: str) -> bool:
        value: Any = getattr(self, key)
        return bool(value) if key == "na" else value is not None

    @property
    def is_answered(self) -> bool:
        return any(self._is_set(k) for k in VALUE_KEYS)

    def display(self) -> str:
        """The value as a person would say it ("3", "yes", "N/A", "12.5")."""
        if self.na:
            return "N/A"
        if self.score is not None:
            return str(self.score)
        if self.answer is not None:
            return "yes" if self.answer else "no"
        if self.choice is not None:
            return self.choice
        if self.value is not None:
            return f"{self.value:g}"
        return "—"


class Ratings(Model):
    """`answers[vendor_id][question_id]`. Unknown vendors and questions are kept, never dropped."""

    rater: str = Field(min_length=1, max_length=NAME_CHARS)
    answers: dict[str, dict[str, Answer]] = Field(default_factory=dict)

    def get(self, vendor: str, question: str) -> Answer | None:
        return self.answers.get(vendor, {}).get(question)

    def put(self, vendor: str, question: str, answer: Answer | None) -> None:
        """Sets one answer, or removes it with None (a vendor left with none is dropped, so a
        cleared answer leaves no empty mapping behind in the file)."""
        by_question = self.answers.setdefault(vendor, {})
        if answer is None:
            by_question.pop(question, None)
            if not by_question:
                self.answers.pop(vendor, None)
        else:
            by_question[question] = answer
