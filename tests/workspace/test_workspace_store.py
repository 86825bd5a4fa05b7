"""The workspace's store stays consistent: after a server killed mid-build, and after files left half-written."""

from __future__ import annotations

import hashlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from reportgen.workspace.store import INTERRUPTED, Store

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "inputs" / "example.xlsx"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _start(data: Path, port: int) -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, "-m", "reportgen", "serve", "--port", str(port), "--data", str(data)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/", timeout=2).status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.1)
        if process.poll() is not None:
            raise AssertionError(process.stderr.read().decode())
    raise AssertionError("the server did not start")


@pytest.mark.parametrize("how", ["SIGKILL", "SIGTERM"])
def test_a_server_killed_mid_build_restarts_consistent(tmp_path, how):
    data = tmp_path / "data"
    port = _free_port()
    server = _start(data, port)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30, follow_redirects=True) as client:
            token = re.search(r'name="csrf" value="([0-9a-f]+)"', client.get("/").text).group(1)
            response = client.post(
                "/upload",
                data={"csrf": token, "uploaded_by": "Ann"},
                files={"workbook": ("example.xlsx", EXAMPLE.read_bytes())},
            )
            assert response.status_code == 200 and "No problems found" in response.text
            client.post("/editions/1/build", data={"csrf": token})
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                status = client.get("/builds/1/status").json()
                if status["state"] in ("rendering", "checking") and status["done"] >= 1:
                    break
                time.sleep(0.05)
            assert status["state"] in ("rendering", "checking"), status
        store = Store(data)
        if how == "SIGKILL":
            # The server and its build's process, at once, as a power cut or the OOM killer would.
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(10)
            assert store.build(1).state in ("rendering", "checking")
        else:
            # Ctrl+C or a service manager: the server stops its build, which records that it stopped.
            server.send_signal(signal.SIGTERM)
            assert server.wait(60) == 0
            assert store.build(1).state == INTERRUPTED
            assert not store.build_folder(1).exists()

        server = _start(data, port)
        build = store.build(1)
        assert build.state == INTERRUPTED and build.outputs == {}
        assert "Build again" in build.detail
        assert list(store.check()) == []
        assert not store.build_folder(1).exists()
        assert list(store.tmp.iterdir()) == []
        document = store.document(1)
        assert hashlib.sha256(store.original_path(document).read_bytes()).hexdigest() == document.sha256
        assert document.sha256 == hashlib.sha256(EXAMPLE.read_bytes()).hexdigest()
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30, follow_redirects=True) as client:
            page = client.get("/builds/1").text
            assert "Interrupted" in page
            assert client.get("/editions/1").status_code == 200
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)


def test_recovery_removes_what_a_crash_left_half_done(tmp_path):
    store = Store(tmp_path / "data")
    store.create()
    kept = store.add_document(b"PK kept", file_name="kept.xlsx", facts={}, findings=[], uploaded_by="")
    # A file renamed into place whose row was never committed, a temporary file never renamed,
    # a build that was running, a queued one, and a scratch folder of an upload.
    (store.files / f"{'0' * 64}.xlsx").write_bytes(b"orphan")
    (store.files / ".abc.xlsx.1234.part").write_bytes(b"half")
    running = store.add_build(kept, "")
    store.update_build(running, state="rendering")
    (store.build_folder(running)).mkdir()
    (store.build_folder(running) / "edition.docx").write_bytes(b"half a build")
    queued = store.add_build(kept, "")
    (store.tmp / "upload-xyz").mkdir()
    cleaned = store.recover()
    assert cleaned == {"interrupted builds": 1, "orphan files": 3, "temporary files": 1}
    assert sorted(p.name for p in store.files.iterdir()) == [f"{hashlib.sha256(b'PK kept').hexdigest()}.xlsx"]
    assert store.build(running).state == INTERRUPTED and store.build(queued).state == "queued"
    assert list(store.builds.iterdir()) == [] and list(store.tmp.iterdir()) == []
    assert list(store.check()) == []


def test_stored_originals_are_read_only_and_never_rewritten(tmp_path):
    store = Store(tmp_path / "data")
    store.create()
    first = store.add_document(b"PK same bytes", file_name="a.xlsx", facts={}, findings=[], uploaded_by="")
    path = store.original_path(store.document(first))
    before = path.stat()
    second = store.add_document(b"PK same bytes", file_name="b.xlsx", facts={}, findings=[], uploaded_by="")
    assert first != second
    assert path.stat().st_mtime_ns == before.st_mtime_ns and path.stat().st_ino == before.st_ino
    assert oct(path.stat().st_mode & 0o777) == oct(0o444)
    store.delete_document(first)
    assert path.exists()  # the other row still names it
    store.delete_document(second)
    assert not path.exists()


@pytest.mark.parametrize("period_end, expected", [("2025-12-31", "q2"), (None, "q2")])
def test_the_previous_edition_is_the_latest_earlier_one_of_the_same_plan(tmp_path, period_end, expected):
    store = Store(tmp_path / "data")
    store.create()

    def add(label, title, end):
        return store.add_document(
            label.encode(),
            file_name=f"{label}.xlsx",
            uploaded_by="",
            findings=[],
            facts={"title": title, "label": label, "period_end": end},
        )

    add("q1", "Plan", "2025-06-30")
    add("q2", "Plan", "2025-09-30")
    add("other", "Another plan", "2025-10-31")
    newest = add("q3", "Plan", period_end)
    assert store.previous_edition(store.document(newest)).label == expected
