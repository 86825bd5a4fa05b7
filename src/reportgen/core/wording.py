"""The words every layer prints alike: dates, month names, the outline's fixed headings, numbers,
and text clipped to quote in a message.

Dates are written in English whatever the machine's locale (strftime's %B would follow it):
the documents, labels and messages are in British English. Metric values follow British
number style by unit, with a count's share of its total.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from .model import Edition, Metric
from .richtext import MetricRef

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
MONTHS_SHORT = tuple(name[:3] for name in MONTHS)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# A month as officers type it: its name, its first three letters, or "Sept"; any case.
_MONTH_NUMBERS = {name.casefold(): number for number, name in enumerate(MONTHS, start=1)}
_MONTH_NUMBERS.update({name.casefold(): number for number, name in enumerate(MONTHS_SHORT, start=1)})
_MONTH_NUMBERS["sept"] = 9

# The outline's fixed headings, the cover's draft marking and the label of its period line, which the
# importer recognises in a Word edition.
CONTENTS_HEADING = "Contents"
DATA_HEADING = "Data"
GLOSSARY_HEADING = "Glossary"
BACK_HEADING = "Contact and publication details"
DRAFT_MARKING = "DRAFT \u2013 not for publication"
MONITORING_PERIOD = "Monitoring period"


def month_number(name: str) -> int | None:
    """1 for 'January', 'jan' or 'JAN'; 9 for 'Sept'; None for anything that is not a month."""
    return _MONTH_NUMBERS.get(name.casefold())


def long_date(day: dt.date | None) -> str:
    """14 November 2025, whatever the machine's locale."""
    if day is None:
        return ""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def short_date(day: dt.date) -> str:
    """14 Nov 2025, as a chart's axis has room for."""
    return f"{day.day} {MONTHS_SHORT[day.month - 1]} {day.year}"


def day_text(day: dt.date | None) -> str:
    """Tuesday 15 July 2025."""
    return f"{WEEKDAYS[day.weekday()]} {long_date(day)}" if day else ""


def numeric_date(day: dt.date) -> str:
    """30/09/2025: the form officers type a date in and the workbook shows it."""
    return f"{day:%d/%m/%Y}"


def period_text(start: dt.date | None, end: dt.date | None) -> str:
    """1 July 2021 to 30 September 2021."""
    if start and end:
        return f"{long_date(start)} to {long_date(end)}"
    return long_date(start or end)


UNITS = ("percent", "count", "ratio", "currency", "points")
# What a column of values in each unit is called in a data table.
UNIT_NOUNS = {
    "percent": "Percentage",
    "count": "Number",
    "ratio": "Ratio",
    "currency": "Amount",
    "points": "Percentage points",
}
# How far a typed percentage may stray from the share its counts give: half the last printed place.
SHARE_TOLERANCE = 0.05


def format_number(value: float, decimals: int = 0) -> str:
    """32,920 or 2.75: thousands separated by commas, rounded half up as people round."""
    try:
        exact = Decimal(repr(float(value)))
        rounded = exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    except (InvalidOperation, ValueError, OverflowError):
        return str(value)
    if rounded == 0:
        rounded = abs(rounded)  # never print "-0.0"
    return f"{rounded:,.{decimals}f}"


def typed_decimals(value: float, default: int) -> int:
    """The places to print: the ones the officer typed, at least `default`, at most two."""
    text = repr(float(value))
    if "e" in text or "." not in text:
        return default
    typed = len(text.split(".")[1].rstrip("0"))
    return max(default, min(typed, 2))


def format_value(value: float, unit: str) -> str:
    """91%, 16.5%, 32,920, 2.9x, £1.2m, 26 points."""
    unit = (unit or "").casefold()
    if unit == "percent":
        # The places the value needs, as GOV.UK style has it: 91%, not 91.0%; 16.5%; 15.63%.
        return format_percent(value, typed_decimals(value, 0))
    if unit == "ratio":
        return f"{format_number(value, typed_decimals(value, 1))}x"
    if unit == "currency":
        return format_currency(value)
    if unit == "points":
        text = format_number(value, typed_decimals(value, 0))
        return f"{text} point" if text in ("1", "-1") else f"{text} points"
    return format_number(value, typed_decimals(value, 0))


