"""The build pipeline: load, validate, render every format, check, then write atomically.

Nothing is written unless every requested format rendered (and passed its checks), so
a failed or interrupted build never leaves a partial file or replaces a good output.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..core import schema
from ..core.errors import ReportgenError
from ..core.findings import Finding, count, sort_findings
from ..core.model import Edition
from ..meeting.kind import load_and_validate
from ..runtime.lifetime import stop_pool, worker_pool
from ..runtime.output import write_all
from ..validation import Options
from ..writers import FORMATS, renderer
from .cell_places import name_cells
from .limits import check_pdf_fits

ProgressCallback = Callable[[str, str], None]  # (step, detail): "validated", "rendered", "checked", "written"


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
        return list(FORMATS)
    wanted = [part.strip().lower() for part in text.split(",") if part.strip()]
    unknown = [name for name in wanted if name not in FORMATS]
    if unknown or not wanted:
        raise ReportgenError(
            f"--only: unknown format {', '.join(unknown) or repr(text)}; choose from {', '.join(FORMATS)}"
        )
    return [name for name in FORMATS if name in wanted]


def output_paths(workbook: Path, out_dir: Path, formats: Sequence[str]) -> dict[str, Path]:
    return {name: out_dir / f"{workbook.stem}{FORMATS[name][1]}" for name in formats}


def build(
    workbook: Path,
    out_dir: Path,
    formats: Sequence[str],
    options: Options | None = None,
    progress: ProgressCallback | None = None,
    check_outputs: bool = True,
    reference_doc: Path | None = None,
) -> BuildResult:
    """Validate `workbook`, render `formats`, check them, and write them to `out_dir`.

    `reference_doc` is a restyled copy of the house Word reference document for the DOCX.
    """
    notify = progress or (lambda step, detail: None)
    docx_reference = read_reference_doc(reference_doc) if reference_doc is not None else None
    loaded, findings = load_and_validate(workbook, options)  # an edition or a meeting workbook
    result = BuildResult(findings=findings)
    notify("validated", getattr(loaded, "summary", None) or f"{len(loaded.edition.commitments)} commitments")
    if result.failed:
        return result
    targets = output_paths(workbook, out_dir, formats)
    _check_targets(targets)
    if "pdf" in formats:
        check_pdf_fits(loaded.edition, workbook)  # refused now, rather than swapping for minutes
    documents, check_findings = render_and_check(
        loaded.edition,
        formats,
        {name: path.name for name, path in targets.items()},
        notify,
        check_outputs,
        docx_reference,
    )
    check_findings = name_cells(check_findings, loaded, documents, {n: p.name for n, p in targets.items()})
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


def read_reference_doc(path: Path) -> tuple[bytes, str]:
    """The bytes of a user's reference document and its name, once it is known to be usable."""
    from ..importer.package import read_docx_bytes
    from ..writers.docx.reference import open_reference

    data = read_docx_bytes(Path(path))  # the same size, zip-bomb and DOCTYPE checks as an imported edition
    open_reference(data, str(path))  # every style and setting the writer needs, checked now
    return data, str(path)


def _check_targets(targets: dict[str, Path]) -> None:
    for path in targets.values():
        if path.exists() and path.is_dir():
            raise ReportgenError(f"{path}: is a folder; cannot write the output there")


