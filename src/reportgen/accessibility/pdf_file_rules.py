"""PDF checks on the file and its pages: security, metadata, the catalogue, content, fonts and tab order.

Registered before the structure tree's checks (pdf_rules), in the order a PDF/UA report lists them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pikepdf

from ..core.findings import Finding, Source, error
from . import first_line
from .pdf_document import PdfDocument
from .pdf_glyphs import notdef_findings
from .registry import check

_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$")
_PDFUA_NS = "http://www.aiim.org/pdfua/ns/id/"
_KINDS = {"text": "piece of text", "paths": "drawing", "images": "image"}


def _error(code: str, message: str, where: str | None = None) -> Finding:
    return error(code, message, Source(where=where or "document"))


@check("pdf", errors=["pdf-encryption"])
def encryption(document: PdfDocument) -> Iterator[Finding]:
    """Security settings must let assistive technology extract the content (Matterhorn 26)."""
    if document.pdf.is_encrypted and not document.pdf.allow.accessibility:
        yield _error(
            "pdf-encryption",
            "the PDF's security settings forbid copying content for accessibility, so "
            "screen readers may not read it; save it without that restriction",
        )


@check("pdf", errors=["pdf-ua-identifier", "pdf-title"])
def metadata(document: PdfDocument) -> Iterator[Finding]:
    """XMP metadata identifies the file as PDF/UA-1 and carries its title (Matterhorn 06)."""
    if not isinstance(document.pdf.Root.get("/Metadata"), pikepdf.Stream):
        yield _error(
            "pdf-ua-identifier",
            "the PDF has no XMP metadata, so it neither declares PDF/UA conformance "
            "(pdfuaid:part) nor carries a title (dc:title); produce it as PDF/UA-1",
        )
        yield _error("pdf-title", "the PDF has no title in its XMP metadata (dc:title); set the document title")
        return
    try:
        meta = document.pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False)
        part = meta.get(f"{{{_PDFUA_NS}}}part")
        title = meta.get("dc:title")
    except Exception as exc:  # noqa: BLE001 - malformed XMP is a finding, not a crash
        yield _error(
            "pdf-ua-identifier",
            f"the PDF's XMP metadata cannot be read ({first_line(exc)}); produce it again as PDF/UA-1",
        )
        return
    if str(part or "").strip() != "1":
        yield _error(
            "pdf-ua-identifier",
            "the XMP metadata does not identify the file as PDF/UA-1 (pdfuaid:part = 1); produce it as PDF/UA-1",
        )
    if not str(title or "").strip():
        yield _error(
            "pdf-title",
            "the XMP metadata has no document title (dc:title); set the title so readers "
            "and screen readers can name the document",
        )


@check("pdf", errors=["pdf-display-title"])
def display_title(document: PdfDocument) -> Iterator[Finding]:
    """Viewers show the document title, not the file name (Matterhorn 07)."""
    root = document.pdf.Root
    preferences = root.get("/ViewerPreferences")
    display = preferences.get("/DisplayDocTitle") if isinstance(preferences, pikepdf.Dictionary) else None
    if display is not True:
        yield _error(
            "pdf-display-title",
            "the viewer preferences do not set DisplayDocTitle to true, so viewers "
            "show the file name instead of the document title",
        )


@check("pdf", errors=["pdf-language"])
def catalogue_language(document: PdfDocument) -> Iterator[Finding]:
    """The catalogue declares a valid language (Matterhorn 11)."""
    root = document.pdf.Root
    language = root.get("/Lang")
    text = str(language).strip() if isinstance(language, pikepdf.String) else ""
    if not text:
        yield _error(
            "pdf-language",
            "the document does not declare its language (/Lang in the catalogue), so "
            "screen readers may read it with the wrong voice; set it, for example en-GB",
        )
    elif not _LANGUAGE_TAG.match(text):
        yield _error(
            "pdf-language", f"the document language '{text}' is not a valid language tag; use one such as en-GB"
        )


@check("pdf", errors=["pdf-not-marked", "pdf-suspects"])
def marked_as_tagged(document: PdfDocument) -> Iterator[Finding]:
    """The catalogue declares the PDF tagged, and its tags not suspect (Matterhorn 01)."""
    root = document.pdf.Root
    mark_info = root.get("/MarkInfo")
    if not isinstance(mark_info, pikepdf.Dictionary) or mark_info.get("/Marked") is not True:
        yield _error(
            "pdf-not-marked",
            "the catalogue does not declare the PDF as tagged (/MarkInfo /Marked true); produce a tagged PDF",
        )
    elif mark_info.get("/Suspects") is True:
        yield _error(
            "pdf-suspects",
            "the PDF says its tags are suspect (/MarkInfo /Suspects true); check and fix the tags, then clear the flag",
        )


@check("pdf", errors=["pdf-not-tagged", "pdf-parent-tree"])
def structure_root(document: PdfDocument) -> Iterator[Finding]:
    """A structure tree with elements and a ParentTree (Matterhorn 01)."""
    if document.structure is None:
        yield _error(
            "pdf-not-tagged",
            "the PDF has no structure tree (it is untagged), so screen readers cannot "
            "tell headings, lists, tables and reading order; produce a tagged PDF/UA-1 file",
        )
        return
    if not document.structure.elements:
        yield _error(
            "pdf-not-tagged",
            "the PDF's structure tree is empty, so nothing in it is tagged; produce a tagged PDF/UA-1 file",
        )
    if not isinstance(document.structure.root.get("/ParentTree"), pikepdf.Dictionary):
        yield _error(
            "pdf-parent-tree",
            "the structure tree has no ParentTree, so assistive technology cannot "
            "find the tag of what is on the page; produce the PDF with a complete structure tree",
        )


# -- content ----------------------------------------------------------------------------------------


@check("pdf", errors=["pdf-content-unreadable", "pdf-untagged-content"])
def page_content(document: PdfDocument) -> Iterator[Finding]:
    """Every page's content can be read, and is tagged or an artifact (Matterhorn 01)."""
    for index, page in enumerate(document.pages):
        where = f"page {index + 1}"
        for problem in page.errors[:1]:
            yield _error("pdf-content-unreadable", f"the page's content cannot be read ({problem})", where)
        if page.untagged:
            kinds = ", ".join(_count(count, _KINDS[kind]) for kind, count in sorted(page.untagged.items()))
            sample = f', starting with "{page.untagged_sample}"' if page.untagged_sample else ""
            yield _error(
                "pdf-untagged-content",
                f"content is neither tagged nor marked as an artifact ({kinds}"
                f"{sample}); tag real content and mark decoration, headers and footers as artifacts",
                where,
            )


