"""The HTML page: self-contained, accessible, and the same content in the same order as the model."""

from __future__ import annotations

import re

import lxml.html
import pytest

from reportgen.outline.document import build_outline
from reportgen.writers import write_edition

from ..render_fixtures import SECRET_NOTE, edition, fake_charts, figure, final, long_edition, rich_edition, with_charts


def page(ed):
    return lxml.html.document_fromstring(write_edition("html", ed))


def text_of(node) -> str:
    return " ".join(node.text_content().split())


@pytest.fixture(scope="module")
def rich(tmp_path_factory):
    ed = edition(tmp_path_factory.mktemp("rich"), rich_edition)
    data = write_edition("html", ed)
    return ed, data, lxml.html.document_fromstring(data)


def test_the_page_is_self_contained_with_no_scripts_or_requests(rich):
    _, data, doc = rich
    assert not doc.xpath("//script | //link | //img | //iframe | //object | //embed")
    for element in doc.xpath("//*[@src]"):
        pytest.fail(f"{element.tag} loads {element.get('src')}")
    for href in doc.xpath("//a/@href"):
        assert href.startswith(("#", "https://", "http://", "mailto:")), href
    style = "".join(doc.xpath("//style/text()"))
    assert "@import" not in style
    urls = re.findall(r"url\(([^)]*)\)", style)
    assert urls and all(u.startswith("data:font/woff;base64,") for u in urls), urls
    assert 'font-family:"Lato"' in style
    assert data.decode("utf-8")  # UTF-8 throughout


def test_language_title_and_landmarks(rich):
    ed, _, doc = rich
    root = doc.getroottree().getroot()
    assert root.get("lang") == "en-GB"
    assert doc.findtext(".//title") == "Action Plan for Fairer Policing: 2025/26 Quarter 2 Update"
    body = doc.find("body")
    first_link = body.xpath(".//a")[0]
    assert first_link.get("href") == "#main" and "Skip" in first_link.text
    assert doc.get_element_by_id("main").tag == "main"
    assert [e.tag for e in body if e.tag in ("header", "nav", "main", "footer")] == ["header", "nav", "main", "footer"]
    assert len(doc.xpath("//h1")) == 1
    assert doc.xpath("//meta[@name='viewport']")


def test_headings_follow_the_outline_and_the_contents_links_them(rich):
    ed, _, doc = rich
    headings = [(e.tag, text_of(e)) for e in doc.xpath("//main//h2 | //main//h3 | //main//h4 | //footer//h2")]
    assert headings == [
        ("h2", "Introduction"),
        ("h3", "What the data shows"),
        ("h2", "1 Fairer use of police powers"),
        ("h2", "2 Working together"),
        ("h2", "Next steps"),
        ("h2", "Glossary"),
        ("h2", "Contact and publication details"),
    ]
    contents = doc.xpath("//nav//a")
    assert [text_of(a) for a in contents] == [text for _, text in headings]
    ids = doc.xpath("//@id")
    assert len(ids) == len(set(ids)), "ids must be unique"
    for a in contents:
        assert doc.get_element_by_id(a.get("href")[1:]) is not None
    # Level 2 narrative nests under the level 1 section before it.
    assert text_of(doc.xpath("//nav/ol/li[1]/ol/li//a")[0]) == "What the data shows"


def test_every_commitment_and_update_appears_once_in_order_under_its_chapter(rich):
    ed, _, doc = rich
    for chapter in ed.chapters:
        section = doc.xpath(f"//section[h2[normalize-space()='{chapter.heading}']]")[0]
        cells = section.xpath(".//table[contains(@class,'commitments')]//td[contains(@class,'commitment')]")
        # Lead and Status are a labelled line under the commitment
        details = [
            " · ".join(f"{name}: {value}" for name, value in (("Lead", c.lead), ("Status", c.status)) if value)
            for c in chapter.commitments
        ]
        assert [text_of(c) for c in cells] == [
            " ".join(f"{c.commitment.plain_text()}{line}".split()) for c, line in zip(chapter.commitments, details)
        ]
    whole = text_of(doc.find("body"))
    order = []
    for commitment in ed.commitments:
        words = " ".join(commitment.commitment.plain_text().split())
        assert whole.count(words) == 1, words
        order.append(whole.index(words))
    assert order == sorted(order)
    assert "Twelve meetings were held." in whole and whole.count("Twelve meetings were held.") == 1


def test_notes_never_appear(rich):
    _, data, _ = rich
    assert SECRET_NOTE.encode() not in data


def test_tables_have_captions_column_headers_and_one_ref_per_group(rich):
    _, _, doc = rich
    table = doc.xpath("//section[h2[normalize-space()='1 Fairer use of police powers']]//table")[0]
    assert text_of(table.find("caption")) == "Commitments: 1 Fairer use of police powers"
    headers = table.xpath("./thead/tr/th")
    # the update keeps more than half the width: Lead and Status are a line under the commitment
    assert [text_of(h) for h in headers] == ["Ref", "Commitment", "Update"]
    assert {h.get("scope") for h in headers} == {"col"}
    groups = table.xpath("./tbody")
    assert len(groups) == 2
    first = groups[0].xpath("./tr")
    assert len(first) == 2
    ref = first[0].xpath("./th")[0]
    assert (ref.get("scope"), ref.get("rowspan"), text_of(ref)) == ("rowgroup", "2", "1.1")
    assert not first[1].xpath("./th"), "the second commitment of 1.1 sits under the same number"
    statuses = [
        text_of(span)
        for span in table.xpath(
            ".//td[contains(@class,'commitment')]/p[@class='details']/span[@class='detail-status']/strong"
        )
    ]
    assert statuses == ["In progress", "On track", "Complete"]