def render_and_check(
    edition: Edition,
    formats: Sequence[str],
    names: dict[str, str],
    notify: ProgressCallback,
    check_outputs: bool = True,
    docx_reference: tuple[bytes, str] | None = None,
) -> tuple[dict[str, bytes], list[Finding]]:
    """Render and check every format, overlapping the slow steps.

    The PDF (by far the slowest) renders in a forked process, which imports WeasyPrint while
    this one draws the charts' SVGs, and then reads half its pages for the PDF's check; so
    even a PDF-only build forks. Then the HTML check starts its browser in a thread and
    checks the page as soon as it is rendered; DOCX (and the charts' PNGs) renders and is
    checked here.
    """
    documents: dict[str, bytes] = {}
    findings: list[Finding] = []
    local = [name for name in formats if name == "html"] + [name for name in formats if name != "html"]
    pool = pdf_job = None
    completed = False
    if "pdf" in formats and _can_fork():
        # Forked before any thread of ours starts, so the child inherits no held locks.
        pool = worker_pool()  # dies with this process, whatever kills it
        pool.submit(_warm_up_pdf)
        local.remove("pdf")
    threads = ThreadPoolExecutor(max_workers=1)
    html_check: _PendingHtmlCheck | None = None
    try:
        figures = _figures(edition)
        if pool is not None:
            pdf_job = pool.submit(_render_pdf, edition, figures)
        # The browser starts only now: on two cores it would slow the charts the PDF waits for.
        if check_outputs and "html" in local and len(formats) > 1:
            html_check = _PendingHtmlCheck(threads, names["html"], notify)
        for name in local:
            documents[name] = _render_one(edition, name, docx_reference)
            notify("rendered", name)
            if html_check is not None and name == "html":
                html_check.give(documents[name])
            elif check_outputs:
                findings.extend(_check(documents[name], name, names[name], notify))
        if pdf_job is not None:
            documents["pdf"] = pdf_job.result()
            notify("rendered", "pdf")
            if check_outputs:
                # The PDF's process is idle now: it reads half the pages for the check.
                findings.extend(_check(documents["pdf"], "pdf", names["pdf"], notify, executor=pool))
        if html_check is not None:
            findings.extend(html_check.result())
        completed = True
    finally:
        if html_check is not None:
            html_check.cancel()
        threads.shutdown(wait=True, cancel_futures=True)
        if pool is not None:
            stop_pool(pool, abandon=not completed)  # a failed or interrupted build does not wait for the PDF
    return {name: documents[name] for name in formats}, findings


class _PendingHtmlCheck:
    """The HTML check in a thread: Chromium starts now (unless axe-core may know the page's shape), the page
    arrives once it is rendered."""

    def __init__(self, threads: ThreadPoolExecutor, file_name: str, notify: ProgressCallback):
        self._page: Future = Future()
        self._file_name = file_name
        self._notify = notify
        self._done = threads.submit(self._run)

    def _run(self) -> list[Finding]:
        if _axe_memory_exists():
            # This version has passed pages before, so this one may need no browser: the check
            # starts one itself only if the page's shape is new.
            return _check(self._page.result(), "html", self._file_name, self._notify)
        with _html_browser() as runner:
            page = self._page.result()
            return _check(page, "html", self._file_name, self._notify, **({"runner": runner} if runner else {}))

    def give(self, page: bytes) -> None:
        self._page.set_result(page)

    def cancel(self) -> None:
        # An error before the page was rendered must not leave the thread waiting for it.
        if not self._page.done():
            self._page.cancel()

    def result(self) -> list[Finding]:
        return self._done.result()


def _axe_memory_exists() -> bool:
    from ..accessibility.html_shape import memory_enabled, memory_exists

    return memory_enabled() and memory_exists()


def _html_browser():
    from ..accessibility.html import AxeRunner

    return AxeRunner()


def _figures(edition: Edition) -> list:
    """The charts, drawn once here for every format (the PDF's process gets them ready-made)."""
    from ..outline.document import chart_figures

    return chart_figures(edition)


def _warm_up_pdf() -> None:
    from ..writers.pdf.writer import warm_up

    warm_up()


def _render_pdf(edition: Edition, figures: list) -> bytes:
    return renderer("pdf")(edition, figures=figures)


def _can_fork() -> bool:
    return hasattr(os, "fork") and os.cpu_count() not in (None, 1) and not os.environ.get("REPORTGEN_NO_FORK")


def _render_one(edition: Edition, name: str, docx_reference: tuple[bytes, str] | None = None) -> bytes:
    if name == "docx" and docx_reference is not None:
        reference, reference_name = docx_reference
        return renderer(name)(edition, reference=reference, reference_name=reference_name)
    return renderer(name)(edition)


def _check(data: bytes, name: str, file_name: str, notify: ProgressCallback, **options) -> list[Finding]:
    from ..accessibility import check_bytes

    if name == "html":  # our own templates made the page: axe-core runs once per new shape (html_shape)
        options["remember_shapes"] = True
    # The build prints every file's findings together, so each names its file.
    findings = [
        replace(f, source=replace(f.source, where=f"{file_name}, {f.source.where}" if f.source.where else file_name))
        for f in check_bytes(data, name, file_name, **options)
    ]
    notify("checked", name)
    return findings
