"""The vendor questionnaire as a workbook: the follow-ups of the questionnaire view (the same
questions, in the same words, as the Markdown, HTML and PDF questionnaire), handed to
`checklist.reuse.xlsx_questionnaire`, which writes the workbook."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from checklist.files.folder import Workspace
    from checklist.memo.view_types import MemoView


def questionnaire_workbook(workspace: Workspace, view: MemoView) -> bytes:
    from checklist.reuse.xlsx_questionnaire import (
        Asked,
        AskedSection,
        Heading,
        questionnaire_xlsx,
    )

    vendor = view.vendor
    assert vendor is not None, "a questionnaire is for one vendor"
    questions = {q.id: q for _, q in workspace.rubric.questions()}
    sections = [
        AskedSection(group.title, [
            Asked(questions[row.id], row.ask, row.why_vendor, row.provide,
                  (row.gate_need or row.gate_min) if row.gate and row.gate_min else "")
            for row in group.questions if row.id in questions])
        for group in vendor.followup_sections]
    heading = Heading(view.title, view.date, vendor.id, vendor.name, vendor.product,
                      view.owner, view.rubric.ref)
    return questionnaire_xlsx(heading, [s for s in sections if s.questions],
                              workspace.rubric.scale)
