"""The build pipeline, step by step: read and validate the workbook, build the outline (charts drawn
once), write each format, check each output, then write the files, all or none.

Nothing is written unless every requested format was written (and passed its checks), so
a failed or interrupted build never leaves a partial file or replaces a good output. How the
steps overlap (a forked process, a thread) is parallel.py's business; the formats are
the writers' registry (writers/__init__.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..core import schema
from ..core.errors import ReportgenError
from ..core.findings import Finding, count, sort_findings
from ..meeting.kind import load_and_validate
from ..outline.outlined import outline_edition
from ..runtime.output import write_all
from ..validation import Options
from ..writers import WRITERS, WriteOptions
from .cell_places import name_cells
from .parallel import ParallelWriters, ProgressCallback


@dataclass
class BuildResult:
    findings: list[Finding] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return count(self.findings)[0] > 0


def parse_formats(text: str | None) -> list[str]:
    """'docx,pdf' -> ['docx', 'pdf'] in registry order; every format when empty."""
    if not text:
        return list(WRITERS)
    wanted = [part.strip().lower() for part in text.split(",") if part.strip()]
    unknown = [name for name in wanted if name not in WRITERS]
    if unknown or not wanted:
        raise ReportgenError(
            f"--only: unknown format {', '.join(unknown) or repr(text)}; choose from {', '.join(WRITERS)}"
        )
    return [name for name in WRITERS if name in wanted]


def output_paths(workbook: Path, out_dir: Path, formats: Sequence[str]) -> dict[str, Path]:
    return {name: out_dir / f"{workbook.stem}{WRITERS[name].suffix}" for name in formats}


def build(
    workbook: Path,
    out_dir: Path,
    formats: Sequence[str],
    options: Options | None = None,
    progress: ProgressCallback | None = None,
    check_outputs: bool = True,
    reference_doc: Path | None = None,
) -> BuildResult:
    """Validate `workbook`, write `formats`, check them, and write the files to `out_dir`.

    `reference_doc` is a restyled copy of the house Word reference document for the DOCX.
    """
    notify = progress or (lambda step, detail: None)
    write_options = read_reference_doc(reference_doc) if reference_doc is not None else WriteOptions()
    loaded, findings = load_and_validate(workbook, options)  # an edition or a meeting workbook
    result = BuildResult(findings=findings)
    notify("validated", getattr(loaded, "summary", None) or f"{len(loaded.edition.commitments)} commitments")
    if result.failed:
        return result
    targets = output_paths(workbook, out_dir, formats)
    _check_targets(targets)
    for name in formats:
        if WRITERS[name].refuse_early is not None:
            WRITERS[name].refuse_early(loaded.edition, workbook)  # refused now, rather than swapping for minutes
    file_names = {name: path.name for name, path in targets.items()}
    with ParallelWriters(formats) as writers:  # forks the PDF's process now, so it imports WeasyPrint meanwhile
        document = outline_edition(loaded.edition)  # the one outline every writer reads; charts drawn here
        documents, check_findings = writers.write_and_check(document, file_names, notify, check_outputs, write_options)
    check_findings = name_cells(check_findings, loaded, documents, file_names)
    result.findings = sort_findings(
        result.findings + check_findings, getattr(loaded, "sheet_order", schema.SHEET_ORDER)
    )
    if count(check_findings)[0]:
        return result
    write_all({path: documents[name] for name, path in targets.items()})  # all or none
    for path in targets.values():
        result.written.append(path)
        notify("written", str(path))
    return result


def read_reference_doc(path: Path) -> WriteOptions:
    """The writers' options for a user's reference document, once it is known to be usable."""
    from ..importer.package import read_docx_bytes
    from ..writers.docx.reference import open_reference

    data = read_docx_bytes(Path(path))  # the same size, zip-bomb and DOCTYPE checks as an imported edition
    open_reference(data, str(path))  # every style and setting the writer needs, checked now
    return WriteOptions(docx_reference=data, docx_reference_name=str(path))


def _check_targets(targets: dict[str, Path]) -> None:
    for path in targets.values():
        if path.exists() and path.is_dir():
            raise ReportgenError(f"{path}: is a folder; cannot write the output there")
