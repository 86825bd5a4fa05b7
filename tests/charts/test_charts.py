"""Charts: how rows become a chart, the text alternative and table (golden), the drawing, each format's figure."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import re
import subprocess
import sys
import zipfile

import pikepdf
import pytest
from lxml import etree

from reportgen.charts import ChartFigure, chart_data, chart_figures, style
from reportgen.charts import draw as draw_module
from reportgen.core.model import Chart, Edition, Metric
from reportgen.outline.outlined import outline_edition
from reportgen.workbook.reader import load
from reportgen.writers import write_edition
from reportgen.writers.pdf.writer import source_html

from ..builders import make

SVG = "{http://www.w3.org/2000/svg}"
MARCH, JUNE, AUGUST = dt.date(2021, 3, 31), dt.date(2021, 6, 30), dt.date(2021, 8, 31)


def workforce(sheets) -> None:
    """Real figures (MPS officers, end of August 2021) in a chart in chapter 1, and a survey chart with no chapter."""
    officers = {"Unit": "count", "Of": "ALL", "As at": AUGUST, "Source": "MPS workforce data"}
    survey = {
        "Unit": "percent",
        "Chart": "SSO",
        "Label": "Support for Safer Schools Officers",
        "As at": JUNE,
        "Source": "MOPAC Public Attitude Survey",
    }
    sheets["Metrics"] = [
        {"ID": "ALL", "Label": "Police officers", "Value": 32920, "Unit": "count", "As at": AUGUST},
        {
            "ID": "BAME",
            "Label": "BAME officers",
            "Value": 5268,
            "Chart": "WORKFORCE",
            "Category": "Black, Asian and minority ethnic",
            **officers,
        },
        {
            "ID": "BLACK",
            "Label": "Black officers",
            "Value": 1182,
            "Chart": "WORKFORCE",
            "Category": "Black",
            **officers,
        },
        {
            "ID": "WOMEN",
            "Label": "Female officers",
            "Value": 9511,
            "Chart": "WORKFORCE",
            "Category": "Women",
            **officers,
        },
        {"ID": "SSO-ALL", "Value": 91, "Category": "All Londoners", **survey},
        {"ID": "SSO-BLACK", "Value": 87, "Category": "Black", **survey},
        {"ID": "SSO-WHITE", "Value": 92, "Category": "White", **survey},
        {"ID": "SSO-OTHER", "Value": 93, "Category": "Other ethnic groups", **survey},
    ]
    sheets["Charts"] = [
        {
            "Group": "WORKFORCE",
            "Title": "Officers by ethnicity and sex, end of August 2021",
            "Type": "bar",
            "Chapter": "1",
        },
        {"Group": "SSO", "Title": "Support for Safer Schools Officers by ethnicity", "Type": "bar"},
    ]


@pytest.fixture(scope="module")
def edition(tmp_path_factory) -> Edition:
    return load(make(tmp_path_factory.mktemp("charts"), workforce)).edition


@pytest.fixture(scope="module")
def figures(edition) -> list[ChartFigure]:
    return chart_figures(edition)


def metric(metric_id, value, unit="percent", chart="G", category=None, as_at=None, label="Trust") -> Metric:
    return Metric(metric_id, label, value, unit, chart=chart, category=category, as_at=as_at)


# ------------------------------------------------------------------ golden: text alternative and data table


def test_the_workforce_chart_is_described_from_its_figures(figures):
    chart = figures[0]
    assert chart.alt == (
        "Bar chart: Officers by ethnicity and sex, end of August 2021. It compares 3 categories: "
        "Black, Asian and minority ethnic: 5,268 (16% of police officers); Black: 1,182 (3.6%); "
        "Women: 9,511 (28.9%). The largest is Women (9,511); the smallest is Black (1,182). "
        "Source: MPS workforce data."
    )
    assert chart.table == (
        ("Category", "Number", "Share of police officers"),
        ("Black, Asian and minority ethnic", "5,268", "16%"),
        ("Black", "1,182", "3.6%"),
        ("Women", "9,511", "28.9%"),
    )


def test_the_survey_chart_names_what_it_measures(figures):
    chart = figures[1]
    assert chart.alt == (
        "Bar chart: Support for Safer Schools Officers by ethnicity. Support for Safer Schools Officers, compared "
        "across 4 categories: All Londoners: 91%; Black: 87%; White: 92%; Other ethnic groups: 93%. "
        "The largest is Other ethnic groups (93%); the smallest is Black (87%). "
        "Source: MOPAC Public Attitude Survey."
    )
    assert chart.table == (
        ("Category", "Support for Safer Schools Officers"),
        ("All Londoners", "91%"),
        ("Black", "87%"),
        ("White", "92%"),
        ("Other ethnic groups", "93%"),
    )


def test_figures_keep_the_charts_sheet_order_and_find_their_chapter(edition, figures):
    assert [(f.group, f.title) for f in figures] == [
        ("WORKFORCE", "Officers by ethnicity and sex, end of August 2021"),
        ("SSO", "Support for Safer Schools Officers by ethnicity"),
    ]
    assert figures[0].chapter is edition.chapters[0]
    assert figures[1].chapter is None  # the closing Data section


def test_a_line_over_dates_has_one_line_per_category():
    edition = Edition(
        metrics=[
            metric("K4", 53, category="Would know how to complain", as_at=MARCH),
            metric("K1", 53, category="Would know how to complain", as_at=JUNE),
            metric("F4", 62, category="Dealt with fairly", as_at=MARCH),
            metric("F1", 59, category="Dealt with fairly", as_at=JUNE),
        ],
        charts=[Chart("G", "Confidence in complaints", "line")],
    )
    figure = chart_figures(edition)[0]
    assert figure.table == (
        ("As at", "Would know how to complain", "Dealt with fairly"),
        ("31 March 2021", "53%", "62%"),
        ("30 June 2021", "53%", "59%"),
    )
    assert figure.alt == (
        "Line chart: Confidence in complaints. Trust for 2 series over 2 dates, from 31 March 2021 to 30 June 2021. "
        "Would know how to complain: 31 March 2021: 53%; 30 June 2021: 53%. "
        "Dealt with fairly: 31 March 2021: 62%; 30 June 2021: 59%. "
        "The largest is Dealt with fairly at 31 March 2021 (62%); the smallest are Would know how to complain "
        "at 31 March 2021 and Would know how to complain at 30 June 2021 (53%)."
    )


def test_bars_at_two_dates_are_grouped_by_category_with_a_gap_marked():
    edition = Edition(
        metrics=[
            metric("B3", 1160, "count", category="Black", as_at=MARCH, label="Officers"),
            metric("B8", 1182, "count", category="Black", as_at=AUGUST, label="Officers"),
            metric("W3", 9265, "count", category="Women", as_at=MARCH, label="Officers"),
        ],
        charts=[Chart("G", "Officers", "bar")],
    )
    data = chart_data(edition, edition.charts[0])
    assert (data.categories, [s.name for s in data.series]) == (("Black", "Women"), ["31 March 2021", "31 August 2021"])
    figure = chart_figures(edition)[0]
    assert figure.table == (
        ("Category", "31 March 2021", "31 August 2021"),
        ("Black", "1,160", "1,182"),
        ("Women", "9,265", "No figure"),
    )
    assert "Officers for 2 categories at 2 dates, 31 March 2021 and 31 August 2021." in figure.alt


def test_several_measures_of_one_group_are_one_bar_each_named_by_its_label():
    edition = Edition(
        metrics=[
            metric("Q1", 72, category="All Londoners", as_at=JUNE, label="Trust the police"),
            metric("Q2", 55, category="All Londoners", as_at=JUNE, label="Police do a good job locally"),
        ],
        charts=[Chart("G", "What Londoners think of the police", "bar")],
    )
    data = chart_data(edition, edition.charts[0])
    assert (data.axis, data.categories, data.ticks) == (
        "Measure",
        ("Trust the police", "Police do a good job locally"),
        ("Trust the police", "Police do a good job locally"),
    )
    assert [s.values for s in data.series] == [(72.0, 55.0)]
    figure = chart_figures(edition)[0]
    assert figure.table == (
        ("Measure", "All Londoners"),
        ("Trust the police", "72%"),
        ("Police do a good job locally", "55%"),
    )
    assert figure.alt == (
        "Bar chart: What Londoners think of the police. All Londoners, compared across 2 measures: "
        "Trust the police: 72%; Police do a good job locally: 55%. The largest is Trust the police (72%); "
        "the smallest is Police do a good job locally (55%)."
    )
    words = [t.text for t in etree.fromstring(figure.svg.encode()).iter(f"{SVG}text")]
    assert "Trust the police" in " ".join(w or "" for w in words)


def test_several_measures_of_several_groups_are_a_bar_per_measure_in_each_group():
    edition = Edition(
        metrics=[
            metric("T-ALL", 72, category="All Londoners", label="Trust the police"),
            metric("J-ALL", 55, category="All Londoners", label="Good job locally"),
            metric("T-BLACK", 61, category="Black Londoners", label="Trust the police"),
            metric("J-BLACK", 48, category="Black Londoners", label="Good job locally"),
        ],
        charts=[Chart("G", "Trust and confidence", "bar")],
    )
    data = chart_data(edition, edition.charts[0])
    assert (data.axis, data.categories, [s.name for s in data.series], data.series_are) == (
        "Category",
        ("All Londoners", "Black Londoners"),
        ["Trust the police", "Good job locally"],
        "measures",
    )
    figure = chart_figures(edition)[0]
    assert figure.table == (
        ("Category", "Trust the police", "Good job locally"),
        ("All Londoners", "72%", "55%"),
        ("Black Londoners", "61%", "48%"),
    )
    assert figure.alt == (
        "Bar chart: Trust and confidence. It compares 2 categories on 2 measures, Trust the police and Good job "
        "locally. Trust the police: All Londoners: 72%; Black Londoners: 61%. Good job locally: All "
        "Londoners: 55%; Black Londoners: 48%. The largest is All Londoners, Trust the police (72%); the "
        "smallest is Black Londoners, Good job locally (48%)."
    )


def test_several_measures_over_dates_are_a_line_per_measure():
    edition = Edition(
        metrics=[
            metric("T3", 70, category="All Londoners", as_at=MARCH, label="Trust the police"),
            metric("T6", 72, category="All Londoners", as_at=JUNE, label="Trust the police"),
            metric("J3", 57, category="All Londoners", as_at=MARCH, label="Good job locally"),
            metric("J6", 55, category="All Londoners", as_at=JUNE, label="Good job locally"),
        ],
        charts=[Chart("G", "Trust over time", "line")],
    )
    figure = chart_figures(edition)[0]
    assert figure.table == (
        ("As at", "Trust the police", "Good job locally"),
        ("31 March 2021", "70%", "57%"),
        ("30 June 2021", "72%", "55%"),
    )
    assert figure.alt.startswith("Line chart: Trust over time. All Londoners for 2 series over 2 dates")


def test_a_description_is_the_text_alternative_with_its_citations_resolved(tmp_path):
    def change(sheets):
        workforce(sheets)
        sheets["Charts"][0]["Description"] = "Women are {metric:WOMEN:share} of\nall {metric:ALL} officers."

    figure = chart_figures(load(make(tmp_path, change)).edition)[0]
    assert figure.alt == "Women are 28.9% of all 32,920 officers."
    assert figure.table[1] == ("Black, Asian and minority ethnic", "5,268", "16%")  # the table stays


def test_equal_values_and_a_single_value_are_described_plainly():
    edition = Edition(
        metrics=[
            metric("A", 5, category="A"),
            metric("B", 5, category="B"),
            metric("C", 7, chart="ONE", category="Only"),
        ],
        charts=[Chart("G", "Level", "bar"), Chart("ONE", "Alone", "bar")],
    )
    level, alone = chart_figures(edition)
    assert level.alt.endswith("All 2 figures are 5%.")
    assert alone.alt == "Bar chart: Alone. Trust, compared across one category: Only: 7%."


def test_a_chart_without_figures_is_left_out():
    edition = Edition(metrics=[metric("A", 5, chart="OTHER")], charts=[Chart("G", "Empty", "bar")])
    assert chart_figures(edition) == []


# ------------------------------------------------------------------ the drawing


def parse(svg: str):
    return etree.fromstring(svg.encode("utf-8"))


def glyph_outlines(root) -> list[str]:
    """Glyphs drawn as paths: matplotlib names each outline after its face ("Lato-Regular-31") and curves it
    with quadratic segments, which nothing else in a chart uses (markers are cubic)."""
    return [
        p.get("id") or p.get("d")
        for p in root.iter(SVG + "path")
        if re.search(r"Lato|DejaVu", p.get("id") or "") or " Q " in f" {p.get('d', '')} "
    ]


def font_style(element) -> dict[str, str]:
    declarations = (d.split(":", 1) for d in element.get("style", "").split(";") if ":" in d)
    return {name.strip(): value.strip() for name, value in declarations}


def test_the_svg_is_one_element_with_its_words_as_text_in_lato_and_ids_of_its_own(figures):
    first, second = (parse(f.svg) for f in figures)
    assert first.tag == SVG + "svg" and not figures[0].svg.startswith("<?xml")
    words = (
        {"Black", "Women", "5,268", "1,182", "9,511", "Source: MPS workforce data"},
        {"White", "92%", "Source: MOPAC Public Attitude Survey"},
    )
    for figure, root, expected in zip(figures, (first, second), words):
        texts = {"".join(t.itertext()): font_style(t) for t in root.iter(SVG + "text")}
        # Every word of the drawing is a <text> the page's Lato draws, not a glyph outline.
        assert expected <= set(texts)
        assert {s["font-family"] for s in texts.values()} == {"'Lato', sans-serif"}
        assert all("font-weight" not in s for s in texts.values())  # regular, as drawn
        assert glyph_outlines(root) == []
        assert "DejaVu" not in figure.svg and "Bitstream" not in figure.svg
    ids_first = {e.get("id") for e in first.iter() if e.get("id")}
    ids_second = {e.get("id") for e in second.iter() if e.get("id")}
    assert not ids_first & ids_second  # two charts on one web page never share an id
    references = set(re.findall(r'href="#([^"]+)"|url\(#([^)]+)\)', figures[0].svg))
    assert {r for pair in references for r in pair if r} <= ids_first
    assert first.find(f"{SVG}metadata") is None and list(first.iter(SVG + "style")) == []


def test_bold_chart_text_says_so_in_the_svg_and_is_measured_in_lato_bold():
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from reportgen.runtime.fonts import font_faces

    bold = style.font(bold=True)
    assert bold.get_file() == str(next(f.path for f in font_faces() if (f.weight, f.style) == ("bold", "normal")))
    with matplotlib.rc_context(style.RC):
        figure = Figure(figsize=(2, 1))
        FigureCanvasAgg(figure)
        figure.text(0.1, 0.5, "Bold", fontproperties=bold)
        figure.text(0.1, 0.2, "Regular", fontproperties=style.font())
        svg = io.StringIO()
        figure.savefig(svg, format="svg")
    texts = {"".join(t.itertext()): font_style(t) for t in parse(svg.getvalue()).iter(SVG + "text")}
    assert texts["Bold"]["font-weight"] == "700" and "font-weight" not in texts["Regular"]
    assert texts["Bold"]["font-family"] == texts["Regular"]["font-family"] == "'Lato', sans-serif"


def test_line_chart_value_labels_are_text_on_a_white_box_not_a_halo():
    """A halo (path effect) would make matplotlib write the label as outlines; a box keeps it text."""
    edition = Edition(
        metrics=[
            metric("K4", 53, category="Would know how to complain", as_at=MARCH),
            metric("K1", 53, category="Would know how to complain", as_at=JUNE),
            metric("F4", 62, category="Dealt with fairly", as_at=MARCH),
            metric("F1", 59, category="Dealt with fairly", as_at=JUNE),
        ],
        charts=[Chart("G", "Confidence in complaints", "line")],
    )
    root = parse(chart_figures(edition)[0].svg)
    words = ["".join(t.itertext()) for t in root.iter(SVG + "text")]
    assert sorted(w for w in words if w in ("53%", "59%", "62%")) == ["53%", "53%", "59%", "62%"]
    assert glyph_outlines(root) == []


def test_the_png_is_sharp_enough_for_print(figures):
    from PIL import Image

    figure = figures[0]
    image = Image.open(io.BytesIO(figure.png))
    assert image.format == "PNG"
    assert image.width == pytest.approx(figure.width_cm / 2.54 * style.PNG_DPI, abs=2)
    assert image.height == pytest.approx(figure.height_cm / 2.54 * style.PNG_DPI, abs=2)


def test_drawing_the_same_figures_again_gives_the_same_bytes(edition, figures):
    draw_module.clear_cache()
    again = chart_figures(edition)
    assert [(f.svg, f.png) for f in again] == [(f.svg, f.png) for f in figures]


def drawn_elsewhere(data) -> list[str]:
    """Hashes of the SVG and PNG drawn in a fresh process with another hash seed."""
    import pickle

    script = (
        "import hashlib, pickle, sys\nfrom reportgen.charts.draw import draw\n"
        "svg, png, w, h = draw(pickle.loads(sys.stdin.buffer.read()))\n"
        "print(hashlib.sha256(svg.encode()).hexdigest(), hashlib.sha256(png).hexdigest())"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        input=pickle.dumps(data),
        capture_output=True,
        env={**os.environ, "PYTHONHASHSEED": "12345"},
        check=True,
    )
    return result.stdout.decode().split()


def test_another_process_draws_the_same_bytes(edition, figures):
    """Hash seeds differ between processes; nothing drawn may depend on them."""
    assert drawn_elsewhere(chart_data(edition, edition.charts[0])) == [
        hashlib.sha256(figures[0].svg.encode()).hexdigest(),
        hashlib.sha256(figures[0].png).hexdigest(),
    ]


def test_another_process_draws_a_line_chart_with_its_labelled_points_alike():
    edition = Edition(
        metrics=[
            metric("K4", 53, category="Would know how to complain", as_at=MARCH),
            metric("K1", 54, category="Would know how to complain", as_at=JUNE),
            metric("F4", 62, category="Dealt with fairly", as_at=MARCH),
            metric("F1", 59, category="Dealt with fairly", as_at=JUNE),
            metric("T4", 48, category="Trusted", as_at=MARCH),
        ],
        charts=[Chart("G", "Confidence in complaints", "line")],
    )
    figure = chart_figures(edition)[0]
    assert "<text" in figure.svg
    assert drawn_elsewhere(chart_data(edition, edition.charts[0])) == [
        hashlib.sha256(figure.svg.encode()).hexdigest(),
        hashlib.sha256(figure.png).hexdigest(),
    ]


def contrast_on_white(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 1.05 / (0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b) + 0.05)


def test_series_colours_stand_out_from_the_page_and_never_alone():
    assert all(contrast_on_white(c) >= 3.0 for c in style.PALETTE)
    assert contrast_on_white(style.TEXT) >= 4.5 and contrast_on_white(style.MUTED) >= 4.5
    n = len(style.PALETTE)
    assert len({(style.hatch(i), style.colour(i)) for i in range(n)}) == n
    assert len(set(style.HATCHES)) == len(set(style.MARKERS)) == len(set(style.LINE_STYLES)) == n


def test_a_chart_of_many_bars_stays_within_a_page():
    edition = Edition(
        metrics=[metric(f"M{n}", n, "count", category=f"Area {n}") for n in range(80)],
        charts=[Chart("G", "Officers by area", "bar")],
    )
    figure = chart_figures(edition)[0]
    assert figure.height_cm == style.MAX_HEIGHT_CM
    assert len(figure.table) == 81


def test_labels_are_printed_as_typed_never_as_mathematics():
    edition = Edition(
        metrics=[metric("A", 5, category="$5 and $10"), metric("B", 6, category="<b>x</b> & y")],
        charts=[Chart("G", "Odd labels", "bar")],
    )
    figure = chart_figures(edition)[0]
    assert parse(figure.svg).tag == SVG + "svg"
    assert figure.table[1:] == (("$5 and $10", "5%"), ("<b>x</b> & y", "6%"))


# ------------------------------------------------------------------ in each format


@pytest.fixture(scope="module")
def pdf_bytes(edition, figures) -> bytes:
    return write_edition("pdf", edition)


def struct_elements(pdf):
    stack = [pdf.Root.StructTreeRoot]
    while stack:
        kids = stack.pop().get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []:
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                yield kid
                stack.append(kid)


def test_each_chart_is_a_tagged_pdf_figure_with_its_alt(pdf_bytes, figures):
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        alts = sorted(str(e.Alt) for e in struct_elements(pdf) if str(e.S) == "/Figure" and "/Alt" in e)
    assert alts == sorted(f.alt for f in figures)


def texts_in_and_out_of_figures(data: bytes) -> tuple[list[str], list[str]]:
    """The PDF's text runs, split by whether they are drawn inside /Figure marked content."""
    import pypdf

    inside, outside = [], []
    for page in pypdf.PdfReader(io.BytesIO(data)).pages:
        stack: list[str] = []

        def before(operator, operands, cm, tm, stack=stack):
            if operator in (b"BDC", b"BMC"):
                stack.append(str(operands[0]))
            elif operator == b"EMC" and stack:
                stack.pop()

        def text(run, cm, tm, font, size, stack=stack):
            if run.strip():
                (inside if "/Figure" in stack else outside).append(run.strip())

        page.extract_text(visitor_operand_before=before, visitor_text=text)
    return inside, outside


