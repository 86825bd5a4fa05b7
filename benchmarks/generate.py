"""Generates large, realistic editions for the benchmarks (n commitments, long updates)."""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

_WORDS = (
    "review officers community scrutiny data published quarter board training pilot borough panel "
    "report findings recruitment progress stop search engagement young Londoners oversight monitoring "
    "the of and to in for with on by was has been will are this that which across"
).split()


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(_WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _update(rng: random.Random, index: int) -> str:
    paragraphs = [
        " ".join(_sentence(rng, rng.randint(12, 24)) for _ in range(rng.randint(2, 4)))
        for _ in range(rng.randint(1, 3))
    ]
    bullets = "\n".join(f"- {_sentence(rng, rng.randint(6, 14))}" for _ in range(rng.randint(0, 4)))
    link = f"Read the [progress report for item {index}](https://www.example.gov.uk/reports/{index})."
    return "\n\n".join(paragraphs + ([bullets] if bullets else []) + [link])


def sheets(commitments: int, seed: int = 7) -> dict:
    """An edition in tests/builders.py's shape: four chapters, Refs shared in pairs."""
    rng = random.Random(seed)
    chapters = [
        {"Number": str(n), "Title": f"Chapter {n} of the plan", "Introduction": _sentence(rng, 20)} for n in range(1, 5)
    ]
    rows = []
    for index in range(commitments):
        chapter = 1 + index * 4 // commitments
        ref = f"{chapter}.{index // 2 + 1}"
        rows.append(
            {
                "ID": f"C-{index + 1:05d}",
                "Ref": ref,
                "Chapter": str(chapter),
                "Commitment": _sentence(rng, rng.randint(15, 40)),
                "Lead": rng.choice(["Police", "Office"]),
                "Status": rng.choice(["In progress", "On track", "Complete"]),
                "Update": _update(rng, index),
                "Approved": "Yes",
                "Notes": "internal",
            }
        )
    return {
        "Edition": {
            "Title": "Benchmark Action Plan",
            "Edition": "2025/26 Quarter 2 Update",
            "Period start": dt.date(2025, 7, 1),
            "Period end": dt.date(2025, 9, 30),
            "Publication date": dt.date(2025, 11, 14),
            "Publisher": "Benchmark Office",
            "Status": "Draft",
            "Language": "en-GB",
        },
        "Chapters": chapters,
        "Commitments": rows,
        "Narrative": [{"ID": "NAR-INTRO", "Heading": "Introduction", "Body": _update(rng, 0)}],
        "Metrics": [],
        "Charts": [],
        "Glossary": [],
    }


def write(path: Path, commitments: int) -> Path:
    from builders import write_workbook

    return write_workbook(path, sheets(commitments))


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    target = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(f"/tmp/edition-{count}.xlsx")
    print(write(target, count))
