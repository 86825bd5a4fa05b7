"""`reportgen import`: a workbook from an edition published as a Word document."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.errors import ReportgenError
from ..core.findings import Finding, Source, error
from ..runtime.output import check_target
from ..workbook.writer import write_workbook
from .assemble import Assembler
from .content import workbook_content
from .external import external_content
from .package import open_document

__all__ = ["ImportResult", "read_edition", "import_edition"]


@dataclass
class ImportResult:
    content: dict[str, Any]
    findings: list[Finding] = field(default_factory=list)
    ids_kept: int = 0
    ids_assigned: int = 0

    @property
    def failed(self) -> bool:
        return any(finding.is_error for finding in self.findings)

    def count(self, sheet: str) -> int:
        return len(self.content.get(sheet, []))


def read_edition(path: Path) -> ImportResult:
    """Read the Word edition at `path` into workbook content and findings; nothing is written."""
    document = open_document(Path(path))
    assembler = Assembler(document)
    content = workbook_content(assembler.run())
    findings = content.findings
    findings.extend(external_content(document))  # altChunk, subdocuments, INCLUDE fields
    if not content.rows["Commitments"]:
        findings.append(
            error(
                "import-no-commitments",
                "found no table of commitments: a table whose header row "
                "has columns such as Ref, Commitment and Update (or Status Update)",
                Source(),
            )
        )
    order = assembler.reader.order
    # Findings in the order an officer reads the document; whole-document ones first.
    findings.sort(key=lambda f: (f.source.where is not None, order.get(f.source.where or "", len(order))))
    return ImportResult(content.rows, findings, content.ids_kept, content.ids_assigned)


def import_edition(source: Path, output: Path, overwrite: bool = False) -> ImportResult:
    """Write the workbook for the Word edition `source` to `output`; never replace an existing file unless
    `overwrite` (--force)."""
    source, output = Path(source), Path(output)
    if output.suffix.lower() != ".xlsx":
        raise ReportgenError(f"{output}: the workbook's name must end in .xlsx")
    check_target(output, overwrite, [source], "the edition being imported")
    result = read_edition(source)
    if not result.failed:
        write_workbook(output, result.content, overwrite=overwrite)
    return result
