"""The example meeting: the committed workbook matches its script, is clean, and is fictional."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import openpyxl
import pytest

from reportgen.meeting.reader import load_meeting
from reportgen.meeting.rules import validate_meeting
from reportgen.validation import Options
from reportgen.workbook.reader import load

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "inputs" / "meeting-example.xlsx"
EDITION = ROOT / "inputs" / "example.xlsx"
SCRIPTS = ROOT / "scripts"
SEEDS = Path("/work/shared/seeds") if Path("/work/shared/seeds").is_dir() else ROOT.parent / "shared" / "seeds"


def _script(name: str):
    spec = importlib.util.spec_from_file_location(f"_meeting_{name}", SCRIPTS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(SCRIPTS))
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(SCRIPTS))
    return module


def _values(path: Path) -> dict[str, list[tuple]]:
    book = openpyxl.load_workbook(path)
    try:
        return {sheet.title: [tuple(row) for row in sheet.iter_rows(values_only=True)] for sheet in book.worksheets}
    finally:
        book.close()


@pytest.fixture(scope="module")
def loaded():
    return load_meeting(EXAMPLE)


def test_committed_meeting_example_matches_the_script(tmp_path):
    fresh = _script("make_meeting_example").make_meeting_example(tmp_path / "meeting.xlsx")
    committed, regenerated = _values(EXAMPLE), _values(fresh)
    assert list(committed) == list(regenerated)
    for name in regenerated:
        assert committed[name] == regenerated[name], (
            f"sheet {name} of inputs/meeting-example.xlsx is out of date: run scripts/make_meeting_example.py"
        )


def test_the_example_meeting_has_no_errors_and_no_warnings_even_against_the_plan(loaded):
    findings = validate_meeting(loaded, Options(plan=load(EDITION)))
    assert [f.as_text() for f in findings] == []
    assert any(action.commitment_ids for action in loaded.meeting.actions)  # --plan has something to check


def test_the_example_meeting_looks_like_a_real_one(loaded):
    meeting = loaded.meeting
    assert meeting.is_final
    assert len(meeting.people) >= 15
    kinds = {person.attendance for person in meeting.people}
    assert kinds == {"Co-chair", "Member", "Guest presenter", "Officer in attendance", "Apologies"}
    assert any(item.is_sub_item for item in meeting.agenda)
    assert meeting.earlier_actions and meeting.new_actions
    assert {a.status for a in meeting.earlier_actions} >= {"Done", "In progress", "Open"}
    assert any("/" in action.owners for action in meeting.actions)
    assert meeting.organisations and len(meeting.next_meetings) == 2


def test_the_example_meeting_names_no_real_body_and_copies_no_seed_sentence():
    content = _script("meeting_example_content").CONTENT
    words = repr(content)
    for real in ("Metropolitan", "MOPAC", "MPS", "London", "Met "):
        assert real not in words, real
    if not SEEDS.is_dir():
        pytest.skip("the seed edition (shared/seeds) is not on this machine")
    seeds = " ".join(
        re.findall(r"[a-z']+", " ".join(path.read_text(errors="replace") for path in SEEDS.glob("*.txt")).casefold())
    )
    tokens = re.findall(r"[a-z']+", words.casefold())
    copied = [" ".join(tokens[i : i + 8]) for i in range(len(tokens) - 8) if " ".join(tokens[i : i + 8]) in seeds]
    assert copied == []
