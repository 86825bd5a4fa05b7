"""Content a Word edition draws from elsewhere, which the importer cannot read: each becomes an
`import-unplaced` finding at its place, so nothing is dropped without a word.

- altChunk: a part (HTML, RTF, another document) that Word merges in only when it opens the file;
- subDoc: a master document's link to a subdocument, a separate file;
- INCLUDETEXT and INCLUDEPICTURE fields: text or a picture read from a file when Word updates them.

Places are counted as docx_reader counts them ("paragraph 12", "table 2, row 3").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..core.findings import Finding, Source, warning
from ..ooxml.namespaces import qn

_R_ID = qn("r:id")
_INCLUDE = re.compile(r'^\s*(INCLUDETEXT|INCLUDEPICTURE)\s+(?:"([^"]*)"|(\S+))?', re.IGNORECASE)
_BLOCK_WRAPPERS = (qn("w:sdt"), qn("w:customXml"))


def external_content(document) -> list[Finding]:
    """An `import-unplaced` finding for every altChunk, subdocument and INCLUDE field in the body."""
    scanner = _Scanner(document.part)
    return list(scanner.body(document.element.body))


class _Scanner:
    def __init__(self, part):
        self.part = part
        self.paragraphs = 0
        self.tables = 0

    def body(self, container) -> Iterator[Finding]:
        for child in container:
            if child.tag == qn("w:p"):
                self.paragraphs += 1
                yield from self.inside(child, f"paragraph {self.paragraphs}")
            elif child.tag == qn("w:tbl"):
                self.tables += 1
                for row_number, tr in enumerate(child.iter(qn("w:tr")), start=1):
                    if tr.getparent() is child:
                        yield from self.inside(tr, f"table {self.tables}, row {row_number}")
            elif child.tag == qn("w:altChunk"):
                # Between paragraphs: placed after the paragraph before it.
                yield from self.inside(child, f"paragraph {max(self.paragraphs, 1)}")
            elif child.tag in _BLOCK_WRAPPERS:
                content = child.find(qn("w:sdtContent")) if child.tag == qn("w:sdt") else child
                if content is not None:
                    yield from self.body(content)

    def inside(self, element, place: str) -> Iterator[Finding]:
        nodes = [element] if element.tag == qn("w:altChunk") else []
        nodes += list(
            element.iter(qn("w:altChunk"), qn("w:subDoc"), qn("w:fldSimple"), qn("w:fldChar"), qn("w:instrText"))
        )
        instruction = None  # the code of the complex field being read
        for node in nodes:
            if node.tag == qn("w:altChunk"):
                yield _unplaced(
                    place,
                    f"content merged from {self._target(node, 'another file')} (an embedded "
                    "chunk Word only merges when it opens the file) was not imported; open the edition "
                    "in Word and save it, which makes it ordinary text, then import that copy",
                )
            elif node.tag == qn("w:subDoc"):
                yield _unplaced(
                    place,
                    f"the subdocument {self._target(node, 'of this master document')} was not "
                    "imported; open the master document in Word, expand its subdocuments (Outlining > "
                    "Expand Subdocuments), save it as one document and import that",
                )
            elif node.tag == qn("w:fldSimple"):
                yield from _include(node.get(qn("w:instr")) or "", place)
            elif node.tag == qn("w:instrText"):
                instruction = (instruction or "") + (node.text or "")
            else:  # w:fldChar: begin starts a field's code; separate or end finishes it
                if instruction is not None:
                    yield from _include(instruction, place)
                instruction = "" if node.get(qn("w:fldCharType")) == "begin" else None
        if instruction:
            yield from _include(instruction, place)

    def _target(self, node, fallback: str) -> str:
        relationship = self.part.rels.get(node.get(_R_ID) or "")
        if relationship is None:
            return fallback
        target = relationship.target_ref if relationship.is_external else relationship.target_part.partname
        return f"'{str(target).rsplit('/', 1)[-1][:60]}'"


def _include(instruction: str, place: str) -> Iterator[Finding]:
    match = _INCLUDE.match(instruction)
    if not match:
        return
    kind = match.group(1).upper()
    name = (match.group(2) or match.group(3) or "").replace("\\\\", "\\").rsplit("\\", 1)[-1].rsplit("/", 1)[-1]
    shown = f" '{name[:60]}'" if name else ""
    if kind == "INCLUDETEXT":
        yield _unplaced(
            place,
            f"text included from the file{shown} by an INCLUDETEXT field: the file is not read, "
            "so at most the text Word last showed for it was imported; in Word select the field, press "
            "Ctrl+Shift+F9 to make it ordinary text, save, and import again",
        )
    else:
        yield _unplaced(
            place,
            f"the picture linked from the file{shown} by an INCLUDEPICTURE field was not "
            "imported; the workbook holds text, and charts are drawn from its Metrics and Charts sheets",
        )


def _unplaced(place: str, message: str) -> Finding:
    return warning("import-unplaced", message, Source(where=place))
