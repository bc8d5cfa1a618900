"""The decision memo: the scorecard rendered through Jinja templates to Markdown, HTML or PDF.

The memo is what leaves the team, so it is built from the one scorecard
(`checklist.scoring.score_workspace`) and every number is formatted once
(`checklist.numbers`); the formats differ only in layout. Templates are found on the
template search path and run sandboxed (`checklist.memo.environment`); every value they
print is escaped for the output language (`checklist.memo.escape`). The PDF is typst markup
compiled by `checklist.memo.pdf`. Both steps run in a child process on a time and memory
budget (`checklist.memo.worker`, `checklist.memo.budget`).

Public API (used by the CLI and the TUI):

- `render_memo(workspace, fmt=..., ...) -> bytes`
- `write_memo(workspace, path, fmt=..., ...) -> Path`
- `render_questionnaire(workspace, vendor, fmt=..., ...) -> bytes`

Besides the template formats (`FORMATS`), `OFFICE_FORMATS` are written from the same view
by office libraries: every document as DOCX (`checklist.memo.docx_memo`, python-docx; its
look comes from a reference .docx given as the template), and the questionnaire as an XLSX
workbook a vendor fills in (`checklist.memo.questionnaire_sheet`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from checklist.errors import ChecklistError, hint

if TYPE_CHECKING:
    from checklist.files.folder import Workspace
    from checklist.memo.appendix_types import ChangesView
    from checklist.scoring import Scorecard

Format = Literal["md", "html", "pdf", "typ"]
FORMATS: tuple[str, ...] = ("md", "html", "pdf", "typ")
#: Formats written by office libraries rather than templates (binary, like the PDF).
OFFICE_FORMATS: tuple[str, ...] = ("docx", "xlsx")
#: File name suffix per format, for default output names.
SUFFIXES = {"md": ".md", "html": ".html", "pdf": ".pdf", "typ": ".typ", "docx": ".docx",
            "xlsx": ".xlsx"}

__all__ = ["FORMATS", "render_memo", "render_questionnaire", "resolve_vendor", "write_memo"]


def render_memo(
    workspace: Workspace,
    *,
    fmt: Format | str = "md",
    template: str | Path | None = None,
    vendor: str | None = None,
    rater: str | None = None,
    aggregate: str = "mean",
    since: Workspace | None = None,
    font_paths: Sequence[str | Path] = (),
) -> bytes:
    """The decision memo (or, with `vendor`, the one-vendor memo) as bytes.

    `fmt` is md, html, pdf, or typ (the typst source the PDF is compiled from, for
    debugging a template). md, html and typ are UTF-8. `template` is a template folder, a
    template file, or a name on the template search path. `vendor` is a vendor id or name.
    `since` is an older assessment of the same decision: the memo then says what changed.
    `font_paths` are extra folders with fonts for the PDF.
    """
    from checklist.files.clock import today
    from checklist.scoring import score_workspace

    fmt = _check_format(fmt, office=("docx",))
    card = score_workspace(workspace, rater=rater, aggregate=aggregate,  # type: ignore[arg-type]
                           today=today())
    vendor_id = resolve_vendor(workspace, vendor) if vendor is not None else None
    changes = _changes(since, card, rater, aggregate) if since is not None else None
    return render_card(workspace, card, fmt=fmt, template=template, vendor=vendor_id,
                       changes=changes, font_paths=font_paths)


def render_card(
    workspace: Workspace,
    card: Scorecard,
    *,
    fmt: str = "md",
    template: str | Path | None = None,
    vendor: str | None = None,
    changes: ChangesView | None = None,
    font_paths: Sequence[str | Path] = (),
) -> bytes:
    """Renders an already computed scorecard (the TUI has one in hand)."""
    from checklist.memo.view import build_view

    view = build_view(workspace, card, vendor=vendor, changes=changes)
    kind = "vendor" if vendor is not None else "memo"
    if fmt == "docx":
        from checklist.memo.docx_memo import memo_docx, vendor_docx

        build = vendor_docx if vendor is not None else memo_docx
        return build(view, _reference(kind, template))
    return _render(kind, fmt, {"memo": view, "vendor": view.vendor}, template, font_paths)


def write_memo(workspace: Workspace, path: str | Path, *, fmt: Format | str = "md",
               **options: Any) -> Path:
    """Renders the memo and writes it by `write_output`'s rules: atomically (a reader never
    sees half a PDF), never replacing a device, pipe or link. A path inside the evaluation
    folder counts as checklist's choice: a link there may not lead out of the folder."""
    import os

    from checklist.files.output import write_output

    data = render_memo(workspace, fmt=fmt, **options)
    target = Path(path)
    folder = os.path.abspath(workspace.path)
    ours = os.path.commonpath([folder, os.path.abspath(target)]) == folder
    write_output(target, data, binary=str(fmt) == "pdf", within=workspace.path if ours else None)
    return target


