"""Edition fields found in a Word edition: its cover, its back page and its document properties."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field

from ..core.wording import MONITORING_PERIOD, MONTHS, month_number
from ..workbook.reader import as_date

_MONTHS = "|".join(MONTHS)
_DAY_DATE = rf"\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})\s+\d{{4}}"
_LABEL = re.compile(
    rf"(?:\b(?:Quarter|Qtr|Q)\s*[1-4]\b.*\b(?:19|20)\d{{2}}|\b(?:19|20)\d{{2}}(?:\s*[/\-–]\s*\d{{2,4}})?\s+(?:Quarter|Qtr|Q)\s*[1-4]\b"
    rf"|\b(?:{_MONTHS})\s+(?:19|20)\d{{2}}\s+(?:progress\s+)?update\b|\bupdate\b.*\b(?:Quarter|Q)\s*[1-4]\b)",
    re.IGNORECASE,
)
_PERIOD = re.compile(rf"(?P<start>{_DAY_DATE})\s*(?:to|until|–|-|—)\s*(?P<end>{_DAY_DATE})", re.IGNORECASE)
_MONTH_RANGE = re.compile(
    rf"\b(?P<first>{_MONTHS})(?:\s+(?P<first_year>\d{{4}}))?\s*(?:to|–|-|—)\s*(?P<last>{_MONTHS})\s+(?P<year>\d{{4}})\b"
)
_PUBLISHED = re.compile(
    rf"\bpublished\b(?:\s+by\s+(?P<by>.+?))?(?:\s+on)?[\s:]*(?P<date>{_DAY_DATE})?\s*\.?$", re.IGNORECASE
)
_FINANCIAL_QUARTER = re.compile(
    r"(?P<first>(?:19|20)\d{2})\s*[/\-–]\s*(?:\d{2,4}).*?\b(?:Quarter|Qtr|Q)\s*(?P<quarter>[1-4])\b"
    r"|\b(?:Quarter|Qtr|Q)\s*(?P<quarter2>[1-4])\b.*?(?P<first2>(?:19|20)\d{2})\s*[/\-–]\s*\d{2,4}",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")


@dataclass
class EditionFields:
    """What the document says about itself, and where each value was found."""

    values: dict[str, object] = field(default_factory=dict)
    found_in: dict[str, str] = field(default_factory=dict)

    def offer(self, name: str, value, where: str) -> None:
        """Keep the first value found for a field; later sightings do not override it."""
        if value in (None, "") or name in self.values:
            return
        self.values[name] = value
        self.found_in[name] = where


def is_label(text: str) -> bool:
    return bool(_LABEL.search(text)) and len(text.split()) <= 12


def period_in(text: str) -> tuple[dt.date, dt.date] | None:
    """The monitoring period a sentence states: '1 July 2021 to 30 September 2021' or 'July to September 2021'."""
    match = _PERIOD.search(text)
    if match:
        start, end = as_date(match["start"]), as_date(match["end"])
        if start and end and start <= end:
            return start, end
    match = _MONTH_RANGE.search(text)
    if match:
        year = int(match["year"])
        first = month_number(match["first"])
        last = month_number(match["last"])
        first_year = int(match["first_year"]) if match["first_year"] else (year if first <= last else year - 1)
        return dt.date(first_year, first, 1), dt.date(year, last, calendar.monthrange(year, last)[1])
    return None


def period_of_label(label: str) -> tuple[dt.date, dt.date] | None:
    """A UK financial-year quarter's dates: 2021/22 Quarter 2 is 1 July to 30 September 2021."""
    match = _FINANCIAL_QUARTER.search(label)
    if match is None:
        return None
    first_year = int(match["first"] or match["first2"])
    quarter = int(match["quarter"] or match["quarter2"])
    start_month = 4 + 3 * (quarter - 1)
    year = first_year + (start_month - 1) // 12
    start_month = (start_month - 1) % 12 + 1
    end_month = start_month + 2
    return dt.date(year, start_month, 1), dt.date(year, end_month, calendar.monthrange(year, end_month)[1])


def publication_in(text: str) -> tuple[str | None, dt.date | None]:
    """(publisher, date) from 'Published by X on 14 November 2025.' or 'Published 14 November 2025'."""
    match = _PUBLISHED.search(text.strip())
    if match is None:
        return None, None
    publisher = (match["by"] or "").strip(" .,") or None
    return publisher, as_date(match["date"]) if match["date"] else None


def lone_date(text: str) -> dt.date | None:
    """A paragraph that is nothing but a date, as covers print the publication date."""
    text = text.strip(" .")
    return as_date(text) if re.fullmatch(_DAY_DATE, text, re.IGNORECASE) else None


def email_in(text: str) -> str | None:
    match = _EMAIL.search(text)
    return match.group(0) if match else None


def monitoring_period(text: str) -> tuple[dt.date, dt.date] | None:
    """'Monitoring period: 1 July 2021 to 30 September 2021', the line reportgen itself prints."""
    if MONITORING_PERIOD.casefold() not in text.casefold():
        return None
    return period_in(text)


def core_properties(document) -> dict[str, str]:
    """The document properties worth carrying into the workbook, where set."""
    props = document.core_properties
    found = {}
    for name, value in (
        ("title", props.title),
        ("subject", props.subject),
        ("keywords", props.keywords),
        ("language", props.language),
        ("category", props.category),
        ("author", props.author),
        ("content_status", props.content_status),
    ):
        if value and str(value).strip():
            found[name] = keywords(str(value)) if name == "keywords" else " ".join(str(value).split())
    return found


_KEYWORD_SEPARATORS = re.compile(r"\s*[,;\n\r]+\s*")


def keywords(text: str) -> str:
    """Keywords as the Edition sheet keeps them, separated by commas: each keyword's own words stay
    together, and keywords one a line or separated by semicolons stay apart."""
    parts = [" ".join(part.split()) for part in _KEYWORD_SEPARATORS.split(text.strip())]
    return ", ".join(part for part in parts if part)
