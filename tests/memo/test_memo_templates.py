"""Custom templates: found on the search path, extending the bundled ones, and sandboxed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from checklist.errors import ChecklistError
from checklist.files.folder import load_folder
from checklist.memo import render_memo, render_questionnaire
from tests.conftest import run_cli

OVERRIDE = """{% extends "bundled/memo.md.j2" %}
{% block signoff %}
## Approval

Approved by the ACME review board: {{ memo.winner.name }}.
{% endblock %}
{% block option scoped %}

### {{ v.name }} ({{ v.overall }})
{% endblock %}
"""


def _folder(tmp_path: Path, name: str, files: dict[str, str]) -> Path:
    folder = tmp_path / name
    folder.mkdir()
    for file, text in files.items():
        (folder / file).write_text(text, encoding="utf-8")
    return folder


def test_a_template_folder_extends_the_bundled_memo_and_overrides_blocks(scored_eval, tmp_path):
    folder = _folder(tmp_path, "acme", {"memo.md.j2": OVERRIDE})
    text = render_memo(load_folder(scored_eval), template=folder).decode()
    assert "## Approval\n\nApproved by the ACME review board: Acme." in text
    assert "## Sign-off" not in text
    assert re.search(r"### Acme \(0\.\d\d\)", text)  # the scoped per-vendor block
    assert "## Ranking" in text  # everything else is the bundled memo


def test_templates_on_the_search_path_win_by_name(scored_eval, tmp_path, monkeypatch):
    folder = _folder(tmp_path, "team", {"memo.md.j2": OVERRIDE,
                                        "board.md.j2": "Board memo for {{ memo.title }}\n"})
    monkeypatch.setenv("CHECKLIST_TEMPLATE_PATH", str(folder))
    ws = load_folder(scored_eval)
    assert "## Approval" in render_memo(ws).decode()
    assert render_memo(ws, template="board").decode() == "Board memo for Tiny test\n"
    assert render_memo(ws, template="board.md.j2").decode() == "Board memo for Tiny test\n"


def test_a_named_template_set_is_a_folder_on_the_search_path(scored_eval, tmp_path, monkeypatch):
    root = tmp_path / "templates"
    root.mkdir()
    _folder(root, "legal", {"questionnaire.md.j2": "Legal asks {{ vendor.name }}\n",
                            "_macros.md.j2": ""})
    monkeypatch.setenv("CHECKLIST_TEMPLATE_PATH", str(root))
    ws = load_folder(scored_eval)
    assert render_questionnaire(ws, "acme", template="legal").decode() == "Legal asks Acme\n"


def test_a_partial_override_changes_every_bundled_template_that_uses_it(scored_eval, tmp_path):
    macros = Path(__file__).resolve().parents[2] / "templates" / "_macros.md.j2"
    text = macros.read_text(encoding="utf-8").replace(
        "| # | Vendor | Verdict |", "| # | Supplier | Verdict |")
    folder = _folder(tmp_path, "partials", {"_macros.md.j2": text})
    out = render_memo(load_folder(scored_eval), template=folder).decode()
    assert "| # | Supplier | Verdict |" in out


def test_custom_templates_escape_values_too(hostile_eval, tmp_path):
    folder = _folder(tmp_path, "plain", {
        "memo.md.j2": "| {{ memo.vendors[0].name }} |\n",
        "memo.typ.j2": "{{ memo.vendors[0].name }}\n",
    })
    ws = load_folder(hostile_eval)
    md = render_memo(ws, template=folder).decode()
    assert md.count("|") - md.count("\\|") == 2
    typ = render_memo(ws, template=folder, fmt="typ").decode()
    assert typ.startswith('#"') and typ.rstrip().endswith('";')


@pytest.mark.parametrize(("source", "line"), [
    ("ok\n{{ ''.__class__.__mro__ }}\n", 2),
    ("{{ cycler.__init__.__globals__ }}\n", 1),
    ("a\nb\n{{ memo.vendors.__class__ }}\n", 3),
    ("{% for x in range(2) %}\n{{ x.__class__.__subclasses__() }}\n{% endfor %}", 2),
    ("{{ memo.vendors.append(1) }}\n", 1),
])
def test_reaching_python_internals_is_refused_with_file_and_line(scored_eval, tmp_path,
                                                                source, line):
    folder = _folder(tmp_path, "evil", {"memo.md.j2": source})
    with pytest.raises(ChecklistError) as caught:
        render_memo(load_folder(scored_eval), template=folder)
    problem = caught.value.problems[0]
    assert problem.file.endswith("memo.md.j2")
    assert problem.line == line
    assert "refused" in problem.message or "unsafe" in problem.message


def test_sandbox_refusal_through_the_cli_exits_2_without_traceback(scored_eval, tmp_path):
    evil = "Hi\n{{ ''.__class__.__mro__ }}\n"
    folder = _folder(tmp_path, "evil", {"memo.md.j2": evil, "memo.typ.j2": evil})
    result = run_cli("memo", str(scored_eval), "--template", str(folder))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "evil/memo.md.j2:2:1: refused" in result.stderr
    assert "sandbox" in result.stderr
    result = run_cli("memo", str(scored_eval), "--template", str(folder), "--format", "pdf",
                     "-o", str(tmp_path / "x.pdf"))
    assert result.returncode == 2
    assert "evil/memo.typ.j2:2:1: refused" in result.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_cycler_globals_refused_through_the_cli(scored_eval, tmp_path):
    folder = _folder(tmp_path, "evil2", {"memo.md.j2": "{{ cycler.__init__.__globals__.os }}"})
    result = run_cli("memo", str(scored_eval), "--template", str(folder))
    assert result.returncode == 2
    assert "memo.md.j2:1:1: refused" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_syntax_error_names_the_template_and_line(scored_eval, tmp_path):
    folder = _folder(tmp_path, "broken", {"memo.md.j2": "fine\n\n{% if x %}\nno endif\n"})
    result = run_cli("memo", str(scored_eval), "--template", str(folder))
    assert result.returncode == 2
    assert "memo.md.j2:" in result.stderr and "template syntax error" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_undefined_name_names_the_template_and_line(scored_eval, tmp_path):
    folder = _folder(tmp_path, "typo", {"memo.md.j2": "{{ memo.title }}\n{{ memo.titel }}\n"})
    with pytest.raises(ChecklistError) as caught:
        render_memo(load_folder(scored_eval), template=folder)
    problem = caught.value.problems[0]
    assert problem.line == 2 and "titel" in problem.message


@pytest.mark.parametrize("name", ["../../../../etc/passwd", "/etc/passwd", "bundled/../../x"])
def test_templates_cannot_include_files_outside_the_search_path(scored_eval, tmp_path, name):
    folder = _folder(tmp_path, "sneaky", {"memo.md.j2": f'{{% include "{name}" %}}\n'})
    with pytest.raises(ChecklistError) as caught:
        render_memo(load_folder(scored_eval), template=folder)
    assert "template not found" in caught.value.problems[0].message
    assert caught.value.problems[0].line == 1


def test_templates_see_no_environment_or_os(scored_eval, tmp_path):
    folder = _folder(tmp_path, "env", {
        "memo.md.j2": "{{ os is defined }} {{ environ is defined }} "
                      "{{ self._TemplateReference__context is defined }}",
    })
    text = render_memo(load_folder(scored_eval), template=folder).decode()
    assert text.startswith("false false false")


def test_typst_templates_cannot_read_files(scored_eval, tmp_path, monkeypatch):
    (tmp_path / "secret.txt").write_text("TOP SECRET", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    folder = _folder(tmp_path, "reader", {"memo.typ.j2": '#read("secret.txt")\n'})
    with pytest.raises(ChecklistError, match="typst could not compile"):
        render_memo(load_folder(scored_eval), template=folder, fmt="pdf")


def test_unknown_template_name_is_a_user_error(scored_eval):
    result = run_cli("memo", str(scored_eval), "--template", "no-such-template")
    assert result.returncode == 2
    assert "no template 'no-such-template'" in result.stderr


def test_an_unusable_template_cache_only_costs_speed(scored_eval, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("CHECKLIST_CACHE_DIR", str(blocker / "cache"))
    assert render_memo(load_folder(scored_eval)).decode().startswith("# Tiny test")


def test_edited_templates_are_picked_up(scored_eval, tmp_path):
    folder = _folder(tmp_path, "live", {"memo.md.j2": "one\n"})
    ws = load_folder(scored_eval)
    assert render_memo(ws, template=folder) == b"one\n"
    import os
    import time

    (folder / "memo.md.j2").write_text("two\n", encoding="utf-8")
    later = time.time() + 5
    os.utime(folder / "memo.md.j2", (later, later))
    assert render_memo(ws, template=folder) == b"two\n"
