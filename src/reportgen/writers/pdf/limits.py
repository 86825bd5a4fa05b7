"""How big an edition this machine can build: the PDF's memory, estimated before any work starts.

WeasyPrint keeps the whole laid-out document in memory until the PDF is written, so the PDF step's
memory grows with the edition: measured with benchmarks/pdf_memory_bench.py (generated editions of
100 to 1,000 commitments, 2026-12-05). An edition that would need more than the memory the machine
has free is refused up front, with the figures, instead of swapping for many minutes and then
perhaps being killed.
"""

from __future__ import annotations

import os
from pathlib import Path

from ...core.errors import ReportgenError
from ...core.model import Edition

MIB = 2**20
# Fitted to benchmarks/pdf_memory_bench.py (generated editions of 100, 250 and 500 commitments with
# about 1,110 published characters each, and 500 with 33 each): peak resident memory of the PDF step
# is BASE + PER_COMMITMENT × commitments + PER_1000_CHARACTERS × published characters / 1,000, within
# 2% at each size. MARGIN covers editions that lay out less compactly; REST what the build's main
# process and Chromium hold at the same time.
BASE = 90 * MIB
PER_COMMITMENT = 0.21 * MIB
PER_1000_CHARACTERS = 0.51 * MIB
MARGIN = 1.25
REST = 300 * MIB


def published_characters(edition: Edition) -> int:
    """The characters of text the PDF lays out in the chapters, narrative and glossary."""
    total = 0
    for commitment in edition.commitments:
        total += len(commitment.commitment.source_text) + len(commitment.update.source_text)
        total += len(commitment.lead or "") + len(commitment.status or "")
    for chapter in edition.chapters:
        total += len(chapter.title) + len(chapter.introduction.source_text)
    for section in edition.narrative:
        total += len(section.heading) + len(section.body.source_text)
    for entry in edition.glossary:
        total += len(entry.term) + len(entry.meaning)
    return total


def estimated_pdf_memory(commitments: int, characters: int) -> int:
    """Bytes the PDF step is expected to need at its peak (as measured, without the margin)."""
    return int(BASE + PER_COMMITMENT * commitments + PER_1000_CHARACTERS * characters / 1000)


def memory_needed(commitments: int, characters: int) -> int:
    """Bytes free a build with a PDF needs: the PDF step with its margin and the rest of the build."""
    return int(MARGIN * estimated_pdf_memory(commitments, characters) + REST)


def available_memory() -> int | None:
    """Bytes the system could give this process without swapping (Linux's MemAvailable), or None if unknown.

    REPORTGEN_MEMORY_AVAILABLE (in MiB) overrides it, for a machine where the figure misleads (a
    container with its own limit) or to try a build anyway.
    """
    configured = os.environ.get("REPORTGEN_MEMORY_AVAILABLE")
    if configured:
        try:
            return int(float(configured) * MIB)
        except ValueError:
            raise ReportgenError(f"REPORTGEN_MEMORY_AVAILABLE is {configured!r}; give a number of MiB") from None
    limits = [value for value in (_meminfo_available(), _cgroup_room()) if value is not None]
    return min(limits) if limits else None


def check_pdf_fits(edition: Edition, workbook: Path) -> None:
    """Refuse, before any work, a PDF the machine does not have the memory to lay out."""
    available = available_memory()
    if available is None:
        return
    commitments = len(edition.commitments)
    needed = memory_needed(commitments, published_characters(edition))
    if needed > available:
        raise ReportgenError(
            f"{workbook}: {commitments:,} commitments are too many to lay out as a PDF on this machine: it would "
            f"need about {_size(needed)} of memory and {_size(available)} is free. Close other programs or use a "
            "machine with more memory, split the edition, or build the other formats with --only docx,html "
            "(set REPORTGEN_MEMORY_AVAILABLE, in MiB, to try anyway)"
        )


def _size(value: int) -> str:
    return f"{value / 2**30:.1f} GiB" if value >= 2**30 else f"{value / MIB:.0f} MiB"


def _meminfo_available() -> int | None:
    try:
        with open("/proc/meminfo", encoding="ascii") as stream:
            for line in stream:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def _cgroup_room() -> int | None:
    """What a container's memory limit (cgroup v2) leaves, if there is one."""
    try:
        limit = Path("/sys/fs/cgroup/memory.max").read_text().strip()
        if limit == "max":
            return None
        used = int(Path("/sys/fs/cgroup/memory.current").read_text().strip())
        return max(0, int(limit) - used)
    except (OSError, ValueError):
        return None
