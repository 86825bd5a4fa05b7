"""axe-core once per page shape: the stand-in checks find whatever axe-core finds when only content changes.

The build skips axe-core for a page whose shape (html_shape.page_shape) clean axe-core runs
have covered. That is safe only if every problem content alone can cause is found without
axe-core, so here the example edition's page is changed, one hostile content change at a
time, without changing its shape, and axe-core's new violations are compared with what the
stand-in checks say.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from lxml import html as lxml_html

from reportgen.accessibility import html_shape
from reportgen.accessibility.html import AxeRunner, check_html
from reportgen.accessibility.html_page import HtmlPage
from reportgen.accessibility.html_shape import AXE_RULES_STOOD_IN_FOR, page_shape
from reportgen.accessibility.registry import run_checks

EXAMPLE = Path(__file__).resolve().parents[2] / "inputs" / "example.xlsx"


@pytest.fixture(scope="module")
def example_page() -> bytes:
    from reportgen.workbook.reader import load
    from reportgen.writers import write_edition

    return write_edition("html", load(EXAMPLE).edition)


@pytest.fixture(scope="module")
def runner():
    with AxeRunner() as shared:
        yield shared


def _blank(element) -> None:
    """No words left in `element`, its child elements kept (so the shape stays)."""
    for node in element.iter():
        node.text = None
        if node is not element:
            node.tail = None


def _first(document, path: str):
    found = document.xpath(path)
    assert found, path
    return found[0]


def _set_text(element, text: str) -> None:
    _blank(element)
    element.text = text


def _heading_emptied(d):
    _blank(_first(d, "//section[contains(@class,'chapter')]//h2"))


def _link_emptied(d):
    _blank(_first(d, "//td[contains(@class,'update')]//a"))


def _link_spaces(d):
    _set_text(_first(d, "//td[contains(@class,'update')]//a"), "   ")


def _link_one_letter(d):
    _set_text(_first(d, "//td[contains(@class,'update')]//a"), "A")


def _contents_link_one_letter(d):
    _set_text(_first(d, "//nav//a"), "A")


def _header_cell_emptied(d):
    _blank(_first(d, "//th[contains(@class,'col-update')]"))


def _row_header_emptied(d):
    _blank(_first(d, "//tbody//th"))


def _title_emptied(d):
    _blank(_first(d, "//title"))


def _id_duplicated(d):
    rows = d.xpath("//tr[@id]")
    rows[1].set("id", rows[0].get("id"))


def _heading_id_duplicated(d):
    headings = d.xpath("//h2[@id]")
    headings[2].set("id", headings[1].get("id"))


def _contents_link_broken(d):
    _first(d, "//nav//a").set("href", "#nowhere")


def _skip_link_broken(d):
    _first(d, "//a[contains(@class,'skip-link')]").set("href", "#nowhere")


def _chart_unnamed(d):
    chart = _first(d, "//svg[@role='img']")
    chart.set("aria-label", "")
    for title in chart.findall("title"):
        _blank(title)


def _chart_label_only_spaces(d):
    _first(d, "//svg[@role='img']").set("aria-label", "   ")


def _section_label_broken(d):
    _first(d, "//section[@aria-labelledby]").set("aria-labelledby", "nowhere")


def _word_too_long(d):
    _set_text(_first(d, "//td[contains(@class,'update')]//p"), "x" * 3000)


def _row_header_too_long(d):
    _set_text(_first(d, "//tbody//th"), "A.1-" + "9" * 400)


def _right_to_left_words(d):
    _set_text(_first(d, "//td[contains(@class,'update')]//p"), "\u0645\u0631\u062d\u0628\u0627 " * 40)


def _cover_title_emptied(d):
    _blank(_first(d, "//h1"))


MUTATIONS = {
    "empty chapter heading": (_heading_emptied, {"html-heading-empty"}),
    "empty link": (_link_emptied, {"link-text-missing"}),
    "link of spaces": (_link_spaces, {"link-text-missing"}),
    "one-letter link in an update": (_link_one_letter, set()),
    "one-letter link in the contents": (_contents_link_one_letter, set()),
    "empty column header": (_header_cell_emptied, {"html-table-header-empty"}),
    "empty row header": (_row_header_emptied, {"html-table-header-empty"}),
    "empty title": (_title_emptied, {"html-title-missing"}),
    "empty cover heading": (_cover_title_emptied, {"html-heading-empty"}),
    "duplicate row id": (_id_duplicated, {"html-id-duplicate"}),
    "duplicate heading id": (_heading_id_duplicated, {"html-id-duplicate", "html-reference-broken"}),
    "contents link to nowhere": (_contents_link_broken, {"html-reference-broken"}),
    "skip link to nowhere": (_skip_link_broken, {"html-reference-broken"}),
    "chart without a name": (_chart_unnamed, {"html-image-name"}),
    "chart named only by its title": (_chart_label_only_spaces, set()),
    "section labelled by nothing": (_section_label_broken, {"html-reference-broken"}),
    "3,000-letter word": (_word_too_long, set()),
    "very long row header": (_row_header_too_long, set()),
    "right-to-left words": (_right_to_left_words, set()),
}


def _stand_in_codes(document) -> set[str]:
    return {f.code for f in run_checks("html", HtmlPage(document, stand_in=True))}


def test_the_example_page_passes_axe_and_the_stand_ins(runner, example_page):
    document = lxml_html.document_fromstring(example_page)
    assert runner.run(example_page)["violations"] == []
    assert _stand_in_codes(document) == set()


@pytest.mark.parametrize("change", list(MUTATIONS))
def test_what_axe_finds_when_only_content_changes_the_stand_ins_find(runner, example_page, change):
    mutate, expected = MUTATIONS[change]
    original = lxml_html.document_fromstring(example_page)
    changed = copy.deepcopy(original)
    mutate(changed)
    assert page_shape(changed) == page_shape(original), "the change must be content only"
    data = lxml_html.tostring(changed, doctype="<!DOCTYPE html>", encoding="utf-8")
    axe_rules = {violation["id"] for violation in runner.run(data)["violations"]}
    stand_ins = _stand_in_codes(lxml_html.document_fromstring(data))
    unmatched = {rule for rule in axe_rules if AXE_RULES_STOOD_IN_FOR.get(rule) not in stand_ins}
    assert unmatched == set(), f"axe-core found {sorted(unmatched)} and no stand-in check did"
    assert expected <= stand_ins


def test_shape_changes_with_structure_language_and_landmarks(example_page):
    original = lxml_html.document_fromstring(example_page)
    shape = page_shape(original)

    def changed(mutate):
        document = copy.deepcopy(original)
        mutate(document)
        return page_shape(document)

    assert changed(lambda d: d.set("lang", "cy")) != shape  # a new language is axe-core's to judge
    assert changed(lambda d: _first(d, "//td[contains(@class,'update')]//p").set("lang", "fr")) != shape
    assert changed(lambda d: _first(d, "//td[contains(@class,'update')]//p").set("style", "color:#ccc")) != shape
    assert changed(lambda d: _first(d, "//main").append(lxml_html.fromstring("<nav>More</nav>"))) != shape
    assert changed(lambda d: _first(d, "//td[contains(@class,'update')]//p").set("class", "x")) != shape
    assert (
        changed(
            lambda d: _first(d, "//td[contains(@class,'update')]").append(
                lxml_html.fromstring("<blockquote>Quoted</blockquote>")
            )
        )
        != shape
    )
    # Words, link targets and ids are content: the stand-in checks judge them.
    assert changed(lambda d: _set_text(_first(d, "//td[contains(@class,'update')]//p"), "Other words")) == shape
    assert changed(lambda d: _first(d, "//td[contains(@class,'update')]//a").set("href", "https://x.test/")) == shape


def test_a_build_runs_axe_once_then_stands_in_until_the_shape_changes(runner, example_page, monkeypatch):
    runs = []
    original_run = AxeRunner.run

    def counting(self, data):
        runs.append(len(data))
        return original_run(self, data)

    monkeypatch.setattr(AxeRunner, "run", counting)
    assert check_html(example_page, "a.html", runner=runner, remember_shapes=True) == []
    assert check_html(example_page, "a.html", runner=runner, remember_shapes=True) == []
    assert len(runs) == 1
    # A content problem is still found without axe-core.
    document = lxml_html.document_fromstring(example_page)
    _link_emptied(document)
    emptied = lxml_html.tostring(document, doctype="<!DOCTYPE html>", encoding="utf-8")
    assert [f.code for f in check_html(emptied, "a.html", runner=runner, remember_shapes=True)] == ["link-text-missing"]
    assert len(runs) == 1
    # A new shape goes to axe-core again; `reportgen check` (no remember_shapes) always does.
    document = lxml_html.document_fromstring(example_page)
    _first(document, "//td[contains(@class,'update')]//p").set("lang", "fr")
    french = lxml_html.tostring(document, doctype="<!DOCTYPE html>", encoding="utf-8")
    check_html(french, "a.html", runner=runner, remember_shapes=True)
    check_html(example_page, "a.html", runner=runner)
    assert len(runs) == 3
    monkeypatch.setenv("REPORTGEN_AXE_EVERY_BUILD", "1")
    check_html(example_page, "a.html", runner=runner, remember_shapes=True)
    assert len(runs) == 4


def test_a_page_with_violations_is_never_remembered(runner):
    page = (
        b'<!DOCTYPE html><html lang="en-GB"><head><title>T</title></head><body><main><h1>T</h1>'
        b'<p style="color:#bbbbbb">Pale words.</p></main></body></html>'
    )
    first = check_html(page, "p.html", runner=runner, remember_shapes=True)
    assert "axe-color-contrast" in {f.code for f in first}
    assert not html_shape.remembered(page_shape(lxml_html.document_fromstring(page)))
    assert check_html(page, "p.html", runner=runner, remember_shapes=True) == first


def test_a_second_build_of_the_same_shape_starts_no_browser(tmp_path, monkeypatch):
    from reportgen.pipeline.build import build

    from ..builders import make

    starts = []
    original_enter = AxeRunner.__enter__

    def counting(self):
        starts.append(1)
        return original_enter(self)

    monkeypatch.setattr(AxeRunner, "__enter__", counting)
    workbook = make(tmp_path)
    first = build(workbook, tmp_path / "first", ["docx", "html"])
    second = build(workbook, tmp_path / "second", ["docx", "html"])
    assert not first.failed and not second.failed
    assert [f.as_text() for f in first.findings] == [f.as_text() for f in second.findings]
    assert starts == [1]
    assert (tmp_path / "first" / "edition.html").read_bytes() == (tmp_path / "second" / "edition.html").read_bytes()
