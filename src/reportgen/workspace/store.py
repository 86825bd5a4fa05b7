"""The workspace's store: an SQLite database and a folder of files under one data folder.

Layout of DATA (default ./reportgen-data):
    workspace.sqlite3   documents (one row an upload) and builds (one row a build)
    files/<sha256>.xlsx every uploaded original, named by its SHA-256, never changed
    builds/<id>/        one build's workbook copy and outputs (edition.docx, .pdf, .html)
    tmp/                uploads and downloads being made; emptied at every start
    secret              the key that signs forms (CSRF), made once, readable by the owner only

Crash safety: a file is written to a temporary name, flushed and renamed into place, and
only then is its row committed. A row therefore never names a missing file; a file with
no row (the server was killed between the two) is removed by `recover()` at the next start,
as are the outputs of builds that never finished.

User file names are kept in the database for display and downloads only: no path under
DATA is ever made from one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import secrets
import shutil
import sqlite3
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Kinds of stored workbook: editions, and board meeting workbooks (reportgen.meeting) listed beside them.
KIND_EDITION = "edition"
KIND_MEETING = "meeting"

# Build states, in the order a build passes through them; the last four are final.
QUEUED, RENDERING, CHECKING = "queued", "rendering", "checking"
DONE, REFUSED, FAILED, INTERRUPTED = "done", "refused", "failed", "interrupted"
RUNNING_STATES = (RENDERING, CHECKING)
FINAL_STATES = (DONE, REFUSED, FAILED, INTERRUPTED)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL DEFAULT 'edition',
    file_name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    label TEXT NOT NULL DEFAULT '',
    period_start TEXT,
    period_end TEXT,
    status TEXT NOT NULL DEFAULT 'Draft',
    errors INTEGER NOT NULL DEFAULT 0,
    warnings INTEGER NOT NULL DEFAULT 0,
    findings TEXT NOT NULL DEFAULT '[]',
    uploaded_by TEXT NOT NULL DEFAULT '',
    uploaded_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_kind ON documents (kind, title);
CREATE TABLE IF NOT EXISTS builds (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    state TEXT NOT NULL DEFAULT 'queued',
    detail TEXT NOT NULL DEFAULT '',
    steps_done INTEGER NOT NULL DEFAULT 0,
    steps_total INTEGER NOT NULL DEFAULT 10,
    requested_by TEXT NOT NULL DEFAULT '',
    requested_at TEXT NOT NULL,
    finished_at TEXT,
    findings TEXT NOT NULL DEFAULT '[]',
    outputs TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX IF NOT EXISTS builds_state ON builds (state, id);
"""


def now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


@dataclass
class Document:
    id: int
    kind: str
    file_name: str
    sha256: str
    size: int
    title: str
    label: str
    period_start: str | None
    period_end: str | None
    status: str
    errors: int
    warnings: int
    findings: list[dict]
    uploaded_by: str
    uploaded_at: str

    @property
    def is_final(self) -> bool:
        return self.status.casefold() == "final"


@dataclass
class Build:
    id: int
    document_id: int
    state: str
    detail: str
    steps_done: int
    steps_total: int
    requested_by: str
    requested_at: str
    finished_at: str | None
    findings: list[dict]
    outputs: dict[str, str]  # format -> path relative to the data folder

    @property
    def finished(self) -> bool:
        return self.state in FINAL_STATES


