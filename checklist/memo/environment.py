"""The Jinja side of the memo: the loader, the sandbox, escaping output, template errors.

Which template renders is decided in `checklist.memo.choice` (the template search path);
`bundled/<name>` always means the shipped template, so a team's `memo.md.j2` can
`{% extends "bundled/memo.md.j2" %}` and override blocks without copying it.

Every template, bundled or not, runs in `ImmutableSandboxedEnvironment`: a template can read
the plain data it is given (see `checklist.memo.view`) and nothing else. Reaching for Python
internals (`''.__class__`, `cycler.__init__.__globals__`) raises `SecurityError`, which is
reported as a `ChecklistError` naming the template file and line, like a syntax error.
Templates can only load other templates from the search path; they get no file, environment
or network access.

A template is also a program that can loop or recurse for ever, so it renders in a child
process under a time and memory budget (`checklist.memo.worker`, `checklist.memo.budget`);
here the sandbox refuses, at the line that asks, any value longer than the budget allows (a
padded, repeated or replaced string, a list, the memo itself), before it is built where the
size can be known in advance and right after it otherwise.
"""

from __future__ import annotations

import contextlib
import functools
import os
import stat
from collections.abc import Callable, Generator
from pathlib import Path
from types import TracebackType
from typing import Any, cast

import jinja2
import jinja2.bccache
from jinja2.sandbox import SecurityError  # type: ignore[attr-defined]
from markupsafe import Markup

from checklist import numbers
from checklist.errors import ChecklistError, Problem
from checklist.memo import escape
from checklist.memo.budget import Budget, OutOfTime, from_environment
from checklist.memo.choice import BUNDLED_PREFIX, TemplateChoice, where
from checklist.memo.sandbox import BoundedSandbox, TooLarge


def _finalize_for(fmt: str) -> Callable[[Any], Any]:
    """What `{{ value }}` prints: every format escapes every string, as HTML autoescape does.

    All three environments autoescape, so the output of macros, `{% set %}` blocks and the
    escaping filters is `Markup` and passes through untouched; anything else is escaped for
    the format here (Markdown, typst) or by Jinja's HTML escaping, after `escape.clean`
    (control characters out, bidirectional controls shown as escapes). Numbers print
    without trailing zeros; None prints nothing.
    """
    if fmt == "html":
        def finalize_html(value: Any) -> Any:
            if isinstance(value, jinja2.Undefined):
                str(value)  # StrictUndefined (and refused attributes) raise here
            if isinstance(value, str) and not isinstance(value, Markup):
                return escape.clean(value)  # then HTML-escaped by autoescaping
            return "" if value is None else value
        return finalize_html
    escaper = escape.md if fmt == "md" else escape.typ

    def finalize(value: Any) -> Any:
        if isinstance(value, jinja2.Undefined):
            str(value)
            return Markup("")
        if value is None:
            return Markup("")
        if isinstance(value, Markup):
            return value
        if isinstance(value, bool):
            return Markup(escaper(str(value).lower()))
        if isinstance(value, int | float):
            return Markup(escaper(numbers.number(value)))
        return Markup(escaper(value))

    return finalize


def _safe(function: Callable[..., str]) -> Callable[..., Markup]:
    def wrapped(value: Any, *args: Any, **kwargs: Any) -> Markup:
        return Markup(function(value, *args, **kwargs))
    wrapped.__name__ = function.__name__
    wrapped.__doc__ = function.__doc__
    return wrapped


def _html_paragraphs(value: Any) -> Markup:
    return Markup("\n").join(Markup("<p>{}</p>").format(p) for p in escape.paragraphs(value))


