"""Checks a file is a workbook we may open, before anything is expanded in memory.

openpyxl trusts its input; these checks refuse the files it should never see: not a
zip, the wrong kind of Office file, a password-protected or legacy workbook, a zip
bomb, or XML carrying a DOCTYPE (the door to entity-expansion bombs). The file is read
once and the same bytes are checked and then parsed, so it cannot change in between.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import ReportgenError

MAX_FILE_BYTES = 100 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 250 * 1024 * 1024
MAX_MEMBER_BYTES = 100 * 1024 * 1024
MAX_RATIO = 200  # real sheet XML compresses about 10 to 30 times
MAX_MEMBERS = 10_000
MAX_PROLOG_BYTES = 64 * 1024  # Excel writes one XML declaration before the root element
# A 1,000-commitment edition has about 9,000 cells. openpyxl builds an object for every cell,
# and for every cell of a merged or hyperlinked range, so both are counted before it starts.
MAX_CELLS = 200_000
MAX_RANGE_CELLS = 100_000
_RATIO_APPLIES_ABOVE = 5 * 1024 * 1024
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_XML_PARTS = (".xml", ".rels", ".vml")


@dataclass(frozen=True)
class OfficeFormat:
    """What differs between the Office files reportgen opens: the words of its messages and its main part."""

    noun: str  # "workbook"
    described: str  # "an Excel workbook"
    app: str  # "Excel"
    suffix: str  # ".xlsx"
    main_part: str  # the part every file of this kind has
    not_this: Callable[[str, set[str]], str]  # the message for a zip of another kind
    ole_message: Callable[[str, bytes], str]  # the message for a legacy or encrypted file


def read_office_file(path: Path, kind: OfficeFormat, inspect: Callable) -> tuple[bytes, object]:
    """The file's bytes, read once, and what `inspect(name, archive, members, names)` found in them."""
    name = str(path)
    if not path.exists():
        raise ReportgenError(f"{name}: no such file")
    if path.is_dir():
        raise ReportgenError(f"{name}: is a folder, not {kind.described}")
    if not path.is_file():  # a pipe or device would block or never end
        raise ReportgenError(f"{name}: is not an ordinary file, so it cannot be {kind.described}")
    if not os.access(path, os.R_OK):
        raise ReportgenError(f"{name}: cannot be read (permission denied)")
    _check_file_size(name, path.stat().st_size, kind)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReportgenError(f"{name}: cannot be read ({exc.strerror or exc})") from None
    return data, check_office_bytes(name, data, kind, inspect)


