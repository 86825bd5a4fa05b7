"""The PDF check: PDF/UA-1's machine-checkable conditions on good and deliberately broken files, and fix_pdf."""

from __future__ import annotations

import io
import re

import pikepdf
import pytest
import weasyprint
from click.testing import CliRunner

from reportgen.accessibility import check_bytes, check_file
from reportgen.cli import cli
from reportgen.core.errors import ReportgenError
from reportgen.core.findings import Severity
from reportgen.writers.pdf.fixup import fix_pdf

from ..pdf_fixtures import GOOD_BODY, PNG, edit, elements, encrypted, good, page, tagged, unembedded_fonts


def check(data: bytes):
    return check_bytes(data, "pdf", "test.pdf")


def errors(findings) -> list[str]:
    return [f.code for f in findings if f.severity is Severity.ERROR]


# -- good files ------------------------------------------------------------------------------------------


def test_a_tagged_weasyprint_pdf_after_fix_pdf_has_no_findings():
    assert [f.as_text() for f in check(good())] == []


def test_the_project_pdf_after_fix_pdf_has_no_errors(tmp_path):
    from reportgen.workbook.reader import load
    from reportgen.writers import write_edition

    from ..builders import make

    data = fix_pdf(write_edition("pdf", load(make(tmp_path)).edition))
    assert [f.as_text() for f in check(data) if f.is_error] == []


# -- document-level conditions -----------------------------------------------------------------------


def test_an_untagged_pdf_fails_for_tags_identification_and_untagged_content():
    plain = weasyprint.HTML(string=page(GOOD_BODY)).write_pdf()
    findings = check(plain)
    codes = errors(findings)
    for code in ("pdf-not-tagged", "pdf-not-marked", "pdf-ua-identifier", "pdf-untagged-content", "pdf-tab-order"):
        assert code in codes, code
    untagged = next(f for f in findings if f.code == "pdf-untagged-content")
    assert untagged.source.where == "page 1" and '"Action plan"' in untagged.message


def test_missing_title_display_title_and_language_are_each_reported():
    def strip(pdf):
        del pdf.Root.ViewerPreferences.DisplayDocTitle
        del pdf.Root.Lang
        with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
            del meta["dc:title"]

    codes = errors(check(edit(good(), strip)))
    assert {"pdf-display-title", "pdf-language", "pdf-title"} <= set(codes)
    assert "pdf-ua-identifier" not in codes


def test_a_pdf_without_the_pdfua_identifier_fails():
    def strip(pdf):
        with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
            del meta["{http://www.aiim.org/pdfua/ns/id/}part"]

    assert errors(check(edit(good(), strip))) == ["pdf-ua-identifier"]


def test_a_pdf_that_forbids_assistive_technology_fails_and_a_password_cannot_be_checked():
    assert "pdf-encryption" in errors(check(encrypted(accessible=False)))
    assert "pdf-encryption" not in errors(check(encrypted(accessible=True)))
    with pikepdf.open(io.BytesIO(good())) as pdf:
        secret = io.BytesIO()
        pdf.save(secret, encryption=pikepdf.Encryption(owner="owner", user="secret", R=6))
    with pytest.raises(ReportgenError, match="needs a password"):
        check(secret.getvalue())


# -- structure ------------------------------------------------------------------------------------------


def test_a_skipped_heading_level_fails_at_the_heading():
    findings = check(fix_pdf(tagged("<h1>Plan</h1><h3>Details</h3><p>Text.</p>")))
    skipped = [f for f in findings if f.code == "pdf-heading-skipped"]
    assert len(skipped) == 1 and skipped[0].is_error
    assert skipped[0].source.where == 'page 1, H3 1 ("Details")'
    assert "H3 follows H1" in skipped[0].message


def test_headings_in_order_pass_and_a_first_heading_below_h1_fails():
    assert "pdf-heading-skipped" not in errors(check(fix_pdf(tagged("<h1>A</h1><h2>B</h2><h3>C</h3><h2>D</h2>"))))
    assert "pdf-heading-skipped" in errors(check(fix_pdf(tagged("<h2>Starts low</h2><p>Text.</p>"))))


