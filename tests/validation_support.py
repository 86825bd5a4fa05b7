"""Helpers for the validation tests: build a workbook, validate it, pick out findings."""

from __future__ import annotations

from pathlib import Path

from reportgen.core.findings import Finding
from reportgen.validation import validate
from reportgen.workbook.reader import load

from .builders import make


def findings_for(tmp_path: Path, change=None, **kwargs) -> list[Finding]:
    """Validate the builders' valid edition after `change(sheets)`."""
    return validate(load(make(tmp_path, change, **kwargs)))


def with_code(findings: list[Finding], code: str) -> list[Finding]:
    return [f for f in findings if f.code == code]


def place(finding: Finding) -> str:
    """Where a finding points, as the text output prints it: Commitments!G2."""
    return finding.source.describe()


def only(findings: list[Finding], code: str) -> Finding:
    """The one finding with `code`; fails, listing them all, if there is not exactly one."""
    matching = with_code(findings, code)
    assert len(matching) == 1, [f.as_text() for f in findings]
    return matching[0]