@check("pdf", errors=["pdf-font-not-embedded", "pdf-font-unicode"])
def fonts(document: PdfDocument) -> Iterator[Finding]:
    """Every font used is embedded and maps to Unicode (Matterhorn 31)."""
    seen: set[str] = set()
    for index, page in enumerate(document.pages):
        for info in page.fonts.values():
            if info.name in seen:
                continue
            where = f"page {index + 1}"
            if not info.embedded:
                seen.add(info.name)
                yield _error(
                    "pdf-font-not-embedded",
                    f"the font {info.name} is not embedded, so the text may not "
                    "display or be read as intended; embed all fonts",
                    where,
                )
            if not info.has_unicode:
                seen.add(info.name)
                yield _error(
                    "pdf-font-unicode",
                    f"the font {info.name} has no mapping to Unicode (ToUnicode), so "
                    "its text cannot be read aloud or searched; embed the font with a ToUnicode map",
                    where,
                )


@check("pdf", errors=["pdf-glyph-missing"])
def missing_glyphs(document: PdfDocument) -> Iterator[Finding]:
    """No character is drawn with a font's .notdef glyph, an empty box (Matterhorn 31)."""
    yield from notdef_findings(document.pdf, ["".join(run.text for run in page.runs) for page in document.pages])


@check("pdf", errors=["pdf-tab-order"])
def tab_order(document: PdfDocument) -> Iterator[Finding]:
    """A page with annotations has the structure's tab order, /Tabs /S (Matterhorn 28)."""
    for index, page in enumerate(document.pdf.pages):
        annotations = [
            a
            for a in page.obj.get("/Annots", [])
            if isinstance(a, pikepdf.Dictionary) and a.get("/Subtype") != "/Popup"
        ]
        tabs = page.obj.get("/Tabs")
        if not annotations or (isinstance(tabs, pikepdf.Name) and tabs == "/S"):
            continue
        if isinstance(tabs, pikepdf.String):
            # LibreOffice 7.4 writes /Tabs (S): a string, which viewers ignore; the key must be a name.
            yield _error(
                "pdf-tab-order",
                f"the page's tab order is written as the string ({tabs}) instead of the "
                "name /S, so viewers ignore it; set /Tabs to the name /S",
                f"page {index + 1}",
            )
        else:
            yield _error(
                "pdf-tab-order",
                "the page has links or other annotations but its tab order does not "
                "follow the structure (/Tabs /S); set the tab order to the document structure",
                f"page {index + 1}",
            )


def _count(number: int, noun: str) -> str:
    if number == 1:
        return f"1 {noun}"
    plural = noun.replace("piece", "pieces") if noun.startswith("piece") else noun + "s"
    return f"{number} {plural}"
