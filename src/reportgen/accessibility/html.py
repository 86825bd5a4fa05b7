"""HTML checks: axe-core in headless Chromium, plus the content checks every format gets (links, headings, tables).

Each check is a registered rule reading one HtmlPage; html_shape registers the stand-ins for axe-core.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import AbstractContextManager, nullcontext

from lxml import etree
from lxml import html as lxml_html

from ..core.errors import ReportgenError
from ..core.findings import Finding, Source, error, warning
from ..core.readability import readability_findings
from . import Checker, first_line, register
from .browser import CHROMIUM_ARGS, axe_path, chromium_path
from .html_page import HEADING, HtmlPage, css_path, hidden, owning_table
from .html_shape import memory_enabled, memory_exists, page_shape, remember, remembered
from .links import check_link_text
from .registry import check, run_checks

# The page is served from a name that cannot resolve, with a policy that lets nothing load or run
# but inline styles and data: images and fonts; every other request is refused by routing too.
_ORIGIN = "https://reportgen.invalid/"
_POLICY = "default-src 'none'; style-src 'unsafe-inline' data:; img-src data:; font-src data:"
_NODES_PER_RULE = 25


class AxeRunner:
    """One headless Chromium with axe-core, reused for every page checked while it is open.

    Playwright's sync API runs in a thread of the runner's own: it refuses a thread where an
    asyncio loop is running (the workspace's server, or another Playwright left open by the
    caller), and it must be used from the thread that started it.
    """

    def __init__(self):
        self._axe = axe_path().read_text(encoding="utf-8")
        self._executable = chromium_path()
        self._playwright = None
        self._browser = None
        self._context = None
        self._thread = None

    def _call(self, function, *args):
        return self._thread.submit(function, *args).result()

    def __enter__(self) -> AxeRunner:
        from concurrent.futures import ThreadPoolExecutor

        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="reportgen-chromium")
        try:
            self._call(self._start)
        except BaseException:
            self._thread.shutdown(wait=False)
            self._thread = None
            raise
        return self

    def _start(self) -> None:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright

        try:
            self._playwright = sync_playwright().start()
            # A plain launch gets a new, empty profile in a temporary folder that Playwright
            # removes; it starts about 0.2 s sooner than a persistent context of our own.
            self._browser = self._playwright.chromium.launch(
                executable_path=self._executable, headless=True, args=CHROMIUM_ARGS
            )
            self._context = self._browser.new_context(offline=True, service_workers="block", accept_downloads=False)
        except PlaywrightError as exc:
            self._close()
            raise ReportgenError(f"Chromium could not start for the HTML check ({first_line(exc)})") from None

    def __exit__(self, *exc_info) -> None:
        self.close()

    def close(self) -> None:
        thread, self._thread = self._thread, None
        if thread is not None:
            try:
                thread.submit(self._close).result()
            finally:
                thread.shutdown(wait=True)

    def _close(self) -> None:
        for closer in (self._context, self._browser, self._playwright):
            try:
                if closer is not None:
                    closer.stop() if closer is self._playwright else closer.close()
            except Exception:  # noqa: BLE001 - closing a browser that already died is not a finding
                pass
        self._context = self._browser = self._playwright = None

    def run(self, data: bytes) -> dict:
        """axe-core's results for the page, loaded with every request blocked and no page script run."""
        if self._thread is None or self._context is None:
            raise RuntimeError("AxeRunner used outside its 'with' block")
        return self._call(self._run, data)

    def _run(self, data: bytes) -> dict:
        from playwright.sync_api import Error as PlaywrightError

        page = self._context.new_page()
        page.set_default_timeout(120_000)

        def handle(route):
            if route.request.url == _ORIGIN + "document.html":
                route.fulfill(
                    status=200, body=data, headers={"Content-Type": "text/html", "Content-Security-Policy": _POLICY}
                )
            else:
                route.abort()

        try:
            page.route("**/*", handle)
            page.goto(_ORIGIN + "document.html", wait_until="load")
            page.evaluate(self._axe)
            raw = page.evaluate("async () => JSON.stringify(await axe.run(document, {resultTypes: ['violations']}))")
        except PlaywrightError as exc:
            raise ReportgenError(f"the HTML check could not run in Chromium ({first_line(exc)})") from None
        finally:
            page.close()
        return json.loads(raw)


def check_html(
    data: bytes, name: str, readability: bool = False, runner: AxeRunner | None = None, remember_shapes: bool = False
) -> list[Finding]:
    """axe-core's violations and the shared content checks for one HTML document.

    `remember_shapes` (builds only, whose pages our templates made): a page whose shape clean
    axe-core runs have already covered gets the stand-in content checks instead of axe-core
    (html_shape), and a page axe-core passes has its shape remembered.
    """
    document = _parse(data, name)
    shape = page_shape(document) if remember_shapes and memory_enabled() else None
    if shape is not None and remembered(shape):
        page = HtmlPage(document, stand_in=True, readability=readability)
    else:
        if runner is None:
            with AxeRunner() as own:
                results = own.run(data)
        else:
            results = runner.run(data)
        if shape is not None and not results.get("violations"):
            remember(shape)
        page = HtmlPage(document, axe=results, readability=readability)
    return list(run_checks("html", page))


