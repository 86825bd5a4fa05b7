"""Compares two editions item by item: chapters and commitments here, the rest in sections.py."""

from __future__ import annotations

from collections import Counter

from ..core.model import Chapter, Commitment, Edition
from . import sections
from .citations import with_citations
from .diff import compare_plain, compare_rich
from .folding import _strip_bullets, display_text, fold, tokens, word_keys
from .matching import Pair, match
from .model import FORMATTING, KIND_ORDER, SAME, WORDS, Change, Comparison, EditionInfo, Match, TextMatch

MATCH_BY = ("id", "text")


def compare(old: Edition, new: Edition, *, match_by: str = "id", strict: bool = False) -> Comparison:
    """Everything a reviewer must see between `old` and `new`, most important first.

    `match_by="text"` ignores IDs and pairs items by the similarity of their text (for an
    edition imported from Word, or IDs re-typed); `strict` counts formatting-only changes.
    """
    if match_by not in MATCH_BY:
        raise ValueError(f"match_by must be one of {MATCH_BY}")
    comparison = Comparison(_info(old), _info(new), match_by, strict)
    changes: list[Change] = []
    changes += sections.edition_fields(old, new)
    chapter_map, chapter_changes = _chapters(old, new, match_by, strict, comparison)
    changes += chapter_changes
    changes += _commitments(old, new, chapter_map, match_by, strict, comparison)
    changes += sections.narrative(old, new, match_by, strict, comparison)
    changes += sections.metrics(old, new, match_by, comparison)
    changes = with_citations(changes, old, new)
    comparison.changes = sorted(changes, key=lambda c: (KIND_ORDER[c.kind], c.position))
    comparison.notes += _duplicate_notes(old, "previous") + _duplicate_notes(new, "new")
    return comparison


def _info(edition: Edition) -> EditionInfo:
    return EditionInfo(
        edition.file_name,
        edition.title,
        edition.edition,
        len(edition.commitments),
        len(edition.chapters),
        edition.language or "en-GB",
    )


def is_change(level: str, strict: bool) -> bool:
    return level == WORDS or (strict and level == FORMATTING)


def _duplicate_notes(edition: Edition, which: str) -> list[str]:
    counts = Counter(" ".join(c.id.split()).casefold() for c in edition.commitments if c.id.strip())
    repeated = sorted({c.id for c in edition.commitments if counts[" ".join(c.id.split()).casefold()] > 1})
    if not repeated:
        return []
    return [
        f"In the {which} edition the ID {', '.join(repeated)} is used more than once; only the first row with "
        "each ID was matched by ID, the others by text."
    ]


# --- chapters ---------------------------------------------------------------------------


def _chapters(old: Edition, new: Edition, match_by: str, strict: bool, comparison: Comparison):
    """Pair chapters by title, then by similar title, then by number; report what changed."""
    matching = match(
        old.chapters, new.chapters, key=lambda ch: ch.title, text=lambda ch: ch.title, method="title", doubt_below=None
    )
    # A chapter whose title was rewritten keeps its number: pair what is left by number.
    by_number: dict[str, Chapter] = {}
    for chapter in matching.removed:
        if _number(chapter):
            by_number.setdefault(_number(chapter), chapter)
    paired: set[int] = set()
    still_added = []
    for chapter in matching.added:
        partner = by_number.get(_number(chapter)) if _number(chapter) else None
        if partner is not None and id(partner) not in paired:
            paired.add(id(partner))
            matching.pairs.append(Pair(partner, chapter, Match("number")))
        else:
            still_added.append(chapter)
    matching.added = still_added
    matching.removed = [chapter for chapter in matching.removed if id(chapter) not in paired]
    chapter_map = {id(pair.old): pair.new for pair in matching.pairs}
    order = {id(ch): index for index, ch in enumerate(new.chapters)}
    old_order = {id(ch): index for index, ch in enumerate(old.chapters)}
    changes: list[Change] = []
    for pair in matching.pairs:
        changes += _chapter_pair(pair, (2, order[id(pair.new)], -1), strict, comparison)
    for chapter in matching.added:
        changes.append(
            Change(
                "added",
                "chapter",
                chapter.heading,
                chapter.heading,
                "Title",
                f"New chapter '{chapter.heading}'.",
                new=chapter.heading,
                source=chapter.source,
                position=(2, order[id(chapter)], -1),
            )
        )
    for chapter in matching.removed:
        changes.append(
            Change(
                "removed",
                "chapter",
                chapter.heading,
                chapter.heading,
                "Title",
                f"Chapter '{chapter.heading}' is no longer in the edition.",
                old=chapter.heading,
                old_source=chapter.source,
                position=(2, old_order[id(chapter)], -1),
            )
        )
    return chapter_map, changes


