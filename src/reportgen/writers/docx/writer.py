"""DOCX renderer: the edition as a Word document built on the house reference styles (templates/reference.docx)."""

from __future__ import annotations

from ...core.model import Edition
from .compose import Layout
from .package import document_bytes, publication_moment, set_core_properties
from .reference import open_reference, set_language


def render(edition: Edition, reference: bytes | None = None, reference_name: str | None = None) -> bytes:
    """The edition as the bytes of a .docx file; the same edition always gives the same bytes.

    `reference` is a restyled reference document to build on instead of the house one
    (`reportgen build --reference-doc`), called `reference_name` in messages.
    """
    document = open_reference(reference, reference_name)
    layout = Layout(document, edition)
    layout.write()
    layout.page_furniture()
    set_language(document, edition.language or "en-GB")
    set_core_properties(document, edition, layout.outline.metadata)
    return document_bytes(document, publication_moment(edition))
