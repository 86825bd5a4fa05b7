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

from ..core.wording import format_axis
from ..runtime.fonts import font_faces
from . import style
from .data import ChartData
from .fallback import give_fallback_fonts, glyph_warnings_quiet
from .svg import id_prefix, tidy_svg

CM_PER_INCH = 2.54


def draw(data: ChartData) -> tuple[str, bytes, float, float]:
    """(SVG text, PNG bytes, width in cm, height in cm) for one chart."""
    svg, width, height = draw_svg(data)
    return svg, draw_png(data), width, height


def width_cm(narrow: bool = False) -> float:
    return style.NARROW_WIDTH_CM if narrow else style.WIDTH_CM


def clear_cache() -> None:
    """Forget every drawing, so the next request draws afresh (tests prove drawings repeat)."""
    for cached in (draw_svg, draw_png, _figure):
        cached.cache_clear()


@lru_cache(maxsize=64)
def draw_svg(data: ChartData, narrow: bool = False) -> tuple[str, float, float]:
    """(SVG text, width in cm, height in cm): the drawing the web page and the PDF place.

    `narrow` draws it for a phone: narrower, names wrapped shorter, the words the same size,
    so they are not shrunk with the drawing. Cached on the chart's figures, because one build
    places every chart in each format.
    """
    import matplotlib

    figure = _figure(data, narrow)
    svg = io.BytesIO()
    with matplotlib.rc_context(style.RC):
        figure.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
    prefix = id_prefix(data.group) + ("n" if narrow else "")
    return tidy_svg(svg.getvalue().decode("utf-8"), prefix), width_cm(narrow), _height_cm(data, narrow)


@lru_cache(maxsize=64)
def draw_png(data: ChartData) -> bytes:
    """A 300 dpi PNG of the same drawing, for Word.

    Apart from the SVG because only the DOCX needs it and it costs half the drawing time:
    the PDF's process starts as soon as the SVGs exist.
    """
    import matplotlib

    figure = _figure(data, False)  # the same cache key as draw_svg's, so the figure is laid out once
    png = io.BytesIO()
    with matplotlib.rc_context(style.RC):  # hatch colour and width are read as the picture is drawn
        figure.savefig(png, format="png", dpi=style.PNG_DPI, metadata={"Software": None})
    return png.getvalue()