def test_chart_words_are_pdf_text_inside_the_tagged_figure_only(pdf_bytes, figures):
    """Chart labels are real text now; tagged as the Figure's content, assistive technology reads its /Alt
    instead, and text counted in the reading order (the data table, the caption) is unchanged."""
    inside, outside = texts_in_and_out_of_figures(pdf_bytes)
    assert {
        "Black",
        "Women",
        "5,268",
        "1,182",
        "9,511",
        "Source: MPS workforce data",
        "White",
        "92%",
        "Source: MOPAC Public Attitude Survey",
    } <= set(inside)
    assert "Figure 1: Officers by ethnicity and sex, end of August 2021" in outside
    for figure in figures:  # each value once in the reading order: in its data table, not from the drawing
        for row in figure.table[1:]:
            assert outside.count(row[1]) == 1, row


def test_the_pdf_with_charts_is_rebuilt_byte_for_byte(edition, pdf_bytes):
    draw_module.clear_cache()
    assert write_edition("pdf", edition) == pdf_bytes


def test_the_docx_picture_carries_the_alt_and_title_and_rebuilds_byte_for_byte(edition, figures):
    data = write_edition("docx", edition)
    document = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    root = etree.fromstring(document)
    ns = {"wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"}
    described = [(d.get("descr"), d.get("title")) for d in root.iterfind(".//wp:docPr", ns)]
    assert described == [(f.alt, f.title) for f in figures]
    draw_module.clear_cache()
    assert write_edition("docx", edition) == data


