"""Which questions, sections and gates apply to this purchase (`when:` on each, read by
`checklist.model.when`), and why one does not, in words.

A question whose own `when` or whose section's `when` does not hold is off: it leaves every
denominator, as N/A does, for every vendor, and its gate is off too.
"""

from __future__ import annotations

from collections.abc import Mapping

from checklist.model import when as conditions
from checklist.model.rubric import Question, Rubric, Section

Condition = str | dict[str, list[str]]


def off_because(section: Section, question: Question,
                context: Mapping[str, bool]) -> Condition | None:
    """The condition that switches this question off (its section's first), or None."""
    for when in (section.when, question.when):
        if when is not None and not conditions.holds(when, context):
            return when
    return None


def gate_applies(question: Question, context: Mapping[str, bool]) -> bool:
    gate = question.gate
    return gate is not None and conditions.holds(gate.when, context)


def reason(when: Condition, rubric: Rubric, context: Mapping[str, bool]) -> str:
    """Why a condition does not hold, from the flags it reads: 'does not apply because
    “Outputs reach people in the EU” is no'; for `any:` every item it lists."""
    join, listed = conditions.items(when)
    missed = [(flag, wanted) for flag, wanted in listed
              if bool(context.get(flag, False)) != wanted]
    shown = missed if join == "all" else listed
    parts = [f"{_flag(rubric, flag)} is {'no' if wanted else 'yes'}" for flag, wanted in shown]
    return "does not apply because " + " and ".join(parts)


def _flag(rubric: Rubric, fid: str) -> str:
    flag = rubric.flag(fid)
    return f"“{flag.text}”" if flag is not None else f"'{fid}'"


def condition_text(when: Condition, rubric: Rubric) -> str:
    """A condition in the flags' own words: '“Outputs reach people in the EU”', 'not “We host
    the model ourselves”', joined by 'and' (all) or 'or' (any)."""
    join, listed = conditions.items(when)
    words = [_flag(rubric, flag) if wanted else f"not {_flag(rubric, flag)}"
             for flag, wanted in listed]
    return (" and " if join == "all" else " or ").join(words)


def plain_condition_text(when: Condition, rubric: Rubric) -> str:
    """As `condition_text`, the flags' texts without quotation marks (a table cell)."""
    return condition_text(when, rubric).replace("“", "").replace("”", "")
