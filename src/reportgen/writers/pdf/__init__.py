"""The PDF writer: the print page laid out by WeasyPrint as tagged PDF/UA-1, then repaired (fixup.py)."""

from __future__ import annotations

from .. import Writer, register
from .limits import check_pdf_fits


def _write(document, options) -> bytes:
    from .writer import write

    return write(document, options)


def _warm_up() -> None:
    from .writer import warm_up

    warm_up()


register(
    Writer("pdf", ".pdf", "PDF/UA-1", 2, _write, separate_process=True, warm_up=_warm_up, refuse_early=check_pdf_fits)
)
