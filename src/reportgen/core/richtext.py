"""The one rich-text tree every rich-text cell becomes; DOCX, HTML and PDF all render it.

Blocks are paragraphs and bullet lists; inlines are formatted text runs, line breaks,
links and metric citations. Formatting lives on the text run as flags rather than as
nested nodes, because that is how both Word runs and Excel rich-text runs think.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from .findings import Source

SAFE_LINK_SCHEMES = ("http", "https", "mailto")


@dataclass(frozen=True)
class Text:
    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False


@dataclass(frozen=True)
class LineBreak:
    pass


@dataclass(frozen=True)
class MetricRef:
    """A `{metric:ID}` or `{metric:ID:share}` citation, resolved against the edition's metrics when rendered."""

    metric_id: str
    form: str = "value"  # "value" or "share"
    typed: str = ""  # the citation as typed, for messages


@dataclass(frozen=True)
class Link:
    href: str
    children: tuple[Inline, ...]

    @property
    def scheme(self) -> str:
        return urlsplit(self.href).scheme.lower()

    @property
    def is_safe(self) -> bool:
        """Only web and e-mail links are ever rendered as links; anything else prints as its text."""
        return self.scheme in SAFE_LINK_SCHEMES and is_well_formed_url(self.href)

    @property
    def text(self) -> str:
        return inline_text(self.children)


Inline = Text | LineBreak | Link | MetricRef


@dataclass(frozen=True)
class Paragraph:
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class ListItem:
    children: tuple[Inline, ...]
    sublist: BulletList | None = None


@dataclass(frozen=True)
class BulletList:
    items: tuple[ListItem, ...]


Block = Paragraph | BulletList


@dataclass(frozen=True)
class RichText:
    """A parsed rich-text cell: its blocks, the text as typed, and the cell it came from."""

    blocks: tuple[Block, ...]
    source_text: str = ""
    source: Source = field(default_factory=Source, compare=False)

    @property
    def is_empty(self) -> bool:
        return not self.plain_text().strip()

    def plain_text(self, metric_text=None, bullet: str = "• ") -> str:
        """The words as a reader would see them: paragraphs and items on their own lines."""
        return "\n".join(_block_lines(self.blocks, metric_text, bullet))

    def inlines(self) -> Iterator[Inline]:
        """Every inline node, links' children included, in document order."""
        for block in self.blocks:
            yield from _walk_block(block)

    def links(self) -> Iterator[Link]:
        return (node for node in self.inlines() if isinstance(node, Link))

    def metric_refs(self) -> Iterator[MetricRef]:
        return (node for node in self.inlines() if isinstance(node, MetricRef))


def _walk_block(block: Block) -> Iterator[Inline]:
    if isinstance(block, Paragraph):
        yield from _walk_inlines(block.children)
    else:
        for item in block.items:
            yield from _walk_inlines(item.children)
            if item.sublist is not None:
                yield from _walk_block(item.sublist)


def _walk_inlines(inlines) -> Iterator[Inline]:
    for node in inlines:
        yield node
        if isinstance(node, Link):
            yield from _walk_inlines(node.children)


def inline_text(inlines, metric_text=None) -> str:
    parts = []
    for node in inlines:
        if isinstance(node, Text):
            parts.append(node.text)
        elif isinstance(node, LineBreak):
            parts.append("\n")
        elif isinstance(node, Link):
            parts.append(inline_text(node.children, metric_text))
        elif isinstance(node, MetricRef):
            parts.append(metric_text(node) if metric_text else node.typed or f"{{metric:{node.metric_id}}}")
    return "".join(parts)


def _block_lines(blocks, metric_text, bullet: str) -> Iterator[str]:
    for block in blocks:
        if isinstance(block, Paragraph):
            yield inline_text(block.children, metric_text)
        else:
            for item in block.items:
                yield bullet + inline_text(item.children, metric_text)
                if item.sublist is not None:
                    yield from _block_lines((item.sublist,), metric_text, bullet)


def is_well_formed_url(href: str) -> bool:
    try:
        parts = urlsplit(href)
    except ValueError:
        return False
    if parts.scheme in ("http", "https"):
        host = parts.hostname or ""
        return (
            "." in host and not any(c.isspace() for c in href) and not host.startswith(".") and not host.endswith(".")
        )
    if parts.scheme == "mailto":
        address = parts.path
        return "@" in address and "." in address.rsplit("@", 1)[-1] and " " not in address
    return bool(parts.scheme)


EMPTY = RichText(blocks=())