def test_the_html_figure_has_its_alt_caption_and_table_in_place(edition, figures):
    page = write_edition("html", edition).decode("utf-8")
    chapter_one = page.index('id="chapter-1"')
    first = page.index("<figure", chapter_one)
    assert page.index('class="commitments', chapter_one) < first < page.index('id="chapter-2"')
    assert page.index('id="data"') < page.index("<figure", first + 1)
    assert f'aria-label="{figures[0].alt}"' in page
    assert "<figcaption>Figure 1: Officers by ethnicity and sex, end of August 2021</figcaption>" in page
    assert '<th scope="row">Women</th><td>9,511</td><td>28.9%</td>' in page


def test_one_line_over_dates_keeps_its_name():
    edition = Edition(
        metrics=[
            metric("Q4", 62, category="All Londoners", as_at=MARCH),
            metric("Q1", 59, category="All Londoners", as_at=JUNE),
        ],
        charts=[Chart("G", "Trust over time", "line")],
    )
    figure = chart_figures(edition)[0]
    assert figure.table == (("As at", "Trust (All Londoners)"), ("31 March 2021", "62%"), ("30 June 2021", "59%"))
    assert figure.alt.startswith(
        "Line chart: Trust over time. Trust (All Londoners), compared across 2 dates: "
        "31 March 2021: 62%; 30 June 2021: 59%."
    )


