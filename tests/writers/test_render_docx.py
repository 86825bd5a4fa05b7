"""Golden tests for the DOCX renderer: the structure and text of the produced document, read back with python-docx."""

from __future__ import annotations

import datetime as dt
import importlib.util
import io
import struct
import zipfile
import zlib
from pathlib import Path

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn

from reportgen.core.errors import ReportgenError
from reportgen.core.model import Chapter, Commitment, Edition, RefGroup
from reportgen.core.richtext import Link, Paragraph, RichText, Text
from reportgen.workbook.reader import load
from reportgen.writers import write_edition
from reportgen.writers.docx.reference import REQUIRED_STYLES, open_reference

from .. import render_fixtures
from ..builders import make
from ..render_fixtures import FakeChartFigure

ROOT = Path(__file__).resolve().parents[2]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TYPED_BULLETS = ("•", "◦", "▪", "- ", "* ")


# ---------------------------------------------------------------- helpers


def build(tmp_path: Path, change=None) -> tuple[Edition, bytes]:
    edition = load(make(tmp_path, change)).edition
    return edition, write_edition("docx", edition)


def open_docx(data: bytes):
    return docx.Document(io.BytesIO(data))


def text_of(element) -> str:
    parts = []
    for node in element.iter(W + "t", W + "br", W + "tab"):
        parts.append(node.text or "" if node.tag == W + "t" else ("\n" if node.tag == W + "br" else "\t"))
    return "".join(parts)


def style_of(p) -> str | None:
    style = p.find(f"{W}pPr/{W}pStyle")
    return style.get(qn("w:val")) if style is not None else None


def cell_texts(row) -> list[str]:
    return ["\n".join(text_of(p) for p in tc.findall(W + "p")) for tc in row.findall(W + "tc")]


def blocks(document) -> list[tuple]:
    """The body in order: ("p", style, text) and ("table", [row texts...], element)."""
    out = []
    for child in document.element.body:
        if child.tag == W + "p":
            out.append(("p", style_of(child), text_of(child)))
        elif child.tag == W + "tbl":
            out.append(("table", [cell_texts(row) for row in child.findall(W + "tr")], child))
    return out


def headings(document) -> list[tuple[str, str]]:
    return [(b[1], b[2]) for b in blocks(document) if b[0] == "p" and (b[1] or "").startswith("Heading")]


def all_xml_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return "".join(
            package.read(name).decode("utf-8")
            for name in package.namelist()
            if name.endswith(".xml") or name.endswith(".rels")
        )


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """The builders' valid edition, rendered once for the read-only tests."""
    edition, data = build(tmp_path_factory.mktemp("docx"))
    return edition, data, open_docx(data)


# ---------------------------------------------------------------- content and order


def test_every_commitment_and_update_appears_once_in_order_under_its_chapter(sample):
    edition, data, document = sample
    seen = []
    chapter = None
    for block in blocks(document):
        if block[0] == "p" and block[1] == "Heading1":
            chapter = block[2]
        elif block[0] == "table" and block[1][0][:2] == ["Ref", "Commitment"]:
            header = block[1][0]
            for row in block[1][1:]:
                seen.append((chapter, row[header.index("Commitment")], row[header.index("Update")]))

    def details(c):  # Lead and Status are a line under the commitment
        shown = [f"{name}: {value}" for name, value in (("Lead", c.lead), ("Status", c.status)) if value]
        return "\n" + " \u00b7 ".join(shown) if shown else ""

    expected = [
        (ch.heading, c.commitment.plain_text() + details(c), c.update.plain_text())
        for ch in edition.chapters
        for c in ch.commitments
    ]
    assert seen == expected
    body = text_of(document.element.body)
    for ch in edition.chapters:
        for c in ch.commitments:
            assert body.count(c.commitment.plain_text()) == 1
            assert body.count(c.update.plain_text()) == 1


def test_commitments_sharing_a_ref_sit_under_one_merged_ref_cell(sample):
    _, _, document = sample
    table = next(b[2] for b in blocks(document) if b[0] == "table")
    rows = table.findall(W + "tr")[1:]
    merges = []
    for row in rows:
        first = row.find(W + "tc")
        merge = first.find(f"{W}tcPr/{W}vMerge")
        merges.append((text_of(first), None if merge is None else merge.get(qn("w:val"), "continue")))
    assert merges == [("1.1", "restart"), ("", "continue"), ("1.2", None)]


