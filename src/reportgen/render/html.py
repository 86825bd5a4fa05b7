"""The HTML renderer: one self-contained, accessible web page (styles and fonts inlined, no scripts)."""

from __future__ import annotations

from ..model import Edition
from .web.fonts import font_face_css
from .web.page import fill_fonts, page_html


def render(edition: Edition) -> bytes:
    html = page_html(edition, "screen")
    # Lato travels inside the page as data: URIs so it never depends on the reader's fonts
    # nor makes a request; the italic faces only when the page has italic text.
    # The markup's own characters are a superset of the printed ones: a few spare glyphs
    # cost less than parsing the page again to find the text.
    fonts = font_face_css(html, italic="<em>" in html)
    return fill_fonts(html, fonts).encode("utf-8")

