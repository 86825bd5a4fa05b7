"""What the importer read, as the rows the workbook writer takes, with IDs assigned."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from ..core import schema
from ..core.findings import Finding, Source, warning
from ..markup.write import to_markup
from ..workbook.reader import choice
from .blocks import rich_text
from .docx_reader import Para
from .drafts import Assembly

ID_PREFIX = "C-"
NARRATIVE_PREFIX = "NAR-"
_ID_ALLOWED = re.compile(r"^[A-Za-z0-9_-]+$")
_REQUIRED_FIELDS = {
    "Title": "title",
    "Edition": "edition label (such as 2025/26 Quarter 2 Update)",
    "Period start": "first day of the monitoring period",
    "Period end": "last day of the monitoring period",
    "Publication date": "publication date",
    "Publisher": "publisher",
}


@dataclass
class Content:
    rows: dict[str, Any]  # the writer's content
    findings: list[Finding]
    ids_kept: int = 0
    ids_assigned: int = 0


def workbook_content(assembly: Assembly) -> Content:
    findings = list(assembly.findings)
    notes = _Notes(findings)
    chapters = _chapters(assembly, notes)
    commitments, kept, assigned = _commitments(assembly, chapters, notes)
    rows: dict[str, Any] = {
        "Edition": _edition(assembly, notes),
        "Chapters": chapters,
        "Commitments": commitments,
        "Narrative": _narrative(assembly, notes),
        "Glossary": [{"Term": term, "Meaning": meaning} for term, meaning, _ in assembly.glossary],
    }
    return Content(rows, findings, kept, assigned)


class _Notes:
    def __init__(self, findings: list[Finding]):
        self.findings = findings

    def markup(self, paras: list[Para], place: str) -> str:
        converted = rich_text(paras)
        if converted.numbered:
            self.findings.append(
                warning(
                    "import-numbered-list",
                    "a numbered list here became a bullet list, since "
                    "cell text has no numbered lists; type the numbers if they matter",
                    Source(where=place),
                )
            )
        return to_markup(converted.rich)


def _edition(assembly: Assembly, notes: _Notes) -> dict[str, Any]:
    values = dict(assembly.fields.values)
    for name, what in _REQUIRED_FIELDS.items():
        if name not in values:
            notes.findings.append(
                warning(
                    "import-field-missing",
                    f"the document does not say its {what} where reportgen could find it; type "
                    f"it in the {name} field of the Edition sheet",
                    Source(schema.EDITION.name),
                )
            )
    values.setdefault("Status", "Final")  # the document is what was published, unless it says DRAFT
    values.setdefault("Language", "en-GB")
    return {name: value for name, value in values.items() if _is_field(name)}


def _is_field(name: str) -> bool:
    try:
        schema.EDITION.field(name)
        return True
    except KeyError:
        return False


def _chapters(assembly: Assembly, notes: _Notes) -> list[dict[str, Any]]:
    rows = []
    for index, chapter in enumerate(assembly.chapters):
        number = chapter.number or _number_from_refs(assembly, index)
        rows.append(
            {
                "Number": number,
                "Title": chapter.title,
                "Introduction": notes.markup(chapter.introduction, chapter.place) or None,
            }
        )
    return rows


def _number_from_refs(assembly: Assembly, index: int) -> str | None:
    """A chapter printed without its number takes it from its Refs when they all agree (1.1, 1.2 -> 1)."""
    prefixes = {
        draft.ref.split(".")[0]
        for draft in assembly.commitments
        if draft.chapter == index and draft.ref and "." in draft.ref
    }
    return prefixes.pop() if len(prefixes) == 1 else None


def _chapter_keys(assembly: Assembly) -> list[str]:
    """What each commitment's Chapter cell says: the title, or the number where titles repeat."""
    counts = Counter(chapter.title.casefold() for chapter in assembly.chapters)
    keys = []
    for index, chapter in enumerate(assembly.chapters):
        number = chapter.number or _number_from_refs(assembly, index)
        keys.append(number if counts[chapter.title.casefold()] > 1 and number else chapter.title)
    return keys


def _commitments(assembly: Assembly, chapters: list[dict], notes: _Notes) -> tuple[list[dict], int, int]:
    keys = _chapter_keys(assembly)
    kept = {draft.id for draft in assembly.commitments if draft.id and _ID_ALLOWED.match(draft.id)}
    width = max(3, len(str(len(assembly.commitments))))
    counter = 0
    rows, assigned = [], 0
    for draft in assembly.commitments:
        identifier = draft.id if draft.id in kept else None
        if identifier is None:
            counter += 1
            while f"{ID_PREFIX}{counter:0{width}d}" in kept:
                counter += 1
            identifier = f"{ID_PREFIX}{counter:0{width}d}"
            assigned += 1
            if draft.id:
                notes.findings.append(
                    warning(
                        "import-id-replaced",
                        f"'{draft.id}' cannot be an ID (letters, "
                        f"digits, - and _ only), so this commitment is {identifier}",
                        Source(where=draft.place),
                    )
                )
        status = choice(draft.status, schema.STATUSES) or draft.status or None
        if draft.shares_update:
            notes.findings.append(
                warning(
                    "import-update-shared",
                    f"{identifier} shares one merged update cell with the commitment above; the "
                    "update was kept with that one, so write this one's own update",
                    Source(where=draft.place),
                )
            )
        rows.append(
            {
                "ID": identifier,
                "Ref": draft.ref,
                "Chapter": keys[draft.chapter],
                "Commitment": notes.markup(draft.commitment, draft.place),
                "Lead": draft.lead or None,
                "Status": status,
                "Update": notes.markup(draft.update, draft.place) or None,
                "Approved": "Yes",
            }
        )
    return rows, len(assembly.commitments) - assigned, assigned


_SLUG_LENGTH = 24


def narrative_slug(heading: str) -> str:
    """The heading's words in capitals joined by hyphens, as many whole words as fit in 24 characters.

    A single word longer than that is cut, as nothing shorter would name it.
    """
    words = [w for w in re.split(r"[^A-Za-z0-9]+", heading.upper()) if w]
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > _SLUG_LENGTH:
            break
        slug = candidate
    if not slug and words:
        slug = words[0][:_SLUG_LENGTH]
    return slug or "SECTION"


def _narrative(assembly: Assembly, notes: _Notes) -> list[dict[str, Any]]:
    rows, used = [], set()
    for section in assembly.sections:
        slug = narrative_slug(section.heading)
        identifier, n = f"{NARRATIVE_PREFIX}{slug}", 1
        while identifier in used:
            n += 1
            identifier = f"{NARRATIVE_PREFIX}{slug}-{n}"
        used.add(identifier)
        rows.append(
            {
                "ID": identifier,
                "Heading": section.heading,
                "Body": notes.markup(section.body, section.place),
                "Placement": "After chapters" if section.after_chapters else "Before chapters",
                "Level": section.level,
            }
        )
    return rows
