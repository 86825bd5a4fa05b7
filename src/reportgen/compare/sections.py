"""Compares the Edition fields, narrative sections and metrics of two editions."""

from __future__ import annotations

import datetime as dt

from ..core.model import Edition, Metric, NarrativeSection
from ..core.wording import format_number, format_value, long_date
from .diff import compare_plain, compare_rich
from .folding import display_text
from .matching import match
from .model import FORMATTING, SAME, WORDS, Change, Comparison, TextMatch

EDITION_FIELDS = (
    ("Title", "title"),
    ("Edition", "edition"),
    ("Period start", "period_start"),
    ("Period end", "period_end"),
    ("Publication date", "publication_date"),
    ("Publisher", "publisher"),
    ("Status", "status"),
    ("Language", "language"),
    ("Author", "author"),
    ("Subject", "subject"),
    ("Keywords", "keywords"),
    ("Contact", "contact"),
)


def _is_change(level: str, strict: bool) -> bool:
    return level == WORDS or (strict and level == FORMATTING)


def show(value) -> str:
    """A field's value as a reader would write it: dates as 14 November 2025, nothing as (blank)."""
    if value is None or value == "":
        return "(blank)"
    if isinstance(value, dt.date):
        return long_date(value)
    if isinstance(value, float):
        return format_number(value, 0 if value.is_integer() else 2)
    return str(value)


def edition_fields(old: Edition, new: Edition) -> list[Change]:
    changes = []
    for index, (name, attribute) in enumerate(EDITION_FIELDS):
        before, after = getattr(old, attribute), getattr(new, attribute)
        if (before or None) == (after or None):
            continue
        diff = compare_plain(show(before), show(after)) if isinstance(before, str) and isinstance(after, str) else None
        changes.append(
            Change(
                "edition-changed",
                "edition",
                name,
                name,
                name,
                f"{name} changed from {show(before)} to {show(after)}.",
                old=show(before),
                new=show(after),
                diff=diff,
                source=new.field_source(name),
                old_source=old.field_source(name),
                position=(0, index),
            )
        )
    return changes


# --- narrative --------------------------------------------------------------------------


def _section_text(section: NarrativeSection) -> str:
    return f"{section.heading}\n{display_text(section.body)}"


def _position(edition: Edition, section: NarrativeSection) -> tuple[int, int]:
    index = next(i for i, s in enumerate(edition.narrative) if s is section)
    return (4 if section.after_chapters else 1, index)


