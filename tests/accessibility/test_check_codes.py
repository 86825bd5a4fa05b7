"""Every check code, format by format: a file on which it fires and a near miss on which it does not.

With the meta-tests validation has (tests/test_validation_docs.py): every registered code is
documented in docs/accessibility.md, in its format's place and with its severities, every
documented code is registered, and every code a format's checks declare has both cases below.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import docx
import pikepdf
import pytest
import weasyprint
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from lxml import html as lxml_html

from reportgen.accessibility import KINDS, check_bytes, pdf_file_rules, pdf_rules
from reportgen.accessibility import docx as docx_check  # noqa: F401  (registers the DOCX checks)
from reportgen.accessibility import html as html_check  # noqa: F401  (registers the HTML checks)
from reportgen.accessibility import pdf as pdf_check  # noqa: F401  (registers the PDF checks)
from reportgen.accessibility.html_page import HtmlPage
from reportgen.accessibility.registry import CHECKS, CODES, Check, run_checks
from reportgen.core.findings import Severity, error, warning
from reportgen.writers.pdf.fixup import fix_pdf

from ..docx_fixtures import add_hyperlink, add_picture, add_table, document, good, save
from ..pdf_fixtures import GOOD_BODY, PNG, edit, elements, encrypted, page, tagged, unembedded_fonts
from ..pdf_fixtures import good as good_pdf

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@dataclass(frozen=True)
class Case:
    format: str
    code: str
    fires: Callable[[], object]  # a PDF's or DOCX's bytes, a python-docx Document, or an HTML page's text
    passes: Callable[[], object]

    def __str__(self) -> str:
        return f"{self.format}:{self.code}"


def findings(kind: str, made) -> list:
    """Every finding, reading ease included; an HTML page's without axe-core, with its stand-ins."""
    if kind == "html":
        return list(run_checks("html", HtmlPage(lxml_html.document_fromstring(made), stand_in=True, readability=True)))
    data = save(made) if isinstance(made, docx.document.Document) else made
    return check_bytes(data, kind, f"case.{kind}", readability=True)


# -- PDF --------------------------------------------------------------------------------------------------


@cache
def _untagged() -> bytes:
    return weasyprint.HTML(string=page(GOOD_BODY)).write_pdf()


def _changed(change) -> Callable[[], bytes]:
    return lambda: edit(good_pdf(), change)


def _fixed(body: str, css: str = "") -> Callable[[], bytes]:
    return lambda: fix_pdf(tagged(body, css))


def _delete(path: str):
    *owner, key = path.split(".")

    def change(pdf):
        node = pdf
        for name in owner:
            node = node.pages[0].obj if name == "page" else getattr(node, name)
        del node[f"/{key}"]

    return change


def _set_suspects(value: bool):
    def change(pdf):
        pdf.Root.MarkInfo.Suspects = value

    return change


def _page_content(operators: str):
    def change(pdf):
        first = pdf.pages[0]
        font = next(iter(first.Resources.Font.keys()))
        first.contents_add(pdf.make_stream(operators.format(font=font).encode()))

    return change


def _unreadable_content(pdf):
    pdf.pages[0].obj.Contents = pdf.make_stream(b"BT ET", Filter=pikepdf.Name("/FlateDecode"))  # not deflated


def _retype(role: str, new_role: str, role_map: dict[str, str] | None = None):
    def change(pdf):
        elements(pdf, role)[0].S = pikepdf.Name(new_role)
        if role_map is not None:
            pdf.Root.StructTreeRoot.RoleMap = pikepdf.Dictionary({k: pikepdf.Name(v) for k, v in role_map.items()})

    return change


def _role_map(role_map: dict[str, str]):
    def change(pdf):
        pdf.Root.StructTreeRoot.RoleMap = pikepdf.Dictionary({k: pikepdf.Name(v) for k, v in role_map.items()})

    return change


def _without_dc_title(pdf):
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        del meta["dc:title"]