def render_questionnaire(
    workspace: Workspace,
    vendor: str,
    *,
    fmt: Format | str = "md",
    template: str | Path | None = None,
    rater: str | None = None,
    aggregate: str = "mean",
    font_paths: Sequence[str | Path] = (),
) -> bytes:
    """The follow-up questionnaire for one vendor: every open or weak item, ready to email,
    or (`fmt="xlsx"`) as a workbook the vendor fills in."""
    from checklist.files.clock import today
    from checklist.memo.view import build_view
    from checklist.scoring import score_workspace

    fmt = _check_format(fmt, office=("docx", "xlsx"))
    card = score_workspace(workspace, rater=rater, aggregate=aggregate,  # type: ignore[arg-type]
                           today=today())
    vendor_id = resolve_vendor(workspace, vendor)
    view = build_view(workspace, card, vendor=vendor_id)
    if fmt == "docx":
        from checklist.memo.docx_memo import questionnaire_docx

        return questionnaire_docx(view, _reference("questionnaire", template))
    if fmt == "xlsx":
        from checklist.memo.questionnaire_sheet import questionnaire_workbook

        if template is not None:
            raise ChecklistError.plain("--template applies to md, html, pdf and typ; the "
                                       "xlsx questionnaire has a fixed layout")
        return questionnaire_workbook(workspace, view)
    return _render("questionnaire", fmt, {"memo": view, "vendor": view.vendor}, template,
                   font_paths)


def _render(kind: str, fmt: str, context: dict[str, Any], template: str | Path | None,
            font_paths: Sequence[str | Path]) -> bytes:
    from checklist.memo import worker
    from checklist.memo.choice import resolve, template_file

    choice = resolve(kind, fmt, template)
    text = worker.render_template(choice, fmt, context)
    if fmt == "pdf":
        from checklist.memo.pdf import compile_pdf

        return compile_pdf(text, font_paths=font_paths, template=template_file(choice))
    return text.encode("utf-8")


def _reference(kind: str, template: str | Path | None) -> Path | None:
    """The reference Word document a DOCX takes its look from: `--template` naming a .docx
    file, or a folder holding `<kind>.docx` (memo, vendor or questionnaire); else None
    (python-docx's plain default)."""
    if template is None:
        return None
    path = Path(template)
    if path.is_dir():
        found = path / f"{kind}.docx"
        if not found.is_file():
            raise ChecklistError.at(path, f"no {kind}.docx in this folder; a DOCX takes its "
                                    "look from a reference Word document: give its file, "
                                    f"or put it here as {kind}.docx")
        return found
    if path.suffix.lower() != ".docx":
        raise ChecklistError.at(path, "a DOCX takes its look from a reference Word document "
                                "(.docx); give one, or leave --template out")
    return path


def _check_format(fmt: str, office: tuple[str, ...] = ()) -> str:
    known = FORMATS + office
    if fmt not in known:
        raise ChecklistError.plain(f"unknown memo format '{fmt}'{hint(fmt, known, 'formats')}")
    return fmt


def resolve_vendor(workspace: Workspace, text: str) -> str:
    """A vendor id from an id or a name, as `checklist rate --vendor` accepts."""
    return workspace.evaluation.find_vendor(text).id


def _changes(since: Workspace, card: Scorecard, rater: str | None,
             aggregate: str) -> ChangesView:
    """What changed since an older assessment."""
    from checklist.memo.changes import changes_view

    return changes_view(since, card, rater=rater, aggregate=aggregate)
