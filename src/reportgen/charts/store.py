"""Chart drawings kept in the user's cache folder, by a hash of the figures and of everything that draws them.

Importing matplotlib and drawing the example's four charts costs about 0.6 s of CPU in every
build, for pictures that only change when the figures or the drawing code do. The key hashes
the chart's figures (ChartData's repr, which is exact for its strings and floats), the source
of every module that shapes a drawing, matplotlib's version and the font files; so a stored
drawing is the very bytes matplotlib would make now (tested), and any change redraws.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from ..runtime import cache
from ..runtime.fonts import font_faces
from .data import ChartData
from .fallback import fallback_fingerprint

KIND = "charts"


@lru_cache(maxsize=1)
def drawing_version() -> str:
    """A hash of the code, library and fonts a drawing depends on."""
    package = Path(__file__).resolve().parent
    sources = list(package.glob("*.py")) + [
        package.parent / name for name in ("core/wording.py", "runtime/fonts.py", "runtime/coverage.py")
    ]
    digest = hashlib.sha256(cache.files_digest(sources).encode("ascii"))
    spec = importlib.util.find_spec("matplotlib")
    version_file = Path(spec.origin).parent / "_version.py" if spec and spec.origin else None
    if version_file is not None and version_file.is_file():
        digest.update(version_file.read_bytes())
    else:  # an unusual install: its recorded version instead
        from importlib.metadata import PackageNotFoundError, version

        try:
            digest.update(version("matplotlib").encode("utf-8"))
        except PackageNotFoundError:
            digest.update(b"no matplotlib")
    for face in font_faces():
        digest.update(face.path.read_bytes())
    return digest.hexdigest()


def key(data: ChartData, form: str) -> str:
    # Text Lato lacks is drawn with installed fonts (fallback.py): they are part of the key too.
    fonts = fallback_fingerprint(repr(data))
    return hashlib.sha256(f"{drawing_version()}\0{form}\0{data!r}{fonts}".encode()).hexdigest()


def is_stored(data: ChartData, form: str = "svg") -> bool:
    """Whether the cache holds this drawing (`form` as for stored_svg)."""
    return cache.read(KIND, key(data, form)) is not None


def stored_svg(
    data: ChartData, draw: Callable[[ChartData], tuple[str, float, float]], form: str = "svg"
) -> tuple[str, float, float]:
    """(SVG text, width cm, height cm) from the cache, else drawn by `draw` and stored.

    `form` tells drawings of one chart apart: "svg", or "svg-narrow" for the phone's drawing.
    """
    name = key(data, form)
    raw = cache.read(KIND, name)
    if raw is not None:
        try:
            entry = json.loads(raw)
            return str(entry["svg"]), float(entry["width"]), float(entry["height"])
        except (ValueError, KeyError, TypeError):
            pass  # damaged: drawn again and replaced
    svg, width, height = draw(data)
    cache.write(KIND, name, json.dumps({"svg": svg, "width": width, "height": height}).encode("utf-8"))
    return svg, width, height


def stored_png(data: ChartData, draw: Callable[[ChartData], bytes]) -> bytes:
    """The chart's PNG from the cache, else drawn by `draw` and stored."""
    name = key(data, "png")
    raw = cache.read(KIND, name)
    if raw is not None and raw.startswith(b"\x89PNG\r\n\x1a\n") and raw.endswith(b"IEND\xaeB`\x82"):
        return raw
    png = draw(data)
    cache.write(KIND, name, png)
    return png
