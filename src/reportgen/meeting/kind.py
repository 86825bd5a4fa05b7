"""Which kind of workbook a file is, from its sheets, so the same commands serve editions and meetings.

The level that knows every kind: it validates either, with the comparison's gates for an edition
given a previous one, and assembles every finding code any of them may report (FINDING_CODES).
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from pathlib import Path

from ..compare.gates import GATES
from ..core.errors import ReportgenError
from ..core.findings import Finding
from ..validation import CODES, Options, validate
from ..workbook.reader import LoadedWorkbook, load
from ..workbook.safety import read_workbook_bytes
from .reader import load_meeting
from .rules import MEETING, validate_meeting

# Every code `validate` may report for either kind of workbook, each with its one-line description.
FINDING_CODES: dict[str, str] = {**MEETING.codes, **GATES.codes, **CODES}

_SHEET_NAME = re.compile(rb"<(?:\w+:)?sheet\b[^>]*?\bname=\"([^\"]*)\"")


def sheet_names(path: Path) -> list[str]:
    """The workbook's sheet names, read from its workbook part after the same safety checks as `load`."""
    data, _macros = read_workbook_bytes(Path(path))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            part = next((name for name in archive.namelist() if name.lower() == "xl/workbook.xml"), None)
            text = archive.read(part) if part else b""
    except (zipfile.BadZipFile, KeyError, OSError):
        return []  # load() reports the damage with its own message
    return [html.unescape(name.decode("utf-8", "replace")) for name in _SHEET_NAME.findall(text)]


def is_meeting_names(names: list[str]) -> bool:
    folded = {" ".join(name.split()).casefold() for name in names}
    return "meeting" in folded and "edition" not in folded


def workbook_kind(path: Path) -> str:
    """'meeting' for a workbook with a Meeting sheet and no Edition sheet; 'edition' for anything else."""
    return "meeting" if is_meeting_names(sheet_names(path)) else "edition"


def is_meeting(path: Path) -> bool:
    return workbook_kind(path) == "meeting"


def load_and_validate(path: Path, options=None):
    """Load and validate either kind of workbook: (loaded, findings). A loaded meeting has `.edition`, the
    document model the renderers read, as a loaded edition has."""
    options = options or Options()
    if is_meeting(path):
        if options.previous is not None or options.fail_on:
            raise ReportgenError(
                f"{path}: --previous and --fail-on compare editions; to compare two meetings' "
                "workbooks use reportgen compare OLD.xlsx NEW.xlsx"
            )
        plan = options.plan
        if plan is not None and plan.raw.sheet("Commitments") is None:
            raise ReportgenError(
                f"{plan.raw.path}: --plan needs the plan's edition workbook, with its Commitments "
                "sheet; this workbook has none"
            )
        loaded = load_meeting(path)
        return loaded, validate_meeting(loaded, options)
    if options.plan is not None:
        raise ReportgenError(
            f"{path}: --plan is for a meeting workbook (it checks the commitment IDs its actions "
            "name); this is an edition workbook"
        )
    loaded = load(path)
    return loaded, validate_edition(loaded, options)


def validate_edition(loaded: LoadedWorkbook, options: Options | None = None) -> list[Finding]:
    """Validation's findings for an edition workbook, with the gates against `options.previous` when given."""
    return validate(loaded, options, GATES.rules)
