"""The house font for the self-contained web page: Lato, cut down to the characters used, as data: URIs.

Embedding keeps the page free of external requests and independent of the reader's fonts.
Only the glyphs the page prints are kept, and no layout tables, because a whole face is
over 600 KB and subsetting the shaping tables costs several times more than the rest.
"""

from __future__ import annotations

import base64
import io
import logging
from functools import lru_cache

from ...runtime.fonts import FAMILY, FontFace, font_faces

# Characters every page may show whatever its text (the printable ASCII range).
_BASE = frozenset(chr(c) for c in range(0x20, 0x7F))


def font_face_css(text: str, italic: bool) -> str:
    """@font-face rules for the faces the page uses, holding the glyphs that appear in `text`."""
    characters = frozenset(text) | _BASE
    rules = []
    for face in font_faces():
        if face.style == "italic" and not italic:
            continue
        data = _subset(face, "".join(sorted(characters)))
        rules.append(
            f'@font-face{{font-family:"{FAMILY}";font-weight:{face.weight};font-style:{face.style};'
            f'font-display:swap;src:url(data:font/woff;base64,{data}) format("woff")}}'
        )
    return "\n".join(rules)


@lru_cache(maxsize=16)
def _subset(face: FontFace, characters: str) -> str:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    # fontTools warns about Lato's old creation timestamp; it changes nothing we keep.
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    options = subset.Options()
    options.layout_features = []
    options.drop_tables += ["GPOS", "GSUB", "GDEF", "kern"]
    options.hinting = False
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]  # family, style, version, licence: the OFL needs them
    options.flavor = "woff"
    font = TTFont(str(face.path), lazy=True, recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(c) for c in characters if ord(c) >= 0x20])
    subsetter.subset(font)
    buffer = io.BytesIO()
    font.flavor = "woff"
    font.save(buffer)
    return base64.b64encode(buffer.getvalue()).decode("ascii")
