"""Links (addresses and link text) and {metric:ID} citations."""

from __future__ import annotations

import pytest

from reportgen.core.findings import Severity

from ..validation_support import findings_for, only, place, with_code

LINK_CODES = ("link-malformed", "link-scheme", "link-text-bare-url", "link-text-vague")


def update(text):
    def change(sheets):
        sheets["Commitments"][0]["Update"] = text

    return change


def test_good_links_have_no_findings(tmp_path):
    text = (
        "Read [the handcuffing review](https://www.example.gov.uk/review.pdf) or write to "
        "actionplan@example.gov.uk or [the team](mailto:team@example.gov.uk)."
    )
    findings = findings_for(tmp_path, update(text))
    assert not [f for f in findings if f.code in LINK_CODES]


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("[the report](https://)", "not a complete web address"),
        ("[the report](http://localhost/report)", "not a complete web address"),
        ("[write to us](mailto:team)", "not a complete e-mail address"),
        ("[the report](www.example.gov.uk/report)", "https://www.example.gov.uk/report"),
        ("[the report] (https://www.example.gov.uk/report)", "could not be read"),
        ("[the report](https://www.example.gov.uk/my report)", "could not be read"),
    ],
)
def test_a_malformed_link_is_an_error(tmp_path, text, fragment):
    finding = only(findings_for(tmp_path, update(text)), "link-malformed")
    assert finding.severity is Severity.ERROR
    assert place(finding) == "Commitments!G2"
    assert fragment in finding.message


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("[run it](javascript:alert(1))", "'javascript:'"),
        ("[the file](file:///C:/reports/q2.docx)", "'file:'"),
        ("[the chart](data:image/png;base64,AAAA)", "'data:'"),
        ("[the figures](#Metrics!A1)", "inside the workbook"),
        ("[the report](C:\\Reports\\q2.docx)", "on a computer"),
        ("[the report](reports/q2.pdf)", "on a computer"),
    ],
)
def test_a_link_with_another_scheme_is_an_error(tmp_path, text, fragment):
    finding = only(findings_for(tmp_path, update(text)), "link-scheme")
    assert finding.severity is Severity.ERROR
    assert fragment in finding.message


def test_a_cell_hyperlink_to_a_place_in_the_workbook_is_an_error(tmp_path):
    finding = only(findings_for(tmp_path, update(("See the figures", "#Metrics!A1"))), "link-scheme")
    assert place(finding) == "Commitments!G2"


def test_a_bare_url_is_a_warning(tmp_path):
    finding = only(
        findings_for(tmp_path, update("Published at https://www.example.gov.uk/q2 today.")), "link-text-bare-url"
    )
    assert finding.severity is Severity.WARNING
    assert place(finding) == "Commitments!G2"


def test_a_link_whose_text_is_its_address_is_a_warning(tmp_path):
    text = "[https://www.example.gov.uk/q2](https://www.example.gov.uk/q2)"
    assert only(findings_for(tmp_path, update(text)), "link-text-bare-url").severity is Severity.WARNING


@pytest.mark.parametrize("link_text", ["here", "Click here", "click here.", "this link", "read more", "website"])
def test_vague_link_text_is_a_warning(tmp_path, link_text):
    finding = only(
        findings_for(tmp_path, update(f"The review is [{link_text}](https://www.example.gov.uk/r).")), "link-text-vague"
    )
    assert finding.severity is Severity.WARNING
    assert place(finding) == "Commitments!G2"


def test_square_brackets_and_parentheses_in_prose_are_not_a_broken_link(tmp_path):
    text = "The Mayor's Action Plan [MAP] (2020) set this out."
    assert not with_code(findings_for(tmp_path, update(text)), "link-malformed")


def test_link_text_that_only_contains_here_is_fine(tmp_path):
    text = "[Where we are here and now](https://www.example.gov.uk/r)"
    assert not with_code(findings_for(tmp_path, update(text)), "link-text-vague")


def test_links_in_notes_are_never_checked(tmp_path):
    def change(sheets):
        sheets["Commitments"][0]["Notes"] = "[here](javascript:alert(1)) https://intranet"

    findings = findings_for(tmp_path, change)
    assert not [f for f in findings if f.code in LINK_CODES]


def metrics(sheets):
    sheets["Metrics"] = [
        {"ID": "OFFICERS-ALL", "Label": "All officers", "Value": 32920, "Unit": "count"},
        {"ID": "OFFICERS-BLACK", "Label": "Black officers", "Value": 1200, "Unit": "count", "Of": "OFFICERS-ALL"},
    ]


def test_known_citations_in_both_forms_are_fine(tmp_path):
    def change(sheets):
        metrics(sheets)
        sheets["Commitments"][0]["Update"] = "There are {metric:OFFICERS-ALL} officers, {metric:officers-black:share}."

    findings = findings_for(tmp_path, change)
    assert not with_code(findings, "metric-unknown") and not with_code(findings, "metric-form-unknown")


def test_an_unknown_metric_is_an_error_with_a_suggestion(tmp_path):
    def change(sheets):
        metrics(sheets)
        sheets["Chapters"][0]["Introduction"] = "We have {metric:OFICERS-ALL} officers."

    finding = only(findings_for(tmp_path, change), "metric-unknown")
    assert finding.severity is Severity.ERROR
    assert place(finding) == "Chapters!C2"
    assert "did you mean {metric:OFFICERS-ALL}?" in finding.message


def test_a_citation_with_no_metrics_sheet_rows_is_unknown(tmp_path):
    finding = only(findings_for(tmp_path, update("Up to {metric:ARRESTS}.")), "metric-unknown")
    assert "add the figure to the Metrics sheet" in finding.message


def test_an_unknown_citation_form_is_an_error(tmp_path):
    def change(sheets):
        metrics(sheets)
        sheets["Narrative"][0]["Body"] = "Officers: {metric:OFFICERS-ALL:percent}."

    finding = only(findings_for(tmp_path, change), "metric-form-unknown")
    assert finding.severity is Severity.ERROR
    assert place(finding) == "Narrative!C2"
    assert "{metric:OFFICERS-ALL:share}" in finding.message


def test_validation_and_the_document_check_agree_on_vague_link_text():
    from reportgen.accessibility.links import check_link_text
    from reportgen.core.findings import Source
    from reportgen.core.linktext import VAGUE_LINK_TEXT

    for text in VAGUE_LINK_TEXT:
        finding = check_link_text(text, "https://www.example.gov.uk/r", Source(where="paragraph 1"))
        assert finding is not None and finding.code == "link-text-unclear", text
