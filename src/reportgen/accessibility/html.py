"""HTML checks: axe-core in headless Chromium, plus the content checks every format gets (links, headings, tables)."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

from ..core.errors import ReportgenError
from ..core.findings import Finding, Source, error, warning
from ..core.readability import readability_findings
from .grid import layout
from .links import check_link_text

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# The page is served from a name that cannot resolve, with a policy that lets nothing load or run
# but inline styles and data: images and fonts; every other request is refused by routing too.
_ORIGIN = "https://reportgen.invalid/"
_POLICY = "default-src 'none'; style-src 'unsafe-inline' data:; img-src data:; font-src data:"
_NODES_PER_RULE = 25
_HEADING = re.compile(r"^h([1-6])$")


def axe_path() -> Path:
    """axe.min.js: REPORTGEN_AXE_PATH, else node_modules/axe-core beside the project or the working folder."""
    configured = os.environ.get("REPORTGEN_AXE_PATH")
    if configured:
        path = Path(configured)
        if not path.is_file():
            raise ReportgenError(f"REPORTGEN_AXE_PATH names {path}, which is not a file; point it at axe.min.js")
        return path
    for root in (Path(__file__).resolve().parents[3], Path.cwd()):
        path = root / "node_modules" / "axe-core" / "axe.min.js"
        if path.is_file():
            return path
    raise ReportgenError(
        "axe-core is missing, so HTML files cannot be checked: run 'npm install' in the reportgen "
        "project folder (or ./run setup), or set REPORTGEN_AXE_PATH to axe-core's axe.min.js"
    )


def chromium_path() -> str:
    path = os.environ.get("REPORTGEN_CHROMIUM", CHROMIUM)
    if not Path(path).is_file():
        raise ReportgenError(
            f"Chromium is missing ({path}), so HTML files cannot be checked: install Debian's "
            "chromium package (apt-get install chromium), or set REPORTGEN_CHROMIUM to the browser"
        )
    return path


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
            raise ReportgenError(f"Chromium could not start for the HTML check ({_first_line(exc)})") from None

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
            raise ReportgenError(f"the HTML check could not run in Chromium ({_first_line(exc)})") from None
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
    from .html_shape import StandInChecks, memory_enabled, page_shape, remember, remembered

    document = _parse(data, name)
    content = HtmlContent(document)
    shape = page_shape(document) if remember_shapes and memory_enabled() else None
    if shape is not None and remembered(shape):
        findings = StandInChecks(document).findings() + content.findings(empty_links=True)
    else:
        if runner is None:
            with AxeRunner() as own:
                results = own.run(data)
        else:
            results = runner.run(data)
        findings = list(axe_findings(results))
        if shape is not None and not results.get("violations"):
            remember(shape)
        findings.extend(content.findings())
    if readability:
        findings.extend(readability_findings(content.passages()))
    return findings


def _parse(data: bytes, name: str):
    try:
        document = lxml_html.document_fromstring(data)
    except (etree.ParserError, ValueError) as exc:
        raise ReportgenError(f"{name}: cannot read the HTML ({_first_line(exc)})") from None
    return document


def axe_findings(results: dict) -> Iterator[Finding]:
    for violation in results.get("violations", []):
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


class HtmlContent:
    """The checks axe-core leaves out but every format gets: link text, heading order, data tables' headers."""

    def __init__(self, document):
        self.document = document
        self.body = document.find("body") if document.find("body") is not None else document

    def findings(self, empty_links: bool = False) -> list[Finding]:
        """`empty_links`: report links without text too, when axe-core (whose link-name does) is not run."""
        return list(self._headings()) + list(self._links(empty_links)) + list(self._tables())

    def _headings(self) -> Iterator[Finding]:
        previous = 0
        for element in self.body.iter():
            match = _HEADING.match(element.tag) if isinstance(element.tag, str) else None
            if not match or _hidden(element):
                continue
            level = int(match.group(1))
            place = Source(where=_path(element))
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

    def _links(self, empty_links: bool = False) -> Iterator[Finding]:
        for link in self.body.iter("a"):
            href = link.get("href")
            if href is None or _hidden(link):
                continue
            finding = check_link_text(self._accessible_name(link), href, Source(where=_path(link)))
            # An empty link is axe-core's link-name violation already; one finding is enough.
            if finding is not None and (empty_links or finding.code != "link-text-missing"):
                yield finding

    def _accessible_name(self, element) -> str:
        labelled = element.get("aria-labelledby")
        if labelled:
            parts = [self.document.get_element_by_id(i, None) for i in labelled.split()]
            return " ".join(p.text_content() for p in parts if p is not None)
        if (element.get("aria-label") or "").strip():
            return element.get("aria-label")
        text = " ".join(element.text_content().split())
        alts = " ".join(img.get("alt", "") for img in element.iter("img"))
        return (text + " " + alts).strip() or element.get("title", "")

    def _tables(self) -> Iterator[Finding]:
        for table in self.body.iter("table"):
            if table.get("role") in ("presentation", "none") or _hidden(table):
                continue
            rows = [r for r in table.iter("tr") if _owning_table(r) is table]
            headers = [c for c in table.iter("th") if _owning_table(c) is table]
            headers += [
                c
                for c in table.iter("td")
                if _owning_table(c) is table and c.get("role") in ("columnheader", "rowheader")
            ]
            if len(rows) >= 2 and not headers:
                yield error(
                    "html-table-no-header",
                    "the table has no header cells (th), so screen readers cannot "
                    "say which column a cell is in; make the first row's cells th",
                    Source(where=_path(table)),
                )

    def passages(self) -> list[tuple[Source, str, str]]:
        passages = []
        for table in self.body.iter("table"):
            rows = [r for r in table.iter("tr") if _owning_table(r) is table]
            if not rows:
                continue
            names = [" ".join(c.text_content().split()).casefold() for c in rows[0] if c.tag in ("th", "td")]
            column = next((i for i, n in enumerate(names) if "update" in n), None)
            if column is None or rows[0].find("th") is None:
                continue
            for row, cells in zip(rows[1:], _grid(rows)[1:]):
                cell = cells.get(column)
                if cell is not None and cell.getparent() is row:
                    passages.append((Source(where=_path(cell)), "update", _block_text(cell)))
        if passages:
            return passages
        heading, collected = None, []
        for element in self.body.iter():
            if isinstance(element.tag, str) and _HEADING.match(element.tag):
                if heading is not None and collected:
                    passages.append((Source(where=_path(heading)), "section", "\n".join(collected)))
                heading, collected = element, []
            elif element.tag in ("p", "li") and heading is not None:
                collected.append(" ".join(element.text_content().split()))
        if heading is not None and collected:
            passages.append((Source(where=_path(heading)), "section", "\n".join(collected)))
        return passages


