"""Cited figures in the comparison: each `{metric:ID}` printed as each edition prints it.

The texts are compared as typed, so an update that cites the same metric in the same words is
carried over even when the figure moved on; what a reader of each edition sees is the figure,
so every report prints that, keeps the metric's ID at hand (an HTML title, a note in Word and
text), and names a figure that changed beside each text citing it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator

from ..core.model import Edition
from ..core.richtext import MetricRef
from ..core.wording import metric_text
from ..markup.parse import METRIC_PATTERN
from .model import Change, Citation
from .sections import difference

# Which edition's figures a piece of text shows: deleted words the old one's, the rest the new one's.
OLD, NEW = "old", "new"


def key(typed: str) -> tuple[str, str] | None:
    """(ID folded, form) of a citation as typed, parsed as the workbook reader parses it."""
    match = METRIC_PATTERN.fullmatch(typed)
    if match is None:
        return None
    parts = match.group(1).split(":")
    return parts[0].strip().casefold(), ":".join(parts[1:]).strip().casefold() or "value"


def with_citations(changes: Iterable[Change], old: Edition, new: Edition) -> list[Change]:
    """Each change that quotes text, with the figures its text cites in both editions."""
    found: dict[tuple[str, str], Citation | None] = {}
    result = []
    for change in changes:
        typed = list(dict.fromkeys(_typed(change)))
        if not typed or change.item == "metric":
            result.append(change)
            continue
        citations = []
        for text in typed:
            citation_key = key(text)
            if citation_key is None:
                continue
            if citation_key not in found:
                found[citation_key] = _citation(citation_key, text, old, new)
            citation = found[citation_key]
            if citation is not None and citation not in citations:
                citations.append(citation)
        result.append(dataclasses.replace(change, citations=tuple(citations)) if citations else change)
    return result


def _typed(change: Change) -> Iterator[str]:
    texts = [change.old, change.new]
    if change.diff is not None:
        texts += [change.diff.old, change.diff.new]
    for text in texts:
        if text and "{metric:" in text:
            yield from (m.group(0) for m in METRIC_PATTERN.finditer(text))


def _citation(citation_key: tuple[str, str], typed: str, old: Edition, new: Edition) -> Citation | None:
    metric_id, form = citation_key
    before, after = old.metric(metric_id), new.metric(metric_id)
    known = after or before
    if known is None:
        return None
    reference = MetricRef(known.id, form, typed)

    def printed(edition: Edition, metric) -> str | None:
        if metric is None or metric.value is None:
            return None
        text = metric_text(edition, reference)
        return None if text == typed else text

    was, now = printed(old, before), printed(new, after)
    delta = (
        difference(before, after)
        if before is not None and after is not None and form == "value" and was != now
        else None
    )
    label = known.label or known.id
    if known.category:
        label = f"{label} ({known.category})"
    return Citation(known.id, form, label, was, now, delta)


def pieces(text: str, change: Change, side: str) -> list[tuple[str, Citation | None]]:
    """The text cut into plain runs and cited figures, each figure as `side`'s edition prints it.

    A citation neither edition can print stays as typed.
    """
    if "{metric:" not in text or not change.citations:
        return [(text, None)]
    by_key = {(c.metric_id.casefold(), c.form): c for c in change.citations}
    result: list[tuple[str, Citation | None]] = []
    position = 0
    for match in METRIC_PATTERN.finditer(text):
        citation = by_key.get(key(match.group(0)) or ("", ""))
        shown = citation.printed(side) if citation is not None else None
        if shown is None:
            continue
        if match.start() > position:
            result.append((text[position : match.start()], None))
        result.append((shown, citation))
        position = match.end()
    if position < len(text):
        result.append((text[position:], None))
    return result


def printed(text: str | None, change: Change, side: str) -> str | None:
    """The text with each cited figure as `side`'s edition prints it."""
    if text is None:
        return None
    return "".join(piece for piece, _ in pieces(text, change, side))


def cited_note(change: Change) -> str:
    """'Figures cited: 32,920 (OFFICERS, Police officers); ...', naming each figure's metric."""
    if not change.citations:
        return ""
    items = []
    for citation in change.citations:
        shown = citation.new if citation.new is not None else citation.old
        items.append(f"{shown} is {citation.reference} ({citation.label})")
    return "Figures cited: " + "; ".join(items) + "."


def changed_notes(change: Change) -> list[str]:
    """One sentence for each cited figure whose printed value differs between the editions."""
    notes = []
    for citation in change.citations:
        if citation.old is not None and citation.new is not None and citation.old != citation.new:
            delta = f" ({citation.difference})" if citation.difference else ""
            notes.append(
                f"{citation.label} ({citation.reference}) changed from {citation.old} to "
                f"{citation.new}{delta} since the previous edition, so this text now prints "
                f"{citation.new}."
            )
        elif citation.new is None and citation.old is not None:
            notes.append(f"{citation.label} ({citation.reference}) is no longer in the new edition's Metrics sheet.")
    return notes
