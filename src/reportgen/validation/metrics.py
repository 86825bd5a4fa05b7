"""Rules about figures and charts: ranges, totals, percentages against their counts, charts that can be drawn."""

from __future__ import annotations

from collections.abc import Iterator

from rapidfuzz import fuzz, process

from ..charts.data import chart_data, chart_dates, chart_metrics, measure_of, name_of, point_key
from ..charts.style import MAX_CATEGORIES, PALETTE
from ..core.findings import Finding, Source, error, warning
from ..core.model import Chart, Edition, Metric
from ..core.wording import SHARE_TOLERANCE, format_share, format_value, long_date, matching_count, share
from .registry import Context, rule
from .texts import rich_texts


def _cell(metric: Metric, column: str) -> Source:
    return metric.cells.get(column.casefold(), metric.source)


def _chart_cell(chart: Chart, column: str) -> Source:
    return chart.cells.get(column.casefold(), chart.source)


def _unit(metric: Metric) -> str:
    return (metric.unit or "").casefold()


def _shown(metric: Metric) -> str:
    return format_value(metric.value, metric.unit)


@rule("metric-percent-range", "metric-negative")
def metric_ranges(context: Context) -> Iterator[Finding]:
    """A percentage outside 0 to 100, or a negative count or ratio, is a typing slip: no such figure exists."""
    for metric in context.edition.metrics:
        if metric.value is None:
            continue
        if _unit(metric) == "percent" and not 0 <= metric.value <= 100:
            yield error(
                "metric-percent-range",
                f"{metric.id} is a percentage of {metric.value:g}, outside 0 to 100; "
                "type the percentage itself (16 for 16%), or change the Unit",
                _cell(metric, "Value"),
            )
        elif _unit(metric) in ("count", "ratio") and metric.value < 0:
            yield error(
                "metric-negative",
                f"{metric.id} is a {_unit(metric)} of {metric.value:g}, but a "
                f"{_unit(metric)} cannot be below zero; for a fall, use the Unit points or give the "
                "new figure",
                _cell(metric, "Value"),
            )


@rule("metric-of-unknown", "metric-of-unit", "metric-of-smaller")
def metric_totals(context: Context) -> Iterator[Finding]:
    """`Of` must name another count that is at least as large, or the computed share is nonsense."""
    edition = context.edition
    for metric in edition.metrics:
        if not metric.of:
            continue
        total = edition.metric(metric.of)
        if total is None or total is metric:
            why = "the figure itself" if total is metric else "no ID on the Metrics sheet"
            yield error(
                "metric-of-unknown",
                f"{metric.id} gives its total as '{metric.of}', which is {why}; {_suggest_metric(edition, metric)}",
                _cell(metric, "Of"),
            )
            continue
        if _unit(metric) not in ("count", "percent"):
            yield error(
                "metric-of-unit",
                f"{metric.id} is a {_unit(metric) or 'figure without a unit'}, so it is "
                "not a part of a total; Of is for a count (or a percentage) of a total: clear this cell",
                _cell(metric, "Of"),
            )
            continue
        if _unit(total) != "count":
            yield error(
                "metric-of-unit",
                f"{metric.id} gives its total as {total.id}, which is a "
                f"{_unit(total) or 'figure without a unit'}; the total must be a count, such as all officers",
                _cell(metric, "Of"),
            )
            continue
        if _unit(metric) != "count" or metric.value is None or total.value is None:
            continue
        if total.value == 0:
            yield error(
                "metric-of-smaller",
                f"{metric.id} gives its total as {total.id}, which is 0, so no share "
                "can be computed; check both figures",
                _cell(metric, "Value"),
            )
        elif metric.value > total.value:
            yield error(
                "metric-of-smaller",
                f"{metric.id} ({_shown(metric)}) is more than its total {total.id} "
                f"({_shown(total)}); a part cannot exceed the whole, so check both figures and the Of cell",
                _cell(metric, "Value"),
            )


