"""The example meeting's content as plain data, so a reviewer can read every word in one place.

A fictional quarterly meeting of the board that oversees the plan in inputs/example.xlsx:
every person and organisation is invented, and the wording is our own. The actions name
commitments of the example edition by ID, so `reportgen validate --plan inputs/example.xlsx`
checks them. scripts/make_meeting_example.py writes it to inputs/meeting-example.xlsx;
tests/meeting/test_meeting_example.py checks the two agree.
"""

from __future__ import annotations

import datetime as dt

LAST_MEETING = dt.date(2023, 7, 11)
THIS_MEETING = dt.date(2023, 10, 10)


def cell(*blocks: str) -> str:
    """Paragraphs and bullet lists of one cell, a blank line apart."""
    return "\n\n".join(blocks)


def bullets(*items: str) -> str:
    return "\n".join(f"- {item}" for item in items)


MEETING = {
    "Board": "Disproportionality Board",
    "Plan": "Mayor's Action Plan",
    "Date": THIS_MEETING,
    "Time": "10am",
    "Format": "Online",
    "Where": "MS Teams",
    "Status": "Final",
    "Publisher": "Northfield Office for Policing and Crime",
    "Publication date": dt.date(2023, 11, 7),
    "Language": "en-GB",
    "Author": "Board secretariat, Northfield Office for Policing and Crime",
    "Contact": "disproportionality.board@example.gov.uk",
}


def person(name: str, initials: str, organisation: str, attendance: str | None, on_behalf_of: str | None = None):
    return {
        "Name": name,
        "Initials": initials,
        "Organisation or role": organisation,
        "Attendance": attendance,
        "On behalf of": on_behalf_of,
    }


PEOPLE = [
    person(
        "Adaeze Okafor",
        "AO",
        "Northfield Office for Policing and Crime",
        "Co-chair",
        "the Deputy Mayor for Policing and Crime",
    ),
    person(
        "Tomasz Nowak",
        "TN",
        "Mayor's Office for Communities and Social Justice",
        "Co-chair",
        "the Deputy Mayor for Communities",
    ),
    person("Chief Superintendent Helen Marsh", "HM", "Northfield Police Service", "Member"),
    person("Superintendent Declan Price", "DP", "Northfield Police Service, stop and search lead", "Member"),
    person("Grace Adeyemi", "GA", "Northfield Courts Service", "Member"),
    person("Owen Ridley", "OR", "Northfield Probation Service", "Member"),
    person("Farah Iqbal", "FI", "Northfield Youth Justice Service", "Member"),
    person("Nathan Cole", "NC", "Independent Office for Complaints", "Member"),
    person("Sergeant Michelle Boateng", "MB", "Black Police Officers' Network", "Member"),
    person("Inspector Raj Chauhan", "RC", "Sikh Police Association", "Member"),
    person("Yvonne Campbell", "YC", "Community Reference Group", "Member"),
    person("Kwame Asante", "KA", "Community Reference Group", "Member"),
    person("Dr Leila Haddad", "LH", "Northfield University, evaluation lead", "Guest presenter"),
    person("Inspector Sam Whitfield", "SW", "Northfield Police Service, recruitment", "Guest presenter"),
    person("Bethany Lowe", "BL", "Northfield Office for Policing and Crime, board secretary", "Officer in attendance"),
    person("Marcus Greene", "MG", "Northfield Office for Policing and Crime, policy officer", "Officer in attendance"),
    person("Assistant Commissioner Paul Fry", "PF", "Northfield Police Service", "Apologies"),
    person("Rosa Mendes", "RM", "Victims' Commissioner's Office", "Apologies"),
    person("Ifeoma Eze", "IE", "Community Reference Group", "Apologies"),
]

AGENDA = [
    {
        "Item": "1",
        "Title": "Welcome, introductions and apologies",
        "Presenter": "AO",
        "Notes": cell(
            "AO welcomed members and thanked TN for co-chairing. Apologies were noted from PF, RM and IE.",
            "AO welcomed LH and SW, who joined to present items 3 and 5a.",
        ),
    },
    {
        "Item": "2",
        "Title": "Notes and actions of the last meeting",
        "Presenter": "BL",
        "Notes": cell(
            "The notes of the meeting of 11 July 2023 were agreed as a true record.",
            "BL took members through the action tracker in the annex. Two actions have been closed since "
            "July; the rest are in hand and none is overdue.",
        ),
    },
    {
        "Item": "3",
        "Title": "Stop and search: community monitoring pilot",
        "Presenter": "LH",
        "Notes": cell(
            "LH presented the first findings of the university's evaluation of the new community "
            "monitoring groups, which have now run for six months in three boroughs:",
            bullets(
                "members reviewed 412 searches and the body-worn video of 58 of them",
                "attendance is strongest where meetings are held in the evening and away from police buildings",
                "young members said they wanted feedback on what changed after their reviews",
            ),
            "Questions",
            bullets(
                "YC asked how the groups would be kept independent of the police. LH said the groups "
                "choose their own chair and the samples are drawn by the university.",
                "DP said the service would give each group a written reply to every recommendation within six weeks.",
                "KA asked for the findings to be shared with young people in a shorter form.",
            ),
        ),
    },
    {
        "Item": "4",
        "Title": "Youth justice: disproportionality in remands",
        "Presenter": "FI",
        "Notes": cell(
            "FI reported that Black children still make up a larger share of children remanded to youth "
            "detention than of children charged. The service is testing a checklist that asks whether a "
            "bail package has been considered before a remand is sought.",
            "GA said magistrates would welcome a joint briefing on the checklist. OR offered probation's "
            "experience of similar checks for young adults.",
        ),
    },
    {"Item": "5", "Title": "Workforce", "Presenter": "HM", "Notes": "HM introduced the two workforce items."},
    {
        "Item": "5a",
        "Title": "Recruitment and retention",
        "Presenter": "SW",
        "Notes": cell(
            "SW presented the latest recruitment figures. The share of new recruits from Black, Asian and "
            "other minority ethnic backgrounds rose this quarter, but leavers in the first two years of "
            "service are still more likely to come from those backgrounds.",
            "Questions",
            bullets(
                "MB asked whether exit interviews were offered to every leaver. SW said they were, but "
                "fewer than half took part.",
                "TN asked for the next update to show leavers by length of service.",
            ),
        ),
    },
    {
        "Item": "5b",
        "Title": "Staff networks' perspective",
        "Presenter": "MB",
        "Notes": cell(
            "MB and RC spoke for the staff networks. Members value the mentoring scheme, but mentors are "
            "not given time for it. RC said the Sikh Police Association would share its own survey of "
            "members with the board."
        ),
    },
    {
        "Item": "6",
        "Title": "Complaints",
        "Presenter": "NC",
        "Notes": cell(
            "NC said complaints about stop and search had fallen slightly, and that the office now "
            "publishes how long each stage of a complaint takes. Members asked for the figures by "
            "ethnicity."
        ),
    },
    {
        "Item": "7",
        "Title": "Any other business",
        "Notes": "There was no other business. AO thanked members and closed the meeting.",
    },
]


