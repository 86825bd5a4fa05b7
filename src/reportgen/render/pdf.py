"""The PDF renderer: the edition page laid out by WeasyPrint as tagged PDF/UA-1, byte for byte repeatable."""

from __future__ import annotations

import hashlib
import logging
from contextlib import contextmanager
from typing import TYPE_CHECKING

from ..errors import ReportgenError
from ..model import Edition
from .web.page import file_font_css, fill_fonts, page_html, templates_dir

if TYPE_CHECKING:
    from .fetcher import AssetFetcher

PDF_VARIANT = "pdf/ua-1"


def source_html(edition: Edition) -> str:
    """The HTML WeasyPrint lays out: the print medium, fonts named by their files on disk."""
    return fill_fonts(page_html(edition, "print"), file_font_css())


def identifier(edition: Edition) -> bytes:
    """The PDF's permanent /ID: fixed for an edition, so a rebuild is byte-identical (WeasyPrint's is random)."""
    key = "\x1f".join([edition.title, edition.edition, str(edition.publication_date or "")])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32].encode("ascii")


def render(edition: Edition, fetcher: AssetFetcher | None = None) -> bytes:
    # Imported here: WeasyPrint takes ~0.4 s to import and only the PDF needs it.
    from weasyprint import HTML

    from .fetcher import AssetFetcher

    fetcher = fetcher or AssetFetcher()
    with _svg_style_notes_demoted():
        document = HTML(string=source_html(edition), base_url=templates_dir().as_uri() + "/",
                        url_fetcher=fetcher, media_type="print")
        data = document.write_pdf(pdf_variant=PDF_VARIANT, pdf_identifier=identifier(edition))
    if not data:
        raise ReportgenError("the PDF renderer produced no output")
    from ..accessibility.pdf_fixup import fix_pdf  # TH scope, tab order, orphaned running-head tags

    return fix_pdf(data)


class _DemoteUnknownProperty(logging.Filter):
    """WeasyPrint's CSS parser reports SVG properties (fill, stroke...) in chart drawings as unknown,
    although its SVG renderer draws them; those notes go to debug so real warnings stand out."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno == logging.WARNING and "unknown property" in record.getMessage():
            record.levelno, record.levelname = logging.DEBUG, "DEBUG"
            return logging.getLogger(record.name).isEnabledFor(logging.DEBUG)
        return True


@contextmanager
def _svg_style_notes_demoted():
    logger = logging.getLogger("weasyprint")
    note_filter = _DemoteUnknownProperty()
    logger.addFilter(note_filter)
    try:
        yield
    finally:
        logger.removeFilter(note_filter)
