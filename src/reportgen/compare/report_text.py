"""The comparison as plain text for a terminal: markers readable without colour, colour only when asked."""

from __future__ import annotations

import click

from . import ReportFormat, register
from .citations import NEW, OLD, changed_notes, cited_note, printed
from .model import KINDS, Change, Comparison, TextDiff

# Changes shown on one line each; the others show their text or redline below the heading line.
_ONE_LINE = {"moved", "renumbered", "id-changed", "field-changed", "metric-changed", "edition-changed"}
DELETE_MARKERS = ("[-", "-]")
INSERT_MARKERS = ("{+", "+}")


def render(comparison: Comparison, colour: bool = False) -> bytes:
    return render_text(comparison, colour).encode("utf-8")


def render_text(comparison: Comparison, colour: bool = False) -> str:
    def style(text: str, **kwargs) -> str:
        return click.style(text, **kwargs) if colour else text

    lines: list[str] = []
    old, new = comparison.old, comparison.new
    lines.append(
        style(
            f"Changes from {old.edition or old.file} ({old.file}) to {new.edition or new.file} ({new.file})", bold=True
        )
    )
    if new.title:
        lines.append(new.title)
    lines.append("")
    lines += _summary(comparison, style)
    for note in comparison.notes:
        lines += ["", style("Note: ", bold=True) + note]
    if comparison.text_matches:
        lines += ["", style("Matched by text similarity (the IDs did not line up; check each pair)", bold=True)]
        for match in comparison.text_matches:
            lines.append(
                f"  {match.item} {match.old_label} -> {match.new_label}: {match.score:.0f}% similar "
                f"({match.confidence})"
            )
    for kind, changes in comparison.grouped():
        lines += ["", style(f"== {kind.title} ({len(changes)}) ==", bold=True), kind.explanation]
        for change in changes:
            lines += _change(change, style)
    return "\n".join(lines) + "\n"


def _summary(comparison: Comparison, style) -> list[str]:
    counts = comparison.counts()
    carried = counts["carried-over"]
    total = comparison.total_changes
    head = f"Summary: {total} change{'s' if total != 1 else ''}"
    if carried:
        head += f", {carried} update{'s' if carried != 1 else ''} carried over to confirm"
    lines = [style(head, bold=True)]
    width = max(len(kind.title) for kind in KINDS) + 2
    for kind in KINDS:
        if not counts[kind.code]:
            continue
        note = ""
        if kind.code == "carried-over":
            note = "  (confirm each)"
        elif kind.code == "formatting-only":
            note = "  (not counted; --strict counts them)"
        lines.append(f"  {kind.title.ljust(width, '.')} {counts[kind.code]}{note}")
    lines.append(f"  {'Commitments unchanged'.ljust(width, '.')} {comparison.unchanged_commitments}")
    if comparison.strict:
        lines.append("  (--strict: formatting-only differences are counted as changes)")
    lines.append(
        f"Deleted words are shown {DELETE_MARKERS[0]}like this{DELETE_MARKERS[1]}, inserted words "
        f"{INSERT_MARKERS[0]}like this{INSERT_MARKERS[1]}."
    )
    return lines


def _place(change: Change) -> str:
    if change.source is not None and change.source.sheet:
        return change.source.describe()
    if change.old_source is not None and change.old_source.sheet:
        return f"previous edition {change.old_source.describe()}"
    return ""


def _change(change: Change, style) -> list[str]:
    context = [change.label]
    if change.chapter and change.item == "commitment":
        context.append(change.chapter)
    elif change.old_chapter and change.item == "commitment":
        context.append(change.old_chapter)
    place = _place(change)
    if place:
        context.append(place)
    if change.kind in _ONE_LINE:
        return [f"  {' | '.join(context)}: {change.summary}"]
    lines = ["", "  " + style(" | ".join(context), bold=True), f"    {change.summary}"]
    if change.diff is not None:
        lines += _indent(redline(change.diff, style, change))
    elif change.new is not None and change.kind == "added":
        lines += _indent(printed(change.new, change, NEW))
    elif change.old is not None and change.kind == "removed":
        lines += _indent(printed(change.old, change, OLD))
    for note in change.diff.notes if change.diff is not None and change.diff.level == "words" else ():
        lines.append(f"    ({note})")
    for note in changed_notes(change):
        lines.append("    " + style("Cited figure changed: ", bold=True) + note)
    if change.citations:
        lines.append(f"    ({cited_note(change)})")
    return lines


def _indent(text: str) -> list[str]:
    return ["    " + line if line.strip() else "" for line in text.split("\n")]


def redline(diff: TextDiff, style=None, change: Change | None = None) -> str:
    """The redline in wdiff's markers, so deletions and insertions read without colour.

    With the `change` it belongs to, cited figures are printed as each edition prints them.
    """
    style = style or (lambda text, **kwargs: text)
    parts = []
    for segment in diff.segments:
        text = segment.text if change is None else printed(segment.text, change, OLD if segment.op == "delete" else NEW)
        if segment.op == "delete":
            parts.append(style(f"{DELETE_MARKERS[0]}{text}{DELETE_MARKERS[1]}", fg="red", strikethrough=True))
        elif segment.op == "insert":
            parts.append(style(f"{INSERT_MARKERS[0]}{text}{INSERT_MARKERS[1]}", fg="green", underline=True))
        else:
            parts.append(text)
        parts.append(segment.space_after)
    return "".join(parts)


register(ReportFormat("text", ".txt", False, lambda comparison, options: render(comparison, options.colour)))
