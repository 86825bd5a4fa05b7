"""Build benchmarks: the example and generated large editions, per format, with the floors.

Run with `./run bench` (or `.venv/bin/python benchmarks/run.py [--sizes 250,500,1000]`).
Prints a table; the figures quoted in the README come from this script.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
REPORTGEN = str(Path(PYTHON).parent / "reportgen")
sys.path.insert(0, str(ROOT / "benchmarks"))


def timed(command: list[str], runs: int = 3, env: dict | None = None, check: bool = True) -> tuple[float, float]:
    """Median wall time in seconds and peak resident memory in MiB of `command` over `runs` runs."""
    times, peaks = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        start = time.perf_counter()
        done = subprocess.run(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, **(env or {})}
        )
        if check and done.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(command)} failed: {done.stderr.decode()[-500:]}")
        if done.returncode == 1:
            print(f"  note: {' '.join(command[-3:])} exited 1 (findings with errors; nothing written)")
        times.append(time.perf_counter() - start)
        peaks.append(max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024)
    times.sort()
    return times[len(times) // 2], max(peaks)


def side_by_side(first: list[str], second: list[str], runs: int, env: dict | None = None) -> dict:
    """Both commands run in turn, `runs` times each, so they meet the same load on a shared machine.

    Per command: the median wall time, the median CPU time (its own and its children's: the PDF's
    process, Chromium), every wall time, and the ratio first/second of each pair in turn.
    """
    walls: dict[int, list[float]] = {0: [], 1: []}
    cpus: dict[int, list[float]] = {0: [], 1: []}
    for _ in range(runs):
        for index, command in enumerate((first, second)):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            done = subprocess.run(
                command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, **(env or {})}
            )
            walls[index].append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus[index].append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
            if done.returncode not in (0, 1):
                raise SystemExit(f"{' '.join(command)} failed: {done.stderr.decode()[-500:]}")

    def median(values: list[float]) -> float:
        return sorted(values)[len(values) // 2]

    return {
        "wall": [median(walls[0]), median(walls[1])],
        "cpu": [median(cpus[0]), median(cpus[1])],
        "walls": walls,
        "pair_ratios": [a / b for a, b in zip(walls[0], walls[1])],
    }


def stage_times(workbook: Path) -> dict[str, float]:
    """Seconds for load+validate, the outline (charts drawn) and each writer, in one warm process."""
    code = f"""
import json, time
from reportgen.workbook.reader import load
from reportgen.validation import validate
from reportgen.outline.outlined import outline_edition
from reportgen.writers import WriteOptions, writer
t = time.perf_counter(); loaded = load({str(workbook)!r}); validate(loaded); out = {{"validate": time.perf_counter() - t}}
t = time.perf_counter(); document = outline_edition(loaded.edition); out["outline"] = time.perf_counter() - t
for name in ("docx", "html", "pdf"):
    t = time.perf_counter(); writer(name).write(document, WriteOptions()); out[name] = time.perf_counter() - t
print(json.dumps(out))
"""
    # Uncached, so "outline" includes matplotlib's drawing, not a read from the cache folder.
    result = subprocess.run(
        [PYTHON, "-c", code], check=True, capture_output=True, text=True, env={**os.environ, "REPORTGEN_CACHE": "off"}
    )
    return json.loads(result.stdout)


def weasyprint_floor(workbook: Path, folder: Path) -> float:
    """WeasyPrint alone (import included) laying out the exact HTML the PDF writer gives it."""
    html = folder / "floor.html"
    code = f"""