def narrative(old: Edition, new: Edition, match_by: str, strict: bool, comparison: Comparison) -> list[Change]:
    matching = match(
        old.narrative, new.narrative, key=(lambda s: s.id) if match_by == "id" else None, text=_section_text
    )
    changes: list[Change] = []
    for pair in matching.pairs:
        before, after = pair.old, pair.new
        common = dict(
            item="narrative",
            id=after.id,
            label=after.heading or after.id,
            old_id=before.id,
            match=pair.match,
            position=_position(new, after),
        )
        if pair.match.method == "text" and before.id != after.id:
            score = pair.match.score or 0.0
            comparison.text_matches.append(
                TextMatch(
                    "narrative", before.id, after.id, before.heading, after.heading, score, pair.match.confidence or ""
                )
            )
            changes.append(
                Change(
                    "id-changed",
                    field="ID",
                    old=before.id,
                    new=after.id,
                    source=after.cells.get("id", after.source),
                    old_source=before.cells.get("id"),
                    summary=f"ID changed from {before.id or '(blank)'} to {after.id or '(blank)'}; "
                    f"matched by the section's text ({score:.0f}% similar, "
                    f"{pair.match.confidence}).",
                    **common,
                )
            )
        heading = compare_plain(before.heading, after.heading)
        if heading.level != SAME:
            changes.append(
                Change(
                    "text-changed" if _is_change(heading.level, strict) else "formatting-only",
                    field="Heading",
                    old=before.heading,
                    new=after.heading,
                    diff=heading,
                    source=after.cells.get("heading", after.source),
                    old_source=before.cells.get("heading"),
                    summary="Section heading changed.",
                    **common,
                )
            )
        body = compare_rich(before.body, after.body)
        if body.level != SAME:
            summary = (
                "Section text changed."
                if body.level == WORDS
                else f"Formatting of the section text changed ({', '.join(body.notes)})."
            )
            changes.append(
                Change(
                    "text-changed" if _is_change(body.level, strict) else "formatting-only",
                    field="Body",
                    old=body.old,
                    new=body.new,
                    diff=body,
                    source=after.cells.get("body", after.source),
                    old_source=before.cells.get("body"),
                    summary=summary,
                    **common,
                )
            )
        for column, attribute in (("Placement", "placement"), ("Level", "level")):
            was, now = getattr(before, attribute), getattr(after, attribute)
            if str(was).casefold() != str(now).casefold():
                changes.append(
                    Change(
                        "field-changed",
                        field=column,
                        old=str(was),
                        new=str(now),
                        source=after.cells.get(column.casefold(), after.source),
                        old_source=before.cells.get(column.casefold()),
                        summary=f"{column} changed from {was} to {now}.",
                        **common,
                    )
                )
    for section in matching.added:
        changes.append(
            Change(
                "added",
                "narrative",
                section.id,
                section.heading or section.id,
                "Body",
                f"New section '{section.heading}'.",
                new=display_text(section.body),
                source=section.cells.get("heading", section.source),
                position=_position(new, section),
            )
        )
    for section in matching.removed:
        changes.append(
            Change(
                "removed",
                "narrative",
                section.id,
                section.heading or section.id,
                "Body",
                f"Section '{section.heading}' is no longer in the edition.",
                old=display_text(section.body),
                old_source=section.cells.get("heading", section.source),
                position=_position(old, section),
            )
        )
    return changes


# --- metrics ----------------------------------------------------------------------------


def _metric_label(metric: Metric) -> str:
    label = metric.label or metric.id
    return f"{label} ({metric.category})" if metric.category else label


def _shown(metric: Metric) -> str:
    return "(blank)" if metric.value is None else format_value(metric.value, metric.unit)


def _typed_decimals(value: float) -> int:
    text = repr(float(value))
    return 0 if "e" in text or text.endswith(".0") else min(len(text.split(".")[1]), 2)


def difference(old: Metric, new: Metric) -> str | None:
    """New minus old in the metric's own unit: '+1.2 percentage points', '-120 (-0.4%)'."""
    if old.value is None or new.value is None or old.unit.casefold() != new.unit.casefold():
        return None
    delta = new.value - old.value
    sign = "+" if delta > 0 else "-" if delta < 0 else ""
    unit = new.unit.casefold()
    if unit == "percent":
        decimals = max(1, _typed_decimals(old.value), _typed_decimals(new.value))
        amount = format_number(abs(delta), decimals)
        return f"{sign}{amount} percentage point{'' if amount == format_number(1, decimals) else 's'}"
    text = sign + format_value(abs(delta), unit)
    if unit in ("count", "currency") and old.value:
        text += f" ({sign}{format_number(abs(delta) / abs(old.value) * 100, 1)}%)"
    return text


_METRIC_FIELDS = (
    ("Label", "label"),
    ("Unit", "unit"),
    ("Category", "category"),
    ("Of", "of"),
    ("As at", "as_at"),
    ("Chart", "chart"),
    ("Source", "source_note"),
)


