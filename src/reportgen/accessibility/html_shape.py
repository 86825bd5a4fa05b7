"""axe-core once per page structure, not once per build: which built pages a clean axe run vouches for.

axe-core in Chromium is the HTML check's most expensive part (about 1 s of CPU and a browser
start on the example) and, for a page our own templates made, almost everything it judges is
fixed by the templates, the CSS and the code: landmarks, roles, ARIA, lists, colours and
contrast, the table markup. What changes from one edition to the next is the words and a few
values (link targets, ids, the text alternatives). So a build runs axe-core on its page only
when the page has a *shape* no clean axe run has seen under the same templates, CSS and code;
otherwise the content checks below, which look at exactly what shapes leave out, stand in.

The shape of a page is the set of its elements' signatures. A signature is the element's
path from the root (each step its tag, classes and role), its attribute names, and the values
of every attribute except those that carry content (CONTENT_ATTRIBUTES); inside an SVG, only
tags, attribute names and roles count, since the drawing's geometry is the chart's data. The
number of landmarks of each kind is part of the shape too. Language tags are kept as values,
so a page in a language axe-core has not seen is checked by axe-core.

The memory is a file in the user's cache folder named by a hash of the version: every source
file of the reportgen package, the templates, axe-core itself, and Chromium's and Playwright's
identity. It records the signatures of pages axe-core found no violation on; a page with any
violation is never remembered, so it is checked in full again next time.

tests/test_axe_memory.py shows, page by page in Chromium, that whatever axe-core finds when
only the content changes, the stand-in checks find too (AXE_RULES_STOOD_IN_FOR).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import re
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from ..core.findings import Finding, Source, error, warning
from ..runtime import cache
from .browser import axe_path, chromium_path
from .html_page import HtmlPage, css_path, hidden
from .registry import CHECKS, check

KIND = "axe"
# Attributes whose values are the edition's content (words, targets, ids, sizes), not its shape.
CONTENT_ATTRIBUTES = frozenset(
    {
        "id",
        "href",
        "src",
        "alt",
        "title",
        "aria-label",
        "aria-labelledby",
        "aria-describedby",
        "headers",
        "content",
        "data-target",
        "data-label",
        "datetime",
        "start",
        "value",
        "height",
        "width",
        "viewbox",
    }
)
# Span counts shape a table's grid, but only whether a cell spans matters to axe-core's rules.
_SPANS = ("rowspan", "colspan")
_LANDMARK_TAGS = frozenset({"header", "footer", "nav", "main", "aside", "form", "search"})
_LANDMARK_ROLES = frozenset(
    {"banner", "contentinfo", "navigation", "main", "complementary", "form", "search", "region"}
)
_SVG_KEPT = frozenset({"role", "class", "aria-hidden", "focusable"})
_HEADING = re.compile(r"^h[1-6]$")

# What axe-core reports on a page whose shape it has passed, and the stand-in check that finds the same.
AXE_RULES_STOOD_IN_FOR = {
    "document-title": "html-title-missing",
    "empty-heading": "html-heading-empty",
    "link-name": "link-text-missing",
    "empty-table-header": "html-table-header-empty",
    "duplicate-id": "html-id-duplicate",
    "duplicate-id-aria": "html-id-duplicate",
    "duplicate-id-active": "html-id-duplicate",
    "aria-valid-attr-value": "html-reference-broken",
    "td-headers-attr": "html-reference-broken",
    "skip-link": "html-reference-broken",
    # A skip link counts as inside a landmark only while its target exists; a broken one puts it outside.
    "region": "html-reference-broken",
    "svg-img-alt": "html-image-name",
    "role-img-alt": "html-image-name",
    "image-alt": "html-image-name",
}


def page_shape(document) -> frozenset[str]:
    """The signatures of a parsed page's elements, hashed, and its landmark counts."""
    signatures: set[str] = set()
    landmarks: Counter = Counter()

    def visit(element, path: str, in_svg: bool) -> None:
        tag = element.tag.lower()
        in_svg = in_svg or tag == "svg"
        classes = ".".join(sorted((element.get("class") or "").split()))
        role = element.get("role") or ""
        step = f"{tag}.{classes}[{role}]"
        here = f"{path}/{step}"
        attributes = []
        for name, value in sorted(element.attrib.items()):
            name = name.lower()
            if in_svg and name not in _SVG_KEPT:
                attributes.append(name)
            elif name in CONTENT_ATTRIBUTES:
                attributes.append(name)
            elif name in _SPANS:
                attributes.append(f"{name}={'1' if value.strip() in ('', '1') else 'n'}")
            else:
                attributes.append(f"{name}={value}")
        signatures.add(f"{here}{{{' '.join(attributes)}}}")
        if (
            tag in _LANDMARK_TAGS
            or role in _LANDMARK_ROLES
            or (
                tag == "section"
                and (element.get("aria-label") is not None or element.get("aria-labelledby") is not None)
            )
        ):
            landmarks[step] += 1
        for child in element:
            if isinstance(child.tag, str):
                visit(child, here, in_svg)

    visit(document, "", False)
    signatures.update(f"landmarks:{step}={number}" for step, number in landmarks.items())
    return frozenset(hashlib.sha256(s.encode("utf-8")).hexdigest()[:20] for s in signatures)


