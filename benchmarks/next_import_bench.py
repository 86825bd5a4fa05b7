"""Times reportgen next and reportgen import on a generated 1,000-commitment edition.

    .venv/bin/python benchmarks/next_import_bench.py [COMMITMENTS]

Targets: each command under 10 s end to end for 1,000 commitments, and the import must
give back every commitment of the document it read.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generate import write

ROOT = Path(__file__).resolve().parent.parent
REPORTGEN = str(ROOT / ".venv" / "bin" / "reportgen")
TARGET_SECONDS = 10.0


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({result.returncode}): {result.stderr or result.stdout}")
    return elapsed


def main() -> None:
    sys.path.insert(0, str(ROOT / "src"))
    from reportgen.importer import read_edition
    from reportgen.workbook.reader import load
    from reportgen.writers import write_edition

    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        workbook = write(folder / "edition.xlsx", count)
        next_seconds = timed([REPORTGEN, "next", str(workbook), "-o", str(folder / "next.xlsx")])
        edition = load(workbook).edition
        document = folder / "edition.docx"
        document.write_bytes(write_edition("docx", edition))
        import_seconds = timed([REPORTGEN, "import", str(document), "-o", str(folder / "imported.xlsx")])
        start = time.perf_counter()
        result = read_edition(document)
        read_seconds = time.perf_counter() - start
        imported = len(result.content["Commitments"])
    print(f"{count} commitments")
    print(f"reportgen next, end to end:   {next_seconds:.2f} s")
    print(f"reportgen import, end to end: {import_seconds:.2f} s (reading the document: {read_seconds:.2f} s)")
    print(f"commitments imported:        {imported} of {count}")
    failed = imported != count or max(next_seconds, import_seconds) > TARGET_SECONDS
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
