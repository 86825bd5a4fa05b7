"""Charts drawn with matplotlib: SVG for the web page and the PDF, PNG for Word, the same picture in both.

matplotlib is used without pyplot (no global figure state) and inside an rc_context, so
drawing never changes settings for anyone else. Its SVG ids are salted with a fixed
string and neither format records a date or a version, so the same figures always give
the same bytes.
"""

from __future__ import annotations

import io
import textwrap
from functools import lru_cache

from ..metrics import format_axis
from . import style
from .data import ChartData
from .svg import id_prefix, tidy_svg

CM_PER_INCH = 2.54


@lru_cache(maxsize=64)
def draw(data: ChartData) -> tuple[str, bytes, float, float]:
    """(SVG text, PNG bytes, width in cm, height in cm) for one chart.

    Cached on the chart's figures, because one build draws every chart for each format.
    """
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    with matplotlib.rc_context(style.RC):
        width, height = style.WIDTH_CM, _height_cm(data)
        figure = Figure(figsize=(width / CM_PER_INCH, height / CM_PER_INCH), facecolor=style.BACKGROUND,
                        layout="constrained")
        FigureCanvasAgg(figure)  # measuring labels needs a renderer; Agg is matplotlib's own
        axes = figure.add_subplot()
        if data.kind == "line":
            _line(figure, axes, data)
        else:
            _bars(figure, axes, data)
        if data.source_note:
            figure.supxlabel(f"Source: {data.source_note}", x=0.0, ha="left", color=style.MUTED,
                             fontproperties=style.font(style.SMALL_PT), wrap=True)
        svg = io.BytesIO()
        figure.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
        png = io.BytesIO()
        figure.savefig(png, format="png", dpi=style.PNG_DPI, metadata={"Software": None})
    return tidy_svg(svg.getvalue().decode("utf-8"), id_prefix(data.group)), png.getvalue(), width, height


def _height_cm(data: ChartData) -> float:
    if data.kind == "line":
        return style.LINE_HEIGHT_CM
    lines = max((len(_wrap(name).splitlines()) for name in data.ticks), default=1)
    per_group = max(len(data.series) * style.BAR_CM, 0.42 * lines) + style.GROUP_GAP_CM
    extra = 0.9 if not data.simple else 0.0  # the legend
    extra += 0.6 if data.source_note else 0.0
    return round(max(4.0, 1.0 + per_group * len(data.categories) + extra), 2)


def _wrap(text: str) -> str:
    return "\n".join(textwrap.wrap(text, style.WRAP_CHARACTERS, break_on_hyphens=False)) or text


def _plain_axes(axes) -> None:
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        axes.spines[side].set_color(style.MUTED)
    axes.tick_params(colors=style.MUTED, labelcolor=style.TEXT, length=3)


def _label_ticks(labels) -> None:
    for label in labels:
        label.set_fontproperties(style.font())
        label.set_color(style.TEXT)


def _legend(axes, handles) -> None:
    legend = axes.legend(handles=handles, loc="lower left", bbox_to_anchor=(0.0, 1.02), ncols=min(len(handles), 3),
                         frameon=False, prop=style.font(), handlelength=2.6, borderaxespad=0.0)
    for text in legend.get_texts():
        text.set_color(style.TEXT)


def _bars(figure, axes, data: ChartData) -> None:
    """Horizontal bars, read top to bottom in table order, each labelled with its value at its end."""
    count = len(data.series)
    step = 1.0 / (count + 0.6)
    positions = range(len(data.categories))
    containers = []
    for index, series in enumerate(data.series):
        offsets = [p + (index - (count - 1) / 2) * step for p in positions]
        values = [0.0 if v is None else v for v in series.values]
        bars = axes.barh(offsets, values, height=step * 0.92, color=style.colour(index), hatch=style.hatch(index),
                         edgecolor=style.BACKGROUND if count > 1 else style.colour(index), linewidth=0.6,
                         label=series.name or data.measure, zorder=2)
        labels = ["" if v is None else data.formatted(v) for v in series.values]
        texts = axes.bar_label(bars, labels=labels, padding=3, color=style.TEXT, fontproperties=style.font())
        containers.append(texts)
    axes.set_yticks(list(positions), [_wrap(t) for t in data.ticks])
    axes.invert_yaxis()
    _plain_axes(axes)
    axes.spines["bottom"].set_visible(False)
    axes.spines["left"].set_visible(False)  # the zero line below is the baseline, wherever zero falls
    axes.tick_params(axis="x", bottom=False, labelbottom=False)
    axes.tick_params(axis="y", length=0, pad=6)
    _label_ticks(axes.get_yticklabels())
    low = min([0.0] + [v for _, _, v in data.points()])
    high = max([0.0] + [v for _, _, v in data.points()])
    axes.axvline(0, color=style.MUTED, linewidth=0.8, zorder=3)
    axes.set_xlim(low * 1.05 if low < 0 else 0.0, high if high > 0 else 1.0)
    if count > 1:
        _legend(axes, _bar_handles(data))
    _fit_labels(figure, axes, [t for texts in containers for t in texts])