@lru_cache(maxsize=1)
def checker_version() -> str:
    """A hash of everything that decides what axe-core would say about a page of a given shape."""
    from ..writers.html.page import templates_dir

    package = Path(__file__).resolve().parents[1]
    templates = templates_dir()
    digest = hashlib.sha256()
    digest.update(cache.files_digest(package.rglob("*.py"), root=package).encode("ascii"))
    digest.update(
        cache.files_digest(
            (path for path in templates.rglob("*") if path.is_file() and "__pycache__" not in path.parts),
            root=templates,
        ).encode("ascii")
    )
    digest.update(axe_path().read_bytes())
    browser = Path(chromium_path()).resolve()
    status = browser.stat()
    digest.update(f"{browser}\0{status.st_size}\0{status.st_mtime_ns}".encode())
    spec = importlib.util.find_spec("playwright")
    if spec is not None and spec.origin:
        version_file = Path(spec.origin).parent / "_repo_version.py"
        digest.update(version_file.read_bytes() if version_file.is_file() else spec.origin.encode("utf-8"))
    return digest.hexdigest()


def memory_exists() -> bool:
    """Whether any page has been passed under this version (if not, the browser can start at once)."""
    return cache.read(KIND, checker_version()) is not None


def remembered(shape: frozenset[str]) -> bool:
    """Whether clean axe-core runs under this version have already covered every signature of `shape`."""
    return shape <= _known()


def remember(shape: frozenset[str]) -> None:
    """Record a shape axe-core found no violation in."""
    known = _known()
    if shape <= known:
        return
    cache.write(KIND, checker_version(), json.dumps(sorted(known | shape)).encode("ascii"))


def _known() -> frozenset[str]:
    raw = cache.read(KIND, checker_version())
    if raw is None:
        return frozenset()
    try:
        known = json.loads(raw)
    except ValueError:
        return frozenset()
    return frozenset(item for item in known if isinstance(item, str)) if isinstance(known, list) else frozenset()


def memory_enabled() -> bool:
    """REPORTGEN_AXE_EVERY_BUILD=1 makes every build run axe-core in full, as `reportgen check` always does."""
    return os.environ.get("REPORTGEN_AXE_EVERY_BUILD", "").strip().lower() not in ("1", "yes", "true", "on")


def _standing_in(page: HtmlPage) -> bool:
    return page.stand_in


@check("html", errors=["html-title-missing"], when=_standing_in)
def page_title(page: HtmlPage) -> Iterator[Finding]:
    """A page needs a title: a browser tab and a screen reader call it by that (axe-core's document-title)."""
    title = page.document.find(".//title")
    if title is None or not " ".join(title.text_content().split()):
        yield error(
            "html-title-missing",
            "the page has no title (<title>), so a browser tab and a screen "
            "reader have nothing to call it; give the edition a Title",
            Source(where="head > title"),
        )


