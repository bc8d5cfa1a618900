"""How an answer's value is parsed: the one reading of what a person types or a cell holds.

Every front end reads values here: the spreadsheet import (a cell), the TUI (the value field),
and the CLI (`rate --choice`, `rate --value`; its other flags are typed already). What a
value may be, by question type:

- empty: no value (the answer is cleared);
- `N/A` or `na` (any case): not applicable, where the rubric allows it;
- score: a whole number on the scale ("3", "3.0"), the level with its scale label as a
  dropdown shows it ("3 Good"), or the label alone ("Good") when it names one level;
- yes/no: yes, y, true / no, n, false (any case);
- choice: a choice's id or its label, exactly or in another case, the label as a dropdown
  shows it (`choice_label`), or its number as the TUI shows it (1 for the first) when no
  choice is called that;
- number: a finite number, optionally followed by the question's unit ("240", "240 ms").

`value_labels` lists what a dropdown offers (an XLSX sheet's data validation); every entry
reads back here to the value it names, so a sheet shows labels and stores ids. An evidence
grade is read by `parse_grade` (an id such as `own-test`, or its label, "our own test").

An answer is then changed with `Answer.with_value` and `Answer.merged`, and stamped by the
timestamp rule in `Answer.stamped`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Literal

from checklist import numbers
from checklist.errors import hint, quoted
from checklist.model.common import GRADE_LABELS, GRADES
from checklist.model.rubric import Choice, Question, Scale

ValueKey = Literal["score", "answer", "choice", "value", "na"]

#: How N/A is written back (a sheet's cell); any case of `NA_WORDS` reads as N/A.
NA_TEXT = "N/A"
NA_WORDS = frozenset({"n/a", "na"})
YES_WORDS = frozenset({"yes", "y", "true"})
NO_WORDS = frozenset({"no", "n", "false"})


@dataclass(frozen=True)
class Value:
    """An answer's value: which field holds it and what (`na` holds True)."""

    key: ValueKey
    content: int | bool | str | float

    @classmethod
    def na(cls) -> Value:
        return cls("na", True)


class ValueProblem(ValueError):
    """Text that is not a value of its question; the message says what the question takes."""


def parse_value(question: Question, scale: Scale, raw: str) -> Value | None:
    """The value `raw` gives `question`; None when it is empty (clear the value).

    Raises ValueProblem with a message a front end shows where the text was typed.
    """
    text = raw.strip()
    if not text:
        return None
    if text.lower() in NA_WORDS:
        if not question.allow_na:
            raise ValueProblem(na_refused(question))
        return Value.na()
    if question.type == "score":
        return _score(question, scale, text)
    if question.type == "yes_no":
        if text.lower() in YES_WORDS | NO_WORDS:
            return Value("answer", text.lower() in YES_WORDS)
        raise ValueProblem(f"{quoted(text)}: question '{question.id}' takes yes or no")
    if question.type == "choice":
        return Value("choice", _choice(question, text))
    return Value("value", _number(question, text))


def value_labels(question: Question, scale: Scale) -> list[str]:
    """What a person picks from for `question` (a sheet's dropdown), in order, each read
    back by `parse_value`: levels as "3 Good", "yes" and "no", choice labels, then "N/A"
    where the rubric allows it. Empty for a number question (any number is allowed)."""
    if question.type == "number":
        return []
    if question.type == "score":
        labels = [numbers.label(level, scale) for level in scale.levels()]
    elif question.type == "yes_no":
        labels = ["yes", "no"]
    else:
        labels = [choice_label(question, c) for c in question.choices]
    if question.allow_na:
        labels.append(NA_TEXT)
    return labels


def choice_label(question: Question, choice: Choice) -> str:
    """A choice as a dropdown shows it: its label, with the id added when another choice of
    the question has the same label in another case (or the label is blank)."""
    label = " ".join(choice.label.split())
    same = sum(1 for c in question.choices if " ".join(c.label.split()).lower() == label.lower())
    return f"{label} ({choice.id})" if same > 1 or not label else label


def parse_grade(text: str) -> str | None:
    """An evidence grade from its id or its label, in any case, with spaces or hyphens
    ("own-test", "Own test", "our own test"); None when it names none."""
    wanted = _grade_key(text)
    for grade in GRADES:
        if wanted in (_grade_key(grade), _grade_key(GRADE_LABELS.get(grade, grade))):
            return grade
    return None


def _grade_key(text: str) -> str:
    return " ".join(text.replace("-", " ").replace(",", " ").lower().split())


