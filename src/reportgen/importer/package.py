"""Opens an untrusted .docx: the workbook's zip, size and DOCTYPE checks, then python-docx."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

from ..errors import ReportgenError
from ..workbook import safety

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_WORD_PARTS = (".xml", ".rels")


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
        raise ReportgenError(f"{path}: the Word document could not be read ({detail}); open it in Word and "
                             "save it again as .docx") from None


def read_docx_bytes(path: Path) -> bytes:
    """The file's bytes, read once, after checking it is a Word document safe to parse."""
    name = str(path)
    if not path.exists():
        raise ReportgenError(f"{name}: no such file")
    if path.is_dir():
        raise ReportgenError(f"{name}: is a folder, not a Word document")
    if not os.access(path, os.R_OK):
        raise ReportgenError(f"{name}: cannot be read (permission denied)")
    if path.stat().st_size > safety.MAX_FILE_BYTES:
        raise ReportgenError(f"{name}: the file is {path.stat().st_size // (1024 * 1024)} MB; documents over "
                             f"{safety.MAX_FILE_BYTES // (1024 * 1024)} MB are refused")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReportgenError(f"{name}: cannot be read ({exc.strerror or exc})") from None
    check_docx_bytes(name, data)
    return data


def check_docx_bytes(name: str, data: bytes) -> None:
    if not data:
        raise ReportgenError(f"{name}: the file is empty; it is not a Word document")
    if data.startswith(_OLE_MAGIC):
        raise ReportgenError(_ole_message(name, data))
    if not zipfile.is_zipfile(io.BytesIO(data)):
        if data.startswith(b"PK"):
            raise ReportgenError(f"{name}: the document is damaged or incomplete (truncated zip); save it again "
                                 "from Word")
        raise ReportgenError(f"{name}: not a Word document ({safety._guess_kind(data)}); save it from Word as .docx")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            names = {info.filename for info in members}
            safety._check_sizes(name, members, what="document")
            if "word/document.xml" not in names:
                raise ReportgenError(_not_a_document(name, names))
            for info in members:
                if info.filename.lower().endswith(_WORD_PARTS) and not info.is_dir():
                    problem = safety._prolog_problem(archive, info)
                    if problem:
                        raise ReportgenError(f"{name}: part {info.filename} {problem}, which Word never writes; "
                                             "refused as unsafe")
    except zipfile.BadZipFile as exc:
        raise ReportgenError(f"{name}: the document is damaged ({exc}); save it again from Word") from None
    except (zipfile.LargeZipFile, NotImplementedError, RuntimeError) as exc:
        raise ReportgenError(f"{name}: the document uses a zip feature that cannot be read ({exc}); save it again "
                             "from Word") from None
    except (OSError, EOFError, ValueError) as exc:  # zlib errors in a damaged part
        raise ReportgenError(f"{name}: the document is damaged ({exc}); save it again from Word") from None


def _not_a_document(name: str, names: set[str]) -> str:
    if "xl/workbook.xml" in names:
        return f"{name}: is an Excel workbook, not a Word document; import reads editions published as .docx"
    if "ppt/presentation.xml" in names:
        return f"{name}: is a PowerPoint file, not a Word document"
    if "content.xml" in names and "mimetype" in names:
        return f"{name}: is an OpenDocument file, not a Word document; save it from Word as .docx"
    return f"{name}: is a zip file but not a Word document"


def _ole_message(name: str, data: bytes) -> str:
    head = data[: 2 * 1024 * 1024]
    if "EncryptedPackage".encode("utf-16-le") in head or "EncryptionInfo".encode("utf-16-le") in head:
        return (f"{name}: the document is password-protected; remove the password in Word "
                "(File > Info > Protect Document > Encrypt with Password) and try again")
    if "WordDocument".encode("utf-16-le") in head:
        return f"{name}: is an old Word 97-2003 document (.doc); open it in Word and save it as .docx"
    return f"{name}: is an old Office 97-2003 file, not a Word document; save it from Word as .docx"
