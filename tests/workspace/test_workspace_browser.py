"""One quarter in the workspace, in Debian's Chromium with Playwright, keyboard first, axe-core on every page.

Upload the example, read its findings, preview it, build it, download and open the three
files, download next quarter's workbook, edit two updates, upload it, compare it with the
example, and see a Final edition with unapproved rows refused. Every page the quarter
passes through must have no axe-core violations (WCAG 2.2 AA and best practice).

With REPORTGEN_UPDATE_SCREENSHOTS=1 the screenshots the README shows are written to docs/.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import docx
import httpx
import openpyxl
import pypdf
import pytest

from reportgen.accessibility.browser import CHROMIUM_ARGS, axe_path, chromium_path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "inputs" / "example.xlsx"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    data = tmp_path_factory.mktemp("workspace") / "data"
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "reportgen", "serve", "--port", str(port), "--data", str(data)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            if httpx.get(base + "/", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline or process.poll() is not None:
            raise AssertionError("the workspace did not start")
        time.sleep(0.1)
    yield base
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)


def in_browser(body) -> None:
    """Run `body(page)` in a fresh Chromium, in a thread of its own.

    Playwright's sync API refuses a thread where an asyncio loop is marked running, which a
    test elsewhere in the same xdist worker may leave behind; a new thread never has one.
    """

    def run() -> None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
            try:
                context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
                page = context.new_page()
                page.set_default_timeout(30_000)
                body(page)
            finally:
                browser.close()

    with ThreadPoolExecutor(max_workers=1) as thread:
        thread.submit(run).result()


AXE_SOURCE = None


def assert_accessible(page, what: str) -> None:
    """axe-core on the page as it is now: no violations at all."""
    global AXE_SOURCE
    if AXE_SOURCE is None:
        AXE_SOURCE = axe_path().read_text(encoding="utf-8")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SOURCE)
    results = json.loads(
        page.evaluate(
            "async (tags) => JSON.stringify(await axe.run(document, {runOnly: {type: 'tag', values: tags}, "
            "resultTypes: ['violations']}))",
            AXE_TAGS,
        )
    )
    problems = [f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes']][:3]}" for v in results["violations"]]
    assert problems == [], f"{what}: {problems}"


def tab_to(page, text: str, limit: int = 40) -> None:
    """Press Tab until the focused element's text or value is `text`: the keyboard-only path."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate("() => (document.activeElement.innerText || document.activeElement.value || '').trim()")
        if focused == text:
            outline = page.evaluate(
                "() => { const s = getComputedStyle(document.activeElement); "
                "return [s.outlineStyle, parseFloat(s.outlineWidth)]; }"
            )
            assert outline[0] != "none" and outline[1] >= 2, f"no visible focus on {text!r}: {outline}"
            return
    raise AssertionError(f"Tab never reached {text!r}")


def upload_with_keyboard(page, base: str, path: Path, name: str) -> None:
    page.goto(base + "/")
    page.set_input_files("#workbook", str(path))  # the file chooser is the system's; the rest is keys
    page.focus("#workbook")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "uploaded_by"
    page.keyboard.press("Control+A")
    page.keyboard.type(name)
    tab_to(page, "Upload and check")
    with page.expect_navigation():
        page.keyboard.press("Enter")


def build_with_keyboard(page) -> None:
    tab_to(page, "Build DOCX, PDF and HTML")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert re.search(r"/builds/\d+$", page.url)


def _cell_column(sheet, header: str) -> int:
    return next(cell.column for cell in sheet[1] if cell.value == header)


def test_one_quarter_with_the_keyboard_and_no_accessibility_violations(server, tmp_path):
    in_browser(lambda page: one_quarter(server, page, tmp_path))


