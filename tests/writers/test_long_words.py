"""Long unbroken words: a warning at their cell, and a PDF that breaks them quickly and safely."""

from __future__ import annotations

import io

import pytest

from reportgen.core.findings import Severity
from reportgen.validation.words import LONG_WORD_CHARACTERS
from reportgen.workbook.reader import load
from reportgen.writers import write_edition
from reportgen.writers.pdf.writer import BREAK_EVERY, long_words_breakable

from ..builders import make
from ..validation_support import findings_for, only, place, with_code


def update(text):
    def change(sheets):
        sheets["Commitments"][0]["Update"] = text

    return change


def test_a_word_over_the_limit_is_a_warning_at_its_cell(tmp_path):
    word = "x" * 32_767  # as long as an Excel cell can hold
    finding = only(findings_for(tmp_path, update(word)), "word-too-long")
    assert finding.severity is Severity.WARNING
    assert place(finding) == "Commitments!G2"
    assert finding.message.startswith("'xxxxxxxxxxxxxxxxxxxxxxxx…' is one word of 32,767 characters with no space;")
    # Other findings about the same cell quote it short too.
    assert all(len(f.message) < 400 for f in findings_for(tmp_path, update(word)))


def test_several_long_words_in_a_cell_are_one_finding(tmp_path):
    def change(sheets):
        sheets["Commitments"][1]["Commitment"] = "a" * 70 + " and " + "b" * 90 + " and " + "c" * 61
        sheets["Chapters"][0]["Title"] = "Fairer" + "_" * 80

    findings = with_code(findings_for(tmp_path, change), "word-too-long")
    assert [place(f) for f in findings] == ["Chapters!B2", "Commitments!D3"]
    assert "of 90 characters with no space (and 2 more such words)" in findings[1].message


@pytest.mark.parametrize(
    "text",
    [
        "y" * LONG_WORD_CHARACTERS,  # at the limit
        "See https://www.example.gov.uk/reports/2025/quarter-two/stop-and-search-data-tables-final.",
        "Read [the report](https://www.example.gov.uk/reports/2025/quarter-two/stop-and-search-data-tables) now.",
        "(www.example.gov.uk/a-very-long-path/with-many-parts/that-goes-on-and-on/for-ever)",
        "Write to stop-and-search-scrutiny-panel-secretariat@policing-and-crime.example.gov.uk today.",
        "Counter-terrorism, anti-social behaviour and well-being " * 3,
    ],
)
def test_addresses_and_ordinary_words_are_fine(tmp_path, text):
    assert not with_code(findings_for(tmp_path, update(text)), "word-too-long")


def test_notes_are_never_checked(tmp_path):
    def change(sheets):
        sheets["Commitments"][0]["Notes"] = "z" * 500

    assert not with_code(findings_for(tmp_path, change), "word-too-long")


def test_the_pdf_gets_a_break_opportunity_in_every_long_word_and_nowhere_else():
    from lxml import etree

    root = etree.fromstring(
        "<html><head><style>p{} /*" + "s" * 80 + "*/</style></head><body>"
        "<p>" + "w" * 35 + " short words <b>" + "b" * 20 + "</b>" + "t" * 40 + "</p>"
        "<svg xmlns='http://www.w3.org/2000/svg'><text>" + "v" * 50 + "</text></svg>" + "u" * 33 + "</body></html>"
    )
    long_words_breakable(root)
    paragraph = root.find("body/p")
    assert paragraph.text.split(" ")[0].split("\u200b") == ["w" * BREAK_EVERY] * 4 + ["www"]
    assert paragraph.find("b").text == "b" * 20
    assert paragraph.find("b").tail.count("\u200b") == 4
    assert "\u200b" not in root.find("head/style").text
    assert "\u200b" not in "".join(root.find("body").find("{http://www.w3.org/2000/svg}svg").itertext())
    assert root.find("body").find("{http://www.w3.org/2000/svg}svg").tail.count("\u200b") == 4


def test_a_long_word_prints_whole_in_the_pdf(tmp_path):
    # Layout time is measured in benchmarks/long_word_bench.py (a 32,767-character word: 35 s of CPU
    # before the breaks, 1.3 s after); this word is shorter only to keep the suite quick.
    import pypdf

    word = "x" * 4_000
    data = write_edition("pdf", load(make(tmp_path, update(word))).edition)
    text = "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)
    assert "\u200b" not in text
    assert text.count("x") == 4_000 + text.count("example")  # every letter is drawn
