"""The format-neutral outline of an edition: what is printed, in which order, under which heading.

The build makes it once (outline/outlined.py), charts drawn, and every writer reads that
one, so DOCX, PDF and HTML cannot disagree about content or order. It holds no markup of
any format: rich text stays a RichText tree. Notes and previous updates are deliberately
absent; nothing here can print them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from .. import charts
from ..core.model import Chapter, Commitment, Edition, GlossaryEntry, NarrativeSection
from ..core.richtext import EMPTY, RichText, is_well_formed_url
from ..core.wording import (
    BACK_HEADING,
    CONTENTS_HEADING,
    DATA_HEADING,
    DRAFT_MARKING,
    GLOSSARY_HEADING,
    MONITORING_PERIOD,
    long_date,
    period_text,
)


@dataclass(frozen=True)
class Column:
    key: str  # "ref", "commitment", "lead", "status" or "update"
    header: str


REF = Column("ref", "Ref")
COMMITMENT = Column("commitment", "Commitment")
LEAD = Column("lead", "Lead")
STATUS = Column("status", "Status")
UPDATE = Column("update", "Update")


# What a line of each column holds in print (A4, 10 pt Lato, the widths print.css and the Word
# writer give them), in characters. Only used to tell a short row from a long one.
_CHARACTERS_PER_LINE = {"commitment": 30, "update": 54}
# A row of at most this many lines is never split across pages (about a sixth of a page); a
# longer one may split, leaving at least three lines on each side (print.css: orphans, widows).
SHORT_ROW_LINES = 9


@dataclass(frozen=True)
class Row:
    """One commitment as printed: only the columns that are ever published."""

    id: str
    anchor: str  # unique in the document, so a review or a link can point at one commitment
    commitment: RichText
    update: RichText
    lead: str
    status: str
    details: tuple[
        tuple[str, str], ...
    ] = ()  # ("Lead", "MOPAC"), ("Status", "On track"): the line under the commitment

    @property
    def lines(self) -> int:
        """About how many lines the row takes in print: its taller cell."""
        commitment = _lines(self.commitment, _CHARACTERS_PER_LINE["commitment"]) + (1 if self.details else 0)
        return max(commitment, _lines(self.update, _CHARACTERS_PER_LINE["update"]))

    @property
    def short(self) -> bool:
        return self.lines <= SHORT_ROW_LINES


def _lines(text: RichText, per_line: int) -> int:
    lines = text.plain_text().split("\n")
    return sum(max(1, -(-len(line) // per_line)) for line in lines if line.strip()) + max(0, len(text.blocks) - 1)


@dataclass(frozen=True)
class Group:
    """Rows sharing one Ref: printed under a single number, as the published editions do."""

    ref: str  # "" when the commitments have no Ref
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class CommitmentTable:
    """Ref | Commitment | Update, the update at least half the width; Lead and Status, when the
    edition has them, are a short labelled line under the commitment (`details`), not columns of
    their own: short words in narrow columns took a quarter of the page and left the update cramped."""

    caption: str
    columns: tuple[Column, ...]
    groups: tuple[Group, ...]
    description: str = ""  # what one row is, for a table of something other than commitments
    details: tuple[Column, ...] = ()  # LEAD and/or STATUS, decided once for the edition

    @property
    def rows(self) -> tuple[Row, ...]:
        return tuple(row for group in self.groups for row in group.rows)

    def has(self, key: str) -> bool:
        return any(column.key == key for column in self.columns + self.details)


@dataclass(frozen=True)
class Heading:
    anchor: str  # unique within the document; a fragment identifier or bookmark name
    text: str
    level: int  # 1 is a top-level section (the document title sits above it)


@dataclass(frozen=True)
class Figure:
    """A chart as placed in the document, with its number and the ChartFigure it came from."""

    anchor: str
    number: int
    chart: charts.ChartFigure  # drawn once, when the build's outline step builds the outline


@dataclass(frozen=True)
class NarrativePart:
    heading: Heading
    body: RichText
    section: NarrativeSection
    kind: str = "narrative"


@dataclass(frozen=True)
class ChapterPart:
    heading: Heading
    introduction: RichText
    table: CommitmentTable | None  # None for a chapter with no commitments
    figures: tuple[Figure, ...]
    chapter: Chapter
    kind: str = "chapter"


@dataclass(frozen=True)
class DataPart:
    heading: Heading
    figures: tuple[Figure, ...]
    kind: str = "data"


@dataclass(frozen=True)
class GlossaryPart:
    heading: Heading
    entries: tuple[GlossaryEntry, ...]
    kind: str = "glossary"


Part = NarrativePart | ChapterPart | DataPart | GlossaryPart


@dataclass(frozen=True)
class Cover:
    title: str
    edition: str
    details: tuple[str, ...]  # monitoring period, publisher, publication date: one line each
    draft_marking: str  # "" for a Final edition

    @property
    def draft(self) -> bool:
        return bool(self.draft_marking)


@dataclass(frozen=True)
class BackPage:
    heading: Heading
    lines: tuple[str, ...]  # publication details, one paragraph each
    contact: str  # an e-mail address as typed, or ""
    contact_link: str  # "mailto:..." when the address is well formed, else ""


@dataclass(frozen=True)
class ContentsEntry:
    heading: Heading
    children: tuple[ContentsEntry, ...] = ()


@dataclass(frozen=True)
class Outline:
    language: str
    window_title: str  # the PDF window title and the HTML <title>
    cover: Cover
    contents_heading: Heading
    parts: tuple[Part, ...]
    back: BackPage
    metadata: dict[str, str] = field(default_factory=dict)

    @property
    def headings(self) -> tuple[Heading, ...]:
        """Every section heading below the title, in document order (what the contents lists)."""
        found: list[Heading] = []
        for part in self.parts:
            found.append(part.heading)
        found.append(self.back.heading)
        return tuple(found)

    @property
    def contents(self) -> tuple[ContentsEntry, ...]:
        return nest(self.headings)

    @property
    def figures(self) -> tuple[Figure, ...]:
        return tuple(fig for part in self.parts if isinstance(part, (ChapterPart, DataPart)) for fig in part.figures)


def nest(headings: Sequence[Heading]) -> tuple[ContentsEntry, ...]:
    """Headings as a tree: a deeper heading sits under the nearest shallower one before it."""

    def build(index: int, level: int) -> tuple[list[ContentsEntry], int]:
        entries: list[ContentsEntry] = []
        while index < len(headings) and headings[index].level >= level:
            heading = headings[index]
            children, index = build(index + 1, heading.level + 1)
            entries.append(ContentsEntry(heading, tuple(children)))
        return entries, index

    roots: list[ContentsEntry] = []
    index = 0
    while index < len(headings):
        entries, index = build(index, headings[index].level)
        roots.extend(entries)
    return tuple(roots)


class _Anchors:
    """Readable, unique fragment identifiers: 'chapter-1', 'introduction', 'introduction-2'."""

    def __init__(self, reserved: Sequence[str] = ()):
        self._used = set(reserved)

    def make(self, text: str, prefix: str = "") -> str:
        slug = re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")[:48].strip("-") or "section"
        base = f"{prefix}{slug}" if prefix else slug
        if not base[0].isalpha():
            base = f"s-{base}"
        anchor, n = base, 1
        while anchor in self._used:
            n += 1
            anchor = f"{base}-{n}"
        self._used.add(anchor)
        return anchor


COLUMNS = (REF, COMMITMENT, UPDATE)


def table_details(edition: Edition) -> tuple[Column, ...]:
    """Lead and Status, each when any commitment has one.

    Decided once for the whole edition, so every chapter's table has the same shape.
    """
    commitments = [c for chapter in edition.chapters for c in chapter.commitments]
    details = []
    if any((c.lead or "").strip() for c in commitments):
        details.append(LEAD)
    if any((c.status or "").strip() for c in commitments):
        details.append(STATUS)
    return tuple(details)


def _row(commitment: Commitment, anchors: _Anchors, details: tuple[Column, ...]) -> Row:
    lead, status = (commitment.lead or "").strip(), (commitment.status or "").strip()
    values = {"lead": lead, "status": status}
    return Row(
        id=commitment.id,
        anchor=anchors.make(commitment.id, "commitment-"),
        commitment=commitment.commitment,
        update=commitment.update or EMPTY,
        lead=lead,
        status=status,
        details=tuple((column.header, values[column.key]) for column in details if values[column.key]),
    )


def _labelled(columns: tuple[Column, ...], labels: dict[str, str]) -> tuple[Column, ...]:
    """The columns under the chapter's own headers; a header given as empty leaves its column out."""
    return tuple(
        Column(column.key, labels.get(column.key, column.header))
        for column in columns
        if labels.get(column.key, column.header)
    )


