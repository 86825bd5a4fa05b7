"""Commitment tables as Word leaves them: header rows repeated on every page, rows split
across pages, chapter rows spanning the table, Refs merged or printed once for several rows.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ..core.richtext import Text
from .docx_reader import Cell, Para, Row, Table

# Header wording seen in published editions, by the workbook column it fills. Exact names
# are tried first, so "Status" is the status but "Status Update" is the update.
_EXACT = {
    "id": ("id", "identifier", "unique id"),
    "status": ("status", "rag", "rag status", "delivery status", "current status"),
    "ref": (
        "ref",
        "ref.",
        "reference",
        "no",
        "no.",
        "number",
        "#",
        "item",
        "ref no",
        "ref no.",
        "action no",
        "commitment no",
        "commitment number",
    ),
    "lead": (
        "lead",
        "owner",
        "lead organisation",
        "lead organization",
        "lead agency",
        "responsible",
        "who",
        "lead partner",
        "delivery lead",
        "led by",
    ),
    "term": ("term", "abbreviation", "acronym", "abbreviations", "acronyms"),
    "meaning": ("meaning", "definition", "stands for", "description", "explanation"),
}
_CONTAINS = (
    ("update", ("update", "progress", "position", "commentary", "what has happened", "delivery to date")),
    ("commitment", ("commitment", "action", "deliverable", "what we said", "what we will", "pledge", "activity")),
    ("chapter", ("chapter", "theme", "section", "priority", "strand", "area")),
)
KEY_ROLES = ("chapter", "ref")
_REF = re.compile(r"^(?P<ref>[A-Za-z]?\d{1,2}(?:\.\d{1,3})*[a-z]?)[.:)]?(?=\s|$)\s*(?P<rest>.*)$", re.DOTALL)
_CHAPTER_WORD = re.compile(r"^(?:chapter|section|theme)\s+", re.IGNORECASE)
_ENDS_SENTENCE = re.compile(r"[.!?:;)\]\"'’”]\s*$")
_CONTINUES = re.compile(r"^[\s\u00a0]*(?:[a-z]|[,;)\]]|and\b|or\b)")


def role(header: str) -> str | None:
    text = " ".join(re.sub(r"[/&|]+", " ", header).split()).casefold().rstrip(":")
    if not text:
        return None
    for name, options in _EXACT.items():
        if text in options:
            return name
    for name, words in _CONTAINS:
        if any(word in text for word in words):
            return name
    return None


@dataclass
class Layout:
    """Which workbook column each grid column of a table feeds."""

    roles: dict[int, str]  # grid column -> role
    headers: dict[int, str]  # grid column -> header as printed
    header_key: tuple[str, ...]  # the header row's texts, to spot it repeated
    width: int

    @property
    def kind(self) -> str | None:
        found = set(self.roles.values())
        if "commitment" in found or ("update" in found and found & {"ref", "chapter"}):
            return "commitments"
        if {"term", "meaning"} <= found:
            return "glossary"
        return None

    def role_of(self, cell: Cell) -> str | None:
        covered = {self.roles.get(column) for column in range(cell.grid_start, cell.grid_end)}
        if {"commitment", "update"} <= covered:
            return "spanning"
        return self.roles.get(cell.grid_start)


def find_layout(table: Table) -> tuple[Layout | None, int]:
    """The table's header row and the index of the first row after it; (None, 0) if it has none."""
    for index, row in enumerate(table.rows[:4]):
        if row.is_empty:
            continue
        layout = _layout(row, table.grid_width)
        if layout.kind is not None:
            return layout, index + 1
    return None, 0


def _layout(row: Row, width: int) -> Layout:
    roles, headers = {}, {}
    for cell in row.cells:
        name = role(cell.text)
        for column in range(cell.grid_start, cell.grid_end):
            headers[column] = cell.text
            if name is not None:
                roles[column] = name
    return Layout(roles, headers, _row_key(row), width)


def _row_key(row: Row) -> tuple[str, ...]:
    return tuple(" ".join(cell.text.split()).casefold() for cell in row.cells if cell.text.strip())


def is_repeated_header(row: Row, layout: Layout) -> bool:
    return row.repeats_as_header or (bool(layout.header_key) and _row_key(row) == layout.header_key)


@dataclass
class Draft:
    """A commitment being read: its cells' paragraphs, gathered across split rows."""

    place: str
    chapter: int  # index into the importer's chapters
    ref: str | None
    id: str | None = None
    commitment: list[Para] = field(default_factory=list)
    update: list[Para] = field(default_factory=list)
    lead: str = ""
    status: str = ""
    shares_update: bool = False  # the update cell is merged with the row above


