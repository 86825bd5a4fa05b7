"""Chart SVG made safe to inline: no scripts, no foreign content, no reference outside the drawing."""

from __future__ import annotations

import re

from lxml import etree
from markupsafe import Markup

from ...errors import ReportgenError

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
_DROPPED = {"script", "foreignObject", "image", "iframe", "object", "embed", "audio", "video", "a"}
# url(#clip1) points inside the drawing; any other url(...) could name a file or a server.
_OUTSIDE_URL = re.compile(r"url\(\s*['\"]?(?!#)", re.IGNORECASE)
_IMPORT = re.compile(r"@import", re.IGNORECASE)


def safe_svg(svg_text: str, alt: str, name: str = "chart") -> Markup:
    """The chart's <svg> with nothing that could fetch or run, labelled with its text alternative.

    The drawing comes from our own chart code, but its labels come from the workbook, so it
    is treated like any other content: parsed, pruned and re-serialised.
    """
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, remove_comments=True,
                             remove_pis=True, huge_tree=False)
    try:
        root = etree.fromstring(svg_text.encode("utf-8"), parser)
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise ReportgenError(f"{name}: the drawn chart is not well-formed SVG ({exc})") from None
    if etree.QName(root).localname != "svg":
        raise ReportgenError(f"{name}: the drawn chart is not an <svg> element")
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        local = etree.QName(element).localname
        if local in _DROPPED or (local == "use" and not _internal(_href(element))):
            element.getparent().remove(element)
            continue
        if local == "style" and element.text and (_OUTSIDE_URL.search(element.text) or _IMPORT.search(element.text)):
            element.text = ""
        for attribute, value in list(element.attrib.items()):
            key = etree.QName(attribute).localname.casefold()
            if key.startswith("on") or (key == "href" and not _internal(value)) or _OUTSIDE_URL.search(value):
                del element.attrib[attribute]
    root.set("role", "img")
    root.set("aria-label", alt)
    root.set("focusable", "false")
    for title in root.findall(f"{{{SVG_NS}}}title"):
        root.remove(title)
    title = etree.Element(f"{{{SVG_NS}}}title")
    title.text = alt
    root.insert(0, title)
    return Markup(etree.tostring(root, encoding="unicode"))


def _href(element) -> str:
    return element.get("href") or element.get(f"{{{XLINK_NS}}}href") or ""


def _internal(value: str) -> bool:
    return value.strip().startswith("#")
