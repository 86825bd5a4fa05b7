"""The check registry: each accessibility check is a small function yielding findings under declared codes.

A check is registered for one format and reads that format's parsed view of the file (a
DocxDocument, PdfDocument or HtmlPage, built once per file). Checks run in the order they
are registered, which is the order their findings are printed in (the PDF's are then put in
page order), so a format's checks are registered in the order a reader meets what they judge.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from ..core.findings import Finding, Severity
from . import KINDS


@dataclass
class CheckCode:
    """A code our checks report: the severities it comes with and the formats whose checks report it."""

    code: str
    description: str
    severities: set[Severity]
    formats: set[str]


# Every code a registered check may report (docs/accessibility.md lists them); axe-core's are not ours.
CODES: dict[str, CheckCode] = {}

CheckFunction = Callable[[object], Iterable[Finding]]


@dataclass(frozen=True)
class Check:
    name: str
    format: str
    codes: tuple[str, ...]
    run: CheckFunction
    # Whether the check applies to this file: a structure tree to read, reading ease asked for.
    when: Callable[[object], bool] | None = None
    # Findings of another tool passed on under its own rule ids (axe-core's "axe-..."), not our codes.
    foreign_prefix: str | None = None


CHECKS: dict[str, list[Check]] = {kind: [] for kind in KINDS}


def check(
    kind: str,
    *,
    errors: Iterable[str] = (),
    warnings: Iterable[str] = (),
    when: Callable[[object], bool] | None = None,
    foreign_prefix: str | None = None,
):
    """Register a check of `kind` files that reports `errors` and `warnings` (a code may be in both).

    Each code's description is the first line of the function's docstring, unless a check
    registered earlier described it.
    """

    def register(function: CheckFunction) -> CheckFunction:
        description = (function.__doc__ or "").strip().splitlines()[0] if function.__doc__ else ""
        codes: list[str] = []
        for severity, declared in ((Severity.ERROR, errors), (Severity.WARNING, warnings)):
            for code in declared:
                entry = CODES.setdefault(code, CheckCode(code, description, set(), set()))
                entry.severities.add(severity)
                entry.formats.add(kind)
                if code not in codes:
                    codes.append(code)
        CHECKS[kind].append(Check(function.__name__, kind, tuple(codes), function, when, foreign_prefix))
        return function

    return register


def run_checks(kind: str, document: object, checks: Iterable[Check] | None = None) -> Iterator[Finding]:
    """The findings of every check of `kind` (or of `checks`) that applies to `document`, in registration order."""
    for item in CHECKS[kind] if checks is None else checks:
        if item.when is not None and not item.when(document):
            continue
        for finding in item.run(document):
            if finding.code in item.codes:
                if finding.severity not in CODES[finding.code].severities:
                    raise AssertionError(
                        f"check {item.name} reported {finding.code} as an undeclared {finding.severity}"
                    )
            elif not (item.foreign_prefix and finding.code.startswith(item.foreign_prefix)):
                raise AssertionError(f"check {item.name} reported undeclared code {finding.code}")
            yield finding
