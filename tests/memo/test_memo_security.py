"""Findings of the security review: what a cloned repository's templates must not do.

- a symlink in a template folder must not pull a file from outside it into the memo;
- template arithmetic must not burn CPU (chained `**`, big-int `*`);
- a typst template must not make the PDF step download a package, however it spells it;
- compiled templates are only loaded from a cache folder the user alone can write.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checklist.errors import ChecklistError
from checklist.files.folder import load_folder
from checklist.memo import escape, render_memo
from checklist.memo.environment import _bytecode_cache
from checklist.memo.pdf import check_offline
from tests.conftest import run_cli


def _folder(parent: Path, name: str, files: dict[str, str]) -> Path:
    folder = parent / name
    folder.mkdir(parents=True)
    for file, text in files.items():
        (folder / file).write_text(text, encoding="utf-8")
    return folder


# --- 1. symlinks out of a template folder -----------------------------------------------------


def test_a_symlink_out_of_dot_templates_is_refused_with_file_and_line(scored_eval, tmp_path):
    (tmp_path / "secret.txt").write_text("TOP SECRET", encoding="utf-8")
    folder = _folder(tmp_path, "templates", {"memo.md.j2": 'Hi\n{% include "notes.txt" %}\n'})
    (folder / "notes.txt").symlink_to("../secret.txt")
    # ./templates is on the search path: a cloned repository needs no --template to do this.
    result = run_cli("memo", str(scored_eval), cwd=tmp_path)
    assert result.returncode == 2, result.stdout
    assert "TOP SECRET" not in result.stdout + result.stderr
    assert "templates/memo.md.j2:2:1: refused" in result.stderr
    assert "notes.txt" in result.stderr and "outside" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_symlinked_template_itself_is_refused(scored_eval, tmp_path):
    (tmp_path / "elsewhere.md.j2").write_text("TOP SECRET {{ memo.title }}\n", encoding="utf-8")
    folder = _folder(tmp_path, "team", {})
    (folder / "memo.md.j2").symlink_to(tmp_path / "elsewhere.md.j2")
    with pytest.raises(ChecklistError) as caught:
        render_memo(load_folder(scored_eval), template=folder)
    assert "outside" in caught.value.problems[0].message


def test_symlinks_that_stay_inside_the_folder_work(scored_eval, tmp_path):
    folder = _folder(tmp_path, "team", {})
    (folder / "parts").mkdir()
    (folder / "parts" / "body.md.j2").write_text("Body for {{ memo.title }}\n", encoding="utf-8")
    (folder / "memo.md.j2").write_text('{% include "body.md.j2" %}', encoding="utf-8")
    (folder / "body.md.j2").symlink_to("parts/body.md.j2")
    assert render_memo(load_folder(scored_eval), template=folder) == b"Body for Tiny test\n"


# --- 2. arithmetic bounds ---------------------------------------------------------------------


@pytest.mark.parametrize("source", [
    "{{ ((9**256)**256)**200 }}",
    "{% set a = 9**256 %}{% set b = a**200 %}{{ b }}",
    "{% set a = 7**200 %}{% set ns = namespace(x=a) %}"
    "{% for i in range(40) %}{% set ns.x = ns.x * ns.x %}{% endfor %}{{ ns.x }}",
    "{{ 10**100000 }}",
])
def test_chained_powers_and_big_products_are_refused_before_they_are_built(
        scored_eval, tmp_path, source):
    """Refused by the arithmetic bound at the template's line ("too large"), not left to the
    render's time or memory budget (whose message is different)."""
    folder = _folder(tmp_path, "cpu", {"memo.md.j2": "x\n" + source + "\n"})
    with pytest.raises(ChecklistError) as caught:
        render_memo(load_folder(scored_eval), template=folder)
    problem = caught.value.problems[0]
    assert problem.line == 2 and "too large" in problem.message


def test_ordinary_arithmetic_still_works(scored_eval, tmp_path):
    folder = _folder(tmp_path, "ok", {
        "memo.md.j2": "{{ 2**10 }} {{ 2**-1 }} {{ 1.5**2 }} {{ 10**100 > 0 }} {{ 3 * 4 }} "
                      "{{ (2**60) * (2**60) > 0 }} {{ 'ab' * 3 }}\n",
    })
    text = render_memo(load_folder(scored_eval), template=folder).decode()
    assert text == "1024 0.5 2.25 true 12 true ababab\n"