def _literal(value: Any) -> Markup:
    """A number as a code literal (typst coordinates, SVG positions); refuses anything else."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"the 'lit' filter takes a number, not {type(value).__name__}")
    return Markup(f"{float(value):.4f}")


FILTERS: dict[str, Callable[..., Any]] = {
    "lit": _literal,
    "md": _safe(escape.md),
    "md_block": _safe(escape.md_block),
    "md_code": _safe(escape.md_code),
    "typ": _safe(escape.typ),
    "typ_block": _safe(escape.typ_block),
    "typstr": _safe(escape.typst_string),
    "mermaid": _safe(escape.mermaid),
    "mermaid_title": _safe(escape.mermaid_title),
    "html_block": _html_paragraphs,
    "one_line": escape.one_line,
    "score": numbers.score,
    "signed": numbers.signed,
    "pct": numbers.pct,
    "share": numbers.share,
    "num": numbers.number,
}


def cache_dir() -> Path:
    """Where compiled templates are kept between runs (`CHECKLIST_CACHE_DIR` overrides)."""
    explicit = os.environ.get("CHECKLIST_CACHE_DIR")
    if explicit:
        return Path(explicit).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base).expanduser() / "checklist" / "templates"


class _QuietCache(jinja2.FileSystemBytecodeCache):
    """A cache that is only ever a speed-up: a vanished or read-only folder costs a compile."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().load_bytecode(bucket)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def _bytecode_cache(folder: Path) -> jinja2.BytecodeCache | None:
    """Compiling the memo templates is most of a Markdown render, so compiled templates are
    cached per user (a private folder; Jinja checks each template's source checksum, so an
    edited template is recompiled). No cache when the folder cannot be made, or when it is
    not private: loading bytecode is running code, so a folder someone else owns or can
    write to (a shared or planted `CHECKLIST_CACHE_DIR`) is not used, silently: the only
    cost is a compile per run."""
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not _private(folder) or not os.access(folder, os.W_OK):
            return None
    except OSError:
        return None
    return _QuietCache(str(folder), "memo-%s.cache")


def _private(folder: Path) -> bool:
    """A folder only the current user can write to (on POSIX; elsewhere, any folder)."""
    info = folder.stat()
    if not stat.S_ISDIR(info.st_mode):
        return False
    if not hasattr(os, "geteuid"):  # pragma: no cover - Windows has no owner and mode bits
        return True
    return info.st_uid == os.geteuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def make_environment(fmt: str, folders: tuple[Path, ...]) -> jinja2.Environment:
    """A sandboxed environment whose loader sees only the template folders (and, as
    `bundled/NAME`, the shipped templates). Kept per process, reloading changed templates."""
    from checklist.files.config import bundled_dir

    return _environment(fmt, folders, bundled_dir("templates"), cache_dir(),
                        from_environment().max_chars)


class TemplateOutsideFolder(jinja2.TemplateError):
    """A template file that resolves (through a symlink) to a place outside its folder.

    Not a `TemplateNotFound`: a `ChoiceLoader` would swallow that and try the next folder.
    """

    def __init__(self, name: str, target: str, folder: str) -> None:
        super().__init__(f"{name!r} resolves to {target}, outside the template folder {folder}")
        self.name = name
        self.target = target
        self.folder = folder


class _ConfinedLoader(jinja2.FileSystemLoader):
    """`FileSystemLoader`, except that a template must really live inside its folder.

    Jinja's loader refuses `..` in names but follows symlinks, so a folder holding
    `notes.txt -> ../secret.txt` could put any file the user can read into the memo; and
    `./templates` is on the search path, so a cloned repository could ship one. Here the
    file found is resolved and refused unless the real path is inside the real folder (a
    symlink to another file in the same folder is fine). The file opened is the one checked.
    """

    def get_source(self, environment: jinja2.Environment,
                   template: str) -> tuple[str, str, Callable[[], bool]]:
        from jinja2.loaders import split_template_path

        pieces = split_template_path(template)
        for searchpath in self.searchpath:
            filename = os.path.join(searchpath, *pieces)
            if not os.path.isfile(filename):
                continue
            real = os.path.realpath(filename)
            root = os.path.realpath(searchpath)
            if os.path.commonpath([real, root]) != root:
                raise TemplateOutsideFolder(template, real, searchpath)
            with open(real, encoding=self.encoding) as f:
                contents = f.read()
            mtime = os.path.getmtime(real)

            def uptodate(path: str = real, mtime: float = mtime) -> bool:
                try:
                    return os.path.getmtime(path) == mtime
                except OSError:
                    return False

            return contents, os.path.normpath(filename), uptodate
        raise jinja2.TemplateNotFound(template)


