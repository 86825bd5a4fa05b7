"""Chart figures in Word: the picture with its text alternative, its caption, then its figures as a table."""

from __future__ import annotations

import io

from docx.document import Document
from docx.shared import Emu

from ...core.errors import ReportgenError
from ...ooxml.elements import clean
from . import xml
from .tables import data_table

CAPTION_STYLE = "Caption"
_EMU_PER_TWIP = 635


def figure_blocks(document: Document, figure, number: int, width: int) -> list:
    """The picture, its caption and its data table, ready to add to the body in that order.

    The picture is added to the document part here; the caller must put these blocks in
    the body before drawing the next figure, because python-docx numbers pictures from
    the ids already in the body.
    """
    title = figure.title or f"Figure {number}"
    # The caption comes first and stays with the picture, as in the PDF and on the web page.
    caption = xml.paragraph(CAPTION_STYLE, keep_next=True)
    caption.append(xml.run(f"Figure {number}: {title}"))
    picture = xml.paragraph(keep_next=True, align="center")
    run = xml.run()
    try:
        inline = document.part.new_pic_inline(io.BytesIO(figure.png), width=_picture_width(figure, width))
    except Exception as exc:  # python-docx raises several types for an unreadable image
        raise ReportgenError(
            f"Charts: the chart {figure.group!r} could not be placed in the Word document ({exc})"
        ) from None
    inline.docPr.set("descr", clean(figure.alt or title))
    inline.docPr.set("title", clean(title))
    run.add_drawing(inline)
    picture.append(run)
    blocks = [caption, picture]
    table = data_table(figure.table, width, caption=f"Data for figure {number}: {title}")
    if table is not None:
        blocks.append(table)
    return blocks


def _picture_width(figure, text_width: int) -> Emu:
    wanted = Emu(int(figure.width_cm * 360000)) if figure.width_cm else Emu(text_width * _EMU_PER_TWIP)
    return Emu(min(int(wanted), text_width * _EMU_PER_TWIP))