def _number(chapter: Chapter) -> str:
    return " ".join((chapter.number or "").split()).casefold()


def _chapter_pair(pair: Pair[Chapter], position, strict: bool, comparison: Comparison) -> list[Change]:
    old, new = pair.old, pair.new
    common = dict(
        item="chapter",
        id=new.heading,
        label=new.heading,
        source=new.source,
        old_source=old.source,
        match=pair.match,
        position=position,
    )
    changes = []
    if _number(old) != _number(new):
        changes.append(
            Change(
                "renumbered",
                field="Number",
                old=old.number,
                new=new.number,
                summary=f"Chapter renumbered from {old.number or '(no number)'} to {new.number or '(no number)'}.",
                **common,
            )
        )
    title = compare_plain(old.title, new.title)
    if title.level != SAME:
        kind = "text-changed" if is_change(title.level, strict) else "formatting-only"
        changes.append(
            Change(
                kind,
                field="Title",
                old=old.title,
                new=new.title,
                diff=title,
                summary="Chapter title changed.",
                **common,
            )
        )
    if pair.match.method == "text":
        comparison.text_matches.append(
            TextMatch(
                "chapter",
                old.heading,
                new.heading,
                old.heading,
                new.heading,
                pair.match.score or 0.0,
                pair.match.confidence or "",
            )
        )
    introduction = compare_rich(old.introduction, new.introduction)
    if introduction.level != SAME:
        kind = "text-changed" if is_change(introduction.level, strict) else "formatting-only"
        changes.append(
            Change(
                kind,
                field="Introduction",
                old=introduction.old,
                new=introduction.new,
                diff=introduction,
                summary="Chapter introduction changed.",
                **common,
            )
        )
    return changes


# --- commitments ------------------------------------------------------------------------


def _label(commitment: Commitment) -> str:
    return f"{commitment.ref} {commitment.id}".strip() if commitment.ref else commitment.id


def _chapter_heading(edition: Edition, commitment: Commitment) -> str:
    chapter = edition.find_chapter(commitment.chapter)
    return chapter.heading if chapter is not None else commitment.chapter


def _commitments(
    old: Edition, new: Edition, chapter_map, match_by: str, strict: bool, comparison: Comparison
) -> list[Change]:
    old_list, new_list = old.commitments, new.commitments
    matching = match(
        old_list,
        new_list,
        key=(lambda c: c.id) if match_by == "id" else None,
        text=lambda c: display_text(c.commitment),
    )
    if matching.repaired:
        comparison.notes.append(
            f"{len(matching.repaired)} commitment ID{'s' if len(matching.repaired) != 1 else ''} "
            f"({_listed(matching.repaired)}) pointed to quite different wording in the two editions, and "
            "closer wording was found under other IDs, so these were paired by text: the IDs may have been "
            "renumbered."
        )
    new_order = {id(c): index for index, c in enumerate(new_list)}
    old_order = {id(c): index for index, c in enumerate(old_list)}
    changes: list[Change] = []
    earlier = _earlier_updates(old_list, strict)
    for pair in matching.pairs:
        found = _commitment_pair(old, new, pair, chapter_map, strict, (3, new_order[id(pair.new)]), earlier)
        if not any(c.kind not in ("carried-over", "formatting-only") for c in found):
            comparison.unchanged_commitments += 1
        if pair.match.method == "text" and pair.old.id != pair.new.id:
            comparison.text_matches.append(
                TextMatch(
                    "commitment",
                    pair.old.id,
                    pair.new.id,
                    _label(pair.old),
                    _label(pair.new),
                    pair.match.score or 0.0,
                    pair.match.confidence or "",
                )
            )
        changes += found
    for commitment in matching.added:
        heading = _chapter_heading(new, commitment)
        changes.append(
            Change(
                "added",
                "commitment",
                commitment.id,
                _label(commitment),
                "Commitment",
                f"New commitment in '{heading}'.",
                new=display_text(commitment.commitment),
                ref=commitment.ref,
                chapter=heading,
                source=commitment.cell("Commitment"),
                position=(3, new_order[id(commitment)]),
            )
        )
        copied = _copied_from(commitment, None, earlier, strict)
        if copied is not None:
            changes.append(
                _carried_from_elsewhere(
                    commitment,
                    copied,
                    dict(
                        item="commitment",
                        id=commitment.id,
                        label=_label(commitment),
                        ref=commitment.ref,
                        chapter=heading,
                        position=(3, new_order[id(commitment)]),
                    ),
                )
            )
    for commitment in matching.removed:
        heading = _chapter_heading(old, commitment)
        changes.append(
            Change(
                "removed",
                "commitment",
                commitment.id,
                _label(commitment),
                "Commitment",
                f"No longer in the edition (was in '{heading}').",
                old=display_text(commitment.commitment),
                old_ref=commitment.ref,
                old_chapter=heading,
                old_source=commitment.cell("Commitment"),
                position=(3, old_order[id(commitment)]),
            )
        )
    return changes


