"""The document model every reader produces and every renderer only reads.

It imports no I/O library. Each object remembers the sheet and cell it came from
(`source`), so any later stage can point an officer back to the cell.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .findings import Source
from .richtext import EMPTY, RichText


@dataclass
class Chapter:
    number: str | None
    title: str
    introduction: RichText = EMPTY
    source: Source = field(default_factory=Source)
    ref_groups: list[RefGroup] = field(default_factory=list)
    # Words for a table of something other than commitments (a meeting's action tracker): column
    # headers by key ("ref", "commitment", "lead", "status", "update"; an empty one leaves the column
    # out), "caption" and "description".
    labels: dict[str, str] = field(default_factory=dict)

    @property
    def heading(self) -> str:
        return f"{self.number} {self.title}" if self.number else self.title

    @property
    def commitments(self) -> list[Commitment]:
        return [c for group in self.ref_groups for c in group.commitments]


@dataclass
class Commitment:
    id: str
    ref: str | None
    chapter: str  # the Chapter cell as typed (a Title or Number)
    commitment: RichText
    update: RichText = EMPTY
    lead: str | None = None
    status: str | None = None
    approved: bool | None = None
    # Internal notes are kept so `next` can carry them over; no renderer reads them.
    notes: str | None = None
    previous_update: RichText = EMPTY
    source: Source = field(default_factory=Source)
    # The source of each column's cell, by column name, for findings about one cell.
    cells: dict[str, Source] = field(default_factory=dict)

    def cell(self, column: str) -> Source:
        return self.cells.get(column.casefold(), self.source)


@dataclass
class RefGroup:
    """Consecutive commitments sharing one Ref, printed as one numbered item."""

    ref: str | None
    commitments: list[Commitment]


@dataclass
class NarrativeSection:
    id: str
    heading: str
    body: RichText
    placement: str = "Before chapters"
    level: int = 1
    source: Source = field(default_factory=Source)
    cells: dict[str, Source] = field(default_factory=dict)

    @property
    def after_chapters(self) -> bool:
        return self.placement.casefold() == "after chapters"


@dataclass
class Metric:
    id: str
    label: str
    value: float | None
    unit: str
    chart: str | None = None
    category: str | None = None
    of: str | None = None
    as_at: dt.date | None = None
    source_note: str | None = None
    source: Source = field(default_factory=Source)
    cells: dict[str, Source] = field(default_factory=dict)


@dataclass
class Chart:
    group: str
    title: str
    type: str
    chapter: str | None = None
    description: RichText = EMPTY
    source: Source = field(default_factory=Source)
    cells: dict[str, Source] = field(default_factory=dict)


@dataclass
class GlossaryEntry:
    term: str
    meaning: str
    source: Source = field(default_factory=Source)


@dataclass
class Edition:
    title: str = ""
    edition: str = ""
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    publication_date: dt.date | None = None
    publisher: str = ""
    status: str = "Draft"
    language: str = "en-GB"
    author: str | None = None
    subject: str | None = None
    keywords: str | None = None
    contact: str | None = None
    chapters: list[Chapter] = field(default_factory=list)
    narrative: list[NarrativeSection] = field(default_factory=list)
    metrics: list[Metric] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    glossary: list[GlossaryEntry] = field(default_factory=list)
    # Commitments whose Chapter matches no chapter: kept so nothing typed is lost.
    unplaced: list[Commitment] = field(default_factory=list)
    field_sources: dict[str, Source] = field(default_factory=dict)
    file_name: str = ""

    @property
    def is_final(self) -> bool:
        return self.status.casefold() == "final"

    @property
    def is_draft(self) -> bool:
        return not self.is_final

    @property
    def commitments(self) -> list[Commitment]:
        return [c for chapter in self.chapters for c in chapter.commitments] + list(self.unplaced)

    @property
    def narrative_before(self) -> list[NarrativeSection]:
        return [s for s in self.narrative if not s.after_chapters]

    @property
    def narrative_after(self) -> list[NarrativeSection]:
        return [s for s in self.narrative if s.after_chapters]

    def metric(self, metric_id: str) -> Metric | None:
        key = metric_id.casefold()
        for metric in self.metrics:
            if metric.id.casefold() == key:
                return metric
        return None

    def field_source(self, name: str) -> Source:
        return self.field_sources.get(name.casefold(), Source("Edition"))

    def find_chapter(self, key: str | None) -> Chapter | None:
        """A chapter by its Title or Number, as typed in a Chapter column."""
        if key is None:
            return None
        wanted = normalise_key(key)
        for chapter in self.chapters:
            if chapter.number and normalise_key(chapter.number) == wanted:
                return chapter
        for chapter in self.chapters:
            if normalise_key(chapter.title) == wanted:
                return chapter
        return None


def normalise_key(text: str) -> str:
    text = str(text).strip().casefold()
    # "1.0" typed as a number reads back as 1.0; a chapter number is a label.
    if text.endswith(".0") and text[:-2].isdigit():
        text = text[:-2]
    return " ".join(text.split())
