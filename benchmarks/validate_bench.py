"""Times `load` + `validate` on a generated 1,000-commitment edition: median of runs and peak memory.

Run with `.venv/bin/python benchmarks/validate_bench.py [--commitments 1000] [--runs 5] [--profile]`.
Exits 1 when the median misses the target (under 1 s), so a slowdown is noticed.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tests"))

TARGET_SECONDS = 1.0
# Real updates name organisations by their initials; these exercise the abbreviation rule.
ABBREVIATIONS = {
    "MPS": "Metropolitan Police Service",
    "MOPAC": "Mayor's Office for Policing and Crime",
    "BCU": "Basic Command Unit",
    "NPCC": "National Police Chiefs' Council",
    "IOPC": "Independent Office for Police Conduct",
}


def edition_sheets(commitments: int) -> dict:
    """generate.py's edition with abbreviations in the text and a Glossary defining most of them."""
    import generate

    sheets = generate.sheets(commitments)
    names = list(ABBREVIATIONS)
    for index, row in enumerate(sheets["Commitments"]):
        row["Lead"] = names[index % 2]
        row["Update"] = f"The {names[index % len(names)]} reported progress. " + row["Update"]
    # One abbreviation left out of the Glossary, as in a real draft: the rule has work to do.
    sheets["Glossary"] = [
        {"Term": term, "Meaning": meaning} for term, meaning in ABBREVIATIONS.items() if term != "IOPC"
    ]
    return sheets


def load_and_validate(path: Path):
    from reportgen.validation import validate
    from reportgen.workbook.reader import load

    started, cpu_started = time.perf_counter(), time.process_time()
    loaded = load(path)
    read = time.perf_counter()
    findings = validate(loaded)
    done, cpu_done = time.perf_counter(), time.process_time()
    return read - started, done - read, cpu_done - cpu_started, findings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commitments", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profile", action="store_true", help="print the 25 costliest functions of one run")
    options = parser.parse_args()

    from builders import write_workbook

    with tempfile.TemporaryDirectory() as folder:
        path = write_workbook(Path(folder) / "edition.xlsx", edition_sheets(options.commitments))
        size_kb = path.stat().st_size / 1024
        load_and_validate(path)  # warm: imports and the parser's compiled rules
        loads, validations, totals, cpu = [], [], [], []
        findings = []
        for _ in range(options.runs):
            load_seconds, validate_seconds, cpu_seconds, findings = load_and_validate(path)
            loads.append(load_seconds)
            validations.append(validate_seconds)
            totals.append(load_seconds + validate_seconds)
            cpu.append(cpu_seconds)
        command = [str(Path(sys.executable).parent / "reportgen"), "validate", str(path)]
        ends = []
        for _ in range(3):
            started = time.perf_counter()
            subprocess.run(command, stdout=subprocess.DEVNULL, check=False)
            ends.append(time.perf_counter() - started)
        tracemalloc.start()
        load_and_validate(path)
        peak_mb = tracemalloc.get_traced_memory()[1] / (1024 * 1024)
        tracemalloc.stop()
        if options.profile:
            profile = cProfile.Profile()
            profile.runcall(load_and_validate, path)
            pstats.Stats(profile).sort_stats("cumulative").print_stats(25)

    median = statistics.median(totals)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"workbook: {options.commitments:,} commitments, {size_kb:,.0f} KB; {len(findings)} findings")
    print(f"load:      median {statistics.median(loads):.3f} s")
    print(f"validate:  median {statistics.median(validations):.3f} s")
    print(
        f"total:     median {median:.3f} s over {options.runs} runs (min {min(totals):.3f}, max {max(totals):.3f}); "
        f"target < {TARGET_SECONDS:.1f} s"
    )
    # CPU time is what the code costs; wall time also counts waiting for a busy machine.
    print(f"cpu:       median {statistics.median(cpu):.3f} s")
    print(
        f"command:   `reportgen validate` end to end, median {statistics.median(ends):.3f} s of 3 (Python start-up "
        "and imports included)"
    )
    print(f"memory:    peak {peak_mb:.0f} MB allocated by Python (tracemalloc); process peak RSS {rss_mb:.0f} MB")
    if median >= TARGET_SECONDS:
        print("MISSED the target", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