def _commitment_pair(
    old_edition: Edition,
    new_edition: Edition,
    pair: Pair[Commitment],
    chapter_map,
    strict: bool,
    position,
    earlier: dict[str, Commitment],
) -> list[Change]:
    old, new = pair.old, pair.new
    old_heading, new_heading = _chapter_heading(old_edition, old), _chapter_heading(new_edition, new)
    common = dict(
        item="commitment",
        id=new.id,
        label=_label(new),
        old_id=old.id,
        ref=new.ref,
        old_ref=old.ref,
        chapter=new_heading,
        old_chapter=old_heading,
        match=pair.match,
        position=position,
    )
    changes: list[Change] = []
    if pair.match.method != "id" and old.id != new.id:
        score = pair.match.score or 0.0
        changes.append(
            Change(
                "id-changed",
                field="ID",
                old=old.id,
                new=new.id,
                source=new.cell("ID"),
                old_source=old.cell("ID"),
                summary=f"ID changed from {old.id or '(blank)'} to {new.id or '(blank)'}; matched "
                f"by the commitment's text ({score:.0f}% similar, "
                f"{pair.match.confidence}).",
                **common,
            )
        )
    old_chapter = old_edition.find_chapter(old.chapter)
    new_chapter = new_edition.find_chapter(new.chapter)
    mapped = chapter_map.get(id(old_chapter)) if old_chapter is not None else None
    if (mapped is not new_chapter) and not (
        old_chapter is None and new_chapter is None and _same_key(old.chapter, new.chapter)
    ):
        changes.append(
            Change(
                "moved",
                field="Chapter",
                old=old_heading,
                new=new_heading,
                source=new.cell("Chapter"),
                old_source=old.cell("Chapter"),
                summary=f"Moved from '{old_heading}' to '{new_heading}'.",
                **common,
            )
        )
    if not _same_key(old.ref, new.ref):
        changes.append(
            Change(
                "renumbered",
                field="Ref",
                old=old.ref,
                new=new.ref,
                source=new.cell("Ref"),
                old_source=old.cell("Ref"),
                summary=f"Renumbered from {old.ref or '(no number)'} to {new.ref or '(no number)'}.",
                **common,
            )
        )
    wording = compare_rich(old.commitment, new.commitment)
    if wording.level != SAME:
        kind = "boilerplate-changed" if is_change(wording.level, strict) else "formatting-only"
        summary = (
            "The commitment's wording changed."
            if wording.level == WORDS
            else f"Formatting of the commitment changed ({', '.join(wording.notes)})."
        )
        changes.append(
            Change(
                kind,
                field="Commitment",
                old=wording.old,
                new=wording.new,
                diff=wording,
                source=new.cell("Commitment"),
                old_source=old.cell("Commitment"),
                summary=summary,
                **common,
            )
        )
    changes += _update_change(old, new, strict, common, earlier)
    for column in ("Status", "Lead"):
        before, after = getattr(old, column.lower()), getattr(new, column.lower())
        if not _same_key(before, after):
            changes.append(
                Change(
                    "field-changed",
                    field=column,
                    old=before,
                    new=after,
                    source=new.cell(column),
                    old_source=old.cell(column),
                    summary=f"{column} changed from {before or '(blank)'} to {after or '(blank)'}.",
                    **common,
                )
            )
    return changes


