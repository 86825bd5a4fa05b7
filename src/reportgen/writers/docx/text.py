"""The rich-text tree as Word paragraphs: formatted runs, line breaks, real links and real bullet lists."""

from __future__ import annotations

from dataclasses import dataclass, field

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.parts.document import DocumentPart

from ...core.model import Edition
from ...core.richtext import BulletList, Inline, LineBreak, Link, MetricRef, Paragraph, RichText, Text
from ...core.wording import metric_text
from ...ooxml.elements import clean
from . import xml

BULLET_STYLES = ("ListBullet", "ListBullet2", "ListBullet3")
HYPERLINK_STYLE = "Hyperlink"


@dataclass
class TextWriter:
    """Writes rich text into the main document part (which owns the link relationships)."""

    part: DocumentPart
    edition: Edition
    bullet_num_id: int
    _link_ids: dict[str, str] = field(default_factory=dict)
    _next_link_number: int = 1

    def relationship(self, href: str) -> str:
        """The id of the external hyperlink relationship to `href`, one per distinct address.

        python-docx's relate_to searches every relationship on each call, which made a
        1,000-commitment edition quadratic; this keeps a map instead.
        """
        known = self._link_ids.get(href)
        if known is not None:
            return known
        rels = self.part.rels
        while f"rId{self._next_link_number}" in rels:
            self._next_link_number += 1
        rel_id = f"rId{self._next_link_number}"
        rels.add_relationship(RT.HYPERLINK, clean(href), rel_id, is_external=True)
        self._link_ids[href] = rel_id
        return rel_id

    def paragraphs(self, rich: RichText, style_id: str | None = None) -> list:
        """Every block of `rich` as w:p elements; paragraphs take `style_id`, bullets the List Bullet styles."""
        out: list = []
        for block in rich.blocks:
            if isinstance(block, Paragraph):
                p = xml.paragraph(style_id)
                self.fill(p, block.children)
                out.append(p)
            else:
                out.extend(self._bullets(block, 0))
        return out

    def _bullets(self, bullets: BulletList, level: int) -> list:
        out = []
        # Word's numbering has three bullet levels here; deeper items stay at the third.
        depth = min(level, len(BULLET_STYLES) - 1)
        for item in bullets.items:
            p = xml.paragraph(BULLET_STYLES[depth], bullet=(self.bullet_num_id, depth))
            self.fill(p, item.children)
            out.append(p)
            if item.sublist is not None:
                out.extend(self._bullets(item.sublist, level + 1))
        return out

    def fill(self, p, inlines: tuple[Inline, ...]) -> None:
        """Append runs (and links) for `inlines` to the paragraph `p`."""
        for node in inlines:
            if isinstance(node, Link):
                runs = self._runs(node.children, link=node.is_safe)
                if node.is_safe:
                    relationship = self.relationship(node.href)
                    p.append(xml.external_link(relationship, runs))
                else:
                    # Anything but a web or e-mail address prints as its words, never as a link.
                    p.extend(runs)
            else:
                p.extend(self._runs((node,)))

    def _runs(self, inlines, link: bool = False) -> list:
        style = HYPERLINK_STYLE if link else None
        runs = []
        for node in inlines:
            if isinstance(node, Text):
                if node.text:
                    runs.append(
                        xml.run(
                            node.text,
                            bold=node.bold,
                            italic=node.italic,
                            underline=node.underline and not link,
                            style_id=style,
                        )
                    )
            elif isinstance(node, LineBreak):
                runs.append(xml.line_break())
            elif isinstance(node, MetricRef):
                runs.append(xml.run(metric_text(self.edition, node), style_id=style))
            elif isinstance(node, Link):
                runs.extend(self._runs(node.children, link))
        return runs

    def link(self, href: str, text: str) -> list:
        """A link made by the renderer itself (the contact address): its run, linked when safe."""
        target = Link(href, (Text(text),))
        p_children = self._runs(target.children, link=target.is_safe)
        if not target.is_safe:
            return p_children
        relationship = self.relationship(href)
        return [xml.external_link(relationship, p_children)]