def commitment_table(chapter: Chapter, details: tuple[Column, ...], anchors: _Anchors) -> CommitmentTable | None:
    labels = chapter.labels
    details = _labelled(details, labels)
    groups = tuple(
        Group((group.ref or "").strip(), tuple(_row(c, anchors, details) for c in group.commitments))
        for group in chapter.ref_groups
        if group.commitments
    )
    if not groups:
        return None
    return CommitmentTable(
        caption=labels.get("caption") or f"Commitments: {chapter.heading}",
        columns=_labelled(COLUMNS, labels),
        groups=groups,
        details=details,
        description=labels.get("description", ""),
    )


def chart_figures(edition: Edition) -> list:
    """The edition's charts, drawn; matplotlib is imported only when there is something to draw."""
    if not edition.charts:
        return []
    return list(charts.chart_figures(edition))


def _same_chapter(a: Chapter | None, b: Chapter) -> bool:
    return a is b or (
        a is not None and a.title.casefold() == b.title.casefold() and (a.number or "") == (b.number or "")
    )


def build_outline(edition: Edition, figures: list | None = None) -> Outline:
    """The outline of `edition`; `figures` defaults to the edition's charts, drawn."""
    figures = chart_figures(edition) if figures is None else list(figures)
    anchors = _Anchors(reserved=("main", "contents", "top", "back"))
    details = table_details(edition)
    number = iter(range(1, len(figures) + 1))
    placed: set[int] = set()

    def place(items) -> tuple[Figure, ...]:
        result = []
        for index, chart in items:
            placed.add(index)
            result.append(Figure(anchors.make(chart.title or chart.group, "figure-"), next(number), chart))
        return tuple(result)

    parts: list[Part] = []
    for section in edition.narrative_before:
        parts.append(_narrative(section, anchors))
    for chapter in edition.chapters:
        heading = Heading(anchors.make(chapter.number or chapter.title, "chapter-"), chapter.heading, 1)
        mine = place(
            (i, f)
            for i, f in enumerate(figures)
            if i not in placed and f.chapter is not None and _same_chapter(f.chapter, chapter)
        )
        parts.append(
            ChapterPart(
                heading, chapter.introduction or EMPTY, commitment_table(chapter, details, anchors), mine, chapter
            )
        )
    for section in edition.narrative_after:
        parts.append(_narrative(section, anchors))
    # A chart whose chapter is not printed still belongs in the document: it goes to Data.
    rest = place((i, f) for i, f in enumerate(figures) if i not in placed)
    if rest:
        parts.append(DataPart(Heading(anchors.make(DATA_HEADING), DATA_HEADING, 1), rest))
    if edition.glossary:
        parts.append(
            GlossaryPart(Heading(anchors.make(GLOSSARY_HEADING), GLOSSARY_HEADING, 1), tuple(edition.glossary))
        )

    contact = (edition.contact or "").strip()
    link = f"mailto:{contact}" if contact and is_well_formed_url(f"mailto:{contact}") else ""
    back = BackPage(Heading("back", BACK_HEADING, 1), _back_lines(edition), contact, link)
    cover = Cover(edition.title, edition.edition, _cover_details(edition), DRAFT_MARKING if edition.is_draft else "")
    window_title = ": ".join(part for part in (edition.title, edition.edition) if part) or "Progress update"
    return Outline(
        language=edition.language or "en-GB",
        window_title=window_title,
        cover=cover,
        contents_heading=Heading("contents", CONTENTS_HEADING, 1),
        parts=tuple(parts),
        back=back,
        metadata=_metadata(edition),
    )


