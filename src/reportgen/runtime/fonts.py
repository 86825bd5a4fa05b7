"""The house font (Lato, SIL Open Font Licence), found on disk so output never depends on fallbacks."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..core.errors import ReportgenError

FAMILY = "Lato"
_FILES = {
    ("normal", "normal"): "Lato-Regular.ttf",
    ("bold", "normal"): "Lato-Bold.ttf",
    ("normal", "italic"): "Lato-Italic.ttf",
    ("bold", "italic"): "Lato-BoldItalic.ttf",
}
_SEARCH = (
    "/usr/share/fonts/truetype/lato",
    "/usr/share/fonts/lato",
    "/usr/local/share/fonts/lato",
    "~/.local/share/fonts",
)


@dataclass(frozen=True)
class FontFace:
    weight: str
    style: str
    path: Path


@lru_cache(maxsize=1)
def font_faces() -> tuple[FontFace, ...]:
    """The four Lato faces; REPORTGEN_FONT_DIR overrides where they are looked for."""
    folders = [os.environ["REPORTGEN_FONT_DIR"]] if os.environ.get("REPORTGEN_FONT_DIR") else list(_SEARCH)
    for folder in folders:
        base = Path(folder).expanduser()
        faces = tuple(FontFace(w, s, base / name) for (w, s), name in _FILES.items())
        if all(face.path.is_file() for face in faces):
            return faces
    raise ReportgenError(
        "the Lato font is not installed (looked in " + ", ".join(folders) + "); run ./run setup, "
        "or install the Debian package fonts-lato"
    )
