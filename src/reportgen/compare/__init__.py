"""Edition comparison for reviewers: what changed between two editions, as text, JSON, HTML or DOCX.

Each report format is a module `report_<name>.py` here that registers a `ReportFormat` when it is
imported; `report_format(name)` imports only the one asked for, so a text report never imports
python-docx. A new report format is one new module.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
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
    "report_format",
    "report_names",
    "ReportFormat",
    "ReportOptions",
    "MATCH_BY",
    "Comparison",
    "Change",
    "Kind",
    "KINDS",
    "Segment",
    "TextDiff",
]

_REPORT_MODULE = "report_"


@dataclass(frozen=True)
class ReportOptions:
    colour: bool = False  # terminal colours; only the text report has any


@dataclass(frozen=True)
class ReportFormat:
    name: str  # what --format takes: "docx"
    suffix: str  # the report file's suffix: ".docx"
    binary: bool  # a file format: written with -o only, never printed
    render: Callable[[Comparison, ReportOptions], bytes]


_REPORTS: dict[str, ReportFormat] = {}


def register(report: ReportFormat) -> None:
    """Called by each report_<name> module when it is imported."""
    _REPORTS[report.name] = report


def report_format(name: str) -> ReportFormat:
    if name not in _REPORTS:
        if name not in report_names():
            raise ReportgenError(f"--format {name}: no such report; choose from {', '.join(report_names())}")
        importlib.import_module(f"{__name__}.{_REPORT_MODULE}{name}")  # registers it
    return _REPORTS[name]


def report_names() -> list[str]:
    """Every report format, by its module's name, without importing any."""
    return sorted(
        module.name.removeprefix(_REPORT_MODULE)
        for module in pkgutil.iter_modules(__path__)
        if module.name.startswith(_REPORT_MODULE)
    )


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
    return report_format(output_format).render(comparison, ReportOptions(colour=colour))
