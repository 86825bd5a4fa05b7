"""Writers: each turns the outlined edition into the bytes of one format, and registers itself here.

A format is a `Writer`: the name `--only` takes, the file suffix, a description, and
`write(document, options) -> bytes`, where `document` is the `OutlinedEdition` the build made
once (outline and charts ready, see outline/outlined.py) and `options` the build's
`WriteOptions`. Writers only read the document. Each format's folder (writers/docx,
writers/pdf, writers/html) registers its Writer in its own __init__.py, and this package
imports every folder it holds, so a new format is one new folder (and its line in
pyproject.toml's package list).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.model import Edition
from ..outline.outlined import OutlinedEdition, outline_edition

if TYPE_CHECKING:
    from .pdf.fetcher import AssetFetcher


@dataclass(frozen=True)
class WriteOptions:
    """What a build can ask of a writer beyond the document itself; each field names the format it is for."""

    docx_reference: bytes | None = None  # a restyled copy of the house reference document (--reference-doc)
    docx_reference_name: str | None = None  # how messages name that document
    pdf_fetcher: AssetFetcher | None = None  # what the PDF may load; None: the house files only


@dataclass(frozen=True)
class Writer:
    name: str  # the format's name on the command line: "docx"
    suffix: str  # the output file's suffix: ".docx"
    description: str
    order: int  # the formats' order in `--only`'s default, the build's steps and its list of files
    write: Callable[[OutlinedEdition, WriteOptions], bytes]
    # Renders in a process of its own while this one does the rest (the PDF: by far the slowest).
    separate_process: bool = False
    # Called in that process as soon as it starts: the imports and files a write will need.
    warm_up: Callable[[], None] | None = None
    # Called before any work: raises ReportgenError, naming the workbook, when this machine cannot
    # write the edition in this format (the PDF: not enough memory), rather than failing minutes later.
    refuse_early: Callable[[Edition, Path], None] | None = None


WRITERS: dict[str, Writer] = {}  # by name, in `order`


def register(writer: Writer) -> None:
    """Called by each format's folder when it is imported."""
    WRITERS[writer.name] = writer
    ordered = sorted(WRITERS.values(), key=lambda each: (each.order, each.name))
    WRITERS.clear()
    WRITERS.update((each.name, each) for each in ordered)


def writer(name: str) -> Writer:
    return WRITERS[name]


def write_edition(name: str, edition: Edition, options: WriteOptions | None = None) -> bytes:
    """One format of `edition` in one call (outline built here): for tests, benchmarks and the workspace preview."""
    return WRITERS[name].write(outline_edition(edition), options or WriteOptions())


for _folder in pkgutil.iter_modules(__path__):
    if _folder.ispkg:
        importlib.import_module(f"{__name__}.{_folder.name}")
