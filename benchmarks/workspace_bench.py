"""A bounded load test of `reportgen serve` on 127.0.0.1 (not part of the test suite).

Starts the workspace on a free port with a fresh data folder, then measures:
  1. upload + validation of inputs/example.xlsx, server side (the Server-Timing header), N runs;
  2. the preview of a fresh upload (the HTML edition, not cached), server side, N runs;
  3. CLIENTS concurrent clients browsing the workspace's pages for SECONDS while builds run
     (BUILDS builds are queued at the start and the queue is topped up so one is always running):
     each page's time as the client sees it, with the 95th percentile;
  4. the peak memory (RSS) of the server and of the server with its build processes.

Run with `.venv/bin/python benchmarks/workspace_bench.py [--clients 20] [--seconds 60] [--builds 5]`.
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
TARGETS = {"upload": 1.5, "preview": 1.0, "p95": 0.2, "memory": 1024.0}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _server_seconds(response: httpx.Response) -> float:
    match = re.search(r"dur=([\d.]+)", response.headers.get("server-timing", ""))
    return float(match.group(1)) / 1000 if match else float("nan")


def _tree_rss(pid: int) -> tuple[float, float]:
    """(the process's RSS, the RSS of it and every descendant), in MiB, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry))
            rss[int(entry)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        total += rss.get(current, 0)
        stack.extend(children.get(current, []))
    return rss.get(pid, 0) / 2 ** 20, total / 2 ** 20


class MemoryWatch(threading.Thread):
    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_server = self.peak_tree = 0.0
        self.running = True

    def run(self) -> None:
        while self.running:
            server, tree = _tree_rss(self.pid)
            self.peak_server, self.peak_tree = max(self.peak_server, server), max(self.peak_tree, tree)
            time.sleep(0.2)


def _csrf(client: httpx.Client) -> str:
    return re.search(r'name="csrf" value="([0-9a-f]+)"', client.get("/").text).group(1)


def _upload(client: httpx.Client, token: str, name: str) -> httpx.Response:
    return client.post("/upload", data={"csrf": token, "uploaded_by": "Benchmark"},
                       files={"workbook": (name, EXAMPLE.read_bytes())})


async def _browse(base: str, cookies, pages: list[str], until: float, times: list[float], errors: list[str]):
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
            await asyncio.sleep(0.05)  # a person clicks; a client is not a loop of requests


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--builds", type=int, default=5)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    data = Path(tempfile.mkdtemp(prefix="reportgen-bench-")) / "data"
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, "-m", "reportgen", "serve", "--port", str(port), "--data", str(data)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
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
        with httpx.Client(base_url=base, timeout=60) as client:
            token = _csrf(client)
            _upload(client, token, "warm-up.xlsx")  # the first request imports the library
            uploads, previews = [], []
            for run in range(args.runs):
                response = _upload(client, token, f"example-{run}.xlsx")
                assert response.status_code == 303, response.text
                uploads.append(_server_seconds(response))
                document = response.headers["location"].rsplit("/", 1)[1]
                preview = client.get(f"/editions/{document}/preview/edition.html")
                assert preview.status_code == 200
                previews.append(_server_seconds(preview))
            print(f"Upload + validation of the example, server side, {args.runs} runs: median "
                  f"{statistics.median(uploads):.3f} s, max {max(uploads):.3f} s")
            print(f"Preview of a fresh upload (not cached), server side: median {statistics.median(previews):.3f} s, "
                  f"max {max(previews):.3f} s")
            if max(uploads) >= TARGETS["upload"]:
                missed.append("upload")
            if max(previews) >= TARGETS["preview"]:
                missed.append("preview")

            def queue_builds(count: int) -> None:
                for _ in range(count):
                    client.post("/editions/1/build", data={"csrf": token}, follow_redirects=False)

            queue_builds(args.builds)
            time.sleep(1.0)  # the first build is under way
            pages = ["/", "/editions/2", "/editions/2/preview", "/builds/1", "/builds/1/status",
                     "/editions/2?severity=error", "/check", "/editions/3/compare", "/static/workspace.css"]
            client.get("/editions/3/compare")  # computed once; then cached, as for people clicking
            times: list[float] = []
            errors: list[str] = []
            until = time.monotonic() + args.seconds

            def top_up() -> None:
                with httpx.Client(base_url=base, cookies=client.cookies, timeout=30) as feeder:
                    while time.monotonic() < until:
                        waiting = sum(1 for match in re.finditer(r": (Queued|Rendering|Checking), requested",
                                                                 feeder.get("/editions/1").text))
                        if waiting < 2:
                            feeder.post("/editions/1/build", data={"csrf": token}, follow_redirects=False)
                        time.sleep(1)

            feeder = threading.Thread(target=top_up, daemon=True)
            feeder.start()

            async def browse_all():
                await asyncio.gather(*(_browse(base, client.cookies, pages[i % len(pages):] + pages[:i % len(pages)],
                                               until, times, errors) for i in range(args.clients)))

            asyncio.run(browse_all())
            feeder.join()
            finished = sum(1 for match in re.finditer(r": Done, requested", client.get("/editions/1").text))
        times.sort()
        p95 = times[int(0.95 * (len(times) - 1))]
        print(f"{args.clients} clients for {args.seconds:.0f} s with builds running ({finished} finished meanwhile): "
              f"{len(times)} pages, median {statistics.median(times) * 1000:.0f} ms, 95th percentile "
              f"{p95 * 1000:.0f} ms, max {times[-1] * 1000:.0f} ms, {len(errors)} errors")
        if p95 >= TARGETS["p95"] or errors:
            missed.append("p95")
        print(f"Peak memory: server {watch.peak_server:.0f} MiB; server with its build processes "
              f"{watch.peak_tree:.0f} MiB")
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
