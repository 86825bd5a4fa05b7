"""Cell markup to the rich-text tree, with markdown-it-py doing the parsing.

The markup is a small, forgiving subset of CommonMark (contract 1.7): paragraphs, line
breaks, bullet items, links, bold and italic. HTML is off, so typed tags stay text.
Excel's own rich-text runs and a cell's hyperlink are folded into the same tree: run
formatting travels through the parser as private-use marker characters, so a bold run
inside a bullet item lands on the right words without a second parser.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt

from ..core.findings import Source
from ..core.richtext import BulletList, Inline, LineBreak, Link, ListItem, MetricRef, Paragraph, RichText, Text

# Private-use characters carry Excel run formatting through the parser.
_BOLD_ON, _BOLD_OFF, _ITALIC_ON, _ITALIC_OFF, _UNDER_ON, _UNDER_OFF = (chr(0xE000 + i) for i in range(6))
_MARKERS = {
    _BOLD_ON: ("bold", True),
    _BOLD_OFF: ("bold", False),
    _ITALIC_ON: ("italic", True),
    _ITALIC_OFF: ("italic", False),
    _UNDER_ON: ("underline", True),
    _UNDER_OFF: ("underline", False),
}
_MARKER_CLASS = "[" + "".join(_MARKERS) + "]"
_MARKER_RE = re.compile(_MARKER_CLASS)
_MARKER_SPLIT = re.compile(f"({_MARKER_CLASS})")

# Officers type "•" as often as "-"; Word pastes a tab after it.
_TYPED_BULLET = re.compile(r"^([ \t]{0,3})(" + _MARKER_CLASS + r"*)[•▪●◦‣∙][ \t]+", re.MULTILINE)
# Markers that open a line would hide the bullet from the parser: move them after it.
_MARKERS_BEFORE_BULLET = re.compile(r"^([ \t]{0,3})(" + _MARKER_CLASS + r"+)([-*][ \t]+)", re.MULTILINE)
# "2. The review..." and "+ 5 officers" are prose, not numbered or plus-sign lists.
# Also after bullet markers and at any indent: "- 1. Foo" and an indented "2. Bar" would
# otherwise open an ordered list, which the tree does not have, and lose their numbers.
_ORDERED_START = re.compile(r"^([ \t]*(?:[-*+][ \t]+)*\d{1,9})([.)])(?=[ \t]|$)", re.MULTILINE)
_PLUS_START = re.compile(r"^([ \t]*(?:[-*][ \t]+)*)\+(?=[ \t])", re.MULTILINE)

METRIC_PATTERN = re.compile(r"\{metric:([^{}]*)\}")


@dataclass(frozen=True)
class Run:
    """One Excel rich-text run."""

    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False


# Text with none of these needs no parser: it is paragraphs and line breaks only.
# (A pure speed-up: tests/markup/test_markup.py checks both paths give the same tree.) Plain
# substring tests, because one regular expression with alternatives scans every position.
_INLINE_SIGNS = ("*", "_", "[", "]", "\\", "`", "<", ">", "{", "&", "@", "http:", "https:", "www.")
_BULLET_SIGNS = "-+•▪●◦‣∙"
_ORDERED_HEAD = re.compile(r"\d{1,9}[.)]")
# Characters that can open a line _prepare rewrites: typed bullets, run markers, digits, "+".
_PREPARE_HEADS = frozenset("•▪●◦‣∙+-*" + "".join(_MARKERS))
# The address part of [text](address): a URL there is a link already, not one to find.
_LINK_DESTINATION = re.compile(r"\]\([^()\s]*\)")


def _needs_parser(text: str) -> bool:
    if any(sign in text for sign in _INLINE_SIGNS):
        return True
    for line in text.split("\n"):
        head = line.lstrip(" \t")
        if head and (head[0] in _BULLET_SIGNS or _ORDERED_HEAD.match(head)):
            return True
    return False


def _may_hold_url(text: str) -> bool:
    """False only where linkify-it cannot find a link: no "//", "@", "www." or "mailto:"."""
    if "//" in text or "@" in text:
        return True
    lowered = text.lower()
    return "www." in lowered or "mailto:" in lowered


def _may_hold_bare_url(text: str) -> bool:
    # linkify-it is the slowest rule by far; run it only where a URL or address could be.
    return _may_hold_url(text) and _may_hold_url(_LINK_DESTINATION.sub("]()", text))


@lru_cache(maxsize=2)
def _parser(linkify: bool = True) -> MarkdownIt:
    md = MarkdownIt("zero", {"breaks": True, "linkify": linkify, "html": False})
    md.enable(["list", "link", "emphasis", "escape", "newline", "autolink"])
    if linkify:
        md.enable("linkify")
        md.linkify.set({"fuzzy_link": False, "fuzzy_email": True})
        # linkify-it's own pretest is one huge regex run on every paragraph; a cheap
        # look for "//", "@", "www." or "mailto:" first skips most text without it.
        linkify_it = md.linkify
        pretest, test = linkify_it.pretest, linkify_it.test
        linkify_it.pretest = lambda text: _may_hold_url(text) and pretest(text)
        linkify_it.test = lambda text: _may_hold_url(text) and test(text)
    # Every link becomes a Link node whatever its scheme; the link rules decide what
    # is safe to publish, so a javascript: or file: link is reported, not silently kept as text.
    md.validateLink = lambda url: True
    return md


def parse(
    text: str | None, source: Source | None = None, runs: Sequence[Run] | None = None, hyperlink: str | None = None
) -> RichText:
    """Parse a cell's text (or its Excel runs) into the rich-text tree."""
    source = source or Source()
    if runs:
        marked = _mark_runs(runs)
        typed = "".join(run.text for run in runs)
    else:
        typed = "" if text is None else str(text)
        marked = typed
    marked = marked.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    if not marked.strip():
        return RichText((), typed, source)
    if runs or _needs_parser(marked):
        prepared = _prepare(marked)
        parser = _parser(_may_hold_bare_url(prepared))
        if _may_hold_list(prepared):
            blocks = tuple(_Builder().blocks(parser.parse(prepared)))
        else:
            blocks = _inline_paragraphs(parser, prepared)
    else:
        blocks = plain_paragraphs(marked)
    if hyperlink:
        blocks = tuple(_link_block(block, hyperlink) for block in blocks)
    return RichText(blocks, typed, source)


