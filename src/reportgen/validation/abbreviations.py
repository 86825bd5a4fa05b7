"""The abbreviation rule: every abbreviation a reader meets is explained in the Glossary."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..core.findings import Finding, warning
from .registry import Context, rule
from .texts import published_texts

# Two to twelve capitals, optionally a plural s: MOPAC, BCU, BCUs (HMICFRS is seven; a longer
# run is a typed placeholder or a heading, not something to define). Letters or digits
# either side make it part of a longer token (a code or a word in capitals with digits).
_ABBREVIATION = re.compile(r"(?<![\w’'])([A-Z]{2,12})(s?)(?![\w])")
# Roman numerals as documents use them (part II, annex XIV), up to 89: DCI stays an abbreviation.
_ROMAN = re.compile(r"(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
# Capitals readers meet everywhere, and residue the review rule reports instead.
COMMON = frozenset({"UK", "OK", "TV", "AM", "PM", "TBC", "TBD", "TODO", "FIXME"})
# Ordinary words an officer types in capitals for emphasis ("this is NOT a target").
EMPHASIS = frozenset(
    {
        "NOT",
        "NO",
        "YES",
        "AND",
        "OR",
        "THE",
        "FOR",
        "ALL",
        "NEW",
        "NOW",
        "ONLY",
        "MUST",
        "WILL",
        "NEVER",
        "ALWAYS",
        "BEFORE",
        "AFTER",
        "IS",
        "ARE",
        "BE",
        "TO",
        "OF",
        "IN",
        "ON",
        "AT",
        "BY",
        "WE",
        "AN",
        "AS",
        "IF",
        "IT",
        "DO",
        "NOTE",
        "NB",
    }
)
_ADDRESSES = re.compile(r"\S+://\S+|www\.\S+|\S+@\S+|\{metric:[^{}]*\}")
# Three or more words in capitals in a row are a heading typed in capitals, not abbreviations.
_CAPITAL_WORD = r"[A-Z][A-Z’']*[A-Z]"
_SHOUTED = re.compile(rf"(?<![\w’']){_CAPITAL_WORD}(?:[^\w\n]+{_CAPITAL_WORD}){{2,}}(?![\w’'])")


def abbreviations_in(text: str) -> list[str]:
    """The abbreviations in `text`, singular, in order of first use."""
    if not _ABBREVIATION.search(text):
        return []
    if "://" in text or "www." in text or "@" in text or "{metric:" in text:
        text = _ADDRESSES.sub(" ", text)
    matches = list(_ABBREVIATION.finditer(text))
    # A run of capitals needs at least three capitalised words, so most texts skip the search.
    shouted = [match.span() for match in _SHOUTED.finditer(text)] if len(matches) >= 3 else []
    found: list[str] = []
    for match in matches:
        word = match.group(1)
        if _ROMAN.fullmatch(word) or word in COMMON or word in EMPHASIS or re.fullmatch(r"X+", word):
            continue
        if shouted and any(start <= match.start() < end for start, end in shouted):
            continue
        if word not in found:
            found.append(word)
    return found


def glossary_terms(context: Context) -> set[str]:
    """Every abbreviation the Glossary explains: its terms, and capitals within them ("MPS (the Met)")."""
    terms: set[str] = set()
    for entry in context.edition.glossary:
        term = " ".join(entry.term.split())
        terms.add(term.casefold())
        for match in _ABBREVIATION.finditer(term):
            terms.add(match.group(1).casefold())
        if term.endswith("s") and term[:-1].isupper():
            terms.add(term[:-1].casefold())
    return terms


@rule("abbreviation-undefined")
def abbreviations_defined(context: Context) -> Iterator[Finding]:
    """Readers outside the organisation cannot be expected to know its abbreviations; the Glossary explains them.

    Reported once per abbreviation, at the first cell that uses it.
    """
    defined = glossary_terms(context)
    uses: dict[str, list] = {}
    for item in published_texts(context):
        if item.glossary:
            continue
        for word in abbreviations_in(item.text):
            if word.casefold() not in defined:
                uses.setdefault(word, []).append(item)
    for word, items in uses.items():
        others = len(items) - 1
        where = f" (used in {others} more cell{'s' if others != 1 else ''} too)" if others else ""
        yield warning(
            "abbreviation-undefined",
            f"'{word}' is not in the Glossary{where}; add a Glossary row with Term {word} and what it stands for",
            items[0].source,
        )
