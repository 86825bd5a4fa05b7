"""reportgen compare: the command, and its text, JSON, HTML and DOCX reports."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from lxml import html as lxml_html

from reportgen.cli import cli
from reportgen.compare import compare, render_report
from reportgen.compare.report_json import VERSION
from reportgen.workbook.reader import load

from ..builders import make

ROOT = Path(__file__).resolve().parents[2]


def change_everything(sheets):
    rows = sheets["Commitments"]
    rows[0]["Commitment"] = "Review all vehicle stops."
    rows[0]["Update"] = "The pilot finished in September & the report followed."
    rows[1]["Update"] = "The report was approved <b>in full</b>."
    rows[2]["Ref"] = "1.3"
    rows[3]["Update"] = "Fourteen meetings were held."
    rows.append({"ID": "C-005", "Ref": "2.2", "Chapter": "2", "Commitment": "Visit colleges.", "Update": "Begun."})
    sheets["Edition"]["Edition"] = "2025/26 Quarter 3 Update"


@pytest.fixture
def pair(tmp_path):
    return make(tmp_path, name="old.xlsx"), make(tmp_path, change_everything, name="new.xlsx")


@pytest.fixture
def comparison(pair):
    return compare(load(pair[0]).edition, load(pair[1]).edition)


def run(*args):
    return CliRunner().invoke(cli, ["compare", *map(str, args)])


# --- command -----------------------------------------------------------------------------


def test_text_goes_to_standard_output_without_colour_and_exits_0(pair):
    result = run(*pair)
    assert result.exit_code == 0, result.output
    assert "\x1b[" not in result.output
    assert "Summary: " in result.output
    assert "Review {+all+} vehicle stops." in result.output
    assert "finished in [-August-]" in result.output
    # The most important kind comes first.
    assert result.output.index("== Commitment text changed (1) ==") < result.output.index("== Update changed")


def test_colour_is_added_only_when_asked(comparison):
    coloured = render_report(comparison, "text", colour=True).decode()
    assert "\x1b[" in coloured
    assert "{+all+}" in re.sub(r"\x1b\[[0-9;]*m", "", coloured)


def test_json_goes_to_standard_output_with_its_schema_version(pair):
    result = run(*pair, "--format", "json")
    assert result.exit_code == 0
    document = json.loads(result.output)
    assert (document["schema"], document["version"]) == ("reportgen-compare", VERSION)
    assert document["summary"]["by_kind"]["boilerplate-changed"] == 1
    first = document["changes"][0]
    assert (first["kind"], first["id"], first["cell"]) == (
        "boilerplate-changed",
        "C-001",
        {"sheet": "Commitments", "cell": "D2", "row": 2},
    )
    assert {"op": "insert", "text": "all", "space_after": " ", "printed": "all"} in first["diff"]["segments"]


def test_every_json_key_is_documented(comparison):
    from reportgen.compare.report_json import as_dict

    docs = (ROOT / "docs" / "compare.md").read_text()
    document = as_dict(comparison)
    keys = set(document) | set(document["summary"]) | set(document["old"]) | set(document["options"])
    for change in document["changes"]:
        keys |= set(change)
        if change["diff"]:
            keys |= set(change["diff"]) | set(change["diff"]["segments"][0])
    undocumented = sorted(key for key in keys if f"`{key}`" not in docs)
    assert not undocumented
    assert f'"version": {VERSION}' in docs


def test_format_follows_the_output_suffix_and_files_are_written_whole(pair, tmp_path):
    for suffix, start in ((".html", b"<!DOCTYPE html>"), (".json", b"{"), (".docx", b"PK"), (".txt", b"Changes")):
        target = tmp_path / "reports" / f"review{suffix}"
        result = run(*pair, "-o", target)
        assert result.exit_code == 0, result.output
        assert target.read_bytes().startswith(start)
    assert not [p for p in (tmp_path / "reports").iterdir() if p.name.startswith(".")]


def test_docx_without_an_output_file_is_refused_with_exit_2(pair):
    result = run(*pair, "--format", "docx")
    assert result.exit_code == 2
    assert "-o REPORT.docx" in result.output


def test_html_may_go_to_standard_output_but_not_into_a_folder(pair, tmp_path):
    result = run(*pair, "--format", "html")
    assert result.exit_code == 0 and result.output.startswith("<!DOCTYPE html>")
    folder = tmp_path / "reports"
    folder.mkdir()
    refused = run(*pair, "-o", folder, "--format", "html")
    assert refused.exit_code == 2
    assert not any(folder.iterdir())


def test_the_report_may_not_overwrite_an_input(pair):
    before = pair[1].read_bytes()
    result = run(*pair, "-o", pair[1], "--format", "html")
    assert result.exit_code == 2
    assert "being compared" in result.output
    assert pair[1].read_bytes() == before


def test_unreadable_or_missing_workbooks_exit_2_with_one_line(pair, tmp_path):
    broken = tmp_path / "broken.xlsx"
    broken.write_text("not a workbook")
    for args in ((broken, pair[1]), (pair[0], tmp_path / "missing.xlsx")):
        result = run(*args)
        assert result.exit_code == 2
        assert len(result.output.strip().splitlines()) == 1
        assert "Traceback" not in result.output


def test_a_workbook_without_commitments_is_not_an_edition(pair, tmp_path):
    from ..builders import valid_sheets, write_workbook

    sheets = valid_sheets()
    sheets["Commitments"] = None
    other = write_workbook(tmp_path / "other.xlsx", sheets)
    result = run(pair[0], other)
    assert result.exit_code == 2
    assert "other.xlsx" in result.output and "Commitments" in result.output


def test_match_by_text_and_strict_are_passed_through(pair):
    result = run(*pair, "--format", "json", "--match-by", "text", "--strict")
    assert json.loads(result.output)["options"] == {"match_by": "text", "strict": True}


# --- HTML --------------------------------------------------------------------------------


@pytest.fixture
def page(comparison):
    return lxml_html.fromstring(render_report(comparison, "html"))


def test_html_has_language_landmarks_and_ordered_headings(page):
    assert page.get("lang") == "en-GB"
    assert page.findtext(".//title").startswith("Changes from 2025/26 Quarter 2 Update")
    for landmark in ("header", "nav", "main", "footer"):
        assert len(page.findall(f".//{landmark}")) == 1, landmark
    assert len(page.findall(".//h1")) == 1
    levels = [int(element.tag[1]) for element in page.iter("h1", "h2", "h3", "h4")]
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:])), levels


def test_html_marks_insertions_and_deletions_in_words_as_well_as_colour(page):
    deletions = [d for d in page.iter("del") if "August" in d.text_content()]
    insertions = [i for i in page.iter("ins") if "September" in i.text_content()]
    assert deletions and insertions
    assert deletions[0].text_content().startswith("[deleted: ")
    assert insertions[0].text_content().startswith("[inserted: ")
    assert deletions[0].find("span").get("class") == "visually-hidden"
    css = page.findtext(".//style")
    assert "line-through" in css and "underline" in css


def test_html_filters_and_groups(page):
    radios = {r.get("id") for r in page.iter("input") if r.get("type") == "radio"}
    assert radios == {"show-all", "show-changed", "show-carried-over", "show-boilerplate-changed"}
    for radio in radios:
        assert page.find(f".//label[@for='{radio}']") is not None
    groups = [s.get("id") for s in page.iter("section") if "group" in (s.get("class") or "")]
    assert groups[0] == "kind-boilerplate-changed"
    assert "kind-carried-over" in groups and "kind-update-changed" in groups
    css = page.findtext(".//style")
    assert "#show-carried-over:checked ~ .groups .group:not(.kind-carried-over)" in css


def test_html_is_self_contained_and_escapes_edition_text(page, comparison):
    assert not page.findall(".//script")
    assert not page.findall(".//link")
    assert not [e for e in page.iter() if e.get("src")]
    hrefs = [a.get("href") for a in page.iter("a")]
    assert all(h.startswith("#") for h in hrefs)
    text = render_report(comparison, "html").decode()
    assert "&lt;b&gt;in full&lt;/b&gt;" in text and "<b>in full</b>" not in text


def test_reports_are_byte_identical_twice(comparison):
    for fmt in ("text", "json", "html", "docx"):
        assert render_report(comparison, fmt) == render_report(comparison, fmt), fmt


# --- DOCX --------------------------------------------------------------------------------


def test_docx_has_a_table_per_kind_with_formatted_redline_and_a_comment_column(comparison):
    document = docx.Document(io.BytesIO(render_report(comparison, "docx")))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:2] == ["Summary", "Commitment text changed (1)"]
    redline_table = document.tables[1]
    assert redline_table.rows[0].cells[-1].text == "Reviewer's comment"
    runs = [run for row in redline_table.rows[1:] for p in row.cells[2].paragraphs for run in p.runs]
    inserted = [run for run in runs if run.font.underline]
    assert [run.text for run in inserted] == ["all"]
    text_tables = [table for table in document.tables if len(table.columns) == 5]
    update_runs = [
        run
        for table in text_tables
        for row in table.rows[1:]
        for p in row.cells[2].paragraphs
        for run in p.runs
        if run.font.strike
    ]
    assert "August" in [run.text for run in update_runs]
    assert document.core_properties.title == "Changes from 2025/26 Quarter 2 Update to 2025/26 Quarter 3 Update"


# --- cited figures -----------------------------------------------------------------------


def cited(officers: int, update: str):
    def change(sheets):
        sheets["Metrics"] = [
            {"ID": "OFFICERS", "Label": "Police officers", "Value": officers, "Unit": "count"},
            {"ID": "BLACK", "Label": "Black officers", "Value": 1182, "Unit": "count", "Of": "OFFICERS"},
        ]
        rows = sheets["Commitments"]
        rows[0]["Update"] = "There are {metric:OFFICERS} officers."
        rows[1]["Update"] = update

    return change


@pytest.fixture
def citing(tmp_path):
    old = make(tmp_path, cited(32000, "Black officers are {metric:BLACK:share} of the force."), name="old.xlsx")
    new = make(tmp_path, cited(32920, "Black officers are now {metric:BLACK:share} of the force."), name="new.xlsx")
    return compare(load(old).edition, load(new).edition)


def test_the_comparison_knows_each_cited_figure_as_each_edition_prints_it(citing):
    carried = next(c for c in citing.of_kind("carried-over") if c.id == "C-001")
    (officers,) = carried.citations
    assert (officers.metric_id, officers.old, officers.new, officers.changed) == ("OFFICERS", "32,000", "32,920", True)
    assert officers.difference == "+920 (+2.9%)"
    changed = next(c for c in citing.of_kind("update-changed") if c.id == "C-002")
    (share,) = changed.citations
    assert (share.form, share.old, share.new) == ("share", "3.7%", "3.6%")


def test_the_text_report_prints_figures_and_names_their_metric_and_the_change(citing):
    text = render_report(citing, "text").decode()
    carried = text[text.index("1.1 C-001") : text.index("\n\n", text.index("1.1 C-001") + 20)]
    assert "There are 32,920 officers." in carried
    assert (
        "Cited figure changed: Police officers ({metric:OFFICERS}) changed from 32,000 to 32,920 "
        "(+920 (+2.9%))" in carried
    )
    assert "(Figures cited: 32,920 is {metric:OFFICERS} (Police officers).)" in carried
    # Typed the same, so one word in the redline; the figure it prints moved, and the note says so.
    assert "Black officers are {+now+} 3.6% of the force." in text
    assert "Black officers ({metric:BLACK:share}) changed from 3.7% to 3.6%" in text
    assert "{metric:BLACK:share} of the force" not in text and "are {metric" not in text


def test_the_html_report_prints_figures_with_their_metric_in_a_title(citing):
    page = lxml_html.fromstring(render_report(citing, "html"))
    figures = page.xpath("//article//span[@class='metric']")
    shown = {(span.text_content(), span.get("title")) for span in figures}
    assert ("32,920", "{metric:OFFICERS}: Police officers; 32,000 in the previous edition") in shown
    assert ("3.6%", "{metric:BLACK:share}: Black officers; 3.7% in the previous edition") in shown
    side_by_side_old = page.xpath("//details//h4[text()='Previous']/following-sibling::div//span[@class='metric']")
    assert ("3.7%", "{metric:BLACK:share}: Black officers; 3.6% in the new edition") in {
        (span.text_content(), span.get("title")) for span in side_by_side_old
    }
    assert "{metric:" not in " ".join(page.xpath("//div[contains(@class, 'text')]//text()"))
    notes = [p.text_content() for p in page.xpath("//p[@class='metric-changed']")]
    assert any("changed from 32,000 to 32,920" in note for note in notes)


def test_the_docx_and_json_reports_print_figures_too(citing, tmp_path):
    document = docx.Document(io.BytesIO(render_report(citing, "docx")))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    carried = next(text for text in cells if text.startswith("There are 32,920 officers."))
    assert "Cited figure changed: Police officers ({metric:OFFICERS}) changed from 32,000 to 32,920" in carried
    assert "Figures cited: 32,920 is {metric:OFFICERS} (Police officers)." in carried
    document_json = json.loads(render_report(citing, "json"))
    change = next(c for c in document_json["changes"] if c["id"] == "C-002" and c["kind"] == "update-changed")
    assert change["diff"]["new_printed"] == "Black officers are now 3.6% of the force."
    assert change["diff"]["old_printed"] == "Black officers are 3.7% of the force."
    assert [s["printed"] for s in change["diff"]["segments"]] == ["Black officers are", "now", "3.6% of the force."]
    assert change["citations"] == [
        {
            "id": "BLACK",
            "form": "share",
            "label": "Black officers",
            "old": "3.7%",
            "new": "3.6%",
            "changed": True,
            "difference": None,
        }
    ]


def test_the_metric_change_names_the_texts_that_cite_it(citing):
    (officers,) = citing.of_kind("metric-changed")
    assert officers.summary == ("Value changed from 32,000 to 32,920 (+920 (+2.9%)); cited in 1.1 C-001 (update).")
    assert "cited in 1.1 C-001 (update)" in render_report(citing, "text").decode()


def test_a_text_without_citations_has_no_figure_notes(comparison):
    assert all(not c.citations for c in comparison.changes)
    assert "Figures cited" not in render_report(comparison, "text").decode()