def check_office_bytes(name: str, data: bytes, kind: OfficeFormat, inspect: Callable):
    """Raise ReportgenError unless `data` is a file of `kind` safe to parse; return what `inspect` found."""
    if not data:
        raise ReportgenError(f"{name}: the file is empty; it is not {kind.described}")
    _check_file_size(name, len(data), kind)
    if data.startswith(_OLE_MAGIC):
        raise ReportgenError(kind.ole_message(name, data))
    if not zipfile.is_zipfile(io.BytesIO(data)):
        if data.startswith(b"PK"):
            raise ReportgenError(
                f"{name}: the {kind.noun} is damaged or incomplete (truncated zip); save it again from {kind.app}"
            )
        raise ReportgenError(
            f"{name}: not {kind.described} ({_guess_kind(data)}); save it from {kind.app} as {kind.suffix}"
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            names = {info.filename for info in members}
            _check_sizes(name, members, what=kind.noun)
            if kind.main_part not in names:
                raise ReportgenError(kind.not_this(name, names))
            _check_prologs(name, archive, members, kind.app)
            return inspect(name, archive, members, names)
    except zipfile.BadZipFile as exc:
        raise ReportgenError(f"{name}: the {kind.noun} is damaged ({exc}); save it again from {kind.app}") from None
    except (zipfile.LargeZipFile, NotImplementedError, RuntimeError) as exc:
        raise ReportgenError(
            f"{name}: the {kind.noun} uses a zip feature that cannot be read ({exc}); save it again from {kind.app}"
        ) from None
    except (OSError, EOFError, ValueError) as exc:  # zlib errors in a damaged part
        raise ReportgenError(f"{name}: the {kind.noun} is damaged ({exc}); save it again from {kind.app}") from None


def _check_file_size(name: str, size: int, kind: OfficeFormat) -> None:
    if size > MAX_FILE_BYTES:
        raise ReportgenError(
            f"{name}: the file is {size // (1024 * 1024)} MB; {kind.noun}s over "
            f"{MAX_FILE_BYTES // (1024 * 1024)} MB are refused"
        )


def read_workbook_bytes(path: Path) -> tuple[bytes, bool]:
    """The file's bytes once they pass every check, and whether the workbook is macro-enabled."""
    data, macro_enabled = read_office_file(path, WORKBOOK, _inspect_workbook)
    return data, macro_enabled or path.suffix.lower() == ".xlsm"


def check_workbook_bytes(name: str, data: bytes) -> bool:
    """Raise ReportgenError unless `data` is a workbook safe to parse; return True if it holds macros."""
    return check_office_bytes(name, data, WORKBOOK, _inspect_workbook)


def _inspect_workbook(name: str, archive: zipfile.ZipFile, members, names: set[str]) -> bool:
    _check_sheet_extents(name, archive, members)
    content_types = archive.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
    return b"macroEnabled" in content_types or "xl/vbaProject.bin" in names


def _not_a_workbook(name: str, names: set[str]) -> str:
    if "word/document.xml" in names:
        return f"{name}: is a Word document, not an Excel workbook"
    if "ppt/presentation.xml" in names:
        return f"{name}: is a PowerPoint file, not an Excel workbook"
    if "xl/workbook.bin" in names:
        return f"{name}: is an Excel binary workbook (.xlsb); save it as .xlsx"
    if "content.xml" in names and "mimetype" in names:
        return f"{name}: is an OpenDocument file, not an Excel workbook; save it as .xlsx"
    return f"{name}: is a zip file but not an Excel workbook"


def _check_sizes(name: str, members, what: str = "workbook") -> None:
    # `what` names the kind of file in the messages: the DOCX importer reuses these checks.
    if len(members) > MAX_MEMBERS:
        raise ReportgenError(f"{name}: the {what} holds {len(members)} parts; refused as unsafe")
    total = 0
    for info in members:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MAX_MEMBER_BYTES or (info.file_size > _RATIO_APPLIES_ABOVE and ratio > MAX_RATIO):
            raise ReportgenError(
                f"{name}: part {info.filename} would expand to {info.file_size // (1024 * 1024)} MB "
                f"(compressed {ratio:.0f} to 1); refused as a possible zip bomb"
            )
    if total > MAX_UNCOMPRESSED_BYTES:
        raise ReportgenError(
            f"{name}: the {what} would expand to {total // (1024 * 1024)} MB; refused as a possible zip bomb"
        )


def _check_prologs(name: str, archive: zipfile.ZipFile, members, app: str) -> None:
    # Office never writes a DOCTYPE; one in a part can only be there to define entities.
    for info in members:
        if info.filename.lower().endswith(_XML_PARTS) and not info.is_dir():
            problem = _prolog_problem(archive, info)
            if problem:
                raise ReportgenError(
                    f"{name}: part {info.filename} {problem}, which {app} never writes; refused as unsafe"
                )


def _check_sheet_extents(name: str, archive: zipfile.ZipFile, members) -> None:
    cells = range_cells = 0
    for info in members:
        if _SHEET_PART.match(info.filename):
            part_cells, part_range_cells = _sheet_extent(archive, info)
            cells += part_cells
            range_cells += part_range_cells
            if cells > MAX_CELLS:
                raise ReportgenError(
                    f"{name}: the workbook has more than {MAX_CELLS:,} filled cells, far more than an "
                    "edition needs; refused as unsafe (delete unused rows and columns and save it "
                    "again)"
                )
            if range_cells > MAX_RANGE_CELLS:
                raise ReportgenError(
                    f"{name}: part {info.filename} merges or links ranges covering more than "
                    f"{MAX_RANGE_CELLS:,} cells; refused as unsafe (unmerge the cells or remove the "
                    "hyperlink from whole rows and columns)"
                )


_SHEET_PART = re.compile(r"xl/worksheets/[^/]+\.xml$", re.IGNORECASE)
_CELL_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s/>]")
_RANGE_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:mergeCell|hyperlink)\s[^>]*?\bref\s*=\s*[\"']([^\"']*)[\"']")
_REFERENCE = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d{1,7})")
_OVERLAP = 64 * 1024  # longer than any element these patterns look at


