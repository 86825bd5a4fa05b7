"""Rules for a workbook made by `reportgen next`: updates nobody has rewritten yet."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.findings import Finding, error, warning
from ..core.richtext import RichText
from ..core.wording import clip
from .registry import Context, rule

_SNIPPET = 60


def same_words(first: RichText, second: RichText) -> bool:
    """True when two texts say the same words; spacing, line breaks and formatting aside."""
    return first.plain_text().split() == second.plain_text().split()


@rule("update-unchanged-since-previous")
def updates_rewritten(context: Context) -> Iterator[Finding]:
    """An Update is still word for word its Previous update: last edition's news, not this period's.

    With --previous the comparison against that edition reports the same thing
    (update-carried-over), so this rule stays quiet then rather than say it twice.
    --fail-on carried-over makes it an error, for teams that gate publication on it.
    """
    if context.options.previous is not None:
        return
    fail_on = {name.casefold() for name in context.options.fail_on}
    report = error if "carried-over" in fail_on else warning
    for commitment in context.edition.commitments:
        previous, update = commitment.previous_update, commitment.update
        if previous.is_empty or update.is_empty or not same_words(previous, update):
            continue
        name = commitment.id or "this commitment"
        yield report(
            "update-unchanged-since-previous",
            f"the update of {name} is still the same as last edition's ('{_short(update.plain_text())}'); "
            "write what happened this period; if nothing did, say so and why",
            commitment.cell("Update"),
        )


def _short(text: str) -> str:
    return clip(text, _SNIPPET, trim=True)
