"""Processes and temporary files that end with the command, however it ends.

- **Workers die with their parent.** A forked worker (the PDF's) asks Linux to kill it when its
  parent dies (prctl PR_SET_PDEATHSIG, even after SIGKILL), and also watches a pipe only the parent
  holds open: the pipe reads end-of-file when the parent is gone, on any POSIX system. A worker left
  running would hold its memory and the caller's stdout and stderr, so a script waiting on them hangs.
- **Signals stop a command cleanly.** SIGTERM and SIGHUP are handled like Ctrl-C (SIGINT): the
  command unwinds, its workers are killed and its temporary files removed; a second signal while
  that happens ends the process at once. A signal that lands in a __del__ method is not lost.
- **Temporary files live in one folder per run.** The program points TMPDIR (and Python's tempfile)
  at `reportgen-run-<random>` in the system's temporary folder, held under a lock while the run
  lasts, so everything a run's libraries and browser put there goes when the run ends. A run
  killed outright leaves the folder, but not its lock: the next run removes every such folder
  whose lock it can take.
"""

from __future__ import annotations

import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

try:
    import fcntl
except ImportError:
    fcntl = None

RUN_FOLDER_PREFIX = "reportgen-run-"
_LOCK_NAME = ".lock"
_PR_SET_PDEATHSIG = 1
STOP_GRACE_SECONDS = 15.0
STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))


last_stop: Stopped | None = None  # the last Stopped raised, for the program to report if click swallowed it


class Stopped(KeyboardInterrupt):
    """The command was asked to stop by a signal: a KeyboardInterrupt, so whatever stops gracefully on
    Ctrl-C (the workspace's web server) does the same on SIGTERM and SIGHUP."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name

    @property
    def exit_status(self) -> int:
        return 128 + self.signum

    @property
    def message(self) -> str:
        if self.signum == signal.SIGINT:
            return "interrupted; nothing was written"
        return f"stopped by {self.name}; nothing was written"


# --- workers ---------------------------------------------------------------------------------


class _ParentLine:
    """A pipe whose write end only the parent keeps: a worker reads end-of-file when the parent dies."""

    def __init__(self):
        self.read_end, self.write_end = os.pipe()
        self.parent = os.getpid()

    def close(self) -> None:
        for descriptor in (self.read_end, self.write_end):
            try:
                os.close(descriptor)
            except OSError:
                pass


def worker_pool() -> ProcessPoolExecutor:
    """One forked worker process bound to this one's life (see the module's notes).

    Fork from the main thread: Linux's death signal follows the thread that forked, not the process.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    line = _ParentLine()
    pool = ProcessPoolExecutor(
        max_workers=1,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_bind_to_parent,
        initargs=(line.read_end, line.write_end, line.parent),
    )
    pool._reportgen_parent_line = line  # closed by stop_pool
    # Fork now, with the stop signals held back: a signal whose handler raised inside the fork's
    # at-fork hooks would be swallowed there ("Exception ignored in _releaseLock") and leave
    # logging's lock held, so the command hung instead of stopping. Held back, it arrives after.
    try:
        with _stop_signals_blocked():
            pool.submit(int)
    except BaseException:
        # A signal held back during the fork arrives as the mask is lifted, before the caller has the
        # pool to stop: stop it here, or its manager thread's callback fails at interpreter exit.
        stop_pool(pool, abandon=True)
        raise
    return pool


@contextmanager
def _stop_signals_blocked() -> Iterator[None]:
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def stop_pool(pool: ProcessPoolExecutor, abandon: bool) -> None:
    """Shut the pool down; when `abandon`, kill its worker now instead of waiting for its work.

    A command that failed or was interrupted would otherwise wait for the PDF (seconds to minutes)
    before it could stop.
    """
    if abandon:
        # ProcessPoolExecutor gains terminate_workers() only in Python 3.14.
        for process in list((getattr(pool, "_processes", None) or {}).values()):
            try:
                process.kill()
            except (OSError, AttributeError, ValueError):
                pass
    try:
        pool.shutdown(wait=True, cancel_futures=True)
    finally:
        line = getattr(pool, "_reportgen_parent_line", None)
        if line is not None:
            line.close()


def _bind_to_parent(read_end: int, write_end: int, parent: int) -> None:
    """In the worker, first thing: die with the parent, and leave stopping to it."""
    os.close(write_end)  # this copy would keep the pipe open after the parent died
    _set_death_signal()
    # The parent may have died before the death signal was set; its pipe tells either way.
    threading.Thread(target=_exit_when_closed, args=(read_end,), name="reportgen-parent-watch", daemon=True).start()
    if os.getppid() != parent:
        os._exit(1)
    # Ctrl-C reaches the whole process group; the parent stops this worker itself (no half-run
    # cleanups here, no "Exception ignored in FontConfiguration.__del__"). SIGTERM and SIGHUP kill it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for signum in STOP_SIGNALS:
        if signum != signal.SIGINT:
            signal.signal(signum, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)  # forked with them held back


def _set_death_signal() -> None:
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass  # the pipe still ends the worker, a moment later


