"""The user cache folder: chart drawings by content hash, and the stand-in checks that replace a repeated axe-core run."""

from __future__ import annotations

import os

import pytest
from lxml import html as lxml_html

from reportgen.accessibility.html_page import HtmlPage
from reportgen.accessibility.html_shape import STAND_IN_CHECKS
from reportgen.accessibility.registry import run_checks
from reportgen.charts import chart_figures, store
from reportgen.charts import draw as draw_module
from reportgen.core.model import Chart, Edition, Metric
from reportgen.runtime import cache


def _edition(values=(12, 30)) -> Edition:
    metrics = [
        Metric(f"M{i}", f"Name {i}", value, "count", chart="G", category=f"Category {i}")
        for i, value in enumerate(values)
    ]
    return Edition(metrics=metrics, charts=[Chart("G", "Trust", "bar")])


def _never(*args, **kwargs):
    raise AssertionError("drawn although the drawing was in the cache")


def test_a_stored_drawing_is_the_very_bytes_matplotlib_makes(monkeypatch):
    [first] = chart_figures(_edition())
    png = first.png
    draw_module.clear_cache()
    assert (first.svg, first.width_cm, first.height_cm) == draw_module.draw_svg(first.data)
    assert png == draw_module.draw_png(first.data)
    # The second build takes both from the cache folder and draws nothing.
    monkeypatch.setattr(draw_module, "draw_svg", _never)
    monkeypatch.setattr(draw_module, "draw_png", _never)
    [again] = chart_figures(_edition())
    assert (again.svg, again.width_cm, again.height_cm, again.png) == (first.svg, first.width_cm, first.height_cm, png)


def test_other_figures_or_other_drawing_code_draw_again(monkeypatch):
    [first] = chart_figures(_edition())
    assert store.key(first.data, "svg") != store.key(chart_figures(_edition((12, 31)))[0].data, "svg")
    monkeypatch.setattr(store, "drawing_version", lambda: "another version of draw.py")
    drawn = []
    real = draw_module.draw_svg

    def counting(data):
        drawn.append(data.group)
        return real(data)

    monkeypatch.setattr(draw_module, "draw_svg", counting)
    chart_figures(_edition())
    assert drawn == ["G"]


def test_a_damaged_entry_is_drawn_again_and_replaced(monkeypatch):
    [first] = chart_figures(_edition())
    png = first.png
    folder = cache.cache_dir() / store.KIND
    for entry in folder.iterdir():
        entry.write_bytes(b"\x89PNG\r\n\x1a\ntruncated" if entry.name == store.key(first.data, "png") else b"{not json")
    [again] = chart_figures(_edition())
    assert again.svg == first.svg and again.png == png
    assert (folder / store.key(first.data, "png")).read_bytes() == png


def test_with_the_cache_off_or_unwritable_charts_are_still_drawn(monkeypatch, tmp_path):
    monkeypatch.setenv("REPORTGEN_CACHE", "off")
    assert cache.cache_dir() is None
    [first] = chart_figures(_edition())
    monkeypatch.delenv("REPORTGEN_CACHE")
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("REPORTGEN_CACHE_DIR", str(blocked))
    [again] = chart_figures(_edition())
    assert again.svg == first.svg and again.png == first.png


