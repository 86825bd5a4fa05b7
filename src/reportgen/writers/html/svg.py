"""Chart SVG made safe to inline: no scripts, no foreign content, no reference outside the drawing."""

from __future__ import annotations

import re

from lxml import etree
from markupsafe import Markup

from ...core.errors import ReportgenError
from ...ooxml.parser import parse

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
# Animation elements are dropped too: <set> and <animate> can rewrite an href after the fact.
_DROPPED = {
    "script",
    "foreignObject",
    "image",
    "iframe",
    "object",
    "embed",
    "audio",
    "video",
    "a",
    "set",
    "animate",
    "animateMotion",
    "animateTransform",
    "discard",
    "handler",
    "listener",
}
# url(#clip1) points inside the drawing; any other url(...) could name a file or a server.
_OUTSIDE_URL = re.compile(r"url\(\s*['\"]?(?!#)", re.IGNORECASE)
_IMPORT = re.compile(r"@import", re.IGNORECASE)
_ID_REFERENCE = re.compile(r"url\(\s*(['\"]?)#([^)'\"\s]+)\1\s*\)")


def safe_svg(svg_text: str, alt: str, name: str = "chart", id_prefix: str = "") -> Markup:
    """The chart's <svg> with nothing that could fetch or run, labelled with its text alternative.

    The drawing comes from our own chart code, but its labels come from the workbook, so it
    is treated like any other content: parsed, pruned and re-serialised. `id_prefix` keeps
    the ids of several drawings on one page apart (chart libraries reuse names like "patch_1").
    """
    try:
        root = parse(svg_text.encode("utf-8"), remove_comments=True, remove_pis=True)
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise ReportgenError(f"{name}: the drawn chart is not well-formed SVG ({exc})") from None
    if etree.QName(root).localname != "svg":
        raise ReportgenError(f"{name}: the drawn chart is not an <svg> element")
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            # An entity reference left unresolved (a DOCTYPE could declare one naming a file).
            if isinstance(element, etree._Entity):
                _remove_keeping_tail(element)
            continue
        local = etree.QName(element).localname
        if local in _DROPPED or (local == "use" and not _internal(_href(element))):
            _remove_keeping_tail(element)
            continue
        if local == "style" and element.text and (_OUTSIDE_URL.search(element.text) or _IMPORT.search(element.text)):
            element.text = ""
        for attribute, value in list(element.attrib.items()):
            key = etree.QName(attribute).localname.casefold()
            if key.startswith("on") or (key == "href" and not _internal(value)) or _OUTSIDE_URL.search(value):
                del element.attrib[attribute]
    if id_prefix:
        _prefix_ids(root, id_prefix)
    root.set("role", "img")
    root.set("aria-label", alt)
    root.set("focusable", "false")
    for title in root.findall(f"{{{SVG_NS}}}title"):
        root.remove(title)
    title = etree.Element(f"{{{SVG_NS}}}title")
    title.text = alt
    root.insert(0, title)
    return Markup(etree.tostring(root, encoding="unicode"))


def _prefix_ids(root, prefix: str) -> None:
    renamed = {}
    for element in root.iter(tag=etree.Element):
        if element.get("id"):
            renamed[element.get("id")] = f"{prefix}-{element.get('id')}"
            element.set("id", renamed[element.get("id")])

    def rename(match: re.Match) -> str:
        return f"url(#{renamed.get(match.group(2), match.group(2))})"

    for element in root.iter(tag=etree.Element):
        if etree.QName(element).localname == "style" and element.text:
            element.text = _ID_REFERENCE.sub(rename, element.text)
        for attribute, value in element.attrib.items():
            if value.startswith("#") and etree.QName(attribute).localname == "href":
                element.set(attribute, "#" + renamed.get(value[1:], value[1:]))
            elif "url(" in value:
                element.set(attribute, _ID_REFERENCE.sub(rename, value))


def _remove_keeping_tail(node) -> None:
    parent, tail = node.getparent(), node.tail or ""
    previous = node.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(node)


def _href(element) -> str:
    return element.get("href") or element.get(f"{{{XLINK_NS}}}href") or ""


def _internal(value: str) -> bool:
    return value.strip().startswith("#")
