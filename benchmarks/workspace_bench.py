"""A bounded load test of `reportgen serve` on 127.0.0.1 (not part of the test suite).

Starts the workspace on a free port with a fresh data folder, then measures:
  1. upload + validation of inputs/example.xlsx, server side (the Server-Timing header), N runs;
  2. the preview of a fresh upload (the HTML edition, not cached), server side, N runs, and the CPU time
     of the same work in this process, alone and with the server's chart helper (issue 17: median
     under 0.5 s);
  3. CLIENTS concurrent clients browsing the workspace's pages for SECONDS while builds run
     (BUILDS builds are queued at the start and the queue is topped up so one is always running):
     each page's time as the client sees it, with the 95th percentile;
  4. the peak memory (RSS) of the server and of the server with its build processes.

Run with `.venv/bin/python benchmarks/workspace_bench.py [--clients 20] [--seconds 60] [--builds 5] [--think 1]`.
Prints each target as met or missed and exits 1 when one is missed.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "inputs" / "example.xlsx"
TARGETS = {"upload": 1.5, "preview": 1.0, "preview median": 0.5, "p95": 0.2, "memory": 1024.0}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _server_seconds(response: httpx.Response) -> float:
    match = re.search(r"dur=([\d.]+)", response.headers.get("server-timing", ""))
    return float(match.group(1)) / 1000 if match else float("nan")


def _tree_memory(pid: int) -> tuple[float, float]:
    """(the process's PSS, the PSS of it and every descendant), in MiB, from /proc.

    PSS rather than RSS: Chromium's processes and the PDF's forked process share most of
    their pages, which RSS would count once for each process.
    """
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry))
        except (OSError, IndexError, ValueError):
            continue

    def pss(process: int) -> int:
        try:
            with open(f"/proc/{process}/smaps_rollup") as handle:
                for line in handle:
                    if line.startswith("Pss:"):
                        return int(line.split()[1]) * 1024
        except OSError:
            pass
        return 0

    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        total += pss(current)
        stack.extend(children.get(current, []))
    return pss(pid) / 2**20, total / 2**20


def _cpu_seconds(pid: int) -> float:
    """User plus system CPU time the process has used so far."""
    with open(f"/proc/{pid}/stat") as handle:
        fields = handle.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _in_process_cpu(runs: int) -> tuple[list[float], list[float], list[float], list[float]]:
    """CPU seconds of the functions the server calls for an upload and a preview, on fresh variants.

    On a shared machine the wall-clock figures above include waiting for a core; these do not.
    Returns (validation, preview without a helper, the preview's own process with the chart helper,
    the helper's process for the same preview); with two free cores a preview with the helper takes
    about the larger of the last two.
    """
    from reportgen.charts.draw import clear_cache
    from reportgen.runtime.lifetime import stop_pool
    from reportgen.workspace import work

    work.warm_up()
    helper = work.start_chart_helper()
    helper.submit(int).result()  # warmed up
    (helper_pid,) = helper._processes  # noqa: SLF001 - the pool's one process, for its CPU time
    validation, alone, beside, in_helper = [], [], [], []
    try:
        with tempfile.TemporaryDirectory() as folder:
            for run in range(runs):
                for with_helper in (False, True):
                    data = _variant(100 + 2 * run + with_helper)  # fresh figures: no drawing is cached
                    started = time.process_time()
                    validated = work.validate_upload(data, "example.xlsx", Path(folder))
                    validation.append(time.process_time() - started)
                    path = Path(folder) / f"variant-{run}.xlsx"
                    path.write_bytes(data)
                    clear_cache()
                    started, helper_started = time.process_time(), _cpu_seconds(helper_pid)
                    work.preview_html(path, "example.xlsx", validated.edition, helper if with_helper else None)
                    if with_helper:
                        beside.append(time.process_time() - started)
                        in_helper.append(_cpu_seconds(helper_pid) - helper_started)
                    else:
                        alone.append(time.process_time() - started)
    finally:
        stop_pool(helper, abandon=True)
    return validation, alone, beside, in_helper


class MemoryWatch(threading.Thread):
    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_server = self.peak_tree = 0.0
        self.running = True

    def run(self) -> None:
        while self.running:
            server, tree = _tree_memory(self.pid)
            self.peak_server, self.peak_tree = max(self.peak_server, server), max(self.peak_tree, tree)
            time.sleep(0.2)


def _csrf(client: httpx.Client) -> str:
    return re.search(r'name="csrf" value="([0-9a-f]+)"', client.get("/").text).group(1)


def _variant(run: int) -> bytes:
    """The example with its metrics' values changed, so every upload draws its charts afresh."""
    import io

    import openpyxl

    book = openpyxl.load_workbook(EXAMPLE, rich_text=True)
    sheet = book["Metrics"]
    value = next(cell.column for cell in sheet[1] if cell.value == "Value")
    for row in range(2, sheet.max_row + 1):
        cell = sheet.cell(row, value)
        if isinstance(cell.value, (int, float)):
            cell.value = cell.value + run
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _upload(client: httpx.Client, token: str, name: str, data: bytes | None = None) -> httpx.Response:
    return client.post(
        "/upload",
        data={"csrf": token, "uploaded_by": "Benchmark"},
        files={"workbook": (name, data if data is not None else EXAMPLE.read_bytes())},
    )


async def _browse(
    base: str, cookies, pages: list[str], until: float, times: list[float], errors: list[str], think: float
):
    async with httpx.AsyncClient(base_url=base, cookies=cookies, timeout=30) as client:
        index = 0
        while time.monotonic() < until:
            path = pages[index % len(pages)]
            index += 1
            started = time.perf_counter()
            try:
                response = await client.get(path)
                if response.status_code != 200:
                    errors.append(f"{path}: {response.status_code}")
            except httpx.HTTPError as exc:
                errors.append(f"{path}: {exc}")
                continue
            times.append(time.perf_counter() - started)
            await asyncio.sleep(think)  # a person reads the page before the next click


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--builds", type=int, default=5)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--think", type=float, default=1.0, help="Seconds each client waits between pages (default 1: a quick reader)."
    )
    args = parser.parse_args()

    data = Path(tempfile.mkdtemp(prefix="reportgen-bench-")) / "data"
    # An empty chart cache, for the server and the in-process figures alike: a cache kept from an
    # earlier run would hold these very variants' drawings.
    os.environ["REPORTGEN_CACHE_DIR"] = str(data.parent / "cache")
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "reportgen", "serve", "--port", str(port), "--data", str(data)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    watch = MemoryWatch(server.pid)
    watch.start()
    missed = []
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(base + "/", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
            if time.monotonic() > deadline:
                raise SystemExit("the workspace did not start")
        time.sleep(5)  # the server warms its renderers up for a few seconds after it starts
        with httpx.Client(base_url=base, timeout=60) as client:
            token = _csrf(client)
            warm = _upload(client, token, "warm-up.xlsx")  # the first upload and preview import the library
            client.get(warm.headers["location"] + "/preview/edition.html")
            uploads, previews = [], []
            for run in range(args.runs):
                # Each a variant of the example: the warm-up upload's drawings would make a preview of the
                # example itself instant.
                response = _upload(client, token, f"example-{run}.xlsx", _variant(run + 1))
                assert response.status_code == 303, response.text
                uploads.append(_server_seconds(response))
                document = response.headers["location"].rsplit("/", 1)[1]
                client.get(f"/editions/{document}")  # the findings page, where people go first
                preview = client.get(f"/editions/{document}/preview/edition.html")
                assert preview.status_code == 200
                previews.append(_server_seconds(preview))
            print(
                f"Upload + validation of the example, server side, {args.runs} runs: median "
                f"{statistics.median(uploads):.3f} s, max {max(uploads):.3f} s ({', '.join(f'{t:.2f}' for t in uploads)})"
            )
            print(
                f"Preview of a fresh upload (not cached), server side: median {statistics.median(previews):.3f} s, "
                f"max {max(previews):.3f} s ({', '.join(f'{t:.2f}' for t in previews)})"
            )
            cpu_validation, cpu_alone, cpu_beside, cpu_helper = _in_process_cpu(args.runs)
            critical = [max(own, helper) for own, helper in zip(cpu_beside, cpu_helper)]
            print(
                f"  CPU time of the same work in-process (validate_upload, preview_html), {args.runs} fresh variants "
                f"each: upload median {statistics.median(cpu_validation):.3f} s, max {max(cpu_validation):.3f} s; "
                f"preview alone median {statistics.median(cpu_alone):.3f} s, max {max(cpu_alone):.3f} s; "
                f"with the chart helper, the server's process median {statistics.median(cpu_beside):.3f} s and "
                f"the helper's {statistics.median(cpu_helper):.3f} s, so the larger of the two (the wait on two "
                f"free cores) median {statistics.median(critical):.3f} s, max {max(critical):.3f} s"
            )
            if max(uploads) >= TARGETS["upload"]:
                missed.append("upload")
            if max(previews) >= TARGETS["preview"]:
                missed.append("preview")
            if statistics.median(previews) >= TARGETS["preview median"]:
                missed.append("preview median")

            def queue_builds(count: int) -> None:
                for _ in range(count):
                    client.post("/editions/1/build", data={"csrf": token}, follow_redirects=False)

            queue_builds(args.builds)
            time.sleep(1.0)  # the first build is under way
            pages = [
                "/",
                "/editions/2",
                "/editions/2/preview",
                "/builds/1",
                "/builds/1/status",
                "/editions/2?severity=error",
                "/check",
                "/editions/3/compare",
                "/static/workspace.css",
            ]
            client.get("/editions/3/compare")  # computed once; then cached, as for people clicking
            times: list[float] = []
            errors: list[str] = []
            until = time.monotonic() + args.seconds

            def top_up() -> None:
                with httpx.Client(base_url=base, cookies=client.cookies, timeout=30) as feeder:
                    while time.monotonic() < until:
                        waiting = sum(
                            1
                            for match in re.finditer(
                                r": (Queued|Rendering|Checking), requested", feeder.get("/editions/1").text
                            )
                        )
                        if waiting < 2:
                            feeder.post("/editions/1/build", data={"csrf": token}, follow_redirects=False)
                        time.sleep(1)

            feeder = threading.Thread(target=top_up, daemon=True)
            feeder.start()

            async def browse_all():
                await asyncio.gather(
                    *(
                        _browse(
                            base,
                            client.cookies,
                            pages[i % len(pages) :] + pages[: i % len(pages)],
                            until,
                            times,
                            errors,
                            args.think,
                        )
                        for i in range(args.clients)
                    )
                )

            cpu_before = _cpu_seconds(server.pid)
            asyncio.run(browse_all())
            cpu_used = _cpu_seconds(server.pid) - cpu_before
            feeder.join()
            finished = sum(1 for match in re.finditer(r": Done, requested", client.get("/editions/1").text))
        times.sort()
        p95 = times[int(0.95 * (len(times) - 1))]
        print(
            f"{args.clients} clients, {args.think} s between pages, for {args.seconds:.0f} s with builds running ({finished} finished meanwhile): "
            f"{len(times)} pages, median {statistics.median(times) * 1000:.0f} ms, 95th percentile "
            f"{p95 * 1000:.0f} ms, max {times[-1] * 1000:.0f} ms, {len(errors)} errors; the server's own CPU time "
            f"{cpu_used * 1000 / max(len(times), 1):.1f} ms a page"
        )
        with open("/proc/loadavg") as handle:
            print(f"Load average at the end (this machine's cores: {os.cpu_count()}): {handle.read().split()[:3]}")
        if p95 >= TARGETS["p95"] or errors:
            missed.append("p95")
        print(
            f"Peak memory (PSS): server {watch.peak_server:.0f} MiB; server with its build processes "
            f"{watch.peak_tree:.0f} MiB"
        )
        if watch.peak_tree >= TARGETS["memory"]:
            missed.append("memory")
    finally:
        watch.running = False
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
    for name, limit in TARGETS.items():
        unit = "MiB" if name == "memory" else "s"
        print(f"Target {name} under {limit} {unit}: {'MISSED' if name in missed else 'met'}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