class Store:
    """One data folder. Each thread or process opens its own connection (`connect`)."""

    def __init__(self, root: Path):
        self.root = Path(root).resolve()
        self.files = self.root / "files"
        self.builds = self.root / "builds"
        self.tmp = self.root / "tmp"
        self.database = self.root / "workspace.sqlite3"
        self._local = threading.local()

    # -- set-up -----------------------------------------------------------------------------

    def create(self) -> None:
        for folder in (self.root, self.files, self.builds, self.tmp):
            folder.mkdir(parents=True, exist_ok=True)
        with self.connect() as connection:
            connection.executescript(_SCHEMA)

    def connect(self) -> sqlite3.Connection:
        """This thread's connection, opened once (each statement commits on its own)."""
        connection = getattr(self._local, "connection", None)
        if connection is None or self._local.pid != os.getpid():
            connection = sqlite3.connect(self.database, timeout=30, isolation_level=None)
            connection.row_factory = sqlite3.Row
            # WAL: pages read while a build's process writes its progress.
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=FULL")
            connection.execute("PRAGMA foreign_keys=ON")
            self._local.connection, self._local.pid = connection, os.getpid()
        return connection

    def secret(self) -> bytes:
        path = self.root / "secret"
        if not path.exists():
            write_atomically(path, secrets.token_bytes(32), mode=0o600, keep_existing=True)
        return path.read_bytes()

    def recover(self) -> dict[str, int]:
        """Make the store consistent after a crash; what was cleaned, by kind, for the log."""
        cleaned = {"interrupted builds": 0, "orphan files": 0, "temporary files": 0}
        with self.connect() as connection:
            cursor = connection.execute(
                "UPDATE builds SET state = ?, detail = ?, finished_at = ? WHERE state IN (?, ?)",
                (
                    INTERRUPTED,
                    "The server stopped during this build; nothing from it was kept. Build again.",
                    now(),
                    *RUNNING_STATES,
                ),
            )
            cleaned["interrupted builds"] = cursor.rowcount
            known = {row["sha256"] for row in connection.execute("SELECT sha256 FROM documents")}
            done = {str(row["id"]) for row in connection.execute("SELECT id FROM builds WHERE state = ?", (DONE,))}
            pending = {str(row["id"]) for row in connection.execute("SELECT id FROM builds WHERE state = ?", (QUEUED,))}
        for path in self.files.iterdir():
            if path.name.startswith(".") or path.stem not in known:
                path.unlink()
                cleaned["orphan files"] += 1
        for path in self.builds.iterdir():
            if path.name in done:
                # A finished build keeps its outputs only; its workbook copy and any temporary
                # file of a writer that was interrupted go.
                for item in path.iterdir():
                    if item.name.startswith(".") or item.suffix == ".xlsx":
                        item.unlink()
            elif path.name not in pending or any(path.iterdir()):
                shutil.rmtree(path, ignore_errors=True)
                cleaned["orphan files"] += 1
        for path in self.tmp.iterdir():
            shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink()
            cleaned["temporary files"] += 1
        return cleaned

    # -- documents --------------------------------------------------------------------------

    def original_path(self, document: Document) -> Path:
        return self.files / f"{document.sha256}.xlsx"

    def add_document(
        self,
        data: bytes,
        *,
        file_name: str,
        facts: dict[str, Any],
        findings: list[dict],
        uploaded_by: str,
        kind: str = KIND_EDITION,
    ) -> int:
        """Store an upload: the file first (temporary name, rename), then its row."""
        digest = hashlib.sha256(data).hexdigest()
        target = self.files / f"{digest}.xlsx"
        if not target.exists():
            write_atomically(target, data, mode=0o444, keep_existing=True)
        errors = sum(1 for f in findings if f["severity"] == "error")
        with self.connect() as connection:
            cursor = connection.execute(
                "INSERT INTO documents (kind, file_name, sha256, size, title, label, period_start, period_end, "
                "status, errors, warnings, findings, uploaded_by, uploaded_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    kind,
                    file_name,
                    digest,
                    len(data),
                    facts.get("title") or "",
                    facts.get("label") or "",
                    facts.get("period_start"),
                    facts.get("period_end"),
                    facts.get("status") or "Draft",
                    errors,
                    len(findings) - errors,
                    json.dumps(findings, ensure_ascii=False),
                    uploaded_by,
                    now(),
                ),
            )
            return int(cursor.lastrowid)

    def documents(self, kind: str | None = None) -> list[Document]:
        query = "SELECT * FROM documents" + (" WHERE kind = ?" if kind else "") + " ORDER BY id DESC"
        with self.connect() as connection:
            return [_document(row) for row in connection.execute(query, (kind,) if kind else ())]

    def document(self, document_id: int) -> Document | None:
        with self.connect() as connection:
            row = connection.execute("SELECT * FROM documents WHERE id = ?", (document_id,)).fetchone()
        return _document(row) if row else None

    def previous_edition(self, document: Document) -> Document | None:
        """The latest edition of the same plan before this one: by period, then by upload."""
        candidates = [
            d
            for d in self.documents(document.kind)
            if d.id != document.id and d.title.casefold() == document.title.casefold()
        ]
        if document.period_end:
            earlier = [d for d in candidates if d.period_end and d.period_end < document.period_end]
            if earlier:
                return max(earlier, key=lambda d: (d.period_end, d.id))
        earlier = [
            d
            for d in candidates
            if d.id < document.id
            and (not document.period_end or not d.period_end or d.period_end <= document.period_end)
        ]
        return max(earlier, key=lambda d: d.id) if earlier else None

    def delete_document(self, document_id: int) -> None:
        """The row (and its builds' rows) first; then the files no row names any more."""
        document = self.document(document_id)
        if document is None:
            return
        with self.connect() as connection:
            build_ids = [
                row["id"] for row in connection.execute("SELECT id FROM builds WHERE document_id = ?", (document_id,))
            ]
            connection.execute("DELETE FROM documents WHERE id = ?", (document_id,))
            shared = connection.execute(
                "SELECT COUNT(*) FROM documents WHERE sha256 = ?", (document.sha256,)
            ).fetchone()[0]
        for build_id in build_ids:
            shutil.rmtree(self.builds / str(build_id), ignore_errors=True)
        if not shared:
            self.original_path(document).unlink(missing_ok=True)

    # -- builds -----------------------------------------------------------------------------

    def add_build(self, document_id: int, requested_by: str) -> int:
        with self.connect() as connection:
            cursor = connection.execute(
                "INSERT INTO builds (document_id, state, detail, requested_by, requested_at) VALUES (?, ?, ?, ?, ?)",
                (document_id, QUEUED, "Waiting for the builds before it.", requested_by, now()),
            )
            return int(cursor.lastrowid)

    def build(self, build_id: int) -> Build | None:
        with self.connect() as connection:
            row = connection.execute("SELECT * FROM builds WHERE id = ?", (build_id,)).fetchone()
        return _build(row) if row else None

    def builds_of(self, document_id: int) -> list[Build]:
        with self.connect() as connection:
            return [
                _build(row)
                for row in connection.execute(
                    "SELECT * FROM builds WHERE document_id = ? ORDER BY id DESC", (document_id,)
                )
            ]

    def position_in_queue(self, build_id: int) -> int:
        with self.connect() as connection:
            return connection.execute(
                "SELECT COUNT(*) FROM builds WHERE state IN (?, ?, ?) AND id < ?", (QUEUED, *RUNNING_STATES, build_id)
            ).fetchone()[0]

    def update_build(self, build_id: int, **fields: Any) -> None:
        for name in ("findings", "outputs"):
            if name in fields:
                fields[name] = json.dumps(fields[name], ensure_ascii=False)
        if fields.get("state") in FINAL_STATES:
            fields["finished_at"] = now()
        columns = ", ".join(f"{name} = ?" for name in fields)
        with self.connect() as connection:
            connection.execute(f"UPDATE builds SET {columns} WHERE id = ?", (*fields.values(), build_id))

    def build_folder(self, build_id: int) -> Path:
        return self.builds / str(build_id)

    # -- temporary work ---------------------------------------------------------------------

    def scratch(self) -> Scratch:
        return Scratch(self.tmp)

    def check(self) -> Iterator[str]:
        """Every inconsistency between the rows and the files (none, in a healthy store)."""
        for document in self.documents():
            path = self.original_path(document)
            if not path.is_file():
                yield f"document {document.id}: {path.name} is missing"
            elif hashlib.sha256(path.read_bytes()).hexdigest() != document.sha256:
                yield f"document {document.id}: {path.name} does not match its SHA-256"
        with self.connect() as connection:
            rows = [_build(row) for row in connection.execute("SELECT * FROM builds")]
        for build in rows:
            if build.state in RUNNING_STATES:
                yield f"build {build.id}: left {build.state}"
            for relative in build.outputs.values():
                if not (self.root / relative).is_file():
                    yield f"build {build.id}: {relative} is missing"


class Scratch:
    """A private temporary folder under DATA/tmp, removed on leaving the `with` block."""

    def __init__(self, parent: Path):
        self.path = Path(tempfile.mkdtemp(dir=parent))

    def __enter__(self) -> Path:
        return self.path

    def __exit__(self, *exc) -> None:
        shutil.rmtree(self.path, ignore_errors=True)


def write_atomically(path: Path, data: bytes, *, mode: int = 0o644, keep_existing: bool = False) -> None:
    """Write to a temporary name in the same folder, flush to disk, then rename into place."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        if keep_existing and path.exists():
            os.unlink(temporary)
            return
        os.replace(temporary, path)
        _sync_folder(path.parent)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def _sync_folder(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _document(row: sqlite3.Row) -> Document:
    values = dict(row)
    values["findings"] = json.loads(values["findings"])
    return Document(**values)


def _build(row: sqlite3.Row) -> Build:
    values = dict(row)
    values["findings"] = json.loads(values["findings"])
    values["outputs"] = json.loads(values["outputs"])
    return Build(**values)
