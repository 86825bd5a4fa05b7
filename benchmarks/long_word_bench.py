"""The PDF step on an update that is one unbroken 32,767-character word (as long as an Excel cell holds).

Before the PDF renderer gave long words break opportunities, WeasyPrint laid the rest of the word out
again for every line: quadratic, 35 s of CPU for this edition against 0.6 s without the word. Each
case runs in a fresh process; CPU time, as the machine is shared.

    python benchmarks/long_word_bench.py [--before]     (--before also times it without the breaks: slow)
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_SECONDS = 5.0  # CPU seconds for the PDF step of this edition

_MEASURE = """
import io, json, sys, time
sys.path.insert(0, sys.argv[3])
from tests.builders import make
from pathlib import Path
from reportgen.writers.pdf import writer as pdf
from reportgen.writers import write_edition
from reportgen.workbook.reader import load
if sys.argv[2] == "before":
    pdf.long_words_breakable = lambda root: None
def change(sheets):
    sheets["Commitments"][0]["Update"] = "x" * int(sys.argv[4])
edition = load(make(Path(sys.argv[1]), change)).edition
started = time.process_time()
data = write_edition("pdf", edition)
import pypdf
print(json.dumps({"cpu_s": time.process_time() - started, "pages": len(pypdf.PdfReader(io.BytesIO(data)).pages)}))
"""


def measure(case: str, length: int) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        done = subprocess.run(
            [sys.executable, "-c", _MEASURE, folder, case, str(ROOT), str(length)],
            capture_output=True,
            text=True,
            check=True,
        )
    return json.loads(done.stdout)


def main(before: bool) -> int:
    cases = [("after", 0), ("after", 32_767)] + ([("before", 32_767)] if before else [])
    results = {}
    for case, length in cases:
        result = results[(case, length)] = measure(case, length)
        label = "no long word" if not length else f"{length:,}-character word, {case} the breaks"
        print(f"{label:<42} PDF step {result['cpu_s']:6.2f} s CPU, {result['pages']} pages")
    after = results[("after", 32_767)]["cpu_s"]
    met = after < TARGET_SECONDS
    print(
        f"Target: the 32,767-character word under {TARGET_SECONDS:.0f} s of CPU: {'met' if met else 'MISSED'} "
        f"({after:.2f} s)"
    )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main("--before" in sys.argv[1:]))
