"""The build pipeline: load, validate, render every format, check, then write atomically.

Nothing is written unless every requested format rendered (and passed its checks), so
a failed or interrupted build never leaves a partial file or replaces a good output.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Sequence

from . import schema
from .errors import ReportgenError
from .findings import Finding, count, sort_findings
from .model import Edition
from .output import atomic_write
from .render import FORMATS, renderer
from .validation import Options, validate
from .workbook.reader import load

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
        raise ReportgenError(f"--only: unknown format {', '.join(unknown) or repr(text)}; "
                             f"choose from {', '.join(FORMATS)}")
    return [name for name in FORMATS if name in wanted]


def output_paths(workbook: Path, out_dir: Path, formats: Sequence[str]) -> dict[str, Path]:
    return {name: out_dir / f"{workbook.stem}{FORMATS[name][1]}" for name in formats}


def build(workbook: Path, out_dir: Path, formats: Sequence[str], options: Options | None = None,
          progress: ProgressCallback | None = None, check_outputs: bool = True) -> BuildResult:
    """Validate `workbook`, render `formats`, check them, and write them to `out_dir`."""
    notify = progress or (lambda step, detail: None)
    loaded = load(workbook)
    findings = validate(loaded, options)
    result = BuildResult(findings=findings)
    notify("validated", f"{len(loaded.edition.commitments)} commitments")
    if result.failed:
        return result
    targets = output_paths(workbook, out_dir, formats)
    _check_targets(targets)
    documents, check_findings = render_and_check(
        loaded.edition, formats, {name: path.name for name, path in targets.items()}, notify, check_outputs)
    result.findings = sort_findings(result.findings + check_findings, schema.SHEET_ORDER)
    if count(check_findings)[0]:
        return result
    for name, path in targets.items():
        atomic_write(path, documents[name])
        result.written.append(path)
        notify("written", str(path))
    return result


def _check_targets(targets: dict[str, Path]) -> None:
    for path in targets.values():
        if path.exists() and path.is_dir():
            raise ReportgenError(f"{path}: is a folder; cannot write the output there")


def render_and_check(edition: Edition, formats: Sequence[str], names: dict[str, str], notify: ProgressCallback,
                     check_outputs: bool = True) -> tuple[dict[str, bytes], list[Finding]]:
    """Render and check every format, overlapping the slow steps.

    The PDF (by far the slowest) renders in a forked process; the HTML renders first so
    its check, which starts a browser, runs in a thread while DOCX renders and is checked.
    """
    documents: dict[str, bytes] = {}
    findings: list[Finding] = []
    pending: Future | None = None
    pool = None
    local = [name for name in formats if name == "html"] + [name for name in formats if name != "html"]
    if edition.charts:
        # Draw the charts once, before forking, so the PDF's process inherits the drawings.
        from .charts import chart_figures

        chart_figures(edition)
    if "pdf" in formats and len(formats) > 1 and _can_fork():
        # Forked before any thread of ours starts, so the child inherits no held locks.
        pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
        pending = pool.submit(_render_one, edition, "pdf")
        local.remove("pdf")
    threads = ThreadPoolExecutor(max_workers=1)
    checks: list[Future] = []
    try:
        for name in local:
            documents[name] = _render_one(edition, name)
            notify("rendered", name)
            if check_outputs and name == "html" and len(formats) > 1:
                checks.append(threads.submit(_check, documents[name], name, names[name], notify))
            elif check_outputs:
                findings.extend(_check(documents[name], name, names[name], notify))
        if pending is not None:
            documents["pdf"] = pending.result()
            notify("rendered", "pdf")
            if check_outputs:
                findings.extend(_check(documents["pdf"], "pdf", names["pdf"], notify))
        for check in checks:
            findings.extend(check.result())
    finally:
        threads.shutdown(wait=True, cancel_futures=True)
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
    return {name: documents[name] for name in formats}, findings


def _can_fork() -> bool:
    return hasattr(os, "fork") and os.cpu_count() not in (None, 1) and not os.environ.get("REPORTGEN_NO_FORK")


def _render_one(edition: Edition, name: str) -> bytes:
    return renderer(name)(edition)


def _check(data: bytes, name: str, file_name: str, notify: ProgressCallback) -> list[Finding]:
    from .accessibility import check_bytes

    # The build prints every file's findings together, so each names its file.
    findings = [replace(f, source=replace(f.source, where=f"{file_name}, {f.source.where}" if f.source.where
                                          else file_name)) for f in check_bytes(data, name, file_name)]
    notify("checked", name)
    return findings