def _may_hold_list(prepared: str) -> bool:
    """Whether any line could open a list, the only block markup besides paragraphs."""
    for line in prepared.split("\n"):
        head = line.lstrip(" \t")[:1]
        if head and (head in "-*+" or head.isdecimal()):
            return True
    return False


def _inline_paragraphs(parser: MarkdownIt, prepared: str) -> tuple[Paragraph, ...]:
    """Paragraphs parsed one by one with the inline rules only: the block parser's result when no
    line can open a list (its paragraphs are the text between blank lines, stripped), found faster."""
    builder = _Builder()
    paragraphs = []
    for chunk in re.split(r"\n[ \t]*\n", prepared):
        chunk = chunk.strip()
        if not chunk:
            continue
        (token,) = parser.parseInline(chunk)
        inlines = builder._inlines(token.children or [])
        if inlines:
            paragraphs.append(Paragraph(inlines))
    return tuple(paragraphs)


def plain_paragraphs(text: str) -> tuple[Paragraph, ...]:
    """What the parser makes of text without markup: blank lines part paragraphs, line breaks stay."""
    paragraphs = []
    for chunk in re.split(r"\n[ \t]*\n", text):
        lines = [line.strip(" \t") for line in chunk.split("\n")]
        while lines and not lines[0]:
            lines.pop(0)
        while lines and not lines[-1]:
            lines.pop()
        if not lines:
            continue
        inlines: list[Inline] = []
        for line in lines:
            if inlines:
                inlines.append(LineBreak())
            if line:
                inlines.append(Text(line))
        paragraphs.append(Paragraph(tuple(inlines)))
    return tuple(paragraphs)


def _mark_runs(runs: Sequence[Run]) -> str:
    parts: list[str] = []
    state = {"bold": False, "italic": False, "underline": False}
    markers = {"bold": (_BOLD_ON, _BOLD_OFF), "italic": (_ITALIC_ON, _ITALIC_OFF), "underline": (_UNDER_ON, _UNDER_OFF)}
    for run in runs:
        for flag, (on, off) in markers.items():
            wanted = getattr(run, flag)
            if wanted != state[flag]:
                parts.append(on if wanted else off)
                state[flag] = wanted
        parts.append(run.text)
    return "".join(parts)