def test_an_image_without_alt_text_fails_as_a_figure_without_alt():
    findings = check(fix_pdf(tagged(f'<h1>Plan</h1><p><img src="{PNG}" width="20" height="20"></p>')))
    figure = next(f for f in findings if f.code == "pdf-figure-alt")
    assert figure.is_error and figure.source.where == "page 1, Figure 1"


def test_a_table_without_header_cells_fails():
    body = "<h1>Plan</h1><table><tr><td>Ref</td><td>Update</td></tr><tr><td>1.1</td><td>Done.</td></tr></table>"
    findings = check(fix_pdf(tagged(body)))
    assert errors(findings) == ["pdf-table-no-header"]
    assert findings[0].source.where == "page 1, Table 1"


def test_weasyprint_header_cells_lack_scope_and_fix_pdf_adds_column_and_row():
    body = (
        "<h1>Plan</h1><table><thead><tr><th>Ref</th><th>Update</th></tr></thead>"
        "<tbody><tr><th>1.1</th><td>Done.</td></tr></tbody></table>"
    )
    raw = tagged(body)
    scope = [f for f in check(raw) if f.code == "pdf-th-scope"]
    assert [f.source.where for f in scope] == [
        "page 1, Table 1 > TR 1 > TH 1",
        "page 1, Table 1 > TR 1 > TH 2",
        "page 1, Table 1 > TR 2 > TH 1",
    ]
    fixed = fix_pdf(raw)
    with pikepdf.open(io.BytesIO(fixed)) as pdf:
        scopes = [str(th.A.Scope) for th in elements(pdf, "/TH")]
    assert scopes == ["/Column", "/Column", "/Row"]
    assert [f.code for f in check(fixed)] == []


ROWGROUP_TABLE = (
    "<h1>Plan</h1><table><thead><tr><th>Ref</th><th>Action</th><th>Update</th></tr></thead>"
    "<tbody><tr><th scope=rowgroup rowspan=2>1</th><td>a1</td><td>u1</td></tr>"
    "<tr><td>a2</td><td>u2</td></tr></tbody>"
    "<tbody><tr><th scope=rowgroup rowspan=2>2</th><td>b1</td><td>v1</td></tr>"
    "<tr><td>b2</td><td>v2</td></tr></tbody></table>"
)


def _cell_headers(data: bytes) -> tuple[list[str], list[list[str]]]:
    """(the TH IDs in document order, each TD's /Headers in document order)."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return (
            [str(th.ID) for th in elements(pdf, "/TH")],
            [[str(h) for h in td.A.Headers] for td in elements(pdf, "/TD")],
        )


def test_fix_pdf_gives_the_structure_root_an_id_tree_resolving_every_header_id():
    raw = tagged(ROWGROUP_TABLE)
    with pikepdf.open(io.BytesIO(raw)) as pdf:
        assert "/IDTree" not in pdf.Root.StructTreeRoot
    fixed = fix_pdf(raw)
    with pikepdf.open(io.BytesIO(fixed)) as pdf:
        tree = pikepdf.NameTree(pdf.Root.StructTreeRoot.IDTree)
        ths = elements(pdf, "/TH")
        assert sorted(tree.keys()) == sorted(str(th.ID) for th in ths)
        assert all(tree[str(th.ID)].objgen == th.objgen for th in ths)
        for td in elements(pdf, "/TD"):
            assert all(str(h) in tree for h in td.A.Headers)
    assert fix_pdf(raw) == fixed and fix_pdf(fixed) == fixed


def test_fix_pdf_recomputes_cell_headers_after_a_row_group_header_with_a_rowspan():
    ids, raw_headers = _cell_headers(tagged(ROWGROUP_TABLE))
    ref, action, update, group1, group2 = ids
    assert raw_headers[2] != [action, group1]  # WeasyPrint shifts the second row's cells by the rowspan
    fixed = fix_pdf(tagged(ROWGROUP_TABLE))
    _, headers = _cell_headers(fixed)
    assert headers == [
        [action, group1],
        [update, group1],
        [action, group1],
        [update, group1],
        [action, group2],
        [update, group2],
        [action, group2],
        [update, group2],
    ]
    assert errors(check(fixed)) == []


# A table of shared Refs (two rows each) long enough for A6 pages to break it several times,
# inside a group, between its rows and inside a row.
SPLIT_TABLE = (
    "<h1>Plan</h1><table><thead><tr><th>Ref</th><th>Update</th></tr></thead>"
    + "".join(
        f"<tbody><tr><th scope=row rowspan=2>{g}.1</th><td>First {g} {'word ' * 50}</td></tr>"
        f"<tr><td>Second {g} {'text ' * 50}</td></tr></tbody>"
        for g in range(6)
    )
    + "</table><p>After.</p>"
)
A6 = "@page { size: A6 }"


def _recorded(body: str, css: str = "") -> bytes:
    """The PDF as the renderer makes it: WeasyPrint's tagging recorded, then fix_pdf."""
    from reportgen.writers.pdf.writer import structure_sources_recorded

    with structure_sources_recorded() as sources:
        data = weasyprint.HTML(string=page(body, css)).write_pdf(pdf_variant="pdf/ua-1")
    assert sources, "WeasyPrint's tagging was not recorded"
    return fix_pdf(data, sources)


