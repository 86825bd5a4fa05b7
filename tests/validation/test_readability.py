"""Reading ease: the measure itself, and how validate --readability and check report it (never as an error)."""

from __future__ import annotations

from click.testing import CliRunner

from reportgen.cli import cli
from reportgen.core.findings import Severity
from reportgen.core.readability import count_syllables, measure, split_sentences
from reportgen.validation import Options, validate
from reportgen.workbook.reader import load

from ..builders import make

PLAIN = "We met twelve schools. Each one sent two pupils. They told us what they think."
HARD = (
    "The organisational transformation programme necessitates comprehensive consideration of "
    "interdependencies between operational accountability mechanisms, institutional governance "
    "arrangements and community representation infrastructure across metropolitan jurisdictions."
)


def test_short_everyday_sentences_read_more_easily_than_long_abstract_ones():
    plain, hard = measure(PLAIN), measure(HARD)
    assert plain.reading_ease > 80 > 0 > hard.reading_ease
    assert plain.band in ("easy", "very easy") and hard.band == "very difficult"
    assert (plain.sentences, plain.words) == (3, 15)


def test_the_longest_sentence_comes_first_and_is_flagged_past_25_words():
    result = measure(PLAIN + " " + HARD)
    assert result.longest[0] == HARD
    assert "longest sentence 25 words (aim for 25 or fewer)" not in result.describe()
    assert "(aim for 25 or fewer)" not in measure(PLAIN).describe()
    long_sentence = " ".join(["word"] * 30) + "."
    assert "longest sentence 30 words (aim for 25 or fewer)" in measure(long_sentence).describe()


def test_sentences_split_at_stops_but_not_inside_abbreviations_decimals_or_addresses():
    text = "The rate was 16.0% in August. Dr. Khan, e.g. the chair, spoke! See https://example.org/a.b now.\n• A bullet"
    assert split_sentences(text) == [
        "The rate was 16.0% in August.",
        "Dr. Khan, e.g. the chair, spoke!",
        "See link now.",
        "A bullet",
    ]


def test_syllables_are_estimated_from_vowel_groups_less_silent_endings():
    assert [count_syllables(w) for w in ("the", "table", "police", "trusted", "stopped", "communities")] == [
        1,
        2,
        2,
        2,
        1,
        4,
    ]


def test_text_without_words_has_no_score():
    assert measure("  \n • \n") is None


def test_validate_with_readability_reports_each_update_as_a_warning_at_its_cell(tmp_path):
    def hard_update(sheets):
        sheets["Commitments"][0]["Update"] = HARD

    loaded = load(make(tmp_path, hard_update))
    findings = [f for f in validate(loaded, Options(readability=True)) if f.code == "readability"]
    assert {f.severity for f in findings} == {Severity.WARNING}
    first = findings[0]
    assert (first.source.sheet, first.source.cell) == ("Commitments", "G2")
    assert "the update of C-001: reading ease" in first.message and "very difficult" in first.message
    assert any(f.source.sheet == "Narrative" for f in findings)
    assert len([f for f in findings if f.source.sheet == "Commitments"]) == 4


def test_validate_without_readability_reports_no_reading_ease(tmp_path):
    findings = validate(load(make(tmp_path)), Options())
    assert [f for f in findings if f.code == "readability"] == []


def test_readability_never_changes_the_exit_status(tmp_path):
    def hard_update(sheets):
        sheets["Commitments"][0]["Update"] = HARD

    result = CliRunner().invoke(cli, ["validate", str(make(tmp_path, hard_update)), "--readability"])
    assert result.exit_code == 0
    assert "warning [readability]" in result.output
