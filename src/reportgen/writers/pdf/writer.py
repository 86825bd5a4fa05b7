"""The PDF writer: the edition page laid out by WeasyPrint as tagged PDF/UA-1, byte for byte repeatable."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import re
from contextlib import contextmanager

from ...core.errors import ReportgenError
from ...core.model import Edition
from ...outline.outlined import OutlinedEdition
from ...runtime.collector import collector_paused
from .. import WriteOptions
from ..html.page import file_font_css, fill_fonts, page_html, templates_dir

PDF_VARIANT = "pdf/ua-1"


def source_html(document: OutlinedEdition) -> str:
    """The HTML WeasyPrint lays out: the print medium, fonts named by their files on disk."""
    return fill_fonts(page_html(document, "print"), file_font_css())


def identifier(edition: Edition) -> bytes:
    """The PDF's permanent /ID: fixed for an edition, so a rebuild is byte-identical (WeasyPrint's is random)."""
    key = "\x1f".join([edition.title, edition.edition, str(edition.publication_date or "")])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32].encode("ascii")


def warm_up() -> None:
    """Import what a render needs, so a process that will render a PDF can do it while charts are drawn."""
    import weasyprint  # noqa: F401 - imported for its side effect: the ~0.5 s import is paid now

    from . import fixup  # noqa: F401

    file_font_css()


def write(document: OutlinedEdition, options: WriteOptions) -> bytes:
    """The PDF's bytes; `options.pdf_fetcher` decides what the page may load (by default the house files only)."""
    # Imported here: WeasyPrint takes ~0.4 s to import and only the PDF needs it.
    from weasyprint import HTML

    from .fetcher import AssetFetcher

    edition = document.edition
    fetcher = options.pdf_fetcher or AssetFetcher()
    with (
        _svg_style_notes_demoted(),
        page_references_cached(),
        collector_paused(),
        _font_dates_fixed(edition),
        structure_sources_recorded() as sources,
    ):
        page = HTML(
            string=source_html(document),
            base_url=templates_dir().as_uri() + "/",
            url_fetcher=fetcher,
            media_type="print",
        )
        long_words_breakable(page.etree_element)
        data = page.write_pdf(pdf_variant=PDF_VARIANT, pdf_identifier=identifier(edition))
    if not data:
        raise ReportgenError("the PDF renderer produced no output")
    # TH scope, tab order, orphaned running-head tags, and each page's fragment of one HTML element
    # (a table running over pages) joined into one structure element
    from .fixup import fix_pdf

    return fix_pdf(data, sources)


@contextmanager
def structure_sources_recorded():
    """Record, for each structure element WeasyPrint tags, which HTML element it was made from.

    WeasyPrint builds the structure tree page by page, so an element that runs over a page break
    (a long table, its row group, a paragraph) becomes one structure element per page: a table of
    ten pages is ten Tables, its header row is tagged again on each page and a row-group header's
    RowSpan runs past the end of its page's fragment. Only the layout knows which fragments belong
    together, so this records it while the tree is built: the dictionary yielded maps each
    element's PDF object number to a number standing for its HTML element (in order of first
    appearance, so the same document gives the same numbers), for `fix_pdf` to join them.
    Nothing is recorded from a WeasyPrint whose tagging changed shape; `reportgen check` then
    reports the split tables.
    """
    sources: dict[int, int] = {}
    try:
        from weasyprint.pdf import tags
    except ImportError:  # pragma: no cover - WeasyPrint is a dependency
        yield sources
        return
    original = getattr(tags, "_build_box_tree", None)
    if original is None or not callable(original):
        yield sources
        return
    numbers: dict[tuple[object, str | None], int] = {}  # keeps each HTML element alive, so ids stay unique

    def build_box_tree(box, *args, **kwargs):
        inner = getattr(box, "_box", box)  # an absolutely positioned box's placeholder
        html_element = getattr(inner, "element", None)
        key = (html_element, getattr(inner, "element_tag", None)) if html_element is not None else None
        for element in original(box, *args, **kwargs):
            number = getattr(element, "number", None)
            if key is not None and number is not None and number not in sources:
                sources[number] = numbers.setdefault(key, len(numbers))
            yield element

    tags._build_box_tree = build_box_tree
    try:
        yield sources
    finally:
        tags._build_box_tree = original


