"""Rules about the edition as a whole: its dates, its metadata, and what a Final edition needs."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..core.findings import Finding, Source, error
from ..core.wording import long_date
from .registry import Context, rule

# BCP 47 in the shape documents use: a language, then optional script, region or variant subtags.
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|\d{3}))?(?:-[A-Za-z0-9]{5,8})*")
EMAIL = re.compile(r"[^@\s<>()\[\],;:\"]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")


@rule("period-reversed", "publication-before-period-end")
def edition_dates(context: Context) -> Iterator[Finding]:
    """The monitoring period must run forwards, and an update cannot be published before the period it covers ends."""
    edition = context.edition
    start, end, published = edition.period_start, edition.period_end, edition.publication_date
    if start and end and end < start:
        yield error(
            "period-reversed",
            f"the period ends ({long_date(end)}) before it starts ({long_date(start)}); check Period start and Period end",
            edition.field_source("Period end"),
        )
    if end and published and published < end:
        yield error(
            "publication-before-period-end",
            f"the publication date ({long_date(published)}) is before the "
            f"period ends ({long_date(end)}); publish an update after the period it covers ends, or correct the "
            "dates",
            edition.field_source("Publication date"),
        )


@rule("update-missing", "final-unapproved")
def final_edition_complete(context: Context) -> Iterator[Finding]:
    """A Final edition is what gets published: every commitment needs an update, and every row needs sign-off."""
    edition = context.edition
    if not edition.is_final:
        return
    sheet = context.raw.sheet("Commitments")
    has_update = sheet is not None and "update" in sheet.columns
    has_approved = sheet is not None and "approved" in sheet.columns
    if sheet is not None and not has_approved and edition.commitments:
        yield error(
            "final-unapproved",
            "the Commitments sheet has no Approved column; a Final edition needs Yes in "
            "an Approved column on every row",
            Source(sheet.name, 1),
        )
    for commitment in sorted(edition.commitments, key=lambda c: c.source.row or 0):
        label = f"commitment {commitment.id}" if commitment.id else f"the commitment on row {commitment.source.row}"
        if has_update and commitment.update.is_empty:
            yield error(
                "update-missing", f"{label} has no update; a Final edition needs one", commitment.cell("Update")
            )
        if has_approved and commitment.approved is not True:
            yield error(
                "final-unapproved",
                f"{label} is not approved; a Final edition needs Yes in Approved on "
                "every row (or set the edition's Status to Draft)",
                commitment.cell("Approved"),
            )


@rule("language-invalid", "contact-invalid")
def edition_metadata(context: Context) -> Iterator[Finding]:
    """The language tag goes into every document's metadata for screen readers; the contact is printed for readers."""
    edition = context.edition
    fields = {key for key in edition.field_sources}
    if "language" in fields and edition.language and not LANGUAGE_TAG.fullmatch(edition.language.strip()):
        yield error(
            "language-invalid",
            f"'{edition.language}' is not a language tag; write one such as en-GB "
            "(English as written in the UK) or cy (Welsh)",
            edition.field_source("Language"),
        )
    if edition.contact and not EMAIL.fullmatch(edition.contact.strip().removeprefix("mailto:")):
        yield error(
            "contact-invalid",
            f"'{edition.contact}' is not an e-mail address; write one address such as actionplan@example.gov.uk",
            edition.field_source("Contact"),
        )