def na_refused(question: Question) -> str:
    return f"question '{question.id}' does not allow N/A"


def unknown_choice(question: Question, text: str) -> str:
    return f"unknown choice {quoted(text)}{hint(text, [c.id for c in question.choices])}"


def _score(question: Question, scale: Scale, text: str) -> Value:
    number = _float(text)
    if math.isnan(number):
        level = _level_named(scale, text)
        if level is not None:
            return Value("score", level)
    if not number.is_integer() or int(number) not in scale.levels():
        raise ValueProblem(f"{quoted(text)}: question '{question.id}' takes a whole score "
                           f"{scale.min}..{scale.max}{' or N/A' if question.allow_na else ''}")
    return Value("score", int(number))


def _level_named(scale: Scale, text: str) -> int | None:
    """The level "3 Good" (as `numbers.label` writes it) or "Good" names, if exactly one."""
    wanted = " ".join(text.lower().split())
    found = [level for level in scale.levels()
             if wanted == numbers.label(level, scale).lower()
             or (scale.labels.get(level) and wanted == " ".join(
                 scale.labels[level].lower().split()))]
    return found[0] if len(found) == 1 else None


def _choice(question: Question, text: str) -> str:
    """The choice's id: by id, label or dropdown label as written, else in any case, else
    by its number in the TUI's list."""
    found = next((c for c in question.choices
                  if text in (c.id, c.label, choice_label(question, c))), None)
    if found is None:
        lowered = " ".join(text.lower().split())
        found = next((c for c in question.choices
                      if lowered in (c.id.lower(), " ".join(c.label.lower().split()),
                                     choice_label(question, c).lower())), None)
    if found is None and text.isdigit() and 1 <= int(text) <= len(question.choices):
        found = question.choices[int(text) - 1]
    if found is None:
        raise ValueProblem(unknown_choice(question, text))
    return found.id


_MEASURE = re.compile(r"^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*(.*?)\s*$")


def _number(question: Question, text: str) -> float:
    """A number, with or without the question's unit written after it ("2.1s", "2.1 s",
    "99.5%"); another unit is refused rather than read as the question's ("2100 ms" where
    the question measures in s)."""
    unit = (question.unit or "").strip()
    number = _float(text)
    if not math.isfinite(number) and not _is_infinite_or_nan(text):
        found = _MEASURE.match(text)
        if found is not None:
            written = found.group(2)
            if unit and written.lower() == unit.lower():
                number = _float(found.group(1))
            else:
                raise ValueProblem(_other_unit(question, text, written))
    if not math.isfinite(number):
        where = f" in {question.unit}" if question.unit else ""
        what = "not a finite number; " if _is_infinite_or_nan(text) else ""
        raise ValueProblem(f"{quoted(text)}: {what}question '{question.id}' takes a "
                           f"number{where}")
    problem = out_of_range(question, number)
    if problem is not None:
        raise ValueProblem(f"{quoted(text)}: {problem}")
    return number


#: Units whose measurements cannot be negative (durations), and percentages (0 to 100).
TIME_UNITS = frozenset({"s", "sec", "seconds", "ms", "min", "minutes", "h", "hours"})
PERCENT_UNITS = frozenset({"%", "percent"})


def out_of_range(question: Question, number: float) -> str | None:
    """Why `number` cannot be a measurement in the question's unit, or None: a duration is
    never negative, a percentage lies between 0 and 100. Other units take any number."""
    unit = (question.unit or "").strip().lower()
    if unit in TIME_UNITS and number < 0:
        return (f"{number:g} {question.unit}: a duration is never negative; give the measured "
                "time")
    if unit in PERCENT_UNITS and not 0 <= number <= 100:
        return f"{number:g}%: a percentage lies between 0 and 100"
    return None


def _other_unit(question: Question, text: str, written: str) -> str:
    if not question.unit:
        return (f"{quoted(text)}: question '{question.id}' has no unit; write the number "
                f"alone")
    return (f"{quoted(text)}: question '{question.id}' measures in {question.unit}, not "
            f"{quoted(written)}; convert the value to {question.unit} (or write the number "
            f"alone)")


def _is_infinite_or_nan(text: str) -> bool:
    """"nan", "-inf", "1e999": text Python reads as a number that measures nothing."""
    try:
        return not math.isfinite(float(text))
    except ValueError:
        return False


def _float(text: str) -> float:
    """The number `text` writes (as Python reads it), NaN when it is none."""
    try:
        return float(text)
    except ValueError:
        return math.nan