def _cover_details(edition: Edition) -> tuple[str, ...]:
    period = period_text(edition.period_start, edition.period_end)
    lines = [
        f"{MONITORING_PERIOD}: {period}" if period else "",
        edition.publisher,
        f"Published {long_date(edition.publication_date)}" if edition.publication_date else "",
    ]
    return tuple(line for line in lines if line)


def _back_lines(edition: Edition) -> tuple[str, ...]:
    lines = [f"{edition.title}: {edition.edition}" if edition.edition else edition.title]
    published = long_date(edition.publication_date)
    if edition.publisher and published:
        lines.append(f"Published by {edition.publisher} on {published}.")
    elif edition.publisher:
        lines.append(f"Published by {edition.publisher}.")
    period = period_text(edition.period_start, edition.period_end)
    if period:
        lines.append(f"{MONITORING_PERIOD}: {period}.")
    return tuple(line for line in lines if line)


def _narrative(section: NarrativeSection, anchors: _Anchors) -> NarrativePart:
    level = section.level if section.level in (1, 2, 3) else 1
    return NarrativePart(Heading(anchors.make(section.heading), section.heading, level), section.body, section)


def _metadata(edition: Edition) -> dict[str, str]:
    """Document properties; the dates come from the Publication date so rebuilds are identical."""
    published = edition.publication_date.isoformat() if edition.publication_date else ""
    subject = (
        edition.subject
        or f"{edition.edition}: progress on the commitments, {period_text(edition.period_start, edition.period_end)}"
    )
    return {
        "title": edition.title,
        "author": edition.author or edition.publisher,
        "subject": subject.strip(": ,"),
        "keywords": edition.keywords or "",
        "created": published,
        "modified": published,
    }


document_properties = _metadata  # validation measures them against the writers' limits
