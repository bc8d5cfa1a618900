"""User templates are sandboxed: no Python internals, files, environment or process.

The memo's own tests cover the sandbox's design; these run the known server-side template
injection payloads through the real command, as a hostile template shared by another team
would arrive: each must end in exit 2 with the template's file and line, no traceback, and
none of the secrets it reached for (an environment variable, a file beside the evaluation)
in the output or in a written file.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hostile.util import check_user_error, make_evaluation, run_cli

pytest.importorskip("checklist.memo")

SECRET = "s3cr3t-d0-not-print"

#: Payloads that must be refused. Each sits on line 3 of the template.
PAYLOADS = [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ ''.__class__.__base__.__subclasses__()[0] }}",
    "{{ cycler.__init__.__globals__.os.environ }}",
    "{{ joiner.__init__.__globals__.os.popen('id').read() }}",
    "{{ namespace.__init__.__globals__.os.system('touch pwned') }}",
    "{{ lipsum.__globals__['os'].environ }}",
    "{{ self.__init__.__globals__.__builtins__.open('/etc/passwd').read() }}",
    "{{ self._TemplateReference__context }}",
    "{{ '{0.__class__.__mro__}'.format(1) }}",
    "{{ '%s'|format(''.__class__) }}",
    "{{ memo.__class__ }}",
    "{{ config.items() }}",
    "{{ request.application.__globals__ }}",
    "{{ [].append.__self__.__class__ }}",
    "{{ ().__class__.__bases__[0].__subclasses__() }}",
    "{% set x = [] %}{{ x.append(1) }}",
    "{{ {}.update(a=1) }}",
    "{% include '/etc/passwd' %}",
    "{% include '../../../../../../etc/passwd' %}",
    "{% import '/etc/hostname' as h %}",
    "{% extends '../secret.txt' %}",
    "{% include '../secret.txt' %}",
    "{{ range(10**9)|list|length }}",
    "{{ 'x' * 10**15 }}",
    "{{ (10**100000)|string }}",
    "{{ [1] * 10**7 }}",
]


@pytest.fixture(scope="module")
def evaluation(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = make_evaluation(tmp_path_factory.mktemp("templates"))
    (folder.parent / "secret.txt").write_text(SECRET)
    return folder


@pytest.mark.parametrize("payload", PAYLOADS)
def test_injection_payloads_are_refused(payload: str, evaluation: Path, tmp_path: Path) -> None:
    template = tmp_path / "templates" / "hostile.md.j2"  # the secret is one folder up
    template.parent.mkdir()
    template.write_text("# Memo\n\n" + payload + "\n")
    (tmp_path / "secret.txt").write_text(SECRET)
    out = tmp_path / "memo.md"
    result = run_cli("memo", evaluation, "--template", template, "-o", out, cwd=tmp_path,
                     env={"CHECKLIST_SECRET": SECRET})
    found = check_user_error(result, line=3)[0]
    assert Path(found["file"]).name == template.name, found.string
    assert SECRET not in result.output
    assert not out.exists(), "a refused memo must not leave a file"
    assert not (tmp_path / "pwned").exists()


@pytest.mark.parametrize("fmt", ["md", "html", "pdf"])
def test_evidence_paths_are_never_read(fmt: str, evaluation: Path, tmp_path: Path) -> None:
    """An evidence item naming a local file (or a file: URL) is text in the memo, never the
    file's content, and never an active link."""
    pytest.importorskip("pypdf") if fmt == "pdf" else None
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    for url in (str(secret), f"file://{secret}", "../secret.txt", "javascript:alert(1)"):
        done = run_cli("rate", evaluation, "--rater", "eve", "--vendor", "acme", "--question",
                       "who-ran", "--score", "2", "--evidence", url, "--grade", "own-test")
        assert done.code == 0, done.output
    out = tmp_path / f"memo.{fmt}"
    result = run_cli("memo", evaluation, "--format", fmt, "-o", out, cwd=tmp_path)
    assert result.code == 0, result.output[:2000]
    data = out.read_bytes()
    if fmt == "pdf":
        from pypdf import PdfReader

        text = "\n".join(page.extract_text() or "" for page in PdfReader(out).pages)
        assert SECRET not in text
    assert SECRET.encode() not in data
    if fmt == "html":
        assert b'href="javascript:' not in data.lower()
        assert b"href='javascript:" not in data.lower()