def format_percent(value: float, decimals: int = 1) -> str:
    return f"{format_number(value, decimals)}%"


def format_currency(value: float) -> str:
    """£1.2m, £1.25bn, £700,000, £12.50: millions and billions shortened as the published text does."""
    sign = "-" if value < 0 else ""
    amount = abs(value)
    if amount >= 1_000_000_000:
        return f"{sign}£{_short(amount / 1_000_000_000)}bn"
    if amount >= 1_000_000:
        return f"{sign}£{_short(amount / 1_000_000)}m"
    decimals = 0 if float(amount).is_integer() else 2
    return f"{sign}£{format_number(amount, decimals)}"


def _short(value: float) -> str:
    # Two places at most, trailing zeros dropped: £1m, £1.2m, £1.25m.
    return format_number(value, 2).rstrip("0").rstrip(".")


def format_axis(value: float, unit: str) -> str:
    """A chart axis tick: as short as the unit allows (50%, 10,000, £1.5m, 2x)."""
    unit = (unit or "").casefold()
    decimals = 0 if float(value).is_integer() else typed_decimals(value, 0)
    if unit == "percent":
        return format_percent(value, decimals)
    if unit == "ratio":
        return f"{format_number(value, decimals)}x"
    if unit == "currency":
        return format_currency(value)
    return format_number(value, decimals)


def unit_noun(unit: str) -> str:
    return UNIT_NOUNS.get((unit or "").casefold(), "Value")


def share(edition: Edition, metric: Metric) -> float | None:
    """A count's share of its `Of` total, in percent; None when it cannot be computed.

    Only a count has a share: a percentage already is one, and a ratio or an amount of
    money is not a part of a whole.
    """
    if (metric.unit or "").casefold() != "count" or not metric.of or metric.value is None:
        return None
    total = edition.metric(metric.of)
    if total is None or total is metric or (total.unit or "").casefold() != "count" or not total.value:
        return None
    return 100.0 * metric.value / total.value


def format_share(value: float) -> str:
    """A computed share to one place, which a whole number does not need: 3.6%, 28.9%, 25%."""
    text = format_number(value, 1)
    return f"{text[:-2] if text.endswith('.0') else text}%"


def matching_count(edition: Edition, percent: Metric) -> Metric | None:
    """The count a typed percentage restates: the same `Of` total and the same Category.

    A percentage names the total it is a share of in its own `Of` cell; the count of
    the same Category with the same `Of` is the figure it must agree with.
    """
    if (percent.unit or "").casefold() != "percent" or not percent.of or not percent.category:
        return None
    total = percent.of.casefold()
    category = " ".join(percent.category.split()).casefold()
    for metric in edition.metrics:
        if (
            metric is not percent
            and (metric.unit or "").casefold() == "count"
            and metric.of
            and metric.of.casefold() == total
            and metric.category
            and " ".join(metric.category.split()).casefold() == category
        ):
            return metric
    return None


def metric_text(edition: Edition, ref: MetricRef) -> str:
    """What a `{metric:...}` citation prints; the citation as typed when it cannot be resolved.

    Validation refuses unknown IDs and impossible shares before a build, so the fallback
    is only seen in drafts read by other tools.
    """
    metric = edition.metric(ref.metric_id)
    if metric is None or metric.value is None:
        return ref.typed or f"{{metric:{ref.metric_id}}}"
    if ref.form == "share":
        value = share(edition, metric)
        return (ref.typed or f"{{metric:{ref.metric_id}:share}}") if value is None else format_share(value)
    return format_value(metric.value, metric.unit)


def clip(text: str, limit: int = 80, *, trim: bool = False) -> str:
    """`text` on one line, cut to `limit` characters with an ellipsis, to quote in a message.

    With `trim`, a space left at the cut is dropped before the ellipsis ("the report…").
    """
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    return (cut.rstrip() if trim else cut) + "…"
