"""Renderers: each turns the document model into the bytes of one format.

Every renderer has the same signature, `render(edition) -> bytes`, and reads the model
only. FORMATS is the one registry the CLI and the build draw their choices from.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from ..core.model import Edition

# format -> (module, file suffix, description)
FORMATS: dict[str, tuple[str, str, str]] = {
    "docx": ("reportgen.writers.docx.writer", ".docx", "Word document"),
    "pdf": ("reportgen.writers.pdf.writer", ".pdf", "PDF/UA-1"),
    "html": ("reportgen.writers.html.writer", ".html", "accessible web page"),
}


def renderer(name: str) -> Callable[[Edition], bytes]:
    module = importlib.import_module(FORMATS[name][0])
    return module.render