def _without_pdfua_part(pdf):
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        del meta["{http://www.aiim.org/pdfua/ns/id/}part"]


def _language(tag: str):
    def change(pdf):
        pdf.Root.Lang = pikepdf.String(tag)

    return change


ROWSPAN_TABLE = (
    "<h1>Plan</h1><table><thead><tr><th>Ref</th><th>Update</th></tr></thead><tbody>"
    "<tr><th scope=row rowspan=2>1</th><td>a</td></tr><tr><td>b</td></tr></tbody></table>"
)


def _rowspan_past_the_end() -> bytes:
    def drop_last_row(pdf):
        body_group = elements(pdf, "/TBody")[0]
        body_group.K = pikepdf.Array(list(body_group.K)[:1])

    return edit(fix_pdf(tagged(ROWSPAN_TABLE)), drop_last_row)


TWO_TABLES = (
    "<h1>Plan</h1><table><thead><tr><th>Ref</th><th>Update</th></tr></thead>"
    "<tbody><tr><td>1</td><td>Done.</td></tr></tbody></table><h2 style='break-before: page'>Next</h2>"
    "<table><thead><tr><th>Ref</th><th>Update</th></tr></thead><tbody><tr><td>2</td><td>Begun.</td></tr></tbody></table>"
)
HEADER_TWICE = (
    "<h1>Plan</h1><table><thead><tr><th>Ref</th><th>Update</th></tr></thead><tbody>"
    "<tr><td>1</td><td>Done.</td></tr><tr><th>Ref</th><th>Update</th></tr>"
    "<tr><td>2</td><td>Started.</td></tr></tbody></table>"
)
HEADER_CELLS = (
    "<h1>Plan</h1><table><thead><tr><th>Ref</th><th>Update</th></tr></thead>"
    "<tbody><tr><th>1.1</th><td>Done.</td></tr></tbody></table>"
)
RUNNING_HEAD = "@page { @top-center { content: 'Running head' } }"
TWO_PAGES = "<h1>Plan</h1><p>One.</p><p style='break-before: page'>Two.</p>"
URL = "https://example.org/a/long/page"


def _link(text: str) -> Callable[[], bytes]:
    return _fixed(f'<h1>Plan</h1><p>Read <a href="{URL}">{text}</a>.</p>')


