"""Which ids of a framework a rubric's questions cover (`maps_to`), and which they do not.

One computation for `checklist rubrics coverage` and the memo's appendix. Coverage is a
property of the rubric, not of an evaluation: a question switched off by a context flag still
maps where it maps, and the report says which questions carry each id.
"""

from __future__ import annotations

from dataclasses import dataclass

from checklist.frameworks import FRAMEWORKS, Framework, framework_of
from checklist.model.rubric import Rubric


@dataclass(frozen=True)
class IdCoverage:
    id: str
    #: The questions that map to this id, in rubric order; empty: not covered.
    questions: tuple[str, ...]

    @property
    def covered(self) -> bool:
        return bool(self.questions)


@dataclass(frozen=True)
class Coverage:
    framework: Framework
    ids: tuple[IdCoverage, ...]

    @property
    def covered(self) -> list[IdCoverage]:
        return [i for i in self.ids if i.covered]

    @property
    def not_covered(self) -> list[IdCoverage]:
        return [i for i in self.ids if not i.covered]

    def summary(self) -> str:
        return (f"{self.framework.name}: {len(self.covered)} of {len(self.ids)} ids covered "
                f"({self.framework.source})")


def coverage(rubric: Rubric, framework: Framework) -> Coverage:
    """Every id of `framework`, in the framework's own order, with the questions mapping to it."""
    by_id: dict[str, list[str]] = {tag: [] for tag in framework.ids}
    for _section, question in rubric.questions():
        for tag in question.maps_to:
            if tag in by_id and question.id not in by_id[tag]:
                by_id[tag].append(question.id)
    return Coverage(framework, tuple(IdCoverage(tag, tuple(qs)) for tag, qs in by_id.items()))


def frameworks_used(rubric: Rubric) -> list[Framework]:
    """The frameworks at least one question maps to, in the vocabulary's order."""
    used = {f.id for _s, q in rubric.questions() for t in q.maps_to
            if (f := framework_of(t)) is not None}
    return [f for f in FRAMEWORKS.values() if f.id in used]
