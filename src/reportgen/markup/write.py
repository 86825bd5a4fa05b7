"""The rich-text tree back to cell markup: the inverse of `markup.parse`.

`parse(to_markup(tree)).blocks == tree.blocks` for every tree `parse` can produce
once underline is set aside. Underline has no markup: it is dropped (the words stay),
because in published editions it only ever marks links, which stay links, and
underlined text that is not a link reads as one. Whitespace at the edge of a bold or
italic run moves outside it, where the markup needs it to be.

A literal `{metric:...}` in text and a typed "•" at the start of a line cannot be
escaped: `parse` never leaves either as text, and the importer turns typed bullets
into list items, so neither reaches here from a real document.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from ..core.richtext import BulletList, Inline, LineBreak, Link, ListItem, MetricRef, Paragraph, RichText, Text
from .parse import parse

_INDENT = "  "  # a bullet's content column: "- " is two characters wide
_LIST_MARKERS = ("-", "*")  # neighbouring lists alternate markers, or the markup would join them

# Characters the inline rules would read as markup wherever they stand.
_ALWAYS_ESCAPE = re.compile(r"([\\*\[\]])")
# "_" opens emphasis only at a word's edge; "snake_case" needs no escape.
_UNDERSCORE = re.compile(r"(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])")
# "<" followed by a letter could open an autolink such as <https://...>.
_AUTOLINK_START = re.compile(r"<(?=[A-Za-z])")
# What would start a list item at the start of a line.
_BULLET_START = re.compile(r"^([-+*])(?=[ \t]|$)")
_ORDERED_START = re.compile(r"^(\d{1,9})([.)])(?=[ \t]|$)")


def to_markup(rich: RichText) -> str:
    """The cell markup that parses back to `rich` (underline dropped)."""
    parts: list[str] = []
    previous_was_list = False
    marker_index = 0
    for block in rich.blocks:
        if isinstance(block, BulletList):
            marker_index = marker_index + 1 if previous_was_list else 0
            text = _list(block, 0, _LIST_MARKERS[marker_index % 2])
            previous_was_list = True
        else:
            text = _inline_lines(block.children, "")
            previous_was_list = False
        if text.strip():
            parts.append(text)
        elif isinstance(block, BulletList):
            parts.append(text)
    return "\n\n".join(parts)


def _list(block: BulletList, depth: int, marker: str) -> str:
    lines: list[str] = []
    indent = _INDENT * depth
    for item in block.items:
        lines.append(_item(item, depth, indent, marker))
    return "\n".join(lines)


def _item(item: ListItem, depth: int, indent: str, marker: str) -> str:
    continuation = indent + _INDENT
    body = _inline_lines(item.children, continuation)
    text = f"{indent}{marker} {body}" if body else f"{indent}{marker}"
    if item.sublist is not None and item.sublist.items:
        text += "\n" + _list(item.sublist, depth + 1, "-")
    return text


# --- inlines ----------------------------------------------------------------------


def _inline_lines(inlines: Sequence[Inline], continuation: str) -> str:
    """Inlines as lines of markup; every line after the first starts with `continuation`."""
    lines: list[list[Inline]] = [[]]
    for node in _split_newlines(inlines):
        if isinstance(node, LineBreak):
            lines.append([])
        else:
            lines[-1].append(node)
    rendered = [_line(line) for line in lines]
    # An empty line inside the text (two breaks in a row) is a backslash at the end of
    # a line, the markup's hard break; a blank line would end the paragraph instead.
    for index, text in enumerate(rendered[:-1]):
        if not text:
            rendered[index] = "\\"
    return ("\n" + continuation).join(rendered)


def _split_newlines(inlines: Iterable[Inline]) -> Iterable[Inline]:
    """A newline typed inside a text run is a line break, as the parser would read it."""
    for node in inlines:
        if isinstance(node, Text) and ("\n" in node.text or "\r" in node.text):
            pieces = re.split(r"\r\n|\r|\n", node.text)
            for index, piece in enumerate(pieces):
                if index:
                    yield LineBreak()
                if piece:
                    yield Text(piece, node.bold, node.italic, node.underline)
        else:
            yield node


def _line(line: Sequence[Inline]) -> str:
    """One line of inlines: runs of text are emphasised chunk by chunk, links keep their own."""
    out: list[str] = []
    chunk: list[Inline] = []
    for node in line:
        if isinstance(node, Link):
            out.append(_emphasis(chunk))
            chunk = []
            out.append(_link(node))
        else:
            chunk.append(node)
    out.append(_emphasis(chunk))
    text = "".join(out)
    return _escape_line_start(text.lstrip(" \t")).rstrip(" \t")


def _link(link: Link) -> str:
    inner = _emphasis([node for node in link.children if not isinstance(node, LineBreak)])
    return f"[{inner}]({_destination(link.href)})"


def _destination(href: str) -> str:
    href = re.sub(r"\s", lambda m: "%20" if m.group(0) == " " else "", href)
    return re.sub(r"([()<>\\])", r"\\\1", href)


def _escape_text(text: str) -> str:
    text = _ALWAYS_ESCAPE.sub(r"\\\1", text)
    text = _UNDERSCORE.sub(r"\\_", text)
    return _AUTOLINK_START.sub(r"\\<", text)


def _escape_line_start(text: str) -> str:
    text = _BULLET_START.sub(r"\\\1", text)
    return _ORDERED_START.sub(r"\1\\\2", text)


# --- emphasis ---------------------------------------------------------------------

Flags = tuple[bool, bool]  # (bold, italic)


def _emphasis(chunk: Sequence[Inline]) -> str:
    """Text runs and metric citations with `**`/`*` around their bold and italic stretches.

    Markup emphasis has rules about what may stand beside a delimiter; rather than
    restate them, each way of nesting is tried and the first that parses back to the
    same runs is kept. If none does (a bold full stop glued to the next word), the
    italic and then the bold is given up on that stretch: the words always survive.
    """
    atoms = _atoms(chunk, split_beside_metrics=False)
    if not atoms:
        return ""
    if not any(flags not in ((False, False), None) for _, flags in atoms):
        return "".join(text for text, _ in atoms)
    # First keep spaces beside a citation inside the run (bold can span "Officers: {metric:X}"),
    # then move every edge space outside.
    for version in (atoms, _atoms(chunk, split_beside_metrics=True)):
        wanted = _runs_key(version)
        for strategy in (_nest_longest_outside, _nest_bold_outside, _nest_italic_outside):
            candidate = strategy(version)
            if _parsed_runs_key(candidate) == wanted:
                return candidate
    atoms = version
    without_italic = [(text, (flags[0], False) if flags is not None else None) for text, flags in atoms]
    candidate = _nest_bold_outside(without_italic)
    if _parsed_runs_key(candidate) == _runs_key(without_italic):
        return candidate
    return "".join(text for text, _ in atoms)


def _atoms(chunk: Sequence[Inline], split_beside_metrics: bool) -> list[tuple[str, Flags | None]]:
    """(escaped markup, flags) per piece; a metric citation has no flags of its own (None).

    Whitespace at the edge of an emphasised run is split off as plain text, since
    `** bold**` is not bold in the markup; beside a citation it may stay.
    """
    atoms: list[tuple[str, Flags | None]] = []
    for index, node in enumerate(chunk):
        if isinstance(node, MetricRef):
            typed = node.typed or (
                f"{{metric:{node.metric_id}}}" if node.form == "value" else f"{{metric:{node.metric_id}:{node.form}}}"
            )
            atoms.append((typed, None))
        elif isinstance(node, Text) and node.text:
            flags = (node.bold, node.italic)
            if flags == (False, False):
                atoms.append((_escape_text(node.text), flags))
                continue
            match = re.fullmatch(r"(\s*)(.*?)(\s*)", node.text, re.DOTALL)
            lead, core, trail = match.groups()
            if not split_beside_metrics:
                if index > 0 and isinstance(chunk[index - 1], MetricRef):
                    lead, core = "", lead + core
                if index + 1 < len(chunk) and isinstance(chunk[index + 1], MetricRef):
                    core, trail = core + trail, ""
            if lead:
                atoms.append((lead, (False, False)))
            if core:
                atoms.append((_escape_text(core), flags))
            if trail:
                atoms.append((trail, (False, False)))
    return atoms


def _resolved(atoms) -> list[Flags]:
    """Give each metric citation the formatting its neighbours share, so a bold run can span it."""
    flags = [f for _, f in atoms]
    out: list[Flags] = []
    for index, value in enumerate(flags):
        if value is not None:
            out.append(value)
            continue
        left = next((f for f in reversed(flags[:index]) if f is not None), (False, False))
        right = next((f for f in flags[index + 1 :] if f is not None), (False, False))
        out.append((left[0] and right[0], left[1] and right[1]))
    return out


def _nest(atoms, order_at) -> str:
    """Open and close delimiters as the flags change, keeping them properly nested.

    `order_at(index, opening)` gives the order (outermost first) to open flags in.
    """
    flags = _resolved(atoms)
    delimiters = ("**", "*")
    stack: list[int] = []
    out: list[str] = []
    for index, (text, _) in enumerate(atoms):
        wanted = {flag for flag in (0, 1) if flags[index][flag]}
        # Close from the top down to the first flag that must end; reopen what was above it.
        ending = [position for position, flag in enumerate(stack) if flag not in wanted]
        if ending:
            cut = ending[0]
            for flag in reversed(stack[cut:]):
                out.append(delimiters[flag])
            stack = stack[:cut]
        opening = [flag for flag in (0, 1) if flag in wanted and flag not in stack]
        for flag in order_at(index, opening, flags):
            out.append(delimiters[flag])
            stack.append(flag)
        out.append(text)
    for flag in reversed(stack):
        out.append(delimiters[flag])
    return "".join(out)


def _run_length(flags: list[Flags], start: int, flag: int) -> int:
    length = 0
    while start + length < len(flags) and flags[start + length][flag]:
        length += 1
    return length


def _nest_longest_outside(atoms) -> str:
    return _nest(
        atoms, lambda index, opening, flags: sorted(opening, key=lambda flag: -_run_length(flags, index, flag))
    )


def _nest_bold_outside(atoms) -> str:
    return _nest(atoms, lambda index, opening, flags: sorted(opening))


def _nest_italic_outside(atoms) -> str:
    return _nest(atoms, lambda index, opening, flags: sorted(opening, reverse=True))


def _runs_key(atoms) -> tuple:
    """What the parser should give back: characters with their formatting, citations as themselves."""
    key: list = []
    for (text, flags), resolved in zip(atoms, _resolved(atoms)):
        if flags is None:
            key.append(("metric", text))
            continue
        plain = re.sub(r"\\(.)", r"\1", text)
        key.extend((char, resolved) for char in plain)
    return _strip_key(key)


def _parsed_runs_key(markup: str) -> tuple:
    return _parsed_key_cached(markup)


@lru_cache(maxsize=4096)
def _parsed_key_cached(markup: str) -> tuple:
    # A word and a space either side stand in for whatever surrounds the chunk: a line's
    # edge, a link's bracket or a space all count alike for the emphasis rules, and the
    # word keeps a leading "- " from reading as a bullet.
    rich = parse(f"x {markup} x")
    if len(rich.blocks) != 1 or not isinstance(rich.blocks[0], Paragraph):
        return ()
    key: list = []
    for node in _flatten(rich.blocks[0].children):
        if isinstance(node, MetricRef):
            key.append(("metric", node.typed))
        elif isinstance(node, Text):
            key.extend((char, (node.bold, node.italic)) for char in node.text)
        else:
            return ()
    plain = ("x", (False, False)), (" ", (False, False))
    if tuple(key[:2]) != plain or tuple(key[-2:]) != plain[::-1]:
        return ()
    return _strip_key(key[2:-2])


def _flatten(inlines) -> Iterable[Inline]:
    for node in inlines:
        if isinstance(node, Link):
            yield from _flatten(node.children)
        else:
            yield node


def _strip_key(key: list) -> tuple:
    # The parser trims a line's edges; the caller trims them too, so they cannot differ.
    while key and key[0][0] in (" ", "\t"):
        key.pop(0)
    while key and key[-1][0] in (" ", "\t"):
        key.pop()
    return tuple(key)
