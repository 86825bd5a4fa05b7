"""matplotlib's SVG made fit to share a page with other charts: ids unique to the chart, no metadata or comments."""

from __future__ import annotations

import hashlib
import re

from lxml import etree

from ..ooxml.parser import parse

_SVG = "http://www.w3.org/2000/svg"
_XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
_URL_REF = re.compile(r"url\(#([^)\s]+)\)")


def id_prefix(group: str) -> str:
    """A prefix for the chart's ids; matplotlib numbers every drawing alike, so two charts on one page would clash."""
    return "chart-" + hashlib.sha256(group.encode("utf-8")).hexdigest()[:10] + "-"


def tidy_svg(svg_text: str, prefix: str) -> str:
    """The <svg> element alone: referenced ids prefixed; other ids, metadata, comments and page-wide styles dropped."""
    root = parse(svg_text.encode("utf-8"), remove_comments=True)
    for metadata in root.findall(f"{{{_SVG}}}metadata"):
        root.remove(metadata)
    # matplotlib sets its line joins with a '*' rule; inlined in a web page that rule would reach
    # every other SVG on it, so the same values go on this drawing's root, where they inherit.
    for style in root.iter(f"{{{_SVG}}}style"):
        if "stroke-linejoin" in (style.text or ""):
            style.getparent().remove(style)
            root.set("stroke-linejoin", "round")
            root.set("stroke-linecap", "butt")
    referenced = set()
    for element in root.iter():
        for name, value in element.attrib.items():
            if name in ("href", _XLINK_HREF) and value.startswith("#"):
                referenced.add(value[1:])
            referenced.update(_URL_REF.findall(value))
    for element in root.iter():
        identifier = element.get("id")
        if identifier is not None:
            if identifier in referenced:
                element.set("id", prefix + identifier)
            else:
                del element.attrib["id"]
        for name, value in list(element.attrib.items()):
            if name in ("href", _XLINK_HREF) and value.startswith("#"):
                element.set(name, "#" + prefix + value[1:])
            elif "url(#" in value:
                element.set(name, _URL_REF.sub(lambda m: f"url(#{prefix}{m.group(1)})", value))
    return etree.tostring(root, encoding="unicode")
