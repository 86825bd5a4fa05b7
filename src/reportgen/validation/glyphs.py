"""A character no installed font can draw would print in the PDF as an empty box."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.findings import Finding, error
from ..runtime.coverage import describe, missing_characters
from .registry import Context, rule
from .texts import published_texts


@rule("glyph-missing")
def glyphs_drawable(context: Context) -> Iterator[Finding]:
    """No font the PDF may use has a glyph for the character, so it would print as an empty box."""
    for source, text in _printed(context):
        if text.isascii():
            continue  # Lato has every printable ASCII character
        missing = missing_characters(text)
        if not missing:
            continue
        shown = ", ".join(describe(c) for c in missing[:5]) + (
            f" and {len(missing) - 5} more" if len(missing) > 5 else ""
        )
        one = len(missing) == 1
        yield error(
            "glyph-missing",
            f"no font installed for the PDF has {'a glyph' if one else 'glyphs'} for "
            f"{shown}, so the PDF would print {'it' if one else 'them'} as an empty box; replace "
            f"{'it' if one else 'them'}, or install a font that has {'it' if one else 'them'} "
            "(./run setup installs Debian's Noto fonts, which cover most scripts and emoji)",
            source,
        )


# Printed too, though the text rules leave them out: numbers, Refs and the contact address.
_ALSO_PRINTED = (("Chapters", "Number"), ("Commitments", "Ref"))


def _printed(context: Context):
    for item in published_texts(context):
        yield item.source, item.text
    for sheet_name, column in _ALSO_PRINTED:
        sheet = context.raw.sheet(sheet_name)
        for row in sheet.rows if sheet is not None else []:
            text = row.text(column)
            if text:
                yield sheet.column_source(column, row.number), text
    if context.edition.contact:
        yield context.edition.field_source("Contact"), context.edition.contact