def test_a_table_over_pages_from_plain_weasyprint_is_split_repeats_its_header_and_overruns_a_rowspan():
    plain = tagged(SPLIT_TABLE, A6)
    with pikepdf.open(io.BytesIO(plain)) as pdf:
        assert len(pdf.pages) >= 5 and len(elements(pdf, "/Table")) == len(pdf.pages)
    for data in (plain, fix_pdf(plain)):  # without the renderer's record, fix_pdf cannot join them
        findings = [f for f in check(data) if f.severity is Severity.ERROR]
        codes = {f.code for f in findings}
        assert codes == {"pdf-table-split", "pdf-table-header-repeated", "pdf-table-rowspan"}
        split = [f.source.where for f in findings if f.code == "pdf-table-split"]
        assert split == [f"page {n}, Table {n}" for n in range(2, len(split) + 2)]
        assert [f.source.where.split(",")[0] for f in findings if f.code == "pdf-table-header-repeated"] == [
            w.split(",")[0] for w in split
        ]
        rowspan = [f for f in findings if f.code == "pdf-table-rowspan"]
        assert rowspan and all("RowSpan is 2" in f.message and "> TH 1" in f.source.where for f in rowspan)


def test_the_committed_plain_weasyprint_fixture_fails_on_exactly_the_table_structure():
    from pathlib import Path

    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "pdf" / "weasyprint-table-over-pages.pdf"
    findings = check(fixture.read_bytes())
    by_code: dict[str, list[str]] = {}
    for finding in findings:
        if finding.severity is Severity.ERROR:
            by_code.setdefault(finding.code, []).append(finding.source.where)
    assert sorted(by_code) == ["pdf-table-header-repeated", "pdf-table-rowspan", "pdf-table-split"]
    assert by_code["pdf-table-split"] == [f"page {n}, Table {n}" for n in range(2, 7)]
    # Four page breaks fall between the two rows of a shared Ref.
    assert by_code["pdf-table-rowspan"] == [
        'page 2, Table 2 > TR 5 > TH 1 ("2.1")',
        'page 3, Table 3 > TR 4 > TH 1 ("3.1")',
        'page 4, Table 4 > TR 4 > TH 1 ("4.1")',
        'page 5, Table 5 > TR 4 > TH 1 ("5.1")',
    ]


