"""The DOCX check: what Word's Accessibility Checker and public-sector guidance flag, on documents made here."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from click.testing import CliRunner
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from reportgen.accessibility import check_bytes, detect_kind
from reportgen.cli import cli
from reportgen.core.errors import ReportgenError
from reportgen.core.findings import Severity

from ..docx_fixtures import add_hyperlink, add_picture, add_table, document, good, save


def check(made, readability: bool = False):
    return check_bytes(save(made), "docx", "test.docx", readability=readability)


def codes(findings) -> list[str]:
    return [f.code for f in findings]


# -- good files ------------------------------------------------------------------------------------------


def test_a_well_made_document_has_no_findings():
    assert [f.as_text() for f in check(good())] == []


def test_the_project_docx_has_no_errors(tmp_path):
    from reportgen.workbook.reader import load
    from reportgen.writers import write_edition

    from ..builders import make

    data = write_edition("docx", load(make(tmp_path)).edition)
    assert [f.as_text() for f in check_bytes(data, "docx", "edition.docx") if f.is_error] == []


# -- document properties --------------------------------------------------------------------------------


def test_a_document_without_a_title_fails():
    findings = check(document(title=""))
    assert codes(findings) == ["docx-title"] and findings[0].source.where == "document"


def test_a_document_without_a_language_fails():
    made = good()
    for part in (made.styles.element, made.settings.element):
        for lang in part.iter(qn("w:lang"), qn("w:themeFontLang")):
            lang.getparent().remove(lang)
    assert codes(check(made)) == ["docx-language"]


# -- headings -------------------------------------------------------------------------------------------


def test_a_skipped_heading_level_fails_at_its_paragraph():
    made = document()
    made.add_heading("Details", 3)
    findings = check(made)
    assert codes(findings) == ["docx-heading-skipped"]
    assert findings[0].source.where == 'paragraph 2 ("Details")'
    assert "Heading 3 follows Heading 1" in findings[0].message


def test_a_first_heading_below_level_one_fails_and_a_long_document_without_headings_warns():
    made = document()
    made.element.body.remove(made.paragraphs[0]._p)
    made.add_heading("Starts low", 2)
    assert codes(check(made)) == ["docx-heading-skipped"]
    plain = docx.Document()
    plain.core_properties.title = "Plan"
    for number in range(25):
        plain.add_paragraph(f"Paragraph {number} of plain text.")
    findings = check(plain)
    assert codes(findings) == ["docx-no-headings"] and findings[0].severity is Severity.WARNING


# -- pictures -------------------------------------------------------------------------------------------


def test_a_picture_without_alt_text_fails_unless_marked_decorative():
    made = document()
    properties = add_picture(made, None)
    findings = check(made)
    assert codes(findings) == ["docx-alt-text"]
    assert findings[0].source.where.startswith("paragraph 2") and "Picture" in findings[0].message
    extensions = OxmlElement("a:extLst")
    extension = OxmlElement("a:ext")
    extension.set("uri", "{C183D7F6-B498-43B3-948B-1728B52AA6E4}")
    decorative = extension.makeelement(
        "{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative", {"val": "1"}
    )
    extension.append(decorative)
    extensions.append(extension)
    properties.append(extensions)
    assert codes(check(made)) == []


def test_a_floating_picture_is_a_warning():
    made = document()
    add_picture(made, "A chart")
    inline = made.paragraphs[-1]._p.xpath(".//wp:inline")[0]
    inline.tag = qn("wp:anchor")
    findings = check(made)
    assert [(f.code, f.severity) for f in findings] == [("docx-object-not-inline", Severity.WARNING)]


# -- tables ---------------------------------------------------------------------------------------------


def test_a_table_without_a_header_row_fails():
    made = document()
    add_table(made, [["Ref", "Update"], ["1.1", "Done."]], header=False)
    findings = check(made)
    assert codes(findings) == ["docx-table-header"] and findings[0].source.where == "table 1, row 1"


def test_merged_header_cells_fail_and_merged_body_cells_warn():
    made = document()
    table = add_table(made, [["Ref", "Update", "Lead"], ["1.1", "Done.", "MPS"], ["1.2", "Begun.", "MPS"]])
    table.cell(0, 1).merge(table.cell(0, 2))
    assert codes(check(made)) == ["docx-table-header-merged"]
    made = document()
    table = add_table(made, [["Ref", "Update", "Lead"], ["1.1", "Done.", "MPS"], ["", "Begun.", "MPS"]])
    table.cell(1, 2).merge(table.cell(2, 2))
    findings = check(made)
    assert [(f.code, f.severity, f.source.where) for f in findings] == [
        ("docx-table-merged", Severity.WARNING, "table 1, row 2")
    ]
    made = document()
    table = add_table(made, [["Ref", "Update"], ["1.1", "Done."], ["", "Begun."]])
    table.cell(1, 0).merge(table.cell(2, 0))
    assert check(made) == [], "a shared Ref merged down the first column labels its rows"


# -- links ----------------------------------------------------------------------------------------------


def test_a_bare_url_link_warns_and_an_empty_link_fails():
    made = document()
    paragraph = made.add_paragraph("See ")
    add_hyperlink(paragraph, "https://example.org/plan", "https://example.org/plan")
    add_hyperlink(made.add_paragraph("Or "), "click here", "https://example.org/plan")
    add_hyperlink(made.add_paragraph("And "), "", "https://example.org/empty")
    findings = check(made)
    assert [(f.code, f.severity) for f in findings] == [
        ("link-text-bare-url", Severity.WARNING),
        ("link-text-unclear", Severity.WARNING),
        ("link-text-missing", Severity.ERROR),
    ]
    assert findings[0].source.where == 'paragraph 2 ("See https://example.org/plan"), link'


def test_hyperlink_fields_are_checked_too():
    made = document()
    paragraph = made.add_paragraph()
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), 'HYPERLINK "https://example.org/page"')
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "www.example.org/page"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)
    assert codes(check(made)) == ["link-text-bare-url"]


# -- lists and spacing ----------------------------------------------------------------------------------


def test_typed_bullets_fail_and_typed_numbers_warn_but_real_lists_pass():
    made = document()
    made.add_paragraph("• Typed bullet")
    made.add_paragraph("1. First typed step")
    made.add_paragraph("2. Second typed step")
    findings = check(made)
    assert [(f.code, f.severity) for f in findings] == [
        ("docx-list-typed", Severity.ERROR),
        ("docx-list-typed-number", Severity.WARNING),
    ]
    assert findings[0].source.where == 'paragraph 2 ("• Typed bullet")'
    real = document()
    real.add_paragraph("Real bullet", style="List Bullet")
    real.add_paragraph("Real number", style="List Number")
    assert codes(check(real)) == []


def test_runs_of_blank_paragraphs_for_spacing_warn_but_one_does_not():
    made = document()
    made.add_paragraph("Before.")
    made.add_paragraph("")
    made.add_paragraph("After one.")
    assert codes(check(made)) == []
    made.add_paragraph("")
    made.add_paragraph("  ")
    made.add_paragraph("After two.")
    findings = check(made)
    assert [(f.code, f.severity, f.source.where) for f in findings] == [
        ("docx-blank-paragraphs", Severity.WARNING, "paragraph 5")
    ]


# -- contrast -------------------------------------------------------------------------------------------


def test_pale_text_fails_and_large_or_well_contrasted_text_passes():
    made = document()
    made.add_paragraph().add_run("Pale words").font.color.rgb = RGBColor(0xAA, 0xAA, 0xAA)
    findings = check(made)
    assert codes(findings) == ["contrast-low"] and "#AAAAAA on #FFFFFF" in findings[0].message
    large = document()
    run = large.add_paragraph().add_run("Large grey")
    run.font.color.rgb = RGBColor(0x8A, 0x8A, 0x8A)
    run.font.size = Pt(18)
    assert codes(check(large)) == []
    shaded = document()
    paragraph = shaded.add_paragraph()
    paragraph.add_run("White on navy").font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:fill"), "003366")
    paragraph._p.get_or_add_pPr().append(shading)
    assert codes(check(shaded)) == []


def test_python_docx_default_heading_colour_is_too_pale():
    made = docx.Document()
    made.core_properties.title = "Plan"
    made.add_heading("Plan", 1)
    made.add_heading("Progress", 2)
    findings = check(made)
    assert codes(findings) == ["contrast-low"] and "#4F81BD" in findings[0].message


def test_a_colour_set_in_a_style_counts():
    made = document()
    style = made.styles.add_style("Faint", 2)  # a character style
    style.font.color.rgb = RGBColor(0xC0, 0xC0, 0xC0)
    made.add_paragraph().add_run("Faint by style", style="Faint")
    assert codes(check(made)) == ["contrast-low"]


# -- readability and entry points -----------------------------------------------------------------------


def test_readability_reports_each_update_cell_as_information():
    findings = check(good(), readability=True)
    assert [(f.code, f.severity, f.source.where) for f in findings] == [
        ("readability", Severity.WARNING, "table 1, row 2")
    ]
    assert findings[0].message.startswith("update: reading ease")


def test_files_that_are_not_word_documents_cannot_be_checked():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("content.xml", "<x/>")
    with pytest.raises(ReportgenError, match="not a Word document"):
        detect_kind(out.getvalue(), "fake.docx")
    with pytest.raises(ReportgenError, match="encrypted or old-format"):
        detect_kind(b"\xd0\xcf\x11\xe0" + b"\x00" * 100, "locked.docx")


def test_the_check_command_reports_docx_findings_with_exit_1(tmp_path):
    path = tmp_path / "untitled.docx"
    path.write_bytes(save(document(title="")))
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exit_code == 1
    assert "document: error [docx-title]" in result.output