@functools.lru_cache(maxsize=16)
def _environment(fmt: str, folders: tuple[Path, ...], bundled: Path, cache: Path,
                 max_chars: int) -> BoundedSandbox:
    loader = jinja2.ChoiceLoader([
        jinja2.PrefixLoader({BUNDLED_PREFIX: _ConfinedLoader(str(bundled))}),
        _ConfinedLoader([str(f) for f in folders]),
    ])
    env = BoundedSandbox(
        max_chars=max_chars,
        loader=loader,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        finalize=_finalize_for(fmt),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=True,
        bytecode_cache=_bytecode_cache(cache),
    )
    env.filters.update(FILTERS)
    env.bound_filters()
    env.globals["format"] = fmt
    return env


def render_choice(choice: TemplateChoice, fmt: str, context: dict[str, Any],
                  budget: Budget) -> str:
    """Renders a resolved template in this process; the memo calls it inside the render
    worker (`checklist.memo.worker`). Every template problem, a budget running out
    included, becomes a ChecklistError at the template's line."""
    env = _environment(fmt, choice.folders, choice.bundled, cache_dir(), budget.max_chars)
    try:
        compiled = env.get_template(choice.name)
        return _render_bounded(env, compiled, context)
    except jinja2.TemplateSyntaxError as exc:
        raise ChecklistError([Problem(where(exc.filename or exc.name or choice.name),
                                      exc.lineno or 0, 1 if exc.lineno else 0,
                                      f"template syntax error: {exc.message}")]) from None
    except TooLarge as exc:
        raise _located(exc, choice.name, f"refused: {exc}") from None
    except SecurityError as exc:
        raise _located(exc, choice.name, "refused: templates run in a sandbox and cannot reach "
                       f"Python internals ({exc})") from None
    except jinja2.UndefinedError as exc:
        raise _located(exc, choice.name, f"template error: {exc.message}; "
                       "see the README for the names a memo template can use") from None
    except TemplateOutsideFolder as exc:
        raise _located(exc, choice.name, f"refused: the template {exc.name} is a link to "
                       f"{exc.target}, outside its template folder {exc.folder}; templates "
                       "can only use files inside their folder") from None
    except jinja2.TemplateNotFound as exc:
        raise _located(exc, choice.name, f"template not found: {exc.name} (templates can "
                       "include or extend only templates on the template search path, or "
                       f"{BUNDLED_PREFIX}/NAME for a bundled one)") from None
    except OutOfTime as exc:
        raise _located(exc, choice.name, budget.time_message("the template")) from None
    except MemoryError as exc:
        raise _located(exc, choice.name, budget.memory_message("the template")) from None
    except ChecklistError:
        raise
    except Exception as exc:
        # Anything a template does wrong is the template's problem, reported as such: a
        # user template must never produce an internal error.
        raise _located(exc, choice.name, f"template error: {type(exc).__name__}: {exc}") from None


def _render_bounded(env: BoundedSandbox, template: jinja2.Template,
                    context: dict[str, Any]) -> str:
    """`template.render(context)`, measured as it is written: output past the limit is
    refused at the template line that printed it (the error is raised there)."""
    parts: list[str] = []
    size = 0
    stream = cast(Generator[str, None, None], template.generate(context))
    for part in stream:
        size += len(part)
        if size > env.max_chars:  # raised inside the template, at the line printing
            stream.throw(env.too_large(size, "the memo"))
        parts.append(part)
    return "".join(parts)


def _template_frame(tb: TracebackType | None) -> tuple[str, int] | None:
    """The innermost traceback frame that is template code: Jinja maps it to file and line."""
    found = None
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2") or (
            not filename.endswith(".py") and not filename.startswith("<")
            and Path(filename).suffix not in (".pyc", ".so")
        ):
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


def _located(exc: BaseException, fallback: str, message: str) -> ChecklistError:
    frame = _template_frame(exc.__traceback__)
    if frame is None:
        return ChecklistError([Problem(fallback, 0, 0, message)])
    filename, line = frame
    return ChecklistError([Problem(where(filename), line, 1, message)])
