"""The edition in document order: cover, contents, narrative, chapters, data, glossary, back page."""

from __future__ import annotations

import datetime as dt

from docx.document import Document

from ...model import Chapter, Edition, NarrativeSection
from . import xml
from .figures import chart_figures, figure_blocks, figures_by_chapter
from .reference import bullet_numbering_id, text_width
from .tables import commitment_columns, commitments_table, glossary_table
from .text import TextWriter

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
CONTENTS_FIELD = 'TOC \\o "1-3" \\h \\z \\u'
DRAFT_MARKING = "DRAFT \u2013 not for publication"
_FIRST_BOOKMARK = 100000000  # Word names heading bookmarks _Toc followed by digits


def long_date(day: dt.date | None) -> str:
    """1 July 2021 (month names spelt out here, so the machine's locale cannot change them)."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}" if day else ""


def period_text(edition: Edition) -> str:
    if edition.period_start and edition.period_end:
        return f"{long_date(edition.period_start)} to {long_date(edition.period_end)}"
    return long_date(edition.period_start or edition.period_end)


class Layout:
    """Adds the edition to an empty document body, one block at a time, in reading order."""

    def __init__(self, document: Document, edition: Edition):
        self.document = document
        self.edition = edition
        self.width = text_width(document)
        self.writer = TextWriter(document.part, edition, bullet_numbering_id(document))
        self.headings: list[tuple[int, str, str]] = []  # (level, text, bookmark), for the contents
        self._end = document.element.body.sectPr
        self._break_before_next_heading = False
        self._figure_number = 0

    def add(self, *blocks) -> None:
        for block in blocks:
            self._end.addprevious(block)

    def heading(self, text: str, level: int, *, page_break: bool = False) -> None:
        level = min(max(level, 1), 3)
        p = xml.paragraph(f"Heading{level}", page_break_before=page_break or self._break_before_next_heading)
        self._break_before_next_heading = False
        p.append(xml.run(text))
        bookmark_id = len(self.headings) + 1
        name = f"_Toc{_FIRST_BOOKMARK + bookmark_id}"
        xml.bookmark(p, bookmark_id, name)
        self.headings.append((level, text, name))
        self.add(p)

    def write(self) -> None:
        edition = self.edition
        self.cover()
        contents = self.contents_heading()
        self._break_before_next_heading = True
        for section in edition.narrative_before:
            self.narrative(section)
        placed, closing = figures_by_chapter(chart_figures(edition), edition)
        columns = commitment_columns(edition)
        for chapter in edition.chapters:
            self.chapter(chapter, columns, placed.get(id(chapter), []))
        for section in edition.narrative_after:
            self.narrative(section)
        if closing:
            self.heading("Data", 1)
            self.figures(closing)
        if edition.glossary:
            self.heading("Glossary", 1)
            self.add(glossary_table(edition, self.width))
        self.back_page()
        self.fill_contents(contents)

    def cover(self) -> None:
        edition = self.edition
        lines = [("Title", edition.title), ("Subtitle", edition.edition)]
        period = period_text(edition)
        if period:
            lines.append(("CoverDetail", f"Monitoring period: {period}"))
        lines.append(("CoverDetail", edition.publisher))
        if edition.publication_date:
            lines.append(("CoverDetail", f"Published {long_date(edition.publication_date)}"))
        for style, text in lines:
            if text:
                p = xml.paragraph(style)
                p.append(xml.run(text))
                self.add(p)

    def contents_heading(self):
        p = xml.paragraph("TOCHeading", page_break_before=True)
        p.append(xml.run("Contents"))
        self.add(p)
        return p

    def fill_contents(self, contents_heading) -> None:
        """A real TOC field, pre-filled with the headings so it reads right before Word refreshes it.

        The field is marked dirty, so Word offers to update it (adding page numbers) on opening.
        """
        entries = []
        for index, (level, text, bookmark) in enumerate(self.headings):
            p = xml.paragraph(f"TOC{level}")
            if index == 0:
                p.extend(xml.field_start(CONTENTS_FIELD, dirty=True))
            p.append(xml.internal_link(bookmark, [xml.run(text)]))
            if index == len(self.headings) - 1:
                p.append(xml.field_end())
            entries.append(p)
        anchor = contents_heading
        for p in entries:
            anchor.addnext(p)
            anchor = p

    def narrative(self, section: NarrativeSection) -> None:
        self.heading(section.heading, section.level)
        self.add(*self.writer.paragraphs(section.body))

    def chapter(self, chapter: Chapter, columns: list[str], figures: list) -> None:
        self.heading(chapter.heading, 1)
        self.add(*self.writer.paragraphs(chapter.introduction))
        if chapter.commitments:
            self.add(commitments_table(chapter, columns, self.width, self.writer))
        self.figures(figures)

    def figures(self, figures: list) -> None:
        for figure in figures:
            self._figure_number += 1
            # Added one figure at a time: python-docx numbers each picture from those in the body.
            self.add(*figure_blocks(self.document, figure, self._figure_number, self.width))

    def back_page(self) -> None:
        edition = self.edition
        self.heading("Contact and publication details", 1, page_break=True)
        lines = [f"{edition.title}: {edition.edition}" if edition.edition else edition.title]
        if edition.publisher and edition.publication_date:
            lines.append(f"Published by {edition.publisher} on {long_date(edition.publication_date)}.")
        elif edition.publisher:
            lines.append(f"Published by {edition.publisher}.")
        period = period_text(edition)
        if period:
            lines.append(f"Monitoring period: {period}.")
        for text in lines:
            p = xml.paragraph()
            p.append(xml.run(text))
            self.add(p)
        if edition.contact:
            p = xml.paragraph()
            p.append(xml.run("For enquiries about this update, e-mail "))
            p.extend(self.writer.link(f"mailto:{edition.contact}", edition.contact))
            p.append(xml.run("."))
            self.add(p)

    def page_furniture(self) -> None:
        """DRAFT on every page of a draft (the cover included); the title and "Page X of Y" after the cover."""
        section = self.document.sections[0]
        section.different_first_page_header_footer = True
        draft = self.edition.is_draft
        _replace(section.first_page_header, [_line("DraftMarking", DRAFT_MARKING)] if draft else [])
        running = [_line("Header", self.edition.title)]
        if draft:
            running.append(_line("DraftMarking", DRAFT_MARKING))
        _replace(section.header, running)
        _replace(section.first_page_footer, [])
        page_number = xml.paragraph("Footer")
        page_number.append(xml.run("Page "))
        page_number.extend(xml.field("PAGE", "1"))
        page_number.append(xml.run(" of "))
        page_number.extend(xml.field("NUMPAGES", "1"))
        _replace(section.footer, [page_number])


def _line(style: str, text: str):
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
