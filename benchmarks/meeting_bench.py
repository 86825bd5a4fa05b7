"""Times a board meeting of 60 people and 200 actions: `load` + `validate`, and `build` per page beside an edition.

Run with `.venv/bin/python benchmarks/meeting_bench.py [--people 60] [--actions 200] [--runs 5] [--no-build]`.

Targets (issue 15): validating the meeting takes under 1 s; building it takes about the same time per page
as building an edition. Validation is timed in-process (median wall and CPU time of several warm runs); the
builds are the whole `reportgen build` command, checks included, on the generated meeting and on the
example edition, each divided by its PDF's page count. Exits 1 when the validation target is missed, or when
the meeting's build takes more than 1.25 times the edition's time per page.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

VALIDATE_TARGET = 1.0
PER_PAGE_TOLERANCE = 1.25  # "about the same": within a quarter of the edition's time per page
ORGANISATIONS = (
    "Police Service",
    "Courts Service",
    "Probation Service",
    "Youth Justice Service",
    "Office for Complaints",
    "Officers' Network",
    "Community Reference Group",
    "Policing Office",
)
KINDS = ("Member",) * 6 + ("Officer in attendance", "Guest presenter", "Apologies")
STATUSES = ("Open", "In progress", "Done", "Dropped")


def _initials(index: int) -> str:
    letters = "ABCDEFGHJKLMNPRSTW"
    return (
        letters[index % len(letters)]
        + letters[(index // len(letters)) % len(letters)]
        + ("" if index < len(letters) ** 2 else str(index))
    )


def meeting_content(people: int, actions: int) -> dict:
    from meeting_builders import valid_meeting

    content = valid_meeting()
    date = content["Meeting"]["Date"]
    content["People"] = [
        {
            "Name": f"Person {index} Surname{index}",
            "Initials": _initials(index),
            "Organisation or role": f"Northfield {ORGANISATIONS[index % len(ORGANISATIONS)]}",
            "Attendance": "Co-chair" if index < 2 else KINDS[index % len(KINDS)],
        }
        for index in range(people)
    ]
    agenda = []
    for number in range(1, 13):
        presenter = _initials(number)
        agenda.append(
            {
                "Item": str(number),
                "Title": f"Agenda item {number} on the plan's progress",
                "Presenter": presenter,
                "Notes": f"{presenter} presented the quarter's progress on this part of the plan. Members "
                f"discussed the figures and the next steps.\n\nQuestions\n\n"
                f"- {_initials(number + 3)} asked how the findings would be shared.\n"
                f"- {_initials(number + 5)} asked when the next review would report.",
            }
        )
    content["Agenda"] = agenda
    rows = []
    for index in range(actions):
        raised_here = index >= actions - 20
        owner = _initials(index % people)
        status = "Open" if raised_here else STATUSES[index % len(STATUSES)]
        rows.append(
            {
                "ID": f"A-{index + 1:04d}",
                "Raised": None if raised_here else date - dt.timedelta(days=91 * (1 + index % 4)),
                "Item": str(1 + index % 12),
                "Action": f"{owner} to report back to the board on item {1 + index % 12} "
                f"with the figures for the quarter and the plan for the next one.",
                "Owners": owner if index % 5 else f"{owner}/{_initials((index + 1) % people)}",
                "Due": date + dt.timedelta(days=index % 60 - 10),
                "Status": status,  # a few overdue
                "Update": ""
                if status == "Open"
                else f"{owner} reported that the work is under way and that the first "
                "figures have been shared with the secretariat.",
                "Commitments": f"C-00{1 + index % 4}",
            }
        )
    content["Actions"] = rows
    return content


def time_validation(path: Path, runs: int) -> tuple[list[float], list[float], int]:
    from reportgen.meeting.reader import load_meeting
    from reportgen.meeting.rules import validate_meeting

    validate_meeting(load_meeting(path))  # warm: imports and compiled patterns
    walls, cpus, findings = [], [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        findings = validate_meeting(load_meeting(path))
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return walls, cpus, len(findings)


def time_build(workbook: Path, out: Path) -> tuple[float, float, int]:
    """The whole command, checks included: wall seconds, CPU seconds of the command and its children, pages."""
    import resource

    from pypdf import PdfReader

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(
        [str(Path(sys.executable).parent / "reportgen"), "build", str(workbook), "-o", str(out), "--format", "json"],
        check=True,
        capture_output=True,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    pages = len(PdfReader(out / f"{workbook.stem}.pdf").pages)
    return wall, cpu, pages


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=60)
    parser.add_argument("--actions", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-build", action="store_true", help="time validation only")
    options = parser.parse_args()

    from meeting_builders import write_meeting

    failed = False
    with tempfile.TemporaryDirectory() as folder:
        path = write_meeting(Path(folder) / "meeting.xlsx", meeting_content(options.people, options.actions))
        walls, cpus, found = time_validation(path, options.runs)
        median = statistics.median(walls)
        met = median < VALIDATE_TARGET
        failed |= not met
        print(
            f"load + validate, {options.people} people and {options.actions} actions ({found} findings): "
            f"median {median:.3f} s wall, {statistics.median(cpus):.3f} s CPU over {options.runs} runs "
            f"(min {min(walls):.3f} s, max {max(walls):.3f} s): target < {VALIDATE_TARGET:.0f} s "
            f"{'met' if met else 'MISSED'}"
        )
        if options.no_build:
            return 1 if failed else 0
        meeting_wall, meeting_cpu, meeting_pages = time_build(path, Path(folder) / "meeting-out")
        edition_wall, edition_cpu, edition_pages = time_build(
            ROOT / "inputs" / "example.xlsx", Path(folder) / "edition-out"
        )
        meeting_rate, edition_rate = meeting_cpu / meeting_pages, edition_cpu / edition_pages
        ratio = meeting_rate / edition_rate
        met = ratio <= PER_PAGE_TOLERANCE
        failed |= not met
        print(
            f"build, meeting: {meeting_wall:.1f} s wall, {meeting_cpu:.1f} s CPU, {meeting_pages} pages, "
            f"{meeting_rate:.3f} s CPU a page"
        )
        print(
            f"build, example edition: {edition_wall:.1f} s wall, {edition_cpu:.1f} s CPU, {edition_pages} pages, "
            f"{edition_rate:.3f} s CPU a page"
        )
        print(
            f"time per page, meeting / edition: {ratio:.2f} (CPU; wall {meeting_wall / meeting_pages:.3f} against "
            f"{edition_wall / edition_pages:.3f} s a page): target <= {PER_PAGE_TOLERANCE} "
            f"{'met' if met else 'MISSED'}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