from reportgen.workbook.reader import load
from reportgen.outline.outlined import outline_edition
from reportgen.writers.pdf.writer import source_html
open({str(html)!r}, "w", encoding="utf-8").write(source_html(outline_edition(load({str(workbook)!r}).edition)))
"""
    subprocess.run([PYTHON, "-c", code], check=True)
    from reportgen.writers.pdf.fetcher import templates_dir

    base = templates_dir().as_uri() + "/"
    script = (
        f"import weasyprint; weasyprint.HTML(filename={str(html)!r}, base_url={base!r}, media_type='print')"
        f".write_pdf({str(folder / 'floor.pdf')!r}, pdf_variant='pdf/ua-1')"
    )
    return timed([PYTHON, "-c", script])[0]


def libreoffice_time(docx: Path, folder: Path) -> float | None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        return None
    export = 'pdf:writer_pdf_Export:{"PDFUACompliance":{"type":"boolean","value":"true"}}'
    profile = folder / "lo-profile"
    command = [
        soffice,
        f"-env:UserInstallation=file://{profile}",
        "--headless",
        "--convert-to",
        export,
        "--outdir",
        str(folder / "lo"),
        str(docx),
    ]
    subprocess.run(command, check=True, capture_output=True)  # first start creates the profile
    return timed(command)[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="250,500,1000", help="generated edition sizes (commitments)")
    parser.add_argument(
        "--runs",
        type=int,
        default=3,
        help="runs of build and build --only pdf, in turn, for the example and up to 250 commitments",
    )
    args = parser.parse_args()
    from generate import write

    folder = Path(tempfile.mkdtemp(prefix="reportgen-bench-"))
    editions = [("example", ROOT / "inputs" / "example.xlsx")]
    for size in [int(s) for s in args.sizes.split(",") if s]:
        editions.append((f"{size} commitments", write(folder / f"edition-{size}.xlsx", size)))
    print(
        f"{'edition':<18} {'build all':>10} {'peak MiB':>9} {'pdf only':>9} {'validate':>9} {'outline':>7} {'docx':>7} "
        f"{'html':>7} {'pdf':>7} {'weasy floor':>12} {'LibreOffice':>12}"
    )
    rows = []
    # The benchmark's own cache folder: chart drawings and axe-core's memory of page shapes.
    cache_env = {"REPORTGEN_CACHE_DIR": str(folder / "cache")}
    for label, workbook in editions:
        out = folder / "out"
        build_command = [REPORTGEN, "build", str(workbook), "-o", str(out)]
        # Like for like with LibreOffice, which makes one PDF and checks nothing: the PDF alone, checked.
        pdf_command = [REPORTGEN, "build", str(workbook), "-o", str(folder / "pdf-only"), "--only", "pdf"]
        # The first build of a new version or page shape runs axe-core and draws the charts;
        # it is timed on its own, with an empty cache, and fills the cache for what follows.
        cold_time, peak = timed(build_command, runs=1, env=cache_env)
        runs = args.runs if (_size(label) or 0) <= 250 else 1
        pair = side_by_side(build_command, pdf_command, runs, env=cache_env)
        build_time, pdf_only = pair["wall"]
        print(
            f"  {label}: build {', '.join(f'{t:.2f}' for t in pair['walls'][0])} s; --only pdf "
            f"{', '.join(f'{t:.2f}' for t in pair['walls'][1])} s (in turn); pair ratios "
            f"{min(pair['pair_ratios']):.2f}-{max(pair['pair_ratios']):.2f}; CPU {pair['cpu'][0]:.2f} s against "
            f"{pair['cpu'][1]:.2f} s; first build with an empty cache {cold_time:.2f} s",
            flush=True,
        )
        stages = stage_times(workbook)
        floor = weasyprint_floor(workbook, folder)
        docx = out / f"{workbook.stem}.docx"
        if not docx.exists():  # the build refused to write; give LibreOffice the renderer's DOCX
            out.mkdir(parents=True, exist_ok=True)
            subprocess.run(
                [
                    PYTHON,
                    "-c",
                    f"from reportgen.workbook.reader import load; from reportgen.writers import "
                    f"write_edition; open({str(docx)!r}, 'wb').write(write_edition('docx', load({str(workbook)!r})"
                    ".edition))",
                ],
                check=True,
            )
        lo = libreoffice_time(docx, folder)
        print(
            f"{label:<18} {build_time:>9.2f}s {peak:>9.0f} {pdf_only:>8.2f}s {stages['validate']:>8.2f}s {stages['outline']:>6.2f}s {stages['docx']:>6.2f}s "
            f"{stages['html']:>6.2f}s {stages['pdf']:>6.2f}s {floor:>11.2f}s "
            f"{(f'{lo:.2f}s' if lo is not None else 'not installed'):>12}",
            flush=True,
        )
        rows.append(
            {
                "label": label,
                "size": _size(label),
                "build": build_time,
                "peak": peak,
                "pdf_only": pdf_only,
                "pdf": stages["pdf"],
                "cpu": pair["cpu"],
                "pair_ratios": pair["pair_ratios"],
                "cold": cold_time,
                "floor": floor,
                "libreoffice": lo,
            }
        )
    shutil.rmtree(folder, ignore_errors=True)
    missed = report_targets(rows)
    raise SystemExit(1 if missed else 0)


def _size(label: str) -> int | None:
    return int(label.split()[0]) if label[0].isdigit() else None


def report_targets(rows: list[dict]) -> int:
    """Print each target of the build issue as met or missed; the number missed."""
    checks = []
    for row in rows:
        if row["libreoffice"] is not None:
            checks.append(
                (
                    f"{row['label']}: build ({row['build']:.2f} s) no slower than LibreOffice's export "
                    f"({row['libreoffice']:.2f} s)",
                    row["build"] <= row["libreoffice"],
                )
            )
        if row["size"] is None or row["size"] <= 250:
            ratio = row["build"] / row["pdf_only"]
            checks.append(
                (
                    f"{row['label']}: build ({row['build']:.2f} s) within 1.1x of build --only pdf "
                    f"({row['pdf_only']:.2f} s): {ratio:.2f}x (pairs in turn "
                    f"{min(row['pair_ratios']):.2f}-{max(row['pair_ratios']):.2f}x; CPU "
                    f"{row['cpu'][0] / row['cpu'][1]:.2f}x)",
                    ratio <= 1.1,
                )
            )
        checks.append(
            (
                f"{row['label']}: PDF step ({row['pdf']:.2f} s) within 1.1x of WeasyPrint alone ({row['floor']:.2f} s)",
                row["pdf"] <= 1.1 * row["floor"],
            )
        )
        if row["size"] == 1000:
            checks.append((f"1,000 commitments built in under 60 s ({row['build']:.1f} s)", row["build"] < 60))
            checks.append((f"1,000 commitments in under 1.5 GiB ({row['peak']:.0f} MiB)", row["peak"] < 1536))
    sized = sorted((row for row in rows if row["size"]), key=lambda row: row["size"])
    if len(sized) >= 2:
        small, large = sized[0], sized[-1]
        ratio = (large["build"] / large["size"]) / (small["build"] / small["size"])
        checks.append(
            (
                f"time linear in commitments (per-commitment time at {large['size']} is {ratio:.2f}x "
                f"that at {small['size']}; at most 1.25x)",
                ratio <= 1.25,
            )
        )
    print()
    for text, met in checks:
        print(f"{'met   ' if met else 'MISSED'} {text}")
    return sum(1 for _, met in checks if not met)


if __name__ == "__main__":
    main()
