"""The HTML writer: one self-contained, accessible web page (styles and fonts inlined, no scripts)."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from ...outline.outlined import OutlinedEdition
from ...runtime import cache
from .. import WriteOptions
from .fonts import font_face_css
from .page import fill_fonts, page_html

FONT_KIND = "web-fonts"


def write(document: OutlinedEdition, options: WriteOptions) -> bytes:
    """The page's bytes (UTF-8); no option applies to it."""
    html = page_html(document, "screen")
    # Lato travels inside the page as data: URIs so it never depends on the reader's fonts
    # nor makes a request; the italic faces only when the page has italic text.
    # The markup's own characters are a superset of the printed ones: a few spare glyphs
    # cost less than parsing the page again to find the text.
    fonts = _stored_font_css(html, italic="<em>" in html)
    return fill_fonts(html, fonts).encode("utf-8")


def _stored_font_css(html: str, italic: bool) -> str:
    """font_face_css from the user cache folder when the page uses the same characters as before.

    Cutting Lato down to a page's characters (fontTools) costs about 0.16 s of CPU a build,
    and the characters rarely change between builds; the key hashes them, the subsetting
    code, fontTools' version and the font files, so a stored answer is the one fontTools
    would give now.
    """
    characters = "".join(sorted(set(html)))
    key = hashlib.sha256(f"{_font_version()}\0{italic}\0{characters}".encode("utf-8", "surrogatepass")).hexdigest()
    stored = cache.read(FONT_KIND, key)
    if stored is not None:
        try:
            return stored.decode("utf-8")
        except UnicodeDecodeError:
            pass
    css = font_face_css(html, italic=italic)
    cache.write(FONT_KIND, key, css.encode("utf-8"))
    return css


@lru_cache(maxsize=1)
def _font_version() -> str:
    import importlib.util

    from ...runtime.fonts import font_faces
    from . import fonts as web_fonts

    digest = hashlib.sha256(Path(web_fonts.__file__).read_bytes())
    spec = importlib.util.find_spec("fontTools")
    if spec is not None and spec.origin:
        digest.update(Path(spec.origin).read_bytes())  # fontTools/__init__.py holds its version
    for face in font_faces():
        digest.update(face.path.read_bytes())
    return digest.hexdigest()
