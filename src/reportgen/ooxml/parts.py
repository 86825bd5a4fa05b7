"""The parts of an open package: one part parsed, a part's relationships, and the whole package repacked."""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections.abc import Callable, Mapping

from lxml import etree

from .namespaces import NS
from .opening import MAX_MEMBER_BYTES
from .parser import parse


class PartTooLarge(Exception):
    """A part that would expand past the caller's limit; `size` is its uncompressed size in bytes."""

    def __init__(self, part: str, size: int):
        super().__init__(f"{part} would expand to {size} bytes")
        self.part = part
        self.size = size


def read_xml_part(archive: zipfile.ZipFile, part: str, *, max_bytes: int = MAX_MEMBER_BYTES) -> etree._Element | None:
    """The part parsed by the hardened parser, or None when the package has no such part.

    Raises PartTooLarge before reading a part larger than `max_bytes`, so a zip bomb stops
    here and not in memory; etree.XMLSyntaxError, zipfile.BadZipFile or OSError when it is damaged.
    Each caller words these for its own users.
    """
    try:
        info = archive.getinfo(part)
    except KeyError:
        return None
    if info.file_size > max_bytes:
        raise PartTooLarge(part, info.file_size)
    return parse(archive.read(part))


def relationships(rels: etree._Element, folder: str) -> dict[str, str]:
    """Each relationship's target by its id; an internal target as a part name, resolved against `folder`.

    `rels` is a parsed .rels part; `folder` is the folder of the part it belongs to ("word"
    for word/_rels/document.xml.rels). An external target (a web address) is kept as written.
    """
    targets = {}
    for relationship in rels.findall("rel:Relationship", NS):
        target = relationship.get("Target", "")
        if relationship.get("TargetMode") != "External":
            target = posixpath.normpath(posixpath.join(folder, target))
        targets[relationship.get("Id", "")] = target
    return targets


def repack(
    data: bytes,
    date_time: tuple[int, int, int, int, int, int],
    *,
    order: Callable[[list[str]], list[str]] | None = None,
    create_system: int | None = None,
    replace: Mapping[str, bytes] | None = None,
) -> bytes:
    """The package rewritten so equal content gives equal bytes: every entry dated `date_time`, deflated, mode 644.

    Office libraries stamp each entry with the current time, which alone makes two saves
    differ. `order` puts the entry names in the order to write them (the saved order if
    None); `create_system` is the zip's "made by" system (Python's default for this platform
    if None); `replace` gives new contents for some parts.
    """
    replace = replace or {}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        names = [info.filename for info in source.infolist()]
        for name in order(names) if order is not None else names:
            entry = zipfile.ZipInfo(name, date_time=date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            if create_system is not None:
                entry.create_system = create_system
            entry.external_attr = 0o644 << 16
            # Level 6 is zlib's default, so every caller's packages compress as they always have.
            target.writestr(entry, replace[name] if name in replace else source.read(name), compresslevel=6)
    return out.getvalue()
