"""Writing output files so a failure never leaves a partial file or replaces a good one."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import ReportgenError


def atomic_write(path: Path, data: bytes, overwrite: bool = True) -> None:
    """Write `data` to `path` through a temporary file in the same folder and a rename."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ReportgenError(f"{folder}: cannot create the output folder ({exc.strerror})") from None
    if folder.exists() and not folder.is_dir():
        raise ReportgenError(f"{folder}: is not a folder")
    if not overwrite and path.exists():
        raise ReportgenError(f"{path}: already exists; choose another name or delete it first")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise ReportgenError(f"{path}: cannot write here ({exc.strerror})") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        if not overwrite:
            # link() fails if the name was taken meanwhile, unlike replace().
            try:
                os.link(temporary, path)
            except FileExistsError:
                raise ReportgenError(f"{path}: already exists; choose another name or delete it first") from None
            os.unlink(temporary)
        else:
            os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