def _suggest_metric(edition: Edition, metric: Metric) -> str:
    known = [m.id for m in edition.metrics if m.id and m is not metric and _unit(m) == "count"]
    match = (
        process.extractOne(metric.of, known, scorer=fuzz.WRatio, processor=str.casefold, score_cutoff=70)
        if known
        else None
    )
    if match is not None:
        return f"did you mean {match[0]}?"
    return "type the ID of the count it is part of (such as all officers), or clear the cell"


@rule("metric-share-mismatch")
def percentages_agree_with_counts(context: Context) -> Iterator[Finding]:
    """A typed percentage must agree with the share its counts give, or the document contradicts itself.

    A percentage names its counts by its Of (the total) and its Category: the count with
    the same Of and Category is the part. They may differ by the rounding of one decimal
    place (0.05 points), no more.
    """
    edition = context.edition
    for metric in edition.metrics:
        if metric.value is None:
            continue
        count = matching_count(edition, metric)
        computed = share(edition, count) if count is not None else None
        if computed is None or abs(computed - metric.value) <= SHARE_TOLERANCE + 1e-9:
            continue
        total = edition.metric(metric.of)
        yield error(
            "metric-share-mismatch",
            f"{metric.id} says {_shown(metric)}, but {count.id} is "
            f"{_shown(count)} of {total.id}'s {_shown(total)}, which is {format_share(computed)}; correct "
            f"whichever figure is wrong, or cite {{metric:{count.id}:share}} instead of typing the percentage",
            _cell(metric, "Value"),
        )


@rule("metric-share-impossible")
def share_citations(context: Context) -> Iterator[Finding]:
    """{metric:ID:share} needs a count with a total in its Of cell; otherwise nothing can be printed for it."""
    edition = context.edition
    for item in rich_texts(context):
        for ref in item.rich.metric_refs():
            if ref.form != "share":
                continue
            metric = edition.metric(ref.metric_id)
            if metric is None or metric.value is None or share(edition, metric) is not None:
                continue
            typed = ref.typed or f"{{metric:{ref.metric_id}:share}}"
            if _unit(metric) != "count":
                why = (
                    f"{metric.id} is a {_unit(metric) or 'figure without a unit'}, and only a count has a share; "
                    f"cite {{metric:{metric.id}}} for the figure itself"
                )
            elif not metric.of:
                why = (
                    f"{metric.id} has no total: type the ID of the count it is part of in its Of cell on the "
                    "Metrics sheet"
                )
            else:
                why = f"{metric.id}'s total '{metric.of}' is not a count above zero; check its Of cell"
            yield error("metric-share-impossible", f"{typed} cannot be printed: {why}", item.source)


@rule("metric-as-at-late")
def dates_in_period(context: Context) -> Iterator[Finding]:
    """A figure dated after the period it reports on is usually a typing slip in the year or month."""
    edition = context.edition
    if edition.period_end is None:
        return
    for metric in edition.metrics:
        if metric.as_at is not None and metric.as_at > edition.period_end:
            yield warning(
                "metric-as-at-late",
                f"{metric.id} is as at {long_date(metric.as_at)}, after this "
                f"edition's period ends ({long_date(edition.period_end)}); check the date, or say in the "
                "text that the figure is more recent",
                _cell(metric, "As at"),
            )


@rule("metric-chart-unknown", "chart-unused")
def chart_groups(context: Context) -> Iterator[Finding]:
    """Every Chart cell must name a chart, and every chart needs figures, or something typed is never drawn."""
    edition = context.edition
    groups = {chart.group.strip().casefold() for chart in edition.charts if chart.group}
    for metric in edition.metrics:
        if metric.chart and metric.chart.strip().casefold() not in groups:
            yield error(
                "metric-chart-unknown",
                f"{metric.id} is drawn in chart '{metric.chart}', which is not a "
                f"Group on the Charts sheet; {_suggest_chart(edition, metric.chart)}",
                _cell(metric, "Chart"),
            )
    used = {metric.chart.strip().casefold() for metric in edition.metrics if metric.chart and metric.value is not None}
    for chart in edition.charts:
        if chart.group and chart.group.strip().casefold() not in used:
            yield warning(
                "chart-unused",
                f"chart {chart.group} has no figures, so it will not be printed; type "
                f"{chart.group} in the Chart column of the Metrics rows it should show, or delete this row",
                _chart_cell(chart, "Group"),
            )


