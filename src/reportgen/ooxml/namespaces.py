"""The XML namespaces of the Office files reportgen reads and writes, and qualified names made from them."""

from __future__ import annotations

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
XML = "http://www.w3.org/XML/1998/namespace"

# The prefixes are the ones Word writes, so `find("w:pPr", NS)` reads like the XML it searches.
NS = {
    "w": W,
    "r": R,
    "wp": WP,
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "v": "urn:schemas-microsoft-com:vml",
    "o": "urn:schemas-microsoft-com:office:office",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "adec": "http://schemas.microsoft.com/office/drawing/2017/decorative",
    "mc": MC,
    "xml": XML,
}


def qn(tag: str) -> str:
    """`qn("w:p")` -> "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p", lxml's Clark notation."""
    prefix, local = tag.split(":", 1)
    return f"{{{NS[prefix]}}}{local}"
