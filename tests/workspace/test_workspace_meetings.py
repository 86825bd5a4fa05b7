"""The web workspace lists board meeting workbooks beside editions, and every page serves them."""

from __future__ import annotations

import io
import json
import re

import openpyxl

from reportgen.meeting.document import to_edition
from reportgen.meeting.reader import load_meeting
from reportgen.meeting.rollover import roll_meeting_forward
from reportgen.writers import write_edition

from ..meeting_builders import write_meeting
from ..workspace.test_workspace_routes import EXAMPLE, csrf, upload


def test_a_meeting_upload_is_stored_as_a_meeting_and_listed_beside_editions(client, tmp_path):
    meeting = write_meeting(tmp_path / "july.xlsx")
    assert upload(client, EXAMPLE.read_bytes(), "example.xlsx").status_code == 303
    response = upload(client, meeting.read_bytes(), "july.xlsx")
    assert response.status_code == 303 and response.headers["location"] == "/editions/2"
    stored = client.app.state.store.document(2)
    assert (stored.kind, stored.errors, stored.warnings) == ("meeting", 0, 0)
    assert stored.label == "Meeting notes of Tuesday 15 July 2025, 10am via MS Teams"
    listing = client.get("/").text
    assert "Board meeting" in listing and "15/07/2025" in listing and "15/07/2025 to" not in listing
    assert "example.xlsx" in listing  # the edition is still listed
    assert "Next meeting&#39;s workbook" in listing or "Next meeting's workbook" in listing
    findings = client.get("/editions/2")
    assert findings.status_code == 200 and "no problems" in findings.text.lower()
    preview = client.get("/editions/2/preview/edition.html")
    assert preview.status_code == 200 and "Actions noted" in preview.text


def test_a_meetings_findings_are_the_clis(client, tmp_path):
    from ..meeting_builders import valid_meeting

    content = valid_meeting()
    content["Actions"][2]["Owners"] = "ZZ"
    upload(client, write_meeting(tmp_path / "bad.xlsx", content).read_bytes(), "bad.xlsx")
    stored = client.app.state.store.document(1)
    assert stored.errors == 1 and stored.findings[0]["code"] == "owner-unknown"
    assert stored.findings[0]["cell"] == "E4"


def test_next_new_and_compare_for_meetings(client, tmp_path):
    old = write_meeting(tmp_path / "july.xlsx")
    new = tmp_path / "october.xlsx"
    roll_meeting_forward(old, new)
    upload(client, old.read_bytes(), "july.xlsx")
    upload(client, new.read_bytes(), "october.xlsx")
    described = client.get("/editions/1/next")
    assert described.status_code == 200 and "open actions carried forward" in described.text
    following = client.get("/editions/1/next.xlsx")
    assert following.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(following.content))
    assert "Meeting" in book.sheetnames
    blank = client.get("/new?kind=meeting")
    assert blank.status_code == 200 and "new-meeting.xlsx" in blank.headers["content-disposition"]
    assert "Actions" in openpyxl.load_workbook(io.BytesIO(blank.content)).sheetnames
    page = client.get("/editions/2/compare")
    assert page.status_code == 200 and "Actions closed since the last meeting" in page.text
    assert "report.docx" not in page.text
    report = client.get("/editions/2/compare/1/report.json")
    assert json.loads(report.content)["counts"]["unchanged"] == 3
    assert client.get("/editions/2/compare/1/report.html").status_code == 200
    assert client.get("/editions/2/compare/1/report.docx").status_code == 404


def test_importing_meeting_notes_gives_a_meeting_workbook(client, tmp_path):
    document = write_edition("docx", to_edition(load_meeting(write_meeting(tmp_path / "m.xlsx")).meeting))
    response = client.post("/import", data={"csrf": csrf(client)}, files={"document": ("notes.docx", document)})
    assert response.status_code == 200, response.text[:500]
    link = re.search(r'href="(/import/[^"]+\.xlsx)"', response.text).group(1)
    assert "Meeting" in openpyxl.load_workbook(io.BytesIO(client.get(link).content)).sheetnames
