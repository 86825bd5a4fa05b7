"""Published words: review residue, typed HTML, long cells and abbreviations missing from the Glossary."""

from __future__ import annotations

import pytest

from reportgen.core import schema
from reportgen.core.findings import Severity
from reportgen.validation.abbreviations import abbreviations_in

from ..validation_support import findings_for, only, place, with_code

TEXT_CODES = ("review-residue", "html-in-cell", "cell-too-long", "abbreviation-undefined")


def update(text, status="Draft"):
    def change(sheets):
        sheets["Edition"]["Status"] = status
        sheets["Commitments"][0]["Update"] = text

    return change


def test_a_valid_edition_has_no_text_findings(tmp_path):
    assert not [f for f in findings_for(tmp_path) if f.code in TEXT_CODES]


@pytest.mark.parametrize(
    "text, found",
    [
        ("Commented [AB1]: is this right? The pilot ended.", "Commented [AB1]:"),
        ("The pilot ended [JS2] in August.", "[JS2]"),
        ("@Priya please check the figure.", "@Priya"),
        ("The report is due TBC.", "TBC"),
        ("TODO: add the dates.", "TODO"),
        ("Recruitment rose by XX% this quarter.", "XX"),
        ("The fund is worth £XXm.", "XXm"),
        ("[insert figure] officers were trained.", "[insert"),
        ("[Insert date] is the next meeting.", "[Insert"),
        ("The board met on ??? to agree it.", "???"),
    ],
)
def test_review_residue_is_an_error_in_a_final_edition(tmp_path, text, found):
    finding = only(findings_for(tmp_path, update(text, "Final")), "review-residue")
    assert finding.severity is Severity.ERROR
    assert place(finding) == "Commitments!G2"
    assert f"'{found}'" in finding.message


def test_review_residue_is_a_warning_in_a_draft(tmp_path):
    finding = only(findings_for(tmp_path, update("Figures TBC.")), "review-residue")
    assert finding.severity is Severity.WARNING


@pytest.mark.parametrize(
    "text",
    [
        "Write to actionplan@example.gov.uk for a copy.",
        "The board approved it. Phoenix and Alexandra took part.",
        "A TBCx code and the word xxl are not placeholders; nor is 'question?'.",
        "Chapter XIV of the report covers it.",
    ],
)
def test_ordinary_text_is_not_residue(tmp_path, text):
    assert not with_code(findings_for(tmp_path, update(text, "Final")), "review-residue")


def test_residue_is_checked_in_every_published_text_but_never_in_notes(tmp_path):
    def change(sheets):
        sheets["Edition"]["Title"] = "Action Plan TBC"
        sheets["Chapters"][1]["Introduction"] = "Intro [insert text]"
        sheets["Narrative"][0]["Heading"] = "Introduction TODO"
        sheets["Commitments"][0]["Commitment"] = "Review stops ???"
        sheets["Commitments"][1]["Notes"] = "TODO ask @Sam, XX"
        sheets["Commitments"][2]["Previous update"] = "Figures TBC <b>[insert]</b> MOPAC"
        sheets["Glossary"] = [{"Term": "Board", "Meaning": "The oversight board TBC"}]
        sheets["Metrics"] = [{"ID": "M-1", "Label": "Officers XX", "Value": 5, "Unit": "count"}]
        sheets["Charts"] = [{"Group": "G", "Title": "Chart TBD", "Type": "bar", "Description": "About @Jo"}]

    places = sorted(place(f) for f in with_code(findings_for(tmp_path, change), "review-residue"))
    assert places == sorted(
        [
            "Edition!B2",
            "Chapters!C3",
            "Commitments!D2",
            "Narrative!B2",
            "Metrics!B2",
            "Charts!B2",
            "Charts!E2",
            "Glossary!B2",
        ]
    )


