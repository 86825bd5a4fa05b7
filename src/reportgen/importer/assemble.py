"""Places each part of a Word edition: cover, narrative sections, chapters, commitments, glossary.

Whatever cannot be placed becomes a finding naming where it stands in the document,
so nothing the edition said is silently dropped.
"""

from __future__ import annotations

from ..core.richtext import Text
from ..core.wording import BACK_HEADING, CONTENTS_HEADING, DATA_HEADING, GLOSSARY_HEADING
from . import fields as edition_fields
from .cover import mark_bold_headings, read_cover, read_properties, record_dates, settle_publisher
from .docx_reader import DocumentReader, Para, Table
from .drafts import Assembly, ChapterDraft, SectionDraft, snippet
from .tables import (
    KEY_ROLES,
    Draft,
    Layout,
    absorb,
    find_layout,
    is_repeated_header,
    read_row,
    split_details,
    split_key,
    starts_new_commitment,
)

_CAPTION_STYLES = ("caption",)
_SKIPPED_HEADINGS = (CONTENTS_HEADING.casefold(), "table of contents")


class Assembler:
    """Reads one document's blocks in order and decides where each belongs."""

    def __init__(self, document):
        self.reader = DocumentReader(document)
        self.document = document
        self.out = Assembly()
        self.current: int | None = None  # index of the chapter commitments go to
        self.draft: Draft | None = None
        self.layout: Layout | None = None  # the last commitments table's, for a table split in two
        self.cover: list[Para] = []
        self.publisher_guess: tuple[str, str] | None = None
        self.merges_refs = False

    def run(self) -> Assembly:
        blocks = [b for b in self.reader.blocks() if not (isinstance(b, Para) and b.toc)]
        mark_bold_headings(blocks)
        self.blocks = blocks
        index = 0
        in_cover = True
        while index < len(blocks):
            block = blocks[index]
            if isinstance(block, Table):
                in_cover = self._end_cover(in_cover)
                self.table(block)
                index += 1
                continue
            if block.is_empty:
                self.media(block)
                index += 1
                continue
            if block.heading is not None and not (in_cover and self._cover_heading(index)):
                in_cover = self._end_cover(in_cover)
                index = self.section(index)
                continue
            if in_cover:
                self.cover.append(block)
            else:
                self.loose(block)
            index += 1
        self._end_cover(in_cover)
        read_properties(self.document, self.out)
        settle_publisher(self.publisher_guess, self.out)
        return self.out

    # --- cover and document properties ---------------------------------------------------

    def _cover_heading(self, index: int) -> bool:
        """A heading on the cover (the title set as headings), not the start of a section."""
        para = self.blocks[index]
        if edition_fields.is_label(para.text):
            return True
        following = self._next_content(index)
        return isinstance(following, Para) and following.heading is not None

    def _next_content(self, index: int):
        for block in self.blocks[index + 1 :]:
            if isinstance(block, Table) or not block.is_empty:
                return block
        return None

    def _end_cover(self, in_cover: bool) -> bool:
        if in_cover:
            for para in self.cover:
                self.media(para)
            self.publisher_guess = read_cover(self.cover, self.out)
        return False

    # --- sections ------------------------------------------------------------------------

    def section(self, index: int) -> int:
        """Read the heading at `index` and what belongs to it; return the index after it."""
        heading = self.blocks[index]
        text = " ".join(heading.text.split())
        level = heading.heading or 1
        end = self._section_end(index, same_or_higher=False)
        folded = text.casefold()
        if folded in _SKIPPED_HEADINGS:
            self._leftovers(self.blocks[index + 1 : end])
            return end
        if folded == BACK_HEADING.casefold():
            self.back_page(self.blocks[index + 1 : end])
            return end
        if folded in (GLOSSARY_HEADING.casefold(), "abbreviations", "glossary of terms") and any(
            isinstance(b, Table) and (find_layout(b)[0] is None or find_layout(b)[0].kind == "glossary")
            for b in self.blocks[index + 1 : end]
        ):
            for block in self.blocks[index + 1 : end]:
                if isinstance(block, Table):
                    self.glossary(block)
                else:
                    self.loose(block)
            return end
        if folded == DATA_HEADING.casefold():
            self._leftovers(self.blocks[index + 1 : end])
            return end
        chapter_end = self._section_end(index, same_or_higher=True)
        if self._has_commitments(index + 1, chapter_end):
            return self.chapter(index, chapter_end)
        body = self.blocks[index + 1 : end]
        if self.out.chapters and self._has_commitments(end, len(self.blocks)):
            self.out.note(
                "import-moved",
                heading.place,
                f"the section '{snippet(text)}' sits between two "
                "chapters, but narrative goes before or after the chapters, so it was put after them; "
                "move its text into a chapter's introduction if it belongs there",
            )
        paras = [b for b in body if isinstance(b, Para)]
        if not any(not p.is_empty for p in paras):
            self.out.unplaced(heading.place, text, ", a heading with no text of its own under it")
            self._leftovers(body)
            return end
        section = SectionDraft(text, min(level, 3), heading.place, after_chapters=bool(self.out.chapters))
        for block in body:
            if isinstance(block, Table):
                self.table(block)
            else:
                self.media(block)
                section.body.append(block)
        self.out.sections.append(section)
        return end

    def _section_end(self, index: int, same_or_higher: bool) -> int:
        level = self.blocks[index].heading or 1
        for position in range(index + 1, len(self.blocks)):
            block = self.blocks[position]
            if isinstance(block, Para) and block.heading is not None and not block.is_empty:
                if not same_or_higher or block.heading <= level:
                    return position
        return len(self.blocks)

    def _has_commitments(self, start: int, end: int) -> bool:
        for block in self.blocks[start:end]:
            if isinstance(block, Table):
                layout, _ = find_layout(block)
                if layout is not None and layout.kind == "commitments":
                    return True
        return False

    def chapter(self, index: int, end: int) -> int:
        heading = self.blocks[index]
        number, title = split_key([heading.text])
        if number is not None and "." in number:
            number, title = None, " ".join(heading.text.split())  # "1.5 million officers" is a title
        chapter = ChapterDraft(number, title or " ".join(heading.text.split()), heading.place)
        self.out.chapters.append(chapter)
        self.current = len(self.out.chapters) - 1
        self.draft = None
        seen_table = False
        for block in self.blocks[index + 1 : end]:
            if isinstance(block, Table):
                seen_table = True
                self.table(block)
            elif block.is_empty:
                self.media(block)
            elif not seen_table:
                self.media(block)
                if block.heading is not None:
                    # A subheading inside the introduction: kept, as a bold line of its own.
                    block = Para(
                        block.place,
                        inlines=tuple(
                            Text(node.text, True, node.italic) if isinstance(node, Text) else node
                            for node in block.inlines
                        ),
                    )
                chapter.introduction.append(block)
            else:
                self.loose(block)
        return end

    def back_page(self, blocks) -> None:
        """reportgen's own back page: publication details, restored into Edition fields."""
        for block in blocks:
            if isinstance(block, Table):
                self.table(block)
                continue
            text = " ".join(block.text.split())
            if not text:
                continue
            email = edition_fields.email_in(text)
            if text.casefold().startswith("for enquiries") and email:
                self.out.fields.offer("Contact", email, block.place)
            elif not record_dates(text, block.place, self.out.fields) and not self._names_the_edition(text):
                self.loose(block)

    def _names_the_edition(self, text: str) -> bool:
        values = self.out.fields.values
        title, label = str(values.get("Title", "")), str(values.get("Edition", ""))
        return bool(title) and text in (title, f"{title}: {label}")

    def _leftovers(self, blocks) -> None:
        for block in blocks:
            if isinstance(block, Table):
                self.table(block)
            else:
                self.loose(block)

    def loose(self, para: Para) -> None:
        """A paragraph outside any section or cell: a caption, a picture, or text with no place."""
        self.media(para)
        if para.is_empty:
            return
        if para.style_name.casefold() in _CAPTION_STYLES:
            if self._captioned_table(para) is not None:
                return  # a table's caption: quoted in the table's own finding
            self.out.note(
                "import-unplaced",
                para.place,
                f"the figure '{snippet(para.text)}' (a picture with its "
                "caption) was not imported; charts are drawn from the Metrics and Charts sheets, so add its "
                "figures there",
            )
            return
        self.out.unplaced(para.place, para.text)

    def media(self, para: Para) -> None:
        for alt in para.pictures:
            if self._captioned(para):
                continue  # reported once, with its caption
            what = f"a picture ('{snippet(alt)}')" if alt else "a picture"
            self.out.note(
                "import-unplaced",
                para.place,
                f"{what} was not imported; the workbook holds text, and "
                "charts are drawn from its Metrics and Charts sheets",
            )
        if para.footnotes:
            self.out.note(
                "import-unplaced",
                para.place,
                f"{para.footnotes} footnote reference(s) here were not "
                "imported; put the footnote's words into the text if they matter",
            )

    def _captioned(self, para: Para) -> bool:
        """A picture whose caption comes straight after it, or straight before it (reportgen's own figures)."""
        position = next((i for i, block in enumerate(self.blocks) if block is para), None)
        if position is None:
            return False
        neighbours = [self.blocks[i] for i in (position - 1, position + 1) if 0 <= i < len(self.blocks)]
        return any(isinstance(block, Para) and block.style_name.casefold() in _CAPTION_STYLES for block in neighbours)

    # --- tables --------------------------------------------------------------------------

    def table(self, table: Table) -> None:
        layout, start = find_layout(table)
        if layout is None and (table.caption.casefold().startswith("data for figure") or self._after_figure(table)):
            # reportgen's own figures table, never the commitments table carried on, even when it has
            # as many columns (Ref | Commitment | Update has three, like many charts' tables); LibreOffice
            # drops the table's caption, so a table straight after a figure is taken to be its data
            self._unknown_table(table)
            return
        if layout is None and self.layout is not None and table.grid_width == self.layout.width:
            layout, start = self.layout, 0  # the same table carried on after a break
        if layout is None:
            self._unknown_table(table)
            return
        if layout.kind == "glossary":
            self._glossary_rows(table, layout, start)
            return
        self.layout = layout
        # A table that merges Ref cells to share them means an empty, unmerged Ref cell is no Ref;
        # in one that never merges, an empty Ref cell below a Ref is that Ref printed once.
        self.merges_refs = any(
            cell.vmerge for row in table.rows for cell in row.cells if layout.role_of(cell) in KEY_ROLES
        )
        # Rows above the header row (a title spanning the table) are read like chapter rows.
        for row in table.rows[: max(start - 1, 0)] + table.rows[start:]:
            if row.is_empty or is_repeated_header(row, layout):
                for cell in row.cells:
                    for para in cell.paras:
                        self.media(para)
                continue
            self._commitment_row(row, layout, f"table {table.number}, row {row.number}")

    def _unknown_table(self, table: Table) -> None:
        """One finding for a table that is not commitments: a row-by-row list would bury the others."""
        filled = [row for row in table.rows if any(cell.text for cell in row.cells)]
        if not filled:
            return
        place = f"table {table.number}, row {filled[0].number}"
        count = f"{len(filled)} row{'s' if len(filled) != 1 else ''}"
        if table.caption.casefold().startswith("data for figure") or self._after_figure(table):
            # reportgen's own figures table (LibreOffice drops its caption): the chart's numbers.
            name = f"the table '{snippet(table.caption)}'" if table.caption else "the data table of the figure above it"
            self.out.note(
                "import-unplaced",
                place,
                f"{name} ({len(filled) - 1} rows of figures) was not imported; add its figures to the Metrics sheet",
            )
            return
        typed = table.caption or self._caption_above(table)
        caption = f" '{snippet(typed)}'" if typed else ""
        first = snippet(" | ".join(cell.text for cell in filled[0].cells if cell.text))
        self.out.note(
            "import-unplaced",
            place,
            f"could not place the table{caption} ({count}, starting '{first}'), "
            "which is not a table of commitments; copy what belongs in the edition into the workbook",
        )

    def _neighbour(self, block, step: int):
        """The nearest block before (-1) or after (1) `block` that is not an empty paragraph."""
        position = next((i for i, b in enumerate(self.blocks) if b is block), None)
        if position is None:
            return None
        position += step
        while 0 <= position < len(self.blocks):
            candidate = self.blocks[position]
            if isinstance(candidate, Table) or not candidate.is_empty or candidate.pictures:
                return candidate
            position += step
        return None

    def _captioned_table(self, para: Para) -> Table | None:
        """The table a caption paragraph names: one straight after it that is not commitments or a glossary,
        with no picture before the caption (that would make it a figure's caption)."""
        following, preceding = self._neighbour(para, 1), self._neighbour(para, -1)
        if not isinstance(following, Table) or find_layout(following)[0] is not None:
            return None
        if isinstance(preceding, Para) and preceding.pictures:
            return None
        return following

    def _caption_above(self, table: Table) -> str:
        preceding = self._neighbour(table, -1)
        if (
            isinstance(preceding, Para)
            and preceding.style_name.casefold() in _CAPTION_STYLES
            and self._captioned_table(preceding) is table
        ):
            return " ".join(preceding.text.split())
        return ""

    def _after_figure(self, table: Table) -> bool:
        """Whether the table comes straight after a figure (its picture, or its caption "Figure n: …" below
        it), as reportgen prints a chart's data table."""
        preceding = self._neighbour(table, -1)
        if not isinstance(preceding, Para):
            return False
        if preceding.pictures:
            return True
        return (
            preceding.style_name.casefold() in _CAPTION_STYLES
            and preceding.text.strip().casefold().startswith("figure")
            and isinstance(self._neighbour(preceding, -1), Para)
            and bool(self._neighbour(preceding, -1).pictures)
        )

    def glossary(self, table: Table) -> None:
        layout, start = find_layout(table)
        if layout is None or layout.kind != "glossary":
            layout, start = None, 0
        self._glossary_rows(table, layout, start)

    def _glossary_rows(self, table: Table, layout: Layout | None, start: int) -> None:
        for row in table.rows[start:]:
            cells = [cell for cell in row.cells if cell.text]
            if not cells or (layout is not None and is_repeated_header(row, layout)):
                continue
            place = f"table {table.number}, row {row.number}"
            if len(cells) == 2:
                self.out.glossary.append((" ".join(cells[0].text.split()), " ".join(cells[1].text.split()), place))
            else:
                self.out.unplaced(place, " | ".join(cell.text for cell in cells), " in the glossary")

    def _commitment_row(self, row, layout: Layout, place: str) -> None:
        reading = read_row(row, layout)
        for cell in reading.unplaced:
            header = layout.headers.get(cell.grid_start, "")
            self.out.unplaced(place, cell.text, f" in the column '{header}', which the workbook has no place for")
        if reading.cells.get("spanning"):
            cells = reading.cells["spanning"] + [c for name in KEY_ROLES for c in reading.cells.get(name, [])]
            number, title = split_key([c.text for c in sorted(cells, key=lambda c: c.grid_start)])
            self._chapter_row(number, title, place)
            return
        key_cells = sorted(
            (cell for name in KEY_ROLES for cell in reading.cells.get(name, []) if cell.vmerge != "continue"),
            key=lambda cell: cell.grid_start,
        )
        ref, name = split_key([cell.text for cell in key_cells])
        commitment, update = reading.text("commitment"), reading.text("update")
        if not commitment and not update:
            if name or (ref and "." not in ref):
                self._chapter_row(ref, name, place)
            elif ref or reading.text("lead") or reading.text("status"):
                self.out.unplaced(
                    place,
                    " | ".join(c.text for c in row.cells if c.text),
                    ", a row with neither a commitment nor an update",
                )
            return
        if name:
            self._chapter_named(name, ref)
        for cell in reading.cells.get("commitment", []) + reading.cells.get("update", []):
            for para in cell.paras:
                self.media(para)
        if ref is None and not starts_new_commitment(reading, self.draft) and self.draft is not None:
            absorb(self.draft, reading, place, self.out.note)
            return
        chapter = self._chapter_for_row(place)
        inherited = None
        if (
            ref is None
            and self.draft is not None
            and self.draft.chapter == chapter
            and (reading.merged("ref") or not self.merges_refs)
        ):
            inherited = self.draft.ref  # a Ref printed once for several commitments
        commitment = reading.paras("commitment")
        lead, status = " ".join(reading.text("lead").split()), " ".join(reading.text("status").split())
        if "lead" not in reading.cells and "status" not in reading.cells:
            # reportgen's own editions print them as a line under the commitment
            commitment, lead, status = split_details(commitment)
        draft = Draft(
            place,
            chapter,
            ref or inherited,
            id=reading.text("id") or None,
            commitment=commitment,
            update=[] if reading.merged("update") else reading.paras("update"),
            lead=lead,
            status=status,
            shares_update=reading.merged("update"),
        )
        self.out.commitments.append(draft)
        self.draft = draft

    def _chapter_row(self, number: str | None, title: str, place: str) -> None:
        number = number.rstrip(".") if number else None
        if self.current is not None:
            current = self.out.chapters[self.current]
            same_title = title and current.title.casefold() == title.casefold()
            same_number = number and current.number == number and (not title or same_title)
            if same_title or same_number:
                return  # the chapter row repeated at the top of a page
        for position, chapter in enumerate(self.out.chapters):
            if title and chapter.title.casefold() == title.casefold():
                self.current, self.draft = position, None
                return
        if not title:
            title = f"Chapter {number}"
            self.out.note(
                "import-field-guessed",
                place,
                f"chapter {number} has no title in the document; it was "
                f"called '{title}', so give it its real title on the Chapters sheet",
            )
        self.out.chapters.append(ChapterDraft(number, title, place))
        self.current, self.draft = len(self.out.chapters) - 1, None

    def _chapter_named(self, name: str, ref: str | None) -> None:
        """A Chapter column naming the chapter on every row: switch to it, or start it."""
        if self.current is not None and self.out.chapters[self.current].title.casefold() == name.casefold():
            return
        number = ref.split(".")[0] if ref and "." in ref else None
        self._chapter_row(number, name, self.draft.place if self.draft else "")

    def _chapter_for_row(self, place: str) -> int:
        if self.current is None:
            self.out.chapters.append(ChapterDraft(None, "Commitments", place))
            self.current = len(self.out.chapters) - 1
            self.out.note(
                "import-field-guessed",
                place,
                "the commitments here come before any chapter heading or "
                "chapter row, so they were put in a chapter called 'Commitments'; rename or split it",
            )
        return self.current
