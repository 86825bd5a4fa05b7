"""Validation: every rule over the raw workbook and the model, all findings in one run."""

from __future__ import annotations

from ..core import schema
from ..core.findings import Finding, sort_findings
from ..meeting import rules as _meeting_rules  # noqa: F401,E402  (registers the meeting workbook's codes in CODES)
from ..workbook.reader import LoadedWorkbook
from . import (  # noqa: F401  (likewise)  # noqa: F401  (what would publish wrongly or fail a writer)
    abbreviations,
    cells,
    chapters,
    citations,
    edition,
    glyphs,
    ids,
    links,
    metrics,  # noqa: F401  (figures and charts)
    previous,  # noqa: F401  (the --previous gates)
    readability,  # noqa: F401  (reading ease, with --readability)
    refs,
    rollover,  # noqa: F401  (updates unchanged since reportgen next)
    structure,  # noqa: F401  (registers its rules)
    text,
    words,  # noqa: F401  (words too long to be words)
    workbook_file,
    writers,
)
from .registry import CODES, RULES, Context, Options, run_rules

__all__ = ["validate", "Options", "CODES", "RULES"]


def validate(loaded: LoadedWorkbook, options: Options | None = None) -> list[Finding]:
    """All findings for a loaded workbook, sorted by sheet, row and column."""
    context = Context(loaded.raw, loaded.edition, options or Options())
    structural_errors = any(spec.required and loaded.raw.sheet(spec.name) is None for spec in schema.SHEETS)
    rules = [r for r in RULES if not (r.needs_model and structural_errors)]
    return sort_findings(run_rules(context, rules), schema.SHEET_ORDER)