def test_lead_and_status_are_a_line_under_the_commitment_only_when_a_commitment_has_one(tmp_path):
    def strip(sheets):
        for row in sheets["Commitments"]:
            row.pop("Status", None)

    _, data = build(tmp_path, strip)
    table = next(b for b in blocks(open_docx(data)) if b[0] == "table")
    assert table[1][0] == ["Ref", "Commitment", "Update"]
    assert not any("Status:" in cell or "Lead:" in cell for row in table[1] for cell in row)

    def with_lead(sheets):
        sheets["Commitments"][3]["Lead"] = "Schools team"

    _, data = build(tmp_path, with_lead)
    document = open_docx(data)
    tables = [b for b in blocks(document) if b[0] == "table"]
    # the update keeps more than half the width: Lead and Status are not columns of their own
    assert all(t[1][0] == ["Ref", "Commitment", "Update"] for t in tables)
    commitment = tables[1][1][1][1]
    assert commitment.endswith("Lead: Schools team \u00b7 Status: On track")  # status printed as a word
    widths = [int(col.get(qn("w:w"))) for col in tables[1][2].find(W + "tblGrid")]
    assert widths[2] >= sum(widths) / 2
    # the values are bold, as on the web page and in the PDF
    bold = [text_of(r) for r in tables[1][2].iter(W + "r") if r.find(f"{W}rPr/{W}b") is not None]
    assert "Schools team" in bold and "On track" in bold


def test_notes_and_previous_updates_never_appear(tmp_path):
    def change(sheets):
        sheets["Commitments"][0]["Previous update"] = "Last quarter's words"

    _, data = build(tmp_path, change)
    everything = all_xml_text(data)
    assert "Secret internal note" not in everything
    assert "Last quarter's words" not in everything


def test_document_order_from_cover_to_back_page(tmp_path):
    def change(sheets):
        sheets["Narrative"].append(
            {
                "ID": "NAR-WHY",
                "Heading": "Why this matters",
                "Body": "Context.",
                "Placement": "Before chapters",
                "Level": 2,
            }
        )
        sheets["Narrative"].append(
            {"ID": "NAR-NEXT", "Heading": "Next steps", "Body": "More soon.", "Placement": "After chapters", "Level": 1}
        )
        sheets["Glossary"] = [{"Term": "MPS", "Meaning": "Metropolitan Police Service"}]

    _, data = build(tmp_path, change)
    document = open_docx(data)
    paragraphs = [b for b in blocks(document) if b[0] == "p"]
    assert [(s, t) for _, s, t in paragraphs[:6]] == [
        ("DraftMarking", "DRAFT \u2013 not for publication"),  # boxed on the cover, as in the PDF
        ("Title", "Action Plan for Fairer Policing"),
        ("Subtitle", "2025/26 Quarter 2 Update"),
        ("CoverDetail", "Monitoring period: 1 July 2025 to 30 September 2025"),
        ("CoverDetail", "Office for Policing and Crime"),
        ("CoverDetail", "Published 14 November 2025"),
    ]
    assert headings(document) == [
        ("Heading1", "Introduction"),
        ("Heading2", "Why this matters"),
        ("Heading1", "1 Fairer use of police powers"),
        ("Heading1", "2 Working together"),
        ("Heading1", "Next steps"),
        ("Heading1", "Glossary"),
        ("Heading1", "Contact and publication details"),
    ]
    glossary = [b for b in blocks(document) if b[0] == "table"][-1]
    assert glossary[1] == [["Term", "Meaning"], ["MPS", "Metropolitan Police Service"]]


