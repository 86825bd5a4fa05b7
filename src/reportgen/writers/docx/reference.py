"""The house reference document (templates/reference.docx): opened fresh for each build, body discarded."""

from __future__ import annotations

import io
from functools import lru_cache
from importlib.resources import files

import docx
from docx.document import Document
from docx.oxml.parser import OxmlElement

from ...core.errors import ReportgenError
from ...ooxml.namespaces import qn

REFERENCE_NAME = "reference.docx"
REGENERATE = "regenerate it with scripts/make_reference_docx.py"
# For a reference document of the user's own (build --reference-doc).
RESTYLE = (
    "start again from the house one ('reportgen reference-doc FILE.docx') and change only its styles, "
    "page set-up, header and footer in Word"
)

# Every paragraph, character and table style the writer refers to, by style id.
REQUIRED_STYLES = (
    "Normal",
    "Title",
    "Subtitle",
    "CoverDetail",
    "Heading1",
    "Heading2",
    "Heading3",
    "TOCHeading",
    "TOC1",
    "TOC2",
    "TOC3",
    "Caption",
    "Header",
    "Footer",
    "DraftMarking",
    "ListBullet",
    "ListBullet2",
    "ListBullet3",
    "Hyperlink",
    "TableText",
    "TableHeading",
    "ReportTable",
)


class ReferenceProblem(ReportgenError):
    """Something the writer needs is missing from a reference document; open_reference says which file."""


@lru_cache(maxsize=1)
def reference_bytes() -> bytes:
    """The reference document as shipped in the package (so an installed wheel finds it)."""
    resource = files("reportgen.templates").joinpath(REFERENCE_NAME)
    try:
        return resource.read_bytes()
    except OSError as exc:
        raise ReportgenError(
            f"templates/{REFERENCE_NAME}: cannot be read ({exc.strerror or exc}); {REGENERATE}"
        ) from None


def open_reference(data: bytes | None = None, name: str | None = None) -> Document:
    """A new document carrying the reference's styles, numbering and page set-up, with an empty body.

    `data` is another reference document, called `name` in messages (a user's restyled copy);
    by default the house one in templates/. Everything the writer will need from it is checked here, so a
    restyled document that lost a style fails at once, naming the file, not halfway through.
    """
    place, advice = (name, RESTYLE) if name else (f"templates/{REFERENCE_NAME}", REGENERATE)
    try:
        document = docx.Document(io.BytesIO(data if data is not None else reference_bytes()))
    except Exception as exc:  # python-docx raises several types for a damaged package
        raise ReportgenError(f"{place}: not a readable Word document ({exc}); {advice}") from None
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    missing = [style for style in REQUIRED_STYLES if style not in style_ids(document)]
    if missing:
        raise ReportgenError(f"{place}: has no style {', '.join(missing)}; {advice}")
    try:
        bullet_numbering_id(document)
        _default_run_properties(document)
        if not document.sections:
            raise ReferenceProblem("has no page set-up (section)")
    except ReferenceProblem as problem:
        raise ReportgenError(f"{place}: {problem.message}; {advice}") from None
    return document


def style_ids(document: Document) -> set[str]:
    return {style.get(qn("w:styleId")) for style in document.styles.element.findall(qn("w:style"))}


def bullet_numbering_id(document: Document) -> int:
    """The numbering instance the List Bullet style uses: bullets stay restylable in Word."""
    style = next(s for s in document.styles.element.findall(qn("w:style")) if s.get(qn("w:styleId")) == "ListBullet")
    num_id = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
    if num_id is None:
        raise ReferenceProblem("the List Bullet style has no bullet numbering")
    value = int(num_id.get(qn("w:val")))
    numbering = document.part.numbering_part.element
    if not any(int(num.get(qn("w:numId"))) == value for num in numbering.findall(qn("w:num"))):
        raise ReferenceProblem(f"bullet numbering {value} is not defined")
    return value


def set_language(document: Document, language: str) -> None:
    """The document's language lives in the default run properties, so every style inherits it."""
    r_pr = _default_run_properties(document)
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        later = [r_pr.find(qn(tag)) for tag in ("w:eastAsianLayout", "w:specVanish", "w:oMath")]
        following = next((node for node in later if node is not None), None)
        if following is not None:
            following.addprevious(lang)
        else:
            r_pr.append(lang)
    lang.set(qn("w:val"), language)
    settings_lang = document.settings.element.find(qn("w:themeFontLang"))
    if settings_lang is not None:
        settings_lang.set(qn("w:val"), language)


def _default_run_properties(document: Document):
    defaults = document.styles.element.find(qn("w:docDefaults"))
    r_pr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}") if defaults is not None else None
    if r_pr is None:
        raise ReferenceProblem("has no default run properties (Normal style font settings)")
    return r_pr


def text_width(document: Document) -> int:
    """The width between the margins, in twentieths of a point (what table widths are measured in)."""
    section = document.sections[0]
    width = section.page_width - section.left_margin - section.right_margin
    return int(width / 635)  # EMU per twip