def one_quarter(server, page, tmp_path):
    screenshots = ROOT / "docs" if os.environ.get("REPORTGEN_UPDATE_SCREENSHOTS") else tmp_path

    # Editions, empty, then the example uploaded.
    page.goto(server + "/")
    assert_accessible(page, "the empty editions page")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent") == "Skip to main content"
    upload_with_keyboard(page, server, EXAMPLE, "Ann Officer")
    assert re.search(r"/editions/1$", page.url)
    assert "example.xlsx: No problems found." in page.inner_text("main")
    assert_accessible(page, "the findings page")

    # Preview, inside a sandboxed frame.
    page.click("text=Preview the web page")
    frame = page.frame_locator("iframe.document")
    assert "Trust in Policing" in frame.locator("h1").first.inner_text()
    assert_accessible(page, "the preview page")
    page.go_back()

    # Build, with the progress announced, then the three downloads.
    build_with_keyboard(page)
    assert page.get_attribute("#build-message", "aria-live") == "polite"
    assert_accessible(page, "the build page while it runs")
    page.wait_for_selector(".downloads a", timeout=180_000)
    assert page.inner_text("#build-message").startswith("Done")
    assert_accessible(page, "the finished build page")
    page.screenshot(path=str(screenshots / "workspace-build.png"), full_page=False)
    opened = {}
    for text, kind in (("Word document (DOCX)", "docx"), ("PDF/UA-1", "pdf"), ("Web page (HTML)", "html")):
        tab_to(page, text)
        with page.expect_download() as download:
            page.keyboard.press("Enter")
        target = tmp_path / download.value.suggested_filename
        download.value.save_as(target)
        opened[kind] = target
    assert sorted(p.name for p in opened.values()) == ["example.docx", "example.html", "example.pdf"]
    title = "2021/22 Quarter 2 Update"
    assert any(title in p.text for p in docx.Document(str(opened["docx"])).paragraphs)
    assert title in pypdf.PdfReader(str(opened["pdf"])).pages[0].extract_text()
    assert title in opened["html"].read_text(encoding="utf-8")

    # Next quarter's workbook, two updates edited in it, uploaded.
    page.goto(server + "/editions/1")
    page.click("text=Next quarter's workbook")
    assert "34 commitments carried over" in page.inner_text("main")
    assert_accessible(page, "the next quarter's workbook page")
    with page.expect_download() as download:
        page.click("text=Download example-2021-22-Quarter-3-Update.xlsx")
    following = tmp_path / "next.xlsx"
    download.value.save_as(following)
    book = openpyxl.load_workbook(following)
    commitments = book["Commitments"]
    update = _cell_column(commitments, "Update")
    ids = _cell_column(commitments, "ID")
    edited = {}
    for row in (2, 3):
        commitments.cell(row, update).value = f"Quarter 3: new work on {commitments.cell(row, ids).value}."
        edited[commitments.cell(row, ids).value] = commitments.cell(row, update).value
    book.save(following)
    upload_with_keyboard(page, server, following, "Ann Officer")
    assert re.search(r"/editions/2$", page.url)
    assert_accessible(page, "the findings page of the next edition")

    # Compare: the example is chosen by default; the gates come first; the edits and carried-over updates show.
    page.click("text=Compare with 2021/22 Quarter 2 Update")
    counts = page.inner_text(".counts")
    assert counts.index("Commitment text changed") < counts.index("Update carried over unchanged")
    assert re.search(r"(\d+) Update changed", counts).group(1) == "2"
    assert int(re.search(r"(\d+) Update carried over unchanged", counts).group(1)) >= 30
    report = page.frame_locator("iframe.document").locator("body").inner_text()
    for commitment_id in edited:  # the redline splits the new words from the old, so look for each part
        assert commitment_id in report
    assert report.count("new work on") >= 2
    assert_accessible(page, "the compare page")
    with page.expect_download() as download:
        page.click("text=JSON")
    assert json.loads(Path(download.value.path()).read_text())["new"]["file"] == "next.xlsx"

    # A Final edition whose approvals `next` reset is refused, with the CLI's findings.
    edition = book["Edition"]
    status_row = next(row for row in range(1, edition.max_row + 1) if edition.cell(row, 1).value == "Status")
    edition.cell(status_row, 2).value = "Final"
    final = tmp_path / "final.xlsx"
    book.save(final)
    upload_with_keyboard(page, server, final, "Ann Officer")
    assert "final-unapproved" in page.inner_text("main")
    page.check("#severity-error")
    page.click("text=Apply")
    assert "Warning" not in page.inner_text("table.findings")
    page.screenshot(
        path=str(screenshots / "workspace-findings.png"),
        full_page=True,
        clip={"x": 0, "y": 0, "width": 1280, "height": 1300},
    )
    build_with_keyboard(page)
    page.wait_for_selector("text=Why the build was refused", timeout=60_000)
    assert "final-unapproved" in page.inner_text("#build-results")
    assert_accessible(page, "a refused build")

    # The other pages of the workspace.
    page.goto(server + "/")
    page.screenshot(path=str(screenshots / "workspace-editions.png"), full_page=False)
    assert_accessible(page, "the editions page with three editions")
    for path, what in (
        ("/check", "the check page"),
        ("/import", "the import page"),
        ("/editions/1/delete", "the delete confirmation"),
        ("/nowhere", "the 404 page"),
    ):
        page.goto(server + path)
        assert_accessible(page, what)


def test_a_bad_upload_and_a_check_report_are_accessible(server, tmp_path):
    in_browser(lambda page: bad_upload_and_check(server, page, tmp_path))


def bad_upload_and_check(server, page, tmp_path):
    # Dropped onto the upload box rather than chosen.
    page.goto(server + "/")
    dropped = page.evaluate_handle(
        """(text) => { const transfer = new DataTransfer();
        transfer.items.add(new File([text], 'notes.xlsx', {type: 'text/csv'})); return transfer; }""",
        "ID,Commitment\nC-001,Review stops\n",
    )
    page.dispatch_event("[data-dropzone]", "drop", {"dataTransfer": dropped})
    assert page.evaluate("() => document.getElementById('workbook').files[0].name") == "notes.xlsx"
    with page.expect_navigation():
        page.click("text=Upload and check")
    assert "it looks like CSV or plain text" in page.inner_text("main")
    assert_accessible(page, "a refused upload")
    page.goto(server + "/check")
    page.set_input_files(
        "#document",
        {
            "name": "page.html",
            "mimeType": "text/html",
            "buffer": b"<!doctype html><html lang=en><title>T</title><main><h1>Hi</h1><img src=x.png></main></html>",
        },
    )
    tab_to(page, "Check it")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "axe-image-alt" in page.inner_text("main")
    assert_accessible(page, "a check report")

    from reportgen.pipeline.build import build

    from ..builders import make

    edition = build(make(tmp_path), tmp_path / "out", ["docx"], check_outputs=False).written[0]
    page.goto(server + "/import")
    page.set_input_files("#document", str(edition))
    tab_to(page, "Import and download the workbook")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "4 commitments" in page.inner_text("main")
    assert_accessible(page, "an import report")
    with page.expect_download() as download:
        page.click("text=Download edition.xlsx")
    assert Path(download.value.path()).read_bytes().startswith(b"PK")
