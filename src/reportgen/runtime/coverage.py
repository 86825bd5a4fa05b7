"""Which characters the PDF can draw: the house font (Lato), then every font fontconfig offers.

WeasyPrint lays text out with Pango, which draws a character Lato lacks with the first
installed font that has it (`./run` installs Debian's Noto fonts for this: most scripts,
Chinese, Japanese, Korean and emoji). A character no font has prints as an empty box, so
validation reports it at its cell before anything is built.
"""

from __future__ import annotations

import bisect
import os
import shutil
import subprocess
import unicodedata
from functools import lru_cache
from pathlib import Path

from .fonts import font_faces

# Characters nothing is drawn for: line ends, controls, joiners and variation selectors.
_NOT_DRAWN = {"Cc", "Cf", "Zl", "Zp"}
_FONT_FOLDERS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts")
_COLLECTION_SUFFIXES = (".ttc", ".otc")  # several fonts in one file
_FONT_SUFFIXES = (".ttf", ".otf", *_COLLECTION_SUFFIXES)


def is_drawn(character: str) -> bool:
    code = ord(character)
    if 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF:
        return False
    return not character.isspace() and unicodedata.category(character) not in _NOT_DRAWN


@lru_cache(maxsize=1)
def house_characters() -> frozenset[int]:
    """Code points every Lato face has (a heading in bold must find its glyph as body text does)."""
    import logging  # here, not above: see _scanned_ranges

    from fontTools.ttLib import TTFont

    logging.getLogger("fontTools").setLevel(logging.ERROR)
    sets = []
    for face in font_faces():
        font = TTFont(str(face.path), lazy=True)
        sets.append(frozenset(font.getBestCmap() or {}))
        font.close()
    return frozenset.intersection(*sets)


class Coverage:
    """Sorted, merged code point ranges, asked one character at a time."""

    def __init__(self, ranges: list[tuple[int, int]]):
        merged: list[list[int]] = []
        for low, high in sorted(ranges):
            if merged and low <= merged[-1][1] + 1:
                merged[-1][1] = max(merged[-1][1], high)
            else:
                merged.append([low, high])
        self.lows = [low for low, _ in merged]
        self.highs = [high for _, high in merged]

    def __contains__(self, code: int) -> bool:
        index = bisect.bisect_right(self.lows, code) - 1
        return index >= 0 and code <= self.highs[index]


@lru_cache(maxsize=1)
def installed_coverage() -> Coverage:
    """Every code point some installed font has, as fontconfig (and so Pango) sees them."""
    fc_list = shutil.which("fc-list")
    if fc_list is not None:
        try:
            listed = subprocess.run(
                [fc_list, "--format", "%{charset}\n"], capture_output=True, text=True, timeout=60, check=True
            ).stdout
            return Coverage(list(_charset_ranges(listed)))
        except (OSError, subprocess.SubprocessError):
            pass
    return Coverage(list(_scanned_ranges()))


def _charset_ranges(listed: str):
    for token in listed.split():
        low, _, high = token.partition("-")
        try:
            yield int(low, 16), int(high or low, 16)
        except ValueError:
            continue


def _scanned_ranges():
    """Without fc-list: read each font's character map with fontTools (slower, same answer)."""
    # logging is imported only when fonts are read: importing it registers fork handlers, and a
    # SIGTERM that lands inside one while the build forks its PDF worker would be swallowed.
    import logging

    from fontTools.ttLib import TTCollection, TTFont

    logging.getLogger("fontTools").setLevel(logging.ERROR)
    for folder in _FONT_FOLDERS:
        base = Path(folder).expanduser()
        if not base.is_dir():
            continue
        for root, _dirs, files in os.walk(base):
            for name in sorted(files):
                if not name.lower().endswith(_FONT_SUFFIXES):
                    continue
                path = os.path.join(root, name)
                try:
                    collection = name.lower().endswith(_COLLECTION_SUFFIXES)
                    fonts = TTCollection(path, lazy=True).fonts if collection else [TTFont(path, lazy=True)]
                    for font in fonts:
                        for code in font.getBestCmap() or {}:
                            yield code, code
                except Exception:  # a damaged or unsupported font file draws nothing
                    continue


def missing_characters(text: str) -> list[str]:
    """The characters of `text`, in order of first use, that no font the PDF may use can draw."""
    house = house_characters()
    candidates = [c for c in dict.fromkeys(text) if ord(c) not in house and is_drawn(c)]
    if not candidates:
        return []
    coverage = installed_coverage()
    return [c for c in candidates if ord(c) not in coverage]


def describe(character: str) -> str:
    """'ह' (U+0939 DEVANAGARI LETTER HA): the character, its code point and name."""
    name = unicodedata.name(character, "")
    code = "+".join(f"U+{ord(c):04X}" for c in character)
    return f"'{character}' ({code}{' ' + name if name else ''})"
