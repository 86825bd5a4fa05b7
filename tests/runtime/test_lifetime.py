"""A killed command takes its workers, its temporary files and its hold on the caller's pipes with it."""

from __future__ import annotations

import hashlib
import os
import select
import signal
import subprocess
import sys
import textwrap
import time
import uuid
from pathlib import Path

import pytest

from reportgen.runtime import lifetime

from ..builders import make

REPORTGEN = Path(sys.executable).parent / "reportgen"
pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc to find survivors")


def marked_processes(mark: str) -> list[tuple[int, str]]:
    """Every live process whose environment carries `mark`: the command and whatever it started."""
    found = []
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/environ", "rb") as stream:
                if mark.encode() not in stream.read():
                    continue
            with open(f"/proc/{entry.name}/stat") as stream:
                if stream.read().rsplit(")", 1)[1].split()[0] == "Z":
                    continue  # dead, waiting for init to reap it
            with open(f"/proc/{entry.name}/cmdline", "rb") as stream:
                found.append((int(entry.name), stream.read().replace(b"\0", b" ").decode(errors="replace")))
        except OSError:
            continue
    return found


def wait_until(condition, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


class Run:
    """`reportgen ARGS` with its stdout and stderr on one pipe, as a CI job or a script would hold them."""

    def __init__(self, args: list[str], temporary: Path):
        self.mark = f"REPORTGEN_TEST_RUN={uuid.uuid4().hex}"
        key, value = self.mark.split("=")
        env = dict(os.environ, TMPDIR=str(temporary), **{key: value})
        env.pop("REPORTGEN_NO_FORK", None)
        self.read_end, write_end = os.pipe()
        self.process = subprocess.Popen(
            [str(REPORTGEN), *args], stdout=write_end, stderr=write_end, env=env, start_new_session=True
        )
        os.close(write_end)
        self.output = b""

    def wait_for(self, text: str, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while text.encode() not in self.output:
            left = deadline - time.monotonic()
            assert left > 0 and self.process.poll() is None, f"never saw {text!r}: {self.output.decode()}"
            ready, _, _ = select.select([self.read_end], [], [], left)
            if ready:
                chunk = os.read(self.read_end, 65536)
                assert chunk, f"output ended before {text!r}: {self.output.decode()}"
                self.output += chunk

    def pipe_closes_within(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.read_end], [], [], deadline - time.monotonic())
            if ready:
                chunk = os.read(self.read_end, 65536)
                if not chunk:
                    return True
                self.output += chunk
        return False

    def close(self) -> None:
        for pid, _ in marked_processes(self.mark):
            os.kill(pid, signal.SIGKILL)  # only if a test failed: nothing of ours outlives it
        os.close(self.read_end)


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


# Moments in a full build, by what it has printed: loading and validating (the PDF's worker
# is forked at once), then the PDF worker laying out while Chromium and the DOCX run here.
MOMENTS = {"starting": None, "validated": "Validated", "rendering": "Rendered html", "checking": "Checked docx"}


@pytest.mark.parametrize(
    ("signum", "moment"),
    [
        (signal.SIGKILL, "validated"),
        (signal.SIGKILL, "rendering"),
        (signal.SIGKILL, "checking"),
        (signal.SIGTERM, "starting"),
        (signal.SIGTERM, "validated"),
        (signal.SIGTERM, "rendering"),
        (signal.SIGINT, "rendering"),
        (signal.SIGINT, "checking"),
    ],
    ids=lambda value: value.name if isinstance(value, signal.Signals) else value,
)
def test_a_killed_build_leaves_no_process_no_file_and_no_open_pipe(tmp_path, signum, moment):
    workbook = make(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    for suffix in (".docx", ".pdf", ".html"):  # last quarter's set
        (out / f"edition{suffix}").write_bytes(f"last quarter's {suffix}".encode())
    before = snapshot(out)
    workbook_before = workbook.read_bytes()
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    run = Run(["build", str(workbook), "-o", str(out)], temporary)
    try:
        if MOMENTS[moment] is None:
            time.sleep(0.3)
        else:
            run.wait_for(MOMENTS[moment])
        if signum == signal.SIGINT:
            os.killpg(run.process.pid, signum)  # Ctrl-C: the terminal signals the whole process group
        else:
            os.kill(run.process.pid, signum)
        status = run.process.wait(timeout=60)
        assert run.pipe_closes_within(10), f"something still holds the caller's pipe: {marked_processes(run.mark)}"
        assert wait_until(lambda: not marked_processes(run.mark), 10), marked_processes(run.mark)
        # The 15 s grace after a stop signal (lifetime._end_anyway_after) may end a run that is slow to
        # unwind on a loaded machine (the HTML check is waited for): that ends as abruptly as SIGKILL.
        ended_by_grace = status == 128 + signum and "nothing was written" not in run.output.decode()
        if signum == signal.SIGKILL or ended_by_grace:
            assert status in (-signal.SIGKILL, 128 + signum)
            # What a run killed outright leaves is its own locked folder; the next run removes it.
            assert all(path.name.startswith(lifetime.RUN_FOLDER_PREFIX) for path in temporary.iterdir())
            subprocess.run(
                [str(REPORTGEN), "--version"],
                env=dict(os.environ, TMPDIR=str(temporary)),
                check=True,
                capture_output=True,
                timeout=60,
            )
        else:
            # The signal may land once the build is done, on a slow machine: then it simply succeeded;
            # or, at the start, before Python has run a line of reportgen: then there is nothing to clean.
            allowed = {128 + signum, 0} | ({-signum} if moment == "starting" else set())
            assert status in allowed, run.output.decode()
            if status > 0:
                assert run.output.decode().rstrip().endswith("nothing was written"), run.output.decode()
        assert list(temporary.iterdir()) == []
        assert "Traceback" not in run.output.decode() and "Exception ignored" not in run.output.decode()
        if status == 0:
            assert sorted(snapshot(out)) == sorted(before)  # replaced as a set, nothing else
        else:
            assert snapshot(out) == before
        assert workbook.read_bytes() == workbook_before
    finally:
        run.close()


WORKER_SCRIPT = textwrap.dedent("""
    import sys, time
    from reportgen.runtime import lifetime
    if sys.argv[1] == "pipe-only":
        lifetime._set_death_signal = lambda: None  # only the parent's pipe tells the worker
    pool = lifetime.worker_pool()
    import os
    print(pool.submit(os.getpid).result(), flush=True)
    pool.submit(time.sleep, 120)
    time.sleep(120)
""")


@pytest.mark.parametrize("binding", ["death-signal", "pipe-only"])
def test_a_worker_dies_when_its_parent_is_killed_outright(tmp_path, binding):
    parent = subprocess.Popen(
        [sys.executable, "-c", WORKER_SCRIPT, binding], stdout=subprocess.PIPE, start_new_session=True
    )
    worker = int(parent.stdout.readline())
    try:
        assert Path(f"/proc/{worker}").exists()
        parent.kill()
        parent.wait()
        assert wait_until(lambda: not _alive(worker), 5)
    finally:
        if _alive(worker):
            os.kill(worker, signal.SIGKILL)
        parent.stdout.close()


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stream:
            return stream.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_an_abandoned_pool_does_not_wait_for_its_work():
    pool = lifetime.worker_pool()
    pool.submit(time.sleep, 60)
    started = time.monotonic()
    lifetime.stop_pool(pool, abandon=True)
    assert time.monotonic() - started < 10


def test_stale_run_folders_go_and_live_ones_stay(tmp_path):
    stale = tmp_path / f"{lifetime.RUN_FOLDER_PREFIX}dead"
    stale.mkdir()
    (stale / ".lock").write_text("")
    (stale / "weasyprint-x").mkdir()
    unrelated = tmp_path / "someone-else"
    unrelated.mkdir()
    live, lock = lifetime._make_run_folder(tmp_path)
    try:
        assert lifetime.remove_stale_run_folders(tmp_path) == [stale]
        assert live.exists() and unrelated.exists() and not stale.exists()
    finally:
        os.close(lock)
    assert lifetime.remove_stale_run_folders(tmp_path) == [live]


IGNORED_SCRIPT = textwrap.dedent("""
    import os, signal, sys, time
    from reportgen.runtime import lifetime
    with lifetime.signals_stop_cleanly():
        print(signal.getsignal(signal.SIGHUP) is signal.SIG_IGN, flush=True)
        os.kill(os.getpid(), signal.SIGHUP)  # ignored, as nohup asked
        time.sleep(0.2)
        try:
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(5)
        except lifetime.Stopped as stopped:
            print(stopped.name, flush=True)
""")


def test_a_signal_the_caller_ignores_stays_ignored_and_the_others_stop_cleanly():
    done = subprocess.run(
        ["nohup", sys.executable, "-c", IGNORED_SCRIPT],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "SIGTERM"]


IN_A_DEL_SCRIPT = textwrap.dedent("""
    import os, signal, time
    from reportgen.runtime import lifetime

    class FontConfiguration:  # as WeasyPrint's, whose __del__ removes a folder
        def __del__(self):
            os.kill(os.getpid(), signal.SIGTERM)
            for _ in range(1000):  # the handler runs here, inside __del__
                pass

    with lifetime.signals_stop_cleanly():
        try:
            FontConfiguration()  # collected at once
            for _ in range(100):
                time.sleep(0.05)
            print("ran on", flush=True)
        except lifetime.Stopped as stopped:
            print(stopped.name, flush=True)
""")


def test_a_signal_landing_in_a_del_method_still_stops_the_command():
    done = subprocess.run([sys.executable, "-c", IN_A_DEL_SCRIPT], capture_output=True, text=True, timeout=60)
    assert done.stdout.split() == ["SIGTERM"], done.stderr
    assert "Exception ignored" not in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("signum", "status", "line"),
    [
        (signal.SIGTERM, 143, "reportgen: stopped by SIGTERM; nothing was written"),
        (signal.SIGHUP, 129, "reportgen: stopped by SIGHUP; nothing was written"),
        (signal.SIGINT, 130, "reportgen: interrupted; nothing was written"),
    ],
)
def test_a_stopped_command_says_so_in_one_line_with_the_signals_exit_status(
    tmp_path, monkeypatch, signum, status, line
):
    from click.testing import CliRunner

    from reportgen.cli import cli
    from reportgen.pipeline import build as build_module

    def stopped(*args, **kwargs):
        raise lifetime.Stopped(signum)

    monkeypatch.setattr(build_module, "build", stopped)
    result = CliRunner().invoke(cli, ["build", str(make(tmp_path)), "-o", str(tmp_path / "out")])
    assert (result.exit_code, result.stderr.strip().splitlines()[-1]) == (status, line)


WHILE_PARSING_SCRIPT = textwrap.dedent("""
    import signal, sys
    import click
    from reportgen import cli
    from reportgen.runtime import lifetime

    def parse_args(self, ctx, args):  # the signal lands while click reads the options
        import os, time
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(5)

    click.core.Command.parse_args = parse_args
    sys.argv = ["reportgen", "new", "x.xlsx"]
    cli.main()
""")


def test_a_signal_while_click_reads_the_options_still_gives_the_signals_status(tmp_path):
    done = subprocess.run(
        [sys.executable, "-c", WHILE_PARSING_SCRIPT], capture_output=True, text=True, timeout=60, cwd=tmp_path
    )
    assert done.returncode == 143, done.stderr
    assert done.stderr.strip().splitlines()[-1] == "reportgen: stopped by SIGTERM; nothing was written"
    assert list(tmp_path.iterdir()) == []