def _prepare(text: str) -> str:
    """Rewrite line openings the parser would misread; each rewrite stays within its line."""
    lines = text.split("\n")
    changed = False
    for index, line in enumerate(lines):
        head = line.lstrip(" \t")[:1]
        if head and (head in _PREPARE_HEADS or head.isdecimal()):
            rewritten = _prepare_line(line)
            if rewritten != line:
                lines[index] = rewritten
                changed = True
    return "\n".join(lines) if changed else text


def _prepare_line(line: str) -> str:
    line = _TYPED_BULLET.sub(r"\1\2- ", line)
    line = _MARKERS_BEFORE_BULLET.sub(r"\1\3\2", line)
    line = _ORDERED_START.sub(lambda m: m.group(1) + "\\" + m.group(2), line)
    return _PLUS_START.sub(r"\1\\+", line)


class _Builder:
    """Walks markdown-it tokens into blocks, carrying run formatting across the whole cell."""

    def __init__(self) -> None:
        self.flags = {"bold": False, "italic": False, "underline": False}
        self.markup = {"bold": 0, "italic": 0}

    def blocks(self, tokens) -> list:
        blocks, _ = self._blocks(tokens, 0, None)
        return blocks

    def _blocks(self, tokens, index: int, closing: str | None):
        blocks: list = []
        while index < len(tokens):
            token = tokens[index]
            if closing and token.type == closing:
                return blocks, index + 1
            if token.type == "paragraph_open":
                inlines = self._inlines(tokens[index + 1].children or [])
                if inlines:
                    blocks.append(Paragraph(inlines))
                index += 3
            elif token.type == "bullet_list_open":
                bullet_list, index = self._list(tokens, index + 1)
                if bullet_list.items:
                    blocks.append(bullet_list)
            elif token.type == "ordered_list_open":
                # _prepare escapes numbered lines, so this is a safety net: the tree has no
                # numbered lists, and the numbers are the officer's words, so keep them as text.
                numbered, index = self._list(tokens, index + 1, "ordered_list_close")
                for number, item in zip(_item_numbers(tokens, token), numbered.items):
                    blocks.append(Paragraph(_merge([Text(number)] + list(item.children))))
                    if item.sublist is not None:
                        blocks.append(item.sublist)
            else:
                index += 1
        return blocks, index

    def _list(self, tokens, index: int, closing: str = "bullet_list_close"):
        items: list[ListItem] = []
        while index < len(tokens) and tokens[index].type != closing:
            if tokens[index].type == "list_item_open":
                content, index = self._blocks(tokens, index + 1, "list_item_close")
                items.append(self._item(content))
            else:
                index += 1
        return BulletList(tuple(items)), index + 1

    @staticmethod
    def _item(content: list) -> ListItem:
        # A loose item's paragraphs become lines of one item; a nested list stays nested.
        inlines: list[Inline] = []
        sublist = None
        for block in content:
            if isinstance(block, Paragraph):
                if inlines:
                    inlines.append(LineBreak())
                inlines.extend(block.children)
            elif sublist is None:
                sublist = block
            else:
                sublist = BulletList(sublist.items + block.items)
        return ListItem(tuple(inlines), sublist)

    def _inlines(self, children) -> tuple[Inline, ...]:
        out: list[Inline] = []
        index = 0
        while index < len(children):
            token = children[index]
            kind = token.type
            if kind == "text":
                out.extend(self._text(token.content))
            elif kind in ("softbreak", "hardbreak"):
                out.append(LineBreak())
            elif kind == "strong_open":
                self.markup["bold"] += 1
            elif kind == "strong_close":
                self.markup["bold"] -= 1
            elif kind == "em_open":
                self.markup["italic"] += 1
            elif kind == "em_close":
                self.markup["italic"] -= 1
            elif kind == "link_open":
                depth, end = 1, index + 1
                while end < len(children) and depth:
                    depth += {"link_open": 1, "link_close": -1}.get(children[end].type, 0)
                    end += 1
                href = _MARKER_RE.sub("", token.attrGet("href") or "")
                inner = self._inlines(children[index + 1 : end - 1])
                out.append(Link(href, inner))
                index = end
                continue
            index += 1
        return _merge(out)

    def _text(self, content: str) -> Iterable[Inline]:
        if not _MARKER_RE.search(content):  # no Excel run changes here: the common case
            yield from self._metric_split(content)
            return
        for piece in _MARKER_SPLIT.split(content):
            if not piece:
                continue
            if piece in _MARKERS:
                flag, value = _MARKERS[piece]
                self.flags[flag] = value
                continue
            yield from self._metric_split(piece)

    def _metric_split(self, text: str) -> Iterable[Inline]:
        if "{metric:" not in text:
            yield self._run(text)
            return
        position = 0
        for match in METRIC_PATTERN.finditer(text):
            if match.start() > position:
                yield self._run(text[position : match.start()])
            parts = match.group(1).split(":")
            yield MetricRef(parts[0].strip(), ":".join(parts[1:]).strip().casefold() or "value", match.group(0))
            position = match.end()
        if position < len(text):
            yield self._run(text[position:])

    def _run(self, text: str) -> Text:
        return Text(
            text,
            bold=self.flags["bold"] or self.markup["bold"] > 0,
            italic=self.flags["italic"] or self.markup["italic"] > 0,
            underline=self.flags["underline"],
        )