PDF_CASES = [
    Case("pdf", "pdf-not-tagged", _untagged, good_pdf),
    Case("pdf", "pdf-not-marked", _changed(_delete("Root.MarkInfo")), good_pdf),
    Case("pdf", "pdf-suspects", _changed(_set_suspects(True)), _changed(_set_suspects(False))),
    Case(
        "pdf",
        "pdf-untagged-content",
        _changed(_page_content("BT {font} 12 Tf 72 72 Td <0003> Tj ET")),
        _changed(_page_content("/Artifact BMC BT {font} 12 Tf 72 72 Td <0003> Tj ET EMC")),
    ),
    Case("pdf", "pdf-content-not-in-tree", lambda: tagged(TWO_PAGES, RUNNING_HEAD), _fixed(TWO_PAGES, RUNNING_HEAD)),
    Case("pdf", "pdf-parent-tree", _changed(_delete("Root.StructTreeRoot.ParentTree")), good_pdf),
    Case(
        "pdf",
        "pdf-role-unmapped",
        _changed(_retype("/P", "/Para")),
        _changed(_retype("/P", "/Para", {"/Para": "/P"})),
    ),
    Case("pdf", "pdf-role-remapped", _changed(_role_map({"/P": "/Span"})), _changed(_role_map({"/Para": "/P"}))),
    Case("pdf", "pdf-ua-identifier", _changed(_without_pdfua_part), good_pdf),
    Case("pdf", "pdf-title", _changed(_without_dc_title), good_pdf),
    Case("pdf", "pdf-display-title", _changed(_delete("Root.ViewerPreferences.DisplayDocTitle")), good_pdf),
    Case("pdf", "pdf-tag-misplaced", _changed(_retype("/LBody", "/Span")), good_pdf),
    Case("pdf", "pdf-language", _changed(_language("en GB")), _changed(_language("cy-GB"))),
    Case("pdf", "pdf-figure-alt", _fixed(f'<h1>Plan</h1><p><img src="{PNG}" width="20" height="20"></p>'), good_pdf),
    Case(
        "pdf",
        "pdf-heading-skipped",
        _fixed("<h1>Plan</h1><h3>Details</h3><p>Text.</p>"),
        _fixed("<h1>A</h1><h2>B</h2><h3>C</h3><h2>D</h2>"),
    ),
    Case("pdf", "pdf-heading-mixed", _changed(_retype("/H2", "/H")), good_pdf),
    Case(
        "pdf",
        "pdf-table-no-header",
        _fixed("<h1>Plan</h1><table><tr><td>Ref</td><td>Update</td></tr><tr><td>1.1</td><td>Done.</td></tr></table>"),
        good_pdf,
    ),
    Case(
        "pdf",
        "pdf-table-split",
        lambda: (FIXTURES / "pdf" / "weasyprint-table-over-pages.pdf").read_bytes(),
        _fixed(TWO_TABLES),
    ),
    Case(
        "pdf",
        "pdf-table-header-repeated",
        lambda: (FIXTURES / "pdf" / "weasyprint-table-over-pages.pdf").read_bytes(),
        _fixed(TWO_TABLES),
    ),
    Case("pdf", "pdf-table-rowspan", _rowspan_past_the_end, _fixed(ROWSPAN_TABLE)),
    Case("pdf", "pdf-th-scope", lambda: tagged(HEADER_CELLS), _fixed(HEADER_CELLS)),
    Case("pdf", "pdf-encryption", lambda: encrypted(accessible=False), lambda: encrypted(accessible=True)),
    Case(
        "pdf",
        "pdf-annotation-untagged",
        _changed(lambda pdf: pdf.pages[0].Annots[0].__delitem__("/StructParent")),
        good_pdf,
    ),
    Case("pdf", "pdf-link-not-in-link", _changed(_retype("/Link", "/Span")), good_pdf),
    Case(
        "pdf",
        "pdf-annotation-contents",
        _changed(lambda pdf: pdf.pages[0].Annots[0].__delitem__("/Contents")),
        good_pdf,
    ),
    Case("pdf", "pdf-tab-order", _changed(_delete("page.Tabs")), good_pdf),
    Case("pdf", "pdf-font-not-embedded", unembedded_fonts, good_pdf),
    Case("pdf", "pdf-font-unicode", unembedded_fonts, good_pdf),
    Case(
        "pdf", "pdf-glyph-missing", _fixed("<h1>Plan</h1><p>A box: \ue000.</p>"), _fixed("<h1>Plan</h1><p>A box.</p>")
    ),
    Case("pdf", "pdf-content-unreadable", _changed(_unreadable_content), good_pdf),
    Case("pdf", "link-text-missing", _link(f'<img src="{PNG}" width="20" height="20">'), good_pdf),
    Case("pdf", "link-text-bare-url", _link(URL), good_pdf),
    Case("pdf", "link-text-unclear", _link("click here"), good_pdf),
    Case(
        "pdf",
        "contrast-low",
        _fixed('<h1>Plan</h1><p style="color: #8a8a8a; font-size: 12px">Grey.</p>'),
        _fixed('<h1>Plan</h1><p style="color: #8a8a8a; font-size: 24px">Grey.</p>'),
    ),
    Case("pdf", "readability", good_pdf, _fixed("<h1>Plan</h1>")),
]


# -- DOCX -------------------------------------------------------------------------------------------------


def _without_language():
    made = good()
    for part in (made.styles.element, made.settings.element):
        for lang in part.iter(qn("w:lang"), qn("w:themeFontLang")):
            lang.getparent().remove(lang)
    return made


