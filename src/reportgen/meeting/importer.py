"""`reportgen import` of meeting notes published from Word: the meeting workbook they came from.

It reads the structure board notes have (and `reportgen build` writes): the board and plan
as the title, a "Meeting notes of <day>, <time> via/at <place>" line, attendance lists,
numbered agenda items with "Presented by" and "Action ...:" paragraphs, the "Actions noted"
list, the next meetings, an action tracker table, organisations as a glossary, and the
publisher at the foot. Whatever it cannot place is reported with its place, never dropped.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from ..core.errors import ReportgenError
from ..core.findings import Finding, Source, error, warning
from ..core.richtext import Paragraph, RichText, Text
from ..importer.blocks import rich_text
from ..importer.cover import mark_bold_headings
from ..importer.docx_reader import DocumentReader, Para, Table
from ..importer.drafts import snippet
from ..importer.package import open_document
from ..markup.write import to_markup
from ..runtime.output import check_target
from ..workbook.reader import as_date
from ..workbook.writer import write_workbook
from . import schema
from .document import ACTIONS_NOTED_HEADING, ATTENDANCE_GROUPS, ATTENDANCE_HEADING, NEXT_MEETINGS_HEADING

_DATE = r"(\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]+\.?,?\s+\d{4}|\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2})"
_WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\s+)?"
_TIME = r"(\d{1,2}(?:[.:]\d{2})?\s*(?:am|pm)|\d{1,2}[.:]\d{2}|noon|midday)"
_MEETING_LINE = re.compile(
    rf"^(?:Meeting\s+)?(?:notes|minutes)(?:\s+of(?:\s+the\s+meeting)?)?(?:\s+(?:held\s+)?on)?\s+"
    rf"{_WEEKDAY}{_DATE}(?:\s*(?:,|at)\s*{_TIME})?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_ITEM_HEADING = re.compile(r"^(?:Item\s+)?(\d{1,2}\s*[a-z]?)[.):]?\s+(.+)$", re.IGNORECASE)
_PRESENTED = re.compile(r"^Presented by\s+(.+?)\.?$", re.IGNORECASE)
_NAME_INITIALS = re.compile(r"^(.*?)\s*\(([A-Z][A-Za-z]{1,3})\)$")
# "Action A-1 (CW/JB, due 31 August 2025): text", "Action: CW to ...", "Action/JB to ...", "Action/Met: ..."
_ACTION = re.compile(
    r"^Actions?\b\s*(?P<id>(?![Tt]o\b)[A-Za-z0-9][A-Za-z0-9_-]*\d[A-Za-z0-9_-]*)?\s*"
    r"(?:\((?P<details>[^)]*)\))?\s*(?:(?P<sep>[:/\u2013\u2014-])\s*)(?P<text>.+)$",
    re.DOTALL,
)
_OWNER_LEAD = re.compile(r"^(?P<owners>[A-Z][A-Za-z]{1,5}(?:\s*(?:/|,|&|and)\s*[A-Z][A-Za-z]{1,5})*)\s*(?::|\bto\b)")
_NOTED_ITEM = re.compile(r"^(?P<id>[A-Za-z0-9_-]+):\s*(?P<text>.*?)\s*\((?P<details>[^()]*)\)\s*$", re.DOTALL)
_TRACKER_DETAILS = re.compile(r"^(?:Owner: (?P<owner>.+?))?(?: \u00b7 )?(?:Status: (?P<status>.+?))?$")
_TRACKER_HISTORY = re.compile(
    r"^Raised (?P<raised>.+?)(?:, item (?P<item>[^;.]+))?(?:; due (?P<due>.+?))?"
    r"(?: \(overdue\))?(?:; commitments? (?P<commitments>[^;]+?))?\.$"
)
_PUBLISHED_BY = re.compile(r"^Published by (?P<publisher>.+?)(?: on (?P<date>.+?))?\.$")
_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")


@dataclass
class MeetingImport:
    content: dict[str, Any]
    findings: list[Finding] = field(default_factory=list)
    ids_assigned: int = 0

    @property
    def failed(self) -> bool:
        return any(finding.is_error for finding in self.findings)

    def count(self, sheet: str) -> int:
        return len(self.content.get(sheet, []))


_DETECT_BLOCKS = 300  # notes say what they are well before this; an edition's import is not slowed by reading on


def looks_like_meeting_notes(path: Path) -> bool:
    """Notes, not an edition: a 'Meeting notes of' line near the top, or an 'Actions noted' heading."""
    for block in islice(DocumentReader(open_document(Path(path))).iter_blocks(), _DETECT_BLOCKS):
        if isinstance(block, Para) and not block.toc:
            text = " ".join(block.text.split())
            if _MEETING_LINE.match(text) or (block.heading and text.casefold() == ACTIONS_NOTED_HEADING.casefold()):
                return True
    return False


def import_meeting(source: Path, output: Path, overwrite: bool = False) -> MeetingImport:
    """Write the meeting workbook for the Word notes `source` to `output`; never replace an existing file unless
    `overwrite` (--force)."""
    source, output = Path(source), Path(output)
    if output.suffix.lower() != ".xlsx":
        raise ReportgenError(f"{output}: the workbook's name must end in .xlsx")
    check_target(output, overwrite, [source], "the notes being imported")
    result = read_meeting_notes(source)
    if not result.failed:
        write_workbook(output, result.content, overwrite=overwrite, book=schema.MEETING_BOOK)
    return result


def read_meeting_notes(path: Path) -> MeetingImport:
    document = open_document(Path(path))
    reader = _NotesReader(document)
    reader.run()
    return reader.result()


class _NotesReader:
    def __init__(self, document):
        self.document = document
        self.reader = DocumentReader(document)
        self.fields: dict[str, Any] = {}
        self.people: list[dict] = []
        self.agenda: list[dict] = []
        self.actions: list[dict] = []
        self.noted: list[dict] = []
        self.organisations: list[dict] = []
        self.next_meetings: list[dict] = []
        self.findings: list[Finding] = []
        self.publisher_guess: tuple[str, str] | None = None

    # --- reading ---------------------------------------------------------------------------

    def run(self) -> None:
        blocks = [b for b in self.reader.blocks() if not (isinstance(b, Para) and b.toc)]
        mark_bold_headings(blocks)
        sections: list[tuple[Para | None, list]] = [(None, [])]
        for block in blocks:
            if isinstance(block, Para) and block.heading is not None and not block.title:
                sections.append((block, []))
            else:
                sections[-1][1].append(block)
        self.cover(sections[0][1])
        for heading, body in sections[1:]:
            text = " ".join(heading.text.split())
            key = text.casefold()
            group = next(
                (
                    kind
                    for kind, title in ATTENDANCE_GROUPS
                    if title.casefold() == key or key in _ATTENDANCE_SYNONYMS.get(kind, ())
                ),
                None,
            )
            if key == ATTENDANCE_HEADING.casefold():
                self.unplaced_text(body, keep=_attendance_summary)
            elif group is not None:  # under an Attendance heading, or on its own in notes typed by hand
                self.attendance(group, body)
            elif key == ACTIONS_NOTED_HEADING.casefold() or key == "actions":
                self.actions_noted(body)
            elif key in (
                NEXT_MEETINGS_HEADING.casefold(),
                "next meetings",
                "future meeting dates",
                "date of next meeting",
                "dates of future meetings",
            ):
                self.next_meeting_dates(body)
            elif "action tracker" in key:
                self.tracker(body)
            elif key in ("glossary", "organisations", "abbreviations"):
                self.glossary(body)
            elif key in ("contact and publication details", "contact"):
                self.back_page(body)
            elif key in ("contents", "table of contents"):
                continue
            elif _ITEM_HEADING.match(text):
                self.agenda_item(heading, text, body)
            else:
                self.note(
                    "import-unplaced",
                    heading.place,
                    f"could not place the section '{snippet(text)}'; "
                    "copy it into the workbook if it belongs in the notes",
                )

    def note(self, code: str, place: str, message: str) -> None:
        self.findings.append(warning(code, message, Source(where=place)))

    def unplaced_text(self, blocks: list, keep=lambda para: False) -> None:
        for block in blocks:
            if isinstance(block, Table):
                self.note(
                    "import-unplaced",
                    f"table {block.number}",
                    "could not place this table; copy it into the workbook if it belongs in the notes",
                )
            elif not block.is_empty and not keep(block):
                self.note(
                    "import-unplaced",
                    block.place,
                    f"could not place '{snippet(block.text)}'; copy it into the workbook if it belongs in the notes",
                )

    # --- the cover ----------------------------------------------------------------------------

    def cover(self, blocks: list) -> None:
        paras = [b for b in blocks if isinstance(b, Para) and not b.is_empty]
        title = next((p for p in paras if p.title), paras[0] if paras else None)
        if title is not None:
            text = " ".join(title.text.split())
            parts = re.split(r"\s+(?:[\u2014\u2013]|-{1,2})\s+", text, maxsplit=1)
            board, plan = parts[0], parts[1] if len(parts) > 1 else ""
            self.fields["Board"] = board.strip()
            if plan.strip():
                self.fields["Plan"] = plan.strip()
        for para in paras:
            if para is title:
                continue
            text = " ".join(para.text.split())
            match = _MEETING_LINE.match(text)
            if match and "Date" not in self.fields:
                self.meeting_line(match)
            elif text.casefold().startswith("published ") and as_date(text[10:].strip()):
                self.fields.setdefault("Publication date", as_date(text[10:].strip()))
            elif text.casefold().startswith("draft"):
                continue
            elif self.publisher_guess is None and len(text.split()) <= 12 and not text.endswith("."):
                self.publisher_guess = (text, para.place)  # a short cover line: the publisher, unless the foot says
            else:
                self.note(
                    "import-unplaced",
                    para.place,
                    f"could not place '{snippet(text)}' before the first "
                    "heading; copy it into the workbook if it belongs in the notes",
                )
        for table in (b for b in blocks if isinstance(b, Table)):
            self.note("import-unplaced", f"table {table.number}", "could not place a table before the first heading")

    def meeting_line(self, match: re.Match) -> None:
        self.fields["Date"] = as_date(match.group(1).replace(",", ""))
        if match.group(2):
            self.fields["Time"] = match.group(2)
        rest = match.group("rest").strip().rstrip(".")
        hybrid = re.match(r"^at\s+(.+?)\s+and\s+online$", rest, re.IGNORECASE)
        if hybrid:
            self.fields["Format"], self.fields["Where"] = "Hybrid", hybrid.group(1)
        elif rest.casefold() in ("online", "in person and online"):
            self.fields["Format"] = "Online" if rest.casefold() == "online" else "Hybrid"
        elif rest.casefold().startswith("via "):
            self.fields["Format"], self.fields["Where"] = "Online", rest[4:].strip()
        elif rest.casefold().startswith(("at ", "in ")):
            self.fields["Format"], self.fields["Where"] = "In person", rest[3:].strip()
        elif rest:
            self.fields["Where"] = rest

    # --- attendance ---------------------------------------------------------------------------

    def attendance(self, kind: str, blocks: list) -> None:
        for block in blocks:
            if isinstance(block, Table):
                self.attendance_table(kind, block)
                continue
            for line in block.text.split("\n"):
                line = " ".join(line.split())
                if line:
                    self.people.append(_person(line, kind))

    def attendance_table(self, kind: str, table: Table) -> None:
        header = [cell.text.casefold() for cell in table.rows[0].cells] if table.rows else []
        name_at = next((i for i, h in enumerate(header) if "name" in h), 0)
        org_at = next((i for i, h in enumerate(header) if "organisation" in h or "role" in h), None)
        for row in table.rows[1:]:
            texts = [cell.text for cell in row.cells]
            if not any(texts) or name_at >= len(texts):
                continue
            person = _person(texts[name_at], kind)
            if org_at is not None and org_at < len(texts) and texts[org_at]:
                person["Organisation or role"] = " ".join(texts[org_at].split())
            self.people.append(person)

    # --- agenda items and actions ---------------------------------------------------------------

    def agenda_item(self, heading: Para, text: str, blocks: list) -> None:
        match = _ITEM_HEADING.match(text)
        number = "".join(match.group(1).split())
        row: dict[str, Any] = {"Item": number, "Title": match.group(2).strip()}
        notes: list[Para] = []
        for block in blocks:
            if isinstance(block, Table):
                self.note(
                    "import-unplaced",
                    f"table {block.number}",
                    f"could not place a table in item {number}; copy it into the item's Notes if it belongs there",
                )
                continue
            line = " ".join(block.text.split())
            presented = _PRESENTED.match(line)
            action = _ACTION.match(line) if block.list_level is None else None
            if presented and "Presenter" not in row and not notes:
                row["Presenter"] = _initials_or_name(presented.group(1))
            elif action:
                self.actions.append(self.action_row(action, block, number))
            else:
                notes.append(block)
        if notes:
            row["Notes"] = to_markup(rich_text(notes).rich)
        self.agenda.append(row)

    def action_row(self, match: re.Match, para: Para, item: str) -> dict:
        details = match.group("details") or ""
        text = match.group("text").strip()
        start = match.start("text")
        owners, due = _owners_and_due(details)
        if not owners:
            lead = _OWNER_LEAD.match(text) if match.group("sep") != "/" else None
            slash = (
                re.match(r"^(?P<owners>[A-Za-z][\w&]*(?:/[A-Za-z][\w&]*)*)\s*(?::|\s+to\b)", text)
                if match.group("sep") == "/"
                else None
            )
            found = lead or slash
            owners = found.group("owners") if found else ""
            if slash and text[found.end() - 1] == ":":  # "Action/NPS: share ...": the owner is not the action
                start += found.end()
                text = text[found.end() :].strip()
        rich = _after_prefix(para, start)
        return {
            "ID": match.group("id"),
            "Item": item,
            "Action": to_markup(rich) if rich else text,
            "Owners": owners,
            "Due": due,
            "Status": "Open",
            "_place": para.place,
        }

    def actions_noted(self, blocks: list) -> None:
        for block in blocks:
            if isinstance(block, Table) or block.is_empty:
                self.unplaced_text([block])
                continue
            if block.list_level is None:
                continue  # the list's lead-in sentence
            line = " ".join(block.text.split())
            match = _NOTED_ITEM.match(line)
            if match:
                owners, due = _owners_and_due(match.group("details"))
                item = re.search(r"\bitem ([^;]+)", match.group("details"))
                plan = re.search(r"\bcommitments? ([^;]+)", match.group("details"))
                self.noted.append(
                    {
                        "ID": match.group("id"),
                        "Action": match.group("text"),
                        "Owners": owners,
                        "Due": due,
                        "Item": item.group(1).strip() if item else None,
                        "Commitments": plan.group(1).strip() if plan else None,
                        "_place": block.place,
                    }
                )
            else:
                owner = _OWNER_LEAD.match(line)
                self.noted.append(
                    {
                        "ID": None,
                        "Action": re.sub(r"^\d+[.)]\s*", "", line),
                        "Owners": owner.group("owners") if owner else "",
                        "_place": block.place,
                    }
                )

    def next_meeting_dates(self, blocks: list) -> None:
        for block in blocks:
            if isinstance(block, Table) or block.is_empty:
                self.unplaced_text([block])
                continue
            for line in block.text.split("\n"):
                line = " ".join(line.split())
                match = re.match(
                    rf"^{_WEEKDAY}{_DATE}(?:\s*,\s*{_TIME})?(?:\s*,\s*(?P<where>.+))?$", line, re.IGNORECASE
                )
                if match and as_date(match.group(1).replace(",", "")):
                    self.next_meetings.append(
                        {
                            "Date": as_date(match.group(1).replace(",", "")),
                            "Time": match.group(2),
                            "Where": match.group("where"),
                        }
                    )
                elif line:
                    self.unplaced_text([block])

    def tracker(self, blocks: list) -> None:
        for block in blocks:
            if not isinstance(block, Table):
                continue  # the introduction is written afresh by each build
            header = [" ".join(cell.text.split()).casefold() for cell in block.rows[0].cells]
            at = {
                name: next((i for i, h in enumerate(header) if h in names), None)
                for name, names in (
                    ("action", ("action", "what is to be done")),
                    ("owner", ("owner", "owners", "lead")),
                    ("status", ("status",)),
                    ("update", ("latest update", "update")),
                    ("id", ("id", "ref", "no.")),
                )
            }
            if at["action"] is None:
                self.unplaced_text([block])
                continue
            for row in block.rows[1:]:
                if row.is_empty:
                    continue
                self.actions.append(self.tracker_row(row, at, block))

    def tracker_row(self, row, at: dict, table: Table) -> dict:
        def cell(name):
            index = at.get(name)
            return row.cells[index] if index is not None and index < len(row.cells) else None

        action_paras = [p for p in cell("action").paras if not p.is_empty] if cell("action") else []
        values: dict[str, Any] = {"_place": f"table {table.number}, row {row.number}"}
        details = {"owner": "", "status": ""}
        if action_paras:  # reportgen prints Owner and Status as a line under the action
            line = _TRACKER_DETAILS.match(" ".join(action_paras[-1].text.split()))
            if line and (line.group("owner") or line.group("status")):
                action_paras = action_paras[:-1]
                details = {"owner": (line.group("owner") or "").strip(), "status": (line.group("status") or "").strip()}
        if action_paras:
            history = _TRACKER_HISTORY.match(" ".join(action_paras[-1].text.split()))
            if history:
                action_paras = action_paras[:-1]
                values["Raised"] = as_date(history.group("raised"))
                values["Item"] = history.group("item")
                values["Due"] = as_date(history.group("due")) if history.group("due") else None
                values["Commitments"] = history.group("commitments")
        first = " ".join(action_paras[0].text.split()) if action_paras else ""
        lead = re.match(r"^([A-Za-z0-9][A-Za-z0-9_-]*\d[A-Za-z0-9_-]*):\s+", first)
        rich = rich_text(action_paras).rich
        if lead:
            values["ID"] = lead.group(1)
            rich = _drop_prefix(rich, len(lead.group(0)))
        elif cell("id") is not None:
            values["ID"] = cell("id").text.strip() or None
        values["Action"] = to_markup(rich)
        values["Owners"] = cell("owner").text.strip() if cell("owner") else details["owner"]
        status = cell("status").text.strip() if cell("status") else details["status"]
        values["Status"] = next(
            (s for s in schema.ACTION_STATUSES if s.casefold() == status.casefold()), status or "Open"
        )
        if cell("update") is not None and cell("update").text.strip():
            values["Update"] = to_markup(rich_text([p for p in cell("update").paras]).rich)
        return values

    def glossary(self, blocks: list) -> None:
        for block in blocks:
            if isinstance(block, Table):
                for row in block.rows[1:]:
                    texts = [" ".join(cell.text.split()) for cell in row.cells]
                    if len(texts) >= 2 and texts[0]:
                        self.organisations.append({"Short name": texts[0], "Name": texts[1]})
            elif not block.is_empty and block.text.strip().casefold() != "glossary":
                self.unplaced_text([block])

    def back_page(self, blocks: list) -> None:
        for block in blocks:
            if isinstance(block, Table):
                self.unplaced_text([block])
                continue
            text = " ".join(block.text.split())
            published = _PUBLISHED_BY.match(text)
            email = _EMAIL.search(text)
            if published:
                self.fields.setdefault("Publisher", published.group("publisher"))
                if published.group("date") and as_date(published.group("date")):
                    self.fields["Publication date"] = as_date(published.group("date"))
            elif email and "e-mail" in text.casefold():
                self.fields["Contact"] = email.group(0)

    # --- the workbook ---------------------------------------------------------------------------

    def result(self) -> MeetingImport:
        findings = list(self.findings)
        meeting_date = self.fields.get("Date")
        actions = self.merged_actions()
        assigned = 0
        used = {str(a["ID"]).casefold() for a in actions if a.get("ID")}
        for action in actions:
            if not action.get("ID"):
                assigned += 1
                stem = f"A-{meeting_date:%Y-%m}" if meeting_date else "A"
                number = assigned
                while f"{stem}-{number:02d}".casefold() in used:
                    number += 1
                action["ID"] = f"{stem}-{number:02d}"
                used.add(action["ID"].casefold())
        for action in actions:
            action.pop("_place", None)
        if self.document.sections and _draft_marked(self.document):
            status = "Draft"
        else:
            status = "Final"  # the document is what was published
        fields = dict(self.fields)
        fields["Status"] = status
        if "Publisher" not in fields and self.publisher_guess is not None:
            fields["Publisher"], place = self.publisher_guess
            findings.append(
                warning(
                    "import-field-guessed",
                    f"the Publisher was taken from the line "
                    f"'{snippet(fields['Publisher'])}' near the top; check it on the Meeting sheet",
                    Source(where=place),
                )
            )
        elif self.publisher_guess is not None and self.publisher_guess[0] != fields.get("Publisher"):
            text, place = self.publisher_guess
            findings.append(
                warning(
                    "import-unplaced",
                    f"could not place '{snippet(text)}' before the first heading; "
                    "copy it into the workbook if it belongs in the notes",
                    Source(where=place),
                )
            )
        fields.setdefault("Language", "en-GB")
        core = self.document.core_properties
        if core.author and core.author != fields.get("Publisher"):
            fields.setdefault("Author", core.author)
        for name in ("Board", "Date", "Publisher"):
            if not fields.get(name):
                findings.append(
                    warning(
                        "import-field-missing",
                        f"the document does not say the meeting's {name} "
                        f"where reportgen could find it; type it in the {name} field of the Meeting "
                        "sheet",
                        Source("Meeting"),
                    )
                )
        if not self.agenda and not actions:
            findings.append(
                error(
                    "import-no-agenda",
                    "found no numbered agenda items and no actions: headings such as '1 Welcome' or '5a Recruitment'",
                    Source(),
                )
            )
        content = {
            "Meeting": {k: v for k, v in fields.items() if v is not None},
            "People": self.people,
            "Agenda": self.agenda,
            "Actions": actions,
            "Organisations": self.organisations,
            "Next meetings": self.next_meetings,
        }
        order = self.reader.order
        findings.sort(key=lambda f: (f.source.where is not None, order.get((f.source.where or "").split(",")[0], 0)))
        return MeetingImport(content, findings, assigned)

    def merged_actions(self) -> list[dict]:
        """Actions under the items, completed from the Actions noted list (which alone may give due dates)."""
        actions = [dict(a) for a in self.actions]
        by_id = {str(a["ID"]).casefold(): a for a in actions if a.get("ID")}
        for entry in self.noted:
            match = by_id.get(str(entry["ID"]).casefold()) if entry.get("ID") else None
            if match is None and not entry.get("ID"):
                match = next(
                    (a for a in actions if not a.get("Raised") and _same_action(a["Action"], entry["Action"])), None
                )
            if match is None:
                actions.append(
                    {
                        "ID": entry.get("ID"),
                        "Item": entry.get("Item"),
                        "Action": entry["Action"],
                        "Owners": entry.get("Owners", ""),
                        "Due": entry.get("Due"),
                        "Status": "Open",
                    }
                )
                continue
            for key in ("Owners", "Due", "Item", "Commitments"):
                if not match.get(key) and entry.get(key):
                    match[key] = entry[key]
        return actions


_ATTENDANCE_SYNONYMS = {
    "Co-chair": ("co-chairs", "chairs", "chair"),
    "Member": ("members", "attendees", "present", "members present"),
    "Guest presenter": ("guest presenters", "guests", "presenters", "guest speakers"),
    "Officer in attendance": ("officers in attendance", "in attendance", "officers"),
    "Apologies": ("apologies", "apologies received"),
}


def _attendance_summary(para: Para) -> bool:
    return bool(re.match(r"^\d+ (?:people|person) attended", para.text.strip()))


def _person(line: str, kind: str) -> dict:
    """'Kemi Bassey (KB), Deputy Mayor's Office, on behalf of Deputy Mayor for Policing' as a People row."""
    line = re.sub(r"^[•\-*]\s*", "", line.strip())
    on_behalf = None
    split = re.split(r",?\s+on behalf of\s+", line, maxsplit=1, flags=re.IGNORECASE)
    if len(split) == 2:
        line, on_behalf = split[0], split[1].rstrip(".")
    name_part, _sep, organisation = line.partition(", ")
    if not organisation:
        name_part, _sep, organisation = line.partition(" \u2013 ")
    initials = None
    match = _NAME_INITIALS.match(name_part.strip())
    if match:
        name_part, initials = match.group(1), match.group(2)
    return {
        "Name": name_part.strip(),
        "Initials": initials,
        "Organisation or role": organisation.strip() or None,
        "Attendance": kind,
        "On behalf of": on_behalf,
    }


