"""Word-level redlines: an optimal, symmetric word alignment, tidied so a reader sees whole phrases change."""

from __future__ import annotations

from rapidfuzz.distance import Indel

from ..core.richtext import RichText
from . import folding
from .model import FORMATTING, SAME, WORDS, Segment, TextDiff

# difflib's SequenceMatcher treats frequent words as junk on long texts (autojunk) and
# matches greedily; Indel's opcodes come from a longest common subsequence, which is
# optimal and does not depend on how often "the" occurs.


def compare_rich(old: RichText, new: RichText) -> TextDiff:
    """How `new` differs from `old`: same, formatting only, or in its words (with the redline)."""
    old_text, new_text = folding.display_text(old), folding.display_text(new)
    if folding.rich_equal(old, new) or (
        old_text == new_text
        and folding.links(old) == folding.links(new)
        and folding.emphasis(old) == folding.emphasis(new)
        and folding.layout(old) == folding.layout(new)
    ):
        return TextDiff(old_text, new_text, _whole(new_text), SAME)
    old_tokens, new_tokens = folding.tokens(old_text), folding.tokens(new_text)
    segments = word_diff(old_tokens, new_tokens)
    old_links, new_links = folding.links(old), folding.links(new)
    notes: list[str] = []
    if old_links != new_links:
        notes.extend(_link_notes(old_links, new_links))
    if folding.word_keys(old_tokens) == folding.word_keys(new_tokens) and old_links == new_links:
        return TextDiff(
            old_text, new_text, segments, FORMATTING, folding.formatting_notes(old, new, old_text, new_text)
        )
    return TextDiff(old_text, new_text, segments, WORDS, tuple(notes))


def compare_plain(old: str | None, new: str | None) -> TextDiff:
    """The same comparison for a plain one-line value such as a heading or a title."""
    old_text, new_text = folding.visible(old or ""), folding.visible(new or "")
    old_tokens, new_tokens = folding.tokens(old_text), folding.tokens(new_text)
    if old_text == new_text:
        return TextDiff(old_text, new_text, _whole(new_text), SAME)
    segments = word_diff(old_tokens, new_tokens)
    if folding.word_keys(old_tokens) == folding.word_keys(new_tokens):
        notes = folding.formatting_notes(RichText(()), RichText(()), old_text, new_text)
        return TextDiff(old_text, new_text, segments, FORMATTING, notes)
    return TextDiff(old_text, new_text, segments, WORDS)


def word_diff(old: list[folding.Token], new: list[folding.Token]) -> tuple[Segment, ...]:
    """Segments that rebuild both texts: equal and deleted ones give the old, equal and inserted the new."""
    old_keys = [t.key for t in old]
    new_keys = [t.key for t in new]
    # Ties between equally long alignments are broken by argument order; always aligning
    # in one canonical order makes diff(b, a) the exact mirror of diff(a, b).
    if old_keys <= new_keys:
        blocks = [
            (op.tag, op.src_start, op.src_end, op.dest_start, op.dest_end) for op in Indel.opcodes(old_keys, new_keys)
        ]
    else:
        blocks = [
            (_MIRROR[op.tag], op.dest_start, op.dest_end, op.src_start, op.src_end)
            for op in Indel.opcodes(new_keys, old_keys)
        ]
    runs = _runs(blocks)
    runs = _slide_right(runs, old_keys, new_keys)
    runs = _merge_small_equalities(runs, old, new)
    segments: list[Segment] = []
    for tag, a0, a1, b0, b1 in runs:
        if tag == "equal":
            segments.append(_segment("equal", new[b0:b1]))
        else:
            if a1 > a0:
                segments.append(_segment("delete", old[a0:a1]))
            if b1 > b0:
                segments.append(_segment("insert", new[b0:b1]))
    return tuple(segments)


_MIRROR = {"equal": "equal", "insert": "delete", "delete": "insert", "replace": "replace"}


