"""Metric values as printed: British number style by unit, and shares of a total."""

from __future__ import annotations

from .model import Edition, Metric
from .richtext import MetricRef


def format_number(value: float, decimals: int = 0) -> str:
    return f"{value:,.{decimals}f}"


def _decimals(value: float, default: int) -> int:
    # Keep the precision the officer typed, up to two places.
    text = repr(float(value))
    if "e" in text or "." not in text:
        return default
    typed = len(text.split(".")[1].rstrip("0"))
    return max(default, min(typed, 2))


def format_value(value: float, unit: str) -> str:
    """16.0%, 32,920, 2.9x, £1.2m, 26 points."""
    unit = (unit or "").casefold()
    if unit == "percent":
        return f"{format_number(value, _decimals(value, 1))}%"
    if unit == "ratio":
        return f"{format_number(value, _decimals(value, 1))}x"
    if unit == "currency":
        return format_currency(value)
    if unit == "points":
        text = format_number(value, _decimals(value, 0))
        return f"{text} point" if abs(value) == 1 else f"{text} points"
    return format_number(value, _decimals(value, 0))


def format_currency(value: float) -> str:
    sign = "-" if value < 0 else ""
    amount = abs(value)
    if amount >= 1_000_000_000:
        return f"{sign}£{_short(amount / 1_000_000_000)}bn"
    if amount >= 1_000_000:
        return f"{sign}£{_short(amount / 1_000_000)}m"
    if amount >= 10_000 and amount % 1000 == 0:
        return f"{sign}£{format_number(amount)}"
    decimals = 0 if float(amount).is_integer() else 2
    return f"{sign}£{format_number(amount, decimals)}"


def _short(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def share(edition: Edition, metric: Metric) -> float | None:
    """A count's share of its `Of` total, in percent; None when it cannot be computed."""
    if not metric.of or metric.value is None:
        return None
    total = edition.metric(metric.of)
    if total is None or not total.value:
        return None
    return 100.0 * metric.value / total.value


def metric_text(edition: Edition, ref: MetricRef) -> str:
    """What a `{metric:...}` citation prints; the citation as typed when it cannot be resolved.

    Validation refuses unknown IDs before a build, so the fallback is only seen in drafts
    read by other tools.
    """
    metric = edition.metric(ref.metric_id)
    if metric is None or metric.value is None:
        return ref.typed or f"{{metric:{ref.metric_id}}}"
    if ref.form == "share":
        value = share(edition, metric)
        return ref.typed if value is None else f"{format_number(value, 1)}%"
    return format_value(metric.value, metric.unit)
