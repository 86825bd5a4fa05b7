"""Plain English as information: Flesch reading ease and the longest sentences of a passage.

Shared by validation (an edition's updates), the meeting rules and the accessibility checks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .findings import Finding, Source, warning
from .wording import clip

# GOV.UK's guidance: keep sentences to about 25 words.
LONG_SENTENCE_WORDS = 25

_ABBREVIATIONS = frozenset(
    """
mr mrs ms dr prof st no nos vs etc e.g i.e cf approx dept govt inc ltd co fig ref para paras vol pp
""".split()
)
_URL = re.compile(r"\b(?:https?://|www\.)\S+", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z0-9\u00C0-\u024F]+(?:['’][A-Za-z]+)*")
_BOUNDARY = re.compile(r"([.!?…]+)([\"”’)\]]*)\s+(?=[\"“‘(\[]?[A-Z0-9£•])")
_BULLET = re.compile(r"^\s*[•\-*–]\s+")
_BANDS = (
    (90, "very easy"),
    (80, "easy"),
    (70, "fairly easy"),
    (60, "plain English"),
    (50, "fairly difficult"),
    (30, "difficult"),
    (float("-inf"), "very difficult"),
)


@dataclass(frozen=True)
class Readability:
    words: int
    sentences: int
    syllables: int
    reading_ease: float
    longest: tuple[str, ...]  # the longest sentences, longest first

    @property
    def band(self) -> str:
        return next(name for floor, name in _BANDS if self.reading_ease >= floor)

    def describe(self) -> str:
        text = (
            f"reading ease {self.reading_ease:.0f} ({self.band}); {self.sentences} "
            f"sentence{'s' if self.sentences != 1 else ''}, {self.words} word{'s' if self.words != 1 else ''}"
        )
        if self.longest:
            longest = self.longest[0]
            count = len(words(longest))
            advice = f" (aim for {LONG_SENTENCE_WORDS} or fewer)" if count > LONG_SENTENCE_WORDS else ""
            text += f"; longest sentence {count} word{'s' if count != 1 else ''}{advice}: “{clip(longest, 120)}”"
        return text


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def split_sentences(text: str) -> list[str]:
    """Sentences, with each line (a paragraph or list item) ending one; abbreviations and decimals kept whole."""
    sentences: list[str] = []
    # An address is read as one word ("link"), not as the dozen words its slashes and hyphens make.
    for line in _URL.sub("link", text).splitlines():
        line = _BULLET.sub("", line).strip()
        if not line:
            continue
        start = 0
        for match in _BOUNDARY.finditer(line):
            before = line[start : match.start()].split()
            last = before[-1].rstrip(".").lower() if before else ""
            if match.group(1) == "." and (last in _ABBREVIATIONS or len(last) == 1 and last.isalpha()):
                continue
            sentences.append(line[start : match.end(2)].strip())
            start = match.end()
        tail = line[start:].strip()
        if tail:
            sentences.append(tail)
    return [s for s in sentences if words(s)]


def count_syllables(word: str) -> int:
    """An estimate good enough for a reading-ease score: vowel groups, less silent endings."""
    word = word.lower().replace("’", "'")
    if word.isdigit():
        return max(1, len(word) - 1) if len(word) > 2 else 1
    word = re.sub(r"[^a-z]", "", word)
    if not word:
        return 1
    if len(word) <= 3:
        return 1
    word = re.sub(r"(?:[^laeiouy]es|[^laeiouytd]ed|[^laeiouy]e)$", lambda m: m.group(0)[0], word)
    word = re.sub(r"^y", "", word)
    groups = re.findall(r"[aeiouy]+", word)
    return max(1, len(groups))


def measure(text: str, longest: int = 3) -> Readability | None:
    """Flesch reading ease of `text` and its longest sentences; None when it has no words."""
    sentences = split_sentences(text)
    all_words = [w for s in sentences for w in words(s)]
    if not all_words:
        return None
    syllables = sum(count_syllables(w) for w in all_words)
    ease = 206.835 - 1.015 * (len(all_words) / len(sentences)) - 84.6 * (syllables / len(all_words))
    ranked = sorted(sentences, key=lambda s: len(words(s)), reverse=True)[:longest]
    return Readability(len(all_words), len(sentences), syllables, round(ease, 1), tuple(ranked))


def readability_findings(passages: Iterable[tuple[Source, str, str]]) -> list[Finding]:
    """One information finding (a warning, never an error) per passage: (place, what it is, text)."""
    findings = []
    for place, what, text in passages:
        result = measure(text)
        if result is None:
            continue
        findings.append(warning("readability", f"{what}: {result.describe()}", place))
    return findings
