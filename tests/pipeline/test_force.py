"""Every command that writes a named file refuses an existing one, and replaces it only with --force."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgen.cli import cli

from ..builders import make
from ..importer.test_import import save, simple_edition

OLD = b"a file someone needs"


def run(*args: str):
    return CliRunner().invoke(cli, [str(arg) for arg in args])


def _workbooks(tmp_path: Path) -> tuple[Path, Path]:
    old = make(tmp_path, name="q1.xlsx")

    def reword(sheets):
        sheets["Commitments"][0]["Update"] = "The pilot ended in September."

    return old, make(tmp_path, reword, name="q2.xlsx")


def _commands(tmp_path: Path) -> dict[str, tuple[list, Path]]:
    old, new = _workbooks(tmp_path)
    edition = save(simple_edition(), tmp_path)
    return {
        "new": (["new", tmp_path / "out.xlsx"], tmp_path / "out.xlsx"),
        "reference-doc": (["reference-doc", tmp_path / "out.docx"], tmp_path / "out.docx"),
        "next": (["next", old, "-o", tmp_path / "out.xlsx"], tmp_path / "out.xlsx"),
        "import": (["import", edition, "-o", tmp_path / "out.xlsx"], tmp_path / "out.xlsx"),
        "compare": (["compare", old, new, "-o", tmp_path / "out.html"], tmp_path / "out.html"),
        "compare-docx": (["compare", old, new, "-o", tmp_path / "out.docx"], tmp_path / "out.docx"),
    }


@pytest.mark.parametrize("command", ["new", "reference-doc", "next", "import", "compare", "compare-docx"])
def test_an_existing_file_is_refused_and_replaced_only_with_force(tmp_path, command):
    args, target = _commands(tmp_path)[command]
    target.write_bytes(OLD)
    refused = run(*args)
    assert refused.exit_code == 2, refused.output
    assert refused.stderr == (
        f"reportgen: {target}: already exists; choose another name, delete it first, or add --force to replace it\n"
    )
    assert target.read_bytes() == OLD
    forced = run(*args, "--force")
    assert forced.exit_code == 0, forced.output
    assert target.read_bytes() != OLD and zipfile.is_zipfile(target) == (target.suffix != ".html")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_compare_refused_to_replace_a_built_pdf(tmp_path):
    # The case reported: a text report written over a built PDF.
    old, new = _workbooks(tmp_path)
    pdf = tmp_path / "q2.pdf"
    pdf.write_bytes(b"%PDF-1.7 the published edition")
    result = run("compare", old, new, "-o", pdf, "--format", "text")
    assert result.exit_code == 2 and "already exists" in result.stderr
    assert pdf.read_bytes() == b"%PDF-1.7 the published edition"


def test_force_never_replaces_an_input(tmp_path):
    old, new = _workbooks(tmp_path)
    before = old.read_bytes(), new.read_bytes()
    carried = run("next", old, "-o", old, "--force")
    assert carried.exit_code == 2
    assert carried.stderr == f"reportgen: {old}: is the workbook being carried over; write to another file\n"
    compared = run("compare", old, new, "-o", new, "--force")
    assert compared.exit_code == 2 and "is one of the workbooks being compared" in compared.stderr
    assert (old.read_bytes(), new.read_bytes()) == before


def test_force_does_not_write_into_a_folder(tmp_path):
    folder = tmp_path / "out.xlsx"
    folder.mkdir()
    from reportgen.core.errors import ReportgenError
    from reportgen.runtime.output import check_target

    result = run("new", folder, "--force")
    assert result.exit_code == 2 and "is a directory" in result.stderr  # click's own check
    with pytest.raises(ReportgenError, match="is a folder"):
        check_target(folder, force=True)
    assert folder.is_dir() and list(folder.iterdir()) == []


def test_build_still_replaces_last_quarters_set_without_force(tmp_path):
    # Writing into a folder, replacing the set there is build's job, so it has no --force.
    result = run("build", "--help")
    assert "--force" not in result.output
