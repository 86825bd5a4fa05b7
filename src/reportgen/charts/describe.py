"""A chart in words: the text alternative written from its figures, and its data table."""

from __future__ import annotations

from ..core.model import Chart, Edition
from ..core.wording import metric_text, unit_noun
from .data import ChartData

KIND_NAMES = {"bar": "Bar chart", "line": "Line chart"}
_AXIS_NOUNS = {
    "Category": ("category", "categories"),
    "Figure": ("figure", "figures"),
    "As at": ("date", "dates"),
    "Measure": ("measure", "measures"),
}


def data_table(data: ChartData) -> tuple[tuple[str, ...], ...]:
    """The figures as rows of text; the first row is the header row."""
    if data.simple:
        header = (data.axis, data.measure) + ((f"Share of {data.share_of}",) if data.shares else ())
        rows = []
        for index, category in enumerate(data.categories):
            row = (category, data.formatted(data.series[0].values[index]))
            rows.append(row + ((data.shares[index],) if data.shares else ()))
        return (header, *rows)
    header = (data.axis, *(series.name for series in data.series))
    rows = [
        (category, *(data.formatted(series.values[index]) for series in data.series))
        for index, category in enumerate(data.categories)
    ]
    return (header, *rows)


def text_alternative(edition: Edition, chart: Chart, data: ChartData) -> str:
    """The Description when the officer wrote one; otherwise what is compared, every value, the largest and smallest."""
    if chart.description is not None and not chart.description.is_empty:
        written = chart.description.plain_text(lambda ref: metric_text(edition, ref))
        return " ".join(written.split())
    return written_alternative(data)


def written_alternative(data: ChartData) -> str:
    sentences = [f"{KIND_NAMES.get(data.kind, 'Chart')}: {_sentence(data.title)}"]
    singular, plural = _AXIS_NOUNS.get(data.axis, ("category", "categories"))
    count = len(data.categories)
    nouns = f"one {singular}" if count == 1 else f"{count} {plural}"
    # The Label the figures share says what they measure; a unit's name alone would say nothing.
    subject = "" if data.measure == _unit_measure(data) else data.measure
    if data.simple:
        series = data.series[0]
        items = []
        for index, category in enumerate(data.categories):
            value = data.formatted(series.values[index])
            if data.shares:
                value += f" ({data.shares[index]}{' of ' + data.share_of if index == 0 else ''})"
            items.append(f"{category}: {value}")
        lead = f"{subject}, compared across {nouns}" if subject else f"It compares {nouns}"
        sentences.append(f"{lead}: {'; '.join(items)}.")
    else:
        series_count = len(data.series)
        if data.by_date:
            span = f"{series_count} series over {nouns}, from {data.categories[0]} to {data.categories[-1]}"
            sentences.append(f"{subject} for {span}." if subject else f"It follows {span}.")
        elif data.series_are == "measures":
            measures = _and([series.name for series in data.series])
            span = f"{nouns} on {series_count} measures, {measures}"
            sentences.append(f"{subject} for {span}." if subject else f"It compares {span}.")
        else:
            dates = _and([series.name for series in data.series])
            span = f"{nouns} at {series_count} dates, {dates}"
            sentences.append(f"{subject} for {span}." if subject else f"It compares {span}.")
        for series in data.series:
            items = [
                f"{category}: {data.formatted(value)}"
                for category, value in zip(data.categories, series.values)
                if value is not None
            ]
            sentences.append(f"{series.name}: {'; '.join(items)}.")
    extremes = _extremes(data)
    if extremes:
        sentences.append(extremes)
    if data.source_note:
        sentences.append(f"Source: {_sentence(data.source_note)}")
    return " ".join(sentences)


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _unit_measure(data: ChartData) -> str:
    return unit_noun(data.unit)


def _point_name(data: ChartData, series: str, category: str) -> str:
    if data.simple:
        return category
    if data.by_date:
        return f"{series} at {category}"
    if data.series_are == "measures":
        return f"{category}, {series}"
    return f"{category} at {series}"


def _extremes(data: ChartData) -> str:
    points = list(data.points())
    if len(points) < 2:
        return ""
    values = [value for _, _, value in points]
    high, low = max(values), min(values)
    if high == low:
        return f"All {len(points)} figures are {data.formatted(high)}."

    def named(target: float) -> tuple[str, str]:
        names = [_point_name(data, s, c) for s, c, v in points if v == target]
        verb = "is" if len(names) == 1 else "are"
        return verb, f"{_and(names)} ({data.formatted(target)})"

    high_verb, high_text = named(high)
    low_verb, low_text = named(low)
    return f"The largest {high_verb} {high_text}; the smallest {low_verb} {low_text}."


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if text.endswith((".", "?", "!")) else text + "."