def _sheet_extent(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> tuple[int, int]:
    """Cells in a sheet part, and cells covered by its merged and hyperlinked ranges, streamed in chunks."""
    cells = range_cells = 0
    pending = b""
    with archive.open(info) as handle:
        while True:
            chunk = handle.read(1024 * 1024)
            data = pending + chunk
            # Count only matches that start before the overlap; the overlap is read again next time.
            safe = len(data) if not chunk else max(len(data) - _OVERLAP, 0)
            cells += sum(1 for match in _CELL_TAG.finditer(data, 0, safe + 8) if match.start() < safe)
            for match in _RANGE_TAG.finditer(data):
                if match.start() < safe:
                    range_cells += _area(match.group(1).decode("ascii", "replace"))
            if not chunk:
                return cells, range_cells
            pending = data[safe:]


def _area(reference: str) -> int:
    total = 0
    for part in reference.split():  # a ref may list several ranges
        corners = [_REFERENCE.fullmatch(corner) for corner in part.split(":")]
        if not corners or any(corner is None for corner in corners):
            continue
        columns = [_column_number(corner[1]) for corner in corners]
        rows = [int(corner[2]) for corner in corners]
        total += (max(columns) - min(columns) + 1) * (max(rows) - min(rows) + 1) - 1
    return total


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


_PROLOG_ITEM = re.compile(r"\s*(<\?.*?\?>|<!--.*?-->)", re.DOTALL)


def _prolog_problem(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> str | None:
    """What is wrong with the part's prolog (the text before its root element), if anything.

    Comments and processing instructions are skipped however many there are, so a DOCTYPE
    cannot hide behind padding; a prolog longer than any real one is refused outright.
    """
    raw = b""
    with archive.open(info) as handle:
        while True:
            chunk = handle.read(16 * 1024)
            raw += chunk
            text = _decode(raw)
            position = 0
            while (match := _PROLOG_ITEM.match(text, position)) is not None:
                position = match.end()
            rest = text[position:].lstrip()
            unfinished = rest.startswith(("<?", "<!--")) or (rest.startswith("<!") and len(rest) < 9)
            if rest.startswith("<!") and not unfinished:
                return "declares a DOCTYPE or entities"
            if not chunk:
                return None  # the parser will report whatever else is wrong
            if rest and not unfinished:
                return None  # the root element
            if len(raw) > MAX_PROLOG_BYTES:
                return f"has more than {MAX_PROLOG_BYTES // 1024} KB before its first element"


def _decode(raw: bytes) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16", errors="replace")
    return raw.decode("utf-8", errors="replace").lstrip("\ufeff")


def _ole_message(name: str, data: bytes) -> str:
    head = data[: 2 * 1024 * 1024]
    if "EncryptedPackage".encode("utf-16-le") in head or "EncryptionInfo".encode("utf-16-le") in head:
        return (
            f"{name}: the workbook is password-protected; remove the password in Excel "
            "(File > Info > Protect Workbook > Encrypt with Password) and try again"
        )
    if "WordDocument".encode("utf-16-le") in head:
        return f"{name}: is an old Word document (.doc), not an Excel workbook"
    return f"{name}: is an old Excel 97-2003 workbook (.xls); open it in Excel and save it as .xlsx"


def _guess_kind(data: bytes) -> str:
    head = data[:2048]
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


WORKBOOK = OfficeFormat(
    "workbook", "an Excel workbook", "Excel", ".xlsx", "xl/workbook.xml", _not_a_workbook, _ole_message
)
