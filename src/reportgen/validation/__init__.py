"""Validation: every rule over the raw workbook and the model, all findings in one run."""

from __future__ import annotations

from collections.abc import Sequence

from ..core import schema
from ..core.findings import Finding, sort_findings
from ..workbook.reader import LoadedWorkbook

# Importing each module registers its rules (findings are sorted by place, code and message, so the order
# of registration does not show).
from . import (  # noqa: F401
    abbreviations,
    cells,
    chapters,
    citations,
    edition,
    glyphs,
    ids,
    links,
    metrics,  # figures and charts
    readability,  # reading ease, with --readability
    refs,
    structure,
    typed_text,  # review residue, typed HTML, overlong cells
    unchanged_updates,  # updates unchanged since reportgen next
    words,  # words too long to be words
    workbook_file,
    writers,  # what would publish wrongly or fail a writer
)
from .registry import CODES, RULES, Context, Options, Rule, run_rules

__all__ = ["validate", "Options", "CODES", "RULES"]


def validate(loaded: LoadedWorkbook, options: Options | None = None, more_rules: Sequence[Rule] = ()) -> list[Finding]:
    """All findings for a loaded workbook, sorted by sheet, row and column.

    `more_rules` come from the layers above, which validation does not import: the gates against
    `options.previous` (compare.gates.GATES), which meeting.kind.validate_edition hands over.
    """
    context = Context(loaded.raw, loaded.edition, options or Options())
    structural_errors = any(spec.required and loaded.raw.sheet(spec.name) is None for spec in schema.SHEETS)
    rules = [r for r in (*RULES, *more_rules) if not (r.needs_model and structural_errors)]
    return sort_findings(run_rules(context, rules), schema.SHEET_ORDER)
