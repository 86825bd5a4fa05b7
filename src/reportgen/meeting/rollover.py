"""`reportgen next` on a meeting workbook: the next meeting's workbook, made from this one.

The date, time and place move on to the first meeting listed on the Next meetings sheet;
the notes become a Draft; people stay, with their attendance cleared (co-chairs stay
co-chairs); the agenda is emptied; every action not Done or Dropped is carried forward
with the date of the meeting that raised it, its update kept as the starting text and
copied to the protected Previous update column, so `compare` can tell which updates moved.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..core.errors import ReportgenError
from ..core.findings import sort_findings, warning
from ..core.wording import day_text
from ..rollover.edition import (
    Rollover,
    field_place,
    field_values,
    not_carried,
    refused_for_missing_sheets,
    row_values,
)
from ..runtime.output import check_target
from ..workbook.reader import RawSheet
from ..workbook.writer import write_workbook
from . import schema
from .reader import LoadedMeeting, load_meeting


def roll_meeting_forward(source: Path, output: Path, overwrite: bool = False) -> Rollover:
    """Write the meeting after `source` to `output`; never touch `source`, never replace `output` unless
    `overwrite` (--force)."""
    source, output = Path(source), Path(output)
    check_target(output, overwrite, [source], "the workbook being carried over")
    if output.suffix.lower() != ".xlsx":
        raise ReportgenError(f"{output}: the new workbook's name must end in .xlsx")
    plan = plan_next_meeting(load_meeting(source))
    if not plan.failed:
        write_workbook(output, plan.content, overwrite=overwrite, carried_over=True, book=schema.MEETING_BOOK)
    return plan


def plan_next_meeting(loaded: LoadedMeeting) -> Rollover:
    """The next meeting's content and findings; nothing is written."""
    raw, meeting = loaded.raw, loaded.meeting
    refused = refused_for_missing_sheets(raw, schema.SHEETS)
    if refused is not None:
        return refused
    plan = Rollover({}, raw=raw)
    plan.findings.extend(not_carried(raw, schema.MEETING))

    fields = field_values(raw, schema.MEETING, plan)
    upcoming = sorted((m for m in meeting.next_meetings if m.date is not None), key=lambda m: m.date)
    following = [m for m in upcoming if meeting.date is None or m.date > meeting.date]
    if following:
        chosen = following[0]
        fields["Date"], fields["Time"], fields["Where"] = chosen.date, chosen.time, chosen.where
        plan.edition_label = day_text(chosen.date)
        plan.period = (chosen.date, chosen.date)
        plan.content["Next meetings"] = [{"Date": m.date, "Time": m.time, "Where": m.where} for m in following[1:]]
    else:
        fields.pop("Date", None)
        plan.content["Next meetings"] = []
        plan.findings.append(
            warning(
                "next-meeting-date-unknown",
                "the Next meetings sheet lists no meeting after this one, so the new "
                "workbook has no date; type the next meeting's date, time and place on its Meeting sheet",
                field_place(schema.MEETING, "Date"),
            )
        )
    fields["Status"] = "Draft"
    fields.pop("Publication date", None)
    plan.content["Meeting"] = fields

    plan.content["People"] = [_person(row, raw.sheet("People"), plan) for row in raw.sheet("People").rows]
    plan.content["Agenda"] = []
    organisations = raw.sheet("Organisations")
    plan.content["Organisations"] = (
        [row_values(organisations, row, plan) for row in organisations.rows] if organisations is not None else []
    )

    actions_sheet = raw.sheet("Actions")
    carried = []
    for row, action in zip(actions_sheet.rows, meeting.actions):
        if not action.is_open:
            continue
        values = row_values(actions_sheet, row, plan)
        if action.raised is None:
            values["Raised"] = meeting.date
        values["Previous update"] = values.get("Update")
        carried.append(values)
    plan.content["Actions"] = carried
    plan.commitments = len(carried)  # actions carried forward
    plan.complete = len(meeting.actions) - len(carried)  # actions closed and left behind
    plan.findings = sort_findings(plan.findings, schema.MEETING_BOOK.sheet_order)
    return plan


def _person(row, sheet: RawSheet, plan: Rollover) -> dict[str, Any]:
    values = row_values(sheet, row, plan)
    attendance = values.get("Attendance")
    if not (isinstance(attendance, str) and attendance.strip().casefold() == "co-chair"):
        values["Attendance"] = None
    return values


__all__ = ["roll_meeting_forward", "plan_next_meeting"]