def test_contents_lists_every_heading_with_a_page_number_field_word_and_libreoffice_both_fill(sample):
    _, _, document = sample
    body = document.element.body
    bookmarks = [b.get(qn("w:name")) for b in body.iter(W + "bookmarkStart")]
    instructions = [t.text.strip() for t in body.iter(W + "instrText")]
    # not a TOC field: LibreOffice prints a TOC field's stored text, which has no page numbers until
    # Word updates it; it works out PAGEREF fields itself
    assert not any(text.startswith("TOC ") for text in instructions)
    assert [text for text in instructions if text.startswith("PAGEREF")] == [
        f"PAGEREF {name} \\h" for name in bookmarks
    ]
    begins = list(body.iter(f"{W}fldChar"))
    assert all(b.get(qn("w:dirty")) == "true" for b in begins if b.get(qn("w:fldCharType")) == "begin")
    # and Word is asked to update fields on opening
    assert document.settings.element.find(f"{W}updateFields").get(qn("w:val")) == "true"
    entries = [(style_of(p), text_of(p)) for p in body.findall(W + "p") if (style_of(p) or "").startswith("TOC")]
    assert entries[0] == ("TOCHeading", "Contents")
    assert [(s.replace("TOC", "Heading"), t.rstrip("\t")) for s, t in entries[1:]] == headings(document)
    # Each entry links to a bookmark on its heading, so the contents work before Word refreshes them.
    anchors = [link.get(qn("w:anchor")) for link in body.iter(W + "hyperlink") if link.get(qn("w:anchor"))]
    assert anchors == bookmarks and len(anchors) == len(entries) - 1


def test_body_has_no_empty_paragraphs_for_spacing(sample):
    _, _, document = sample
    for child in document.element.body.findall(W + "p"):
        assert text_of(child).strip(), f"empty body paragraph: {child.xml[:200]}"
    assert document.element.body.find(f".//{W}br[@{qn('w:type')}='page']") is None


# ---------------------------------------------------------------- rich text


def test_bullets_are_numbered_list_paragraphs_without_typed_bullets(tmp_path):
    def change(sheets):
        sheets["Commitments"][0]["Commitment"] = "• First point\n• Second point\n  - Nested point"

    _, data = build(tmp_path, change)
    document = open_docx(data)
    listed = [p for p in document.element.body.iter(W + "p") if p.find(f"{W}pPr/{W}numPr") is not None]
    assert [text_of(p) for p in listed] == ["First point", "Second point", "Nested point"]
    assert [p.find(f"{W}pPr/{W}numPr/{W}ilvl").get(qn("w:val")) for p in listed] == ["0", "0", "1"]
    num_id = listed[0].find(f"{W}pPr/{W}numPr/{W}numId").get(qn("w:val"))
    numbering = document.part.numbering_part.element
    num = next(n for n in numbering.findall(W + "num") if n.get(qn("w:numId")) == num_id)
    abstract_id = num.find(W + "abstractNumId").get(qn("w:val"))
    abstract = next(a for a in numbering.findall(W + "abstractNum") if a.get(qn("w:abstractNumId")) == abstract_id)
    formats = {lvl.get(qn("w:ilvl")): lvl.find(W + "numFmt").get(qn("w:val")) for lvl in abstract.findall(W + "lvl")}
    assert formats == {"0": "bullet", "1": "bullet", "2": "bullet"}
    for t in document.element.body.iter(W + "t"):
        assert not (t.text or "").lstrip().startswith(TYPED_BULLETS), t.text


def test_links_are_hyperlinks_to_external_targets_and_unsafe_ones_print_as_text(tmp_path):
    def change(sheets):
        sheets["Commitments"][1]["Update"] = (
            "Read [the review](https://www.example.gov.uk/review) "
            "or [this](javascript:alert(1)) or [that](file:///etc/passwd)."
        )

    _, data = build(tmp_path, change)
    document = open_docx(data)
    links = [link for link in document.element.body.iter(W + "hyperlink") if link.get(qn("r:id"))]
    targets = {}
    for link in links:
        rel = document.part.rels[link.get(qn("r:id"))]
        assert rel.is_external and rel.reltype == RT.HYPERLINK
        targets[text_of(link)] = rel.target_ref
        assert link.find(f"{W}r/{W}rPr/{W}rStyle").get(qn("w:val")) == "Hyperlink"
    assert targets == {
        "the review": "https://www.example.gov.uk/review",
        "actionplan@example.gov.uk": "mailto:actionplan@example.gov.uk",
    }
    assert "Read the review or this or that." in text_of(document.element.body)
    everything = all_xml_text(data)
    assert "javascript:" not in everything and "file:///" not in everything


