"""Rules about published words: review residue, typed HTML and cells too long to be meant."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..core import schema
from ..core.findings import Finding, error, warning
from .registry import Context, rule
from .texts import published_texts

# What review leaves behind, each alternative named by what the finding calls it. One
# pattern, so each text is scanned once; earlier alternatives win ("Commented [AB1]:" is one finding).
_RESIDUE = re.compile(
    "|".join(
        f"(?P<{name}>{pattern})"
        for name, pattern in (
            ("comment", r"\bCommented \[[A-Za-z]{1,8}\d{1,4}\]:?"),
            ("marker", r"\[[A-Z]{1,8}\d{1,4}\]"),
            ("mention", r"(?<![\w.@+-])@[A-Za-z][\w'-]*(?:\.[\w'-]+)*"),
            (
                "placeholder",
                r"\b(?:TBC|TBD|TODO|FIXME)\b|(?<![A-Za-z])(?:XX+|xx+)(?:m|bn|k)?(?![A-Za-z])|"
                r"\[\s*(?i:insert)\b|\?{2,}",
            ),
        )
    )
)
# Every alternative above contains one of these; plain substring tests rule most texts out cheaply.
_RESIDUE_HINTS = ("[", "@", "??", "TB", "TODO", "FIXME", "XX", "xx")
_RESIDUE_KINDS = {
    "comment": "Word comment residue",
    "marker": "a Word comment marker",
    "mention": "an @mention",
    "placeholder": "a placeholder",
}

_HTML_TAGS = (
    "a|b|i|u|s|em|strong|ul|ol|li|p|br|hr|div|span|font|sup|sub|h[1-6]|table|thead|tbody|tr|td|th|"
    "img|blockquote|strike|del|ins|mark|small|big|center|code|pre"
)
_HTML = re.compile(
    rf"</?(?:{_HTML_TAGS})(?:\s[^<>]*)?/?>|&(?:nbsp|amp|lt|gt|quot|apos|ndash|mdash|pound|"
    r"rsquo|lsquo|ldquo|rdquo|hellip|bull|#\d{1,6}|#x[0-9A-Fa-f]{1,6});",
    re.IGNORECASE,
)
_HTML_ADVICE = {
    "b": "write **bold** for bold",
    "strong": "write **bold** for bold",
    "i": "write *italic* for italic",
    "em": "write *italic* for italic",
    "u": "use Excel's own underline instead",
    "ul": "start each bullet on a new line with '- '",
    "ol": "start each bullet on a new line with '- '",
    "li": "start each bullet on a new line with '- '",
    "br": "press Alt+Enter for a new line",
    "p": "leave a blank line between paragraphs",
    "a": "write a link as [link text](https://address)",
    "nbsp": "type an ordinary space",
    "amp": "type & itself",
    "lt": "type < itself",
    "gt": "type > itself",
}


@rule("review-residue")
def review_residue(context: Context) -> Iterator[Finding]:
    """Comments, @mentions and placeholders left from review would be published as they are.

    An error in a Final edition, which must be clean; a warning in a Draft, which is still being reviewed.
    """
    final = context.edition.is_final
    make = error if final else warning
    consequence = "a Final edition cannot be published with it" if final else "remove it before the edition is Final"
    for item in published_texts(context):
        if not any(hint in item.text for hint in _RESIDUE_HINTS):
            continue
        seen: set[str] = set()
        for match in _RESIDUE.finditer(item.text):
            found = match.group(0).strip()
            if found in seen:
                continue
            seen.add(found)
            if len(found) > 40:  # a run of x's as long as the cell must not make a 32,000-character message
                found = found[:24] + "…"
            yield make(
                "review-residue",
                f"'{found}' looks like {_RESIDUE_KINDS[match.lastgroup]} left from review "
                f"and would be published; {consequence}",
                item.source,
            )


@rule("html-in-cell")
def html_typed(context: Context) -> Iterator[Finding]:
    """HTML is not cell markup: tags and entities print exactly as typed."""
    for item in published_texts(context):
        if "<" not in item.text and "&" not in item.text:
            continue
        typed = list(dict.fromkeys(match.group(0) for match in _HTML.finditer(item.text)))
        if not typed:
            continue
        advice = list(dict.fromkeys(_HTML_ADVICE.get(_tag_name(each), "delete it") for each in typed))
        shown = ", ".join(f"'{each}'" for each in typed[:4]) + (" and more" if len(typed) > 4 else "")
        what = "is HTML, which prints" if len(typed) == 1 else "are HTML, which print"
        yield warning("html-in-cell", f"{shown} {what} exactly as typed; {'; '.join(advice)}", item.source)


def _tag_name(typed: str) -> str:
    name = re.match(r"</?([A-Za-z0-9]+)|&#?([A-Za-z0-9]+);", typed)
    return (name.group(1) or name.group(2) or "").casefold() if name else ""


@rule("cell-too-long")
def long_cells(context: Context) -> Iterator[Finding]:
    """A cell far longer than any real update is usually a paste accident (two updates, a whole e-mail)."""
    limit = schema.LONG_CELL_CHARACTERS
    for item in published_texts(context):
        length = len(item.typed)
        if length > limit:
            yield warning(
                "cell-too-long",
                f"this cell holds {length:,} characters, more than the {limit:,} a "
                "published cell normally needs; check nothing was pasted twice, or shorten it",
                item.source,
            )