def test_one_line_of_counts_over_dates_shows_each_dates_share_of_its_own_total():
    edition = Edition(
        metrics=[
            Metric("ALL-MAR", "Police officers", 32531, "count", as_at=MARCH),
            Metric("ALL-AUG", "Police officers", 32920, "count", as_at=AUGUST),
            Metric("B-MAR", "Black officers", 1160, "count", chart="G", category="Black", of="ALL-MAR", as_at=MARCH),
            Metric("B-AUG", "Black officers", 1182, "count", chart="G", category="Black", of="ALL-AUG", as_at=AUGUST),
        ],
        charts=[Chart("G", "Black officers", "line")],
    )
    assert chart_figures(edition)[0].table == (
        ("As at", "Black officers (Black)", "Share of the total"),
        ("31 March 2021", "1,160", "3.6%"),
        ("31 August 2021", "1,182", "3.6%"),
    )


def test_a_drawing_failure_is_a_one_line_error_naming_the_chart(monkeypatch):
    from reportgen.core.errors import ReportgenError
    from reportgen.core.findings import Source

    def broken(data):
        raise ValueError("Image size of 1890x999999 pixels is too large")

    monkeypatch.setattr(draw_module, "draw_svg", broken)
    edition = Edition(
        metrics=[metric("A", 1, category="A"), metric("B", 2, category="B")],
        charts=[Chart("G", "Trust", "bar", source=Source("Charts", 2))],
    )
    with pytest.raises(ReportgenError, match=r"^Charts!2:2: chart 'G' could not be drawn \(Image size"):
        chart_figures(edition)