@lru_cache(maxsize=16)
def _figure(data: ChartData, narrow: bool = False):
    """The laid-out matplotlib Figure, kept so the SVG and the PNG come from one drawing."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    with matplotlib.rc_context(style.RC), glyph_warnings_quiet():
        width, height = width_cm(narrow), _height_cm(data, narrow)
        figure = Figure(
            figsize=(width / CM_PER_INCH, height / CM_PER_INCH), facecolor=style.BACKGROUND, layout="constrained"
        )
        FigureCanvasAgg(figure)  # measuring labels needs a renderer; Agg is matplotlib's own
        axes = figure.add_subplot()
        if data.source_note:  # before the chart itself, whose label placement fixes the layout
            figure.supxlabel(
                f"Source: {data.source_note}",
                x=0.0,
                ha="left",
                color=style.MUTED,
                fontproperties=style.font(style.SMALL_PT),
                wrap=True,
            )
        if data.kind == "line":
            _line(figure, axes, data, narrow)
        else:
            _bars(figure, axes, data, narrow)
        _house_font(figure)
        give_fallback_fonts(figure)  # for what Lato cannot draw: Chinese, Devanagari...
    return figure


def _house_font(figure) -> None:
    """Give Lato to any text matplotlib made on its own (it would otherwise look a font up by name)."""
    from matplotlib.text import Text

    lato = {str(face.path) for face in font_faces()}
    for text in figure.findobj(Text):
        properties = text.get_fontproperties()
        if text.get_text() and properties.get_file() not in lato:
            text.set_fontproperties(
                style.font(properties.get_size_in_points(), bold=properties.get_weight() in ("bold", 700))
            )


def _height_cm(data: ChartData, narrow: bool = False) -> float:
    source_lines = len(textwrap.wrap(f"Source: {data.source_note}", 48 if narrow else 90)) if data.source_note else 0
    extra = _legend_cm(data, narrow) + (0.25 + style.LINE_CM * source_lines if source_lines else 0.0)
    if data.kind == "line":
        return round((style.NARROW_LINE_HEIGHT_CM if narrow else style.LINE_HEIGHT_CM) + extra, 2)
    lines = max((len(_wrap(name, narrow).splitlines()) for name in _ticks(data)), default=1)
    per_group = max(len(data.series) * style.BAR_CM, style.LINE_CM * lines) + style.GROUP_GAP_CM
    return round(min(style.MAX_HEIGHT_CM, max(4.0, 1.0 + per_group * len(data.categories) + extra)), 2)


def _legend_cm(data: ChartData, narrow: bool = False) -> float:
    if data.simple:
        return 0.0
    names = [_wrap_legend(s.name or data.measure, narrow) for s in data.series]
    columns = legend_columns(names, narrow)
    rows = [names[i : i + columns] for i in range(0, len(names), columns)]
    return 0.3 + sum(max(len(n.splitlines()) for n in row) * style.LINE_CM + 0.12 for row in rows)


def _wrap_legend(text: str, narrow: bool = False) -> str:
    characters = style.NARROW_WRAP_CHARACTERS + 10 if narrow else style.LEGEND_WRAP_CHARACTERS
    return "\n".join(textwrap.wrap(text, characters, break_on_hyphens=False)) or text


def _wrap(text: str, narrow: bool = False) -> str:
    characters = style.NARROW_WRAP_CHARACTERS if narrow else style.WRAP_CHARACTERS
    return "\n".join(textwrap.wrap(text, characters, break_on_hyphens=False)) or text


def _ticks(data: ChartData) -> tuple[str, ...]:
    """What the axis names: dates written in full, as the text and the data table write them."""
    return data.categories if data.by_date and data.kind == "line" else data.ticks


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


def legend_columns(names: list[str], narrow: bool = False) -> int:
    """As many legend entries a row as fit across the chart: three short names, two longer, one long."""
    longest = max((len(line) for name in names for line in name.splitlines()), default=0)
    if narrow:
        fit = 2 if longest <= 12 else 1
    else:
        fit = 3 if longest <= 22 else 2 if longest <= 38 else 1
    return max(1, min(len(names), fit))


def _legend(axes, handles, narrow: bool = False) -> None:
    for handle in handles:
        handle.set_label(_wrap_legend(handle.get_label(), narrow))
    legend = axes.legend(
        handles=handles,
        loc="lower left",
        bbox_to_anchor=(0.0, 1.02),
        ncols=legend_columns([h.get_label() for h in handles], narrow),
        frameon=False,
        prop=style.font(),
        handlelength=2.6,
        borderaxespad=0.0,
    )
    for text in legend.get_texts():
        text.set_color(style.TEXT)


def _bars(figure, axes, data: ChartData, narrow: bool = False) -> None:
    """Horizontal bars, read top to bottom in table order, each labelled with its value at its end."""
    count = len(data.series)
    step = 1.0 / (count + 0.6)
    positions = range(len(data.categories))
    containers = []
    for index, series in enumerate(data.series):
        offsets = [p + (index - (count - 1) / 2) * step for p in positions]
        values = [0.0 if v is None else v for v in series.values]
        bars = axes.barh(
            offsets,
            values,
            height=step * 0.92,
            color=style.colour(index),
            hatch=style.hatch(index),
            edgecolor=style.BACKGROUND if count > 1 else style.colour(index),
            linewidth=0.6,
            label=series.name or data.measure,
            zorder=2,
        )
        labels = ["" if v is None else data.formatted(v) for v in series.values]
        texts = axes.bar_label(bars, labels=labels, padding=3, color=style.TEXT, fontproperties=style.font())
        containers.append(texts)
    axes.set_yticks(list(positions), [_wrap(t, narrow) for t in _ticks(data)])
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
        _legend(axes, _bar_handles(data), narrow)
    _fit_labels(figure, axes, [t for texts in containers for t in texts])


def _bar_handles(data: ChartData):
    from matplotlib.patches import Patch

    return [
        Patch(facecolor=style.colour(i), hatch=style.hatch(i), edgecolor=style.BACKGROUND, label=s.name)
        for i, s in enumerate(data.series)
    ]


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
        axes.set_xlim(
            left - overflow_left * per_pixel * 1.15 if overflow_left > 0 else left,
            right + overflow_right * per_pixel * 1.15 + (right - left) * 0.01,
        )


def _line(figure, axes, data: ChartData, narrow: bool = False) -> None:
    """One line a series with its own marker and dash, its points labelled with their values."""
    from matplotlib.lines import Line2D

    positions = list(range(len(data.categories)))
    handles = []
    for index, series in enumerate(data.series):
        xs = [p for p, v in zip(positions, series.values) if v is not None]
        ys = [v for v in series.values if v is not None]
        axes.plot(
            xs,
            ys,
            color=style.colour(index),
            linestyle=style.line_style(index),
            linewidth=2.0,
            marker=style.marker(index),
            markersize=6.5,
            markerfacecolor=style.colour(index),
            markeredgecolor=style.BACKGROUND,
            markeredgewidth=0.8,
            zorder=3,
            clip_on=False,
        )
        handles.append(
            Line2D(
                [],
                [],
                color=style.colour(index),
                linestyle=style.line_style(index),
                linewidth=2.0,
                marker=style.marker(index),
                markersize=6.5,
                markeredgecolor=style.BACKGROUND,
                label=series.name or data.measure,
            )
        )
    crowded = len(data.series) > 2
    axes.set_xticks(positions, [_date_tick(t, len(positions), narrow) for t in _ticks(data)])
    # Crowded labels sit to the right of their points, so the last date needs room after it.
    axes.set_xlim(-0.4, len(positions) - (0.25 if crowded else 0.6))
    values = [v for _, _, v in data.points()]
    bottom, top, ticks = value_axis(values, data.unit)
    axes.set_ylim(bottom, top)
    axes.set_yticks(ticks, [format_axis(t, data.unit) for t in ticks])
    axes.grid(axis="y", color=style.GRID, linewidth=0.6, zorder=0)
    axes.set_axisbelow(True)
    _plain_axes(axes)
    axes.spines["left"].set_visible(False)
    axes.tick_params(axis="y", length=0)
    _label_ticks(axes.get_xticklabels())
    _label_ticks(axes.get_yticklabels())
    if len(data.series) > 1:
        _legend(axes, handles, narrow)
    # Labels are placed once the layout is final, because keeping them apart is measured on the page.
    figure.draw_without_rendering()
    figure.set_layout_engine("none")
    # With many points, labelling each would bury the lines; the last value of each line is kept.
    every_point = len(positions) * len(data.series) <= 24
    for position in positions:
        _label_points(axes, data, position, only_last=not every_point)


def value_axis(values: list[float], unit: str) -> tuple[float, float, list[float]]:
    """(bottom, top, ticks) of a line chart's value axis: the ticks run past every value, so the
    axis never stops short of a point (a 62% under a top tick of 60%), with room above the highest
    point for its label; a percentage axis stops at 100% when every value does."""
    from matplotlib.ticker import MaxNLocator

    high, low = max(values + [0.0]), min(values + [0.0])
    span = (high - low) or 1.0
    bottom = 0.0 if low >= 0 else low - span * 0.15
    room = high + span * 0.12  # the highest value's label sits above its point
    ceiling = 100.0 if unit == "percent" and high <= 100 else None
    wanted = min(room, ceiling) if ceiling is not None else room
    ticks = [
        t
        for t in MaxNLocator(nbins=5, steps=[1, 2, 2.5, 5, 10], min_n_ticks=3).tick_values(bottom, wanted)
        if t >= bottom - 1e-9
    ]
    while ticks and len(ticks) > 1 and ticks[-2] >= wanted:
        ticks.pop()  # the locator may add a tick beyond the one that already covers everything
    if ceiling is not None:
        ticks = [t for t in ticks if t <= ceiling] or [bottom, ceiling]
        if ticks[-1] < high:
            ticks.append(ceiling)
    top = max(ticks[-1], room if ceiling is None else min(room, max(ticks[-1], ceiling)))
    return bottom, top, ticks


def _date_tick(text: str, count: int, narrow: bool = False) -> str:
    """'31 March 2021', broken before the year when many dates share the axis, or on a phone."""
    if (count > 6 or narrow and count > 2 or len(text) > 14 and count > 3) and text[-4:].isdigit() and " " in text:
        return text[:-5] + "\n" + text[-4:]
    return _wrap(text, narrow)


def _label_points(axes, data: ChartData, position: int, only_last: bool) -> None:
    """Value labels at one point on the axis.

    One or two series: the higher label above its point, the lower below. More: labels to
    the right of their points, pushed apart until no two overlap.
    """
    here = []
    for index, series in enumerate(data.series):
        value = series.values[position]
        last = all(v is None for v in series.values[position + 1 :])
        if value is not None and (last or not only_last):
            here.append((value, index))
    here.sort(key=lambda item: (-item[0], item[1]))
    if not here:
        return
    if len(data.series) <= 2:
        for rank, (value, _) in enumerate(here):
            below = rank == 1 or (len(here) == 1 and len(data.series) == 2 and _is_lower(data, position, value))
            _value_label(axes, data, position, value, (0, -11 if below else 9), "center")
        return
    points_per_pixel = 72.0 / axes.figure.dpi
    to_pixels = axes.transData.transform
    wanted = [to_pixels((position, value))[1] for value, _ in here]  # top to bottom
    gap = (style.FONT_PT * 1.25) / points_per_pixel
    placed: list[float] = []
    for y in wanted:
        placed.append(min(y, placed[-1] - gap) if placed else y)
    floor = axes.get_window_extent().y0 + gap / 2
    if placed[-1] < floor:  # pushed below the axis: move the whole column up
        shift = floor - placed[-1]
        placed = [y + shift for y in placed]
    for (value, _), y_point, y_label in zip(here, wanted, placed):
        _value_label(axes, data, position, value, (8, (y_label - y_point) * points_per_pixel), "left")


def _is_lower(data: ChartData, position: int, value: float) -> bool:
    others = [s.values[position] for s in data.series if s.values[position] is not None]
    return len(others) > 1 and value == min(others)


def _value_label(axes, data: ChartData, position: int, value: float, offset, align: str) -> None:
    # A white box keeps the label readable where it crosses a line or a grid line. A halo (a
    # path effect) would do the same but makes matplotlib write the label as outlines, not text.
    axes.annotate(
        data.formatted(value),
        (position, value),
        xytext=offset,
        textcoords="offset points",
        ha=align,
        va="center",
        color=style.TEXT,
        fontproperties=style.font(),
        zorder=4,
        annotation_clip=False,
        bbox=style.LABEL_BOX,
    )
