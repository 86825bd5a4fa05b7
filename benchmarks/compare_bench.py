"""Benchmark: two 1,000-commitment editions compared, with the kinds of change a real quarter brings.

Run with `.venv/bin/python benchmarks/compare_bench.py [--commitments 1000]`. Target: the
comparison itself under 2 s; loading the workbooks and the end-to-end command are shown too.
"""

from __future__ import annotations

import argparse
import copy
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tests"))

TARGET_SECONDS = 2.0


def next_quarter(old: dict, seed: int = 11) -> dict:
    """The next edition: most updates rewritten, some carried over, a few reworded, renumbered, moved, added."""
    rng = random.Random(seed)
    new = copy.deepcopy(old)
    new["Edition"]["Edition"] = "2025/26 Quarter 3 Update"
    rows = new["Commitments"]
    for row in rows:
        roll = rng.random()
        if roll < 0.6:  # a new update that keeps some of the old wording
            words = row["Update"].split(" ")
            cut = rng.randint(0, max(len(words) - 1, 0))
            row["Update"] = " ".join(words[:cut] + ["This quarter the work moved on and the panel met again."])
        elif roll < 0.65:
            row["Commitment"] = row["Commitment"].replace(" the ", " every ", 1)
        if rng.random() < 0.05:
            row["Ref"] = row["Ref"] + "a"
        if rng.random() < 0.01:
            row["Chapter"] = str(1 + int(row["Chapter"]) % 4)
        if rng.random() < 0.005:
            row["ID"] = row["ID"].replace("C-", "C_")  # an ID typo, rescued by text
    del rows[10:15]
    rows.append(
        {
            "ID": "C-NEW-1",
            "Ref": "4.999",
            "Chapter": "4",
            "Commitment": "A new promise about youth panels.",
            "Update": "Started.",
            "Status": "In progress",
            "Approved": "Yes",
        }
    )
    return new


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commitments", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    from builders import write_workbook
    from generate import sheets

    from reportgen.compare import compare, render_report
    from reportgen.workbook.reader import load

    with tempfile.TemporaryDirectory() as folder:
        old_sheets = sheets(args.commitments)
        old_path = write_workbook(Path(folder) / "old.xlsx", old_sheets)
        new_path = write_workbook(Path(folder) / "new.xlsx", next_quarter(old_sheets))

        start = time.perf_counter()
        old, new = load(old_path).edition, load(new_path).edition
        load_seconds = time.perf_counter() - start

        timings = []
        for _ in range(args.runs):
            start = time.perf_counter()
            comparison = compare(old, new)
            timings.append(time.perf_counter() - start)
        compare_seconds = sorted(timings)[len(timings) // 2]

        text_match = []
        for _ in range(args.runs):
            start = time.perf_counter()
            compare(old, new, match_by="text")
            text_match.append(time.perf_counter() - start)

        renders = {}
        for name in ("text", "json", "html", "docx"):
            start = time.perf_counter()
            render_report(comparison, name)
            renders[name] = time.perf_counter() - start

        command = [
            str(Path(sys.executable).parent / "reportgen"),
            "compare",
            str(old_path),
            str(new_path),
            "-o",
            str(Path(folder) / "report.html"),
        ]
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        end_to_end = time.perf_counter() - start

    counts = {code: n for code, n in comparison.counts().items() if n}
    print(f"{args.commitments} commitments in each edition; changes found: {counts}")
    print(f"load both workbooks      {load_seconds:6.2f} s")
    print(
        f"compare (match by ID)    {compare_seconds:6.2f} s   target < {TARGET_SECONDS:.0f} s "
        f"{'OK' if compare_seconds < TARGET_SECONDS else 'TOO SLOW'}"
    )
    print(f"compare (match by text)  {sorted(text_match)[len(text_match) // 2]:6.2f} s")
    for name, seconds in renders.items():
        print(f"render {name:<17} {seconds:6.2f} s")
    print(f"reportgen compare -o report.html, end to end {end_to_end:6.2f} s")
    return 0 if compare_seconds < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
