"""PDF checks: the machine-checkable conditions of PDF/UA-1 (the Matterhorn Protocol), link text, contrast.

The checks themselves are registered rules (pdf_file_rules, pdf_rules) reading one PdfDocument.
"""

from __future__ import annotations

import io
import re
from concurrent.futures import Executor
from dataclasses import replace

import pikepdf

from ..core.errors import ReportgenError
from ..core.findings import Finding
from ..runtime.collector import collector_paused
from ..writers.pdf.structure import read_structure
from . import Checker, first_line, pdf_file_rules, pdf_rules, register  # noqa: F401  (register the PDF's checks: the file's first, then the tree's)
from .pdf_content import PageContent, read_page
from .pdf_document import PdfDocument
from .registry import run_checks


def open_pdf(data: bytes, name: str) -> pikepdf.Pdf:
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise ReportgenError(f"{name}: is not a PDF file")
    try:
        return pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError:
        raise ReportgenError(
            f"{name}: the PDF needs a password to open, so it cannot be checked; a published PDF must open without one"
        ) from None
    except pikepdf.PdfError as exc:
        raise ReportgenError(f"{name}: cannot read the PDF ({first_line(exc)})") from None


# Below this many pages, handing half the pages to another process costs more than it saves.
SPLIT_FROM_PAGES = 40


def check_pdf(data: bytes, name: str, readability: bool = False, executor: Executor | None = None) -> list[Finding]:
    """Every accessibility finding for a PDF, in document order; reading ease too with `readability`.

    With an `executor` (a process pool of the caller's), a long PDF's later pages are read
    there while this process reads the earlier ones and the structure tree: reading page
    content is most of the check (7 of 10 s for 650 pages).
    """
    # Page content and structure are tens of thousands of small objects that all stay alive
    # until the check ends; with the collector running, the check took 6.5 to 9 s instead of 5
    # on a 650-page PDF, and twice as long in a process that had just laid the PDF out.
    with collector_paused(), open_pdf(data, name) as pdf:
        count = len(pdf.pages)
        split = count * 9 // 20 if executor is not None and count >= SPLIT_FROM_PAGES else count
        # The other process starts first; this side also reads the structure tree, worth about
        # a tenth of the pages, so it takes the smaller share.
        rest = executor.submit(read_pages, data, split, count) if split < count else None
        font_cache: dict = {}
        pages = [read_page(pdf.pages[index], font_cache) for index in range(split)]
        structure = read_structure(pdf)
        if rest is not None:
            pages += rest.result()
        return sorted(run_checks("pdf", PdfDocument(pdf, pages, structure, readability)), key=_document_order)


def read_pages(data: bytes, start: int, stop: int) -> list[PageContent]:
    """What pages start to stop - 1 of the PDF in `data` hold, ready to travel back from another process."""
    with collector_paused(), pikepdf.open(io.BytesIO(data)) as pdf:
        font_cache: dict = {}
        pages = [read_page(pdf.pages[index], font_cache) for index in range(start, stop)]
    for page in pages:
        # Text is decoded by now; the decoder is a bound method or lambda, which cannot be pickled.
        page.fonts = {key: replace(info, decode=decoded_elsewhere) for key, info in page.fonts.items()}
    return pages


def decoded_elsewhere(data: bytes) -> str:
    raise RuntimeError("this font's text was decoded in another process")


_PAGE = re.compile(r"^page (\d+)")


def _document_order(finding: Finding) -> tuple[bool, int]:
    """Whole-document findings first, then page by page, reading ease last (a stable sort keeps each one's order)."""
    if finding.code == "readability":
        return (True, 0)
    match = _PAGE.match(finding.source.where or "")
    return (False, int(match.group(1)) if match else 0)


register(Checker("pdf", check_pdf, ("executor",)))