def test_an_address_linked_twice_has_one_relationship(tmp_path):
    def change(sheets):
        sheets["Commitments"][0]["Update"] = "See [the plan](https://www.example.gov.uk/plan)."
        sheets["Commitments"][1]["Update"] = "Again, [the plan](https://www.example.gov.uk/plan)."

    _, data = build(tmp_path, change)
    document = open_docx(data)
    ids = [link.get(qn("r:id")) for link in document.element.body.iter(W + "hyperlink") if link.get(qn("r:id"))]
    plan = [rel_id for rel_id in ids if document.part.rels[rel_id].target_ref.endswith("/plan")]
    assert len(plan) == 2 and len(set(plan)) == 1


def test_a_chapter_without_commitments_has_no_table_and_no_contact_means_no_enquiries_line(tmp_path):
    def change(sheets):
        sheets["Chapters"].append({"Number": "", "Title": "Next steps", "Introduction": "We will report in January."})
        del sheets["Edition"]["Contact"]

    _, data = build(tmp_path, change)
    document = open_docx(data)
    order = [(b[1], b[2]) if b[0] == "p" else ("table", None) for b in blocks(document)]
    position = order.index(("Heading1", "Next steps"))
    assert order[position + 1 : position + 3] == [
        (None, "We will report in January."),
        ("Heading1", "Contact and publication details"),
    ]
    assert "enquiries" not in text_of(document.element.body)


def test_bold_italic_underline_and_line_breaks_become_run_properties(tmp_path):
    def change(sheets):
        sheets["Commitments"][2]["Update"] = "A **bold** and *italic* word\nthen a new line."

    _, data = build(tmp_path, change)
    document = open_docx(data)
    runs = {text_of(r): r for r in document.element.body.iter(W + "r") if text_of(r)}
    assert runs["bold"].find(f"{W}rPr/{W}b") is not None
    assert runs["italic"].find(f"{W}rPr/{W}i") is not None
    cells = [cell for b in blocks(document) if b[0] == "table" for row in b[1] for cell in row]
    assert "A bold and italic word\nthen a new line." in cells


def test_underline_runs_from_the_model_are_underlined():
    edition = _edition_with_update(RichText((Paragraph((Text("plain "), Text("under", underline=True))),)))
    document = open_docx(write_edition("docx", edition))
    runs = {text_of(r): r for r in document.element.body.iter(W + "r") if text_of(r)}
    assert runs["under"].find(f"{W}rPr/{W}u").get(qn("w:val")) == "single"


def test_metric_citations_print_the_formatted_value(tmp_path):
    def change(sheets):
        sheets["Metrics"] = [{"ID": "TRUST", "Label": "Trust", "Value": 16, "Unit": "percent"}]
        sheets["Commitments"][0]["Update"] = "Trust stands at {metric:TRUST}."

    _, data = build(tmp_path, change)
    assert "Trust stands at 16%." in text_of(open_docx(data).element.body)


def test_characters_xml_cannot_hold_are_dropped_not_fatal():
    link = Link("https://www.example.org/a\x07b", (Text("link"),))
    edition = _edition_with_update(RichText((Paragraph((Text("bell\x07 and\x0b tab "), link)),)))
    edition.title = "Plan\x0b title"
    document = open_docx(write_edition("docx", edition))
    assert "bell and tab link" in text_of(document.element.body)
    assert document.core_properties.title == "Plan title"


# ---------------------------------------------------------------- tables


def test_every_table_has_a_marked_repeating_header_row_caption_and_description(sample):
    _, _, document = sample
    tables = list(document.element.body.iter(W + "tbl"))
    assert tables
    for table in tables:
        rows = table.findall(W + "tr")
        assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None
        assert all(row.find(f"{W}trPr/{W}tblHeader") is None for row in rows[1:])
        assert all(text_of(tc) for tc in rows[0].findall(W + "tc"))  # header cells are never blank
        assert all(tc.find(f"{W}tcPr/{W}vMerge") is None for tc in rows[0].findall(W + "tc"))
        properties = table.find(W + "tblPr")
        assert properties.find(W + "tblCaption").get(qn("w:val"))
        assert properties.find(W + "tblDescription").get(qn("w:val"))
        assert properties.find(W + "tblLook").get(qn("w:firstRow")) == "1"


# ---------------------------------------------------------------- page, styles and metadata


