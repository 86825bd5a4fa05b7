"""The web page as the checks read it: its DOM, parsed once, and axe-core's results when axe-core ran."""

from __future__ import annotations

import re

from ..core.findings import Source
from .grid import layout

HEADING = re.compile(r"^h([1-6])$")


class HtmlPage:
    """One HTML document: lxml's DOM and its body, and what axe-core made of it.

    `axe` is axe-core's results, or None when it did not run; `stand_in` says a build let the
    stand-in checks (html_shape) judge a page of a shape axe-core has passed before.
    """

    def __init__(self, document, axe: dict | None = None, stand_in: bool = False, readability: bool = False):
        self.document = document
        self.body = document.find("body") if document.find("body") is not None else document
        self.axe = axe
        self.stand_in = stand_in
        self.readability = readability

    def passages(self) -> list[tuple[Source, str, str]]:
        """Each cell of an 'Update' column, else the text of each section under a heading."""
        passages = []
        for table in self.body.iter("table"):
            rows = [r for r in table.iter("tr") if owning_table(r) is table]
            if not rows:
                continue
            names = [" ".join(c.text_content().split()).casefold() for c in rows[0] if c.tag in ("th", "td")]
            column = next((i for i, n in enumerate(names) if "update" in n), None)
            if column is None or rows[0].find("th") is None:
                continue
            for row, cells in zip(rows[1:], _grid(rows)[1:]):
                cell = cells.get(column)
                if cell is not None and cell.getparent() is row:
                    passages.append((Source(where=css_path(cell)), "update", _block_text(cell)))
        if passages:
            return passages
        heading, collected = None, []
        for element in self.body.iter():
            if isinstance(element.tag, str) and HEADING.match(element.tag):
                if heading is not None and collected:
                    passages.append((Source(where=css_path(heading)), "section", "\n".join(collected)))
                heading, collected = element, []
            elif element.tag in ("p", "li") and heading is not None:
                collected.append(" ".join(element.text_content().split()))
        if heading is not None and collected:
            passages.append((Source(where=css_path(heading)), "section", "\n".join(collected)))
        return passages


def _grid(rows) -> list[dict]:
    return layout([[(c, c.get("rowspan"), c.get("colspan")) for c in row if c.tag in ("th", "td")] for row in rows])


def _block_text(cell) -> str:
    blocks = [b for b in cell.iter("p", "li")]
    if not blocks:
        return " ".join(cell.text_content().split())
    return "\n".join(" ".join(b.text_content().split()) for b in blocks)


def owning_table(element):
    return next(element.iterancestors("table"), None)


def hidden(element) -> bool:
    """Whether the element is hidden from everyone: `hidden`, aria-hidden or display: none, on it or above it."""
    for node in [element, *element.iterancestors()]:
        if node.get("hidden") is not None or node.get("aria-hidden") == "true":
            return True
        if re.search(r"display\s*:\s*none", node.get("style", "") or ""):
            return True
    return False


def css_path(element) -> str:
    """A CSS selector a person can paste into the browser's inspector: the nearest id, then child steps."""
    steps = []
    node = element
    while node is not None and isinstance(node.tag, str):
        if node.get("id"):
            steps.append(f"{node.tag}#{node.get('id')}")
            break
        parent = node.getparent()
        if parent is None:
            steps.append(node.tag)
            break
        same = [c for c in parent if c.tag == node.tag]
        steps.append(node.tag if len(same) == 1 else f"{node.tag}:nth-of-type({same.index(node) + 1})")
        node = parent
    return " > ".join(reversed(steps))
