"""A chart's figures arranged for drawing and describing: categories, series and values, from the Metrics sheet.

How rows become a chart (docs/metrics-and-charts.md says the same for officers):
- Every Metrics row whose Chart names the group is one value; it is named by its
  Category, or by its Label when it has no Category.
- When the figures carry two or more different As at dates, the dates matter: a line
  chart runs along the dates with one line per name, and a bar chart groups the bars by
  name with one bar per date.
- Otherwise there is one series: a bar per name, or a line through the names in row order.
- Figures about one Category with different Labels measure different things about the same
  group (two survey questions both answered by "All Londoners"): each measure gets its own
  bar, named by its Label. With one Category the bars are the measures; with several, each
  Category has a bar per measure and a legend names the measures. Over dates, each measure of
  each Category is a line (or a group of bars) of its own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..core.model import Chart, Edition, Metric
from ..core.wording import format_share, format_value, long_date, share, short_date, unit_noun

NO_DATE = "Date not given"
NO_FIGURE = "No figure"


@dataclass(frozen=True)
class Series:
    name: str  # "" for the only series of a simple chart
    values: tuple[float | None, ...]  # one per category; None where the series has no figure


@dataclass(frozen=True)
class ChartData:
    """Everything the drawing, the text alternative and the data table need; hashable, so drawings can be cached."""

    group: str
    title: str
    kind: str  # "bar" or "line"
    unit: str
    axis: str  # what the categories are: "Category", "Figure" or "As at"
    categories: tuple[str, ...]  # as printed in the table and the text alternative
    ticks: tuple[str, ...]  # as printed on the chart's axis (dates shortened)
    series: tuple[Series, ...]
    measure: str  # what the values measure: the Label they share, else the unit's name
    # What the series of a chart of several are, when they are not laid along dates: "dates" or "measures".
    series_are: str = "dates"
    shares: tuple[str, ...] = ()  # each category's share of its total, for a simple chart of counts
    share_of: str = ""  # what the shares are of: "police officers", or "the total" when totals differ
    source_note: str = ""  # the Source the figures share, else ""

    @property
    def simple(self) -> bool:
        return len(self.series) == 1

    @property
    def by_date(self) -> bool:
        return self.axis == "As at"

    def formatted(self, value: float | None) -> str:
        return NO_FIGURE if value is None else format_value(value, self.unit)

    def points(self):
        """(series name, category, value) for every value present, series by series."""
        for series in self.series:
            for category, value in zip(self.categories, series.values):
                if value is not None:
                    yield series.name, category, value


def chart_metrics(edition: Edition, chart: Chart) -> list[Metric]:
    """The Metrics rows drawn in `chart`, in row order; rows without a number are left out."""
    key = chart.group.strip().casefold()
    return [m for m in edition.metrics if m.chart and m.chart.strip().casefold() == key and m.value is not None]


def name_of(metric: Metric) -> str:
    return " ".join((metric.category or metric.label or metric.id).split())


def measure_of(metric: Metric) -> str:
    """What the figure measures: its Label (its ID when it has none)."""
    return " ".join((metric.label or metric.id).split())


def several_measures(metrics: list[Metric]) -> bool:
    """Whether some Category carries figures with different Labels: several measures of one group."""
    labels: dict[str, set[str]] = {}
    for metric in metrics:
        if metric.category and metric.category.strip():
            labels.setdefault(name_of(metric).casefold(), set()).add(measure_of(metric).casefold())
    return any(len(found) > 1 for found in labels.values())


def point_key(metric: Metric) -> tuple[str, str]:
    """Where a figure sits in any chart, dates aside: its Category and its Label. Two figures with the same
    key (and date, where dates matter) would be drawn on top of each other."""
    return name_of(metric).casefold(), measure_of(metric).casefold()


def chart_dates(metrics: list[Metric]) -> list[dt.date]:
    return sorted({m.as_at for m in metrics if m.as_at is not None})


def chart_data(edition: Edition, chart: Chart) -> ChartData | None:
    """The chart's figures arranged for drawing; None when no Metrics row names the chart."""
    metrics = chart_metrics(edition, chart)
    if not metrics:
        return None
    kind = (chart.type or "bar").strip().casefold()
    kind = kind if kind in ("bar", "line") else "bar"
    dates = chart_dates(metrics)
    name_axis = "Category" if all(m.category for m in metrics) else "Figure"
    named = name_of
    multi = several_measures(metrics)
    groups = list(dict.fromkeys(name_of(m) for m in metrics))
    measures = list(dict.fromkeys(measure_of(m) for m in metrics))
    if multi and len(groups) > 1 and len(dates) >= 2:

        def named(metric: Metric) -> str:
            return f"{measure_of(metric)} ({name_of(metric)})" if metric.category else measure_of(metric)
    elif multi:
        named = measure_of
    names = list(dict.fromkeys(named(m) for m in metrics))
    series_are = "dates"

    if multi and len(dates) < 2 and len(groups) > 1:
        # Categories along the axis, a bar for each measure in each, named in the legend.
        categories, series_names, axis, ticks = groups, measures, name_axis, groups
        position = {id(m): (name_of(m), measure_of(m)) for m in metrics}
        series_are = "measures"
    elif multi and len(dates) < 2:
        # One group, several measures: a bar per measure, named by its Label.
        categories, series_names, axis, ticks = measures, [""], "Measure", measures
        position = {id(m): (measure_of(m), "") for m in metrics}
    elif len(dates) >= 2:
        date_labels = [long_date(d) for d in dates] + ([NO_DATE] if any(m.as_at is None for m in metrics) else [])
        date_of = {id(m): long_date(m.as_at) if m.as_at else NO_DATE for m in metrics}
        if kind == "line":
            categories, series_names, axis = date_labels, names, "As at"
            ticks = [short_date(d) for d in dates] + date_labels[len(dates) :]
            position = {id(m): (date_of[id(m)], named(m)) for m in metrics}
        else:
            categories, series_names, axis = names, date_labels, name_axis if not multi else "Measure"
            ticks = names
            position = {id(m): (named(m), date_of[id(m)]) for m in metrics}
    else:
        categories, series_names, axis, ticks = names, [""], name_axis, names
        position = {id(m): (name_of(m), "") for m in metrics}

    placed: dict[tuple[str, str], Metric] = {}
    for metric in metrics:
        placed.setdefault(position[id(metric)], metric)  # a repeated point: the first row wins
    series = tuple(
        Series(name, tuple(float(placed[(c, name)].value) if (c, name) in placed else None for c in categories))
        for name in series_names
    )

    units = list(dict.fromkeys((m.unit or "").casefold() for m in metrics))
    labels = {" ".join(m.label.split()).casefold(): " ".join(m.label.split()) for m in metrics if m.label}
    measure = next(iter(labels.values())) if len(labels) == 1 and all(m.label for m in metrics) else unit_noun(units[0])
    if multi and len(groups) == 1:  # the measures are the bars or lines; what they share is the group
        measure = groups[0]
    if len(series) == 1 and series[0].name:  # one line over dates: its name would otherwise be lost
        named = series[0].name
        measure = (
            named
            if measure == unit_noun(units[0]) or measure.casefold() == named.casefold()
            else f"{measure} ({named})"
        )
    shares, share_of = (
        _shares(edition, [placed.get((c, series_names[0])) for c in categories]) if len(series) == 1 else ((), "")
    )
    notes = {(m.source_note or "").strip() for m in metrics}
    return ChartData(
        group=chart.group,
        title=chart.title or chart.group,
        kind=kind,
        unit=units[0],
        axis=axis,
        categories=tuple(categories),
        ticks=tuple(ticks),
        series=series,
        measure=measure,
        series_are=series_are,
        shares=shares,
        share_of=share_of,
        source_note=notes.pop() if len(notes) == 1 else "",
    )


def _shares(edition: Edition, counts: list[Metric | None]) -> tuple[tuple[str, ...], str]:
    """Each value's share of its total, when every value in a one-series chart is a count with a total."""
    computed = [share(edition, metric) if metric is not None else None for metric in counts]
    if not computed or any(value is None for value in computed):
        return (), ""
    totals = {metric.of.casefold() for metric in counts}
    share_of = "the total"
    if len(totals) == 1:
        total = edition.metric(counts[0].of)
        if total is not None and total.label:
            share_of = lower_first(total.label)
    return tuple(format_share(value) for value in computed), share_of


def lower_first(text: str) -> str:
    """'Police officers' -> 'police officers', but 'MPS officers' stays as it is."""
    text = " ".join(text.split())
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text
