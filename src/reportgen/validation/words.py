"""Words too long to be words: a paste without spaces, a file path, a run of one letter held down."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..core.findings import Finding, warning
from .registry import Context, rule
from .texts import published_texts

LONG_WORD_CHARACTERS = 60  # the longest English words in real updates are under 30; a web address may be longer
_WORD = re.compile(rf"\S{{{LONG_WORD_CHARACTERS + 1},}}")
# Addresses are long by nature and break at their slashes and dots; they are checked as links elsewhere.
_ADDRESS = re.compile(r"(?:[a-z][a-z0-9+.-]*://|www\.|mailto:)\S+|[^\s@]+@[^\s@]+\.[^\s@]+", re.IGNORECASE)
_SHOWN = 24


@rule("word-too-long")
def long_words(context: Context) -> Iterator[Finding]:
    """A word of more than 60 characters with no space that is not a web or e-mail address.

    It is published, but breaks across lines wherever the column ends, mid-letter; usually it is a
    paste accident (text without its spaces, an encoded string, a file path).
    """
    for item in published_texts(context):
        if len(item.text) <= LONG_WORD_CHARACTERS:
            continue
        words = [word for word in _WORD.findall(item.text) if not _ADDRESS.fullmatch(word.strip("()[]<>\"'.,;:!?"))]
        if not words:
            continue
        longest = max(words, key=len)
        shown = longest if len(longest) <= _SHOWN else longest[:_SHOWN] + "…"
        others = f" (and {len(words) - 1} more such word{'s' if len(words) > 2 else ''})" if len(words) > 1 else ""
        yield warning(
            "word-too-long",
            f"'{shown}' is one word of {len(longest):,} characters with no space{others}; "
            "it will be broken across lines wherever the column ends. Check it was not pasted by mistake, "
            "or add spaces where it can break",
            item.source,
        )
