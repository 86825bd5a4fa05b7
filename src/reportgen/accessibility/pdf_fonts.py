"""PDF fonts: whether each is embedded and maps to Unicode, and decoding shown strings to text."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import pikepdf

_FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")
_NAMED_ENCODINGS = {
    "/WinAnsiEncoding": "cp1252",
    "/MacRomanEncoding": "mac_roman",
    "/StandardEncoding": "latin-1",
    "/PDFDocEncoding": "latin-1",
}
# Predefined CJK collections: their CIDs map to Unicode through published tables.
_KNOWN_COLLECTIONS = ("Adobe-GB1", "Adobe-CNS1", "Adobe-Japan1", "Adobe-Korea1", "Adobe-KR")
_BOLD_NAME = re.compile(r"bold|black|heavy|extrabold|ultrabold", re.IGNORECASE)
_SYMBOLIC = 1 << 2
_FORCE_BOLD = 1 << 18


@dataclass
class FontInfo:
    name: str
    subtype: str
    embedded: bool
    has_unicode: bool
    bold: bool
    decode: Callable[[bytes], str] = field(repr=False, default=lambda data: "")


def font_info(font: pikepdf.Dictionary, cache: dict) -> FontInfo:
    """What the checker needs to know about a font dictionary (cached by object)."""
    # A direct object has no identity of its own (id() of its wrapper is reused), so its text is the key.
    key = font.objgen if font.is_indirect else bytes(font.unparse())
    if key not in cache:
        cache[key] = _read_font(font)
    return cache[key]


def _read_font(font: pikepdf.Dictionary) -> FontInfo:
    subtype = str(font.get("/Subtype", "/Type1"))
    name = str(font.get("/BaseFont", "")).lstrip("/") or "(unnamed font)"
    if "+" in name[:7]:
        name = name.split("+", 1)[1]  # the subset prefix means nothing to a reader
    descriptor = _descriptor(font, subtype)
    if subtype == "/Type3":
        embedded = True  # glyphs are drawn by the font's own content streams
    else:
        embedded = descriptor is not None and any(key in descriptor for key in _FONT_FILES)
    to_unicode = to_unicode_map(font)
    flags = int(descriptor.get("/Flags", 0)) if descriptor is not None else 0
    weight = int(descriptor.get("/FontWeight", 400)) if descriptor is not None else 400
    bold = bool(_BOLD_NAME.search(name)) or weight >= 700 or bool(flags & _FORCE_BOLD)
    if subtype == "/Type0":
        has_unicode = to_unicode is not None or _known_collection(font)
        decode = to_unicode.decode if to_unicode is not None else (lambda data: "")
    else:
        table = _simple_encoding(font, flags)
        has_unicode = to_unicode is not None or table is not None
        if to_unicode is not None:
            decode = to_unicode.decode
        else:
            decode = _simple_decoder(table or {})
    return FontInfo(name, subtype.lstrip("/"), embedded, has_unicode, bold, decode)


def _descriptor(font: pikepdf.Dictionary, subtype: str) -> pikepdf.Dictionary | None:
    if subtype == "/Type0":
        descendants = font.get("/DescendantFonts")
        if isinstance(descendants, pikepdf.Array) and len(descendants):
            descriptor = descendants[0].get("/FontDescriptor")
            return descriptor if isinstance(descriptor, pikepdf.Dictionary) else None
        return None
    descriptor = font.get("/FontDescriptor")
    return descriptor if isinstance(descriptor, pikepdf.Dictionary) else None


def _known_collection(font: pikepdf.Dictionary) -> bool:
    try:
        info = font.DescendantFonts[0].CIDSystemInfo
        collection = f"{info.Registry}-{info.Ordering}"
    except (AttributeError, IndexError, KeyError, TypeError):
        return False
    encoding = font.get("/Encoding")
    return collection in _KNOWN_COLLECTIONS and isinstance(encoding, pikepdf.Name) and "Identity" not in str(encoding)


def _simple_encoding(font: pikepdf.Dictionary, flags: int) -> dict[int, str] | None:
    """Code -> text for a simple font without ToUnicode, or None when no Unicode mapping is determinable."""
    encoding = font.get("/Encoding")
    base = None
    differences = None
    if isinstance(encoding, pikepdf.Name):
        base = str(encoding)
    elif isinstance(encoding, pikepdf.Dictionary):
        base = str(encoding.get("/BaseEncoding", "/StandardEncoding"))
        differences = encoding.get("/Differences")
    symbolic = bool(flags & _SYMBOLIC) and not (flags & (1 << 5))
    if base is None and differences is None:
        # Only the standard Latin fonts have a determinable built-in encoding.
        if symbolic or font.get("/Subtype") == "/Type3":
            return None
        base = "/StandardEncoding"
    codec = _NAMED_ENCODINGS.get(base or "", "latin-1")
    table = {code: bytes([code]).decode(codec, errors="replace") for code in range(32, 256)}
    if differences is not None:
        # Imported here: fontTools builds its glyph-name tables on import (0.9 s), and only
        # simple fonts with a /Differences array need them; WeasyPrint's fonts have none.
        from fontTools.agl import toUnicode

        code = 0
        for item in differences:
            if isinstance(item, int):
                code = int(item)
            else:
                table[code] = toUnicode(str(item).lstrip("/")) or "\ufffd"
                code += 1
    elif symbolic:
        return None
    return table


def _simple_decoder(table: dict[int, str]) -> Callable[[bytes], str]:
    def decode(data: bytes) -> str:
        return "".join(table.get(byte, "") for byte in data)

    return decode


class ToUnicodeMap:
    """A parsed ToUnicode CMap: code space byte lengths and code -> text."""

    _TOKEN = re.compile(
        rb"<([0-9A-Fa-f\s]*)>|(\[)|(\])|(begincodespacerange|endcodespacerange|beginbfchar|"
        rb"endbfchar|beginbfrange|endbfrange)"
    )

    def __init__(self, data: bytes):
        self.lengths: set[int] = set()
        self.mapping: dict[bytes, str] = {}
        self.ranges: list[tuple[int, int, int, object]] = []
        # A long PDF shows the same few thousand strings (words, spaces) hundreds of thousands
        # of times; decoding each once keeps the content scan of a 700-page PDF to seconds.
        self._decoded: dict[bytes, str] = {}
        section: str | None = None
        items: list = []
        array: list | None = None
        for match in self._TOKEN.finditer(data):
            hexa, opening, closing, keyword = match.groups()
            if keyword is not None:
                word = keyword.decode()
                if word.startswith("begin"):
                    section, items = word[5:], []
                elif section is not None:
                    self._section(section, items)
                    section = None
            elif section is None:
                continue
            elif opening:
                array = []
            elif closing:
                items.append(array or [])
                array = None
            else:
                value = bytes.fromhex(re.sub(rb"\s", b"", hexa).decode())
                (array if array is not None else items).append(value)

    def _section(self, section: str, items: list) -> None:
        if section == "codespacerange":
            for low in items[0::2]:
                if isinstance(low, bytes):
                    self.lengths.add(len(low))
        elif section == "bfchar":
            for code, text in zip(items[0::2], items[1::2]):
                if isinstance(code, bytes) and isinstance(text, bytes):
                    self.mapping[code] = _utf16(text)
        elif section == "bfrange":
            for low, high, start in zip(items[0::3], items[1::3], items[2::3]):
                if isinstance(low, bytes) and isinstance(high, bytes):
                    self.ranges.append((int.from_bytes(low, "big"), int.from_bytes(high, "big"), len(low), start))

    def lookup(self, code: bytes) -> str | None:
        if code in self.mapping:
            return self.mapping[code]
        number = int.from_bytes(code, "big")
        for low, high, length, start in self.ranges:
            if length == len(code) and low <= number <= high:
                if isinstance(start, list):
                    index = number - low
                    return _utf16(start[index]) if index < len(start) else None
                base = bytearray(start)
                offset = number - low
                base[-1] = (base[-1] + offset) & 0xFF
                return _utf16(bytes(base))
        return None

    def decode(self, data: bytes) -> str:
        text = self._decoded.get(data)
        if text is None:
            text = self._decoded[data] = self._decode(data)
        return text

    def _decode(self, data: bytes) -> str:
        lengths = sorted(self.lengths or {1, 2})
        out = []
        index = 0
        while index < len(data):
            for length in lengths:
                code = data[index : index + length]
                text = self.lookup(code)
                if text is not None:
                    out.append(text)
                    index += length
                    break
            else:
                index += lengths[0]
        return "".join(out)


def _utf16(data: bytes) -> str:
    if len(data) % 2:
        data = b"\x00" + data
    return data.decode("utf-16-be", errors="replace")


def to_unicode_map(font: pikepdf.Dictionary) -> ToUnicodeMap | None:
    """The font's ToUnicode map parsed; None when it has none, or none that can be read or that maps anything."""
    stream = font.get("/ToUnicode")
    if not isinstance(stream, pikepdf.Stream):
        return None
    try:
        data = stream.read_bytes()
    except pikepdf.PdfError:
        return None
    cmap = ToUnicodeMap(data)
    return cmap if (cmap.mapping or cmap.ranges) else None
