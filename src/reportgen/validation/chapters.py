"""Rules about chapters: each is named once, holds commitments, and every Chapter cell finds one."""

from __future__ import annotations

from collections.abc import Iterator

from rapidfuzz import fuzz, process

from ..core.findings import Finding, error
from ..core.model import Edition, normalise_key
from .registry import Context, rule


@rule("chapter-duplicate")
def chapter_names(context: Context) -> Iterator[Finding]:
    """Two chapters with one Title or Number make every Chapter cell that names it ambiguous."""
    sheet = context.raw.sheet("Chapters")
    if sheet is None:
        return
    for column in ("Title", "Number"):
        first_row: dict[str, int] = {}
        for row in sheet.rows:
            typed = row.text(column)
            if not typed:
                continue
            key = normalise_key(typed)
            if key in first_row:
                yield error(
                    "chapter-duplicate",
                    f"chapter {column.lower()} '{typed}' is already used on row "
                    f"{first_row[key]}; each chapter needs its own {column.lower()}",
                    sheet.column_source(column, row.number),
                )
            else:
                first_row[key] = row.number


@rule("chapter-unknown")
def chapter_references(context: Context) -> Iterator[Finding]:
    """A Chapter cell must name a chapter on the Chapters sheet, or the row has nowhere to print."""
    edition = context.edition
    for commitment in edition.unplaced:
        if commitment.chapter:
            yield error("chapter-unknown", _unknown_message(edition, commitment.chapter), commitment.cell("Chapter"))
    for chart in edition.charts:
        if chart.chapter and edition.find_chapter(chart.chapter) is None:
            yield error(
                "chapter-unknown",
                _unknown_message(edition, chart.chapter, blank_allowed=True),
                chart.cells.get("chapter", chart.source),
            )


def _unknown_message(edition: Edition, typed: str, blank_allowed: bool = False) -> str:
    message = f"'{typed}' is not a chapter on the Chapters sheet; "
    suggestion = did_you_mean(edition, typed)
    if suggestion:
        message += f"did you mean '{suggestion}'? Otherwise type "
    elif edition.chapters:
        names = ", ".join(c.number or c.title for c in edition.chapters[:8])
        message += f"the chapters are {names}; type "
    else:
        message += "type "
    message += "a chapter's Number or its Title exactly"
    if blank_allowed:
        message += ", or leave it blank to place the chart in the closing Data section"
    return message


def did_you_mean(edition: Edition, typed: str) -> str | None:
    """The chapter Title or Number closest to what was typed, if any is close enough to suggest."""
    choices: dict[str, str] = {}
    for chapter in edition.chapters:
        choices.setdefault(normalise_key(chapter.title), chapter.title)
        if chapter.number:
            choices.setdefault(normalise_key(chapter.number), chapter.number)
    wanted = normalise_key(typed)
    # "Chapter 3", "Ch. 3", "3." all mean the chapter numbered 3.
    digits = wanted.removeprefix("chapter").removeprefix("ch.").removeprefix("ch").strip(" .")
    if digits and digits in choices and digits != wanted:
        return choices[digits]
    match = process.extractOne(wanted, list(choices), scorer=fuzz.WRatio, score_cutoff=75)
    if match is None or (len(match[0]) < 3 and match[0] != wanted):
        return None
    return choices[match[0]]


@rule("edition-no-commitments")
def edition_with_commitments(context: Context) -> Iterator[Finding]:
    """An edition is its commitments: without one, the build would publish a cover and nothing to report on."""
    if context.edition.commitments:
        return
    sheet = context.raw.sheet("Commitments")
    if sheet is None:
        return  # sheet-missing says what to do
    chapters = len(context.edition.chapters)
    why = (
        f"the {chapters} chapter{'s' if chapters != 1 else ''} on the Chapters sheet would print with nothing "
        "under them"
        if chapters
        else "the edition would print a cover and no chapters"
    )
    yield error(
        "edition-no-commitments",
        f"the edition has no commitments, so {why}; type one commitment a row "
        "on the Commitments sheet, starting at row 2, each with its ID, Chapter and Commitment",
        sheet.column_source("ID", 2),
    )


@rule("chapter-empty")
def chapters_with_commitments(context: Context) -> Iterator[Finding]:
    """A chapter with no commitments prints as a heading with nothing under it (often a misspelt Chapter cell)."""
    sheet = context.raw.sheet("Chapters")
    for chapter in context.edition.chapters:
        if chapter.commitments:
            continue
        place = sheet.column_source("Title", chapter.source.row) if sheet is not None else chapter.source
        yield error(
            "chapter-empty",
            f"chapter '{chapter.heading}' has no commitments; give commitments this "
            "chapter's Number or Title in their Chapter column, or delete the chapter",
            place,
        )