def _item_numbers(tokens, opening) -> list[str]:
    """The typed numbers ("3. ") of an ordered list's own items, in order."""
    start = tokens.index(opening)
    numbers, depth = [], 0
    for token in tokens[start + 1 :]:
        if token.type == "ordered_list_close" and depth == 0:
            break
        depth += token.nesting if token.type.endswith("_list_open") or token.type.endswith("_list_close") else 0
        if token.type == "list_item_open" and depth == 0:
            numbers.append(f"{token.info}{token.markup} ")
    return numbers


def _merge(inlines: list[Inline]) -> tuple[Inline, ...]:
    """Join neighbouring runs with the same formatting, so trees compare by content."""
    merged: list[Inline] = []
    for node in inlines:
        if (
            isinstance(node, Text)
            and merged
            and isinstance(merged[-1], Text)
            and (merged[-1].bold, merged[-1].italic, merged[-1].underline) == (node.bold, node.italic, node.underline)
        ):
            merged[-1] = Text(merged[-1].text + node.text, node.bold, node.italic, node.underline)
        elif not (isinstance(node, Text) and not node.text):
            merged.append(node)
    return _trim_at_breaks(merged)


def _trim_at_breaks(inlines: list[Inline]) -> tuple[Inline, ...]:
    """Spaces and tabs at either end of a line carry no meaning; drop them."""
    out = list(inlines)
    for index, node in enumerate(out):
        if not isinstance(node, Text):
            continue
        text = node.text
        if index == 0 or isinstance(out[index - 1], LineBreak):
            text = text.lstrip(" \t")
        if index == len(out) - 1 or isinstance(out[index + 1], LineBreak):
            text = text.rstrip(" \t")
        if text != node.text:
            out[index] = Text(text, node.bold, node.italic, node.underline)
    return tuple(node for node in out if not (isinstance(node, Text) and not node.text))


def _link_inlines(inlines: tuple[Inline, ...], href: str) -> tuple[Inline, ...]:
    """Wrap everything that is not already a link in a link to the cell's hyperlink."""
    out: list[Inline] = []
    pending: list[Inline] = []
    for node in inlines:
        if isinstance(node, Link):
            if pending:
                out.append(Link(href, tuple(pending)))
                pending = []
            out.append(node)
        else:
            pending.append(node)
    if pending:
        out.append(Link(href, tuple(pending)))
    return tuple(out)


def _link_block(block, href: str):
    if isinstance(block, Paragraph):
        return Paragraph(_link_inlines(block.children, href))
    return BulletList(
        tuple(
            ListItem(_link_inlines(item.children, href), _link_block(item.sublist, href) if item.sublist else None)
            for item in block.items
        )
    )
