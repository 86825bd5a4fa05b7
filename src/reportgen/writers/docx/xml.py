"""WordprocessingML builders: paragraphs, runs, fields and bookmarks, children in schema order."""

from __future__ import annotations

import re

from docx.oxml.parser import OxmlElement

from ...ooxml.elements import clean, element
from ...ooxml.namespaces import qn

_TABS_AND_BREAKS = re.compile(r"(\t|\r\n|\n|\r)")
_XML_SPACE = qn("xml:space")


def paragraph(
    style_id: str | None = None,
    *,
    keep_next: bool = False,
    page_break_before: bool = False,
    bullet: tuple[int, int] | None = None,
    align: str | None = None,
) -> OxmlElement:
    """A w:p; `bullet` is (numbering id, level)."""
    p = OxmlElement("w:p")
    properties = []
    if style_id:
        properties.append(element("w:pStyle", val=style_id))
    if keep_next:
        properties.append(OxmlElement("w:keepNext"))
    if page_break_before:
        properties.append(OxmlElement("w:pageBreakBefore"))
    if bullet is not None:
        num_id, level = bullet
        numbering = OxmlElement("w:numPr")
        numbering.append(element("w:ilvl", val=level))
        numbering.append(element("w:numId", val=num_id))
        properties.append(numbering)
    if align:
        properties.append(element("w:jc", val=align))
    if properties:
        p_pr = OxmlElement("w:pPr")
        p_pr.extend(properties)
        p.append(p_pr)
    return p


def run(
    text: str = "",
    *,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    style_id: str | None = None,
    colour: str | None = None,
    size: float | None = None,
) -> OxmlElement:
    """A w:r; tabs and line breaks in `text` become w:tab and w:br."""
    r = OxmlElement("w:r")
    formatting = []
    if style_id:
        formatting.append(element("w:rStyle", val=style_id))
    if bold:
        formatting += [OxmlElement("w:b"), OxmlElement("w:bCs")]
    if italic:
        formatting += [OxmlElement("w:i"), OxmlElement("w:iCs")]
    if colour:
        formatting.append(element("w:color", val=colour))
    if size:
        formatting += [element("w:sz", val=round(size * 2)), element("w:szCs", val=round(size * 2))]
    if underline:
        formatting.append(element("w:u", val="single"))
    if formatting:
        r_pr = OxmlElement("w:rPr")
        r_pr.extend(formatting)
        r.append(r_pr)
    for piece in _TABS_AND_BREAKS.split(clean(text)):
        if not piece:
            continue
        if piece == "\t":
            r.append(OxmlElement("w:tab"))
        elif piece in ("\n", "\r", "\r\n"):
            r.append(OxmlElement("w:br"))
        else:
            t = OxmlElement("w:t")
            t.text = piece
            if piece != piece.strip():
                t.set(_XML_SPACE, "preserve")
            r.append(t)
    return r


def line_break() -> OxmlElement:
    r = OxmlElement("w:r")
    r.append(OxmlElement("w:br"))
    return r


def field(instruction: str, result: str, *, dirty: bool = False) -> list[OxmlElement]:
    """A complex field (begin, instruction, separate, shown result, end) as runs."""
    return [*field_start(instruction, dirty=dirty), run(result), field_end()]


def field_start(instruction: str, *, dirty: bool = False) -> list[OxmlElement]:
    """The runs that open a field and begin its result; `dirty` asks Word to refresh it on opening."""
    begin = OxmlElement("w:r")
    char = element("w:fldChar", fldCharType="begin")
    if dirty:
        char.set(qn("w:dirty"), "true")
    begin.append(char)
    code = OxmlElement("w:r")
    text = OxmlElement("w:instrText")
    text.set(_XML_SPACE, "preserve")
    text.text = f" {instruction} "
    code.append(text)
    separate = OxmlElement("w:r")
    separate.append(element("w:fldChar", fldCharType="separate"))
    return [begin, code, separate]


def field_end() -> OxmlElement:
    end = OxmlElement("w:r")
    end.append(element("w:fldChar", fldCharType="end"))
    return end


def bookmark(p: OxmlElement, bookmark_id: int, name: str) -> None:
    """Wrap a paragraph's content in a bookmark, the target of a contents entry."""
    start = element("w:bookmarkStart", id=bookmark_id, name=name)
    p_pr = p.find(qn("w:pPr"))
    if p_pr is not None:
        p_pr.addnext(start)
    else:
        p.insert(0, start)
    p.append(element("w:bookmarkEnd", id=bookmark_id))


def internal_link(anchor: str, children: list[OxmlElement]) -> OxmlElement:
    link = element("w:hyperlink", anchor=anchor, history=1)
    link.extend(children)
    return link


def external_link(relationship_id: str, children: list[OxmlElement]) -> OxmlElement:
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), relationship_id)
    link.set(qn("w:history"), "1")
    link.extend(children)
    return link


