"""The DOCX writer: the edition laid out on the house reference document with python-docx."""

from __future__ import annotations

from .. import Writer, register


def _write(document, options) -> bytes:
    from .writer import write  # python-docx is imported only by a build that writes a DOCX

    return write(document, options)


register(Writer("docx", ".docx", "Word document", 1, _write))
