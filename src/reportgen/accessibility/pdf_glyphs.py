"""Characters a PDF draws with the .notdef glyph: an empty box on the page, though the text layer
still holds the character, so text extraction and screen readers see nothing wrong.

A font's ToUnicode map lists the glyphs drawn with it. A glyph that is 0 (.notdef), or that the
embedded font does not have (WeasyPrint gives characters no font covers an unused glyph number
past the font's last), is drawn as .notdef. Only composite (Type0) fonts are read: they are what
WeasyPrint, Word and LibreOffice embed for text beyond Latin.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

import pikepdf

from ..core.findings import Finding, Source, error
from ..runtime.coverage import describe
from .pdf_fonts import ToUnicodeMap, to_unicode_map

_MAX_DEPTH = 8  # form XObjects nested in form XObjects; no real document goes deeper
_MAX_RANGE = 0x10000


def notdef_findings(pdf: pikepdf.Pdf, page_texts: list[str]) -> list[Finding]:
    """One finding per font drawing .notdef, naming its characters and the first page each is on."""
    findings = []
    seen: set = set()
    for index, page in enumerate(pdf.pages):
        for font in _fonts(page.obj.get("/Resources"), 0, set()):
            key = font.objgen if font.is_indirect else id(font)
            if key in seen:
                continue
            seen.add(key)
            characters = sorted(set(_notdef_characters(font)))
            if not characters:
                continue
            name = str(font.get("/BaseFont", "")).lstrip("/").split("+", 1)[-1] or "(unnamed font)"
            first = next(
                (number for number, text in enumerate(page_texts, start=1) if any(c in text for c in characters)),
                index + 1,
            )
            shown = ", ".join(describe(c) for c in characters[:5]) + (
                f" and {len(characters) - 5} more" if len(characters) > 5 else ""
            )
            findings.append(
                error(
                    "pdf-glyph-missing",
                    f"{shown} {'is' if len(characters) == 1 else 'are'} drawn "
                    f"with the font {name}'s .notdef glyph, an empty box: the font has no glyph for "
                    f"{'it' if len(characters) == 1 else 'them'}, though the text layer holds "
                    f"{'it' if len(characters) == 1 else 'them'}; use a font that covers "
                    f"{'it' if len(characters) == 1 else 'them'}",
                    Source(where=f"page {first}"),
                )
            )
    return findings


def _fonts(resources, depth: int, visited: set) -> Iterator[pikepdf.Dictionary]:
    if not isinstance(resources, pikepdf.Dictionary) or depth > _MAX_DEPTH:
        return
    fonts = resources.get("/Font")
    if isinstance(fonts, pikepdf.Dictionary):
        for _name, font in fonts.items():
            if isinstance(font, pikepdf.Dictionary):
                yield font
    xobjects = resources.get("/XObject")
    if isinstance(xobjects, pikepdf.Dictionary):
        for _name, xobject in xobjects.items():
            if isinstance(xobject, pikepdf.Stream) and xobject.get("/Subtype") == "/Form":
                key = xobject.objgen
                if key in visited:
                    continue
                visited.add(key)
                yield from _fonts(xobject.get("/Resources"), depth + 1, visited)


def _notdef_characters(font: pikepdf.Dictionary) -> Iterator[str]:
    if font.get("/Subtype") != "/Type0":
        return
    descendants = font.get("/DescendantFonts")
    if not isinstance(descendants, pikepdf.Array) or not len(descendants):
        return
    cmap = to_unicode_map(font)
    if cmap is None:
        return
    cid_font = descendants[0]
    count = _glyph_count(cid_font)
    to_gid = _cid_to_gid(cid_font)
    for code, text in _codes(cmap):
        gid = to_gid(code)
        if text.strip() and (gid == 0 or (count is not None and gid >= count)):
            yield text


def _codes(cmap: ToUnicodeMap) -> Iterator[tuple[int, str]]:
    for code, text in cmap.mapping.items():
        yield int.from_bytes(code, "big"), text
    for low, high, length, _start in cmap.ranges:
        for number in range(low, min(high, low + _MAX_RANGE) + 1):
            text = cmap.lookup(number.to_bytes(length, "big"))
            if text is not None:
                yield number, text


def _cid_to_gid(cid_font: pikepdf.Dictionary):
    mapping = cid_font.get("/CIDToGIDMap")
    if isinstance(mapping, pikepdf.Stream):
        try:
            data = mapping.read_bytes()
        except pikepdf.PdfError:
            return lambda code: code
        return lambda code: int.from_bytes(data[2 * code : 2 * code + 2], "big") if 2 * code + 2 <= len(data) else 0
    return lambda code: code


def _glyph_count(cid_font: pikepdf.Dictionary) -> int | None:
    """How many glyphs the embedded font has; None when it cannot be told (then only glyph 0 counts)."""
    descriptor = cid_font.get("/FontDescriptor")
    if not isinstance(descriptor, pikepdf.Dictionary):
        return None
    stream = descriptor.get("/FontFile2") or descriptor.get("/FontFile3")
    if not isinstance(stream, pikepdf.Stream):
        return None
    try:
        data = stream.read_bytes()
    except pikepdf.PdfError:
        return None
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    try:
        if stream.get("/Subtype") in ("/CIDFontType0C", "/Type1C"):
            from fontTools.cffLib import CFFFontSet

            cff = CFFFontSet()
            cff.decompile(io.BytesIO(data), None)
            return len(cff[cff.fontNames[0]].CharStrings)
        from fontTools.ttLib import TTFont

        return TTFont(io.BytesIO(data), lazy=True)["maxp"].numGlyphs
    except Exception:  # a font fontTools cannot read: the font checks and viewers will say so
        return None