def _runs(blocks) -> list[tuple[str, int, int, int, int]]:
    """Collapse adjacent inserts and deletes into one change run between equal runs."""
    runs: list[list] = []
    for tag, a0, a1, b0, b1 in blocks:
        kind = "equal" if tag == "equal" else "change"
        if runs and runs[-1][0] == kind:
            runs[-1][2], runs[-1][4] = a1, b1
        else:
            runs.append([kind, a0, a1, b0, b1])
    return [tuple(run) for run in runs]


def _slide_right(runs, old_keys: list[str], new_keys: list[str]):
    """Move each pure insertion or deletion as far right as it can go without changing either text.

    "January 2021[. A review follows]." and "January 2021. [A review follows.]" are both
    optimal; the second keeps sentences whole, as git's diff slides hunks to read best.
    """
    runs = [list(run) for run in runs]
    for index in range(1, len(runs) - 1):
        run, before, after = runs[index], runs[index - 1], runs[index + 1]
        if run[0] != "change" or before[0] != "equal" or after[0] != "equal":
            continue
        if run[1] == run[2]:  # insertion: new[b0:b1]
            keys, start, end = new_keys, 3, 4
        elif run[3] == run[4]:  # deletion: old[a0:a1]
            keys, start, end = old_keys, 1, 2
        else:
            continue
        while after[2] > after[1] and keys[run[start]] == keys[run[end]]:
            run[start] += 1
            run[end] += 1
            for part in (before, after):
                part[2 if part is before else 1] += 1
                part[4 if part is before else 3] += 1
            # the other side of the change is empty: it moves with the equalities around it
            other = (1, 2) if start == 3 else (3, 4)
            run[other[0]] += 1
            run[other[1]] += 1
    return [tuple(run) for run in runs if run[0] == "change" or run[2] > run[1]]


def _merge_small_equalities(runs, old, new):
    """Fold an equal run into the changes around it when it is no longer than either of them.

    The optimal alignment keeps every common "the" and "and", which shreds a rewritten
    sentence into confetti; this is diff-match-patch's semantic clean-up, on words.
    """
    old_at = _prefix_lengths(old)
    new_at = _prefix_lengths(new)

    def size(run, side) -> int:
        return old_at[run[2]] - old_at[run[1]] if side == "old" else new_at[run[4]] - new_at[run[3]]

    index = 1
    while index < len(runs) - 1:
        tag = runs[index][0]
        before, after = runs[index - 1], runs[index + 1]
        if tag == "equal" and before[0] == "change" and after[0] == "change":
            kept = size(runs[index], "old")
            if kept <= max(size(before, "old"), size(before, "new")) and kept <= max(
                size(after, "old"), size(after, "new")
            ):
                runs[index - 1 : index + 2] = [("change", before[1], after[2], before[3], after[4])]
                # The merged change is bigger, so the equality before it may now fold too.
                index = max(index - 2, 1)
                continue
        index += 1
    return runs


def _prefix_lengths(items: list[folding.Token]) -> list[int]:
    totals = [0]
    for token in items:
        totals.append(totals[-1] + len(token.key))
    return totals


def _segment(op: str, items: list[folding.Token]) -> Segment:
    body = "".join(t.text + t.space_after for t in items[:-1]) + items[-1].text
    return Segment(op, body, items[-1].space_after)


def _whole(text: str) -> tuple[Segment, ...]:
    return (Segment("equal", text),) if text else ()


def _link_notes(old_links, new_links) -> list[str]:
    notes = []
    old_targets = dict(old_links)
    for link_text, href in new_links:
        if link_text in old_targets and old_targets[link_text] != href:
            notes.append(f"link '{link_text}' now goes to {href} (was {old_targets[link_text]})")
    if not notes:
        removed = sorted({href for _, href in old_links} - {href for _, href in new_links})
        added = sorted({href for _, href in new_links} - {href for _, href in old_links})
        if removed:
            notes.append("link removed: " + ", ".join(removed))
        if added:
            notes.append("link added: " + ", ".join(added))
        if not removed and not added:
            notes.append("links changed")
    return notes
