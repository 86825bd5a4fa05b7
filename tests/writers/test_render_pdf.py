"""The PDF: tagged PDF/UA-1 with bookmarks, metadata, Lato embedded, and the same words as the model.

Each WeasyPrint render costs a fraction of a second, so the PDFs are made once per module.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys

import pikepdf
import pypdf
import pytest

from reportgen.outline.document import build_outline
from reportgen.writers import write_edition
from reportgen.writers.pdf import writer as pdf_writer

from ..builders import valid_sheets, write_workbook
from ..render_fixtures import SECRET_NOTE, edition, fake_charts, figure, final, long_edition, rich_edition, with_charts

DRAFT = "DRAFT – not for publication"


def words(text: str) -> str:
    return " ".join(text.split())


def page_texts(data: bytes) -> list[str]:
    return [words(page.extract_text()) for page in pypdf.PdfReader(io.BytesIO(data)).pages]


@pytest.fixture(scope="module")
def draft(tmp_path_factory):
    ed = edition(tmp_path_factory.mktemp("draft"), rich_edition)
    return ed, write_edition("pdf", ed)


@pytest.fixture(scope="module")
def long(tmp_path_factory):
    ed = edition(tmp_path_factory.mktemp("long"), long_edition)
    return ed, write_edition("pdf", ed)


def struct_elements(pdf: pikepdf.Pdf):
    stack = [pdf.Root.StructTreeRoot]
    while stack:
        node = stack.pop()
        kids = node.get("/K")
        if kids is None:
            continue
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                yield kid
                stack.append(kid)


def test_the_same_edition_gives_identical_bytes(draft, tmp_path):
    ed, data = draft
    assert write_edition("pdf", ed) == data
    # Another process, with another hash seed, must agree too: no set order or counter leaks in.
    workbook = tmp_path / "again.xlsx"
    write_workbook(workbook, _sheets(rich_edition))
    script = (
        "import sys; from reportgen.workbook.reader import load; from reportgen.writers import write_edition; "
        "sys.stdout.buffer.write(write_edition('pdf', load(sys.argv[1]).edition))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(workbook)],
        capture_output=True,
        check=True,
        env={**os.environ, "PYTHONHASHSEED": "12345"},
        timeout=120,
    )
    assert result.stdout == data


def _sheets(change):
    sheets = valid_sheets()
    change(sheets)
    return sheets


def test_it_is_tagged_pdf_ua_with_language_title_and_metadata(draft):
    ed, data = draft
    with pikepdf.open(io.BytesIO(data)) as pdf:
        root = pdf.Root
        assert "/StructTreeRoot" in root
        assert str(root.Lang) == "en-GB"
        assert bool(root.MarkInfo.Marked) is True
        assert bool(root.ViewerPreferences.DisplayDocTitle) is True
        assert str(pdf.docinfo.Title) == "Action Plan for Fairer Policing: 2025/26 Quarter 2 Update"
        assert str(pdf.docinfo.CreationDate).startswith("D:20251114")
        meta = pdf.open_metadata()
        assert meta["pdfuaid:part"] == "1"
        assert meta["dc:title"] == "Action Plan for Fairer Policing: 2025/26 Quarter 2 Update"
        tags = {str(e.S) for e in struct_elements(pdf)}
        assert {"/Document", "/H1", "/H2", "/H3", "/Table", "/THead", "/TH", "/TD", "/L", "/LI", "/Link"} <= tags


def test_every_heading_has_a_bookmark(draft):
    ed, data = draft
    outline = build_outline(ed)
    with pikepdf.open(io.BytesIO(data)) as pdf, pdf.open_outline() as bookmarks:
        titles = []

        def walk(items):
            for item in items:
                titles.append(item.title)
                walk(item.children)

        walk(bookmarks.root)
    assert titles == [ed.title, "Contents"] + [h.text for h in outline.headings]


def test_the_contents_gives_the_page_each_heading_is_on(draft):
    ed, data = draft
    texts = page_texts(data)
    contents = next(t for t in texts if t.startswith("Contents"))
    for heading in build_outline(ed).headings:
        number = int(re.search(re.escape(heading.text) + r" (\d+)", contents).group(1))
        assert texts[number - 1].startswith(heading.text) or f" {heading.text} " in texts[number - 1], heading.text


def test_every_commitment_and_update_appears_once_in_order_under_its_chapter(draft):
    ed, data = draft
    text = " ".join(page_texts(data))
    previous = -1
    for chapter in ed.chapters:
        start = text.index(f"{chapter.heading} ", text.index("Contact and publication details") + 1)
        assert start > previous
        for commitment in chapter.commitments:
            commitment_words = words(commitment.commitment.plain_text())
            assert text.count(commitment_words) == 1, commitment_words
            position = text.index(commitment_words)
            assert position > start
            previous = position
    assert text.count("Twelve meetings were held.") == 1
    assert "Officers: 32,920." in text


def test_notes_never_appear(draft, long):
    for _, data in (draft, long):
        assert SECRET_NOTE not in " ".join(page_texts(data))


def test_draft_marking_is_on_every_page_of_a_draft_and_absent_from_a_final(draft, tmp_path):
    _, data = draft
    texts = page_texts(data)
    assert len(texts) > 3 and all(DRAFT in t for t in texts)
    final_texts = page_texts(write_edition("pdf", edition(tmp_path, final)))
    assert not any("DRAFT" in t for t in final_texts)


def test_running_header_and_page_x_of_y_after_the_cover(draft):
    _, data = draft
    texts = page_texts(data)
    total = len(texts)
    assert "Page 1 of" not in texts[0]
    for number, text in enumerate(texts[1:], start=2):
        assert f"Page {number} of {total}" in text
        assert "Action Plan for Fairer Policing" in text


def test_lato_is_embedded_and_the_only_font(draft):
    _, data = draft
    with pikepdf.open(io.BytesIO(data)) as pdf:
        fonts = {}
        for page in pdf.pages:
            for font in page.obj.Resources.Font.values():
                descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
                fonts[str(font.BaseFont)] = "/FontFile2" in descendant.FontDescriptor
    assert fonts and all("+Lato" in name for name in fonts), fonts
    assert all(fonts.values()), "every font must be embedded"


def test_links_work(draft):
    _, data = draft
    with pikepdf.open(io.BytesIO(data)) as pdf:
        uris, internal = set(), set()
        for page in pdf.pages:
            for annot in page.obj.get("/Annots", []):
                if "/A" in annot and "/URI" in annot.A:
                    uris.add(str(annot.A.URI))
                elif "/Dest" in annot:
                    internal.add(str(annot.Dest))
    assert uris == {"https://example.org/review", "mailto:actionplan@example.gov.uk"}
    assert {"chapter-1", "chapter-2", "back"} <= internal


def test_a_long_table_repeats_its_header_row_on_every_page(long):
    ed, data = long
    texts = page_texts(data)
    table_pages = [t for t in texts if "Update 1." in t or "Sentence" in t]
    assert len(table_pages) >= 3, "the fixture must run over several pages"
    for text in table_pages:
        assert "Ref Commitment Update" in text
    # Seen on every page, but read once: one Table, one THead; the repeats are pagination artifacts.
    from reportgen.accessibility.pdf_content import read_page

    with pikepdf.open(io.BytesIO(data)) as pdf:
        tables = [e for e in struct_elements(pdf) if str(e.S) == "/Table"]
        heads = [e for e in struct_elements(pdf) if str(e.S) == "/THead"]
        table_indexes = [i for i, t in enumerate(texts) if "Update 1." in t or "Sentence" in t]
        artifact_text = {
            i: " ".join(r.text for r in read_page(pdf.pages[i], {}).runs if r.artifact) for i in table_indexes
        }
    assert len(tables) == len(heads) == len(ed.chapters)
    later_pages = table_indexes[1:]
    assert later_pages and all(words(artifact_text[i]).count("Commitment") == 1 for i in later_pages)
    assert "Commitment" not in artifact_text[table_indexes[0]]


def test_a_long_table_keeps_every_row_in_order(long):
    ed, data = long
    # Running headers and footers interrupt rows that break across pages; drop them first.
    text = " ".join(
        re.sub(r"Action Plan for Fairer Policing DRAFT – not for publication Page \d+ of \d+", " ", t).replace(
            "Ref Commitment Update", " "
        )
        for t in page_texts(data)
    )
    text = words(text)
    positions = [text.index(f"Update {c.id[2:].replace('-', '.')} begins.") for c in ed.chapters[0].commitments]
    assert positions == sorted(positions)
    for commitment in ed.chapters[0].commitments:
        assert text.count(words(commitment.update.plain_text())) == 1


def _table_row_layout(tall_height: float):
    """A two-row table in the house print CSS whose second row starts a page, under the repeated header."""
    from weasyprint import HTML

    from reportgen.writers.html.page import PRINT_CSS, stylesheet, templates_dir

    html = (
        "<!DOCTYPE html><html lang='en'><head><title>t</title>"
        f"<style>{stylesheet(PRINT_CSS, inline_variables=True)}</style></head><body>"
        "<table class='commitments'><thead><tr><th>Ref</th><th>Update</th></tr></thead>"
        "<tbody class='ref-group'><tr><th>1.1</th><td>First row.</td></tr>"
        "<tr style='break-before: page'><th>1.2</th>"
        f"<td><p>Update text.</p><div id='tall' style='height: {tall_height}px'></div></td></tr>"
        "</tbody></table></body></html>"
    )
    return HTML(string=html, base_url=templates_dir().as_uri() + "/", media_type="print").render()


def test_a_row_ending_in_its_cell_padding_at_the_page_foot_keeps_the_repeated_header():
    # WeasyPrint fits a cell's content against the page foot without the cell's own bottom padding
    # (unless the decoration is cloned); a row whose content fits but whose padding does not could
    # not be split, and as the first row under a repeated header it made WeasyPrint drop the header.
    probe = _table_row_layout(10).pages[1]._page_box
    tall = next(b for b in probe.descendants() if b.element is not None and b.element.get("id") == "tall")
    foot = probe.content_box_y() + probe.height
    # End the content 3 px above the page foot: inside the cell's bottom padding (1.6 mm).
    document = _table_row_layout(tall.height + foot - (tall.position_y + tall.height) - 3)
    table_pages = 0
    for page in document.pages[1:]:
        tables = [b for b in page._page_box.descendants() if type(b).__name__ == "TableBox"]
        if tables:
            table_pages += 1
            assert tables[0].children and tables[0].children[0].is_header
    assert table_pages >= 1


def test_a_chart_is_a_figure_with_its_text_alternative_and_no_stray_warnings(tmp_path, monkeypatch, caplog):
    styled = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50" width="100" height="50">'
        '<rect width="40" height="50" style="fill: #0b3d6e; stroke: none"/></svg>'
    )
    ed = edition(tmp_path, with_charts)
    fake_charts(monkeypatch, lambda e: [figure(e.chapters[0], "Officers by year", svg=styled)])
    with caplog.at_level("WARNING", logger="weasyprint"):
        data = write_edition("pdf", ed)
    assert [r.getMessage() for r in caplog.records if r.levelname == "WARNING"] == []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        figures = [e for e in struct_elements(pdf) if str(e.S) == "/Figure"]
    assert [str(f.Alt) for f in figures] == ["Bars rising from 10 to 40"]
    text = " ".join(page_texts(data))
    assert text.index("Figure 1: Officers by year") > text.index("Review handcuffing.")
    # the data table follows the drawing; its caption is the figure's (as in Word), not printed twice
    assert "Officers by year Year Officers 2020 10 2021 40" in text
    assert "Data for figure 1" not in text


def test_page_references_are_cached_without_changing_a_byte(long, monkeypatch):
    import contextlib

    import pydyf

    ed, cached_bytes = long
    upstream = pydyf.PDF.__dict__["page_references"]
    calls = []

    def counted(pdf):
        calls.append(len(pdf.pages["Kids"]))
        return upstream.fget(pdf)

    monkeypatch.setattr(pydyf.PDF, "page_references", property(counted))
    again = write_edition("pdf", ed)
    pages = len(pikepdf.open(io.BytesIO(again)).pages)
    # Recomputed at most once for each page count WeasyPrint reaches, not once per tagged item.
    assert 0 < len(calls) <= pages + 1
    assert pydyf.PDF.__dict__["page_references"].fget is counted  # put back as found

    calls.clear()
    monkeypatch.setattr(pdf_writer, "page_references_cached", contextlib.nullcontext)
    uncached = write_edition("pdf", ed)
    assert len(calls) > 10 * pages  # what the cache saves
    assert uncached == again == cached_bytes
