"""The DOCX writer: the edition as a Word document built on the house reference styles (templates/reference.docx)."""

from __future__ import annotations

from ...outline.outlined import OutlinedEdition
from .. import WriteOptions
from .compose import Layout
from .package import document_bytes, publication_moment, set_core_properties
from .reference import open_reference, set_language


def write(outlined: OutlinedEdition, options: WriteOptions) -> bytes:
    """The edition as the bytes of a .docx file; the same edition always gives the same bytes.

    `options.docx_reference` is a restyled reference document to build on instead of the house
    one (`reportgen build --reference-doc`), called `options.docx_reference_name` in messages.
    """
    edition = outlined.edition
    document = open_reference(options.docx_reference, options.docx_reference_name)
    layout = Layout(document, outlined)
    layout.write()
    layout.page_furniture()
    set_language(document, edition.language or "en-GB")
    set_core_properties(document, edition, layout.outline.metadata)
    return document_bytes(document, publication_moment(edition))
