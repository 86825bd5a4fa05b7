"""Document metadata and reproducible packaging: pinned dates, fixed zip entries, no clocks."""

from __future__ import annotations

import datetime as dt
import io

from docx.document import Document

from ...core.model import Edition
from ...ooxml.elements import clean
from ...ooxml.parts import repack

EDITOR = "reportgen"
_EARLIEST_ZIP_DATE = dt.datetime(1980, 1, 1)  # the zip format cannot store earlier dates
_FIRST_ENTRIES = ("[Content_Types].xml", "_rels/.rels")


def publication_moment(edition: Edition) -> dt.datetime:
    """Midnight on the publication date: the one date the document's metadata carries."""
    day = edition.publication_date or edition.period_end or _EARLIEST_ZIP_DATE.date()
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def set_core_properties(document: Document, edition: Edition, metadata: dict[str, str]) -> None:
    """Title, subject, author and keywords as every format states them (the outline's metadata)."""
    props = document.core_properties
    moment = publication_moment(edition)
    props.title = clean(metadata.get("title") or edition.title)
    props.subject = clean(metadata.get("subject") or edition.edition)
    props.author = clean(metadata.get("author") or edition.publisher)
    props.keywords = clean(metadata.get("keywords") or "")
    props.language = clean(edition.language or "en-GB")
    props.content_status = "Final" if edition.is_final else "Draft"
    props.category = clean(edition.edition)
    props.comments = ""
    props.identifier = ""
    props.last_modified_by = EDITOR
    props.revision = 1
    props.created = moment
    props.modified = moment
    props.last_printed = moment


def document_bytes(document: Document, moment: dt.datetime) -> bytes:
    """Save `document` so that the same content always gives the same bytes."""
    raw = io.BytesIO()
    document.save(raw)
    # python-docx stamps each entry with the current time, which alone makes two builds differ.
    stamp = max(moment.replace(tzinfo=None), _EARLIEST_ZIP_DATE).timetuple()[:6]
    return repack(raw.getvalue(), stamp, order=_entry_order, create_system=0)


def _entry_order(names: list[str]) -> list[str]:
    """The content types and package relationships first, as Word writes them, then every part by name."""
    return [n for n in _FIRST_ENTRIES if n in names] + sorted(n for n in names if n not in _FIRST_ENTRIES)
