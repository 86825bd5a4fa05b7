"""Opening an untrusted Office file safely: the checks made before anything is expanded in memory.

openpyxl and python-docx trust their input; these checks refuse the files they should never
see: not a zip, the wrong kind of Office file, a password-protected or legacy file, a zip
bomb, or XML carrying a DOCTYPE (the door to entity-expansion bombs). The file is read once
and the same bytes are checked and then parsed, so it cannot change in between. What each
kind of file says when it is refused is in `formats`.
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
MAX_PROLOG_BYTES = 64 * 1024  # Office writes one XML declaration before the root element
_RATIO_APPLIES_ABOVE = 5 * 1024 * 1024
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted OOXML and the 97-2003 formats
_XML_PARTS = (".xml", ".rels", ".vml")


@dataclass(frozen=True)
class OfficeFormat:
    """What differs between the Office files reportgen opens: the words of its messages and its main part.

    Every message is a template filled with the file's `name`.
    """

    noun: str  # "workbook"
    described: str  # "an Excel workbook"
    app: str  # "Excel"
    suffix: str  # ".xlsx"
    main_part: str  # the part every file of this kind has
    other_kinds: tuple[tuple[str, str], ...]  # (a kind `zip_kinds` names, its message), first match wins
    other_zip: str  # the message for a zip of no kind we know
    encrypted: str  # the message for a password-protected file
    old_word: str  # the message for a Word 97-2003 document
    old_other: str  # the message for any other 97-2003 file

    def not_this(self, name: str, names: set[str]) -> str:
        """The refusal for a zip that is not this kind of file, naming what it is where that can be told."""
        kinds = zip_kinds(names)
        message = next((message for kind, message in self.other_kinds if kind in kinds), self.other_zip)
        return message.format(name=name)

    def legacy_message(self, name: str, data: bytes) -> str:
        """The refusal for an OLE compound file: encrypted, or in a 97-2003 format."""
        message = {"encrypted": self.encrypted, "word": self.old_word}.get(legacy_kind(data), self.old_other)
        return message.format(name=name)


def read_office_file(path: Path, kind: OfficeFormat, inspect: Callable | None = None) -> tuple[bytes, object]:
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


def check_office_bytes(name: str, data: bytes, kind: OfficeFormat, inspect: Callable | None = None):
    """Raise ReportgenError unless `data` is a file of `kind` safe to parse; return what `inspect` found."""
    if not data:
        raise ReportgenError(f"{name}: the file is empty; it is not {kind.described}")
    _check_file_size(name, len(data), kind)
    if data.startswith(OLE_MAGIC):
        raise ReportgenError(kind.legacy_message(name, data))
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
            _check_sizes(name, members, kind.noun)
            if kind.main_part not in names:
                raise ReportgenError(kind.not_this(name, names))
            _check_prologs(name, archive, members, kind.app)
            return inspect(name, archive, members, names) if inspect is not None else None
    except zipfile.BadZipFile as exc:
        raise ReportgenError(f"{name}: the {kind.noun} is damaged ({exc}); save it again from {kind.app}") from None
    except (zipfile.LargeZipFile, NotImplementedError, RuntimeError) as exc:
        raise ReportgenError(
            f"{name}: the {kind.noun} uses a zip feature that cannot be read ({exc}); save it again from {kind.app}"
        ) from None
    except (OSError, EOFError, ValueError) as exc:  # zlib errors in a damaged part
        raise ReportgenError(f"{name}: the {kind.noun} is damaged ({exc}); save it again from {kind.app}") from None


def legacy_kind(data: bytes) -> str:
    """For an OLE compound file: 'encrypted' (a password-protected OOXML file), 'word' (a .doc) or 'other'."""
    head = data[: 2 * 1024 * 1024]
    if "EncryptedPackage".encode("utf-16-le") in head or "EncryptionInfo".encode("utf-16-le") in head:
        return "encrypted"
    if "WordDocument".encode("utf-16-le") in head:
        return "word"
    return "other"


def zip_kinds(names: set[str]) -> set[str]:
    """The kinds of Office file a zip's part names show: 'word', 'excel', 'excel-binary', 'powerpoint', 'opendocument'."""
    kinds = set()
    if "word/document.xml" in names:
        kinds.add("word")
    if "xl/workbook.xml" in names:
        kinds.add("excel")
    if "xl/workbook.bin" in names:
        kinds.add("excel-binary")
    if "ppt/presentation.xml" in names:
        kinds.add("powerpoint")
    if "content.xml" in names and "mimetype" in names:
        kinds.add("opendocument")
    return kinds


def _check_file_size(name: str, size: int, kind: OfficeFormat) -> None:
    if size > MAX_FILE_BYTES:
        raise ReportgenError(
            f"{name}: the file is {size // (1024 * 1024)} MB; {kind.noun}s over "
            f"{MAX_FILE_BYTES // (1024 * 1024)} MB are refused"
        )


def _check_sizes(name: str, members, what: str) -> None:
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
