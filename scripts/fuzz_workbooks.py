"""The long hostile-input run: many mutated workbooks through the installed `reportgen build`.

Each case must end with exit status 0, 1 or 2 within the time limit, print no traceback and no
"internal error", write either the full set of outputs (status 0) or nothing, leave the workbook
unchanged and leave no process and no temporary file behind. The quick fixed-seed run is
tests/workbook/test_fuzz.py.

    .venv/bin/python scripts/fuzz_workbooks.py [--cases 300] [--seed 16] [--timeout 180]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.builders import make  # noqa: E402
from tests.fuzzing import mutate  # noqa: E402

REPORTGEN = Path(sys.executable).parent / "reportgen"


def survivors(mark: str) -> list[int]:
    found = []
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/environ", "rb") as stream:
                    if mark.encode() in stream.read():
                        found.append(int(entry.name))
            except OSError:
                pass
    return found


def run_case(seed_workbook: bytes, rng: random.Random, folder: Path, timeout: float) -> tuple[str, list[str]]:
    data, what = mutate(seed_workbook, rng)
    workbook = folder / "edition.xlsx"
    workbook.write_bytes(data)
    digest = hashlib.sha256(data).hexdigest()
    out, temporary = folder / "out", folder / "tmp"
    temporary.mkdir()
    mark = uuid.uuid4().hex
    env = dict(os.environ, TMPDIR=str(temporary), REPORTGEN_FUZZ_CASE=mark)
    problems = []
    try:
        done = subprocess.run(
            [str(REPORTGEN), "build", str(workbook), "-o", str(out)],
            capture_output=True,
            text=True,
            env=env,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return what, [f"no answer after {timeout:.0f} s"]
    if done.returncode not in (0, 1, 2):
        problems.append(f"exit status {done.returncode}")
    if "Traceback" in done.stderr or "internal error" in done.stderr:
        problems.append(done.stderr.strip().splitlines()[-1])
    written = sorted(path.name for path in out.iterdir()) if out.exists() else []
    expected = ["edition.docx", "edition.html", "edition.pdf"] if done.returncode == 0 else []
    if written != expected:
        problems.append(f"wrote {written} with exit status {done.returncode}")
    if hashlib.sha256(workbook.read_bytes()).hexdigest() != digest:
        problems.append("changed the workbook")
    time.sleep(0.2)
    if survivors(mark):
        problems.append(f"left processes {survivors(mark)}")
    if list(temporary.iterdir()):
        problems.append(f"left temporary files {[path.name for path in temporary.iterdir()]}")
    return what, problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=300)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--timeout", type=float, default=180)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    failures = 0
    with tempfile.TemporaryDirectory(prefix="reportgen-fuzz-") as root:
        seed_workbook = make(Path(root)).read_bytes()
        for case in range(args.cases):
            folder = Path(root) / f"case-{case}"
            folder.mkdir()
            what, problems = run_case(seed_workbook, rng, folder, args.timeout)
            if problems:
                failures += 1
                print(f"case {case} ({what}): {'; '.join(problems)}", flush=True)
        print(f"{args.cases} cases, seed {args.seed}: {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
