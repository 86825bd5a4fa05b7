"""Checks a file is a workbook we may open, before anything is expanded in memory.

openpyxl trusts its input; these checks refuse the files it should never see: not a
zip, the wrong kind of Office file, a password-protected or legacy workbook, a zip
bomb, or XML carrying a DOCTYPE (the door to entity-expansion bombs).
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

from ..errors import ReportgenError

MAX_FILE_BYTES = 100 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 400 * 1024 * 1024
MAX_MEMBER_BYTES = 200 * 1024 * 1024
MAX_RATIO = 200  # real sheet XML compresses about 10 to 30 times
MAX_MEMBERS = 10_000
_RATIO_APPLIES_ABOVE = 5 * 1024 * 1024
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def check_workbook_file(path: Path) -> bool:
    """Raise ReportgenError unless `path` is a readable .xlsx/.xlsm; return True for a macro-enabled one."""
    name = str(path)
    if not path.exists():
        raise ReportgenError(f"{name}: no such file")
    if path.is_dir():
        raise ReportgenError(f"{name}: is a folder, not a workbook")
    if not os.access(path, os.R_OK):
        raise ReportgenError(f"{name}: cannot be read (permission denied)")
    size = path.stat().st_size
    if size == 0:
        raise ReportgenError(f"{name}: the file is empty; it is not an Excel workbook")
    if size > MAX_FILE_BYTES:
        raise ReportgenError(f"{name}: the file is {size // (1024 * 1024)} MB; workbooks over "
                             f"{MAX_FILE_BYTES // (1024 * 1024)} MB are refused")
    with path.open("rb") as handle:
        head = handle.read(8)
    if head == _OLE_MAGIC:
        raise ReportgenError(_ole_message(path))
    if not zipfile.is_zipfile(path):
        if head.startswith(b"PK"):
            raise ReportgenError(f"{name}: the workbook is damaged or incomplete (truncated zip); "
                                 "save it again from Excel")
        raise ReportgenError(f"{name}: not an Excel workbook ({_guess_kind(path)}); save it from Excel as .xlsx")
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            names = {info.filename for info in members}
            _check_sizes(name, members)
            if "xl/workbook.xml" not in names:
                if "word/document.xml" in names:
                    raise ReportgenError(f"{name}: is a Word document, not an Excel workbook")
                if "ppt/presentation.xml" in names:
                    raise ReportgenError(f"{name}: is a PowerPoint file, not an Excel workbook")
                if "xl/workbook.bin" in names:
                    raise ReportgenError(f"{name}: is an Excel binary workbook (.xlsb); save it as .xlsx")
                raise ReportgenError(f"{name}: is a zip file but not an Excel workbook")
            _check_xml(name, archive, members)
            content_types = archive.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
    except zipfile.BadZipFile as exc:
        raise ReportgenError(f"{name}: the workbook is damaged ({exc}); save it again from Excel") from None
    except (zipfile.LargeZipFile, NotImplementedError) as exc:
        raise ReportgenError(f"{name}: the workbook uses a zip feature that cannot be read ({exc})") from None
    return b"macroEnabled" in content_types or "xl/vbaProject.bin" in names


def _check_sizes(name: str, members) -> None:
    if len(members) > MAX_MEMBERS:
        raise ReportgenError(f"{name}: the workbook holds {len(members)} parts; refused as unsafe")
    total = 0
    for info in members:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MAX_MEMBER_BYTES or (info.file_size > _RATIO_APPLIES_ABOVE and ratio > MAX_RATIO):
            raise ReportgenError(
                f"{name}: part {info.filename} would expand to {info.file_size // (1024 * 1024)} MB "
                f"(compressed {ratio:.0f} to 1); refused as a possible zip bomb")
    if total > MAX_UNCOMPRESSED_BYTES:
        raise ReportgenError(f"{name}: the workbook would expand to {total // (1024 * 1024)} MB; "
                             "refused as a possible zip bomb")


def _check_xml(name: str, archive: zipfile.ZipFile, members) -> None:
    # Excel never writes a DOCTYPE; one in a workbook can only be there to define entities.
    for info in members:
        if not info.filename.endswith((".xml", ".rels", ".vml")):
            continue
        with archive.open(info) as handle:
            head = handle.read(4096)
        if b"<!DOCTYPE" in head.upper().replace(b"<!doctype", b"<!DOCTYPE") or b"<!ENTITY" in head.upper():
            raise ReportgenError(f"{name}: part {info.filename} declares a DOCTYPE or entities, which Excel never "
                                 "writes; refused as unsafe")


def _ole_message(path: Path) -> str:
    data = path.read_bytes()[: 2 * 1024 * 1024]
    if "EncryptedPackage".encode("utf-16-le") in data or "EncryptionInfo".encode("utf-16-le") in data:
        return (f"{path}: the workbook is password-protected; remove the password in Excel "
                "(File > Info > Protect Workbook) and try again")
    if "WordDocument".encode("utf-16-le") in data:
        return f"{path}: is an old Word document (.doc), not an Excel workbook"
    return f"{path}: is an old Excel 97-2003 workbook (.xls); open it in Excel and save it as .xlsx"


def _guess_kind(path: Path) -> str:
    with path.open("rb") as handle:
        head = handle.read(2048)
    if head.startswith(b"%PDF"):
        return "it is a PDF"
    if head.lstrip().startswith(b"<"):
        return "it looks like HTML or XML"
    if head.startswith(b"{\\rtf"):
        return "it is an RTF document"
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        return "it is not a zip file"
    first_line = text.splitlines()[0] if text.splitlines() else ""
    if "," in first_line or "\t" in first_line or ";" in first_line:
        return "it looks like CSV or plain text"
    return "it looks like plain text"
