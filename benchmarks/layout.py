"""Print layout: pages, and how much of each page's text area is left empty, for the PDF.

    .venv/bin/python benchmarks/layout.py [--sizes 250] [--pages]

Lays out the example edition and a generated edition (benchmarks/generate.py) with the
same HTML and print CSS the PDF uses, then, page by page, finds the lowest box of the
page's content (the running header and footer are left out) and reports the share of the
text area below it. A page that ends a chapter (the next page starts a chapter, the back
page or the glossary with a forced break) may be emptier: that space is the price of
starting chapters on a new page, and is reported separately.

Targets (issue 13): the example in at most 21 A4 pages; no page other than one before a
chapter break more than a third empty. Exit status 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

EXAMPLE = ROOT / "inputs" / "example.xlsx"
MAX_PAGES = 21
MAX_EMPTY = 1 / 3


def layout(workbook: Path):
    """WeasyPrint's laid-out document for the workbook's PDF (no PDF is written)."""
    from weasyprint import HTML

    from reportgen.outline.outlined import outline_edition
    from reportgen.workbook.reader import load
    from reportgen.writers.html.page import templates_dir
    from reportgen.writers.pdf.fetcher import AssetFetcher
    from reportgen.writers.pdf.writer import source_html

    edition = load(workbook).edition
    return HTML(
        string=source_html(outline_edition(edition)),
        base_url=templates_dir().as_uri() + "/",
        url_fetcher=AssetFetcher(),
        media_type="print",
    ).render()


def _lowest(box, bottom: float) -> float:
    """The bottom of the lowest box with something to show (text, a drawing, a rule)."""
    from weasyprint.formatting_structure import boxes

    for child in getattr(box, "children", ()) or ():
        if isinstance(child, (boxes.TextBox, boxes.ReplacedBox, boxes.InlineReplacedBox)) or (
            isinstance(child, boxes.Box) and getattr(child, "border_bottom_width", 0)
        ):
            bottom = max(bottom, child.position_y + child.margin_height())
        bottom = _lowest(child, bottom)
    return bottom


def _first_text_path(box, path=()):
    """The boxes from the page down to the first text on it."""
    from weasyprint.formatting_structure import boxes

    for child in getattr(box, "children", ()) or ():
        if type(child).__name__ == "MarginBox":
            continue
        if isinstance(child, boxes.TextBox):
            return path + (child,)
        found = _first_text_path(child, path + (child,))
        if found:
            return found
    return None


def _classes(box) -> set[str]:
    element = getattr(box, "element", None)
    return set((element.get("class") or "").split()) if element is not None else set()


def _starts_with_break(page) -> bool:
    """Whether the page begins after a forced page break: a chapter, the contents or the back page."""
    path = _first_text_path(page._page_box) or ()
    tags = [getattr(getattr(box, "element", None), "tag", "") for box in path]
    classes = [_classes(box) for box in path]
    heading_first = any(tag == "h2" for tag in tags)
    return heading_first and any("chapter" in c or "back-page" in c or "contents" in c for c in classes)


def _front_matter(page) -> str:
    """'cover' or 'contents' when the page's first text belongs to one (each ends with a forced break)."""
    for box in _first_text_path(page._page_box) or ():
        for name in ("cover", "contents"):
            if name in _classes(box):
                return name
    return ""


def measure(document) -> list[dict]:
    """One row per page: its number, the empty share of its text area and whether a break follows."""
    rows = []
    pages = document.pages
    for index, page in enumerate(pages):
        box = page._page_box
        top = box.content_box_y()
        height = box.height
        body = [child for child in box.children if type(child).__name__ != "MarginBox"]
        lowest = top
        for child in body:
            lowest = _lowest(child, lowest)
        empty = max(0.0, min(1.0, 1 - (lowest - top) / height))
        front = _front_matter(page)
        following = pages[index + 1] if index + 1 < len(pages) else None
        before_break = (
            following is None or _starts_with_break(following) or (bool(front) and _front_matter(following) != front)
        )
        rows.append({"page": index + 1, "empty": empty, "before_break": before_break})
    return rows


def report(name: str, rows: list[dict], show_pages: bool, page_target: int | None) -> bool:
    ordinary = [row for row in rows if not row["before_break"] and row["page"] > 1]
    worst = max(ordinary, key=lambda row: row["empty"], default=None)
    over = [row for row in ordinary if row["empty"] > MAX_EMPTY]
    mean = sum(row["empty"] for row in rows) / len(rows)
    print(
        f"{name}: {len(rows)} pages; mean empty share {mean:.1%}; "
        f"worst page not before a break: {worst['empty']:.1%} (page {worst['page']})"
        if worst
        else f"{name}: {len(rows)} pages"
    )
    if show_pages:
        for row in rows:
            mark = " (before a break)" if row["before_break"] else ""
            print(f"  page {row['page']:>3}: {row['empty']:6.1%} empty{mark}")
    ok = not over
    if over:
        print(
            f"  missed: {len(over)} page(s) more than a third empty: "
            + ", ".join(f"{row['page']} ({row['empty']:.0%})" for row in over)
        )
    if page_target is not None:
        met = len(rows) <= page_target
        print(f"  target at most {page_target} pages: {'met' if met else 'MISSED'} ({len(rows)})")
        ok = ok and met
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="250", help="generated editions to measure, e.g. 250,1000 ('' for none)")
    parser.add_argument("--pages", action="store_true", help="print every page's empty share")
    args = parser.parse_args()
    ok = report("inputs/example.xlsx", measure(layout(EXAMPLE)), args.pages, MAX_PAGES)
    import generate

    with tempfile.TemporaryDirectory() as folder:
        for size in filter(None, args.sizes.split(",")):
            workbook = generate.write(Path(folder) / f"edition-{size}.xlsx", int(size))
            ok = report(f"{size} generated commitments", measure(layout(workbook)), args.pages, None) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