def test_the_png_is_drawn_only_when_word_asks_and_its_failure_is_one_line(monkeypatch):
    from reportgen.core.errors import ReportgenError

    asked = []

    def broken(data):
        asked.append(data.group)
        raise ValueError("Image size of 1890x999999 pixels is too large")

    monkeypatch.setattr(draw_module, "draw_png", broken)
    edition = Edition(
        metrics=[metric("A", 1, category="A"), metric("B", 2, category="B")], charts=[Chart("G", "Trust", "bar")]
    )
    [figure] = chart_figures(edition)
    assert figure.svg.startswith("<svg") and asked == []  # the web page and the PDF need no PNG
    with pytest.raises(ReportgenError, match=r"^Charts: chart 'G' could not be drawn as a picture for Word \(Image"):
        _ = figure.png
    assert asked == ["G"]


def test_the_pdf_built_in_the_forked_process_is_the_one_built_here(tmp_path, monkeypatch, pdf_bytes):
    # The outline, charts drawn, travels to the PDF's process by pickle; each chart must still sit in its own chapter.
    from reportgen.pipeline import build as build_module
    from reportgen.pipeline.parallel import can_fork

    monkeypatch.delenv("REPORTGEN_NO_FORK", raising=False)
    if not can_fork():
        pytest.skip("this machine cannot fork a PDF process")
    workbook = make(tmp_path, workforce)
    result = build_module.build(workbook, tmp_path / "out", ["pdf"])
    assert not result.failed, result.findings
    assert (tmp_path / "out" / f"{workbook.stem}.pdf").read_bytes() == pdf_bytes


