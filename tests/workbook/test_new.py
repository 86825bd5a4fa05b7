"""`reportgen new`: a blank workbook an officer can fill in, never over an existing file."""

from __future__ import annotations

import json

import openpyxl
import pytest
from click.testing import CliRunner

from reportgen.cli import cli
from reportgen.core import schema
from reportgen.core.errors import ReportgenError
from reportgen.workbook.blank import write_blank_workbook


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_new_writes_a_blank_workbook_that_validate_reads(tmp_path):
    path = tmp_path / "q3.xlsx"
    result = run("new", str(path))
    assert result.exit_code == 0, result.output
    assert result.output == f"Wrote {path}\n"
    assert openpyxl.load_workbook(path).sheetnames == [schema.INSTRUCTIONS_SHEET, *schema.SHEET_ORDER]
    checked = run("validate", str(path), "--format", "json")
    report = json.loads(checked.stdout)
    # Only the Edition values an officer has to type are missing, and the commitments.
    assert checked.exit_code == 1
    assert {f["code"] for f in report["findings"]} == {"value-required", "edition-no-commitments"}
    assert {f["sheet"] for f in report["findings"]} == {"Edition", "Commitments"}
    assert [f["cell"] for f in report["findings"] if f["code"] == "edition-no-commitments"] == ["A2"]


def test_new_refuses_to_overwrite_with_exit_2_and_one_line(tmp_path):
    path = tmp_path / "q3.xlsx"
    path.write_bytes(b"last quarter's work")
    result = run("new", str(path))
    assert result.exit_code == 2
    assert result.stderr == (
        f"reportgen: {path}: already exists; choose another name, delete it first, or add --force to replace it\n"
    )
    assert path.read_bytes() == b"last quarter's work"


@pytest.mark.parametrize("name", ["q3.xls", "q3.xlsm", "q3.csv", "q3"])
def test_new_refuses_a_name_that_is_not_xlsx(tmp_path, name):
    result = run("new", str(tmp_path / name))
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "must end in .xlsx" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_new_refuses_a_folder(tmp_path):
    folder = tmp_path / "q3.xlsx"
    folder.mkdir()
    result = run("new", str(folder))
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_new_makes_the_folder_it_is_asked_to_write_into(tmp_path):
    path = tmp_path / "editions" / "2025-26" / "q3.xlsx"
    assert run("new", str(path)).exit_code == 0
    assert path.is_file()


def test_write_blank_workbook_raises_if_the_file_exists(tmp_path):
    path = tmp_path / "q3.xlsx"
    write_blank_workbook(path)
    first = path.read_bytes()
    with pytest.raises(ReportgenError, match="already exists"):
        write_blank_workbook(path)
    assert path.read_bytes() == first
