"""The edition as one HTML page, from the Jinja2 template; the HTML file and the PDF both start here."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from ...outline.document import Figure
from ...outline.outlined import OutlinedEdition
from ...runtime.fonts import FAMILY, font_faces
from .rich import rich_html
from .svg import safe_svg

TEMPLATE = "edition.html.j2"
SCREEN_CSS = ("edition.css", "screen.css")
PRINT_CSS = ("edition.css", "print.css")
# Where the @font-face rules go once the page's text is known (first occurrence: inside <head>).
FONT_SLOT = "/*reportgen:font-faces*/"


def templates_dir() -> Path:
    """The house templates and styles, shipped as the package reportgen.templates."""
    return Path(str(files("reportgen.templates"))).resolve()


@lru_cache(maxsize=1)
def environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(str(templates_dir())),
        autoescape=select_autoescape(enabled_extensions=("html", "j2"), default_for_string=True, default=True),
        undefined=StrictUndefined,
        trim_blocks=False,
        keep_trailing_newline=True,
    )


@lru_cache(maxsize=4)
def stylesheet(names: tuple[str, ...], inline_variables: bool = False) -> Markup:
    """The house CSS, read from templates/; it is our own file, so it is trusted as is.

    `inline_variables` replaces var(--name) with the value set on :root, which spares
    WeasyPrint about 5% of its work on a long edition; browsers get the variables as written.
    """
    text = "\n".join((templates_dir() / name).read_text(encoding="utf-8") for name in names)
    if "</" in text:
        raise ValueError("a stylesheet must not contain '</'; it is inlined in a <style> element")
    if inline_variables:
        values = dict(_ROOT_VARIABLE.findall(text))
        text = _VAR.sub(lambda m: values.get(m.group(1), m.group(0)), text)
    return Markup(text)


_ROOT_VARIABLE = re.compile(r"(--[\w-]+)\s*:\s*([^;{}]+?)\s*;")
_VAR = re.compile(r"var\(\s*(--[\w-]+)\s*\)")


def page_html(document: OutlinedEdition, medium: str) -> str:
    """The whole page. medium "screen": the published HTML file; "print": the PDF's source.

    Fonts are left to the caller through FONT_SLOT, because the web page embeds only the
    glyphs it prints, which are known only once the page is written.
    """
    edition = document.edition
    template = environment().get_template(TEMPLATE)
    return template.render(
        outline=document.outline,
        medium=medium,
        css=stylesheet(PRINT_CSS, inline_variables=True) if medium == "print" else stylesheet(SCREEN_CSS),
        font_css=Markup(FONT_SLOT),
        rich=lambda text: rich_html(text, edition),
        svg=_figure_svg,
        svg_narrow=_figure_svg_narrow,
    )


def _figure_svg(figure: Figure) -> Markup:
    chart = figure.chart
    return safe_svg(chart.svg, chart.alt or chart.title, name=f"Charts: chart {chart.group}", id_prefix=figure.anchor)


def _figure_svg_narrow(figure: Figure) -> Markup:
    """The phone drawing, or "" when the chart has none (the wide one then serves every width)."""
    chart = figure.chart
    svg = getattr(chart, "svg_narrow", None)
    if not svg:
        return Markup("")
    return safe_svg(
        svg, chart.alt or chart.title, name=f"Charts: chart {chart.group}", id_prefix=f"{figure.anchor}-narrow"
    )


def file_font_css() -> str:
    """@font-face rules naming the Lato files on disk: the PDF's fetcher serves exactly these."""
    return "\n".join(
        f'@font-face{{font-family:"{FAMILY}";font-weight:{face.weight};font-style:{face.style};'
        f'src:url("{face.path.resolve().as_uri()}")}}'
        for face in font_faces()
    )


def fill_fonts(html: str, font_css: str) -> str:
    return html.replace(FONT_SLOT, font_css, 1)
