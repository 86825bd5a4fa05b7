"""What the importer has read so far: chapters, sections, commitments, glossary and findings."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..core.findings import Finding, Source, warning
from ..core.wording import clip
from . import fields as edition_fields
from .docx_reader import Para
from .tables import Draft

_SNIPPET = 70


@dataclass
class ChapterDraft:
    number: str | None
    title: str
    place: str
    introduction: list[Para] = field(default_factory=list)


@dataclass
class SectionDraft:
    heading: str
    level: int
    place: str
    after_chapters: bool
    body: list[Para] = field(default_factory=list)


@dataclass
class Assembly:
    """Everything read from the document, before it becomes workbook rows."""

    fields: edition_fields.EditionFields = field(default_factory=edition_fields.EditionFields)
    chapters: list[ChapterDraft] = field(default_factory=list)
    commitments: list[Draft] = field(default_factory=list)
    sections: list[SectionDraft] = field(default_factory=list)
    glossary: list[tuple[str, str, str]] = field(default_factory=list)  # (term, meaning, place)
    findings: list[Finding] = field(default_factory=list)

    def note(self, code: str, place: str, message: str) -> None:
        self.findings.append(warning(code, message, Source(where=place)))

    def unplaced(self, place: str, text: str, why: str = "") -> None:
        shown = snippet(text)
        self.note(
            "import-unplaced",
            place,
            f"could not place '{shown}'{why}; copy it into the workbook if it belongs in the edition",
        )


def snippet(text: str) -> str:
    return clip(text, _SNIPPET, trim=True)