# A word this long without a break opportunity gets one every BREAK_EVERY characters (a zero-width space).
LONG_WORD_CHARACTERS = 30
BREAK_EVERY = 8
_LONG_WORD = re.compile(rf"[^\s\u200b]{{{LONG_WORD_CHARACTERS + 1},}}")
_UNBROKEN_ELEMENTS = {"head", "style", "script", "title", "svg", "{http://www.w3.org/2000/svg}svg"}


def long_words_breakable(root) -> None:
    """Give every long unbroken word in the page's text a break opportunity every few characters.

    The CSS already lets a word break anywhere (overflow-wrap), but WeasyPrint finds such a break
    by laying out the whole rest of the word again for every line: quadratic, so one 32,767-character
    update took 35 s of CPU instead of 0.6 s. A zero-width space every 8 characters gives it breaks
    it finds at once, and a line ends at most 7 characters short. The space draws nothing and is not
    in the PDF's text (copy and paste or a screen reader get the word whole); only WeasyPrint's copy
    of the page is changed, not the HTML output.
    """
    stack = [root]
    while stack:
        element = stack.pop()
        if not isinstance(element.tag, str) or element.tag in _UNBROKEN_ELEMENTS:
            continue
        if element.text and _LONG_WORD.search(element.text):
            element.text = _breakable(element.text)
        for child in element:
            # A child's tail is its parent's text, so it is broken even after an <svg>.
            if child.tail and _LONG_WORD.search(child.tail):
                child.tail = _breakable(child.tail)
            stack.append(child)


def _breakable(text: str) -> str:
    return _LONG_WORD.sub(
        lambda match: "\u200b".join(
            match.group(0)[index : index + BREAK_EVERY] for index in range(0, len(match.group(0)), BREAK_EVERY)
        ),
        text,
    )


@contextmanager
def page_references_cached():
    """Make pydyf's `PDF.page_references` compute once per page count instead of on every call.

    pydyf 0.13 rebuilds the tuple of every page's reference each time the property is read, and
    WeasyPrint's PDF/UA tagging reads it for every marked-content item: quadratic in pages, about
    1.5 s of a 250-commitment edition's 4.7 s PDF write and far more at 1,000. Pages are only ever
    appended, so the page count tells whether a cached tuple is still right. The values come from
    pydyf's own property, so the bytes written are unchanged (tested).
    """
    import pydyf

    original = pydyf.PDF.__dict__.get("page_references")
    if not isinstance(original, property):  # a pydyf that changed shape: leave it alone
        yield
        return

    def page_references(pdf):
        count = len(pdf.pages["Kids"])
        cached = pdf.__dict__.get("_reportgen_page_references")
        if cached is None or cached[0] != count:
            cached = pdf.__dict__["_reportgen_page_references"] = (count, original.fget(pdf))
        return cached[1]

    pydyf.PDF.page_references = property(page_references)
    try:
        yield
    finally:
        pydyf.PDF.page_references = original


@contextmanager
def _font_dates_fixed(edition: Edition):
    """Stamp the fonts fontTools subsets with the publication date instead of the time now.

    WeasyPrint subsets with fontTools when HarfBuzz cannot (Noto Color Emoji, for one), and
    fontTools writes the current time into the font's head table unless SOURCE_DATE_EPOCH is
    set; without this, a rebuild with an emoji in it differs from the first build.
    """
    if "SOURCE_DATE_EPOCH" in os.environ:  # the caller's own reproducible-build setting wins
        yield
        return
    day = edition.publication_date or dt.date(1980, 1, 1)
    os.environ["SOURCE_DATE_EPOCH"] = str(int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp()))
    try:
        yield
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)


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
