"""The only URL fetcher WeasyPrint gets: it serves the house fonts and template assets, nothing else.

Workbook text is escaped before it reaches HTML, so content should never name a URL to
fetch. This is the second wall: even if it did (a file: image, a local port, a data:
URI), the request is refused here without touching the disk or the network.
"""

from __future__ import annotations

import logging
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher, URLFetcherResponse

from ...runtime.fonts import font_faces
from ..html.page import templates_dir

LOG = logging.getLogger(__name__)

_FONT_TYPES = {".ttf": "font/ttf", ".otf": "font/otf", ".woff": "font/woff", ".woff2": "font/woff2"}


class RefusedURL(ValueError):
    """A URL outside the allow-list; WeasyPrint logs it and renders without the resource."""


class AssetFetcher(URLFetcher):
    """Serves the Lato files and files inside the templates folder; refuses every other URL.

    `requested` and `refused` record every URL asked for, so tests can prove that hostile
    content never led to a fetch attempt.
    """

    def __init__(self, extra_files: tuple[Path, ...] = ()):
        super().__init__(allowed_protocols=("file",), allow_redirects=False, fail_on_errors=False)
        self._root = templates_dir()
        self._files = {face.path.resolve() for face in font_faces()} | {Path(p).resolve() for p in extra_files}
        self.requested: list[str] = []
        self.refused: list[str] = []

    def allowed_path(self, url: str) -> Path | None:
        """The local file `url` names, when it is one we serve; None otherwise."""
        parts = urlsplit(url)
        if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost") or parts.query:
            return None
        try:
            path = Path(unquote(parts.path)).resolve()
        except (OSError, RuntimeError, ValueError):
            return None
        inside_templates = path.is_relative_to(self._root)
        if (path in self._files or inside_templates) and path.is_file():
            return path
        return None

    def fetch(self, url, headers=None):
        self.requested.append(url)
        path = self.allowed_path(url)
        if path is None:
            self.refused.append(url)
            LOG.warning("refused to fetch %s: only the house fonts and template assets may be loaded", url[:200])
            raise RefusedURL(f"refused to fetch {url[:200]}")
        kind = _FONT_TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), body=path.read_bytes(), headers={"Content-Type": kind})
