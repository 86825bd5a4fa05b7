"""Rules about Refs, the numbers printed beside commitments: they follow their chapter, in order."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..core.findings import Finding, error
from ..core.model import Commitment, normalise_key
from .registry import Context, rule

_NUMBER_TYPED_HINT = (
    " (the Ref was typed as a number, so Excel may have turned 1.10 into 1.1: format the Ref "
    "column as Text and type the Refs again)"
)


def ref_key(ref: str) -> tuple:
    """A sort key comparing dotted parts as numbers where they are numbers: 1.2 < 1.2a < 1.9 < 1.10 < 2.1."""
    key = []
    for part in ref.strip().strip(".").split("."):
        match = re.match(r"(\d+)(.*)", part.strip())
        key.append((0, int(match[1]), match[2].casefold()) if match else (1, 0, part.casefold()))
    return tuple(key)


def _commitments_in_rows(context: Context) -> list[Commitment]:
    return sorted(context.edition.commitments, key=lambda c: c.source.row or 0)


def _hint(context: Context, commitment: Commitment) -> str:
    """Advice for a Ref typed as a number, whose trailing zeros Excel drops."""
    if "numeric_ref_rows" not in context.cache:
        sheet = context.raw.sheet("Commitments")
        context.cache["numeric_ref_rows"] = {
            row.number
            for row in (sheet.rows if sheet is not None else [])
            if row.get("Ref") is not None and isinstance(row.get("Ref").value, (int, float))
        }
    return _NUMBER_TYPED_HINT if commitment.source.row in context.cache["numeric_ref_rows"] else ""


@rule("ref-chapter-mismatch")
def refs_match_chapters(context: Context) -> Iterator[Finding]:
    """A Ref starts with its chapter's number (1.3 in chapter 1), or readers are sent to the wrong chapter."""
    edition = context.edition
    for commitment in _commitments_in_rows(context):
        chapter = edition.find_chapter(commitment.chapter)
        if not commitment.ref or chapter is None or not chapter.number:
            continue
        number = normalise_key(chapter.number).strip(".").split(".")
        parts = commitment.ref.strip().strip(".").split(".")
        if [p.casefold() for p in parts[: len(number)]] == number and len(parts) > len(number):
            continue
        hint = _hint(context, commitment)
        yield error(
            "ref-chapter-mismatch",
            f"Ref {commitment.ref} is in chapter {chapter.number} "
            f"('{chapter.title}') but does not start with {chapter.number}.; number it "
            f"{chapter.number}.1, {chapter.number}.2 and so on, or correct the Chapter{hint}",
            commitment.cell("Ref"),
        )


@rule("ref-not-adjacent", "ref-order")
def ref_sequence(context: Context) -> Iterator[Finding]:
    """Rows sharing a Ref print as one item, so they must be next to each other; Refs must not go backwards."""
    edition = context.edition
    first_row: dict[str, int] = {}
    previous_ref: str | None = None
    last_in_chapter: dict[int, Commitment] = {}
    for commitment in _commitments_in_rows(context):
        ref = commitment.ref.strip() if commitment.ref else None
        if ref is None:
            previous_ref = None
            continue
        key = ref.casefold()
        if key in first_row and previous_ref != key:
            yield error(
                "ref-not-adjacent",
                f"Ref {ref} is also used on row {first_row[key]}, but rows sharing a Ref "
                f"must be next to each other; move this row under row {first_row[key]}'s group, or give it "
                f"its own Ref{_hint(context, commitment)}",
                commitment.cell("Ref"),
            )
        else:
            chapter = edition.find_chapter(commitment.chapter)
            earlier = last_in_chapter.get(id(chapter)) if chapter is not None else None
            if earlier is not None and earlier.ref and ref_key(ref) < ref_key(earlier.ref):
                yield error(
                    "ref-order",
                    f"Ref {ref} comes after {earlier.ref} (row {earlier.source.row}) in "
                    f"chapter {chapter.number or chapter.title}; put the rows in Ref order, or correct the "
                    f"Ref{_hint(context, commitment)}",
                    commitment.cell("Ref"),
                )
            if chapter is not None:
                last_in_chapter[id(chapter)] = commitment
        first_row.setdefault(key, commitment.source.row or 0)
        previous_ref = key
