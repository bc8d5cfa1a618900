"""How long evidence stays fresh: the `freshness` rules of a rubric's policy.

A rule is a number of days. The most specific rule that is given applies to a piece of
evidence: its question's, else its section's, else its grade's, else the default. No rule at
all means the evidence never goes stale. `checklist.scoring.freshness` applies the rules to
answers; this module only says which rule holds.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from checklist.model.common import Grade, Model, Slug

#: A rule, in days (a century at most: anything longer is a typo for "never").
Days = Annotated[int, Field(gt=0, le=36_500)]

DEFAULT_HELP = ("days any evidence stays fresh when no more specific rule applies "
                "(none: never stale)")
GRADES_HELP = "days evidence of this grade stays fresh (vendor-claim, third-party, ...)"
SECTIONS_HELP = "days evidence on this section's questions stays fresh (beats a grade's rule)"
QUESTIONS_HELP = "days evidence on this question stays fresh (beats every other rule)"


class Freshness(Model):
    """Freshness rules, in days, by question, section, grade or for everything else."""

    default: Days | None = Field(default=None, description=DEFAULT_HELP)
    grades: dict[Grade, Days] = Field(default_factory=dict, description=GRADES_HELP)
    sections: dict[Slug, Days] = Field(default_factory=dict, description=SECTIONS_HELP)
    questions: dict[Slug, Days] = Field(default_factory=dict, description=QUESTIONS_HELP)

    def days(self, section: str, question: str, grade: str | None) -> int | None:
        """The rule for evidence of `grade` (None: no grade known) on `question` of
        `section`: the question's, else the section's, else the grade's, else the default."""
        if question in self.questions:
            return self.questions[question]
        if section in self.sections:
            return self.sections[section]
        if grade is not None and grade in self.grades:
            return self.grades[grade]
        return self.default

    @property
    def is_empty(self) -> bool:
        return self.default is None and not (self.grades or self.sections or self.questions)

    def patched(self, patch: Freshness) -> Freshness:
        """These rules with a child rubric's on top: a rule the child gives replaces the
        parent's for that grade, section or question; the others are inherited."""
        return Freshness(
            default=patch.default if patch.default is not None else self.default,
            grades={**self.grades, **patch.grades},
            sections={**self.sections, **patch.sections},
            questions={**self.questions, **patch.questions},
        )
