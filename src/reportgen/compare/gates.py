"""Gates against the previous edition (validate/build --previous): reworded boilerplate, stale updates.

Validation rules that need the comparison, so they live here and run through GATES, which
meeting/kind.py hands to validation with its own rules; validation never imports compare.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..core.findings import Finding, error, warning
from ..core.wording import clip
from ..validation.registry import Context, RuleSet
from .citations import NEW, OLD, printed
from .engine import compare

GATES = RuleSet()

_SNIPPET = 60  # characters of a reworded passage quoted in a boilerplate-changed message


@GATES.rule(
    "boilerplate-changed",
    "update-carried-over",
    describe={
        "boilerplate-changed": "A commitment's wording differs from the previous edition (--previous); an error "
        "with --fail-on boilerplate.",
        "update-carried-over": "An update is word for word the same as in the previous edition (--previous); an "
        "error with --fail-on carried-over.",
    },
)
def against_previous_edition(context: Context) -> Iterator[Finding]:
    """Commitments are boilerplate and updates go stale: a reviewer must see both before publishing."""
    previous = context.options.previous
    if previous is None:
        return
    comparison = compare(previous.edition, context.edition)
    label = previous.edition.edition or previous.edition.file_name or "the previous edition"
    fail_on = {name.casefold() for name in context.options.fail_on}
    for change in comparison.changes:
        if change.kind == "boilerplate-changed":
            report = error if "boilerplate" in fail_on else warning
            yield report(
                "boilerplate-changed",
                f"the wording of commitment {change.id} differs from {label} ({_what_changed(change)}); "
                "commitments are published boilerplate, so restore the earlier wording unless the change "
                "is agreed",
                change.source,
            )
        elif change.kind == "carried-over":
            report = error if "carried-over" in fail_on else warning
            where = f"the update of {change.copied_from} in {label}" if change.copied_from else f"its update in {label}"
            figures = "".join(
                f"; the figure it cites, {c.label} ({c.reference}), changed from {c.old} to {c.new}, "
                f"so it now prints {c.new}"
                for c in change.citations
                if c.changed
            )
            yield report(
                "update-carried-over",
                f"the update of {change.id} is word for word the same as {where}{figures}; write what "
                "happened this period, or confirm that the update still holds",
                change.source,
            )


def _what_changed(change) -> str:
    parts = []
    for segment in change.diff.segments if change.diff is not None else ():
        if segment.op == "delete":
            parts.append(f"deleted '{_short(printed(segment.text, change, OLD))}'")
        elif segment.op == "insert":
            parts.append(f"inserted '{_short(printed(segment.text, change, NEW))}'")
    if not parts:
        return "formatting only"
    shown = ", ".join(parts[:3])
    return shown + (f" and {len(parts) - 3} more" if len(parts) > 3 else "")


def _short(text: str) -> str:
    return clip(text, _SNIPPET, trim=True)
