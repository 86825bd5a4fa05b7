"""Where the HTML check finds Chromium and axe-core, and the arguments Chromium starts with.

Apart from the check itself (html.py), so that the page-shape memory (html_shape.py) can name
the versions it was made with, and the workspace's browser tests can start the same browser.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..core.errors import ReportgenError

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def axe_path() -> Path:
    """axe.min.js: REPORTGEN_AXE_PATH, else node_modules/axe-core beside the project or the working folder."""
    configured = os.environ.get("REPORTGEN_AXE_PATH")
    if configured:
        path = Path(configured)
        if not path.is_file():
            raise ReportgenError(f"REPORTGEN_AXE_PATH names {path}, which is not a file; point it at axe.min.js")
        return path
    for root in (Path(__file__).resolve().parents[3], Path.cwd()):
        path = root / "node_modules" / "axe-core" / "axe.min.js"
        if path.is_file():
            return path
    raise ReportgenError(
        "axe-core is missing, so HTML files cannot be checked: run 'npm install' in the reportgen "
        "project folder (or ./run setup), or set REPORTGEN_AXE_PATH to axe-core's axe.min.js"
    )


def chromium_path() -> str:
    path = os.environ.get("REPORTGEN_CHROMIUM", CHROMIUM)
    if not Path(path).is_file():
        raise ReportgenError(
            f"Chromium is missing ({path}), so HTML files cannot be checked: install Debian's "
            "chromium package (apt-get install chromium), or set REPORTGEN_CHROMIUM to the browser"
        )
    return path
