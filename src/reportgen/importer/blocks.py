"""Word paragraphs to the rich-text tree: paragraphs, line breaks, Word and typed bullets, bold, links."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..core.richtext import BulletList, Inline, LineBreak, Link, ListItem, MetricRef, Paragraph, RichText, Text
from .docx_reader import Para

# What officers type in Word for a bullet they did not make with Word's list button.
TYPED_BULLET = re.compile(r"^[ \t\u00a0]*[•▪●◦‣∙·■□➢✓❖*\-][ \t\u00a0]+")


@dataclass
class Converted:
    rich: RichText
    numbered: bool = False  # a numbered Word list became bullets (the markup has no numbered lists)


def rich_text(paras: Sequence[Para]) -> Converted:
    """The paragraphs of one cell or section as one rich-text tree."""
    entries: list[tuple[int | None, tuple[Inline, ...]]] = []  # (list level or None, inlines)
    numbered = False
    for para in paras:
        if para.list_level is not None:
            numbered = numbered or para.numbered
            lines = _lines(para.inlines)
            first = _strip_bullet(lines[0]) if lines else ()
            entries.append((para.list_level, _join(first, *lines[1:])))
            continue
        entries.extend(_typed_entries(para.inlines))
    blocks: list = []
    pending_items: list[tuple[int, tuple[Inline, ...]]] = []
    for level, inlines in entries:
        inlines = clean(inlines)
        if level is None:
            if pending_items:
                blocks.append(_bullet_list(pending_items))
                pending_items = []
            for chunk in _paragraph_chunks(inlines):
                blocks.append(Paragraph(chunk))
        elif inlines:
            pending_items.append((level, _single_breaks(inlines)))
    if pending_items:
        blocks.append(_bullet_list(pending_items))
    return Converted(RichText(tuple(blocks)), numbered)


def _typed_entries(inlines: tuple[Inline, ...]) -> list[tuple[int | None, tuple[Inline, ...]]]:
    """A paragraph whose lines start with typed bullets becomes list items; other lines stay text."""
    lines = _lines(inlines)
    if not any(_starts_with_bullet(line) for line in lines):
        return [(None, inlines)]
    entries: list[tuple[int | None, tuple[Inline, ...]]] = []
    text_lines: list[tuple[Inline, ...]] = []
    for line in lines:
        if _starts_with_bullet(line):
            if text_lines:
                entries.append((None, _join(*text_lines)))
                text_lines = []
            entries.append((0, _strip_bullet(line)))
        else:
            text_lines.append(line)
    if text_lines:
        entries.append((None, _join(*text_lines)))
    return entries


def _lines(inlines: Sequence[Inline]) -> list[tuple[Inline, ...]]:
    lines: list[list[Inline]] = [[]]
    for node in inlines:
        if isinstance(node, LineBreak):
            lines.append([])
        else:
            lines[-1].append(node)
    return [tuple(line) for line in lines]


def _join(*lines: tuple[Inline, ...]) -> tuple[Inline, ...]:
    out: list[Inline] = []
    for index, line in enumerate(lines):
        if index:
            out.append(LineBreak())
        out.extend(line)
    return tuple(out)


def _first_text(line: Sequence[Inline]) -> str:
    """The text the line starts with, across runs (Word often puts a typed bullet in a run of its own)."""
    parts = []
    for node in line:
        if not isinstance(node, Text):
            break
        parts.append(node.text)
    return "".join(parts).lstrip(" \t\u00a0")


def _starts_with_bullet(line: Sequence[Inline]) -> bool:
    text = _first_text(line)
    return bool(TYPED_BULLET.match(text)) and bool(TYPED_BULLET.sub("", text, count=1).strip() or len(line) > 1)


def _strip_bullet(line: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """The line without its typed bullet (which may sit in a run of its own, before a tab)."""
    out = list(line)
    for index, node in enumerate(out):
        if not isinstance(node, Text):
            break
        stripped = node.text.lstrip(" \t\u00a0")
        if not stripped:
            out[index] = Text("", node.bold, node.italic, node.underline)
            continue
        if TYPED_BULLET.match(stripped):
            rest = TYPED_BULLET.sub("", stripped, count=1)
            out[index] = Text(rest, node.bold, node.italic, node.underline)
        elif re.fullmatch(r"[•▪●◦‣∙·■□➢✓❖*\-]", stripped):
            out[index] = Text("", node.bold, node.italic, node.underline)  # the bullet alone; a tab follows
            continue
        break
    return tuple(node for node in out if not (isinstance(node, Text) and not node.text))


def clean(inlines: Sequence[Inline]) -> tuple[Inline, ...]:
    """Tabs as spaces, neighbouring runs joined, no underline, no space at either end of a line."""
    out: list[Inline] = []
    for node in inlines:
        if isinstance(node, Text):
            node = Text(node.text.replace("\t", " "), node.bold, node.italic, False)
            if not node.text:
                continue
            if out and isinstance(out[-1], Text) and (out[-1].bold, out[-1].italic) == (node.bold, node.italic):
                out[-1] = Text(out[-1].text + node.text, node.bold, node.italic)
                continue
        elif isinstance(node, Link):
            children = clean(node.children)
            if not any(isinstance(child, (Text, MetricRef)) for child in children):
                continue
            node = Link(node.href.strip(), tuple(child for child in children if not isinstance(child, LineBreak)))
        out.append(node)
    return _trim(out)


def _trim(inlines: list[Inline]) -> tuple[Inline, ...]:
    lines = [list(line) for line in _lines(inlines)]
    for line in lines:
        while line and isinstance(line[0], Text) and not line[0].text.strip():
            line.pop(0)
        while line and isinstance(line[-1], Text) and not line[-1].text.strip():
            line.pop()
        if line and isinstance(line[0], Text):
            first = line[0]
            line[0] = Text(first.text.lstrip(), first.bold, first.italic)
        if line and isinstance(line[-1], Text):
            last = line[-1]
            line[-1] = Text(last.text.rstrip(), last.bold, last.italic)
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return _join(*(tuple(line) for line in lines))


def _paragraph_chunks(inlines: tuple[Inline, ...]) -> list[tuple[Inline, ...]]:
    """An empty line made with two line breaks is a paragraph break, as Word authors mean it."""
    chunks: list[list[tuple[Inline, ...]]] = [[]]
    for line in _lines(inlines):
        if line:
            chunks[-1].append(line)
        elif chunks[-1]:
            chunks.append([])
    return [_join(*chunk) for chunk in chunks if chunk]


def _single_breaks(inlines: tuple[Inline, ...]) -> tuple[Inline, ...]:
    return _join(*(line for line in _lines(inlines) if line))


def _bullet_list(items: list[tuple[int, tuple[Inline, ...]]]) -> BulletList:
    """Items with Word list levels as nested lists; a level never jumps more than one deeper."""
    root: list[dict] = []
    stack: list[tuple[int, list[dict]]] = [(items[0][0], root)]
    for level, inlines in items:
        while len(stack) > 1 and stack[-1][0] > level:
            stack.pop()
        current_level, siblings = stack[-1]
        if level > current_level and siblings:
            children = siblings[-1]["children"]
            stack.append((level, children))
            siblings = children
        siblings.append({"inlines": inlines, "children": []})
    return _to_list(root)


def _to_list(nodes: list[dict]) -> BulletList:
    return BulletList(
        tuple(ListItem(node["inlines"], _to_list(node["children"]) if node["children"] else None) for node in nodes)
    )