# ---------------------------------------------------------------- legible at every size (issue 13)

PHONE_COLUMN_PX = 346  # a 390 px wide phone's text column, with a scrollbar showing
PX_PER_PT = 96 / 72


def smallest_text_px(svg: str, shown_px: float) -> float:
    """The smallest word of a drawing, in CSS px, when the drawing is shown `shown_px` wide."""
    root = parse(svg)
    width_pt = float(root.get("width").removesuffix("pt"))
    sizes = [
        float(font_style(t)["font-size"].removesuffix("px"))
        for t in root.iter(SVG + "text")
        if "".join(t.itertext()).strip()
    ]
    return min(sizes) * shown_px / width_pt


def test_the_phone_drawing_keeps_every_word_at_12_px_on_a_390_px_screen(figures):
    for figure in figures:
        narrow = figure.svg_narrow
        assert smallest_text_px(narrow, PHONE_COLUMN_PX) >= 12, figure.title
        # the desktop drawing, shown at its own size or larger, is no smaller either
        assert smallest_text_px(figure.svg, float(parse(figure.svg).get("width").removesuffix("pt")) * PX_PER_PT) >= 12
        ids_wide = {e.get("id") for e in parse(figure.svg).iter() if e.get("id")}
        ids_narrow = {e.get("id") for e in parse(narrow).iter() if e.get("id")}
        assert not ids_wide & ids_narrow  # both sit on the web page


