"""The house look of a chart: colours, patterns, markers, sizes and the Lato faces, all fixed here."""

from __future__ import annotations

from functools import lru_cache

from ..runtime.fonts import FAMILY, font_faces

# Each colour has at least 3:1 contrast with the white background, and their lightness
# differs so neighbouring series stay apart when printed in grey; the patterns and
# markers below still tell series apart where colour cannot.
PALETTE = ("#12436D", "#28A197", "#C0510F", "#801650")
HATCHES = ("", "///", "...", "xxx")
MARKERS = ("o", "s", "^", "D")
LINE_STYLES = ("-", "--", ":", "-.")
BACKGROUND = "#FFFFFF"
TEXT = "#0B0C0C"
MUTED = "#505A5F"  # axis lines, ticks and the source note: 7:1 on white
GRID = "#D9DCDE"

WIDTH_CM = 16.0
# The phone drawing: as wide as a 390 px screen's text column (about 360 px), so its 9 pt words
# stay 12 CSS px or more; the web page swaps it in under 42em wide (screen.css).
NARROW_WIDTH_CM = 8.8
NARROW_LINE_HEIGHT_CM = 7.5
NARROW_WRAP_CHARACTERS = 18
MAX_HEIGHT_CM = 24.0  # a page of A4 inside its margins; validation warns long before a chart needs more
MAX_CATEGORIES = 30  # beyond this the labels along the axis crowd (chart-crowded)
LINE_HEIGHT_CM = 8.5
BAR_CM = 0.62  # height of one bar in a horizontal bar chart
GROUP_GAP_CM = 0.35
FONT_PT = 9.0
SMALL_PT = 9.0  # the source note: no smaller than the labels, so nothing falls under 12 px on screen
PNG_DPI = 300
WRAP_CHARACTERS = 28  # category names wrap beyond this
LEGEND_WRAP_CHARACTERS = 48
LINE_CM = 0.36  # one line of 9 pt text
# Behind a line chart's value labels: tight, so it covers no marker or neighbouring label.
LABEL_BOX = {"boxstyle": "square,pad=0.1", "facecolor": BACKGROUND, "edgecolor": "none"}

# matplotlib measures every text with a face from these files, never looked up by name. The
# SVG keeps text as <text> (glyph outlines cost WeasyPrint ~0.7 s and the page 4-10x the bytes)
# naming Lato, which the HTML page and the PDF both supply through @font-face; "sans-serif"
# is the generic fallback, and naming only Lato under it keeps matplotlib from listing DejaVu.
RC = {
    "svg.fonttype": "none",
    "font.family": ["sans-serif"],
    "font.sans-serif": [FAMILY],
    "svg.hashsalt": "reportgen",
    "svg.image_inline": True,
    "text.parse_math": False,  # a '$' in a category is a dollar sign, not mathematics
    "text.usetex": False,
    "axes.unicode_minus": False,
    "hatch.linewidth": 1.0,
    "hatch.color": BACKGROUND,
    "path.simplify": False,
    "figure.dpi": 100,
}


def colour(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def hatch(index: int) -> str:
    return HATCHES[index % len(HATCHES)]


def marker(index: int) -> str:
    return MARKERS[index % len(MARKERS)]


def line_style(index: int) -> str:
    return LINE_STYLES[index % len(LINE_STYLES)]


@lru_cache(maxsize=8)
def font(size: float = FONT_PT, bold: bool = False):
    """A FontProperties naming the Lato file itself, for measuring, and its family and weight, for the SVG."""
    from matplotlib.font_manager import FontProperties

    wanted = "bold" if bold else "normal"
    face = next(f for f in font_faces() if f.weight == wanted and f.style == "normal")
    return FontProperties(family=[FAMILY, "sans-serif"], weight=wanted, fname=str(face.path), size=size)
