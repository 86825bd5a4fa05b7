"""Fonts for chart text Lato cannot draw (Chinese, Devanagari, emoji), so Word's chart pictures show
no empty boxes.

Chart text is measured and drawn with the Lato files themselves. Text with a character Lato
lacks gets Lato followed by the installed fonts fontconfig names for those characters;
matplotlib then draws each character with the first font that has it, as Pango does for the
PDF. Latin-only text, nearly all of it, is left exactly as it was.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import warnings
from contextlib import contextmanager
from functools import lru_cache

from ..runtime.coverage import house_characters, is_drawn
from ..runtime.fonts import FAMILY, font_faces


def give_fallback_fonts(figure) -> None:
    """Add fallback fonts to every text of `figure` that has a character Lato lacks."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.text import Text

    for text in figure.findobj(Text):
        string = text.get_text()
        if not string or string.isascii():
            continue
        families = list(dict.fromkeys(family for c in _not_in_lato(string) if (family := _family_for(c)) is not None))
        if not families:
            continue
        properties = text.get_fontproperties()
        text.set_fontproperties(
            FontProperties(
                family=[_house_family(), *families],
                weight=properties.get_weight(),
                style=properties.get_style(),
                size=properties.get_size_in_points(),
            )
        )


def fallback_fingerprint(text: str) -> str:
    """The files (with size and time) of the fallback fonts `text` would be drawn with; "" for Latin text."""
    if text.isascii():
        return ""
    files = sorted({path for c in _not_in_lato(text) for path in _font_files_for(c)})
    parts = []
    for path in files:
        try:
            status = os.stat(path)
            parts.append(f"{path}:{status.st_size}:{status.st_mtime_ns}")
        except OSError:
            parts.append(path)
    return "\0" + "\0".join(parts) if parts else ""


def _not_in_lato(text: str) -> list[str]:
    """The characters of `text` that draw something and Lato lacks, each once, in order."""
    house = house_characters()
    return [c for c in dict.fromkeys(text) if ord(c) not in house and is_drawn(c)]


@lru_cache(maxsize=1)
def _house_family() -> str:
    """Lato's four files, registered by name so a family list can start with them."""
    from matplotlib.font_manager import fontManager

    for face in font_faces():
        fontManager.addfont(str(face.path))
    return FAMILY


@lru_cache(maxsize=512)
def _family_for(character: str) -> str | None:
    """The family of the installed font fontconfig offers for `character`, its faces registered with matplotlib."""
    from matplotlib.font_manager import FontProperties, fontManager

    files = _font_files_for(character)
    if not files:
        return None
    family = None
    for path in files:  # every face of the family, so bold text finds a bold face
        try:
            fontManager.addfont(path)
            family = family or FontProperties(fname=path).get_name()
        except (OSError, RuntimeError, ValueError):  # a font matplotlib cannot read
            continue
    return family


@lru_cache(maxsize=512)
def _font_files_for(character: str) -> tuple[str, ...]:
    """The files of the preferred installed family that has `character`: Noto Sans first, then by name."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return ()
    try:
        listed = subprocess.run(
            [fc_list, f":charset={ord(character):x}", "--format", "%{family[0]}\t%{file}\n"],
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return ()
    by_family: dict[str, list[str]] = {}
    for line in listed.splitlines():
        family, _, path = line.partition("\t")
        # Outline fonts only: matplotlib cannot draw colour bitmaps (Noto Color Emoji).
        if path.lower().endswith((".ttf", ".otf", ".ttc")) and "color" not in path.lower():
            by_family.setdefault(family, []).append(path)
    if not by_family:
        return ()
    # Sorted, so the choice does not depend on the order fontconfig happens to list fonts in.
    family = min(by_family, key=lambda name: (not name.startswith("Noto Sans"), "Mono" in name, name))
    return tuple(sorted(by_family[family], key=lambda path: ("Regular" not in path, path)))


@contextmanager
def glyph_warnings_quiet():
    """Silence matplotlib's 'Glyph missing' warnings while a chart is laid out: labels are measured
    before give_fallback_fonts runs, and validation reports any character no font has (glyph-missing)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .* missing from font", category=UserWarning)
        yield
