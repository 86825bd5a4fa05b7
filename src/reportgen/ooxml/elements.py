"""Building WordprocessingML: python-docx's own element classes, with attributes in the element's namespace."""

from __future__ import annotations

import re

from docx.oxml.parser import OxmlElement

from .namespaces import qn

# Characters XML 1.0 cannot hold; a stray one pasted into Excel must not break the build.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def element(tag: str, **attributes) -> OxmlElement:
    """`element("w:jc", val="right")` -> <w:jc w:val="right"/>."""
    node = OxmlElement(tag)
    prefix = tag.split(":", 1)[0]
    for name, value in attributes.items():
        node.set(qn(f"{prefix}:{name}"), str(value))
    return node


def clean(text: str) -> str:
    """`text` without the characters XML 1.0 cannot hold."""
    return _NOT_XML.sub("", text)
