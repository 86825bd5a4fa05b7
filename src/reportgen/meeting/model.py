"""The meeting model: what the notes of one board meeting say, each part with the cell it came from."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..core.findings import Source
from ..core.richtext import EMPTY, RichText
from .schema import OPEN_STATUSES

# Owners are written "CW/JB", "CW, JB" or "CW and JB".
_OWNER_SPLIT = re.compile(r"\s*(?:/|,|&|\band\b)\s*", re.IGNORECASE)


def split_owners(text: str | None) -> list[str]:
    return [part.strip() for part in _OWNER_SPLIT.split(text or "") if part.strip()]


def split_ids(text: str | None) -> list[str]:
    return [part.strip() for part in re.split(r"[,;\s]+", text or "") if part.strip()]


@dataclass
class Person:
    name: str
    initials: str | None
    organisation: str | None
    attendance: str | None  # one of schema.ATTENDANCE, or None: not at this meeting
    on_behalf_of: str | None = None
    source: Source = field(default_factory=Source)
    cells: dict[str, Source] = field(default_factory=dict)

    def cell(self, column: str) -> Source:
        return self.cells.get(column.casefold(), self.source)


@dataclass
class AgendaItem:
    number: str
    title: str
    presenter: str | None = None
    notes: RichText = EMPTY
    source: Source = field(default_factory=Source)
    cells: dict[str, Source] = field(default_factory=dict)

    @property
    def heading(self) -> str:
        # "5a Title", as chapters print "1 Title": a typed "5." reads as a fake numbered list to Word's checker.
        return f"{self.number} {self.title}" if self.number else self.title

    @property
    def is_sub_item(self) -> bool:
        """5a, 5b: printed under item 5."""
        return bool(re.fullmatch(r"\d+\s*[a-z]", self.number.strip(), re.IGNORECASE))

    def cell(self, column: str) -> Source:
        return self.cells.get(column.casefold(), self.source)


@dataclass
class Action:
    id: str
    action: RichText
    owners: str = ""
    raised: dt.date | None = None  # None: raised at this meeting
    item: str | None = None
    due: dt.date | None = None
    status: str = "Open"
    update: RichText = EMPTY
    commitments: str | None = None
    notes: str | None = None
    previous_update: RichText = EMPTY
    source: Source = field(default_factory=Source)
    cells: dict[str, Source] = field(default_factory=dict)

    def cell(self, column: str) -> Source:
        return self.cells.get(column.casefold(), self.source)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def owner_list(self) -> list[str]:
        return split_owners(self.owners)

    @property
    def commitment_ids(self) -> list[str]:
        return split_ids(self.commitments)


@dataclass
class Organisation:
    short_name: str
    name: str
    source: Source = field(default_factory=Source)


@dataclass
class NextMeeting:
    date: dt.date | None
    time: str | None = None
    where: str | None = None
    source: Source = field(default_factory=Source)


@dataclass
class Meeting:
    board: str = ""
    plan: str | None = None
    date: dt.date | None = None
    time: str | None = None
    format: str | None = None
    where: str | None = None
    status: str = "Draft"
    publisher: str = ""
    publication_date: dt.date | None = None
    language: str = "en-GB"
    author: str | None = None
    contact: str | None = None
    people: list[Person] = field(default_factory=list)
    agenda: list[AgendaItem] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    organisations: list[Organisation] = field(default_factory=list)
    next_meetings: list[NextMeeting] = field(default_factory=list)
    field_sources: dict[str, Source] = field(default_factory=dict)
    file_name: str = ""

    @property
    def is_final(self) -> bool:
        return self.status.casefold() == "final"

    def field_source(self, name: str) -> Source:
        return self.field_sources.get(name.casefold(), Source("Meeting"))

    def raised_here(self, action: Action) -> bool:
        """Raised at this meeting: no Raised date, or this meeting's date."""
        return action.raised is None or (self.date is not None and action.raised == self.date)

    @property
    def new_actions(self) -> list[Action]:
        return [action for action in self.actions if self.raised_here(action)]

    @property
    def earlier_actions(self) -> list[Action]:
        return [action for action in self.actions if not self.raised_here(action)]

    def agenda_item(self, number: str | None) -> AgendaItem | None:
        if not number:
            return None
        wanted = _item_key(number)
        return next((item for item in self.agenda if _item_key(item.number) == wanted), None)

    def people_with_initials(self, initials: str) -> list[Person]:
        wanted = initials.strip().casefold()
        return [person for person in self.people if (person.initials or "").strip().casefold() == wanted]

    def organisation(self, short_name: str) -> Organisation | None:
        wanted = " ".join(short_name.split()).casefold()
        return next((org for org in self.organisations if " ".join(org.short_name.split()).casefold() == wanted), None)


def _item_key(number: str) -> str:
    text = "".join(str(number).split()).casefold().rstrip(".")
    return text[:-2] if text.endswith(".0") and text[:-2].isdigit() else text
