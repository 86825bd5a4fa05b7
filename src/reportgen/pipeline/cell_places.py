"""Names the workbook cell behind a document check's finding, so an officer can fix it at the source.

The checks read finished documents and know only a paragraph or an element. A build also has
the workbook: the words at the finding's place (a DOCX paragraph's text, an HTML element's
text) are looked for among the published cells, and a finding whose words come from exactly
one cell's text is placed at that cell as well as in the document.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from ..core.findings import Finding, Source
from ..validation.registry import Context
from ..validation.texts import published_texts

_WORD = re.compile(r"\w+")


def words(text: str) -> tuple[str, ...]:
    return tuple(word.casefold() for word in _WORD.findall(text))


class CellIndex:
    """Every published cell's words, to find which cell a document's words came from."""

    def __init__(self, cells: Iterable[tuple[Source, str]]):
        self.cells = [(source, " " + " ".join(words(text)) + " ") for source, text in cells]

    def find(self, quote: str | None) -> Source | None:
        quoted = words(quote or "")
        if not quoted:
            return None
        whole = " " + " ".join(quoted) + " "
        exact = {source.describe(): source for source, text in self.cells if text == whole}
        if len(exact) == 1:
            return next(iter(exact.values()))
        # A document may print a figure where the cell cites it: try the whole quote, then its opening words.
        for attempt in (quoted, quoted[:6]):
            needle = " " + " ".join(attempt) + " "
            found = {source.describe(): source for source, text in self.cells if needle in text}
            if len(found) == 1:
                return next(iter(found.values()))
            if found:
                return None  # the same words in several cells: naming one would mislead
        return None


def published_cells(loaded) -> list[tuple[Source, str]]:
    return [
        (item.source, item.text)
        for item in published_texts(Context(loaded.raw, loaded.edition))
        if item.source.cell is not None
    ]


def name_cells(
    findings: Sequence[Finding], loaded, documents: dict[str, bytes], file_names: dict[str, str]
) -> list[Finding]:
    """`findings` from the checks of `documents` (by format), each placed at its workbook cell when found."""
    if not any(f.source.sheet is None for f in findings):
        return list(findings)
    index = CellIndex(published_cells(loaded))
    html_texts = _HtmlTexts(documents.get("html"), file_names.get("html"))
    placed = []
    for finding in findings:
        source = finding.source
        if source.sheet is None and source.where:
            cell = index.find(source.quote or html_texts.text_at(source.where) or _quoted(source.where))
            if cell is not None:
                finding = replace(
                    finding,
                    source=Source(
                        cell.sheet,
                        cell.row,
                        cell.column,
                        cell.header,
                        f"{source.where}, from {cell.describe()}",
                        source.quote,
                    ),
                )
        placed.append(finding)
    return placed


def _quoted(where: str) -> str | None:
    """The words a check quoted in its place, such as page 4, Link 5 ("click here")."""
    match = _QUOTED.search(where)
    return match.group(1).rstrip("…") if match else None


_QUOTED = re.compile(r'\("(.+?)"\)')


class _HtmlTexts:
    """The text of the element a finding's CSS selector names in the built HTML page."""

    def __init__(self, data: bytes | None, file_name: str | None):
        self.data = data
        self.prefix = f"{file_name}, " if file_name else None
        self._root = None

    def text_at(self, where: str) -> str | None:
        if self.data is None or self.prefix is None or not where.startswith(self.prefix):
            return None
        selector = where[len(self.prefix) :]
        try:
            import cssselect2

            if self._root is None:
                from lxml import html as lxml_html

                self._root = cssselect2.ElementWrapper.from_html_root(lxml_html.document_fromstring(self.data))
            match = next(iter(self._root.query_all(selector.replace(" >> ", " "))), None)
        except Exception:  # a selector cssselect2 does not read (axe writes some of its own): no cell named
            return None
        return match.etree_element.text_content() if match is not None else None
