"""Rules about {metric:ID} citations: each must name a figure on the Metrics sheet, in a known form."""

from __future__ import annotations

from collections.abc import Iterator

from rapidfuzz import fuzz, process

from ..core.findings import Finding, error
from .registry import Context, rule
from .texts import rich_texts

CITATION_FORMS = ("value", "share")


@rule("metric-unknown", "metric-form-unknown")
def metric_citations(context: Context) -> Iterator[Finding]:
    """A citation that names no metric, or asks for a form other than the value or the share, has nothing to print."""
    edition = context.edition
    known = [metric.id for metric in edition.metrics if metric.id]
    for item in rich_texts(context):
        for ref in item.rich.metric_refs():
            typed = ref.typed or f"{{metric:{ref.metric_id}}}"
            if not ref.metric_id or edition.metric(ref.metric_id) is None:
                yield error(
                    "metric-unknown",
                    f"{typed} cites '{ref.metric_id}', which is not an ID on the Metrics "
                    f"sheet; {_suggest(ref.metric_id, known)}",
                    item.source,
                )
            elif ref.form not in CITATION_FORMS:
                yield error(
                    "metric-form-unknown",
                    f"{typed} asks for '{ref.form}', which is not a citation form; "
                    f"write {{metric:{ref.metric_id}}} for the figure or {{metric:{ref.metric_id}:share}} "
                    "for a count's share of its total",
                    item.source,
                )


def _suggest(typed: str, known: list[str]) -> str:
    if not known:
        return "add the figure to the Metrics sheet, or remove the citation"
    match = (
        process.extractOne(typed, known, scorer=fuzz.WRatio, processor=str.casefold, score_cutoff=70) if typed else None
    )
    if match is not None:
        return f"did you mean {{metric:{match[0]}}}?"
    return "check the ID against the Metrics sheet, or add the figure there"