def test_output_names_come_from_ids_not_titles(evaluation: Path, tmp_path: Path) -> None:
    """The default PDF path is built from the vendor id (a slug), so a hostile vendor name
    or title cannot steer where the file is written."""
    import shutil

    folder = tmp_path / "ev"
    shutil.copytree(evaluation, folder)
    text = (folder / "evaluation.yaml").read_text()
    (folder / "evaluation.yaml").write_text(
        text.replace("name: Acme", "name: ../../escaped").replace("title: Hostile test",
                                                                   "title: ../../escaped")
    )
    result = run_cli("memo", folder, "--vendor", "acme", "--format", "pdf", cwd=tmp_path)
    assert result.code == 0, result.output[:2000]
    assert (folder / "memo-acme.pdf").exists()
    assert not list(tmp_path.parent.glob("escaped*")) and not list(tmp_path.glob("escaped*"))


# --- runaway templates: every step of a render runs on a time and memory budget ------------

#: Small budgets keep these fast; the defaults (60 s, 4 GB) are documented in the README.
BUDGET = {"CHECKLIST_MEMO_SECONDS": "2", "CHECKLIST_MEMO_MB": "400"}

#: Jinja templates that loop or recurse without end (each sits on line 3 of the template).
RUNAWAY_JINJA = [
    pytest.param("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}"
                 "{% endfor %}", "time budget of 2 s", id="nested-range"),
    pytest.param("{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}"
                 "{% endmacro %}{{ f(60) }}", "time budget of 2 s", id="exponential-macro"),
    pytest.param("{% set s = 'x' * 1000000 %}{% for a in s %}{% for b in s %}{% endfor %}"
                 "{% endfor %}", "time budget of 2 s", id="nested-string-loop"),
    pytest.param("{% set ns = namespace(x='x' * 1000000) %}{% for i in range(40) %}"
                 "{% set ns.x = ns.x ~ ns.x %}{% endfor %}{{ ns.x|length }}", "budget",
                 id="doubling-namespace"),
]

#: typst sources that loop or allocate without end (18 GB and 6.3 GB before the budget).
RUNAWAY_TYPST = [
    pytest.param("#for i in range(1000000000) [#i]", id="huge-for"),
    pytest.param("#range(200000000).len()", id="huge-range"),
    pytest.param("#for i in range(1000) { for j in range(1000) { for k in range(1000) { } } }",
                 id="nested-for"),
]


@pytest.mark.parametrize("payload, budget", RUNAWAY_JINJA)
def test_runaway_templates_stop_at_their_line(payload: str, budget: str, evaluation: Path,
                                              tmp_path: Path) -> None:
    template = tmp_path / "runaway.md.j2"
    template.write_text("# Memo\n\n" + payload + "\n")
    out = tmp_path / "memo.md"
    result = run_cli("memo", evaluation, "--template", template, "-o", out, cwd=tmp_path,
                     env=BUDGET, timeout=120)
    found = check_user_error(result, line=3)[0]
    assert Path(found["file"]).name == template.name, found.string
    assert budget in found["message"], found.string
    assert not out.exists(), "a stopped memo must not leave a file"


