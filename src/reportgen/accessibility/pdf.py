"""PDF checks: the machine-checkable conditions of PDF/UA-1 (the Matterhorn Protocol), link text, contrast."""

from __future__ import annotations

import io
import re
from concurrent.futures import Executor
from dataclasses import replace

import pikepdf

from ..core.errors import ReportgenError
from ..core.findings import Finding, Source, error
from ..core.readability import readability_findings
from ..runtime.collector import collector_paused
from ..writers.pdf.structure import StructureTree, read_structure
from .contrast import check_contrast
from .pdf_content import PageContent, read_page
from .pdf_glyphs import notdef_findings
from .pdf_rules import readable_passages, structure_findings

_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$")
_PDFUA_NS = "http://www.aiim.org/pdfua/ns/id/"


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
        raise ReportgenError(f"{name}: cannot read the PDF ({_first_line(exc)})") from None


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
        check = PdfCheck(pdf, pages, structure)
        findings = check.run()
        if readability and check.structure is not None:
            findings.extend(readability_findings(readable_passages(check.structure, check.pages)))
        return findings


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


class PdfCheck:
    def __init__(self, pdf: pikepdf.Pdf, pages: list[PageContent], structure: StructureTree | None):
        self.pdf = pdf
        self.findings: list[Finding] = []
        self.pages = pages
        self.structure = structure

    def run(self) -> list[Finding]:
        self._encryption()
        self._metadata()
        self._catalog()
        self._structure_root()
        self._content()
        self._fonts()
        self.findings.extend(notdef_findings(self.pdf, ["".join(run.text for run in page.runs) for page in self.pages]))
        self._annotations_tab_order()
        if self.structure is not None:
            self.findings.extend(structure_findings(self.pdf, self.structure, self.pages))
            self._contrast()
        return sorted(self.findings, key=_page_order)

    def add(self, code: str, message: str, where: str | None = None) -> None:
        self.findings.append(error(code, message, Source(where=where or "document")))

    # -- document ---------------------------------------------------------------------------------------
    def _encryption(self) -> None:
        if self.pdf.is_encrypted and not self.pdf.allow.accessibility:
            self.add(
                "pdf-encryption",
                "the PDF's security settings forbid copying content for accessibility, so "
                "screen readers may not read it; save it without that restriction",
            )

    def _metadata(self) -> None:
        if not isinstance(self.pdf.Root.get("/Metadata"), pikepdf.Stream):
            self.add(
                "pdf-ua-identifier",
                "the PDF has no XMP metadata, so it neither declares PDF/UA conformance "
                "(pdfuaid:part) nor carries a title (dc:title); produce it as PDF/UA-1",
            )
            self.add("pdf-title", "the PDF has no title in its XMP metadata (dc:title); set the document title")
            return
        try:
            meta = self.pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False)
            part = meta.get(f"{{{_PDFUA_NS}}}part")
            title = meta.get("dc:title")
        except Exception as exc:  # noqa: BLE001 - malformed XMP is a finding, not a crash
            self.add(
                "pdf-ua-identifier",
                f"the PDF's XMP metadata cannot be read ({_first_line(exc)}); produce it again as PDF/UA-1",
            )
            return
        if str(part or "").strip() != "1":
            self.add(
                "pdf-ua-identifier",
                "the XMP metadata does not identify the file as PDF/UA-1 (pdfuaid:part = 1); produce it as PDF/UA-1",
            )
        if not str(title or "").strip():
            self.add(
                "pdf-title",
                "the XMP metadata has no document title (dc:title); set the title so readers "
                "and screen readers can name the document",
            )

    def _catalog(self) -> None:
        root = self.pdf.Root
        preferences = root.get("/ViewerPreferences")
        display = preferences.get("/DisplayDocTitle") if isinstance(preferences, pikepdf.Dictionary) else None
        if display is not True:
            self.add(
                "pdf-display-title",
                "the viewer preferences do not set DisplayDocTitle to true, so viewers "
                "show the file name instead of the document title",
            )
        language = root.get("/Lang")
        text = str(language).strip() if isinstance(language, pikepdf.String) else ""
        if not text:
            self.add(
                "pdf-language",
                "the document does not declare its language (/Lang in the catalogue), so "
                "screen readers may read it with the wrong voice; set it, for example en-GB",
            )
        elif not _LANGUAGE_TAG.match(text):
            self.add(
                "pdf-language", f"the document language '{text}' is not a valid language tag; use one such as en-GB"
            )
        mark_info = root.get("/MarkInfo")
        if not isinstance(mark_info, pikepdf.Dictionary) or mark_info.get("/Marked") is not True:
            self.add(
                "pdf-not-marked",
                "the catalogue does not declare the PDF as tagged (/MarkInfo /Marked true); produce a tagged PDF",
            )
        elif mark_info.get("/Suspects") is True:
            self.add(
                "pdf-suspects",
                "the PDF says its tags are suspect (/MarkInfo /Suspects true); check and "
                "fix the tags, then clear the flag",
            )

    def _structure_root(self) -> None:
        if self.structure is None:
            self.add(
                "pdf-not-tagged",
                "the PDF has no structure tree (it is untagged), so screen readers cannot "
                "tell headings, lists, tables and reading order; produce a tagged PDF/UA-1 file",
            )
            return
        if not self.structure.elements:
            self.add(
                "pdf-not-tagged",
                "the PDF's structure tree is empty, so nothing in it is tagged; produce a tagged PDF/UA-1 file",
            )
        if not isinstance(self.structure.root.get("/ParentTree"), pikepdf.Dictionary):
            self.add(
                "pdf-parent-tree",
                "the structure tree has no ParentTree, so assistive technology cannot "
                "find the tag of what is on the page; produce the PDF with a complete structure tree",
            )

    # -- content ----------------------------------------------------------------------------------------
    def _content(self) -> None:
        for index, page in enumerate(self.pages):
            where = f"page {index + 1}"
            for problem in page.errors[:1]:
                self.add("pdf-content-unreadable", f"the page's content cannot be read ({problem})", where)
            if page.untagged:
                kinds = ", ".join(_count(count, _KINDS[kind]) for kind, count in sorted(page.untagged.items()))
                sample = f', starting with "{page.untagged_sample}"' if page.untagged_sample else ""
                self.add(
                    "pdf-untagged-content",
                    f"content is neither tagged nor marked as an artifact ({kinds}"
                    f"{sample}); tag real content and mark decoration, headers and footers as artifacts",
                    where,
                )

    def _fonts(self) -> None:
        seen: set[str] = set()
        for index, page in enumerate(self.pages):
            for info in page.fonts.values():
                if info.name in seen:
                    continue
                where = f"page {index + 1}"
                if not info.embedded:
                    seen.add(info.name)
                    self.add(
                        "pdf-font-not-embedded",
                        f"the font {info.name} is not embedded, so the text may not "
                        "display or be read as intended; embed all fonts",
                        where,
                    )
                if not info.has_unicode:
                    seen.add(info.name)
                    self.add(
                        "pdf-font-unicode",
                        f"the font {info.name} has no mapping to Unicode (ToUnicode), so "
                        "its text cannot be read aloud or searched; embed the font with a ToUnicode map",
                        where,
                    )

    def _annotations_tab_order(self) -> None:
        for index, page in enumerate(self.pdf.pages):
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
                self.add(
                    "pdf-tab-order",
                    f"the page's tab order is written as the string ({tabs}) instead of the "
                    "name /S, so viewers ignore it; set /Tabs to the name /S",
                    f"page {index + 1}",
                )
            else:
                self.add(
                    "pdf-tab-order",
                    "the page has links or other annotations but its tab order does not "
                    "follow the structure (/Tabs /S); set the tab order to the document structure",
                    f"page {index + 1}",
                )

    def _contrast(self) -> None:
        reported: set[tuple[int, int]] = set()
        owners = self._mcid_owners()
        for index, page in enumerate(self.pages):
            for run in page.runs:
                if (
                    run.artifact
                    or not run.visible
                    or run.colour is None
                    or run.background is None
                    or not run.text.strip()
                    or run.mcid is None
                    or (index, run.mcid) in reported
                ):
                    continue
                problem = check_contrast(run.colour, run.background, run.points, run.bold)
                if problem is None:
                    continue
                reported.add((index, run.mcid))
                owner = _meaningful(owners.get((index, run.mcid)))
                place = f"page {index + 1}" + (f", {owner.label}" if owner is not None else "")
                self.findings.append(
                    error("contrast-low", f'"{_clip(run.text)}": {problem.describe()}', Source(where=place))
                )

    def _mcid_owners(self) -> dict:
        owners = {}
        for element in self.structure.elements if self.structure else []:
            for page, mcid in element.content:
                owners[(page, mcid)] = element
        return owners


_PAGE = re.compile(r"^page (\d+)")


def _page_order(finding: Finding) -> int:
    """Whole-document findings first, then page by page (a stable sort keeps each page's own order)."""
    match = _PAGE.match(finding.source.where or "")
    return int(match.group(1)) if match else 0


_KINDS = {"text": "piece of text", "paths": "drawing", "images": "image"}


def _count(number: int, noun: str) -> str:
    if number == 1:
        return f"1 {noun}"
    plural = noun.replace("piece", "pieces") if noun.startswith("piece") else noun + "s"
    return f"{number} {plural}"


def _meaningful(element):
    """The nearest element a person would recognise: a Span or NonStruct wrapper says nothing."""
    while element is not None and element.parent is not None and element.role in ("Span", "NonStruct", "Private"):
        element = element.parent
    return element


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _clip(text: str, limit: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
