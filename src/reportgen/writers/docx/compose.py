"""The outline (outline/document.py) as Word blocks: cover, contents, parts in order, back page."""

from __future__ import annotations

from docx.document import Document

from ...outline.document import BackPage, Cover, Heading, Outline
from ...outline.outlined import OutlinedEdition
from . import xml
from .figures import figure_blocks
from .reference import bullet_numbering_id, text_width
from .tables import commitments_table, glossary_table
from .text import TextWriter

DRAFT_COLOUR = "A50021"  # the Draft Marking style's dark red (7.5:1 on white)
_FIRST_BOOKMARK = 100000000  # Word names heading bookmarks _Toc followed by digits


class Layout:
    """Adds the edition to an empty document body, one block at a time, in the outline's order."""

    def __init__(self, document: Document, outlined: OutlinedEdition):
        self.document = document
        self.edition = outlined.edition
        self.width = text_width(document)
        self.writer = TextWriter(document.part, self.edition, bullet_numbering_id(document))
        self.outline: Outline = outlined.outline
        self.headings: list[tuple[int, str, str]] = []  # (level, text, bookmark), for the contents
        self._end = document.element.body.sectPr
        self._break_before_next_heading = False

    def add(self, *blocks) -> None:
        for block in blocks:
            self._end.addprevious(block)

    def heading(self, heading: Heading, *, page_break: bool = False) -> None:
        level = min(max(heading.level, 1), 3)
        p = xml.paragraph(f"Heading{level}", page_break_before=page_break or self._break_before_next_heading)
        self._break_before_next_heading = False
        p.append(xml.run(heading.text))
        # Word's bookmark names allow letters, digits and underscores only, so the outline's
        # anchors (with hyphens) are not reused here.
        bookmark_id = len(self.headings) + 1
        name = f"_Toc{_FIRST_BOOKMARK + bookmark_id}"
        xml.bookmark(p, bookmark_id, name)
        self.headings.append((level, heading.text, name))
        self.add(p)

    def write(self) -> None:
        outline = self.outline
        self.cover(outline.cover)
        contents = self.contents_heading(outline.contents_heading.text)
        self._break_before_next_heading = True
        for part in outline.parts:
            # Each chapter starts a page, as in the PDF.
            self.heading(part.heading, page_break=part.kind == "chapter")
            if part.kind == "narrative":
                self.add(*self.writer.paragraphs(part.body))
            elif part.kind == "chapter":
                self.add(*self.writer.paragraphs(part.introduction))
                if part.table is not None:
                    self.add(commitments_table(part.table, self.width, self.writer))
                self.figures(part.figures)
            elif part.kind == "data":
                self.figures(part.figures)
            elif part.kind == "glossary":
                self.add(glossary_table(part.entries, self.width))
        self.back_page(outline.back)
        self.fill_contents(contents)

    def cover(self, cover: Cover) -> None:
        if cover.draft_marking:
            # Boxed at the top of the cover, as on the PDF's cover and the web page.
            marking = xml.paragraph("DraftMarking", align="left")
            marking.append(xml.run(cover.draft_marking))
            self.add(xml.boxed(marking, colour=DRAFT_COLOUR))
        lines = [("Title", cover.title), ("Subtitle", cover.edition)]
        lines += [("CoverDetail", detail) for detail in cover.details]
        self.add(*(_line(style, text) for style, text in lines if text))

    def contents_heading(self, text: str):
        p = xml.paragraph("TOCHeading", page_break_before=True)
        p.append(xml.run(text))
        self.add(p)
        return p

    def fill_contents(self, contents_heading) -> None:
        """The contents: each heading a link to its bookmark, then a tab and a PAGEREF field to it.

        Not a TOC field: LibreOffice shows a TOC field's stored text as it is, so a contents Word
        has not yet updated had no page numbers there, nor in the PDF LibreOffice exports, while it
        works PAGEREF fields out as it lays the pages. Word works them out too: every field is
        marked dirty and the settings ask Word to update fields on opening (and F9 updates them).
        """
        entries = []
        for level, text, bookmark in self.headings:
            p = xml.paragraph(f"TOC{level}")
            page = [xml.run("\t"), *xml.field(f"PAGEREF {bookmark} \\h", "", dirty=True)]
            p.append(xml.internal_link(bookmark, [xml.run(text), *page]))
            entries.append(p)
        anchor = contents_heading
        for p in entries:
            anchor.addnext(p)
            anchor = p
        xml.update_fields_on_open(self.document.settings.element)

    def figures(self, figures) -> None:
        for figure in figures:
            # Added one figure at a time: python-docx numbers each picture from those in the body.
            self.add(*figure_blocks(self.document, figure.chart, figure.number, self.width))

    def back_page(self, back: BackPage) -> None:
        self.heading(back.heading, page_break=True)
        self.add(*(_line(None, text) for text in back.lines if text))
        if back.contact:
            p = xml.paragraph()
            p.append(xml.run("For enquiries about this update, e-mail "))
            if back.contact_link:
                p.extend(self.writer.link(back.contact_link, back.contact))
            else:
                p.append(xml.run(back.contact))
            p.append(xml.run("."))
            self.add(p)

    def page_furniture(self) -> None:
        """DRAFT on every page of a draft (the cover included); the title and "Page X of Y" after the cover."""
        section = self.document.sections[0]
        section.different_first_page_header_footer = True
        marking = self.outline.cover.draft_marking
        _replace(section.first_page_header, [_line("DraftMarking", marking)] if marking else [])
        # One line, as in the PDF: the title on the left, the draft marking at the right margin.
        running = _line("Header", self.edition.title)
        if marking:
            xml.only_right_tab(running, self.width)
            running.append(xml.run("\t"))
            running.append(xml.run(marking, bold=True, colour=DRAFT_COLOUR, size=9))
        _replace(section.header, [running])
        _replace(section.first_page_footer, [])
        page_number = xml.paragraph("Footer")
        page_number.append(xml.run("Page "))
        page_number.extend(xml.field("PAGE", "1"))
        page_number.append(xml.run(" of "))
        page_number.extend(xml.field("NUMPAGES", "1"))
        _replace(section.footer, [page_number])


def _line(style: str | None, text: str):
    p = xml.paragraph(style)
    p.append(xml.run(text))
    return p


def _replace(header_or_footer, paragraphs: list) -> None:
    header_or_footer.is_linked_to_previous = False
    element = header_or_footer._element
    for child in list(element):
        element.remove(child)
    # A header or footer part must hold at least one paragraph, even an empty one.
    element.extend(paragraphs or [xml.paragraph()])