def test_the_cache_folder_follows_the_conventions(monkeypatch, tmp_path):
    monkeypatch.delenv("REPORTGEN_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.cache_dir() == tmp_path / "reportgen"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache.cache_dir() == tmp_path / "home" / ".cache" / "reportgen"


def test_the_cache_keeps_only_its_newest_entries(monkeypatch):
    monkeypatch.setattr(cache, "MAX_ENTRIES", 3)
    for number in range(5):
        cache.write("kind", f"entry-{number}", b"x")
        path = cache.cache_dir() / "kind" / f"entry-{number}"
        os.utime(path, (number, number))
    cache.write("kind", "entry-5", b"x")
    assert sorted(p.name for p in (cache.cache_dir() / "kind").iterdir()) == ["entry-3", "entry-4", "entry-5"]


# The stand-in checks, each firing and not firing (tests/accessibility/test_axe_memory.py compares them with axe-core).


def _page(body: str, title: str = "Update", head: str = "") -> object:
    return lxml_html.document_fromstring(
        f'<!DOCTYPE html><html lang="en-GB"><head><title>{title}</title>{head}</head><body>{body}</body></html>'
    )


def _codes(document) -> list[str]:
    return [f.code for f in run_checks("html", HtmlPage(document, stand_in=True), STAND_IN_CHECKS)]


GOOD = (
    '<a href="#main">Skip</a><main id="main"><h1 id="top">Update</h1><section aria-labelledby="top">'
    '<table><tr><th id="h">Ref</th></tr><tr><td headers="h">1</td></tr></table>'
    '<svg role="img" aria-label="Bars"></svg><svg role="img"><title>Bars</title></svg>'
    '<img src="data:," alt=""></section></main>'
)


def test_a_well_made_page_gets_no_stand_in_findings():
    assert _codes(_page(GOOD)) == []


@pytest.mark.parametrize(
    "code, body, title",
    [
        ("html-title-missing", GOOD, "  "),
        ("html-heading-empty", GOOD.replace(">Update</h1>", "> </h1>"), "Update"),
        ("html-table-header-empty", GOOD.replace(">Ref</th>", "></th>"), "Update"),
        ("html-id-duplicate", GOOD.replace('<td headers="h">', '<td id="h" headers="h">'), "Update"),
        ("html-reference-broken", GOOD.replace('href="#main"', 'href="#nowhere"'), "Update"),
        ("html-reference-broken", GOOD.replace('aria-labelledby="top"', 'aria-labelledby="gone"'), "Update"),
        ("html-reference-broken", GOOD.replace('headers="h"', 'headers="h gone"'), "Update"),
        ("html-image-name", GOOD.replace('aria-label="Bars"', 'aria-label=" "'), "Update"),
        ("html-image-name", GOOD.replace("<title>Bars</title>", "<title></title>"), "Update"),
        ("html-image-name", GOOD.replace(' alt=""', ""), "Update"),
    ],
)
def test_each_stand_in_check_fires(code, body, title):
    assert _codes(_page(body, title)) == [code]


def test_hidden_elements_and_decorative_images_are_left_alone():
    body = GOOD.replace(
        "</main>", '<div hidden><h2></h2><svg role="img"></svg></div><img src="data:," role="presentation"></main>'
    )
    assert _codes(_page(body)) == []


def test_the_web_page_takes_its_font_subset_from_the_cache_byte_for_byte(tmp_path, monkeypatch):
    from reportgen.workbook.reader import load
    from reportgen.writers import write_edition
    from reportgen.writers.html import writer as html_writer

    from ..builders import make

    edition = load(make(tmp_path)).edition
    monkeypatch.setenv("REPORTGEN_CACHE", "off")
    fresh = write_edition("html", edition)
    monkeypatch.delenv("REPORTGEN_CACHE")
    assert write_edition("html", edition) == fresh  # drawn and stored
    monkeypatch.setattr(html_writer, "font_face_css", _never)
    assert write_edition("html", edition) == fresh  # from the cache, fontTools not asked
    # Other characters on the page are another key: cut again.
    edition.title += " \u0175"
    with pytest.raises(AssertionError, match="drawn although"):
        write_edition("html", edition)


def test_a_whole_build_is_byte_identical_with_the_cache_off_cold_and_warm(tmp_path, monkeypatch):
    from reportgen.pipeline.build import build

    from ..builders import make
    from ..render_fixtures import with_charts

    workbook = make(tmp_path, with_charts)
    outputs = {}
    for run, cache_setting in (("off", "off"), ("cold", ""), ("warm", "")):
        monkeypatch.setenv("REPORTGEN_CACHE", cache_setting)
        result = build(workbook, tmp_path / run, ["docx", "pdf", "html"])
        assert not result.failed, [f.as_text() for f in result.findings]
        outputs[run] = {path.suffix: path.read_bytes() for path in result.written}
    assert outputs["off"] == outputs["cold"] == outputs["warm"]
    assert sorted(outputs["warm"]) == [".docx", ".html", ".pdf"]
    assert any((cache.cache_dir() / "charts").iterdir())