def _exit_when_closed(read_end: int) -> None:
    try:
        while os.read(read_end, 1):
            pass
    except OSError:
        pass
    os._exit(1)


# --- signals ---------------------------------------------------------------------------------


@contextmanager
def signals_stop_cleanly() -> Iterator[None]:
    """SIGINT, SIGTERM and SIGHUP raise Stopped in the main thread; a second one ends the process."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    # A signal the caller set to be ignored stays ignored (nohup for SIGHUP, a shell's background
    # job for SIGINT), as Python itself leaves an ignored SIGINT alone.
    previous = {
        signum: signal.getsignal(signum) for signum in STOP_SIGNALS if signal.getsignal(signum) is not signal.SIG_IGN
    }

    def stop(signum, frame):
        global last_stop
        # While the command unwinds, another signal means "now": the default action, no traceback.
        for each in previous:
            signal.signal(each, signal.SIG_DFL)
        _end_anyway_after(STOP_GRACE_SECONDS, signum)
        last_stop = Stopped(signum)
        raise last_stop

    def dropped(unraisable) -> None:
        # A signal that lands while a __del__ method or a weakref callback runs (WeasyPrint's
        # FontConfiguration.__del__, an import lock's cleanup) raises there, and Python drops the
        # exception with an "Exception ignored in" traceback: the command would run on. Signal
        # again instead, so Stopped is raised in the code that was interrupted.
        if isinstance(unraisable.exc_value, Stopped):
            signal.signal(unraisable.exc_value.signum, stop)
            # Sent a moment later from another thread, not with raise_signal(), whose handler would
            # run here, inside the hook: it lands once this thread is back in ordinary code (or in
            # another __del__, and comes back here).
            threading.Thread(
                target=_signal_again, args=(unraisable.exc_value.signum,), name="reportgen-signal-again", daemon=True
            ).start()
        else:
            previous_hook(unraisable)

    previous_hook = sys.unraisablehook
    sys.unraisablehook = dropped
    for signum in previous:
        signal.signal(signum, stop)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler if handler is not None else signal.SIG_DFL)
        sys.unraisablehook = previous_hook


def _signal_again(signum: int) -> None:
    time.sleep(0.02)
    os.kill(os.getpid(), signum)


def _end_anyway_after(seconds: float, signum: int) -> None:
    """End the process if it has not unwound within `seconds` of a stop signal.

    Python swallows an exception raised where it cannot propagate (a finaliser, a callback),
    and a stop signal landing there would otherwise be lost. Workers die with this process; the
    run's temporary folder is removed by the next run, as after SIGKILL.
    """
    timer = threading.Timer(seconds, os._exit, args=(128 + signum,))
    timer.daemon = True
    timer.start()


# --- temporary files -------------------------------------------------------------------------


@contextmanager
def run_folder() -> Iterator[Path]:
    """A locked temporary folder for this run, made TMPDIR for it and its children, removed after."""
    base = Path(tempfile.gettempdir())
    remove_stale_run_folders(base)
    folder, lock = _make_run_folder(base)
    saved_environment = os.environ.get("TMPDIR")
    saved_tempdir = tempfile.tempdir
    os.environ["TMPDIR"] = str(folder)
    tempfile.tempdir = str(folder)
    try:
        yield folder
    finally:
        tempfile.tempdir = saved_tempdir
        if saved_environment is None:
            os.environ.pop("TMPDIR", None)
        else:
            os.environ["TMPDIR"] = saved_environment
        shutil.rmtree(folder, ignore_errors=True)
        os.close(lock)


def remove_stale_run_folders(base: Path) -> list[Path]:
    """Remove the run folders in `base` of runs that are no longer running (their lock is free)."""
    removed = []
    if fcntl is None:
        return removed
    try:
        candidates = [
            Path(entry.path)
            for entry in os.scandir(base)
            if entry.name.startswith(RUN_FOLDER_PREFIX) and entry.is_dir(follow_symlinks=False)
        ]
    except OSError:
        return removed
    for folder in candidates:
        try:
            descriptor = os.open(folder / _LOCK_NAME, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
        except OSError:
            continue  # no lock file yet (a run starting this instant) or not ours to open
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(descriptor)
            continue
        try:
            if _same_file(descriptor, folder / _LOCK_NAME):
                shutil.rmtree(folder, ignore_errors=True)
                removed.append(folder)
        finally:
            os.close(descriptor)
    return removed


def _make_run_folder(base: Path) -> tuple[Path, int]:
    while True:
        folder = Path(tempfile.mkdtemp(prefix=RUN_FOLDER_PREFIX, dir=base))
        descriptor = os.open(folder / _LOCK_NAME, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o600)
        if fcntl is not None:
            fcntl.flock(descriptor, fcntl.LOCK_EX)
            if not _same_file(descriptor, folder / _LOCK_NAME):
                # Another run's sweep removed it between mkdtemp and the lock: make another.
                os.close(descriptor)
                continue
        return folder, descriptor


def _same_file(descriptor: int, path: Path) -> bool:
    try:
        return os.path.samestat(os.fstat(descriptor), os.stat(path))
    except OSError:
        return False
