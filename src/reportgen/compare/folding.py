"""Rich text as comparable word tokens, with the typing noise (quotes, dashes, bullets, spacing) folded away."""

from __future__ import annotations

import re
from typing import NamedTuple

from ..core.richtext import BulletList, ListItem, Paragraph, RichText, Text

# One character for one character, so token offsets found in the folded text are valid
# in the text as typed: what a reader sees is shown, what it means is compared.
_QUOTES = "\u2018\u2019\u201a\u201b\u2032\u0060\u00b4"
_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_SPACES = "\u00a0\u2007\u202f\u2009\u200a\u2002\u2003\u2028\u2029\t\r\f\v"
BULLETS = frozenset("•▪●◦‣∙·*")

_FOLD_QUOTES = str.maketrans({**{c: "'" for c in _QUOTES}, **{c: '"' for c in _DOUBLE_QUOTES}})
_FOLD_DASHES = str.maketrans({c: "-" for c in _DASHES})
_FOLD_SPACES = str.maketrans({c: (" " if c not in "\u2028\u2029\r" else "\n") for c in _SPACES})
_FOLD_ALL = str.maketrans(
    {
        **{c: "'" for c in _QUOTES},
        **{c: '"' for c in _DOUBLE_QUOTES},
        **{c: "-" for c in _DASHES},
        **{c: (" " if c not in "\u2028\u2029\r" else "\n") for c in _SPACES},
    }
)

_FOLDABLE = re.compile("[" + re.escape(_QUOTES + _DOUBLE_QUOTES + _DASHES + _SPACES) + "]")

# A metric citation and a number are single words; so is a hyphenated or apostrophised word.
_TOKEN = re.compile(r"\{metric:[^{}]*\}|\d+(?:[.,]\d+)*|\w+(?:['-]\w+)*|\.{2,}|[^\w\s]")
# Characters no reader sees (soft hyphens, zero-width spaces, byte-order marks), common in
# text pasted from Word or the web: dropped before anything is shown or compared.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))


class Token(NamedTuple):
    text: str  # as typed
    key: str  # what is compared: quotes, dashes and spacing folded
    space_after: str  # the whitespace that followed it, as typed


def fold(text: str) -> str:
    """The text with typographic quotes, dashes and odd spaces replaced by their plain forms."""
    # Every character folded is outside ASCII, bar the control spaces, which are spaces either way.
    return text if text.isascii() or not _FOLDABLE.search(text) else text.translate(_FOLD_ALL)


def display_text(rich: RichText) -> str:
    """The words a reader sees, metric citations as typed, one line a paragraph or bullet item."""
    return visible(rich.plain_text())


def visible(text: str) -> str:
    if not text.isascii() and any(chr(code) in text for code in _INVISIBLE):
        text = text.translate(_INVISIBLE)
    return text.strip()


def tokens(text: str) -> list[Token]:
    folded = fold(text)
    spans = [match.span() for match in _TOKEN.finditer(folded)]
    # A tuple a token, built in one pass: this runs on every word of both editions.
    ends = [start for start, _ in spans[1:]] + [len(text)]
    return [
        Token(text[start:end], _ELLIPSIS.get(folded[start:end], folded[start:end]), text[end:following])
        for (start, end), following in zip(spans, ends)
    ]


_ELLIPSIS = {"\u2026": "..."}


def word_keys(items: list[Token]) -> list[str]:
    """The keys that decide whether wording changed: bullet characters are layout, not words."""
    return [token.key for token in items if token.key not in BULLETS]


def links(rich: RichText) -> tuple[tuple[str, str], ...]:
    """Each link's (text, target): a changed target sends readers elsewhere, so it is a real change."""
    return tuple((" ".join(fold(link.text).split()), link.href.strip()) for link in rich.links())


def emphasis(rich: RichText) -> tuple[tuple[str, bool, bool, bool], ...]:
    """The bold, italic or underlined runs, so a change of emphasis alone can be named."""
    runs = []
    for node in rich.inlines():
        if isinstance(node, Text) and (node.bold or node.italic or node.underline) and node.text.strip():
            runs.append((" ".join(fold(node.text).split()), node.bold, node.italic, node.underline))
    return tuple(runs)


def layout(rich: RichText) -> tuple[str, ...]:
    """Each block's shape (paragraph, or bullet items and their depth), for naming layout changes."""
    shapes: list[str] = []

    def items(block: BulletList, depth: int) -> None:
        for item in block.items:
            shapes.append(f"item{depth}")
            if isinstance(item, ListItem) and item.sublist is not None:
                items(item.sublist, depth + 1)

    for block in rich.blocks:
        if isinstance(block, Paragraph):
            shapes.append("paragraph")
        else:
            items(block, 1)
    return tuple(shapes)


def formatting_notes(old: RichText, new: RichText, old_text: str, new_text: str) -> tuple[str, ...]:
    """Name the kinds of formatting that differ between two texts whose words are the same.

    A kind differs when folding every other kind of noise still leaves the texts apart.
    """
    # Bullets are found at line starts, so they are folded before spaces join the lines.
    folds = {
        "bullets or paragraphs": _strip_bullets,
        "quotation marks": lambda s: s.translate(_FOLD_QUOTES),
        "dashes": lambda s: s.translate(_FOLD_DASHES),
        "ellipses": lambda s: s.replace("\u2026", "..."),
        "spaces or line breaks": lambda s: " ".join(s.translate(_FOLD_SPACES).split()),
    }
    notes = []
    for name in folds:
        others = [function for other, function in folds.items() if other != name]

        def apply(text: str, others=others) -> str:
            for function in others:
                text = function(text)
            return text

        if apply(old_text) != apply(new_text):
            notes.append(name)
    if layout(old) != layout(new) and "bullets or paragraphs" not in notes:
        notes.append("bullets or paragraphs")
    if emphasis(old) != emphasis(new):
        notes.append("bold, italic or underline")
    if not notes and old_text != new_text:
        notes.extend(name for name, function in folds.items() if function(old_text) != function(new_text))
    return tuple(notes) or ("spaces or line breaks",)


def _strip_bullets(text: str) -> str:
    return _LINE_BULLET.sub("", text)


_LINE_BULLET = re.compile(r"^[ \t]*[•▪●◦‣∙·*-][ \t]+", re.MULTILINE)


def rich_equal(old: RichText, new: RichText) -> bool:
    """Exactly the same tree: same words, same characters, same formatting and links."""
    return old.blocks == new.blocks
