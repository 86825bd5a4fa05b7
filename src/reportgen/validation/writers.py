"""Rules for limits the output formats set, so a workbook that validates clean always builds."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.findings import Finding, error
from ..outline.document import document_properties
from .registry import Context, rule

# Word's document properties (docProps/core.xml) hold at most 255 characters each; python-docx refuses more.
PROPERTY_CHARACTERS = 255
# Edition fields that become Word document properties, and which property each fills.
PROPERTY_FIELDS = {
    "Title": "Title",
    "Edition": "Category",
    "Publisher": "Author (when Author is blank)",
    "Author": "Author",
    "Subject": "Subject",
    "Keywords": "Keywords",
}


@rule("property-too-long")
def property_lengths(context: Context) -> Iterator[Finding]:
    """Word document properties hold at most 255 characters; a longer Title or Keywords cannot be written."""
    edition = context.edition
    for name, property_name in PROPERTY_FIELDS.items():
        if name == "Publisher" and edition.author:
            continue
        value = getattr(edition, name.casefold()) or ""
        if len(value) > PROPERTY_CHARACTERS:
            yield error(
                "property-too-long",
                f"{name} is {len(value):,} characters long ('{_start(value)}'), but it "
                f"becomes the document's {property_name} property, which holds at most "
                f"{PROPERTY_CHARACTERS}; shorten it",
                edition.field_source(name),
            )
    if not edition.subject:
        subject = document_properties(edition)["subject"]
        if len(subject) > PROPERTY_CHARACTERS and len(edition.edition) <= PROPERTY_CHARACTERS:
            yield error(
                "property-too-long",
                f"with no Subject, the document's Subject property is made from the "
                f"Edition label and period, {len(subject):,} characters, more than the "
                f"{PROPERTY_CHARACTERS} it can hold; shorten the Edition label or type a shorter Subject",
                edition.field_source("Edition"),
            )


def _start(value: str) -> str:
    """The opening words, enough to recognise the cell without repeating all of it."""
    text = " ".join(value.split())
    return text if len(text) <= 40 else text[:40].rstrip() + "…"
