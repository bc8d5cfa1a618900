"""The memo's framework appendix: what each framework the rubric maps to covers, computed
once with `checklist rubrics coverage` (`model.framework_coverage`)."""

from __future__ import annotations

from checklist.memo.appendix_types import FrameworkIdRow, FrameworkView
from checklist.model.framework_coverage import coverage, frameworks_used
from checklist.model.rubric import Rubric


def framework_views(rubric: Rubric) -> list[FrameworkView]:
    """One view per framework the rubric's `maps_to` tags name, in the frameworks' order."""
    views = []
    for framework in frameworks_used(rubric):
        report = coverage(rubric, framework)
        views.append(FrameworkView(
            name=framework.name,
            source=framework.source,
            summary=f"{len(report.covered)} of {len(report.ids)} ids covered",
            covered=[FrameworkIdRow(i.id, ", ".join(i.questions)) for i in report.covered],
            not_covered=[i.id for i in report.not_covered],
        ))
    return views