@dataclass
class RowReading:
    """One body row, sorted by the column each cell feeds."""

    row: Row
    cells: dict[str, list[Cell]]
    unplaced: list[Cell]  # cells under a header the workbook has no column for

    def text(self, name: str) -> str:
        return "\n".join(cell.text for cell in self.cells.get(name, [])).strip()

    def paras(self, name: str) -> list[Para]:
        return [p for cell in self.cells.get(name, []) for p in cell.paras]

    def merged(self, name: str) -> bool:
        cells = self.cells.get(name, [])
        return bool(cells) and all(cell.vmerge == "continue" for cell in cells)


def read_row(row: Row, layout: Layout) -> RowReading:
    cells: dict[str, list[Cell]] = {}
    unplaced: list[Cell] = []
    for cell in row.cells:
        name = layout.role_of(cell)
        if name is None:
            if cell.text:
                unplaced.append(cell)
            continue
        cells.setdefault(name, []).append(cell)
    return RowReading(row, cells, unplaced)


def split_key(texts: list[str]) -> tuple[str | None, str]:
    """('1.1', 'Better use of Police Powers') from the key cells: a Ref or number, then a name."""
    # The chapter's name is sometimes in both key columns ("Next steps" under Ref and under Chapter).
    seen: set[str] = set()
    unique = []
    for text in (" ".join(text.split()) for text in texts):
        if text and text.casefold() not in seen:
            seen.add(text.casefold())
            unique.append(text)
    joined = " ".join(unique)
    joined = _CHAPTER_WORD.sub("", joined) if _CHAPTER_WORD.match(joined) and re.search(r"\d", joined) else joined
    match = _REF.match(joined)
    if match is None:
        return None, joined.strip(" :-–")
    return match["ref"], match["rest"].strip(" :-–")


def is_continuation(previous: list[Para], following: list[Para]) -> bool:
    """True when `following` carries on mid-sentence from `previous` (a row split across pages)."""
    if not previous or not following:
        return False
    return bool(_CONTINUES.match(following[0].text)) and not _ENDS_SENTENCE.search(previous[-1].text)


def join_paras(previous: list[Para], following: list[Para]) -> list[Para]:
    """The two cells' paragraphs as one, the split sentence made whole again."""
    if not is_continuation(previous, following):
        return previous + following
    last, first = previous[-1], following[0]
    glue = () if last.text.endswith((" ", "-")) else (Text(" "),)
    joined = dataclasses.replace(last, inlines=last.inlines + glue + first.inlines)
    return previous[:-1] + [joined] + following[1:]


def starts_new_commitment(reading: RowReading, draft: Draft | None) -> bool:
    """Whether a row without a Ref of its own starts a commitment or carries on the one above."""
    if draft is None:
        return True
    if reading.text("id"):
        return True
    commitment = reading.paras("commitment")
    if reading.merged("commitment"):
        return False  # the commitment cell spans from the row above
    if not "".join(p.text for p in commitment).strip():
        return False  # only more update text: the rest of a row split across pages
    return not is_continuation(draft.commitment, commitment) and not _CONTINUES.match(commitment[0].text)


def absorb(draft: Draft, reading: RowReading, place: str, add_finding: Callable[[str, str, str], None]) -> None:
    """Add a continuation row's text to the commitment it carries on."""
    draft.commitment = join_paras(draft.commitment, _non_empty(reading.paras("commitment")))
    if not reading.merged("update"):
        draft.update = join_paras(draft.update, _non_empty(reading.paras("update")))
    for name in ("lead", "status"):
        text = reading.text(name)
        if text and not reading.merged(name) and text != getattr(draft, name):
            if getattr(draft, name):
                add_finding(
                    "import-unplaced",
                    place,
                    f"the {name} '{text}' differs from the row above, which this row "
                    f"carries on, so it was left out; check the commitment's {name}",
                )
            else:
                setattr(draft, name, text)


# The line reportgen prints under a commitment when Lead and Status are not columns of their own
# (writers/docx/tables.py: details_paragraph): "Lead: MOPAC · Status: On track".
_DETAILS = re.compile(r"^(?:Lead: (?P<lead>.+?))?(?: \u00b7 )?(?:Status: (?P<status>.+?))?$")


def split_details(paras: list[Para]) -> tuple[list[Para], str, str]:
    """The commitment's paragraphs without a closing Lead/Status line, and that line's lead and status."""
    kept = list(paras)
    while kept and kept[-1].is_empty and not kept[-1].pictures:
        kept.pop()
    if not kept:
        return paras, "", ""
    match = _DETAILS.match(" ".join(kept[-1].text.split()))
    if match is None or not (match["lead"] or match["status"]):
        return paras, "", ""
    return kept[:-1], (match["lead"] or "").strip(), (match["status"] or "").strip()


def _non_empty(paras: list[Para]) -> list[Para]:
    return [p for p in paras if not p.is_empty or p.pictures or p.footnotes]
