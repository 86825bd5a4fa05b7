"""Hostile input: mutated workbooks give findings or a one-line refusal, never a traceback, hang or stray write.

A fixed seed keeps the run the same every time; scripts/fuzz_workbooks.py runs many more, through
the installed command, building as well.
"""

from __future__ import annotations

import hashlib
import random
import signal
from contextlib import contextmanager
from pathlib import Path

import pytest

from reportgen.core.errors import ReportgenError
from reportgen.validation import validate
from reportgen.workbook.reader import load
from reportgen.writers import write_edition

from ..builders import make
from ..fuzzing import mutate

SEED = 16
CASES = 80
SECONDS_A_CASE = 20  # far above the ~0.05 s a case takes: only a hang reaches it


class Hung(Exception):
    pass


@contextmanager
def deadline(seconds: float):
    def expire(signum, frame):
        raise Hung(f"no answer after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def listing(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="module")
def seed_workbook(tmp_path_factory) -> bytes:
    def richer(sheets):
        sheets["Commitments"][0]["Update"] = "The pilot **ended** in August.\n\n- one\n- [two](https://example.org)"
        sheets["Glossary"] = [{"Term": "PCSO", "Meaning": "Police community support officer"}]

    return make(tmp_path_factory.mktemp("seed"), richer).read_bytes()


def test_mutated_workbooks_never_crash_hang_or_write(tmp_path, seed_workbook):
    rng = random.Random(SEED)
    outcomes = {"refused": 0, "findings": 0, "rendered": 0}
    for case in range(CASES):
        data, what = mutate(seed_workbook, rng)
        folder = tmp_path / f"case-{case}"
        folder.mkdir()
        workbook = folder / "edition.xlsx"
        workbook.write_bytes(data)
        before = listing(folder)
        try:
            with deadline(SECONDS_A_CASE):
                loaded = load(workbook)
                findings = validate(loaded)
                if not any(finding.severity.value == "error" for finding in findings):
                    # Content that validates must render: the DOCX and HTML, in memory (the PDF is
                    # left to the long run, for time).
                    for name in ("docx", "html"):
                        assert write_edition(name, loaded.edition)
                    outcomes["rendered"] += 1
                else:
                    outcomes["findings"] += 1
        except ReportgenError as refusal:
            assert "\n" not in refusal.message and str(workbook) in refusal.message, (what, refusal.message)
            outcomes["refused"] += 1
        except Exception as exc:  # noqa: BLE001 - anything else is the bug this test is for
            pytest.fail(f"case {case} ({what}): {type(exc).__name__}: {exc}")
        assert listing(folder) == before, f"case {case} ({what}) wrote or changed a file"
    # The mutations reach every outcome, so the run tests more than the zip reader.
    assert all(outcomes.values()), outcomes
