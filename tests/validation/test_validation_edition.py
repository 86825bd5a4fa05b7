"""Edition-wide rules: dates, language and contact, and what a Final edition needs."""

from __future__ import annotations

import datetime as dt

import pytest

from reportgen.core.findings import Severity

from ..validation_support import findings_for, only, place, with_code

EDITION_CODES = (
    "period-reversed",
    "publication-before-period-end",
    "update-missing",
    "final-unapproved",
    "language-invalid",
    "contact-invalid",
)


def final(sheets):
    sheets["Edition"]["Status"] = "Final"


def test_a_valid_final_edition_has_no_edition_findings(tmp_path):
    findings = findings_for(tmp_path, final)
    assert not [f for f in findings if f.code in EDITION_CODES]


def test_a_period_that_ends_before_it_starts(tmp_path):
    def change(sheets):
        sheets["Edition"]["Period end"] = dt.date(2025, 6, 30)
        sheets["Edition"]["Publication date"] = dt.date(2025, 8, 1)

    finding = only(findings_for(tmp_path, change), "period-reversed")
    assert finding.severity is Severity.ERROR
    assert place(finding) == "Edition!B5"
    assert "30 June 2025" in finding.message and "1 July 2025" in finding.message


def test_publication_before_the_period_ends(tmp_path):
    def change(sheets):
        sheets["Edition"]["Publication date"] = "15/09/2025"  # typed as text: still read as a date

    finding = only(findings_for(tmp_path, change), "publication-before-period-end")
    assert finding.severity is Severity.ERROR
    assert place(finding) == "Edition!B6"


def test_publication_on_the_last_day_of_the_period_is_fine(tmp_path):
    def change(sheets):
        sheets["Edition"]["Publication date"] = dt.date(2025, 9, 30)

    assert not with_code(findings_for(tmp_path, change), "publication-before-period-end")


def test_a_final_edition_needs_an_update_on_every_commitment(tmp_path):
    def change(sheets):
        final(sheets)
        sheets["Commitments"][2]["Update"] = None

    finding = only(findings_for(tmp_path, change), "update-missing")
    assert finding.severity is Severity.ERROR
    assert finding.as_text() == (
        "Commitments!G4: error [update-missing]: commitment C-003 has no update; a Final edition needs one"
    )
    assert finding.as_dict()["column"] == "Update"


def test_a_draft_may_have_missing_updates_and_unapproved_rows(tmp_path):
    def change(sheets):
        sheets["Commitments"][2]["Update"] = None
        sheets["Commitments"][1]["Approved"] = "No"

    findings = findings_for(tmp_path, change)
    assert not with_code(findings, "update-missing") and not with_code(findings, "final-unapproved")


@pytest.mark.parametrize("approved", ["No", None])
def test_a_final_edition_needs_every_row_approved(tmp_path, approved):
    def change(sheets):
        final(sheets)
        sheets["Commitments"][1]["Approved"] = approved

    finding = only(findings_for(tmp_path, change), "final-unapproved")
    assert finding.severity is Severity.ERROR
    assert place(finding) == "Commitments!H3"
    assert "C-002" in finding.message


def test_a_final_edition_without_an_approved_column_is_reported_once(tmp_path):
    headers = {"Commitments": ["ID", "Ref", "Chapter", "Commitment", "Status", "Update"]}
    finding = only(findings_for(tmp_path, final, headers=headers), "final-unapproved")
    assert finding.source.sheet == "Commitments" and finding.source.row == 1


@pytest.mark.parametrize(
    "tag, bad",
    [
        ("en-GB", False),
        ("cy", False),
        ("en", False),
        ("zh-Hant-TW", False),
        ("English", True),
        ("en_GB", True),
        ("en-GB-", True),
    ],
)
def test_the_language_must_be_a_language_tag(tmp_path, tag, bad):
    def change(sheets):
        sheets["Edition"]["Language"] = tag

    findings = with_code(findings_for(tmp_path, change), "language-invalid")
    assert bool(findings) is bad
    if bad:
        assert findings[0].severity is Severity.ERROR and place(findings[0]) == "Edition!B9"


@pytest.mark.parametrize(
    "contact, bad",
    [
        ("team@example.gov.uk", False),
        ("mailto:team@example.gov.uk", False),
        ("Policy team", True),
        ("team@localhost", True),
    ],
)
def test_the_contact_must_be_an_email_address(tmp_path, contact, bad):
    def change(sheets):
        sheets["Edition"]["Contact"] = contact

    findings = with_code(findings_for(tmp_path, change), "contact-invalid")
    assert bool(findings) is bad
    if bad:
        assert place(findings[0]) == "Edition!B10"
