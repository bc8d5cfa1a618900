"""A team's typst template cannot make the PDF step download packages."""

from __future__ import annotations

from checklist.cli import main


def test_package_import_in_a_custom_typst_template_is_refused(tiny_eval, tmp_path, capsys):
    folder = tmp_path / "team-templates"
    folder.mkdir()
    (folder / "memo.typ.j2").write_text(
        '#import "@preview/cetz:0.2.2": canvas\n= Memo\n', encoding="utf-8")
    out = tmp_path / "memo.pdf"
    code = main(["memo", str(tiny_eval), "--format", "pdf", "--template", str(folder),
                 "-o", str(out)])
    assert code == 2
    assert "imports the package '@preview/cetz:0.2.2'" in capsys.readouterr().err
    assert not out.exists()
