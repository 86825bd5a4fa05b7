"""validate --previous: reworded boilerplate and carried-over updates as findings at the new workbook's cell."""

from __future__ import annotations

import json

from click.testing import CliRunner

from reportgen.cli import cli
from reportgen.meeting.kind import FINDING_CODES, validate_edition
from reportgen.validation import Options
from reportgen.workbook.reader import load

from ..builders import make


def fresh_updates(sheets):
    for row in sheets["Commitments"]:
        row["Update"] = f"New progress on {row['ID']} this quarter."


def gate_findings(tmp_path, change, fail_on=()):
    previous = load(make(tmp_path, name="previous.xlsx"))
    current = load(make(tmp_path, change, name="current.xlsx"))
    findings = validate_edition(current, Options(previous=previous, fail_on=frozenset(fail_on)))
    return [f for f in findings if f.code in ("boilerplate-changed", "update-carried-over")]


def reworded_and_carried(sheets):
    fresh_updates(sheets)
    sheets["Commitments"][2]["Commitment"] = "Review the use of handcuffs."
    sheets["Commitments"][3]["Update"] = "Twelve meetings were held."


def test_both_gates_are_warnings_at_the_new_cells(tmp_path):
    findings = gate_findings(tmp_path, reworded_and_carried)
    found = [(f.code, f.severity.value, f.source.sheet, f.source.cell) for f in findings]
    assert found == [
        ("boilerplate-changed", "warning", "Commitments", "D4"),
        ("update-carried-over", "warning", "Commitments", "G5"),
    ]
    assert "deleted 'handcuffing'" in findings[0].message
    assert "C-004" in findings[1].message


def test_fail_on_makes_each_gate_an_error_on_its_own(tmp_path):
    boilerplate = gate_findings(tmp_path, reworded_and_carried, fail_on={"boilerplate"})
    assert [(f.code, f.severity.value) for f in boilerplate] == [
        ("boilerplate-changed", "error"),
        ("update-carried-over", "warning"),
    ]
    carried = gate_findings(tmp_path, reworded_and_carried, fail_on={"carried-over"})
    assert [(f.code, f.severity.value) for f in carried] == [
        ("boilerplate-changed", "warning"),
        ("update-carried-over", "error"),
    ]


def test_no_gate_finding_when_wording_is_kept_and_updates_are_new(tmp_path):
    assert gate_findings(tmp_path, fresh_updates, fail_on={"boilerplate", "carried-over"}) == []


def test_no_gate_finding_without_previous(tmp_path):
    current = load(make(tmp_path, name="current.xlsx"))
    assert not [f for f in validate_edition(current) if f.code in ("boilerplate-changed", "update-carried-over")]


def test_renumbering_and_typographic_retyping_trip_no_boilerplate_gate(tmp_path):
    def change(sheets):
        fresh_updates(sheets)
        sheets["Commitments"][2]["Ref"] = "1.3"
        sheets["Commitments"][3]["Commitment"] = "Meet  schools."

    assert gate_findings(tmp_path, change, fail_on={"boilerplate"}) == []


def test_the_codes_are_documented_for_the_findings_list():
    assert "boilerplate-changed" in FINDING_CODES and "update-carried-over" in FINDING_CODES


def test_validate_command_exit_status_follows_fail_on(tmp_path):
    previous = make(tmp_path, name="previous.xlsx")
    current = make(tmp_path, reworded_and_carried, name="current.xlsx")
    runner = CliRunner()
    warned = runner.invoke(cli, ["validate", str(current), "--previous", str(previous), "--format", "json"])
    assert warned.exit_code == 0, warned.output
    codes = {(f["code"], f["severity"], f["cell"]) for f in json.loads(warned.output)["findings"]}
    assert {("boilerplate-changed", "warning", "D4"), ("update-carried-over", "warning", "G5")} <= codes
    failed = runner.invoke(cli, ["validate", str(current), "--previous", str(previous), "--fail-on", "carried-over"])
    assert failed.exit_code == 1
    assert "Commitments!G5: error [update-carried-over]" in failed.output


def test_an_unreadable_previous_workbook_stops_with_exit_2(tmp_path):
    current = make(tmp_path, name="current.xlsx")
    broken = tmp_path / "previous.xlsx"
    broken.write_text("not a workbook")
    result = CliRunner().invoke(cli, ["validate", str(current), "--previous", str(broken)])
    assert result.exit_code == 2
    assert "previous.xlsx" in result.output and "Traceback" not in result.output


def test_build_with_previous_and_fail_on_writes_nothing(tmp_path, monkeypatch):
    from reportgen.pipeline import parallel

    monkeypatch.setattr(parallel, "_write", lambda document, name, options: name.encode())
    monkeypatch.setattr(parallel, "_check", lambda data, name, file_name, notify: [])
    monkeypatch.setenv("REPORTGEN_NO_FORK", "1")
    previous = make(tmp_path, name="previous.xlsx")
    current = make(tmp_path, reworded_and_carried, name="current.xlsx")
    out = tmp_path / "dist"
    result = CliRunner().invoke(
        cli,
        [
            "build",
            str(current),
            "-o",
            str(out),
            "--only",
            "html",
            "--previous",
            str(previous),
            "--fail-on",
            "boilerplate",
        ],
    )
    assert result.exit_code == 1, result.output
    assert "Commitments!D4: error [boilerplate-changed]" in result.output
    assert not out.exists() or not any(out.iterdir())


def test_a_carried_over_update_whose_cited_figure_changed_says_what_it_now_prints(tmp_path):
    def figures(officers, commitment):
        def change(sheets):
            sheets["Metrics"] = [{"ID": "OFFICERS", "Label": "Police officers", "Value": officers, "Unit": "count"}]
            sheets["Commitments"][0]["Update"] = "There are {metric:OFFICERS} officers."
            sheets["Commitments"][1]["Commitment"] = commitment

        return change

    previous = load(make(tmp_path, figures(32000, "Publish the findings."), name="previous.xlsx"))
    current = load(make(tmp_path, figures(32920, "Publish {metric:OFFICERS} findings."), name="current.xlsx"))
    findings = validate_edition(current, Options(previous=previous))
    carried = next(f for f in findings if f.code == "update-carried-over" and "C-001" in f.message)
    assert (
        "the figure it cites, Police officers ({metric:OFFICERS}), changed from 32,000 to 32,920, so it now "
        "prints 32,920" in carried.message
    )
    reworded = next(f for f in findings if f.code == "boilerplate-changed")
    assert "deleted 'the', inserted '32,920'" in reworded.message