def _parse(data: bytes, name: str):
    try:
        document = lxml_html.document_fromstring(data)
    except (etree.ParserError, ValueError) as exc:
        raise ReportgenError(f"{name}: cannot read the HTML ({first_line(exc)})") from None
    return document


@check("html", foreign_prefix="axe-", when=lambda page: page.axe is not None)
def axe_core(page: HtmlPage) -> Iterator[Finding]:
    """axe-core's violations under its own rule ids: errors for WCAG rules, warnings for best practice."""
    for violation in page.axe.get("violations", []):
        tags = violation.get("tags", [])
        make = error if any(tag.startswith("wcag") for tag in tags) else warning
        nodes = violation.get("nodes", [])
        for node in nodes[:_NODES_PER_RULE]:
            where = " > ".join(_selector(part) for part in node.get("target", [])) or "document"
            detail = _detail(node.get("failureSummary", ""))
            message = violation.get("help", violation.get("id", "")).rstrip(".")
            if detail:
                message += f": {detail}"
            yield make(
                f"axe-{violation.get('id')}",
                f"{message} ({violation.get('helpUrl', '').split('?')[0]})",
                Source(where=where),
            )
        if len(nodes) > _NODES_PER_RULE:
            yield make(
                f"axe-{violation.get('id')}",
                f"and {len(nodes) - _NODES_PER_RULE} more elements fail the same rule ({violation.get('help', '')})",
                Source(where="document"),
            )


def _selector(part) -> str:
    return " >> ".join(part) if isinstance(part, list) else str(part)


def _detail(summary: str) -> str:
    lines = [line.strip() for line in summary.splitlines() if line.strip()]
    specific = [line for line in lines if not line.lower().startswith("fix ")]
    return specific[0].rstrip(".") if specific else ""


@check("html", errors=["html-heading-skipped"])
def heading_levels(page: HtmlPage) -> Iterator[Finding]:
    """Headings start at h1 and skip no level."""
    previous = 0
    for element in page.body.iter():
        match = HEADING.match(element.tag) if isinstance(element.tag, str) else None
        if not match or hidden(element):
            continue
        level = int(match.group(1))
        place = Source(where=css_path(element))
        if previous == 0 and level != 1:
            yield error(
                "html-heading-skipped", f"the first heading is h{level}, not h1; start the headings at h1", place
            )
        elif previous and level > previous + 1:
            yield error(
                "html-heading-skipped",
                f"h{level} follows h{previous}, skipping a level; use h{previous + 1}",
                place,
            )
        previous = level


@check("html", errors=["link-text-missing"], warnings=["link-text-bare-url", "link-text-unclear"])
def link_text(page: HtmlPage) -> Iterator[Finding]:
    """A link's text says where it goes; a link with none is axe-core's link-name, unless stand-ins judge the page."""
    for link in page.body.iter("a"):
        href = link.get("href")
        if href is None or hidden(link):
            continue
        finding = check_link_text(_accessible_name(page.document, link), href, Source(where=css_path(link)))
        # An empty link is axe-core's link-name violation already; one finding is enough.
        if finding is not None and (page.stand_in or finding.code != "link-text-missing"):
            yield finding


def _accessible_name(document, element) -> str:
    labelled = element.get("aria-labelledby")
    if labelled:
        parts = [document.get_element_by_id(i, None) for i in labelled.split()]
        return " ".join(p.text_content() for p in parts if p is not None)
    if (element.get("aria-label") or "").strip():
        return element.get("aria-label")
    text = " ".join(element.text_content().split())
    alts = " ".join(img.get("alt", "") for img in element.iter("img"))
    return (text + " " + alts).strip() or element.get("title", "")


@check("html", errors=["html-table-no-header"])
def table_headers(page: HtmlPage) -> Iterator[Finding]:
    """A data table of two or more rows has header cells."""
    for table in page.body.iter("table"):
        if table.get("role") in ("presentation", "none") or hidden(table):
            continue
        rows = [r for r in table.iter("tr") if owning_table(r) is table]
        headers = [c for c in table.iter("th") if owning_table(c) is table]
        headers += [
            c for c in table.iter("td") if owning_table(c) is table and c.get("role") in ("columnheader", "rowheader")
        ]
        if len(rows) >= 2 and not headers:
            yield error(
                "html-table-no-header",
                "the table has no header cells (th), so screen readers cannot "
                "say which column a cell is in; make the first row's cells th",
                Source(where=css_path(table)),
            )


@check("html", warnings=["readability"], when=lambda page: page.readability)
def reading_ease(page: HtmlPage) -> Iterator[Finding]:
    """Reading ease of each update cell, else of each section under a heading (information only)."""
    yield from readability_findings(page.passages())


def browser_for_build() -> AbstractContextManager:
    """Chromium started ahead of a build's page, unless axe-core has passed pages of this version before:
    then the page may need no browser, and the check starts one itself only if the page's shape is new."""
    if memory_enabled() and memory_exists():
        return nullcontext(None)
    return AxeRunner()


register(
    Checker(
        "html",
        check_html,
        ("runner", "remember_shapes"),
        in_build=(("remember_shapes", True),),  # our own templates made the page: axe-core once per new shape
        start_early=browser_for_build,
    )
)