def _suggest_chart(edition: Edition, typed: str) -> str:
    known = [chart.group for chart in edition.charts if chart.group]
    match = (
        process.extractOne(typed, known, scorer=fuzz.WRatio, processor=str.casefold, score_cutoff=70) if known else None
    )
    if match is not None:
        return f"did you mean {match[0]}?"
    return "add the chart to the Charts sheet, or clear the cell"


@rule(
    "chart-mixed-units",
    "chart-single-value",
    "chart-as-at-missing",
    "chart-duplicate-point",
    "chart-too-many-series",
    "chart-crowded",
)
def drawable_charts(context: Context) -> Iterator[Finding]:
    """A chart compares like with like on one scale: one unit, two or more values, each in its own place, few series."""
    edition = context.edition
    for chart in edition.charts:
        metrics = chart_metrics(edition, chart)
        if not metrics:
            continue
        first = metrics[0]
        for metric in metrics[1:]:
            if _unit(metric) != _unit(first):
                yield error(
                    "chart-mixed-units",
                    f"chart {chart.group} mixes units: {metric.id} is a "
                    f"{_unit(metric)} but {first.id} is a {_unit(first)}; one axis cannot show both, so "
                    "move this figure to a chart of its own or clear its Chart cell",
                    _cell(metric, "Unit"),
                )
        if len(metrics) == 1:
            yield warning(
                "chart-single-value",
                f"chart {chart.group} has only one figure ({first.id}); a chart "
                "needs two or more to compare, so add figures or cite this one in the text instead",
                _chart_cell(chart, "Group"),
            )
        dates = chart_dates(metrics)
        if len(dates) >= 2:
            shown = ", ".join(long_date(d) for d in dates[:4])
            for metric in metrics:
                if metric.as_at is None:
                    yield error(
                        "chart-as-at-missing",
                        f"chart {chart.group} compares figures at different dates "
                        f"({shown}), but {metric.id} has none; give it an As at date",
                        _cell(metric, "As at"),
                    )
        yield from _duplicate_points(chart, metrics, by_date=len(dates) >= 2)
        data = chart_data(edition, chart)
        if data is not None and len(data.series) > len(PALETTE):
            names = ", ".join(series.name for series in data.series)
            yield warning(
                "chart-too-many-series",
                f"chart {chart.group} has {len(data.series)} series ({names}); "
                f"past {len(PALETTE)}, colours and patterns repeat and readers cannot tell them apart, "
                "so split it into two charts",
                _chart_cell(chart, "Group"),
            )
        if data is not None and len(data.categories) > MAX_CATEGORIES:
            yield warning(
                "chart-crowded",
                f"chart {chart.group} has {len(data.categories)} {data.axis.lower()} "
                f"values along its axis; past {MAX_CATEGORIES} their labels crowd and overlap, so split "
                "the chart or show fewer groups (the data table still lists every figure)",
                _chart_cell(chart, "Group"),
            )


def _duplicate_points(chart: Chart, metrics: list[Metric], by_date: bool) -> Iterator[Finding]:
    """Two figures with the same Category, Label and date (where dates matter) would be drawn on top of each other.

    Figures about one Category with different Labels are different measures of it, each drawn as
    its own bar, so only a real repeat is refused.
    """
    seen: dict[tuple, Metric] = {}
    for metric in metrics:
        key = (*point_key(metric), metric.as_at if by_date else None)
        if key in seen:
            earlier = seen[key]
            when = f" at {long_date(metric.as_at)}" if by_date and metric.as_at else ""
            column = "Category" if metric.category else "Label"
            what = (
                f"'{name_of(metric)}' measuring '{measure_of(metric)}'" if metric.category else f"'{name_of(metric)}'"
            )
            yield error(
                "chart-duplicate-point",
                f"{metric.id} and {earlier.id} are both {what}{when} in chart "
                f"{chart.group} (the same Category, Label{' and As at' if by_date else ''}), so only "
                f"{earlier.id} would be drawn; correct whichever of those cells is wrong, delete the "
                "repeated row, or move one figure to another chart",
                _cell(metric, column),
            )
        else:
            seen[key] = metric