def action(
    id_: str,
    item: str,
    text: str,
    owners: str,
    due: dt.date,
    status: str = "Open",
    update: str | None = None,
    raised: dt.date | None = None,
    commitments: str | None = None,
    notes: str | None = None,
    previous: str | None = None,
) -> dict:
    row = {
        "ID": id_,
        "Raised": raised,
        "Item": item,
        "Action": text,
        "Owners": owners,
        "Due": due,
        "Status": status,
        "Update": update,
        "Commitments": commitments,
        "Notes": notes,
    }
    if previous is not None:
        row["Previous update"] = previous
    return row


ACTIONS = [
    # Raised at the meeting of 11 July 2023, followed up at this one.
    action(
        "DB-2307-01",
        "3",
        "DP to share the stop and search scrutiny terms of reference with the Community Reference Group.",
        "DP",
        dt.date(2023, 8, 31),
        "Done",
        "Shared with the group on 14 August; its comments are reflected in the final version.",
        raised=LAST_MEETING,
        commitments="MAP-004",
    ),
    action(
        "DB-2307-02",
        "4",
        "BL to circulate the youth justice data pack before the next meeting.",
        "BL",
        dt.date(2023, 9, 29),
        "Done",
        "Circulated to members on 26 September.",
        raised=LAST_MEETING,
    ),
    action(
        "DB-2307-03",
        "5",
        "NPS to report the retention of officers from minority ethnic backgrounds by length of service.",
        "NPS",
        dt.date(2023, 12, 15),
        "In progress",
        "The figures for the first year of service are ready; the later years follow in December.",
        raised=LAST_MEETING,
        commitments="MAP-020",
    ),
    action(
        "DB-2307-04",
        "6",
        "NC/MG to agree how complaint figures by ethnicity will be published on the dashboard.",
        "NC/MG",
        dt.date(2023, 11, 30),
        "Open",
        "A first meeting is booked for 20 October.",
        raised=LAST_MEETING,
        commitments="MAP-028",
    ),
    # Raised at this meeting.
    action(
        "DB-2310-01",
        "3",
        "LH to share a short version of the evaluation's first findings for young people.",
        "LH",
        dt.date(2023, 12, 1),
    ),
    action(
        "DB-2310-02",
        "3",
        "DP to report to the next meeting on written replies to the monitoring groups' recommendations.",
        "DP",
        dt.date(2024, 1, 16),
        commitments="MAP-004",
    ),
    action(
        "DB-2310-03",
        "4",
        "FI/GA to arrange a joint briefing for magistrates on the remand checklist.",
        "FI/GA",
        dt.date(2023, 12, 15),
    ),
    action(
        "DB-2310-04",
        "5a",
        "SW to show leavers by length of service and ethnicity in the next update.",
        "SW",
        dt.date(2024, 1, 16),
        commitments="MAP-020",
    ),
    action(
        "DB-2310-05",
        "5b",
        "RC to share the Sikh Police Association's member survey with the board.",
        "RC",
        dt.date(2023, 11, 30),
    ),
    action(
        "DB-2310-06",
        "6",
        "IOC to publish complaints about stop and search by ethnicity.",
        "IOC",
        dt.date(2024, 3, 31),
        commitments="MAP-028",
    ),
]

ORGANISATIONS = [
    {"Short name": "NPS", "Name": "Northfield Police Service"},
    {"Short name": "IOC", "Name": "Independent Office for Complaints"},
]

NEXT_MEETINGS = [
    {"Date": dt.date(2024, 1, 16), "Time": "10am", "Where": "City Hall, Committee Room 3, and MS Teams"},
    {"Date": dt.date(2024, 4, 16), "Time": "2pm", "Where": "MS Teams"},
]

CONTENT = {
    "Meeting": MEETING,
    "People": PEOPLE,
    "Agenda": AGENDA,
    "Actions": ACTIONS,
    "Organisations": ORGANISATIONS,
    "Next meetings": NEXT_MEETINGS,
}