def test_the_web_page_swaps_in_the_phone_drawing_and_the_pdf_has_only_one(edition):
    page = write_edition("html", edition).decode("utf-8")
    assert page.count('<div class="chart-drawing narrow">') == page.count("<figure") > 0
    assert "max-width: 42em" in page and ".chart-drawing.narrow { display: none; }" in page
    source = source_html(outline_edition(edition))
    assert "chart-drawing narrow" not in source


@pytest.mark.parametrize(
    "values, unit, top_tick",
    [
        ([53, 53, 62, 59], "percent", 62),
        ([98, 99.5], "percent", 100),
        ([120, 40], "count", 120),
        ([3, 7.5], "ratio", 7.5),
        ([10, -4], "count", 10),
    ],
)
def test_a_value_axis_runs_past_every_value(values, unit, top_tick):
    bottom, top, ticks = draw_module.value_axis(values, unit)
    assert ticks[-1] >= top_tick and top >= max(values) and bottom <= min(values + [0])
    assert ticks == sorted(ticks) and all(bottom <= t <= top for t in ticks)
    if unit == "percent":
        assert ticks[-1] <= 100


def test_the_line_charts_axis_writes_dates_as_the_text_does():
    edition = Edition(
        metrics=[metric("K4", 53, category="Know", as_at=MARCH), metric("K1", 62, category="Know", as_at=JUNE)],
        charts=[Chart("G", "Confidence", "line")],
    )
    figure = chart_figures(edition)[0]
    for svg in (figure.svg, figure.svg_narrow):
        words = " ".join("".join(t.itertext()) for t in parse(svg).iter(SVG + "text"))
        assert "31 March" in words and "30 June" in words and "Mar " not in words
        # the axis shows a tick at or above the highest value (62%)
        ticks = [int(w[:-1]) for w in words.split() if w.endswith("%") and w[:-1].isdigit()]
        assert max(ticks) >= 62
