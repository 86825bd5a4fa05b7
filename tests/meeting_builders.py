"""Builds meeting workbooks in code, so each test states exactly what it needs."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

from reportgen.meeting.schema import MEETING_BOOK
from reportgen.workbook.writer import write_workbook


def valid_meeting() -> dict[str, Any]:
    """A small, complete, valid Draft meeting: six people, three agenda items, four actions (two from before)."""
    return copy.deepcopy(
        {
            "Meeting": {
                "Board": "Fair Policing Oversight Board",
                "Plan": "Northfield Action Plan for Fairer Policing",
                "Date": dt.date(2025, 7, 15),
                "Time": "10am",
                "Format": "Online",
                "Where": "MS Teams",
                "Status": "Draft",
                "Publisher": "Northfield Office for Policing and Crime",
                "Publication date": dt.date(2025, 8, 1),
                "Contact": "board@example.gov.uk",
            },
            "People": [
                {
                    "Name": "Kemi Bassey",
                    "Initials": "KB",
                    "Organisation or role": "Deputy Mayor's Office",
                    "Attendance": "Co-chair",
                    "On behalf of": "Deputy Mayor for Policing",
                },
                {
                    "Name": "Colin Wray",
                    "Initials": "CW",
                    "Organisation or role": "Northfield Police Service",
                    "Attendance": "Member",
                },
                {
                    "Name": "Jo Brennan",
                    "Initials": "JB",
                    "Organisation or role": "Youth Justice Service",
                    "Attendance": "Member",
                },
                {
                    "Name": "Priya Gill",
                    "Initials": "PG",
                    "Organisation or role": "Community Reference Group",
                    "Attendance": "Guest presenter",
                },
                {
                    "Name": "Lee Fenwick",
                    "Initials": "LF",
                    "Organisation or role": "Board secretariat",
                    "Attendance": "Officer in attendance",
                },
                {
                    "Name": "Ravi Shah",
                    "Initials": "RS",
                    "Organisation or role": "Probation Service",
                    "Attendance": "Apologies",
                },
            ],
            "Agenda": [
                {
                    "Item": "1",
                    "Title": "Welcome and introductions",
                    "Presenter": "KB",
                    "Notes": "KB welcomed members and thanked PG for joining.",
                },
                {
                    "Item": "2",
                    "Title": "Stop and search",
                    "Presenter": "CW",
                    "Notes": "CW presented the quarter's figures.\n\nQuestions\n\n- JB asked about vehicle stops.\n"
                    "- PG asked how the panel would see the findings.",
                },
                {
                    "Item": "2a",
                    "Title": "Vehicle stops review",
                    "Presenter": "CW",
                    "Notes": "CW said the review would report in September.",
                },
            ],
            "Actions": [
                {
                    "ID": "A-2025-04-01",
                    "Raised": dt.date(2025, 4, 8),
                    "Item": "3",
                    "Action": "NPS to publish the handcuffing data.",
                    "Owners": "NPS",
                    "Due": dt.date(2025, 9, 30),
                    "Status": "In progress",
                    "Update": "Data is being checked.",
                },
                {
                    "ID": "A-2025-04-02",
                    "Raised": dt.date(2025, 4, 8),
                    "Item": "4",
                    "Action": "LF to circulate the terms of reference.",
                    "Owners": "LF",
                    "Due": dt.date(2025, 5, 1),
                    "Status": "Done",
                    "Update": "Circulated on 2 May.",
                },
                {
                    "ID": "A-2025-07-01",
                    "Item": "2",
                    "Action": "CW to share the stop and search figures with PG.",
                    "Owners": "CW",
                    "Due": dt.date(2025, 8, 31),
                    "Status": "Open",
                    "Commitments": "C-001",
                },
                {
                    "ID": "A-2025-07-02",
                    "Item": "2a",
                    "Action": "CW and JB to bring the review to the next meeting.",
                    "Owners": "CW/JB",
                    "Due": dt.date(2025, 10, 14),
                    "Status": "Open",
                },
            ],
            "Organisations": [
                {"Short name": "NPS", "Name": "Northfield Police Service"},
            ],
            "Next meetings": [
                {"Date": dt.date(2025, 10, 14), "Time": "10am", "Where": "City Hall, Committee Room 2"},
                {"Date": dt.date(2026, 1, 13), "Time": "2pm", "Where": "MS Teams"},
            ],
        }
    )


def write_meeting(path: Path, content: dict[str, Any] | None = None, carried_over: bool = False) -> Path:
    write_workbook(
        Path(path),
        valid_meeting() if content is None else content,
        overwrite=True,
        carried_over=carried_over,
        book=MEETING_BOOK,
    )
    return Path(path)