def _citing(edition: Edition) -> dict[str, list[str]]:
    """Each cited metric ID (folded) -> where the edition cites it, in document order."""
    places: dict[str, list[str]] = {}

    def note(rich, where: str) -> None:
        for ref in rich.metric_refs():
            found = places.setdefault(ref.metric_id.casefold(), [])
            if where not in found:
                found.append(where)

    for section in edition.narrative:
        note(section.body, f"'{section.heading}'")
    for chapter in edition.chapters:
        note(chapter.introduction, f"the introduction to chapter {chapter.heading}")
    for commitment in edition.commitments:
        name = f"{commitment.ref} {commitment.id}".strip() if commitment.ref else commitment.id
        note(commitment.commitment, f"{name} (commitment)")
        note(commitment.update, f"{name} (update)")
    return places


def _cited_in(places: list[str]) -> str:
    shown = places[:6]
    text = ", ".join(shown[:-1]) + " and " + shown[-1] if len(shown) > 1 else shown[0]
    return text + (f" and {len(places) - 6} more" if len(places) > 6 else "")


def metrics(old: Edition, new: Edition, match_by: str, comparison: Comparison) -> list[Change]:
    matching = match(
        old.metrics,
        new.metrics,
        key=(lambda m: m.id) if match_by == "id" else None,
        text=lambda m: f"{m.label} {m.category or ''}",
    )
    new_order = {id(m): index for index, m in enumerate(new.metrics)}
    old_order = {id(m): index for index, m in enumerate(old.metrics)}
    changes: list[Change] = []
    citing = _citing(new) if new.metrics else {}
    for pair in matching.pairs:
        before, after = pair.old, pair.new
        if pair.match.method == "text" and before.id != after.id:
            comparison.text_matches.append(
                TextMatch(
                    "metric",
                    before.id,
                    after.id,
                    _metric_label(before),
                    _metric_label(after),
                    pair.match.score or 0.0,
                    pair.match.confidence or "",
                )
            )
        differing = [
            name
            for name, attribute in _METRIC_FIELDS
            if (getattr(before, attribute) or None) != (getattr(after, attribute) or None)
        ]
        value_changed = before.value != after.value
        if pair.match.method == "text" and before.id != after.id:
            differing.insert(0, "ID")
        if not value_changed and not differing:
            continue
        parts = []
        if value_changed:
            delta = difference(before, after)
            parts.append(f"value changed from {_shown(before)} to {_shown(after)}" + (f" ({delta})" if delta else ""))
        for name in differing:
            attribute = dict(_METRIC_FIELDS).get(name)
            was = before.id if name == "ID" else show(getattr(before, attribute))
            now = after.id if name == "ID" else show(getattr(after, attribute))
            parts.append(f"{name} changed from {was} to {now}")
        summary = "; ".join(parts)
        if value_changed and citing.get(after.id.casefold()):
            # The texts citing it now print the new figure, unchanged themselves or not.
            summary += f"; cited in {_cited_in(citing[after.id.casefold()])}"
        changes.append(
            Change(
                "metric-changed",
                "metric",
                after.id,
                _metric_label(after),
                "Value" if value_changed else differing[0],
                summary[0].upper() + summary[1:] + ".",
                old=_shown(before),
                new=_shown(after),
                old_id=before.id,
                source=after.cells.get("value" if value_changed else "id", after.source),
                old_source=before.cells.get("value" if value_changed else "id"),
                match=pair.match,
                difference=difference(before, after) if value_changed else None,
                position=(5, new_order[id(after)]),
            )
        )
    for metric in matching.added:
        changes.append(
            Change(
                "added",
                "metric",
                metric.id,
                _metric_label(metric),
                "Value",
                f"New metric: {_metric_label(metric)} = {_shown(metric)}.",
                new=_shown(metric),
                source=metric.cells.get("id", metric.source),
                position=(5, new_order[id(metric)]),
            )
        )
    for metric in matching.removed:
        changes.append(
            Change(
                "removed",
                "metric",
                metric.id,
                _metric_label(metric),
                "Value",
                f"Metric no longer in the edition: {_metric_label(metric)} (was {_shown(metric)}).",
                old=_shown(metric),
                old_source=metric.cells.get("id", metric.source),
                position=(5, old_order[id(metric)]),
            )
        )
    return changes
