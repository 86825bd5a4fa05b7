"""How the build overlaps its slow steps: a forked process for the slowest writer, a thread for the HTML check.

On two cores the PDF takes most of a build, so its writer (`Writer.separate_process`) works in a
forked process (runtime/lifetime.worker_pool: it dies with this one) that imports WeasyPrint while
this process builds the outline and draws the charts, then receives the outlined edition (pickled)
and reads half the PDF's pages for its check once it is idle. The HTML check starts its browser in a
thread and checks the page as soon as it is written. The other formats are written and checked here.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace

from ..core.findings import Finding
from ..outline.outlined import OutlinedEdition
from ..runtime.lifetime import stop_pool, worker_pool
from ..writers import WRITERS, WriteOptions

ProgressCallback = Callable[[str, str], None]  # (step, detail): "validated", "rendered", "checked", "written"


def can_fork() -> bool:
    return hasattr(os, "fork") and os.cpu_count() not in (None, 1) and not os.environ.get("REPORTGEN_NO_FORK")


class ParallelWriters:
    """The writers of one build's `formats`, as a context: entering forks the separate process (and warms it
    up); leaving stops it, at once when the build failed or was interrupted, rather than waiting for the PDF.

    Enter it before the outline step, so the fork inherits no thread of ours and its imports overlap the
    outline and the charts: even a PDF-only build forks.
    """

    def __init__(self, formats: Sequence[str]):
        self.formats = list(formats)
        self.apart = [name for name in self.formats if WRITERS[name].separate_process] if can_fork() else []
        self._pool = None

    def __enter__(self) -> ParallelWriters:
        if self.apart:
            # Forked before any thread of ours starts, so the child inherits no held locks.
            self._pool = worker_pool()  # dies with this process, whatever kills it
            for name in self.apart:
                if WRITERS[name].warm_up is not None:
                    self._pool.submit(WRITERS[name].warm_up)
        return self

    def __exit__(self, kind, value, traceback) -> None:
        if self._pool is not None:
            stop_pool(self._pool, abandon=kind is not None)

    def write_and_check(
        self,
        document: OutlinedEdition,
        names: dict[str, str],
        notify: ProgressCallback,
        check_outputs: bool = True,
        options: WriteOptions | None = None,
    ) -> tuple[dict[str, bytes], list[Finding]]:
        """Every format's bytes, by name, and every check's findings (each naming its file in `names`)."""
        options = options or WriteOptions()
        formats, pool = self.formats, self._pool
        documents: dict[str, bytes] = {}
        findings: list[Finding] = []
        # The HTML first: its check runs in a thread while the other formats are written.
        local = [name for name in formats if name == "html"] + [name for name in formats if name != "html"]
        local = [name for name in local if name not in self.apart]
        jobs = {name: pool.submit(_write_apart, document, name, options) for name in self.apart}
        threads = ThreadPoolExecutor(max_workers=1)
        html_check: _PendingHtmlCheck | None = None
        try:
            # The browser starts only now: on two cores it would slow the charts the PDF waits for.
            if check_outputs and "html" in local and len(formats) > 1:
                html_check = _PendingHtmlCheck(threads, names["html"], notify)
            for name in local:
                documents[name] = _write(document, name, options)
                notify("rendered", name)
                if html_check is not None and name == "html":
                    html_check.give(documents[name])
                elif check_outputs:
                    findings.extend(_check(documents[name], name, names[name], notify))
            for name, job in jobs.items():
                documents[name] = job.result()
                notify("rendered", name)
                if check_outputs:
                    # The writer's process is idle now: it reads half the pages for the check.
                    findings.extend(_check(documents[name], name, names[name], notify, executor=pool))
            if html_check is not None:
                findings.extend(html_check.result())
        finally:
            if html_check is not None:
                html_check.cancel()
            threads.shutdown(wait=True, cancel_futures=True)
        return {name: documents[name] for name in formats}, findings


def _write(document: OutlinedEdition, name: str, options: WriteOptions) -> bytes:
    return WRITERS[name].write(document, options)


def _write_apart(document: OutlinedEdition, name: str, options: WriteOptions) -> bytes:
    """_write in the separate process: sent by name, so the function it calls is looked up there."""
    return _write(document, name, options)


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