def _heading_after_the_first(level: int):
    made = document()
    made.add_heading("Details", level)
    return made


def _plain_paragraphs(count: int):
    made = docx.Document()
    made.core_properties.title = "Plan"
    for number in range(count):
        made.add_paragraph(f"Paragraph {number} of plain text.")
    return made


def _picture(alt: str | None, decorative: bool = False, floating: bool = False):
    made = document()
    properties = add_picture(made, alt)
    if decorative:
        extensions = OxmlElement("a:extLst")
        extension = OxmlElement("a:ext")
        extension.set("uri", "{C183D7F6-B498-43B3-948B-1728B52AA6E4}")
        extension.append(
            extension.makeelement(
                "{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative", {"val": "1"}
            )
        )
        extensions.append(extension)
        properties.append(extensions)
    if floating:
        made.paragraphs[-1]._p.xpath(".//wp:inline")[0].tag = qn("wp:anchor")
    return made


def _table(header: bool = True, merge: tuple[tuple[int, int], tuple[int, int]] | None = None):
    made = document()
    table = add_table(made, [["Ref", "Update", "Lead"], ["1.1", "Done.", "MPS"], ["", "Begun.", "MPS"]], header=header)
    if merge is not None:
        (row, column), (to_row, to_column) = merge
        table.cell(row, column).merge(table.cell(to_row, to_column))
    return made


def _paragraphs(*texts: str):
    made = document()
    for text in texts:
        made.add_paragraph(text)
    return made


def _real_list():
    made = document()
    made.add_paragraph("Real bullet", style="List Bullet")
    made.add_paragraph("Real number", style="List Number")
    return made


def _docx_link(text: str):
    made = document()
    add_hyperlink(made.add_paragraph("Read "), text, "https://example.org/plan")
    return made


def _grey_text(points: int):
    made = document()
    run = made.add_paragraph().add_run("Grey words")
    run.font.color.rgb = RGBColor(0x8A, 0x8A, 0x8A)
    run.font.size = Pt(points)
    return made


DOCX_CASES = [
    Case("docx", "docx-title", lambda: document(title=""), document),
    Case("docx", "docx-language", _without_language, good),
    Case("docx", "docx-heading-skipped", lambda: _heading_after_the_first(3), lambda: _heading_after_the_first(2)),
    Case("docx", "docx-no-headings", lambda: _plain_paragraphs(21), lambda: _plain_paragraphs(20)),
    Case("docx", "docx-alt-text", lambda: _picture(None), lambda: _picture(None, decorative=True)),
    Case("docx", "docx-object-not-inline", lambda: _picture("A chart", floating=True), lambda: _picture("A chart")),
    Case("docx", "docx-table-header", lambda: _table(header=False), _table),
    Case("docx", "docx-table-header-merged", lambda: _table(merge=((0, 1), (0, 2))), _table),
    Case("docx", "docx-table-merged", lambda: _table(merge=((1, 2), (2, 2))), lambda: _table(merge=((1, 0), (2, 0)))),
    Case("docx", "docx-list-typed", lambda: _paragraphs("• Typed bullet"), _real_list),
    Case(
        "docx",
        "docx-list-typed-number",
        lambda: _paragraphs("1. First typed step", "2. Second typed step"),
        lambda: _paragraphs("1. The only typed step", "Then plain text."),
    ),
    Case(
        "docx",
        "docx-blank-paragraphs",
        lambda: _paragraphs("Before.", "", " ", "After."),
        lambda: _paragraphs("Before.", "", "After."),
    ),
    Case("docx", "link-text-missing", lambda: _docx_link(""), good),
    Case("docx", "link-text-bare-url", lambda: _docx_link("https://example.org/plan"), good),
    Case("docx", "link-text-unclear", lambda: _docx_link("click here"), good),
    Case("docx", "contrast-low", lambda: _grey_text(11), lambda: _grey_text(18)),
    Case("docx", "readability", good, document),
]


