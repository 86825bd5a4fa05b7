"""Writing output files so a failure never leaves a partial file, a mixed set or a replaced good one.

Every file is first written in full to a temporary file in its own folder (a rename is atomic
only within one file system), then renamed over the final name; a set of files, such as a
build's DOCX, PDF and HTML, is renamed only once every one of them is complete.

Temporary files are named `.<final name>.reportgen-<random>.part` and each is held under an
exclusive lock (flock) while it exists. A process killed outright (SIGKILL, a power cut) cannot
remove its temporary files, but its locks die with it: the next write into the same folder removes
every `.*.reportgen-*.part` file whose lock it can take, so a stale one lasts until the next run.
"""

from __future__ import annotations

import errno
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import ReportgenError

try:
    import fcntl
except ImportError:  # not POSIX: no locks, so only temporary files a day old count as stale
    fcntl = None

TEMPORARY_MARK = ".reportgen-"
TEMPORARY_SUFFIX = ".part"
_STALE_WITHOUT_LOCKS = 24 * 3600  # seconds


def atomic_write(path: Path, data: bytes, overwrite: bool = True) -> None:
    """Write `data` to `path` through a temporary file in the same folder and a rename."""
    write_all({Path(path): data}, overwrite=overwrite)


def write_all(files: Mapping[Path, bytes], overwrite: bool = True) -> None:
    """Write every file or none: all to temporary files first, then all renamed into place.

    A write error (a full disk, a quota, a read-only folder) removes the temporary files, leaves
    whatever the names held before untouched and raises a one-line ReportgenError naming the
    folder and the cause. With overwrite=False an existing file is refused, never replaced.
    """
    files = {Path(path): data for path, data in files.items()}
    for folder in dict.fromkeys(_folder(path) for path in files):
        _prepare_folder(folder)
    for path in files:
        if not overwrite and path.exists():
            raise ReportgenError(refusal(path))
    pending: list[_Temporary] = []
    try:
        for path, data in files.items():
            temporary = _Temporary.create(path)
            pending.append(temporary)
            temporary.write(data)
        _rename_all(pending, overwrite)
    except OSError as exc:
        raise ReportgenError(_write_failure(pending, files, exc)) from None
    finally:
        for temporary in pending:
            temporary.discard()
    _sync_folders({_folder(path) for path in files})


def refusal(path: Path) -> str:
    return f"{path}: already exists; choose another name, delete it first, or add --force to replace it"


def check_target(path: Path, force: bool = False, inputs=(), what: str = "an input file") -> None:
    """Refuse to write to `path` if it is a folder, one of `inputs` (even with --force), or exists."""
    path = Path(path)
    if path.is_dir():
        raise ReportgenError(f"{path}: is a folder; give a file name")
    for source in inputs:
        if _same_path(path, Path(source)):
            raise ReportgenError(f"{path}: is {what}; write to another file")
    if path.exists() and not force:
        raise ReportgenError(refusal(path))


def _same_path(one: Path, other: Path) -> bool:
    try:
        if one.exists() and other.exists() and os.path.samefile(one, other):
            return True
    except OSError:
        pass
    return one.resolve() == other.resolve()


def remove_stale_temporaries(folder: Path) -> list[Path]:
    """Remove temporary files that a killed reportgen left in `folder`; return what was removed.

    A temporary file whose lock can be taken belongs to no running process: its writer died
    before it could rename or remove it.
    """
    removed = []
    try:
        candidates = [entry for entry in os.scandir(folder) if _is_temporary_name(entry.name)]
    except OSError:
        return removed
    for entry in candidates:
        try:
            if _remove_if_stale(Path(entry.path)):
                removed.append(Path(entry.path))
        except OSError:
            continue  # gone meanwhile, or not ours to remove: leave it
    return removed


@dataclass
class _Temporary:
    final: Path
    path: Path
    descriptor: int | None

    @classmethod
    def create(cls, final: Path) -> _Temporary:
        folder = _folder(final)
        while True:
            path = folder / f".{final.name}{TEMPORARY_MARK}{secrets.token_hex(4)}{TEMPORARY_SUFFIX}"
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o644)
            if _lock(descriptor, wait=True) and _still_named(descriptor, path):
                return cls(final, path, descriptor)
            # Another run's sweep took it between create and lock, thinking it stale: start again.
            os.close(descriptor)

    def write(self, data: bytes) -> None:
        view = memoryview(data)
        while view:
            written = _write(self.descriptor, view)
            view = view[written:]
        os.fsync(self.descriptor)
        os.chmod(self.path, 0o644)

    def discard(self) -> None:
        """Remove the temporary file (if it was not renamed) and release its lock."""
        _release(self.path, self.descriptor)
        self.descriptor = None


