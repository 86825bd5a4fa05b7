"""`reportgen validate` as officers and scripts call it: output forms and exit statuses."""

from __future__ import annotations

import json

from click.testing import CliRunner

from reportgen.cli import cli

from ..builders import make


def broken(sheets):
    sheets["Edition"]["Status"] = "Final"
    sheets["Commitments"][2]["Update"] = None
    sheets["Commitments"][3]["Chapter"] = "Working togther"
    sheets["Commitments"][0]["Update"] = "See [here](https://www.example.gov.uk/r)."


def invoke(*args):
    return CliRunner().invoke(cli, ["validate", *map(str, args)])


def test_a_clean_workbook_exits_0_with_a_summary(tmp_path):
    path = make(tmp_path)
    result = invoke(path)
    assert result.exit_code == 0
    assert result.stdout == f"{path}: no problems found\n"


def test_warnings_alone_exit_0(tmp_path):
    def change(sheets):
        sheets["Commitments"][0]["Update"] = "See [here](https://www.example.gov.uk/r)."

    result = invoke(make(tmp_path, change))
    assert result.exit_code == 0
    assert "warning [link-text-vague]" in result.stdout and result.stdout.strip().endswith("1 warning")


def test_errors_exit_1_and_every_finding_is_printed_in_sheet_and_row_order(tmp_path):
    path = make(tmp_path, broken)
    result = invoke(path)
    assert result.exit_code == 1
    lines = result.stdout.strip().splitlines()
    assert lines[-1] == f"{path}: 3 errors and 1 warning"
    places = [line.split(":")[0] for line in lines[:-1]]
    assert places == ["Chapters!B3", "Commitments!G2", "Commitments!G4", "Commitments!C5"]
    assert "Commitments!G4: error [update-missing]: commitment C-003 has no update; a Final edition needs one" in lines


def test_json_output_is_one_document_with_cells_rows_and_counts(tmp_path):
    result = invoke("--format", "json", make(tmp_path, broken))
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert (document["errors"], document["warnings"]) == (3, 1)
    update = next(f for f in document["findings"] if f["code"] == "update-missing")
    assert {key: update[key] for key in ("severity", "sheet", "cell", "row", "column")} == {
        "severity": "error",
        "sheet": "Commitments",
        "cell": "G4",
        "row": 4,
        "column": "Update",
    }
    assert update["message"] == "commitment C-003 has no update; a Final edition needs one"


def test_json_for_a_whole_sheet_finding_has_a_null_cell(tmp_path):
    def change(sheets):
        sheets["Chapters"] = None

    document = json.loads(invoke("--format", "json", make(tmp_path, change)).stdout)
    missing = next(f for f in document["findings"] if f["code"] == "sheet-missing")
    assert missing["cell"] is None and missing["row"] is None and missing["sheet"] == "Chapters"


def test_an_unknown_format_is_a_usage_error(tmp_path):
    result = invoke("--format", "xml", make(tmp_path))
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_an_unreadable_file_exits_2_with_one_line(tmp_path):
    result = invoke(tmp_path / "missing.xlsx")
    assert result.exit_code == 2
    assert result.stderr == f"reportgen: {tmp_path / 'missing.xlsx'}: no such file\n"


def test_validate_has_help():
    result = CliRunner().invoke(cli, ["validate", "--help"])
    assert result.exit_code == 0 and "--format" in result.stdout
