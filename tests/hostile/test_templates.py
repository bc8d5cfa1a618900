"""User templates are sandboxed: no Python internals, files, environment or process.

The memo's own tests cover the sandbox's design; these run the known server-side template
injection payloads through the real command, as a hostile template shared by another team
would arrive: each must end in exit 2 with the template's file and line, no traceback, and
none of the secrets it reached for (an environment variable, a file beside the evaluation)
in the output or in a written file.
"""

from __future__ import annotations

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
