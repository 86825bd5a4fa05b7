"""Pairs old items with new ones: by ID first, then by identical text, then by text similarity."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Generic, Sequence, TypeVar

from rapidfuzz import fuzz, process

from . import text as texts
from .model import Match

T = TypeVar("T")

# Below this similarity (0-100) two texts are not proposed as the same item.
THRESHOLD = 80.0


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


def comparable(text: str) -> str:
    """Text reduced to its words for similarity: noise folded, case and bullets ignored."""
    return " ".join(texts.word_keys(texts.tokens(text))).casefold()


def match(old: Sequence[T], new: Sequence[T], *, key: Callable[[T], str | None] | None,
          text: Callable[[T], str], threshold: float = THRESHOLD, method: str = "id") -> Matching[T]:
    """Pair `old` and `new` items by `key` (skipped when None), then by `text`.

    Pairs found by text carry their similarity score, so a reviewer can judge them.
    """
    result: Matching[T] = Matching()
    old_left = list(range(len(old)))
    new_left = list(range(len(new)))
    if key is not None:
        old_left, new_left = _by_key(old, new, key, method, result)
    old_texts = {i: comparable(text(old[i])) for i in old_left}
    new_texts = {j: comparable(text(new[j])) for j in new_left}
    old_left, new_left = _by_identical_text(old_left, new_left, old_texts, new_texts, old, new, result)
    old_left, new_left = _by_similarity(old_left, new_left, old_texts, new_texts, old, new, result, threshold)
    result.removed = [old[i] for i in old_left]
    result.added = [new[j] for j in new_left]
    return result


def _by_key(old, new, key, method, result):
    index: dict[str, int] = {}
    for i, item in enumerate(old):
        value = _normal_key(key(item))
        if not value:
            continue
        index.setdefault(value, i)  # a repeated ID: the later rows are matched by text
    used_old: set[int] = set()
    seen_new: set[str] = set()
    new_left = []
    for j, item in enumerate(new):
        value = _normal_key(key(item))
        if value and value in index and index[value] not in used_old and value not in seen_new:
            used_old.add(index[value])
            result.pairs.append(Pair(old[index[value]], item, Match(method)))
        else:
            new_left.append(j)
        if value:
            seen_new.add(value)
    old_left = [i for i in range(len(old)) if i not in used_old]
    return old_left, new_left


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
        for _text, score, b in process.extract(old_texts[i], choices, scorer=fuzz.ratio, score_cutoff=threshold,
                                               limit=None):
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