@pytest.mark.parametrize(
    "text, advice",
    [
        ("The <b>pilot</b> ended.", "**bold**"),
        ("<ul><li>One</li></ul>", "'- '"),
        ("First line<br>second line", "Alt+Enter"),
        ("Stop&nbsp;and search", "ordinary space"),
    ],
)
def test_html_typed_in_a_cell_is_a_warning_with_the_markup_to_use(tmp_path, text, advice):
    finding = only(findings_for(tmp_path, update(text)), "html-in-cell")
    assert finding.severity is Severity.WARNING
    assert place(finding) == "Commitments!G2"
    assert advice in finding.message


@pytest.mark.parametrize(
    "text",
    [
        "Fewer than <5 officers were affected & it ended.",
        "**Bold** and *italic*.",
        "See <https://www.example.gov.uk/report>.",
    ],
)
def test_angle_brackets_and_ampersands_in_prose_are_not_html(tmp_path, text):
    assert not with_code(findings_for(tmp_path, update(text)), "html-in-cell")


def test_a_cell_longer_than_the_limit_is_a_warning(tmp_path):
    long_text = ("The pilot continued across every borough. " * 200)[: schema.LONG_CELL_CHARACTERS + 1]
    finding = only(findings_for(tmp_path, update(long_text)), "cell-too-long")
    assert finding.severity is Severity.WARNING
    assert place(finding) == "Commitments!G2"


def test_a_cell_at_the_limit_is_fine_and_long_notes_are_never_checked(tmp_path):
    def change(sheets):
        sheets["Commitments"][0]["Update"] = "a" * schema.LONG_CELL_CHARACTERS
        sheets["Commitments"][1]["Notes"] = "b" * (schema.LONG_CELL_CHARACTERS * 2)

    assert not with_code(findings_for(tmp_path, change), "cell-too-long")


def test_an_abbreviation_missing_from_the_glossary_is_reported_once_at_its_first_cell(tmp_path):
    def change(sheets):
        sheets["Commitments"][0]["Update"] = "The BCU met twice."
        sheets["Commitments"][2]["Commitment"] = "Each BCU will review stops."
        sheets["Commitments"][3]["Lead"] = "BCUs"

    finding = only(findings_for(tmp_path, change), "abbreviation-undefined")
    assert finding.severity is Severity.WARNING
    assert place(finding) == "Commitments!G2"
    assert "'BCU'" in finding.message and "2 more cells" in finding.message


def test_abbreviations_in_the_glossary_are_fine_including_plurals(tmp_path):
    def change(sheets):
        sheets["Commitments"][0]["Update"] = "The BCUs and MOPAC met."
        sheets["Commitments"][1]["Lead"] = "MPS"
        sheets["Glossary"] = [
            {"Term": "BCU", "Meaning": "Basic Command Unit"},
            {"Term": "MOPAC", "Meaning": "Mayor's Office for Policing and Crime"},
            {"Term": "MPS (the Met)", "Meaning": "Metropolitan Police Service"},
        ]

    assert not with_code(findings_for(tmp_path, change), "abbreviation-undefined")


def test_abbreviations_in_notes_links_and_citations_are_not_counted(tmp_path):
    def change(sheets):
        sheets["Commitments"][0]["Notes"] = "Ask HR"
        sheets["Commitments"][0]["Update"] = (
            "See [the report](https://www.example.gov.uk/MOPAC/REPORT) and {metric:OFFICERS}."
        )
        sheets["Metrics"] = [{"ID": "OFFICERS", "Label": "Officers", "Value": 5, "Unit": "count"}]

    assert not with_code(findings_for(tmp_path, change), "abbreviation-undefined")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The MPS and MOPAC met the BCUs.", ["MPS", "MOPAC", "BCU"]),
        ("Part II and annex XIV; DCI Smith.", ["DCI"]),
        ("MAYOR'S ACTION PLAN FOR TRUST, with the NPCC", ["NPCC"]),
        ("UK figures, TBC, and XX% of staff", []),
        ("COVID-19 and PCSOs", ["COVID", "PCSO"]),
        ("This is NOT a target, NB the IOPC", ["IOPC"]),
    ],
)
def test_what_counts_as_an_abbreviation(text, expected):
    assert abbreviations_in(text) == expected
