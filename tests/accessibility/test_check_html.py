"""The HTML check: axe-core in headless Chromium plus the shared content checks, on pages made here."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from lxml import html as lxml_html

from reportgen.accessibility import browser
from reportgen.accessibility.html import AxeRunner, check_html
from reportgen.accessibility.html_page import HtmlPage
from reportgen.accessibility.registry import run_checks
from reportgen.cli import cli
from reportgen.core.errors import ReportgenError
from reportgen.core.findings import Severity

GOOD_BODY = """
<header><p>Office for Policing and Crime</p></header>
<main>
<h1>Action plan update</h1>
<p>Read <a href="https://example.org/plan">the full action plan</a> for details.</p>
<h2>Progress</h2>
<ul><li>First point</li><li>Second point</li></ul>
<table><caption>Commitments</caption>
<thead><tr><th scope="col">Ref</th><th scope="col">Update</th></tr></thead>
<tbody><tr><th scope="row">1.1</th><td><p>The pilot finished in August.</p></td></tr></tbody></table>
</main>
"""


def page(body: str, lang: str = "en-GB", title: str = "Action plan update") -> bytes:
    lang_attribute = f' lang="{lang}"' if lang else ""
    return (
        f'<!DOCTYPE html><html{lang_attribute}><head><meta charset="utf-8"><title>{title}</title></head>'
        f"<body>{body}</body></html>"
    ).encode()


@pytest.fixture(scope="session")
def runner():
    with AxeRunner() as shared:
        yield shared


def check(runner, data: bytes, readability: bool = False):
    return check_html(data, "test.html", readability=readability, runner=runner)


def errors(findings) -> list[str]:
    return [f.code for f in findings if f.is_error]


def test_a_well_made_page_has_no_findings(runner):
    assert [f.as_text() for f in check(runner, page(GOOD_BODY))] == []


def test_the_project_html_has_no_errors(runner, tmp_path):
    from reportgen.workbook.reader import load
    from reportgen.writers import write_edition

    from ..builders import make

    data = write_edition("html", load(make(tmp_path)).edition)
    assert [f.as_text() for f in check(runner, data) if f.is_error] == []


def test_axe_reports_an_image_without_alt_at_its_element(runner):
    body = GOOD_BODY.replace("</main>", '<img src="data:image/png;base64,iVBORw0KGgo=" id="chart"></main>')
    findings = check(runner, page(body))
    image = [f for f in findings if f.code == "axe-image-alt"]
    assert len(image) == 1 and image[0].is_error and image[0].source.where == "#chart"
    assert "alternative text" in image[0].message


def test_axe_reports_a_missing_language_and_low_contrast(runner):
    pale = GOOD_BODY.replace("<h2>Progress</h2>", '<h2>Progress</h2><p style="color:#bbbbbb">Pale words.</p>')
    codes = errors(check(runner, page(pale, lang="")))
    assert "axe-html-has-lang" in codes and "axe-color-contrast" in codes


def test_best_practice_rules_are_warnings(runner):
    findings = check(runner, page("<h1>Outside any landmark</h1><p>Text.</p>"))
    assert findings and {f.severity for f in findings} == {Severity.WARNING}
    assert "axe-region" in {f.code for f in findings}


def test_a_skipped_heading_fails(runner):
    findings = check(runner, page(GOOD_BODY.replace("<h2>Progress</h2>", "<h4>Progress</h4>")))
    skipped = [f for f in findings if f.code == "html-heading-skipped"]
    assert len(skipped) == 1 and skipped[0].is_error
    assert skipped[0].source.where == "html > body > main > h4" and "h4 follows h1" in skipped[0].message


def test_a_data_table_without_header_cells_fails(runner):
    body = GOOD_BODY.replace('<th scope="col">', "<td>").replace('<th scope="row">', "<td>").replace("</th>", "</td>")
    findings = check(runner, page(body))
    assert "html-table-no-header" in errors(findings)
    assert next(f for f in findings if f.code == "html-table-no-header").source.where == "html > body > main > table"


def test_link_text_bare_urls_and_click_here_warn():
    document = lxml_html.document_fromstring(
        page(
            '<main><h1>Plan</h1><p><a href="https://example.org/x">https://example.org/x</a> and '
            '<a id="more" href="https://example.org/y">click here</a> and <a href="https://example.org/z">'
            '<img src="x.png" alt="The dashboard"></a></p></main>'
        )
    )
    findings = list(run_checks("html", HtmlPage(document)))  # the content checks alone: axe-core did not run
    assert [(f.code, f.severity, f.source.where) for f in findings] == [
        ("link-text-bare-url", Severity.WARNING, "html > body > main > p > a:nth-of-type(1)"),
        ("link-text-unclear", Severity.WARNING, "a#more"),
    ]


def test_untagged_and_untitled_pages_fail_through_axe(runner):
    findings = check(runner, page("<div>Just text, no structure.</div>", title=""))
    assert "axe-document-title" in errors(findings)


def test_nothing_the_page_says_is_fetched_or_run(runner, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("secret")
    body = GOOD_BODY.replace(
        "</main>",
        f'<img alt="x" src="file://{secret}"><img alt="y" src="https://example.org/'
        'x.png"><script>document.body.innerHTML = "<p>replaced</p>"</script></main>',
    )
    findings = check(runner, page(body))
    # Had the script run, the headings, list and table would be gone and the page would have no h1.
    assert "axe-page-has-heading-one" not in {f.code for f in findings}
    assert errors(findings) == []


def test_readability_reports_each_update_cell(runner):
    findings = check(runner, page(GOOD_BODY), readability=True)
    assert [(f.code, f.source.where) for f in findings] == [
        ("readability", "html > body > main > table > tbody > tr > td")
    ]


def test_missing_axe_core_stops_the_check_with_exit_2(tmp_path, monkeypatch):
    monkeypatch.setenv("REPORTGEN_AXE_PATH", str(tmp_path / "missing.js"))
    with pytest.raises(ReportgenError, match="REPORTGEN_AXE_PATH"):
        browser.axe_path()
    path = tmp_path / "page.html"
    path.write_bytes(page(GOOD_BODY))
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exit_code == 2 and "axe.min.js" in result.output


def test_axe_core_not_installed_says_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.delenv("REPORTGEN_AXE_PATH", raising=False)
    monkeypatch.setattr(browser, "__file__", str(tmp_path / "a" / "b" / "c" / "browser.py"))
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ReportgenError, match="axe-core is missing.*npm install"):
        browser.axe_path()


def test_missing_chromium_stops_the_check(monkeypatch, tmp_path):
    monkeypatch.setenv("REPORTGEN_CHROMIUM", str(tmp_path / "no-browser"))
    with pytest.raises(ReportgenError, match="Chromium is missing"):
        browser.chromium_path()
