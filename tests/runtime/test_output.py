"""Writing outputs: every file of a set or none, last quarter's set untouched by any failure, no stray files."""

from __future__ import annotations

import errno
import fcntl
import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgen.cli import cli
from reportgen.core.errors import ReportgenError
from reportgen.pipeline import build as build_module
from reportgen.runtime import output

from ..builders import make

REPORTGEN = Path(sys.executable).parent / "reportgen"


def last_quarter(folder: Path, stem: str = "edition") -> dict[str, bytes]:
    folder.mkdir(parents=True, exist_ok=True)
    files = {}
    for suffix in (".docx", ".pdf", ".html"):
        (folder / f"{stem}{suffix}").write_bytes(f"last quarter's {suffix}".encode())
        files[f"{stem}{suffix}"] = f"last quarter's {suffix}".encode()
    return files


def contents(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def disk_fills_after(monkeypatch, allowed: int) -> None:
    """The disk is full once `allowed` bytes have been written through reportgen.runtime.output."""
    state = {"left": allowed}

    def write(descriptor, data):
        if state["left"] <= 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        written = os.write(descriptor, data[: state["left"]])
        state["left"] -= written
        return written

    monkeypatch.setattr(output, "_write", write)


def test_a_full_disk_leaves_the_earlier_set_and_no_temporary_file(tmp_path, monkeypatch):
    folder = tmp_path / "dist"
    before = last_quarter(folder)
    disk_fills_after(monkeypatch, 2500)  # the first file fits, the second only in part
    new = {folder / name: b"x" * 1500 for name in before}
    with pytest.raises(ReportgenError) as raised:
        output.write_all(new)
    assert contents(folder) == before
    message = raised.value.message
    assert message.startswith(
        f"{folder}: could not write edition.docx, edition.pdf, edition.html "
        "(No space left on device); nothing there was replaced"
    )
    assert "\n" not in message


def test_the_build_names_the_folder_and_the_cause_and_exits_2(tmp_path, monkeypatch, fake_renderers):
    workbook = make(tmp_path)
    folder = tmp_path / "dist"
    before = last_quarter(folder)
    disk_fills_after(monkeypatch, 12)  # "docx:C-001" fits; the PDF does not
    result = CliRunner().invoke(cli, ["build", str(workbook), "-o", str(folder)])
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert lines[-1].startswith(
        f"reportgen: {folder}: could not write edition.docx, edition.pdf, edition.html (No space left on device)"
    )
    assert "Wrote" not in result.output
    assert contents(folder) == before


def test_a_rename_that_fails_part_way_puts_the_earlier_files_back(tmp_path, monkeypatch):
    folder = tmp_path / "dist"
    before = last_quarter(folder)
    real_replace = os.replace
    calls = []

    def replace(source, target):
        calls.append(Path(target).name)
        if len(calls) == 3:
            raise OSError(errno.EIO, os.strerror(errno.EIO), str(source))
        return real_replace(source, target)

    monkeypatch.setattr(output.os, "replace", replace)
    with pytest.raises(ReportgenError, match="Input/output error"):
        output.write_all({folder / name: b"new" for name in before})
    assert contents(folder) == before


def test_a_new_file_set_is_written_whole(tmp_path):
    folder = tmp_path / "new" / "dist"
    output.write_all({folder / "a.pdf": b"a", folder / "b.html": b"b"})
    assert contents(folder) == {"a.pdf": b"a", "b.html": b"b"}
    assert oct((folder / "a.pdf").stat().st_mode & 0o777) == oct(0o644)


def test_refusing_an_existing_file_writes_none_of_the_set(tmp_path):
    (tmp_path / "b.html").write_bytes(b"old")
    with pytest.raises(ReportgenError, match="already exists"):
        output.write_all({tmp_path / "a.pdf": b"a", tmp_path / "b.html": b"b"}, overwrite=False)
    assert contents(tmp_path) == {"b.html": b"old"}


def test_stale_temporary_files_go_and_those_in_use_stay(tmp_path):
    stale = tmp_path / ".edition.pdf.reportgen-0badcafe.part"
    stale.write_bytes(b"half a PDF from a killed build")
    in_use = tmp_path / ".edition.docx.reportgen-1234abcd.part"
    in_use.write_bytes(b"being written")
    someone_elses = tmp_path / ".edition.pdf.part"
    someone_elses.write_bytes(b"not ours")
    descriptor = os.open(in_use, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)  # as a running build holds it
        output.write_all({tmp_path / "edition.html": b"new"})
        assert sorted(path.name for path in tmp_path.iterdir()) == [
            ".edition.docx.reportgen-1234abcd.part",
            ".edition.pdf.part",
            "edition.html",
        ]
    finally:
        os.close(descriptor)
    assert output.remove_stale_temporaries(tmp_path) == [in_use]


# A real full disk: a 1 MiB tmpfs in a mount namespace of its own (root only), holding last
# quarter's set and filled until the new DOCX fits but the new PDF does not.
DISK_FULL_SCRIPT = textwrap.dedent("""
    import json, os, subprocess, sys
    reportgen, workbook, mount = sys.argv[1:4]
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mount], check=True)
    dist = os.path.join(mount, "dist")
    os.mkdir(dist)
    for suffix in (".docx", ".pdf", ".html"):
        with open(os.path.join(dist, "edition" + suffix), "w") as stream:
            stream.write("last quarter's " + suffix)
    stat = os.statvfs(mount)
    with open(os.path.join(mount, "filler"), "wb") as stream:
        stream.write(b"0" * (stat.f_bavail * stat.f_frsize - int(sys.argv[4])))
    done = subprocess.run([reportgen, "build", workbook, "-o", dist, "--only", "docx,pdf"],
                          capture_output=True, text=True)
    files = {name: open(os.path.join(dist, name), "rb").read().decode("latin-1") for name in os.listdir(dist)}
    print(json.dumps({"status": done.returncode, "stderr": done.stderr, "files": files}))
""")


@pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("unshare"), reason="mounting a tmpfs needs root")
def test_a_real_full_disk_keeps_last_quarters_set(tmp_path):
    workbook = make(tmp_path)
    mount = tmp_path / "mount"
    mount.mkdir()
    room = 24 * 1024  # the DOCX (about 13 KB) fits; the PDF does not
    done = subprocess.run(
        [
            "unshare",
            "-m",
            "--propagation",
            "private",
            sys.executable,
            "-c",
            DISK_FULL_SCRIPT,
            str(REPORTGEN),
            str(workbook),
            str(mount),
            str(room),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    if done.returncode and "mount" in done.stderr:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip().splitlines()[-1]}")
    report = json.loads(done.stdout)
    assert report["status"] == 2, report
    assert (
        report["stderr"]
        .strip()
        .splitlines()[-1]
        .startswith(
            f"reportgen: {mount / 'dist'}: could not write edition.docx, edition.pdf (No space left on device); "
            "nothing there was replaced"
        )
    )
    assert report["files"] == {f"edition{suffix}": f"last quarter's {suffix}" for suffix in (".docx", ".pdf", ".html")}
    assert not list(mount.iterdir())  # the tmpfs was only ever in the namespace


def test_the_build_writes_through_write_all():
    # Guard for the test above: the fake renderers bypass nothing on the way to the disk.
    assert build_module.write_all is output.write_all


KILLED_MID_WRITE = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    from reportgen.runtime import output
    folder = Path(sys.argv[1])
    real_write = output._write
    calls = []
    def write(descriptor, data):
        calls.append(1)
        if len(calls) == 2:  # the DOCX is written, the PDF half: the power goes
            os.kill(os.getpid(), signal.SIGKILL)
        return real_write(descriptor, data[: len(data) // 2 or 1])
    output._write = write
    output.write_all({folder / name: b"new " + name.encode() for name in ("edition.docx", "edition.pdf", "edition.html")})
""")


def test_a_write_killed_outright_leaves_the_earlier_set_and_the_next_write_sweeps_its_temporary_files(tmp_path):
    folder = tmp_path / "dist"
    before = last_quarter(folder)
    killed = subprocess.run([sys.executable, "-c", KILLED_MID_WRITE, str(folder)], capture_output=True, timeout=60)
    assert killed.returncode == -9
    left = contents(folder)
    assert {name: data for name, data in left.items() if not name.startswith(".")} == before
    assert [name for name in left if name.startswith(".")]  # what SIGKILL cannot clean up...
    output.write_all({folder / "other.html": b"next build"})
    assert contents(folder) == {**before, "other.html": b"next build"}  # ...the next write into the folder does