def test_fix_pdf_with_the_renderers_record_makes_one_table_with_its_repeats_as_artifacts():
    from reportgen.accessibility.pdf_content import read_page

    fixed = _recorded(SPLIT_TABLE, A6)
    assert errors(check(fixed)) == []
    with pikepdf.open(io.BytesIO(fixed)) as pdf:
        assert len(elements(pdf, "/Table")) == 1 and len(elements(pdf, "/THead")) == 1
        assert len(elements(pdf, "/TBody")) == 6
        rows = elements(pdf, "/TR")
        assert len(rows) == 1 + 12
        spans = [int(th.A.RowSpan) for th in elements(pdf, "/TH") if "/RowSpan" in th.A]
        assert spans == [2] * 6
        # Every update cell is headed by the one Update header and by its own group's Ref, on any page.
        ids = [str(th.ID) for th in elements(pdf, "/TH")]
        column, groups = ids[1], ids[2:]
        assert [[str(h) for h in td.A.Headers] for td in elements(pdf, "/TD")] == [
            [column, groups[index // 2]] for index in range(12)
        ]
        pages = len(pdf.pages)
        later = [" ".join(r.text for r in read_page(pdf.pages[i], {}).runs if r.artifact) for i in range(1, pages)]
        assert all(" ".join(text.split()) == "Ref Update" for text in later)
        assert not any(r.artifact for r in read_page(pdf.pages[0], {}).runs)
    text = " ".join(" ".join(t.split()) for t in _tree_text(fixed))
    assert [int(m) for m in re.findall(r"First (\d)", text)] == list(range(6))
    assert [int(m) for m in re.findall(r"Second (\d)", text)] == list(range(6))
    assert text.count("Ref") == 1
    assert _recorded(SPLIT_TABLE, A6) == fixed and fix_pdf(fixed) == fixed


def test_a_link_over_a_page_break_is_one_link_that_the_parent_tree_still_finds():
    # WeasyPrint makes a Link element for each line of a link; the two lines either side of a
    # page break are one link broken by the page, joined, and lines on one page stay as they are.
    words = " ".join(f"word{n}" for n in range(400))
    fixed = _recorded(f"<h1>Plan</h1><p>Read <a href='https://example.org/plan'>the plan {words}</a>.</p>", A6)
    assert errors(check(fixed)) == []
    with pikepdf.open(io.BytesIO(fixed)) as pdf:
        pages = len(pdf.pages)
        assert pages >= 3 and len(elements(pdf, "/P")) == 1
        parent_tree = pikepdf.NumberTree(pdf.Root.StructTreeRoot.ParentTree)
        page_numbers = {page.objgen: index for index, page in enumerate(pdf.pages)}
        joined = []
        for link in elements(pdf, "/Link"):
            kids = list(link.K)
            annotations = [k.Obj for k in kids if isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/OBJR"]
            for annotation in annotations:
                assert parent_tree[int(annotation.StructParent)].objgen == link.objgen
            references = [k for k in kids if isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/MCR"]
            for reference in references:  # the later page's marked content keeps its page
                page = pdf.pages[page_numbers[reference.Pg.objgen]]
                assert parent_tree[int(page.StructParents)][int(reference.MCID)].objgen == link.objgen
            if len(annotations) > 1:
                joined.append((page_numbers[link.Pg.objgen], [page_numbers[r.Pg.objgen] for r in references]))
        assert [first for first, _ in joined] == list(range(pages - 1))
        assert all(set(later) == {first + 1} for first, later in joined)


def _tree_text(data: bytes) -> list[str]:
    """The text of each Table, read through the structure tree as a screen reader would."""
    from reportgen.accessibility.pdf_content import read_page
    from reportgen.accessibility.pdf_document import PdfDocument
    from reportgen.writers.pdf.structure import read_structure

    with pikepdf.open(io.BytesIO(data)) as pdf:
        pages = [read_page(p, {}) for p in pdf.pages]
        tree = read_structure(pdf)
        document = PdfDocument(pdf, pages, tree)
        return [document.text(e) for e in tree.elements if e.role == "Table"]


def test_separate_tables_on_successive_pages_are_not_a_split_table():
    table = (
        "<table><thead><tr><th>{0}</th><th>Update</th></tr></thead>"
        "<tbody><tr><td>1</td><td>Done.</td></tr></tbody></table>"
    )
    new_page = "<h2 style='break-before: page'>Next</h2>"
    with_heading = "<h1>Plan</h1>" + table.format("Ref") + new_page + table.format("Ref")
    other_header = (
        "<h1>Plan</h1>" + table.format("Ref") + "<div style='break-before: page'></div>" + table.format("Item")
    )
    for body in (with_heading, other_header):
        data = fix_pdf(tagged(body))
        with pikepdf.open(io.BytesIO(data)) as pdf:
            assert len(pdf.pages) == 2
        assert errors(check(data)) == []


def test_a_header_row_tagged_again_inside_one_table_is_reported():
    body = (
        "<h1>Plan</h1><table><thead><tr><th>Ref</th><th>Update</th></tr></thead><tbody>"
        "<tr><td>1</td><td>Done.</td></tr><tr><th>Ref</th><th>Update</th></tr>"
        "<tr><td>2</td><td>Started.</td></tr></tbody></table>"
    )
    findings = check(fix_pdf(tagged(body)))
    assert [f.source.where for f in findings if f.code == "pdf-table-header-repeated"] == [
        'page 1, Table 1 > TR 3 ("RefUpdate")'
    ]


def test_a_rowspan_past_the_last_row_is_reported_and_one_inside_the_table_is_not():
    body = (
        "<h1>Plan</h1><table><thead><tr><th>Ref</th><th>Update</th></tr></thead><tbody>"
        "<tr><th scope=row rowspan=2>1</th><td>a</td></tr><tr><td>b</td></tr></tbody></table>"
    )
    assert errors(check(fix_pdf(tagged(body)))) == []

    def drop_last_row(pdf):
        body_group = elements(pdf, "/TBody")[0]
        body_group.K = pikepdf.Array(list(body_group.K)[:1])

    findings = check(edit(fix_pdf(tagged(body)), drop_last_row))
    overrun = [f for f in findings if f.code == "pdf-table-rowspan"]
    assert [f.source.where for f in overrun] == ['page 1, Table 1 > TR 2 > TH 1 ("1")']
    assert "runs 1 row past the last row of its table (2 rows)" in overrun[0].message


def test_header_cells_without_scope_or_headers_are_errors():
    def drop_headers(pdf):
        for cell in elements(pdf, "/TD"):
            del cell.A.Headers

    broken = edit(tagged(GOOD_BODY), drop_headers)
    assert [f.severity for f in check(broken) if f.code == "pdf-th-scope"] == [Severity.ERROR, Severity.ERROR]


def test_misplaced_list_and_table_tags_fail():
    def break_list(pdf):
        elements(pdf, "/LBody")[0].S = pikepdf.Name("/Span")

    findings = check(edit(good(), break_list))
    misplaced = [f for f in findings if f.code == "pdf-tag-misplaced"]
    assert misplaced and misplaced[0].source.where == "page 1, L 1 > LI 1 > Span"
    assert "may contain only LBody, Lbl" in misplaced[0].message


def test_non_standard_types_need_a_role_map_and_standard_types_must_not_be_remapped():
    def rename(pdf):
        elements(pdf, "/P")[0].S = pikepdf.Name("/Para")

    renamed = edit(good(), rename)
    assert errors(check(renamed)) == ["pdf-role-unmapped"]

    def role_map(pdf):
        pdf.Root.StructTreeRoot.RoleMap = pikepdf.Dictionary({"/Para": pikepdf.Name("/P")})

    assert errors(check(edit(renamed, role_map))) == []

    def remap_standard(pdf):
        pdf.Root.StructTreeRoot.RoleMap = pikepdf.Dictionary({"/P": pikepdf.Name("/Span")})

    assert errors(check(edit(good(), remap_standard))) == ["pdf-role-remapped"]


# -- content --------------------------------------------------------------------------------------------


def test_text_drawn_outside_marked_content_fails_as_untagged():
    def add_untagged_text(pdf):
        first_page = pdf.pages[0]
        font = next(iter(first_page.Resources.Font.keys()))
        first_page.contents_add(pdf.make_stream(f"BT {font} 12 Tf 72 72 Td <0003> Tj ET".encode()))

    findings = check(edit(good(), add_untagged_text))
    assert errors(findings) == ["pdf-untagged-content"]
    assert findings[0].source.where == "page 1" and "1 piece of text" in findings[0].message


def test_running_heads_tagged_outside_the_tree_fail_and_fix_pdf_makes_them_artifacts():
    body = "<h1>Plan</h1><p>One.</p><p style='break-before: page'>Two.</p>"
    raw = tagged(body, "@page { @top-center { content: 'Running head' } }")
    assert [f.source.where for f in check(raw) if f.code == "pdf-content-not-in-tree"] == ["page 1", "page 2"]
    fixed = fix_pdf(raw)
    assert check(fixed) == []
    with pikepdf.open(io.BytesIO(fixed)) as pdf:
        operators = [(str(i.operator), list(i.operands)) for i in pikepdf.parse_content_stream(pdf.pages[1])]
    assert ("BDC", [pikepdf.Name("/Artifact"), pikepdf.Dictionary({"/Type": pikepdf.Name("/Pagination")})]) in operators


def test_the_byte_level_repair_of_running_heads_matches_the_parsed_repair(monkeypatch):
    from reportgen.writers.pdf import fixup as pdf_fixup

    body = "<h1>Plan</h1><p>One.</p><p style='break-before: page'>Two <b>bold</b>.</p>"
    raw = tagged(body, "@page { @top-center { content: 'Running head' } }")
    fast = fix_pdf(raw)
    monkeypatch.setattr(pdf_fixup, "_orphans_in_bytes", lambda *args: None)
    parsed = fix_pdf(raw)

    def instructions(data):
        with pikepdf.open(io.BytesIO(data)) as pdf:
            return [
                [(str(i.operator), [str(o) for o in i.operands]) for i in pikepdf.parse_content_stream(page)]
                for page in pdf.pages
            ]

    assert instructions(fast) == instructions(parsed)
    assert check(fast) == []


def test_low_contrast_text_fails_and_large_or_dark_on_light_text_passes():
    findings = check(fix_pdf(tagged('<h1>Plan</h1><p style="color: #aaaaaa">Pale words.</p>')))
    low = [f for f in findings if f.code == "contrast-low"]
    assert len(low) == 1 and low[0].is_error and low[0].source.where == "page 1, P 1"
    assert "#AAAAAA on #FFFFFF" in low[0].message and "4.5:1" in low[0].message
    # 3.5:1 is enough for large text (24 px = 18 pt) but not for body text.
    body = '<h1>Plan</h1><p style="color: #8a8a8a; font-size: 24px">Large.</p>'
    assert "contrast-low" not in errors(check(fix_pdf(tagged(body))))
    assert "contrast-low" in errors(check(fix_pdf(tagged(body.replace("24px", "12px")))))


def test_fonts_must_be_embedded_and_map_to_unicode():
    findings = check(unembedded_fonts())
    fonts = [(f.code, f.message.split(" ")[2]) for f in findings if f.code.startswith("pdf-font")]
    assert fonts == [("pdf-font-not-embedded", "Helvetica"), ("pdf-font-unicode", "Sans")]


# -- links and annotations ------------------------------------------------------------------------------


def test_a_bare_url_as_link_text_is_a_warning_and_click_here_too():
    url = "https://example.org/a/long/page"
    findings = check(
        fix_pdf(tagged(f'<h1>Plan</h1><p><a href="{url}">{url}</a> or <a href="{url}">click here</a>.</p>'))
    )
    links = [(f.code, f.severity) for f in findings]
    assert links == [("link-text-bare-url", Severity.WARNING), ("link-text-unclear", Severity.WARNING)]
    assert findings[0].source.where.startswith("page 1, Link 1")


def test_links_need_a_contents_description_a_link_tag_and_structure_tab_order():
    def no_contents(pdf):
        del pdf.pages[0].Annots[0].Contents

    assert errors(check(edit(good(), no_contents))) == ["pdf-annotation-contents"]

    def untag(pdf):
        del pdf.pages[0].Annots[0].StructParent

    assert errors(check(edit(good(), untag))) == ["pdf-annotation-untagged"]

    def wrong_tag(pdf):
        elements(pdf, "/Link")[0].S = pikepdf.Name("/Span")

    assert "pdf-link-not-in-link" in errors(check(edit(good(), wrong_tag)))

    def no_tabs(pdf):
        del pdf.pages[0].Tabs

    broken = edit(good(), no_tabs)
    assert errors(check(broken)) == ["pdf-tab-order"]
    assert errors(check(fix_pdf(broken))) == []


# -- fix_pdf itself -------------------------------------------------------------------------------------


def test_fix_pdf_is_deterministic_idempotent_and_leaves_a_sound_file_untouched():
    raw = tagged(GOOD_BODY)
    once = fix_pdf(raw)
    assert once == fix_pdf(raw) and once != raw
    assert fix_pdf(once) == once


def test_fix_pdf_keeps_every_word():
    from pypdf import PdfReader

    raw = tagged(GOOD_BODY, "@page { @bottom-center { content: 'Page ' counter(page) } }")
    text = [p.extract_text() for p in PdfReader(io.BytesIO(raw)).pages]
    assert [p.extract_text() for p in PdfReader(io.BytesIO(fix_pdf(raw))).pages] == text


# -- entry points ---------------------------------------------------------------------------------------


def test_a_file_that_is_not_a_pdf_cannot_be_checked(tmp_path):
    path = tmp_path / "fake.pdf"
    path.write_bytes(b"%PDF-1.7\nnot really")
    with pytest.raises(ReportgenError, match="fake.pdf: cannot read the PDF"):
        check_file(path)


def test_the_check_command_exits_1_on_errors_0_when_clean_and_prints_json_places(tmp_path):
    bad = tmp_path / "plain.pdf"
    bad.write_bytes(weasyprint.HTML(string=page(GOOD_BODY)).write_pdf())
    clean = tmp_path / "good.pdf"
    clean.write_bytes(good())
    result = CliRunner().invoke(cli, ["check", str(bad)])
    assert result.exit_code == 1
    assert "document: error [pdf-not-tagged]: the PDF has no structure tree" in result.output
    result = CliRunner().invoke(cli, ["check", str(clean), "--format", "json", "--no-readability"])
    assert result.exit_code == 0 and '"errors": 0' in result.output
    result = CliRunner().invoke(cli, ["check", str(bad), "--format", "json"])
    assert '"where": "page 1"' in result.output


def test_a_link_wrapped_over_two_lines_is_read_as_one_link():
    body = (
        '<h1>Plan</h1><p style="width: 150px">See <a href="https://example.org/p">the MOPAC pages of the City '
        "Hall website</a>.</p>"
    )
    data = fix_pdf(tagged(body))
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert len(elements(pdf, "/Link")) >= 2  # WeasyPrint tags each line of the link separately
    assert check(data) == []


def test_tounicode_maps_decode_single_codes_ranges_and_range_arrays():
    from reportgen.accessibility.pdf_fonts import ToUnicodeMap

    cmap = ToUnicodeMap(b"""begincmap 1 begincodespacerange <0000> <FFFF> endcodespacerange
        2 beginbfchar <0003> <0020> <0010> <00660069> endbfchar
        2 beginbfrange <0020> <0022> <0041> <0030> <0031> [<00E9> <2019>] endbfrange endcmap""")
    assert cmap.decode(bytes.fromhex("0020002100220003001000300031")) == "ABC ﬁé’".replace("ﬁ", "fi")


def test_a_tab_order_written_as_a_string_fails_and_fix_pdf_makes_it_a_name():
    def string_tabs(pdf):
        pdf.pages[0].Tabs = pikepdf.String("S")  # as LibreOffice 7.4 writes it

    broken = edit(good(), string_tabs)
    findings = check(broken)
    assert errors(findings) == ["pdf-tab-order"] and "string (S)" in findings[0].message
    assert errors(check(fix_pdf(broken))) == []


def test_a_check_sharing_its_pages_with_another_process_finds_exactly_the_same(monkeypatch):
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from reportgen.accessibility import pdf as pdf_check

    sections = []
    for number in range(1, 9):
        sections.append(
            f'<section style="break-before: page"><h2>Part {number}</h2>'
            f'<p>Read <a href="https://example.org/{number}">here</a>.</p>'
            f'<p style="color: #bbbbbb">Pale text on page {number}.</p>'
            f"<ul><li>Point {number}</li></ul></section>"
        )
    data = tagged(
        "<h1>Action plan</h1>" + "".join(sections), css="@page { @top-center { content: 'Running head' } }"
    )  # orphaned heads: findings on every page
    alone = check_bytes(data, "pdf", "test.pdf", readability=True)
    codes = [f.code for f in alone]
    assert {code: codes.count(code) for code in set(codes)} == {
        "pdf-content-not-in-tree": 9,
        "link-text-unclear": 8,
        "contrast-low": 8,
        "readability": 8,
    }
    monkeypatch.setattr(pdf_check, "SPLIT_FROM_PAGES", 2)
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork")) as pool:
        shared = check_bytes(data, "pdf", "test.pdf", readability=True, executor=pool)
    assert [(f.code, f.severity, f.message, f.source.describe()) for f in shared] == [
        (f.code, f.severity, f.message, f.source.describe()) for f in alone
    ]
