"""The web page both the HTML and the PDF writers are made from: template, rich text, fonts, charts."""

from __future__ import annotations

from .. import Writer, register


def _write(document, options) -> bytes:
    from .writer import write

    return write(document, options)


register(Writer("html", ".html", "accessible web page", 3, _write))
