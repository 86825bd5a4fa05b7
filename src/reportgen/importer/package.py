"""Opens an untrusted .docx: the size, zip-bomb and DOCTYPE checks every Office file gets, then python-docx."""

from __future__ import annotations

import io
from pathlib import Path

from ..core.errors import ReportgenError
from ..ooxml.formats import DOCUMENT
from ..ooxml.opening import check_office_bytes, read_office_file


def open_document(path: Path):
    """The python-docx Document for `path`, once the file has passed every check."""
    import docx

    data = read_docx_bytes(Path(path))
    try:
        return docx.Document(io.BytesIO(data))
    except ReportgenError:
        raise
    except Exception as exc:  # python-docx and lxml raise many types for a damaged part
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ReportgenError(
            f"{path}: the Word document could not be read ({detail}); open it in Word and save it again as .docx"
        ) from None


def read_docx_bytes(path: Path) -> bytes:
    """The file's bytes, read once, after checking it is a Word document safe to parse."""
    return read_office_file(Path(path), DOCUMENT)[0]


def check_docx_bytes(name: str, data: bytes) -> None:
    """Raise ReportgenError unless `data` is a Word document safe to parse."""
    check_office_bytes(name, data, DOCUMENT)