# -- HTML (without axe-core, whose codes are its own) -------------------------------------------------------

HTML_GOOD = (
    '<a href="#main">Skip</a><main id="main"><h1 id="top">Update</h1>'
    '<p>Read <a href="https://example.org/plan">the full action plan</a>.</p>'
    '<table><tr><th id="h">Ref</th></tr><tr><td headers="h">1</td></tr></table>'
    '<svg role="img" aria-label="Bars"></svg><img src="data:," alt=""></main>'
)


def _html(body: str = HTML_GOOD, title: str = "Update") -> Callable[[], str]:
    return lambda: f'<!DOCTYPE html><html lang="en-GB"><head><title>{title}</title></head><body>{body}</body></html>'


def _html_with(old: str, new: str) -> Callable[[], str]:
    assert old in HTML_GOOD, old
    return _html(HTML_GOOD.replace(old, new))


PLAIN_TABLE = "<table><tr><td>Ref</td></tr><tr><td>1</td></tr></table>"
HTML_CASES = [
    Case(
        "html",
        "html-heading-skipped",
        _html_with("</main>", "<h3>Deep</h3></main>"),
        _html_with("</main>", "<h2>Next</h2></main>"),
    ),
    Case(
        "html",
        "html-table-no-header",
        _html_with("</main>", PLAIN_TABLE + "</main>"),
        _html_with("</main>", PLAIN_TABLE.replace("<table>", '<table role="presentation">') + "</main>"),
    ),
    Case("html", "html-title-missing", _html(title=" "), _html()),
    Case("html", "html-heading-empty", _html_with(">Update</h1>", "> </h1>"), _html()),
    Case("html", "html-table-header-empty", _html_with(">Ref</th>", "></th>"), _html()),
    Case("html", "html-id-duplicate", _html_with('<td headers="h">', '<td id="h" headers="h">'), _html()),
    Case("html", "html-reference-broken", _html_with('href="#main"', 'href="#nowhere"'), _html()),
    Case("html", "html-image-name", _html_with(' alt=""', ""), _html()),
    Case("html", "link-text-missing", _html_with(">the full action plan<", "><"), _html()),
    Case("html", "link-text-bare-url", _html_with(">the full action plan<", ">https://example.org/plan<"), _html()),
    Case("html", "link-text-unclear", _html_with(">the full action plan<", ">click here<"), _html()),
    Case("html", "readability", _html(), _html(HTML_GOOD.replace("<p>Read", "<div>Read").replace(".</p>", ".</div>"))),
]

CASES = PDF_CASES + DOCX_CASES + HTML_CASES


@pytest.mark.parametrize("case", CASES, ids=str)
def test_the_code_fires(case):
    found = [f for f in findings(case.format, case.fires()) if f.code == case.code]
    assert found, f"{case} did not fire"
    assert {f.severity for f in found} <= CODES[case.code].severities


@pytest.mark.parametrize("case", CASES, ids=str)
def test_the_code_does_not_fire_on_a_near_miss(case):
    assert [f.as_text() for f in findings(case.format, case.passes()) if f.code == case.code] == []


# -- meta-tests ---------------------------------------------------------------------------------------------


def test_every_code_each_format_declares_has_a_case_and_every_case_a_declared_code():
    declared = {(item.format, code) for kind in KINDS for item in CHECKS[kind] for code in item.codes}
    cased = [(case.format, case.code) for case in CASES]
    assert len(cased) == len(set(cased)), "one case per code and format"
    assert sorted(declared - set(cased)) == [], "add a case (fires, does not fire) to CASES"
    assert sorted(set(cased) - declared) == []