def test_page_is_a4_with_margins_and_page_x_of_y_in_the_footer(sample):
    _, _, document = sample
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert all(
        round(m.cm, 1) >= 1.5
        for m in (section.left_margin, section.right_margin, section.top_margin, section.bottom_margin)
    )
    footer = section.footer._element
    assert [t.text.strip() for t in footer.iter(W + "instrText")] == ["PAGE", "NUMPAGES"]
    assert text_of(footer).startswith("Page ") and " of " in text_of(footer)


def test_core_properties_come_from_the_edition(tmp_path):
    def change(sheets):
        sheets["Edition"].update(
            {"Author": "Policy Team", "Subject": "Quarterly progress", "Keywords": "policing, trust"}
        )

    edition, data = build(tmp_path, change)
    props = open_docx(data).core_properties
    assert props.title == "Action Plan for Fairer Policing"
    assert props.subject == "Quarterly progress"
    assert props.author == "Policy Team"
    assert props.keywords == "policing, trust"
    assert props.language == "en-GB"
    assert props.created == props.modified == dt.datetime(2025, 11, 14, tzinfo=dt.UTC)
    assert props.last_modified_by == "reportgen"


def test_document_language_is_set_in_the_default_styles(tmp_path):
    def change(sheets):
        sheets["Edition"]["Language"] = "cy-GB"

    _, data = build(tmp_path, change)
    document = open_docx(data)
    lang = document.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert lang.get(qn("w:val")) == "cy-GB"
    assert document.core_properties.language == "cy-GB"


def test_draft_is_marked_in_every_header_and_a_final_edition_is_not(tmp_path):
    def header_texts(data):
        section = open_docx(data).sections[0]
        assert section.different_first_page_header_footer
        return [text_of(section.first_page_header._element), text_of(section.header._element)]

    _, draft = build(tmp_path)
    assert all("DRAFT" in text for text in header_texts(draft))

    def final(sheets):
        sheets["Edition"]["Status"] = "Final"

    _, final_data = build(tmp_path, final)
    assert not any("DRAFT" in text for text in header_texts(final_data))
    assert "DRAFT" not in all_xml_text(final_data)


def test_same_edition_gives_byte_identical_documents(tmp_path):
    path = make(tmp_path)
    first = write_edition("docx", load(path).edition)
    second = write_edition("docx", load(path).edition)
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as package:
        names = package.namelist()
        assert names[0] == "[Content_Types].xml"
        assert {info.date_time for info in package.infolist()} == {(2025, 11, 14, 0, 0, 0)}


# ---------------------------------------------------------------- charts