@pytest.mark.parametrize("payload", RUNAWAY_TYPST)
def test_runaway_typst_stops_within_the_budget(payload: str, evaluation: Path,
                                               tmp_path: Path) -> None:
    template = tmp_path / "runaway.typ.j2"
    template.write_text("= Memo\n\n" + payload + "\n")
    out = tmp_path / "memo.pdf"
    result = run_cli("memo", evaluation, "--format", "pdf", "--template", template, "-o", out,
                     cwd=tmp_path, env=BUDGET, timeout=120)
    found = check_user_error(result, positioned=False)[0]
    assert Path(found["file"]).name == template.name, found.string
    assert re.search(r"typst\) exceeded its (time budget of 2 s|memory budget of 400 MB)",
                     found["message"]), found.string
    assert not out.exists(), "a stopped PDF must not leave a file"


@pytest.mark.parametrize("value", ["0", "-5", "soon", "inf"])
def test_a_bad_budget_is_a_usage_error(value: str, evaluation: Path, tmp_path: Path) -> None:
    result = run_cli("memo", evaluation, cwd=tmp_path, env={"CHECKLIST_MEMO_SECONDS": value})
    found = check_user_error(result, positioned=False)[0]
    assert "CHECKLIST_MEMO_SECONDS" in found["message"], found.string


#: Filters, methods and format strings that ask for gigabytes in one step (8.8 GB for the
#: chained `replace` before the bounds). Each sits on line 3 and must be refused there,
#: before it is built, far below the memory budget.
BLOWUPS = [
    "{{ 'x'.center(900000000) }}",
    "{{ 'x'|center(900000000) }}",
    "{{ 'x'.ljust(900000000) }}",
    "{{ 'x'.zfill(900000000) }}",
    "{{ 'a\tb'.expandtabs(900000000) }}",
    "{{ '%0900000000d'|format(1) }}",
    "{{ '%0900000000d' % 1 }}",
    "{{ '%*d' % (900000000, 1) }}",
    "{{ '{:>900000000}'.format(1) }}",
    "{{ '{:>{w}}'.format(1, w=900000000) }}",
    "{{ '{:.900000000f}'.format(1.5) }}",
    "{{ '{x:>900000000}'.format_map({'x': 1}) }}",
    "{{ ('x' * 1000000)|replace('x', 'x' * 1000) }}",
    "{{ ('x' * 1000000).replace('x', 'xx').replace('x', 'xx').replace('x', 'xx') }}",
    "{{ ('a\\n' * 500000)|indent(1000) }}",
    "{{ ('a ' * 500000)|wordwrap(1, wrapstring='x' * 1000) }}",
    "{{ (['x' * 1000000] * 1000)|join }}",
    "{{ ('x' * 1000).join(['y'] * 1000000) }}",
    "{{ range(10)|slice(900000000)|list }}",
    "{{ ([['x'] * 1000000] * 1000)|sum(start=[]) }}",
    "{% set ns = namespace(x='x' * 1000000) %}{% for i in range(10) %}"
    "{% set ns.x = ns.x ~ ns.x %}{% endfor %}",
    "{% macro m(s) %}{{ s|safe }}{{ s|safe }}{% endmacro %}{{ m(m(m(m('x' * 1000000)))) }}",
    "{% for i in range(100) %}{{ ('x' * 1000000)|safe }}{% endfor %}",
]


@pytest.mark.parametrize("payload", BLOWUPS)
def test_filters_and_methods_cannot_build_huge_values(payload: str, evaluation: Path,
                                                      tmp_path: Path) -> None:
    template = tmp_path / "blowup.md.j2"
    template.write_text("# Memo\n\n" + payload + "\n")
    out = tmp_path / "memo.md"
    result = run_cli("memo", evaluation, "--template", template, "-o", out, cwd=tmp_path,
                     env=BUDGET, timeout=120)
    found = check_user_error(result, line=3)[0]
    assert Path(found["file"]).name == template.name, found.string
    assert re.search(r"^refused: .* would be [\d,]+ (characters|items) long, over the limit "
                     r"of 4,000,000 .*CHECKLIST_MEMO_MB", found["message"]), found.string
    assert not out.exists(), "a refused memo must not leave a file"