def documented_codes() -> dict[str, list[tuple[str, str]]]:
    """Code -> [(section, severity)] for each row of a table in docs/accessibility.md."""
    found: dict[str, list[tuple[str, str]]] = {}
    section = ""
    for line in (ROOT / "docs" / "accessibility.md").read_text().splitlines():
        if line.startswith("## "):
            section = line[3:].strip()
        row = re.match(r"^\| `([a-z0-9-]+)` \| ([^|]+) \|", line)
        if row:
            found.setdefault(row.group(1), []).append((section, row.group(2).strip()))
    return found


# The section of docs/accessibility.md a code reported by one format's checks belongs in.
SECTIONS = {"pdf": "PDF: PDF/UA-1", "docx": "DOCX:", "html": "HTML:"}
SHARED_SECTION = "Every format"


def test_every_code_is_documented_in_its_formats_place():
    documented = documented_codes()
    assert sorted(set(CODES) - set(documented)) == [], "add these codes to docs/accessibility.md"
    for code, entry in CODES.items():
        sections = [section for section, _ in documented[code]]
        if len(entry.formats) > 1:
            assert SHARED_SECTION in sections, f"{code} is reported by several formats: document it under Every format"
        else:
            (kind,) = entry.formats
            assert any(s.startswith(SECTIONS[kind]) for s in sections), f"{code}: document it under {SECTIONS[kind]}"


def test_the_documentation_lists_no_code_that_no_check_reports():
    assert sorted(set(documented_codes()) - set(CODES)) == []


def test_every_documented_severity_is_the_registered_one():
    words = {Severity.ERROR: "error", Severity.WARNING: "warning"}
    for code, rows in documented_codes().items():
        for section, severity in rows:
            said = {value for value in words.values() if value in severity}
            assert said == {words[s] for s in CODES[code].severities}, f"{code} in {section}: {severity}"


def test_every_check_says_why_in_its_docstring():
    for kind in KINDS:
        for item in CHECKS[kind]:
            assert item.run.__doc__ and item.run.__doc__.strip(), item.name


def test_the_pdf_file_checks_run_before_the_structure_checks():
    # The printed order is part of the output: the file's findings, then the tree's, page by page.
    modules = [item.run.__module__ for item in CHECKS["pdf"]]
    assert modules == sorted(modules, key=[pdf_file_rules.__name__, pdf_rules.__name__].index)


def test_axe_core_or_its_stand_ins_come_before_the_html_content_checks():
    # Printed order: what axe-core (or, in a build, the stand-ins) found, then headings, links, tables, reading ease.
    names = [item.name for item in CHECKS["html"]]
    first_content = names.index("heading_levels")
    assert names[first_content:] == ["heading_levels", "link_text", "table_headers", "reading_ease"]
    assert {item.run.__module__ for item in CHECKS["html"][:first_content]} == {
        html_check.__name__,
        "reportgen.accessibility.html_shape",
    }


def test_a_check_may_report_only_the_codes_and_severities_it_declares():
    def reporting(*found):
        return [Check("made_up", "pdf", ("pdf-title",), lambda document: found)]

    assert list(run_checks("pdf", None, reporting(error("pdf-title", "no title")))) == [error("pdf-title", "no title")]
    with pytest.raises(AssertionError, match="undeclared code pdf-language"):
        list(run_checks("pdf", None, reporting(error("pdf-language", "no language"))))
    with pytest.raises(AssertionError, match="pdf-title as an undeclared"):
        list(run_checks("pdf", None, reporting(warning("pdf-title", "no title"))))


def test_axe_cores_rule_ids_pass_through_as_its_own_not_ours():
    (axe,) = [item for item in CHECKS["html"] if item.foreign_prefix]
    results = {"violations": [{"id": "image-alt", "tags": ["wcag2a"], "help": "Images need text", "nodes": [{}]}]}
    found = list(run_checks("html", HtmlPage(lxml_html.document_fromstring("<p>x</p>"), axe=results), [axe]))
    assert [(f.code, f.severity) for f in found] == [("axe-image-alt", Severity.ERROR)]
    assert not any(code.startswith("axe-") for code in CODES)
