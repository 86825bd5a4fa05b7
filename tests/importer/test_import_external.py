"""reportgen import: content a Word edition draws from other files is reported, never dropped silently."""

from __future__ import annotations

from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from ..importer.test_import import imported, simple_edition


def unplaced(result):
    """The import-unplaced findings about other files (a stray paragraph has its own, "could not place")."""
    return [
        (f.source.where, f.message)
        for f in result.findings
        if f.code == "import-unplaced" and not f.message.startswith("could not place")
    ]


def run_with(paragraph, *children):
    run = OxmlElement("w:r")
    for child in children:
        run.append(child)
    paragraph._p.append(run)


def field_char(kind):
    node = OxmlElement("w:fldChar")
    node.set(qn("w:fldCharType"), kind)
    return node


def instr(text):
    node = OxmlElement("w:instrText")
    node.text = text
    return node


def text(words):
    node = OxmlElement("w:t")
    node.text = words
    return node


def test_an_include_text_field_split_over_runs_is_reported_with_its_file(tmp_path):
    document = simple_edition()
    paragraph = document.add_paragraph("Also: ")
    for child in (
        field_char("begin"),
        instr(' INCLUDETEXT "C:\\\\Shared\\\\'),
        instr('extra notes.docx" '),
        field_char("separate"),
        text("Words Word showed last time."),
        field_char("end"),
    ):
        run_with(paragraph, child)
    found = unplaced(imported(tmp_path, document))
    assert len(found) == 1, found
    assert found[0][0] == "paragraph 9" and "'extra notes.docx'" in found[0][1] and "INCLUDETEXT" in found[0][1]


def test_an_include_picture_field_is_reported(tmp_path):
    document = simple_edition()
    paragraph = document.add_paragraph()
    simple = OxmlElement("w:fldSimple")
    simple.set(qn("w:instr"), 'INCLUDEPICTURE "https://example.gov.uk/chart.png" \\d')
    paragraph._p.append(simple)
    ((where, message),) = unplaced(imported(tmp_path, document))
    assert "'chart.png'" in message and "INCLUDEPICTURE" in message


def test_an_alt_chunk_and_a_subdocument_are_reported(tmp_path):
    document = simple_edition()
    part = Part(
        PackURI("/word/afchunk.htm"),
        "text/html",
        b"<html><body><p>Merged words</p></body></html>",
        document.part.package,
    )
    chunk_id = document.part.relate_to(part, RELATIONSHIP_TYPE.A_F_CHUNK)
    chunk = OxmlElement("w:altChunk")
    chunk.set(qn("r:id"), chunk_id)
    document.element.body.insert(len(document.element.body) - 1, chunk)
    sub_id = document.part.relate_to(
        "chapter3.docx",
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/subDocument",
        is_external=True,
    )
    paragraph = document.add_paragraph()
    sub = OxmlElement("w:subDoc")
    sub.set(qn("r:id"), sub_id)
    paragraph._p.append(sub)
    messages = [message for _, message in unplaced(imported(tmp_path, document))]
    assert any("'afchunk.htm'" in m and "was not imported" in m for m in messages), messages
    assert any("subdocument 'chapter3.docx'" in m for m in messages), messages


def test_hyperlink_and_page_fields_are_not_external_content(tmp_path):
    document = simple_edition()
    paragraph = document.add_paragraph("Page ")
    for child in (field_char("begin"), instr(" PAGE "), field_char("separate"), text("3"), field_char("end")):
        run_with(paragraph, child)
    assert unplaced(imported(tmp_path, document)) == []
