"""Charts from the Metrics and Charts sheets, drawn once for every writer with their words and data.

`chart_figures(edition)` is the whole public interface: the build's outline step
(outline/outlined.py) calls it once and places each ChartFigure (its drawing, text
alternative and data table) in the outline; the writers never draw or describe a chart
themselves (the PNG for Word and the phone drawing are made on first use, from the same data).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.errors import ReportgenError
from ..core.model import Chapter, Edition
from .data import ChartData, chart_data
from .describe import data_table, text_alternative
from .store import stored_png, stored_svg

__all__ = ["ChartFigure", "chart_figures", "ChartData", "chart_data"]


@dataclass(frozen=True)
class ChartFigure:
    group: str
    title: str
    chapter: Chapter | None  # None places the chart in the closing "Data" section
    svg: str  # an <svg> element as text, for HTML and PDF
    alt: str  # the text alternative: the Description, or written from the figures
    table: tuple[tuple[str, ...], ...]  # the figures; the first row is the header row
    width_cm: float
    height_cm: float
    data: ChartData  # what was drawn; the PNG is made from it only when a DOCX asks

    @property
    def svg_narrow(self) -> str:
        """The same chart drawn for a phone's width, its words kept at 12 CSS px or more; the web page
        shows it under 42em wide. Drawn on first use: only the HTML page needs it."""
        try:
            return stored_svg(self.data, _draw_svg_narrow, form="svg-narrow")[0]
        except (ValueError, ArithmeticError, RuntimeError) as exc:
            raise ReportgenError(
                f"Charts: chart {self.group!r} could not be drawn for narrow screens ({exc}); "
                f"check its figures on the Metrics sheet"
            ) from None

    @property
    def png(self) -> bytes:
        """A sharp raster of the same drawing, for DOCX."""
        try:
            return stored_png(self.data, _draw_png)
        except (ValueError, ArithmeticError, RuntimeError) as exc:
            raise ReportgenError(
                f"Charts: chart {self.group!r} could not be drawn as a picture for Word "
                f"({exc}); check its figures on the Metrics sheet"
            ) from None


def chart_figures(edition: Edition) -> list[ChartFigure]:
    """Every chart on the Charts sheet that has figures, in row order.

    A chart no Metrics row names has nothing to draw and is left out; validation warns
    about it (chart-unused), so it is never dropped silently.
    """
    figures = []
    for chart in edition.charts:
        data = chart_data(edition, chart)
        if data is None:
            continue
        svg, width, height = _draw(data, chart)
        figures.append(
            ChartFigure(
                group=chart.group,
                title=data.title,
                chapter=edition.find_chapter(chart.chapter),
                svg=svg,
                alt=text_alternative(edition, chart, data),
                table=data_table(data),
                width_cm=width,
                height_cm=height,
                data=data,
            )
        )
    return figures


def _draw_png(data: ChartData) -> bytes:
    from .draw import draw_png

    return draw_png(data)


def _draw_svg(data: ChartData) -> tuple[str, float, float]:
    try:
        from .draw import draw_svg
    except ImportError as exc:
        raise ReportgenError(f"Charts: matplotlib is needed to draw chart {data.group!r} ({exc})") from None
    return draw_svg(data)


def _draw_svg_narrow(data: ChartData) -> tuple[str, float, float]:
    from .draw import draw_svg

    return draw_svg(data, narrow=True)


def _draw(data: ChartData, chart) -> tuple[str, float, float]:
    # A drawing already in the cache costs neither matplotlib's import nor its drawing.
    try:
        return stored_svg(data, _draw_svg)
    except (ValueError, ArithmeticError, RuntimeError) as exc:
        # Validation keeps unusable figures out, so this is a figure matplotlib itself cannot lay out.
        place = chart.cells.get("group", chart.source).describe()
        raise ReportgenError(
            f"{place}: chart {data.group!r} could not be drawn ({exc}); check its figures on the Metrics sheet"
        ) from None
