"""Meta-tests: every finding code is documented and tested; a blank workbook is structurally sound."""

from __future__ import annotations

import re
from pathlib import Path

from reportgen.compare.gates import GATES
from reportgen.meeting.kind import FINDING_CODES as CODES
from reportgen.validation import RULES, validate
from reportgen.workbook.blank import write_blank_workbook
from reportgen.workbook.reader import load

ROOT = Path(__file__).resolve().parents[2]
STRUCTURAL_CODES = (
    "sheet-missing",
    "sheet-unknown",
    "column-missing",
    "column-unknown",
    "column-duplicate",
    "edition-field-unknown",
    "edition-field-duplicate",
)


def documented_codes() -> dict[str, str]:
    """Code -> severity column, from the tables in docs/findings.md."""
    rows = re.findall(r"^\| `([a-z0-9-]+)` \| ([^|]+) \|", (ROOT / "docs" / "findings.md").read_text(), re.MULTILINE)
    return {code: severity.strip() for code, severity in rows}


def test_every_code_is_in_the_findings_table():
    documented = documented_codes()
    missing = sorted(set(CODES) - set(documented))
    assert not missing, f"add these codes to docs/findings.md: {missing}"


def test_the_findings_table_lists_no_code_that_does_not_exist():
    assert sorted(set(documented_codes()) - set(CODES)) == []


def test_every_documented_severity_is_error_or_warning():
    for code, severity in documented_codes().items():
        assert "error" in severity or "warning" in severity, code


def test_every_code_is_exercised_by_some_test():
    tests = "\n".join(
        path.read_text() for path in (ROOT / "tests").rglob("test_*.py") if path.name != Path(__file__).name
    )
    untested = sorted(code for code in CODES if f'"{code}"' not in tests)
    assert not untested, f"write a test that triggers: {untested}"


def test_every_rule_says_why_in_its_docstring():
    for rule in RULES + GATES.rules:
        assert rule.run.__doc__ and rule.run.__doc__.strip(), rule.name


def test_a_blank_workbook_has_no_structural_findings(tmp_path):
    path = tmp_path / "blank.xlsx"
    write_blank_workbook(path)
    findings = validate(load(path))
    assert [f.as_text() for f in findings if f.code in STRUCTURAL_CODES] == []
    assert {f.code for f in findings} <= {"value-required", "edition-no-commitments"}
