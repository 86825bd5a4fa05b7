"""A small cache in the user's cache folder, for results that depend only on what their key hashes.

Builds keep two things here: chart drawings (by a hash of the figures and the drawing code)
and which page structures axe-core has already passed (by a hash of the templates and code).
Everything in it can be thrown away at any time: a missing, unreadable or damaged entry is
simply worked out again, and a folder that cannot be written to only means nothing is kept.

REPORTGEN_CACHE_DIR names the folder (default: $XDG_CACHE_HOME/reportgen, else
~/.cache/reportgen); REPORTGEN_CACHE=off turns the cache off.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

# A kind's folder is pruned to its newest entries, so the cache cannot grow without end.
MAX_ENTRIES = 400


def cache_dir() -> Path | None:
    """The cache folder, or None when the cache is turned off."""
    if os.environ.get("REPORTGEN_CACHE", "").strip().lower() in ("off", "0", "no", "false"):
        return None
    configured = os.environ.get("REPORTGEN_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "reportgen"


def read(kind: str, key: str) -> bytes | None:
    folder = cache_dir()
    if folder is None:
        return None
    try:
        return (folder / kind / key).read_bytes()
    except OSError:
        return None


def write(kind: str, key: str, data: bytes) -> None:
    """Store `data` under `key`, whole or not at all (a temporary file renamed into place)."""
    folder = cache_dir()
    if folder is None:
        return
    target = folder / kind
    try:
        target.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target, prefix=".tmp-")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.replace(temporary, target / key)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        _prune(target)
    except OSError:
        pass  # an unwritable cache costs time next build, nothing else


def _prune(folder: Path) -> None:
    entries = [entry for entry in folder.iterdir() if not entry.name.startswith(".tmp-")]
    if len(entries) <= MAX_ENTRIES:
        return
    entries.sort(key=lambda entry: entry.stat().st_mtime)
    for entry in entries[: len(entries) - MAX_ENTRIES]:
        entry.unlink(missing_ok=True)


def files_digest(paths: Iterable[Path], root: Path | None = None) -> str:
    """A hash of the files' names (relative to `root`) and contents, in a stable order."""
    digest = hashlib.sha256()
    for path in sorted(paths):
        name = path.relative_to(root) if root is not None else path.name
        digest.update(str(name).encode("utf-8") + b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()
