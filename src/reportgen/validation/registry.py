"""The rule registry: each rule is a small function yielding findings under stable codes.

Validation's own rules register in EDITION_RULES (RULES, CODES). Layers above validation keep
their rules in a RuleSet of their own (the meeting's rules, the comparison's gates against a
previous edition) and hand them to a run, so validation never imports them; meeting/kind.py,
which knows every kind, assembles every code (FINDING_CODES).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from ..core.findings import Finding
from ..core.model import Edition
from ..workbook.reader import RawWorkbook


@dataclass
class Options:
    """What a caller can ask of validation beyond the workbook itself."""

    previous: object | None = None  # a LoadedWorkbook of the previous edition (reportgen compare)
    fail_on: frozenset[str] = frozenset()  # "boilerplate", "carried-over": make those gates errors
    readability: bool = False
    plan: object | None = None  # a LoadedWorkbook of the plan's edition (a meeting's --plan)


@dataclass
class Context:
    raw: RawWorkbook
    edition: Edition
    options: Options = field(default_factory=Options)
    # Work several rules share (the list of published texts), computed once a run.
    cache: dict = field(default_factory=dict)


RuleFunction = Callable[[Context], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    name: str
    codes: tuple[str, ...]
    run: RuleFunction
    # Structural rules run even when sheets are missing; model rules only make sense
    # once the workbook has its required sheets.
    needs_model: bool = True


@dataclass
class RuleSet:
    """Rules in the order they run, and every code they may emit with a one-line description."""

    rules: list[Rule] = field(default_factory=list)
    codes: dict[str, str] = field(default_factory=dict)

    def rule(self, *codes: str, needs_model: bool = True, describe: dict[str, str] | None = None):
        """Register a rule emitting `codes`; `describe` gives a code's one-line description (else the docstring's
        first line)."""

        def register(function):
            for code in codes:
                self.codes.setdefault(
                    code, (describe or {}).get(code, (function.__doc__ or "").strip().splitlines()[0])
                )
            self.rules.append(Rule(function.__name__, codes, function, needs_model))
            return function

        return register


EDITION_RULES = RuleSet()
RULES: list[Rule] = EDITION_RULES.rules
# Every code validation's own rules may emit (docs/findings.md lists them with every other kind's).
CODES: dict[str, str] = EDITION_RULES.codes
rule = EDITION_RULES.rule


def run_rules(context: Context, rules: Iterable[Rule] | None = None) -> Iterator[Finding]:
    for item in rules if rules is not None else RULES:
        for finding in item.run(context):
            if finding.code not in item.codes:
                raise AssertionError(f"rule {item.name} emitted undeclared code {finding.code}")
            yield finding
