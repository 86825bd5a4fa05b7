"""Building meeting notes: the same pipeline, renderers and accessibility gates as an edition."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from click.testing import CliRunner

from reportgen.cli import cli
from reportgen.core.richtext import BulletList
from reportgen.meeting.document import to_edition
from reportgen.meeting.reader import load_meeting
from reportgen.outline.document import ChapterPart, NarrativePart, build_outline
from reportgen.pipeline.build import build

from ..meeting_builders import valid_meeting, write_meeting


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The valid meeting built once into all three formats, every check included."""
    folder = tmp_path_factory.mktemp("meeting-build")
    path = write_meeting(folder / "notes.xlsx")
    result = build(path, folder / "dist", ["docx", "pdf", "html"])
    return path, result


def outline_of(tmp_path, content=None):
    loaded = load_meeting(write_meeting(tmp_path / "m.xlsx", content))
    return build_outline(to_edition(loaded.meeting))


def test_the_notes_build_in_three_formats_with_no_findings(built):
    _path, result = built
    assert [f.as_text() for f in result.findings] == []
    assert [p.suffix for p in result.written] == [".docx", ".pdf", ".html"]


def test_the_title_and_meeting_line(tmp_path):
    outline = outline_of(tmp_path)
    assert outline.cover.title == "Fair Policing Oversight Board \u2014 Northfield Action Plan for Fairer Policing"
    assert outline.cover.edition == "Meeting notes of Tuesday 15 July 2025, 10am via MS Teams"
    assert outline.cover.draft  # a Draft is marked, as editions are


def test_a_final_meeting_is_not_marked_draft(tmp_path):
    content = valid_meeting()
    content["Meeting"]["Status"] = "Final"
    content["Meeting"]["Format"] = "Hybrid"
    content["Meeting"]["Where"] = "City Hall"
    outline = outline_of(tmp_path, content)
    assert not outline.cover.draft
    assert outline.cover.edition.endswith("10am at City Hall and online")


def test_headings_follow_the_notes_order(tmp_path):
    outline = outline_of(tmp_path)
    headings = [(h.level, h.text) for h in outline.headings]
    assert headings == [
        (1, "Attendance"),
        (2, "Co-chairs"),
        (2, "Members"),
        (2, "Guest presenters"),
        (2, "Officers in attendance"),
        (2, "Apologies"),
        (1, "1 Welcome and introductions"),
        (1, "2 Stop and search"),
        (2, "2a Vehicle stops review"),
        (1, "Actions noted"),
        (1, "Dates of next meetings"),
        (1, "Annex: action tracker"),
        (1, "Glossary"),
        (1, "Contact and publication details"),
    ]


def test_attendees_are_real_lists(tmp_path):
    outline = outline_of(tmp_path)
    co_chairs = next(p for p in outline.parts if p.heading.text == "Co-chairs")
    assert isinstance(co_chairs.body.blocks[0], BulletList)
    assert co_chairs.body.plain_text() == (
        "• Kemi Bassey (KB), Deputy Mayor's Office, on behalf of Deputy Mayor for Policing"
    )
    summary = next(p for p in outline.parts if p.heading.text == "Attendance")
    assert summary.body.plain_text() == "5 people attended; 1 sent apologies."


def test_each_new_action_is_shown_under_its_item_and_in_actions_noted(tmp_path):
    outline = outline_of(tmp_path)
    parts = {p.heading.text: p for p in outline.parts if isinstance(p, NarrativePart)}
    item = parts["2 Stop and search"].body.plain_text()
    assert "Presented by Colin Wray (CW)." in item
    assert "Action A-2025-07-01 (CW, due 31 August 2025): CW to share the stop and search figures" in item
    assert "A-2025-07-02" in parts["2a Vehicle stops review"].body.plain_text()
    noted = parts["Actions noted"].body.plain_text()
    assert (
        "A-2025-07-01: CW to share the stop and search figures with PG. (owner CW; due 31 August 2025; item 2; "
        "commitment C-001)"
    ) in noted
    assert "A-2025-07-02" in noted and "A-2025-04-01" not in noted