def _initials_or_name(text: str) -> str:
    match = _NAME_INITIALS.match(text.strip())
    return match.group(2) if match else text.strip()


def _owners_and_due(details: str) -> tuple[str, dt.date | None]:
    owners, due = "", None
    for part in re.split(r"[;,]\s*", details):
        part = part.strip()
        if part.casefold().startswith("due "):
            due = as_date(part[4:])
        elif part.casefold().startswith("owner "):
            owners = part[6:].strip()
        elif part and not part.casefold().startswith("item ") and not owners:
            owners = part
    return owners, due


def _after_prefix(para: Para, start: int) -> RichText | None:
    """The paragraph's rich text from character `start` on (after 'Action ...:'), its formatting kept."""
    rich = rich_text([para]).rich
    return _drop_prefix(rich, start) if rich.blocks else None


def _drop_prefix(rich: RichText, count: int) -> RichText:
    if not rich.blocks or not isinstance(rich.blocks[0], Paragraph):
        return rich
    children, left = [], count
    for node in rich.blocks[0].children:
        if left <= 0:
            children.append(node)
        elif isinstance(node, Text):
            if len(node.text) <= left:
                left -= len(node.text)
            else:
                children.append(Text(node.text[left:], node.bold, node.italic, node.underline))
                left = 0
        else:
            left = 0
            children.append(node)
    if children and isinstance(children[0], Text):
        children[0] = Text(children[0].text.lstrip(), children[0].bold, children[0].italic, children[0].underline)
    return RichText((Paragraph(tuple(children)),) + rich.blocks[1:])


def _same_action(a: str, b: str) -> bool:
    return re.sub(r"\W+", " ", a).strip().casefold().startswith(re.sub(r"\W+", " ", b).strip().casefold()[:40])


def _draft_marked(document) -> bool:
    for section in document.sections:
        for part in (section.header, section.first_page_header):
            try:
                text = " ".join(p.text for p in part.paragraphs)
            except (AttributeError, ValueError):
                continue
            if re.search(r"\bDRAFT\b", text):
                return True
    return False