def test_lead_and_status_lines_appear_only_when_some_row_has_them(tmp_path):
    def plain(sheets):
        for row in sheets["Commitments"]:
            row.pop("Status")

    doc = page(edition(tmp_path, plain))
    headers = [text_of(h) for h in doc.xpath("(//table)[1]/thead/tr/th")]
    assert headers == ["Ref", "Commitment", "Update"]
    assert not doc.xpath("//p[@class='details']")


def test_rich_text_keeps_lists_formatting_links_and_metrics(rich):
    _, _, doc = rich
    update = doc.xpath("//td[contains(@class,'update')]")[0]
    assert [text_of(li) for li in update.xpath("./ul/li/ul/li")] == ["for all officers"]
    assert len(update.xpath("./ul/li")) == 2
    assert update.xpath(".//strong")[0].text == "bold words"
    assert update.xpath(".//em")[0].text == "italic words"
    links = update.xpath(".//a")
    assert [(a.get("href"), a.text) for a in links] == [("https://example.org/review", "the review")]
    assert "Dangerous stays text" in text_of(update)
    assert "Officers: 32,920." in text_of(update)


def test_glossary_is_a_table_with_row_headers(rich):
    _, _, doc = rich
    rows = doc.xpath("//table[contains(@class,'glossary')]/tbody/tr")
    assert [(r[0].tag, r[0].get("scope"), text_of(r[0]), text_of(r[1])) for r in rows] == [
        ("th", "row", "MOPAC", "Mayor's Office for Policing and Crime"),
        ("th", "row", "MPS", "Metropolitan Police Service"),
    ]


def test_cover_and_back_page_carry_the_publication_details(rich):
    _, _, doc = rich
    cover = text_of(doc.find(".//header"))
    assert "Monitoring period: 1 July 2025 to 30 September 2025" in cover
    assert "Published 14 November 2025" in cover
    assert "2025/26 Quarter 2 Update" in cover
    back = doc.find(".//footer")
    assert back.xpath(".//a/@href") == ["mailto:actionplan@example.gov.uk"]
    assert "Published by Office for Policing and Crime on 14 November 2025." in text_of(back)


def test_a_draft_carries_a_banner_and_a_final_does_not(rich, tmp_path):
    _, _, draft = rich
    assert text_of(draft.xpath("//header//*[contains(@class,'draft-banner')]")[0]) == "DRAFT – not for publication"
    final_doc = page(edition(tmp_path, final))
    assert not final_doc.xpath("//*[contains(@class,'draft-banner')]")
    assert "DRAFT" not in text_of(final_doc.find("body"))


def test_the_page_adapts_to_a_phone_and_to_print(rich):
    _, _, doc = rich
    style = "".join(doc.xpath("//style/text()"))
    assert "@media screen and (max-width: 40em)" in style
    assert "@media print" in style
    # On a phone each cell is labelled by its column, and explicit roles keep the table a table.
    cell = doc.xpath("//td[contains(@class,'update')]")[0]
    assert cell.get("data-label") == "Update" and cell.get("role") == "cell"
    assert doc.xpath("//table[contains(@class,'commitments')]/@role") == ["table", "table"]


def test_charts_sit_after_their_chapter_table_and_the_rest_in_a_data_section(tmp_path, monkeypatch):
    ed = edition(tmp_path, with_charts)
    fake_charts(monkeypatch, lambda e: [figure(e.chapters[0], "Officers by year"), figure(None, "Trust in the police")])
    doc = page(ed)
    chapter = doc.xpath("//section[h2[normalize-space()='1 Fairer use of police powers']]")[0]
    kinds = [child.tag for child in chapter]
    assert kinds.index("figure") > kinds.index("table")
    fig = chapter.find("figure")
    assert text_of(fig.find("figcaption")) == "Figure 1: Officers by year"
    svg = fig.xpath(".//*[local-name()='svg']")[0]
    assert svg.get("role") == "img" and svg.get("aria-label") == "Bars rising from 10 to 40"
    data = fig.xpath(".//table")[0]
    assert text_of(data.find("caption")) == "Data for figure 1: Officers by year"
    assert [text_of(th) for th in data.xpath(".//thead//th")] == ["Year", "Officers"]
    assert [text_of(th) for th in data.xpath(".//tbody//th[@scope='row']")] == ["2020", "2021"]
    sections = [text_of(h) for h in doc.xpath("//main/section/h2")]
    assert sections[-1] == "Data" and sections.index("Data") > sections.index("2 Working together")
    closing = doc.xpath("//section[h2='Data']//figcaption")
    assert [text_of(c) for c in closing] == ["Figure 2: Trust in the police"]


def test_an_edition_without_charts_never_imports_the_charts_module(tmp_path, monkeypatch):
    def explode(_):
        raise AssertionError("charts were drawn for an edition with none")

    fake_charts(monkeypatch, explode)
    assert b"<figure" not in write_edition("html", edition(tmp_path))


def test_a_long_edition_renders_every_row(tmp_path):
    ed = edition(tmp_path, long_edition)
    doc = page(ed)
    rows = doc.xpath("//table[contains(@class,'commitments')]/tbody/tr")
    assert len(rows) == len(ed.commitments)
    outline = build_outline(ed)
    assert [r.get("id") for r in rows] == [
        row.anchor for part in outline.parts if getattr(part, "table", None) for row in part.table.rows
    ]


def test_the_same_edition_gives_the_same_page(rich):
    ed, data, _ = rich
    assert write_edition("html", ed) == data