def test_the_tracker_lists_earlier_actions_with_its_own_headers(tmp_path):
    tracker = next(p for p in outline_of(tmp_path).parts if isinstance(p, ChapterPart))
    assert [c.header for c in tracker.table.columns] == ["Action", "Latest update"]
    # Owner and Status print as a line under the action, like Lead and Status under a commitment.
    assert [c.header for c in tracker.table.details] == ["Owner", "Status"]
    assert tracker.table.caption == "Action tracker: actions raised at earlier meetings"
    rows = tracker.table.rows
    assert [r.id for r in rows] == ["A-2025-04-01", "A-2025-04-02"]
    assert rows[0].lead == "NPS" and rows[0].status == "In progress"
    assert rows[0].details == (("Owner", "NPS"), ("Status", "In progress"))
    assert rows[0].commitment.plain_text().endswith("Raised 8 April 2025, item 3; due 30 September 2025.")
    assert rows[1].update.plain_text() == "Circulated on 2 May."


def test_an_overdue_action_is_marked_in_the_tracker(tmp_path):
    content = valid_meeting()
    content["Actions"][0]["Due"] = "2025-06-30"
    tracker = next(p for p in outline_of(tmp_path, content).parts if isinstance(p, ChapterPart))
    assert "due 30 June 2025 (overdue)." in tracker.table.rows[0].commitment.plain_text()


def test_no_earlier_actions_says_so(tmp_path):
    content = valid_meeting()
    content["Actions"] = content["Actions"][2:]
    tracker = next(p for p in outline_of(tmp_path, content).parts if isinstance(p, ChapterPart))
    assert tracker.table is None
    assert tracker.introduction.plain_text() == "No actions were open from earlier meetings."


def test_the_web_page_has_lists_headings_and_the_tracker_table(built):
    path, result = built
    page = next(p for p in result.written if p.suffix == ".html").read_text()
    assert '<h2 id="attendance">Attendance</h2>' in page
    assert "<li>Colin Wray (CW), Northfield Police Service</li>" in page
    assert '<h3 id="s-2a-vehicle-stops-review">2a Vehicle stops review</h3>' in page
    assert "<caption>Action tracker: actions raised at earlier meetings</caption>" in page
    assert 'class="draft"' in page


def test_the_word_document_has_headings_and_a_described_tracker(built):
    _path, result = built
    docx = next(p for p in result.written if p.suffix == ".docx").read_bytes()
    body = zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml").decode()
    headings = re.findall(r'<w:pStyle w:val="Heading(\d)"/>.*?<w:t[^>]*>([^<]*)</w:t>', body)
    assert ("1", "Actions noted") in headings and ("2", "2a Vehicle stops review") in headings
    assert "One row for each action raised at an earlier meeting" in body
    assert "One row for each commitment" not in body


def test_the_build_command_builds_a_meeting_and_refuses_one_with_errors(tmp_path):
    content = valid_meeting()
    content["Actions"][2]["Owners"] = "ZZ"
    bad = write_meeting(tmp_path / "bad.xlsx", content)
    runner = CliRunner()
    result = runner.invoke(cli, ["build", str(bad), "-o", str(tmp_path / "out"), "--only", "html"])
    assert result.exit_code == 1
    assert "owner-unknown" in result.output and not (tmp_path / "out").exists()
    previous = runner.invoke(cli, ["build", str(bad), "--previous", str(bad)])
    assert previous.exit_code == 2 and "reportgen compare" in previous.output


def test_the_same_meeting_builds_the_same_word_and_web_bytes(tmp_path):
    path = write_meeting(tmp_path / "m.xlsx")
    first = build(path, tmp_path / "a", ["docx", "html"], check_outputs=False)
    second = build(path, tmp_path / "b", ["docx", "html"], check_outputs=False)
    for one, two in zip(first.written, second.written):
        assert one.read_bytes() == two.read_bytes(), one.name


def test_the_same_meeting_builds_the_same_pdf_twice(built, tmp_path):
    path, result = built
    first = next(p for p in result.written if p.suffix == ".pdf").read_bytes()
    again = build(path, tmp_path / "again", ["pdf"], check_outputs=False)
    assert again.written[0].read_bytes() == first