def _grid(rows) -> list[dict]:
    return layout([[(c, c.get("rowspan"), c.get("colspan")) for c in row if c.tag in ("th", "td")] for row in rows])


def _block_text(cell) -> str:
    blocks = [b for b in cell.iter("p", "li")]
    if not blocks:
        return " ".join(cell.text_content().split())
    return "\n".join(" ".join(b.text_content().split()) for b in blocks)


def _owning_table(element):
    return next(element.iterancestors("table"), None)


def _hidden(element) -> bool:
    for node in [element, *element.iterancestors()]:
        if node.get("hidden") is not None or node.get("aria-hidden") == "true":
            return True
        if re.search(r"display\s*:\s*none", node.get("style", "") or ""):
            return True
    return False


def _path(element) -> str:
    """A CSS selector a person can paste into the browser's inspector: the nearest id, then child steps."""
    steps = []
    node = element
    while node is not None and isinstance(node.tag, str):
        if node.get("id"):
            steps.append(f"{node.tag}#{node.get('id')}")
            break
        parent = node.getparent()
        if parent is None:
            steps.append(node.tag)
            break
        same = [c for c in parent if c.tag == node.tag]
        steps.append(node.tag if len(same) == 1 else f"{node.tag}:nth-of-type({same.index(node) + 1})")
        node = parent
    return " > ".join(reversed(steps))


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
