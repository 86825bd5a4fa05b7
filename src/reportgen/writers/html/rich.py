"""Rich-text trees to HTML, built with markupsafe so no cell text is ever emitted unescaped."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from markupsafe import Markup, escape

from ...core.model import Edition
from ...core.richtext import BulletList, Inline, LineBreak, Link, MetricRef, Paragraph, RichText, Text
from ...core.wording import metric_text

MetricText = Callable[[MetricRef], str]


def rich_html(text: RichText | None, edition: Edition) -> Markup:
    """Paragraphs, line breaks, nested bullet lists, links and bold/italic/underline runs."""
    if text is None or not text.blocks:
        return Markup("")
    cite = _citer(edition)
    return Markup("").join(_block(block, cite) for block in text.blocks)


def inline_html(inlines: Iterable[Inline], cite: MetricText) -> Markup:
    parts: list[Markup] = []
    for node in inlines:
        if isinstance(node, Text):
            parts.append(_run(node))
        elif isinstance(node, LineBreak):
            parts.append(Markup("<br>"))
        elif isinstance(node, MetricRef):
            parts.append(escape(cite(node)))
        elif isinstance(node, Link):
            inner = inline_html(node.children, cite)
            # Anything but a well-formed web or e-mail link prints as its words only:
            # a javascript:, file: or data: target never reaches the page.
            parts.append(Markup('<a href="{}">{}</a>').format(node.href, inner) if node.is_safe else inner)
    return Markup("").join(parts)


def _run(node: Text) -> Markup:
    html = escape(node.text)
    if node.underline:
        html = Markup("<u>{}</u>").format(html)
    if node.italic:
        html = Markup("<em>{}</em>").format(html)
    if node.bold:
        html = Markup("<strong>{}</strong>").format(html)
    return html


def _block(block, cite: MetricText) -> Markup:
    if isinstance(block, Paragraph):
        return Markup("<p>{}</p>").format(inline_html(block.children, cite))
    return _list(block, cite)


def _list(block: BulletList, cite: MetricText) -> Markup:
    items = []
    for item in block.items:
        sub = _list(item.sublist, cite) if item.sublist is not None else Markup("")
        items.append(Markup("<li>{}{}</li>").format(inline_html(item.children, cite), sub))
    return Markup("<ul>{}</ul>").format(Markup("").join(items))


def _citer(edition: Edition) -> MetricText:
    return lambda ref: metric_text(edition, ref)
