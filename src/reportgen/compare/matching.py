"""Pairs old items with new ones: by ID first, then by identical text, then by text similarity."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Generic, TypeVar

from rapidfuzz import fuzz, process

from . import folding
from .model import Match

T = TypeVar("T")

# Below this similarity (0-100) two texts are not proposed as the same item.
THRESHOLD = 80.0
# Below this, two texts sharing an ID are checked for a better partner by text.
DOUBT = 60.0


@dataclass
class Pair(Generic[T]):
    old: T
    new: T
    match: Match


@dataclass
class Matching(Generic[T]):
    pairs: list[Pair[T]] = field(default_factory=list)
    removed: list[T] = field(default_factory=list)  # old items left unpaired, in old order
    added: list[T] = field(default_factory=list)  # new items left unpaired, in new order
    repaired: list[str] = field(default_factory=list)  # keys whose items were re-paired by text


@lru_cache(maxsize=8192)
def comparable(text: str) -> str:
    """Text reduced to its words for similarity: noise folded, case and bullets ignored."""
    return " ".join(folding.word_keys(folding.tokens(text))).casefold()


def match(
    old: Sequence[T],
    new: Sequence[T],
    *,
    key: Callable[[T], str | None] | None,
    text: Callable[[T], str],
    threshold: float = THRESHOLD,
    method: str = "id",
    doubt_below: float | None = DOUBT,
) -> Matching[T]:
    """Pair `old` and `new` items by `key` (skipped when None), then by `text`.

    Pairs found by text carry their similarity score, so a reviewer can judge them. A
    pair made by key whose texts are less than `doubt_below` alike is put back to be
    matched by text: when IDs were renumbered (an edition imported from Word, a row
    inserted before sequential IDs were typed) text finds the true partners. If text
    finds no better partner for either side, the pair stands.
    """
    result: Matching[T] = Matching()
    old_left = list(range(len(old)))
    new_left = list(range(len(new)))
    doubtful: list[tuple[int, int]] = []
    if key is not None:
        key_pairs, old_left, new_left = _by_key(old, new, key)
        for i, j in key_pairs:
            if doubt_below is not None and _unlike(text(old[i]), text(new[j]), doubt_below):
                doubtful.append((i, j))
            else:
                result.pairs.append(Pair(old[i], new[j], Match(method)))
        old_left = sorted(old_left + [i for i, _ in doubtful])
        new_left = sorted(new_left + [j for _, j in doubtful])
    old_texts = {i: comparable(text(old[i])) for i in old_left}
    new_texts = {j: comparable(text(new[j])) for j in new_left}
    old_left, new_left = _by_identical_text(old_left, new_left, old_texts, new_texts, old, new, result)
    old_left, new_left = _by_similarity(old_left, new_left, old_texts, new_texts, old, new, result, threshold)
    still_old, still_new = set(old_left), set(new_left)
    for i, j in doubtful:
        if i in still_old and j in still_new:
            result.pairs.append(Pair(old[i], new[j], Match(method)))
            still_old.discard(i)
            still_new.discard(j)
        else:
            result.repaired.append(key(new[j]) or key(old[i]) or "")
    result.removed = [old[i] for i in old_left if i in still_old]
    result.added = [new[j] for j in new_left if j in still_new]
    return result


def _unlike(old_text: str, new_text: str, doubt_below: float) -> bool:
    a, b = comparable(old_text), comparable(new_text)
    return bool(a and b) and fuzz.ratio(a, b) < doubt_below


def _by_key(old, new, key):
    index: dict[str, int] = {}
    for i, item in enumerate(old):
        value = _normal_key(key(item))
        if not value:
            continue
        index.setdefault(value, i)  # a repeated ID: the later rows are matched by text
    used_old: set[int] = set()
    seen_new: set[str] = set()
    pairs: list[tuple[int, int]] = []
    new_left = []
    for j, item in enumerate(new):
        value = _normal_key(key(item))
        if value and value in index and index[value] not in used_old and value not in seen_new:
            used_old.add(index[value])
            pairs.append((index[value], j))
        else:
            new_left.append(j)
        if value:
            seen_new.add(value)
    old_left = [i for i in range(len(old)) if i not in used_old]
    return pairs, old_left, new_left


def _normal_key(value: str | None) -> str:
    return " ".join(str(value).split()).casefold() if value else ""


def _by_identical_text(old_left, new_left, old_texts, new_texts, old, new, result):
    waiting: dict[str, list[int]] = {}
    for i in old_left:
        if old_texts[i]:
            waiting.setdefault(old_texts[i], []).append(i)
    used_old: set[int] = set()
    remaining_new = []
    for j in new_left:
        candidates = waiting.get(new_texts[j])
        if candidates:
            i = candidates.pop(0)
            used_old.add(i)
            result.pairs.append(Pair(old[i], new[j], Match("text", 100.0)))
        else:
            remaining_new.append(j)
    return [i for i in old_left if i not in used_old], remaining_new


def _by_similarity(old_left, new_left, old_texts, new_texts, old, new, result, threshold):
    olds = [i for i in old_left if old_texts[i]]
    news = [j for j in new_left if new_texts[j]]
    if not olds or not news:
        return old_left, new_left
    choices = [new_texts[j] for j in news]
    candidates = []
    for i in olds:
        for _text, score, b in process.extract(
            old_texts[i], choices, scorer=fuzz.ratio, score_cutoff=threshold, limit=None
        ):
            j = news[b]
            # Best score first; between equals, the pair nearest in document order.
            candidates.append((-float(score), abs(i / max(len(old), 1) - j / max(len(new), 1)), i, j))
    candidates.sort()
    used_old: set[int] = set()
    used_new: set[int] = set()
    for negative_score, _distance, i, j in candidates:
        if i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        result.pairs.append(Pair(old[i], new[j], Match("text", round(-negative_score, 1))))
    return [i for i in old_left if i not in used_old], [j for j in new_left if j not in used_new]
