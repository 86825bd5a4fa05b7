"""Opens an untrusted .docx: the workbook's zip, size and DOCTYPE checks, then python-docx."""

from __future__ import annotations

import io
from pathlib import Path

from ..core.errors import ReportgenError
from ..workbook import safety


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
    return safety.read_office_file(Path(path), DOCUMENT, _inspect_nothing)[0]


def check_docx_bytes(name: str, data: bytes) -> None:
    safety.check_office_bytes(name, data, DOCUMENT, _inspect_nothing)


def _inspect_nothing(name, archive, members, names) -> None:
    return None


def _not_a_document(name: str, names: set[str]) -> str:
    if "xl/workbook.xml" in names:
        return f"{name}: is an Excel workbook, not a Word document (.docx)"
    if "ppt/presentation.xml" in names:
        return f"{name}: is a PowerPoint file, not a Word document"
    if "content.xml" in names and "mimetype" in names:
        return f"{name}: is an OpenDocument file, not a Word document; save it from Word as .docx"
    return f"{name}: is a zip file but not a Word document"


def _ole_message(name: str, data: bytes) -> str:
    head = data[: 2 * 1024 * 1024]
    if "EncryptedPackage".encode("utf-16-le") in head or "EncryptionInfo".encode("utf-16-le") in head:
        return (
            f"{name}: the document is password-protected; remove the password in Word "
            "(File > Info > Protect Document > Encrypt with Password) and try again"
        )
    if "WordDocument".encode("utf-16-le") in head:
        return f"{name}: is an old Word 97-2003 document (.doc); open it in Word and save it as .docx"
    return f"{name}: is an old Office 97-2003 file, not a Word document; save it from Word as .docx"


DOCUMENT = safety.OfficeFormat(
    "document", "a Word document", "Word", ".docx", "word/document.xml", _not_a_document, _ole_message
)