def test_ordinary_filters_and_methods_still_work_under_the_size_bounds(scored_eval, tmp_path):
    """Every filter and method is measured (see checklist.memo.sandbox); what memo templates
    really do with them, including the filters that need their context, is unchanged."""
    folder = _folder(tmp_path, "ok", {
        "memo.html.j2": (
            "{{ memo.vendors|map(attribute='name')|sort|join(', ') }}|{{ 'ab'|center(6) }}|"
            "{{ '%05.1f'|format(3.14159) }}|{{ '%s-%d' % ('a', 2) }}|{{ '{:>4}'.format('ab') }}|"
            "{{ '{a}'.format_map({'a': 1}) }}|{{ 'a-b'.replace('-', '+') }}|"
            "{{ 'x\ny'|indent(2, true) }}|{{ [[1], [2]]|sum(start=[]) }}|"
            "{{ range(5)|slice(2)|list }}|{{ 'a b c'|wordwrap(3) }}|{{ 'ab'.zfill(4) }}|"
            "{{ memo.vendors|groupby('verdict')|length > 0 }}|"
            "{% set ns = namespace(n=0) %}{% for v in memo.vendors %}{% set ns.n = ns.n + 1 %}"
            "{% endfor %}{{ ns.n }}|{% macro twice(x) %}{{ x }}{{ x }}{% endmacro %}"
            "{{ twice('y') }}|{% set block %}in a block{% endset %}{{ block }}\n"
        ),
    })
    text = render_memo(load_folder(scored_eval), template=folder, fmt="html").decode()
    assert text == ("Acme, Beta Corp, Gamma|  ab  |003.1|a-2|  ab|1|a+b|  x\n  y|[1, 2]|"
                    "[[0, 1, 2], [3, 4]]|a b\nc|00ab|True|3|yy|in a block\n"), text


# --- 3. typst templates stay offline ----------------------------------------------------------


@pytest.mark.parametrize("source", [
    '#import "@preview/cetz:0.2.2": canvas',
    '#let p = "@pre" + "view/example:0.1.0"\n#import p: *',
    '#let p = "@pre"+"view/example:0.1.0"\n#include p',
    '#import "\\u{40}preview/example:0.1.0": *',
    '#import "" + str.from-unicode(64) + "preview/example:0.1.0": *',
    '#{ import ("@preview/example:0.1.0") }',
    '#eval("import \\"@preview/example:0.1.0\\": *")',
    '#let e = dictionary(std).at("ev" + "al")\n#e("1")',
    # A smart quote in markup must not hide the string that follows it.
    'He said " and then\n#let p = "@preview/example:0.1.0"\n#import p',
    '#import\n  "@preview/example:0.1.0": *',
])
def test_package_imports_are_refused_however_spelled(source):
    with pytest.raises(ChecklistError, match="offline"):
        check_offline(source)


@pytest.mark.parametrize(("source", "files"), [
    ('#import "parts.typ": box-style\n= Memo\n', ("parts.typ",)),
    ('#include "chapter.typ"\n#include "end.typ"\n', ("chapter.typ", "end.typ")),
    ("= Memo\nSome text with an \\@ sign and a reference @fig.\n", ()),
])
def test_plain_typst_passes_the_offline_check(source, files):
    assert check_offline(source) == files


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=80))
def test_vendor_text_cannot_trip_the_offline_check(text):
    for wrapped in (escape.typ(text), f"#f({escape.typst_string(text)})",
                    escape.typ_block(text + "\n\n" + text)):
        assert check_offline(wrapped) == ()  # passes, and imports nothing


@pytest.mark.parametrize("text", ["@preview/cetz:0.2.2", "We include import eval std",
                                  '#import "@preview/x:0.1.0": *', "@"])
def test_vendor_text_with_keywords_still_prints_verbatim(text):
    import io

    import typst
    from pypdf import PdfReader

    source = escape.typ(text)
    assert check_offline(source) == ()
    pdf = typst.compile(source.encode("utf-8"), format="pdf")
    out = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert text.replace(" ", "") in out.replace(" ", "").replace("\u200b", "")


def test_the_refusal_through_the_cli(scored_eval, tmp_path):
    folder = _folder(tmp_path, "pkg", {
        "memo.typ.j2": '#let p = "@pre"+"view/example:0.1.0"\n#import p: *\n= Memo\n'})
    out = tmp_path / "memo.pdf"
    result = run_cli("memo", str(scored_eval), "--format", "pdf", "--template", str(folder),
                     "-o", str(out))
    assert result.returncode == 2
    assert "offline" in result.stderr and "Traceback" not in result.stderr
    assert not out.exists()


def test_bundled_typst_templates_pass_the_offline_check(scored_eval, hostile_eval):
    for ev in (scored_eval, hostile_eval):
        ws = load_folder(ev)
        for vendor in (None, "acme"):
            assert check_offline(render_memo(ws, fmt="typ", vendor=vendor).decode()) == ()


# --- 4. the template cache folder -------------------------------------------------------------


def test_a_group_or_world_writable_cache_folder_is_not_used(tmp_path):
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    assert _bytecode_cache(folder) is not None
    os.chmod(folder, 0o777)
    assert _bytecode_cache(folder) is None
    os.chmod(folder, 0o770)
    assert _bytecode_cache(folder) is None


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to make a folder another user owns")
def test_a_cache_folder_owned_by_someone_else_is_not_used(tmp_path):
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    os.chown(folder, 12345, 12345)
    assert _bytecode_cache(folder) is None


def test_a_planted_cache_is_not_loaded(scored_eval, tmp_path, monkeypatch):
    folder = tmp_path / "shared-cache"
    folder.mkdir()
    os.chmod(folder, 0o777)
    monkeypatch.setenv("CHECKLIST_CACHE_DIR", str(folder))
    assert render_memo(load_folder(scored_eval)).decode().startswith("# Tiny test")
    assert list(folder.iterdir()) == []  # nothing read from or written to it
