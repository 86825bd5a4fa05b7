"""Accessibility checks for finished PDF, DOCX and HTML files, with findings in the contract's format.

Each kind's checker is the module named after it here (pdf.py, docx.py, html.py), which registers a
`Checker` when it is imported; `check_bytes` imports only the one it needs.
"""

from __future__ import annotations

import importlib
import zipfile
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from ..core.errors import ReportgenError
from ..core.findings import Finding

KINDS = ("pdf", "docx", "html")


@dataclass(frozen=True)
class Checker:
    kind: str  # "pdf": also the name of the module that registers it
    check: Callable[..., list[Finding]]  # check(data, name, readability=..., **the options it takes)
    takes: tuple[str, ...] = ()  # which of check_bytes' optional arguments it is given
    # What a build (whose own templates made the file) adds to those arguments: ("remember_shapes", True).
    in_build: tuple[tuple[str, object], ...] = ()
    # For a check that needs something slow to start (a browser): a context that starts it before the
    # file exists, so it starts while other formats are written, and gives the `runner` to pass (or None).
    start_early: Callable[[], AbstractContextManager] | None = None


_CHECKERS: dict[str, Checker] = {}


def first_line(exc: Exception) -> str:
    """The first line of an exception's message, or its kind when it has none: the detail a one-line message quotes."""
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def register(checker: Checker) -> None:
    """Called by each kind's module when it is imported."""
    _CHECKERS[checker.kind] = checker


def checker(kind: str) -> Checker | None:
    if kind not in _CHECKERS and kind in KINDS:
        importlib.import_module(f"{__name__}.{kind}")  # registers it
    return _CHECKERS.get(kind)


_SUFFIXES = {".pdf": "pdf", ".docx": "docx", ".html": "html", ".htm": "html", ".xhtml": "html"}


def detect_kind(data: bytes, name: str) -> str:
    """'pdf', 'docx' or 'html', from the file's content first and its name second."""
    head = data[:1024].lstrip()
    if head.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(BytesIO(data)) as archive:
                if "word/document.xml" in archive.namelist():
                    return "docx"
        except zipfile.BadZipFile:
            pass
        raise ReportgenError(
            f"{name}: is a zip file but not a Word document (.docx); reportgen checks PDF, DOCX and HTML files"
        )
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ReportgenError(
            f"{name}: is an encrypted or old-format (.doc) Word file; save it as an unprotected .docx and check that"
        )
    lowered = head[:512].lower()
    suffix = Path(name).suffix.lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"\xef\xbb\xbf<!doctype html", b"\xef\xbb\xbf<html")) or (
        _SUFFIXES.get(suffix) == "html" and b"<" in lowered
    ):
        return "html"
    if suffix in _SUFFIXES:
        raise ReportgenError(f"{name}: the content is not a {_SUFFIXES[suffix].upper()} file, whatever its name says")
    raise ReportgenError(f"{name}: reportgen checks PDF, DOCX and HTML files; this is none of them")


def check_bytes(
    data: bytes,
    kind: str,
    name: str,
    *,
    readability: bool = False,
    runner=None,
    executor=None,
    remember_shapes: bool = False,
) -> list[Finding]:
    """Accessibility findings for a document held in memory; `kind` is 'pdf', 'docx' or 'html'.

    With `readability`, reading-ease information (warnings only) is added for each update or section.
    `runner` is an open html.AxeRunner for an HTML check, when the caller started the browser early;
    `executor` a process pool of the caller's that may read half of a long PDF's pages.
    `remember_shapes` lets a page our own templates made skip axe-core when its shape has
    passed before (html_shape); only the build asks for it.
    Raises ReportgenError when the file cannot be read as that kind, or a tool the check needs is missing.
    """
    found = checker(kind)
    if found is None:
        raise ReportgenError(f"{name}: cannot check files of kind '{kind}'; choose one of {', '.join(KINDS)}")
    offered = {"executor": executor, "runner": runner, "remember_shapes": remember_shapes}
    return found.check(data, name, readability=readability, **{option: offered[option] for option in found.takes})


def check_file(path: Path, *, readability: bool = False) -> list[Finding]:
    """Accessibility findings for a PDF, DOCX or HTML file on disk (the file is only read)."""
    path = Path(path)
    if path.is_dir():
        raise ReportgenError(f"{path}: is a folder; name a PDF, DOCX or HTML file")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ReportgenError(f"{path}: no such file") from None
    except OSError as exc:
        raise ReportgenError(f"{path}: cannot read the file ({exc.strerror or exc})") from None
    if not data:
        raise ReportgenError(f"{path}: the file is empty")
    return check_bytes(data, detect_kind(data, str(path)), str(path), readability=readability)
