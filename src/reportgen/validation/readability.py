"""Reading ease of each update (and narrative section), reported with --readability as information only."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from ..core.findings import Finding
from ..core.readability import readability_findings
from ..core.wording import metric_text
from .registry import Context, rule


@rule(
    "readability",
    describe={
        "readability": "Reading ease and the longest sentence of an update or narrative "
        "section (with --readability; information, never an error)"
    },
)
def reading_ease(context: Context) -> Iterator[Finding]:
    """Officers asked for plain English: each update's Flesch reading ease and its longest sentence."""
    if not context.options.readability:
        return
    edition = context.edition
    cite = partial(metric_text, edition)
    passages = []
    for commitment in edition.commitments:
        if not commitment.update.is_empty:
            passages.append(
                (commitment.cell("update"), f"the update of {commitment.id}", commitment.update.plain_text(cite))
            )
    for section in edition.narrative:
        if not section.body.is_empty:
            passages.append(
                (
                    section.cells.get("body", section.source),
                    f"narrative section '{section.heading}'",
                    section.body.plain_text(cite),
                )
            )
    yield from readability_findings(passages)