def _bar_handles(data: ChartData):
    from matplotlib.patches import Patch

    return [Patch(facecolor=style.colour(i), hatch=style.hatch(i), edgecolor=style.BACKGROUND, label=s.name)
            for i, s in enumerate(data.series)]


def _fit_labels(figure, axes, texts) -> None:
    """Widen the value axis until every value label sits inside the drawing."""
    for _ in range(3):
        renderer = figure.canvas.get_renderer()
        figure.draw_without_rendering()
        box = axes.get_window_extent(renderer)
        overflow_right = max([t.get_window_extent(renderer).x1 - box.x1 for t in texts if t.get_text()] + [0.0])
        overflow_left = max([box.x0 - t.get_window_extent(renderer).x0 for t in texts if t.get_text()] + [0.0])
        if overflow_right <= 0 and overflow_left <= 0:
            return
        left, right = axes.get_xlim()
        per_pixel = (right - left) / max(box.width, 1.0)
        axes.set_xlim(left - overflow_left * per_pixel * 1.15 if overflow_left > 0 else left,
                      right + overflow_right * per_pixel * 1.15 + (right - left) * 0.01)


def _line(figure, axes, data: ChartData) -> None:
    """One line a series with its own marker and dash, every point labelled with its value."""
    from matplotlib.lines import Line2D
    from matplotlib.ticker import MaxNLocator

    positions = list(range(len(data.categories)))
    handles = []
    for index, series in enumerate(data.series):
        xs = [p for p, v in zip(positions, series.values) if v is not None]
        ys = [v for v in series.values if v is not None]
        axes.plot(xs, ys, color=style.colour(index), linestyle=style.line_style(index), linewidth=2.0,
                  marker=style.marker(index), markersize=6.5, markerfacecolor=style.colour(index),
                  markeredgecolor=style.BACKGROUND, markeredgewidth=0.8, zorder=3, clip_on=False)
        handles.append(Line2D([], [], color=style.colour(index), linestyle=style.line_style(index), linewidth=2.0,
                              marker=style.marker(index), markersize=6.5, markeredgecolor=style.BACKGROUND,
                              label=series.name or data.measure))
    for position in positions:
        _label_points(axes, data, position)
    axes.set_xticks(positions, [_wrap(t) for t in data.ticks])
    axes.set_xlim(-0.4, len(positions) - 0.6)
    values = [v for _, _, v in data.points()]
    high, low = max(values + [0.0]), min(values + [0.0])
    span = (high - low) or 1.0
    top = high + span * 0.18
    if data.unit == "percent" and high <= 100:
        top = min(top, 105.0)
    axes.set_ylim(0.0 if low >= 0 else low - span * 0.15, top)
    bottom, top = axes.get_ylim()
    ticks = [t for t in MaxNLocator(nbins=5, steps=[1, 2, 5, 10], min_n_ticks=3).tick_values(bottom, top) if bottom <= t <= top]
    axes.set_yticks(ticks, [format_axis(t, data.unit) for t in ticks])
    axes.grid(axis="y", color=style.GRID, linewidth=0.6, zorder=0)
    axes.set_axisbelow(True)
    _plain_axes(axes)
    axes.spines["left"].set_visible(False)
    axes.tick_params(axis="y", length=0)
    _label_ticks(axes.get_xticklabels())
    _label_ticks(axes.get_yticklabels())
    if len(data.series) > 1:
        _legend(axes, handles)


def _label_points(axes, data: ChartData, position: int) -> None:
    """Value labels at one date: the highest above its point, the lowest below, any others to the right."""
    from matplotlib import patheffects

    here = sorted(((series.values[position], index) for index, series in enumerate(data.series)
                   if series.values[position] is not None), key=lambda item: (-item[0], item[1]))
    for rank, (value, _) in enumerate(here):
        if rank == 0:
            offset, align = (0, 9), "center"
        elif rank == len(here) - 1:
            offset, align = (0, -11), "center"
        else:
            offset, align = (8, 0), "left"
        label = axes.annotate(data.formatted(value), (position, value), xytext=offset, textcoords="offset points",
                              ha=align, va="center", color=style.TEXT, fontproperties=style.font(), zorder=4)
        # A white halo keeps the label readable where it crosses a line or a grid line.
        label.set_path_effects([patheffects.withStroke(linewidth=3, foreground=style.BACKGROUND)])
