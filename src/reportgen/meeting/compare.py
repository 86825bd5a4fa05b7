"""`reportgen compare` on two meeting workbooks: what happened to the actions between two meetings.

Actions are paired by ID. Reported: actions closed (Done or Dropped now, open before or
new), actions new at this meeting, open actions now overdue, open actions whose update is
word for word what it was at the last meeting (the carried-over signal editions get, with
the same folding of quotes, dashes and spaces), and actions open last time that are
missing now, so none is lost without being closed.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from .. import __version__
from ..compare.folding import display_text, tokens, word_keys
from ..core.wording import day_text, long_date
from .model import Action
from .reader import LoadedMeeting

SECTIONS = (
    ("closed", "Actions closed since the last meeting"),
    ("new", "New actions"),
    ("overdue", "Overdue actions"),
    ("unchanged", "Open actions whose update has not changed since the last meeting"),
    ("missing", "Open at the last meeting but missing from this workbook"),
)


@dataclass(frozen=True)
class ActionEntry:
    id: str
    action: str
    owners: str
    status: str
    due: dt.date | None
    update: str
    cell: str  # where to find it: the new workbook's row, or the old one's for a missing action
    was: str = ""  # the status at the last meeting


@dataclass
class MeetingComparison:
    old_name: str
    new_name: str
    old_date: dt.date | None
    new_date: dt.date | None
    groups: dict[str, list[ActionEntry]] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        return {key: len(self.groups.get(key, [])) for key, _title in SECTIONS}


def compare_meetings(old: LoadedMeeting, new: LoadedMeeting) -> MeetingComparison:
    before, after = old.meeting, new.meeting
    result = MeetingComparison(
        old.raw.path.name, new.raw.path.name, before.date, after.date, {key: [] for key, _title in SECTIONS}
    )
    earlier = {action.id.casefold(): action for action in before.actions if action.id}
    present = {action.id.casefold() for action in after.actions if action.id}
    for action in after.actions:
        previous = earlier.get(action.id.casefold())
        was = previous.status if previous is not None else ""
        entry = _entry(action, was)
        if previous is None:
            result.groups["new"].append(entry)
        if not action.is_open and (previous is None or previous.is_open):
            result.groups["closed"].append(entry)
        if action.is_open and action.due is not None and after.date is not None and action.due < after.date:
            result.groups["overdue"].append(entry)
        if action.is_open and previous is not None and _same_words(previous, action):
            result.groups["unchanged"].append(entry)
    for key, action in earlier.items():
        if action.is_open and key not in present:
            result.groups["missing"].append(_entry(action, action.status))
    return result


def _same_words(old: Action, new: Action) -> bool:
    return word_keys(tokens(display_text(old.update))) == word_keys(tokens(display_text(new.update)))


def _entry(action: Action, was: str) -> ActionEntry:
    return ActionEntry(
        action.id,
        display_text(action.action),
        action.owners,
        action.status,
        action.due,
        display_text(action.update),
        action.cell("ID").describe(),
        was,
    )


def _meeting_name(name: str, day: dt.date | None) -> str:
    return f"{name} ({day_text(day)})" if day else name


def to_text(result: MeetingComparison) -> str:
    counts = result.counts()
    lines = [
        f"Comparing the meeting {_meeting_name(result.old_name, result.old_date)} with "
        f"{_meeting_name(result.new_name, result.new_date)}",
        ", ".join(f"{counts[key]} {title.split(' since')[0].lower()}" for key, title in SECTIONS[:4])
        + (f", {counts['missing']} missing" if counts["missing"] else ""),
        "",
    ]
    for key, title in SECTIONS:
        entries = result.groups[key]
        if not entries and key == "missing":
            continue
        lines.append(f"{title} ({len(entries)})")
        if not entries:
            lines += ["  None.", ""]
            continue
        for entry in entries:
            status = f"{entry.was} \u2192 {entry.status}" if entry.was and entry.was != entry.status else entry.status
            due = f", due {long_date(entry.due)}" if entry.due else ""
            lines.append(f"  {entry.id} ({entry.owners or 'no owner'}; {status}{due}) at {entry.cell}")
            lines.append(f"    {_one_line(entry.action)}")
            if entry.update and key in ("closed", "unchanged", "overdue"):
                lines.append(f"    Update: {_one_line(entry.update)}")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def to_json(result: MeetingComparison) -> str:
    def entry(item: ActionEntry) -> dict:
        return {
            "id": item.id,
            "action": item.action,
            "owners": item.owners,
            "status": item.status,
            "previous_status": item.was or None,
            "due": item.due.isoformat() if item.due else None,
            "update": item.update,
            "cell": item.cell,
        }

    return (
        json.dumps(
            {
                "kind": "meeting",
                "old": {"file": result.old_name, "date": result.old_date.isoformat() if result.old_date else None},
                "new": {"file": result.new_name, "date": result.new_date.isoformat() if result.new_date else None},
                "counts": result.counts(),
                **{key: [entry(item) for item in result.groups[key]] for key, _title in SECTIONS},
            },
            indent=2,
            ensure_ascii=False,
        )
        + "\n"
    )


def to_html(result: MeetingComparison) -> str:
    """The comparison as one self-contained, accessible web page, in the edition comparison's house style."""
    from markupsafe import Markup

    from ..compare.report_html import css, template

    return template("meeting-compare.html.j2").render(
        version=__version__,
        css=Markup(css()),
        result=result,
        counts=result.counts(),
        sections=SECTIONS,
        long_date=long_date,
        old_name=_meeting_name(result.old_name, result.old_date),
        new_name=_meeting_name(result.new_name, result.new_date),
    )