def tiny_png(width: int = 4, height: int = 2) -> bytes:
    def chunk(kind: bytes, payload: bytes) -> bytes:
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))

    rows = b"".join(b"\x00" + b"\x1f\x3a\x5f" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


@pytest.fixture
def fake_charts(monkeypatch):
    """Every chart on the Charts sheet placed as a stand-in figure, with a real PNG for Word to embed."""

    def chart_figures(edition):
        return [
            FakeChartFigure(
                chart.group,
                chart.title,
                edition.find_chapter(chart.chapter),
                "<svg/>",
                tiny_png(),
                f"Bar chart: {chart.title}",
                (("Group", "Share"), ("Black", "16%"), ("White", "9%")),
                12.0,
                6.0,
            )
            for chart in edition.charts
        ]

    render_fixtures.fake_charts(monkeypatch, chart_figures)


def test_figures_follow_their_chapter_table_and_the_rest_close_in_a_data_section(tmp_path, fake_charts):
    def change(sheets):
        sheets["Metrics"] = [
            {"ID": "B", "Label": "Black", "Value": 16, "Unit": "percent", "Chart": "TRUST"},
            {"ID": "S", "Label": "Staff", "Value": 9, "Unit": "percent", "Chart": "STAFF"},
        ]
        sheets["Charts"] = [
            {"Group": "TRUST", "Title": "Trust in the police", "Type": "bar", "Chapter": "1"},
            {"Group": "STAFF", "Title": "Staff by group", "Type": "bar"},
        ]
        sheets["Glossary"] = [{"Term": "MPS", "Meaning": "Metropolitan Police Service"}]

    _, data = build(tmp_path, change)
    document = open_docx(data)
    sequence = []
    for child in document.element.body:
        drawing = child.find(f".//{W}drawing")
        if drawing is not None:
            doc_pr = drawing.find(".//{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr")
            sequence.append(("picture", doc_pr.get("descr")))
        elif child.tag == W + "tbl":
            sequence.append(("table", text_of(child.find(W + "tr"))))
        elif child.tag == W + "p" and style_of(child) in ("Heading1", "Caption"):
            sequence.append((style_of(child), text_of(child)))
    assert sequence[sequence.index(("Heading1", "1 Fairer use of police powers")) :] == [
        ("Heading1", "1 Fairer use of police powers"),
        ("table", "RefCommitmentUpdate"),
        ("Caption", "Figure 1: Trust in the police"),  # above the picture, as in the PDF and HTML
        ("picture", "Bar chart: Trust in the police"),
        ("table", "GroupShare"),
        ("Heading1", "2 Working together"),
        ("table", "RefCommitmentUpdate"),
        ("Heading1", "Data"),
        ("Caption", "Figure 2: Staff by group"),
        ("picture", "Bar chart: Staff by group"),
        ("table", "GroupShare"),
        ("Heading1", "Glossary"),
        ("table", "TermMeaning"),
        ("Heading1", "Contact and publication details"),
    ]
    assert write_edition("docx", load(make(tmp_path, change)).edition) == data  # still byte-identical with pictures


# ---------------------------------------------------------------- the reference document


def contrast_on_white(hex_colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (0, 2, 4))
    luminance = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    return 1.05 / (luminance + 0.05)


def test_reference_styles_pass_text_contrast_and_use_lato_at_eleven_point_or_more():
    document = open_reference()
    styles = document.styles.element
    defaults = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    assert defaults.find(W + "rFonts").get(qn("w:ascii")) == "Lato"
    assert int(defaults.find(W + "sz").get(qn("w:val"))) >= 22
    for style in styles.findall(W + "style"):
        colour = style.find(f"{W}rPr/{W}color")
        if colour is not None and colour.get(qn("w:val")) != "auto":
            assert contrast_on_white(colour.get(qn("w:val"))) >= 4.5, style.get(qn("w:styleId"))
        size = style.find(f"{W}rPr/{W}sz")
        if size is not None:
            # the running header is page furniture, 8.5 point as in the PDF; everything else reads at 11
            smallest = 17 if style.get(qn("w:styleId")) == "Header" else 22
            assert int(size.get(qn("w:val"))) >= smallest, style.get(qn("w:styleId"))
        fonts = style.find(f"{W}rPr/{W}rFonts")
        assert fonts is None or fonts.get(qn("w:ascii")) in (None, "Lato"), style.get(qn("w:styleId"))


def test_reference_docx_is_what_the_script_generates():
    spec = importlib.util.spec_from_file_location("make_reference_docx", ROOT / "scripts" / "make_reference_docx.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    committed = (ROOT / "templates" / "reference.docx").read_bytes()
    assert script.build_reference() == committed, "run scripts/make_reference_docx.py and commit the result"


def test_reference_is_found_as_package_data():
    from importlib.resources import files

    assert files("reportgen.templates").joinpath("reference.docx").is_file()


def test_a_damaged_reference_document_is_a_one_line_error():
    with pytest.raises(ReportgenError, match="templates/reference.docx: not a readable Word document"):
        open_reference(b"not a zip file")


def test_a_reference_document_missing_a_house_style_names_it():
    document = open_reference()
    styles = document.styles.element
    for style in styles.findall(W + "style"):
        if style.get(qn("w:styleId")) == "TableText":
            styles.remove(style)
    buffer = io.BytesIO()
    document.save(buffer)
    with pytest.raises(ReportgenError, match="has no style TableText"):
        open_reference(buffer.getvalue())
    assert "TableText" in REQUIRED_STYLES


# ---------------------------------------------------------------- model-level helpers


def _edition_with_update(update: RichText) -> Edition:
    commitment = Commitment(
        id="C-1", ref="1.1", chapter="1", commitment=RichText((Paragraph((Text("Do it."),)),)), update=update
    )
    chapter = Chapter(number="1", title="Only chapter", ref_groups=[RefGroup("1.1", [commitment])])
    return Edition(
        title="Plan",
        edition="Q1",
        period_start=dt.date(2025, 4, 1),
        period_end=dt.date(2025, 6, 30),
        publication_date=dt.date(2025, 7, 15),
        publisher="Office",
        chapters=[chapter],
    )
