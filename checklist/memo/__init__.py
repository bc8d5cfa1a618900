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
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from checklist.errors import ChecklistError, hint

if TYPE_CHECKING:
    from checklist.files.folder import Workspace
    from checklist.memo.view_types import ChangesView
    from checklist.scoring import Scorecard

Format = Literal["md", "html", "pdf", "typ"]
FORMATS: tuple[str, ...] = ("md", "html", "pdf", "typ")
#: File name suffix per format, for default output names.
SUFFIXES = {"md": ".md", "html": ".html", "pdf": ".pdf", "typ": ".typ"}

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

    fmt = _check_format(fmt)
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
    """The follow-up questionnaire for one vendor: every open or weak item, ready to email."""
    from checklist.files.clock import today
    from checklist.memo.view import build_view
    from checklist.scoring import score_workspace

    fmt = _check_format(fmt)
    card = score_workspace(workspace, rater=rater, aggregate=aggregate,  # type: ignore[arg-type]
                           today=today())
    vendor_id = resolve_vendor(workspace, vendor)
    view = build_view(workspace, card, vendor=vendor_id)
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


def _check_format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise ChecklistError.plain(f"unknown memo format '{fmt}'{hint(fmt, FORMATS, 'formats')}")
    return fmt


def resolve_vendor(workspace: Workspace, text: str) -> str:
    """A vendor id from an id or a name, as `checklist rate --vendor` accepts."""
    return workspace.evaluation.find_vendor(text).id


def _changes(since: Workspace, card: Scorecard, rater: str | None,
             aggregate: str) -> ChangesView:
    """What changed since an older assessment."""
    from checklist.memo.changes import changes_view

    return changes_view(since, card, rater=rater, aggregate=aggregate)
