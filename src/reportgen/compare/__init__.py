"""Edition comparison for reviewers: what changed between two editions, as text, JSON, HTML or DOCX."""

from __future__ import annotations

import importlib
from pathlib import Path

from ..core.errors import ReportgenError
from ..workbook.reader import LoadedWorkbook, load
from .engine import MATCH_BY, compare
from .model import KINDS, Change, Comparison, Kind, Segment, TextDiff

__all__ = [
    "compare",
    "compare_files",
    "load_edition",
    "render_report",
    "REPORT_FORMATS",
    "MATCH_BY",
    "Comparison",
    "Change",
    "Kind",
    "KINDS",
    "Segment",
    "TextDiff",
]

# format -> (module, file suffix, binary?)
REPORT_FORMATS: dict[str, tuple[str, str, bool]] = {
    "text": ("reportgen.compare.report_text", ".txt", False),
    "json": ("reportgen.compare.report_json", ".json", False),
    "html": ("reportgen.compare.report_html", ".html", False),
    "docx": ("reportgen.compare.report_docx", ".docx", True),
}


def load_edition(path: Path) -> LoadedWorkbook:
    """Load a workbook to compare; refuse one with no Commitments sheet, which is not an edition."""
    loaded = load(path)
    if loaded.raw.sheet("Commitments") is None:
        raise ReportgenError(f"{path}: has no Commitments sheet, so it is not an edition workbook to compare")
    return loaded


def compare_files(old: Path, new: Path, *, match_by: str = "id", strict: bool = False) -> Comparison:
    return compare(load_edition(old).edition, load_edition(new).edition, match_by=match_by, strict=strict)


def render_report(comparison: Comparison, output_format: str, *, colour: bool = False) -> bytes:
    """The report in `output_format`; `colour` adds terminal colours to the text format only."""
    module = importlib.import_module(REPORT_FORMATS[output_format][0])
    if output_format == "text":
        return module.render(comparison, colour=colour)
    return module.render(comparison)