@check("html", warnings=["html-heading-empty"], when=_standing_in)
def empty_headings(page: HtmlPage) -> Iterator[Finding]:
    """A heading has words in it (axe-core's empty-heading)."""
    for element in page.body.iter():
        if isinstance(element.tag, str) and _HEADING.match(element.tag) and not hidden(element) and not _name(element):
            yield warning(
                "html-heading-empty",
                "a heading with no words in it; screen readers announce it as an empty heading: give it its text",
                Source(where=css_path(element)),
            )


@check("html", warnings=["html-table-header-empty"], when=_standing_in)
def empty_header_cells(page: HtmlPage) -> Iterator[Finding]:
    """A header cell has words in it (axe-core's empty-table-header)."""
    for cell in page.body.iter("th"):
        if not hidden(cell) and not _name(cell):
            yield warning(
                "html-table-header-empty",
                "a table header cell with no words, so the cells under it have no name; give it its heading",
                Source(where=css_path(cell)),
            )


@check("html", errors=["html-id-duplicate"], when=_standing_in)
def unique_ids(page: HtmlPage) -> Iterator[Finding]:
    """An id is used once (axe-core's duplicate-id rules)."""
    seen: dict[str, object] = {}
    for element in page.document.iter():
        identifier = element.get("id") if isinstance(element.tag, str) else None
        if identifier is None:
            continue
        if identifier in seen:
            yield error(
                "html-id-duplicate",
                f"id '{identifier}' is used twice, so links and table headers that name it may reach the wrong element",
                Source(where=css_path(element)),
            )
        else:
            seen[identifier] = element


@check("html", errors=["html-reference-broken"], when=_standing_in)
def references(page: HtmlPage) -> Iterator[Finding]:
    """Every id a link, ARIA attribute or headers names is on the page (axe-core's skip-link, aria-valid-attr-value, td-headers-attr, region)."""
    ids = {e.get("id") for e in page.document.iter() if isinstance(e.tag, str) and e.get("id") is not None}
    for element in page.document.iter():
        if not isinstance(element.tag, str):
            continue
        href = element.get("href") if element.tag == "a" else None
        if href is not None and href.startswith("#") and len(href) > 1 and href[1:] not in ids:
            yield error(
                "html-reference-broken",
                f"the link goes to '{href}', which is nowhere on the page",
                Source(where=css_path(element)),
            )
        for attribute in ("aria-labelledby", "aria-describedby", "headers"):
            missing = [part for part in (element.get(attribute) or "").split() if part not in ids]
            if missing:
                yield error(
                    "html-reference-broken",
                    f"{attribute} names {', '.join(map(repr, missing))}, which is nowhere on the page",
                    Source(where=css_path(element)),
                )


@check("html", errors=["html-image-name"], when=_standing_in)
def image_names(page: HtmlPage) -> Iterator[Finding]:
    """A picture has a text alternative (axe-core's image-alt, svg-img-alt, role-img-alt)."""
    for element in page.body.iter():
        if not isinstance(element.tag, str) or hidden(element):
            continue
        if element.tag == "img" and element.get("role") not in ("presentation", "none"):
            named = element.get("alt") is not None or _aria_name(page.document, element)
        elif element.get("role") == "img":
            named = bool(_aria_name(page.document, element)) or (
                element.tag == "svg"
                and any(" ".join((child.text_content() or "").split()) for child in element if child.tag == "title")
            )
        else:
            continue
        if not named:
            yield error(
                "html-image-name",
                "a picture with no text alternative; screen readers cannot say "
                "what it shows: give the chart a Description",
                Source(where=css_path(element)),
            )


def _aria_name(document, element) -> str:
    labelled = element.get("aria-labelledby")
    if labelled:
        parts = [document.get_element_by_id(i, None) for i in labelled.split()]
        text = " ".join(" ".join(p.text_content().split()) for p in parts if p is not None)
        if text:
            return text
    return " ".join((element.get("aria-label") or "").split())


def _name(element) -> str:
    """The words of a heading or header cell, its images' text alternatives included."""
    text = " ".join(element.text_content().split())
    alts = " ".join((img.get("alt") or "").strip() for img in element.iter("img"))
    return (text + " " + alts).strip() or " ".join((element.get("aria-label") or "").split())


# The checks registered above: what stands in for axe-core on a page of a known shape.
STAND_IN_CHECKS = tuple(item for item in CHECKS["html"] if item.run.__module__ == __name__)
