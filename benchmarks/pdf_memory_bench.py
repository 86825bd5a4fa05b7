"""Peak memory of the PDF step by edition size, the figures behind build's up-front size limit.

Each size is laid out in a fresh process (load, then the PDF renderer, in-process as a build's PDF
worker does it) and its peak resident memory read from the kernel. The slope between sizes is
the memory each commitment costs; `reportgen.writers.pdf.limits` holds the figures the build uses.

    python benchmarks/pdf_memory_bench.py [SIZE ...]       (default: 100 250 500)
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

_MEASURE = """
import json, resource, sys, time
from reportgen.workbook.reader import load
from reportgen.writers import write_edition
from reportgen.writers.pdf.limits import published_characters
edition = load(sys.argv[1]).edition
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.process_time()
write_edition("pdf", edition)
print(json.dumps({"commitments": len(edition.commitments), "characters": published_characters(edition),
                  "before_mib": before / 1024, "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "cpu_s": time.process_time() - started}))
"""


def measure(size: int, folder: Path) -> dict:
    from generate import write

    workbook = write(folder / f"edition-{size}.xlsx", size)
    done = subprocess.run([sys.executable, "-c", _MEASURE, str(workbook)], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def main(sizes: list[int]) -> int:
    with tempfile.TemporaryDirectory() as folder:
        rows = [measure(size, Path(folder)) for size in sizes]
    print(f"{'commitments':>11} {'characters':>11} {'peak MiB':>9} {'PDF CPU s':>9}")
    for row in rows:
        print(f"{row['commitments']:>11,} {row['characters']:>11,} {row['peak_mib']:>9.0f} {row['cpu_s']:>9.1f}")
    for low, high in zip(rows, rows[1:]):
        per_commitment = (high["peak_mib"] - low["peak_mib"]) / (high["commitments"] - low["commitments"])
        per_kchar = (high["peak_mib"] - low["peak_mib"]) / ((high["characters"] - low["characters"]) / 1000)
        print(
            f"{low['commitments']:,} to {high['commitments']:,}: {per_commitment:.2f} MiB a commitment, "
            f"{per_kchar:.2f} MiB per 1,000 published characters"
        )
    from reportgen.writers.pdf.limits import estimated_pdf_memory

    for row in rows:
        estimate = estimated_pdf_memory(row["commitments"], row["characters"]) / 2**20
        print(
            f"{row['commitments']:,}: the build's estimate {estimate:.0f} MiB, measured {row['peak_mib']:.0f} MiB "
            f"({estimate / row['peak_mib']:.2f} times)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main([int(arg) for arg in sys.argv[1:]] or [100, 250, 500]))