def _properties(p: OxmlElement) -> OxmlElement:
    """The paragraph's w:pPr, made as its first child when it has none."""
    p_pr = p.find(qn("w:pPr"))
    if p_pr is None:
        p_pr = OxmlElement("w:pPr")
        p.insert(0, p_pr)
    return p_pr


def boxed(p: OxmlElement, colour: str) -> OxmlElement:
    """Draw a box round the paragraph (w:pBdr), as the draft marking is boxed on the cover."""
    p_pr = _properties(p)
    borders = OxmlElement("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        borders.append(element(f"w:{side}", val="single", sz=18, space=4, color=colour))
    # w:pBdr follows w:pStyle, w:keepNext, w:pageBreakBefore and w:numPr, and precedes w:jc.
    after = [
        child
        for child in p_pr
        if child.tag in {qn("w:pStyle"), qn("w:keepNext"), qn("w:pageBreakBefore"), qn("w:numPr")}
    ]
    if after:
        after[-1].addnext(borders)
    else:
        p_pr.insert(0, borders)
    return p


# w:settings children in schema order up to w:updateFields (ECMA-376 Part 1, 17.15.1.78).
_BEFORE_UPDATE_FIELDS = (
    "writeProtection",
    "view",
    "zoom",
    "removePersonalInformation",
    "removeDateAndTime",
    "doNotDisplayPageBoundaries",
    "displayBackgroundShape",
    "printPostScriptOverText",
    "printFractionalCharacterWidth",
    "printFormsData",
    "embedTrueTypeFonts",
    "embedSystemFonts",
    "saveSubsetFonts",
    "saveFormsData",
    "mirrorMargins",
    "alignBordersAndEdges",
    "bordersDoNotSurroundHeader",
    "bordersDoNotSurroundFooter",
    "gutterAtTop",
    "hideSpellingErrors",
    "hideGrammaticalErrors",
    "activeWritingStyle",
    "proofState",
    "formsDesign",
    "attachedTemplate",
    "linkStyles",
    "stylePaneFormatFilter",
    "stylePaneSortMethod",
    "documentType",
    "mailMerge",
    "revisionView",
    "trackRevisions",
    "doNotTrackMoves",
    "doNotTrackFormatting",
    "documentProtection",
    "autoFormatOverride",
    "styleLockTheme",
    "styleLockQFSet",
    "defaultTabStop",
    "autoHyphenation",
    "consecutiveHyphenLimit",
    "hyphenationZone",
    "doNotHyphenateCaps",
    "showEnvelope",
    "summaryLength",
    "clickAndTypeStyle",
    "defaultTableStyle",
    "evenAndOddHeaders",
    "bookFoldRevPrinting",
    "bookFoldPrinting",
    "bookFoldPrintingSheets",
    "drawingGridHorizontalSpacing",
    "drawingGridVerticalSpacing",
    "displayHorizontalDrawingGridEvery",
    "displayVerticalDrawingGridEvery",
    "doNotUseMarginsForDrawingGridOrigin",
    "drawingGridHorizontalOrigin",
    "drawingGridVerticalOrigin",
    "doNotShadeFormData",
    "noPunctuationKerning",
    "characterSpacingControl",
    "printTwoOnOne",
    "strictFirstAndLastChars",
    "noLineBreaksAfter",
    "noLineBreaksBefore",
    "savePreviewPicture",
    "doNotValidateAgainstSchema",
    "saveInvalidXml",
    "ignoreMixedContent",
    "alwaysShowPlaceholderText",
    "doNotDemarcateInvalidXml",
    "saveXmlDataOnly",
    "useXSLTWhenSaving",
    "saveThroughXslt",
    "showXMLTags",
    "alwaysMergeEmptyNamespace",
)


def update_fields_on_open(settings: OxmlElement) -> None:
    """<w:updateFields w:val="true"/>: Word offers to update every field (page numbers) on opening."""
    if settings.find(qn("w:updateFields")) is not None:
        return
    node = element("w:updateFields", val="true")
    before = {qn(f"w:{name}") for name in _BEFORE_UPDATE_FIELDS}
    preceding = [child for child in settings if child.tag in before]
    if preceding:
        preceding[-1].addnext(node)
    else:
        settings.insert(0, node)


def only_right_tab(p: OxmlElement, position: int) -> None:
    """Clear the style's centre tab so one tab takes the rest of the line to the right margin."""
    p_pr = _properties(p)
    tabs = OxmlElement("w:tabs")
    tabs.append(element("w:tab", val="clear", pos=position // 2))
    tabs.append(element("w:tab", val="right", pos=position))
    style = p_pr.find(qn("w:pStyle"))
    if style is not None:
        style.addnext(tabs)
    else:
        p_pr.insert(0, tabs)