def _write(descriptor: int, data: memoryview) -> int:
    # One place every output byte goes through, so tests can make the disk fill up here.
    return os.write(descriptor, data)


def _rename_all(pending: list[_Temporary], overwrite: bool) -> None:
    """Rename each temporary file over its final name; on a failure, put back what was replaced.

    What each name held before is kept as a hard link (no data copied) until every rename is
    done, so a failure part-way (a rename hardly ever fails once the files are written) leaves
    the earlier set as it was.
    """
    backups = [_Backup.create(temporary.final) for temporary in pending] if overwrite else []
    try:
        done: list[int] = []
        try:
            for index, temporary in enumerate(pending):
                if overwrite:
                    os.replace(temporary.path, temporary.final)
                else:
                    _link_new(temporary)
                done.append(index)
        except BaseException:
            for index in reversed(done):
                if overwrite and backups[index].path is not None:
                    os.replace(backups[index].path, pending[index].final)
                else:
                    _unlink_quietly(pending[index].final)
            raise
    finally:
        for backup in backups:
            backup.discard()


@dataclass
class _Backup:
    path: Path | None
    descriptor: int | None

    @classmethod
    def create(cls, final: Path) -> _Backup:
        """A locked hard link to the file `final` names now, or nothing if it names none."""
        while True:
            path = _folder(final) / f".{final.name}{TEMPORARY_MARK}{secrets.token_hex(4)}.old{TEMPORARY_SUFFIX}"
            try:
                os.link(final, path, follow_symlinks=False)
            except FileNotFoundError:
                return cls(None, None)
            except FileExistsError:
                continue
            try:
                descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
            except OSError:  # an unreadable old file: replaced without a way back, as before
                _unlink_quietly(path)
                return cls(None, None)
            if _lock(descriptor, wait=True) and _still_named(descriptor, path):
                return cls(path, descriptor)
            os.close(descriptor)

    def discard(self) -> None:
        """Remove the backup link (if it was not renamed back) and release its lock."""
        _release(self.path, self.descriptor)
        self.descriptor = None


def _release(path: Path | None, descriptor: int | None) -> None:
    # Unlink only while `path` still names our locked file: a rename may have moved it into place.
    if descriptor is None:
        return
    try:
        if path is not None and _still_named(descriptor, path):
            os.unlink(path)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def _link_new(temporary: _Temporary) -> None:
    # link() fails if the name was taken meanwhile, unlike replace().
    try:
        os.link(temporary.path, temporary.final)
    except FileExistsError:
        raise ReportgenError(refusal(temporary.final)) from None


def _write_failure(pending: list[_Temporary], files: Mapping[Path, bytes], exc: OSError) -> str:
    failed = Path(exc.filename) if getattr(exc, "filename", None) else None
    folder = _folder(failed if failed is not None else next(iter(files)))
    cause = exc.strerror or str(exc)
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        advice = "free some space there, or write somewhere else, and run the command again"
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        advice = "write to a folder you can write to"
    else:
        advice = "run the command again once the folder is writable"
    names = ", ".join(path.name for path in files)
    return f"{folder}: could not write {names} ({cause}); nothing there was replaced; {advice}"


def _prepare_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ReportgenError(f"{folder}: cannot create the output folder ({exc.strerror})") from None
    if not folder.is_dir():
        raise ReportgenError(f"{folder}: is not a folder")
    remove_stale_temporaries(folder)


def _folder(path: Path) -> Path:
    return path.parent if str(path.parent) else Path(".")


def _is_temporary_name(name: str) -> bool:
    return name.startswith(".") and TEMPORARY_MARK in name and name.endswith(TEMPORARY_SUFFIX)


def _remove_if_stale(path: Path) -> bool:
    if fcntl is None:
        import time

        if time.time() - path.stat().st_mtime < _STALE_WITHOUT_LOCKS:
            return False
        path.unlink()
        return True
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    try:
        if not _lock(descriptor, wait=False) or not _still_named(descriptor, path):
            return False
        os.unlink(path)
        return True
    finally:
        os.close(descriptor)


def _lock(descriptor: int, wait: bool) -> bool:
    if fcntl is None:
        return True
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
    except BlockingIOError:
        return False
    return True


def _still_named(descriptor: int, path: Path) -> bool:
    """Whether `path` still names the file open as `descriptor` (a sweep may have unlinked it)."""
    try:
        return os.path.samestat(os.fstat(descriptor), os.stat(path, follow_symlinks=False))
    except FileNotFoundError:
        return False


def _unlink_quietly(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _sync_folders(folders: set[Path]) -> None:
    """Make the renames durable: without this a power cut could leave the old names in place."""
    for folder in folders:
        try:
            descriptor = os.open(folder, os.O_RDONLY)
        except OSError:
            continue
        try:
            os.fsync(descriptor)
        except OSError:
            pass
        finally:
            os.close(descriptor)
