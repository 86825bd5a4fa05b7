"""Every published text of an edition, with its cell, for the rules that read words."""

from __future__ import annotations

from dataclasses import dataclass

from ..core import schema
from ..core.findings import Source
from ..core.richtext import RichText
from .registry import Context

_SHEET_RANK = {name.casefold(): index for index, name in enumerate(schema.SHEET_ORDER)}
# Edition fields a reader sees (on the cover or in the document's properties).
EDITION_TEXT_FIELDS = ("Title", "Edition", "Publisher", "Author", "Subject", "Keywords")


@dataclass(frozen=True)
class PublishedText:
    """One published cell: what a reader sees, what the officer typed, and where it is."""

    source: Source
    text: str  # the visible words; metric citations stand as a space, link addresses are left out
    typed: str  # the cell's text as typed
    rich: RichText | None = None  # None for a plain-text cell
    glossary: bool = False  # a Glossary cell: it defines abbreviations rather than using them

    @property
    def order(self) -> tuple:
        source = self.source
        return (_SHEET_RANK.get((source.sheet or "").casefold(), len(_SHEET_RANK)), source.row or 0, source.column or 0)


def visible_text(rich: RichText) -> str:
    """The words of a rich text as a reader sees them, without addresses or citations."""
    return rich.plain_text(metric_text=lambda ref: " ", bullet="")


def published_texts(context: Context) -> list[PublishedText]:
    """Every filled published cell, in sheet and row order (computed once a run)."""
    if "published_texts" not in context.cache:
        items = sorted(_collect(context), key=lambda item: item.order)
        context.cache["published_texts"] = items
    return context.cache["published_texts"]


def rich_texts(context: Context) -> list[PublishedText]:
    return [item for item in published_texts(context) if item.rich is not None]


def _plain(source: Source, value: str | None, glossary: bool = False):
    if value and value.strip():
        yield PublishedText(source, value, value, None, glossary)


def _rich(source: Source, rich: RichText):
    if not rich.is_empty:
        yield PublishedText(rich.source if rich.source.sheet else source, visible_text(rich), rich.source_text, rich)


def _collect(context: Context):
    edition = context.edition
    raw = context.raw
    for name in EDITION_TEXT_FIELDS:
        yield from _plain(edition.field_source(name), getattr(edition, name.casefold()))

    chapters = raw.sheet("Chapters")
    for chapter in edition.chapters:
        if chapters is not None:
            yield from _plain(chapters.column_source("Title", chapter.source.row), chapter.title)
        yield from _rich(chapter.source, chapter.introduction)

    for commitment in edition.commitments:
        yield from _rich(commitment.cell("Commitment"), commitment.commitment)
        yield from _plain(commitment.cell("Lead"), commitment.lead)
        yield from _rich(commitment.cell("Update"), commitment.update)

    for section in edition.narrative:
        yield from _plain(section.cells.get("heading", section.source), section.heading)
        yield from _rich(section.cells.get("body", section.source), section.body)

    for metric in edition.metrics:
        yield from _plain(metric.cells.get("label", metric.source), metric.label)
        yield from _plain(metric.cells.get("category", metric.source), metric.category)
        yield from _plain(metric.cells.get("source", metric.source), metric.source_note)

    for chart in edition.charts:
        yield from _plain(chart.cells.get("title", chart.source), chart.title)
        yield from _rich(chart.cells.get("description", chart.source), chart.description)

    glossary = raw.sheet("Glossary")
    for entry in edition.glossary:
        if glossary is None:
            continue
        yield from _plain(glossary.column_source("Term", entry.source.row), entry.term, glossary=True)
        yield from _plain(glossary.column_source("Meaning", entry.source.row), entry.meaning, glossary=True)
