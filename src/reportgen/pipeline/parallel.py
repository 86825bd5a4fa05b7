"""How the build overlaps its slow steps: a forked process for the slowest writer, a thread for a slow check.

On two cores the PDF takes most of a build, so its writer (`Writer.separate_process`) works in a
forked process (runtime/lifetime.worker_pool: it dies with this one) that imports WeasyPrint while
this process builds the outline and draws the charts, then receives the outlined edition (pickled)
and reads half the PDF's pages for its check once it is idle. A check that needs something slow to start
(`Checker.start_early`: the HTML check's browser) starts it in a thread and checks its file as soon as it
is written. The other formats are written and checked here.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace

from .. import accessibility
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
        # Formats whose check starts early go first: the check runs in a thread while the others are written.
        first = [name for name in formats if _starts_early(name)]
        local = [name for name in dict.fromkeys(first + formats) if name not in self.apart]
        early = first if check_outputs and len(formats) > 1 else []
        jobs = {name: pool.submit(_write_apart, document, name, options) for name in self.apart}
        threads = ThreadPoolExecutor(max_workers=max(1, len(early)))
        pending: dict[str, _PendingCheck] = {}
        try:
            # Started only now: on two cores a browser would slow the charts the PDF waits for.
            for name in early:
                if name in local:
                    pending[name] = _PendingCheck(threads, name, names[name], notify)
            for name in local:
                documents[name] = _write(document, name, options)
                notify("rendered", name)
                if name in pending:
                    pending[name].give(documents[name])
                elif check_outputs:
                    findings.extend(_check(documents[name], name, names[name], notify))
            for name, job in jobs.items():
                documents[name] = job.result()
                notify("rendered", name)
                if check_outputs:
                    # The writer's process is idle now: it reads half the pages for the check.
                    findings.extend(_check(documents[name], name, names[name], notify, executor=pool))
            for check in pending.values():
                findings.extend(check.result())
        finally:
            for check in pending.values():
                check.cancel()
            threads.shutdown(wait=True, cancel_futures=True)
        return {name: documents[name] for name in formats}, findings


def _write(document: OutlinedEdition, name: str, options: WriteOptions) -> bytes:
    return WRITERS[name].write(document, options)


def _write_apart(document: OutlinedEdition, name: str, options: WriteOptions) -> bytes:
    """_write in the separate process: sent by name, so the function it calls is looked up there."""
    return _write(document, name, options)


class _PendingCheck:
    """A check in a thread: what it needs starts now (`Checker.start_early`), its file arrives once written."""

    def __init__(self, threads: ThreadPoolExecutor, name: str, file_name: str, notify: ProgressCallback):
        self._file: Future = Future()
        self._name = name
        self._file_name = file_name
        self._notify = notify
        self._done = threads.submit(self._run)

    def _run(self) -> list[Finding]:
        with _start_early(self._name) as runner:
            data = self._file.result()
            options = {"runner": runner} if runner is not None else {}
            return _check(data, self._name, self._file_name, self._notify, **options)

    def give(self, data: bytes) -> None:
        self._file.set_result(data)

    def cancel(self) -> None:
        # An error before the file was written must not leave the thread waiting for it.
        if not self._file.done():
            self._file.cancel()

    def result(self) -> list[Finding]:
        return self._done.result()


def _starts_early(name: str) -> bool:
    found = accessibility.checker(name)
    return found is not None and found.start_early is not None


def _start_early(name: str):
    return accessibility.checker(name).start_early()


def _check(data: bytes, name: str, file_name: str, notify: ProgressCallback, **options) -> list[Finding]:
    found = accessibility.checker(name)
    options = dict(found.in_build if found is not None else ()) | options
    # The build prints every file's findings together, so each names its file.
    findings = [
        replace(f, source=replace(f.source, where=f"{file_name}, {f.source.where}" if f.source.where else file_name))
        for f in accessibility.check_bytes(data, name, file_name, **options)
    ]
    notify("checked", name)
    return findings