def _update_change(
    old: Commitment, new: Commitment, strict: bool, common: dict, earlier: dict[str, Commitment]
) -> list[Change]:
    update = compare_rich(old.update, new.update)
    places = dict(source=new.cell("Update"), old_source=old.cell("Update"))
    if old.update.is_empty and new.update.is_empty:
        return []
    if not is_change(update.level, strict):
        summary = "Word for word the same update as in the previous edition."
        if update.level == FORMATTING:
            summary = (
                f"The same words as the previous edition's update; only the formatting differs "
                f"({', '.join(update.notes)})."
            )
        return [
            Change(
                "carried-over",
                field="Update",
                old=update.old,
                new=update.new,
                diff=update,
                summary=summary,
                **places,
                **common,
            )
        ]
    copied = _copied_from(new, old, earlier, strict)
    if copied is not None:
        return [_carried_from_elsewhere(new, copied, common)]
    if old.update.is_empty:
        summary = "An update was written; the previous edition had none."
    elif new.update.is_empty:
        summary = "The update is now empty."
    elif update.level == FORMATTING:
        summary = f"Only the formatting of the update changed ({', '.join(update.notes)})."
    else:
        summary = _counted(update.words_deleted, update.words_inserted)
    return [
        Change(
            "update-changed",
            field="Update",
            old=update.old,
            new=update.new,
            diff=update,
            summary=summary,
            **places,
            **common,
        )
    ]


# An update shorter than this ("Complete.", "No change.") is not called copied from another commitment.
_COPY_MIN_WORDS = 5


def _rough_key(commitment: Commitment) -> str | None:
    """A cheap key for an update's words: folded, bullets and spacing dropped. Equal words give equal keys;
    the rare equal key with different words is weeded out by `_same_words`."""
    text = fold(display_text(commitment.update))
    if len(text.split()) < _COPY_MIN_WORDS:
        return None
    return "".join(_strip_bullets(text).split()).replace("\u2026", "...")


def _same_words(a: Commitment, b: Commitment, strict: bool) -> bool:
    first, second = display_text(a.update), display_text(b.update)
    if strict:
        return first == second
    words = word_keys(tokens(first))
    return sum(1 for word in words if word[:1].isalnum()) >= _COPY_MIN_WORDS and words == word_keys(tokens(second))


def _earlier_updates(commitments: list[Commitment], strict: bool) -> dict[str, Commitment]:
    """Last edition's updates by their words, so an update copied from any commitment is caught."""
    earlier: dict[str, Commitment] = {}
    for commitment in commitments:
        key = _rough_key(commitment)
        if key is not None:
            earlier.setdefault(key, commitment)
    return earlier


def _copied_from(
    new: Commitment, own: Commitment | None, earlier: dict[str, Commitment], strict: bool
) -> Commitment | None:
    key = _rough_key(new)
    source = earlier.get(key) if key is not None else None
    if source is None or source is own or not _same_words(source, new, strict):
        return None
    return source


def _carried_from_elsewhere(new: Commitment, source: Commitment, common: dict) -> Change:
    diff = compare_rich(source.update, new.update)
    return Change(
        "carried-over",
        field="Update",
        old=diff.old,
        new=diff.new,
        diff=diff,
        source=new.cell("Update"),
        old_source=source.cell("Update"),
        summary=f"Word for word the same as the update of {_label(source)} in the previous edition "
        "(another commitment's update).",
        copied_from=_label(source),
        **common,
    )


def _counted(deleted: int, inserted: int) -> str:
    parts = [
        f"{n} word{'s' if n != 1 else ''} {verb}" for n, verb in ((deleted, "deleted"), (inserted, "inserted")) if n
    ]
    return (", ".join(parts) or "Punctuation changed") + "."


def _listed(names: list[str], limit: int = 8) -> str:
    shown = ", ".join(names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


def _same_key(a: str | None, b: str | None) -> bool:
    return " ".join((a or "").split()).casefold() == " ".join((b or "").split()).casefold()
