"""One rater's answers, one file per rater so two people scoring at once never conflict."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Sequence
from typing import Any

from pydantic import Field, StrictBool, StrictInt, StrictStr, field_validator, model_validator

from checklist.model.answer_edit import Value
from checklist.model.common import MAX_EVIDENCE, NAME_CHARS, Confidence, Grade, Model
from checklist.model.rubric import Text

#: The keys that carry an answer's value; at most one may be set.
VALUE_KEYS: tuple[str, ...] = ("score", "answer", "choice", "value", "na")


class Keep(enum.Enum):
    """`Answer.merged`'s default: leave this part of the answer as it is."""

    KEEP = "keep"


KEEP = Keep.KEEP


class Evidence(Model):
    """Where a rater saw it, when, and how far to trust it."""

    url: str = Field(min_length=1, max_length=4000)
    retrieved: dt.date | None = None
    grade: Grade = "vendor-claim"
    note: Text = ""
    #: The file's sha256 when the tool read it (a proposal's results file, the votes).
    sha256: str | None = Field(default=None, pattern=r"^[0-9a-f]{64}$")


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

    def held_value(self) -> Value | None:
        """The value this answer holds, as `with_value` takes it; None when it has none."""
        for key in VALUE_KEYS:
            if self._is_set(key):
                return Value(key, getattr(self, key))  # type: ignore[arg-type]
        return None

    @property
    def is_answered(self) -> bool:
        return any(self._is_set(k) for k in VALUE_KEYS)

    @property
    def is_empty(self) -> bool:
        """Holds nothing a person gave: no value, note, evidence or confidence. Such an
        answer is removed rather than kept (clearing a value clears a bare answer)."""
        return not (self.is_answered or self.note or self.evidence
                    or self.confidence is not None)

    # --- changing (every front end changes answers through these) ---------------------

    def with_value(self, value: Value | None) -> Answer:
        """This answer holding `value` instead of its value (None clears the value); the
        note, evidence, confidence and time stay."""
        return self.merged(value=value)

    def merged(self, *, value: Value | Keep | None = KEEP, note: str | Keep = KEEP,
               evidence: Sequence[Evidence] | Keep = KEEP,
               confidence: Confidence | Keep | None = KEEP,
               at: dt.datetime | Keep | None = KEEP) -> Answer:
        """This answer with the parts given replaced and the others kept; checked like an
        answer read from a file (a note over the limit raises ValueError)."""
        data: dict[str, Any] = {name: getattr(self, name) for name in type(self).model_fields}
        if value is not KEEP:
            data.update(dict.fromkeys(VALUE_KEYS), na=False)
            if value is not None:
                data[value.key] = value.content
        for name, given in (("note", note), ("confidence", confidence), ("at", at)):
            if given is not KEEP:
                data[name] = given
        if not isinstance(evidence, Keep):
            data["evidence"] = list(evidence)
        return type(self).model_validate(data)

    def same_content(self, other: Answer) -> bool:
        """Equal but for the time (a spreadsheet program reformatting `at` is no edit)."""
        return self.model_copy(update={"at": None}) == other.model_copy(update={"at": None})

    def stamped(self, previous: Answer | None, now: dt.datetime) -> Answer:
        """The timestamp rule: an answer carries the time its content last changed.

        Content equal to `previous` is `previous`, time and all. Changed content keeps a
        time of its own that differs from the previous one (an imported sheet says when it
        was answered); otherwise it takes `now`.
        """
        if previous is not None and self.same_content(previous):
            return previous
        if self.at is not None and (previous is None or self.at != previous.at):
            return self
        return self.model_copy(update={"at": now})

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
