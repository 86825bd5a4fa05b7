"""A restyled Word reference document: `reportgen reference-doc` writes the house one, `build --reference-doc` uses one."""

from __future__ import annotations

import io

import docx
from click.testing import CliRunner
from docx.oxml.ns import qn
from docx.shared import RGBColor

from reportgen.cli import cli
from reportgen.writers.docx.reference import reference_bytes

from ..builders import make


def restyled(path, heading_colour: str = "1E5B2E", drop_style: str | None = None):
    """The house reference with Heading 1 recoloured (and a style removed), as Word would save it."""
    document = docx.Document(io.BytesIO(reference_bytes()))
    document.styles["Heading 1"].font.color.rgb = RGBColor.from_string(heading_colour)
    if drop_style:
        styles = document.styles.element
        for style in styles.findall(qn("w:style")):
            if style.get(qn("w:styleId")) == drop_style:
                styles.remove(style)
    document.save(path)
    return path


def build(tmp_path, *extra):
    return CliRunner().invoke(
        cli, ["build", str(make(tmp_path)), "-o", str(tmp_path / "out"), "--only", "docx", *extra]
    )


def test_reference_doc_writes_the_house_reference_and_never_overwrites(tmp_path):
    target = tmp_path / "house.docx"
    first = CliRunner().invoke(cli, ["reference-doc", str(target)])
    assert first.exit_code == 0 and target.read_bytes() == reference_bytes()
    target.write_bytes(b"restyled by the comms team")
    again = CliRunner().invoke(cli, ["reference-doc", str(target)])
    assert again.exit_code == 2 and "already exists" in again.output
    assert target.read_bytes() == b"restyled by the comms team"
    wrong = CliRunner().invoke(cli, ["reference-doc", str(tmp_path / "house.xlsx")])
    assert wrong.exit_code == 2 and "must end in .docx" in wrong.output


def test_the_docx_takes_its_styles_from_the_restyled_reference_and_keeps_its_words(tmp_path):
    house = build(tmp_path)
    assert house.exit_code == 0, house.output
    house_document = docx.Document(tmp_path / "out" / "edition.docx")
    result = build(tmp_path, "--reference-doc", str(restyled(tmp_path / "green.docx")))
    assert result.exit_code == 0, result.output
    document = docx.Document(tmp_path / "out" / "edition.docx")
    assert document.styles["Heading 1"].font.color.rgb == RGBColor.from_string("1E5B2E")
    assert house_document.styles["Heading 1"].font.color.rgb != RGBColor.from_string("1E5B2E")
    assert [p.text for p in document.paragraphs] == [p.text for p in house_document.paragraphs]


def test_a_reference_missing_a_style_the_writer_needs_is_refused_before_anything_is_written(tmp_path):
    reference = restyled(tmp_path / "lost-a-style.docx", drop_style="TableText")
    result = build(tmp_path, "--reference-doc", str(reference))
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (
        f"reportgen: {reference}: has no style TableText; start again from the house one ('reportgen reference-doc "
        "FILE.docx') and change only its styles, page set-up, header and footer in Word"
    )
    assert not (tmp_path / "out").exists()


def test_a_reference_that_is_not_a_word_document_is_a_one_line_error(tmp_path):
    workbook = make(tmp_path, name="not-a-reference.xlsx")
    result = build(tmp_path, "--reference-doc", str(workbook))
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == f"reportgen: {workbook}: is an Excel workbook, not a Word document (.docx)"
    missing = build(tmp_path, "--reference-doc", str(tmp_path / "nowhere.docx"))
    assert missing.exit_code == 2 and "nowhere.docx: no such file" in missing.output


def test_a_restyle_that_fails_the_accessibility_check_is_not_published(tmp_path):
    result = build(tmp_path, "--reference-doc", str(restyled(tmp_path / "pale.docx", heading_colour="C8C8C8")))
    assert result.exit_code == 1
    assert "[contrast-low]" in result.output
    assert not (tmp_path / "out" / "edition.docx").exists()
