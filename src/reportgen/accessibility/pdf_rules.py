"""PDF checks on the structure tree: roles, headings, tables, lists, figures, links, the parent tree, contrast.

Registered after the file's checks (pdf_file_rules), each only for a PDF that has a structure tree.
"""

from __future__ import annotations

from collections.abc import Iterator

import pikepdf

from ..core.findings import Finding, Source, error, warning
from ..core.readability import readability_findings
from ..core.wording import clip
from ..writers.pdf.structure import Element
from .contrast import check_contrast
from .links import check_link_text
from .pdf_document import HEADING, PdfDocument, cell_span, table_attribute
from .registry import check


def tagged(document: PdfDocument) -> bool:
    return document.structure is not None


_TABLE_CHILDREN = {
    "Table": {"TR", "THead", "TBody", "TFoot", "Caption"},
    "THead": {"TR"},
    "TBody": {"TR"},
    "TFoot": {"TR"},
    "TR": {"TH", "TD"},
}
_LIST_CHILDREN = {"L": {"LI", "L", "Caption"}, "LI": {"Lbl", "LBody"}}
_PARENTS = {
    "TR": ("Table", "THead", "TBody", "TFoot"),
    "TH": ("TR",),
    "TD": ("TR",),
    "THead": ("Table",),
    "TBody": ("Table",),
    "TFoot": ("Table",),
    "LI": ("L",),
    "Lbl": ("LI",),
    "LBody": ("LI",),
}


@check("pdf", errors=["pdf-role-unmapped", "pdf-role-remapped"], when=tagged)
def roles(document: PdfDocument) -> Iterator[Finding]:
    """Every structure type is standard or role-mapped to one, and no standard type is remapped (Matterhorn 02)."""
    first = {}
    for element in document.structure.elements:
        first.setdefault(element.type, element)
    for type_name, problem in document.structure.role_problems:
        place = document.place(first[type_name]) if type_name in first else Source(where="structure tree")
        if problem == "unmapped":
            yield error(
                "pdf-role-unmapped",
                f"the structure type '{type_name}' is not a standard type and the "
                "role map does not map it to one, so assistive technology cannot know what it is",
                place,
            )
        elif problem == "circular":
            yield error(
                "pdf-role-unmapped",
                f"the role map maps '{type_name}' in a circle and never reaches a standard structure type",
                place,
            )
        else:
            yield error(
                "pdf-role-remapped",
                f"the role map remaps the standard structure type '{type_name}', "
                "which PDF/UA forbids; remove it from the role map",
                place,
            )


@check("pdf", errors=["pdf-heading-mixed", "pdf-heading-skipped"], when=tagged)
def headings(document: PdfDocument) -> Iterator[Finding]:
    """Headings are all H or all H1 to H6, start at H1 and skip no level (Matterhorn 14)."""
    numbered = [e for e in document.structure.elements if e.role and HEADING.match(e.role)]
    plain = [e for e in document.structure.elements if e.role == "H"]
    if numbered and plain:
        yield error(
            "pdf-heading-mixed",
            "the document uses both H and numbered headings (H1 to H6); use one kind throughout",
            document.place(plain[0], with_text=True),
        )
    previous = 0
    for element in numbered:
        level = int(element.role[1])
        if previous == 0 and level != 1:
            yield error(
                "pdf-heading-skipped",
                f"the first heading is {element.role}, not H1; the heading levels must start at H1",
                document.place(element, with_text=True),
            )
        elif previous and level > previous + 1:
            yield error(
                "pdf-heading-skipped",
                f"{element.role} follows H{previous}, skipping a level; use "
                f"H{previous + 1} or restructure the headings",
                document.place(element, with_text=True),
            )
        previous = level


@check("pdf", errors=["pdf-tag-misplaced"], when=tagged)
def nesting(document: PdfDocument) -> Iterator[Finding]:
    """Table and list elements sit in, and hold, only what they may (Matterhorn 09)."""
    for element in document.structure.elements:
        role = element.role
        if role in _PARENTS:
            parent_role = element.parent.role if element.parent is not None else None
            if parent_role not in _PARENTS[role]:
                yield error(
                    "pdf-tag-misplaced",
                    f"a {role} element sits in {parent_role or 'the tree root'}, but "
                    f"it belongs in {' or '.join(_PARENTS[role])}",
                    document.place(element),
                )
        allowed = _TABLE_CHILDREN.get(role or "") or _LIST_CHILDREN.get(role or "")
        if allowed is None:
            continue
        for child in element.children:
            if child.role not in allowed and child.role is not None:
                yield error(
                    "pdf-tag-misplaced",
                    f"a {role} element contains {child.role}, but may contain only {', '.join(sorted(allowed))}",
                    document.place(child),
                )
        if element.content and role in ("Table", "THead", "TBody", "TFoot", "TR", "L", "LI"):
            yield error(
                "pdf-tag-misplaced",
                f"a {role} element holds content directly; its content belongs in "
                f"its {', '.join(sorted(allowed))} children",
                document.place(element),
            )


@check("pdf", errors=["pdf-table-no-header", "pdf-th-scope"], warnings=["pdf-th-scope"], when=tagged)
def table_headers(document: PdfDocument) -> Iterator[Finding]:
    """A table has header cells, each with a Scope (Matterhorn 15)."""
    for table in (e for e in document.structure.elements if e.role == "Table"):
        cells = [e for e in table.descendants() if e.role in ("TH", "TD") and e.ancestor("Table") is table]
        headers = [c for c in cells if c.role == "TH"]
        if cells and not headers:
            yield error(
                "pdf-table-no-header",
                "the table has no header cells (TH), so screen readers cannot say "
                "which column or row a cell belongs to; mark the header row or column as TH",
                document.place(table),
            )
            continue
        uses_headers = all(_has_attribute(c, "/Headers") for c in cells if c.role == "TD")
        for cell in headers:
            scope = table_attribute(cell, "/Scope")
            if scope is None:
                make = warning if uses_headers and any(c.role == "TD" for c in cells) else error
                yield make(
                    "pdf-th-scope",
                    "the header cell has no Scope (Row, Column or Both), so assistive "
                    "technology may not tie it to its cells; add /Scope to the TH",
                    document.place(cell),
                )
            elif str(scope) not in ("/Row", "/Column", "/Both"):
                yield error(
                    "pdf-th-scope",
                    f"the header cell's Scope is {scope}; it must be Row, Column or Both",
                    document.place(cell),
                )


def _table_rows(table: Element) -> list[Element]:
    return [e for e in table.descendants() if e.role == "TR" and e.ancestor("Table") is table]


def _header_rows(table: Element) -> list[Element]:
    """Rows in THead, and rows of header cells only: what a reader hears as the table's column headings."""
    found = []
    for row in _table_rows(table):
        cells = [c for c in row.children if c.role in ("TH", "TD")]
        if (row.parent is not None and row.parent.role == "THead") or (cells and all(c.role == "TH" for c in cells)):
            found.append(row)
    return found


@check("pdf", errors=["pdf-table-rowspan"], when=tagged)
def table_spans(document: PdfDocument) -> Iterator[Finding]:
    """A cell's RowSpan must end inside its table: no checker or screen reader can place rows that do not exist."""
    for table in (e for e in document.structure.elements if e.role == "Table"):
        rows = _table_rows(table)
        for index, row in enumerate(rows):
            for cell in (c for c in row.children if c.role in ("TH", "TD")):
                span = cell_span(cell, "/RowSpan")
                if index + span > len(rows):
                    past = index + span - len(rows)
                    yield error(
                        "pdf-table-rowspan",
                        f"the cell's RowSpan is {span}, which runs {past} row"
                        f"{'s' if past != 1 else ''} past the last row of its table ({len(rows)} rows); "
                        "a table broken over pages must be one Table element, or the span must stop at "
                        "the table's last row",
                        document.place(cell, with_text=True),
                    )


@check("pdf", errors=["pdf-table-header-repeated", "pdf-table-split"], when=tagged)
def split_tables(document: PdfDocument) -> Iterator[Finding]:
    """One table tagged as several: page fragments of one table, and header rows tagged again on later pages."""
    tables = [e for e in document.structure.elements if e.role == "Table" and e.ancestor("Table") is None]
    headers = {id(t): [" ".join(document.text(r).split()) for r in _header_rows(t)] for t in tables}
    for table in tables:
        seen: set[str] = set()
        for row in _header_rows(table):
            text = " ".join(document.text(row).split())
            if text and text in seen:
                yield error(
                    "pdf-table-header-repeated",
                    "a header row repeated on a later page is tagged as part "
                    "of the table, so screen readers read the headings again in the middle of it; tag "
                    "the repeat as a pagination artifact",
                    document.place(row, with_text=True),
                )
            seen.add(text)
    for first, second in zip(tables, tables[1:]):
        if not _continues_table(document, first, second, headers):
            continue
        yield error(
            "pdf-table-split",
            "this table continues the table on the page before, but is tagged as a "
            "separate Table, so screen readers announce a new table at each page and lose the rows' "
            "headers; tag the whole table as one Table element",
            document.place(second),
        )
        repeated = set(headers[id(first)])
        for row in _header_rows(second):
            if " ".join(document.text(row).split()) in repeated:
                yield error(
                    "pdf-table-header-repeated",
                    "the header row repeated at the top of this page is "
                    "tagged as content, so screen readers read the headings again in the middle of the "
                    "table; tag the repeat as a pagination artifact",
                    document.place(row, with_text=True),
                )


def _continues_table(document: PdfDocument, first: Element, second: Element, headers: dict) -> bool:
    """Whether `second` starts on the page after `first` ends, with nothing read between them, and the same headings."""
    last_page = max((p for e in [first, *first.descendants()] for p, _ in e.content if p is not None), default=None)
    if last_page is None or second.page != last_page + 1:
        return False
    end = max((e.order for e in first.descendants()), default=first.order)
    between = document.structure.elements[end + 1 : second.order]
    if any(e.content and second not in _chain(e) for e in between):
        return False
    own, previous = headers[id(second)], headers[id(first)]
    return not own or (bool(previous) and own[0] == previous[0])


def _chain(element: Element) -> list[Element]:
    """The element and what it sits in (a heading read before the table is not part of it)."""
    found = [element]
    found.extend(element.descendants())
    return found


def _has_attribute(element: Element, key: str) -> bool:
    value = table_attribute(element, key)
    return value is not None and (not isinstance(value, pikepdf.Array) or len(value) > 0)


@check("pdf", errors=["pdf-figure-alt"], when=tagged)
def figures(document: PdfDocument) -> Iterator[Finding]:
    """A Figure or Formula has alternative text (Matterhorn 13)."""
    for element in document.structure.elements:
        if element.role not in ("Figure", "Formula"):
            continue
        alt = (element.text_value("/Alt") or "").strip() or (element.text_value("/ActualText") or "").strip()
        if not alt:
            what = "figure" if element.role == "Figure" else "formula"
            yield error(
                "pdf-figure-alt",
                f"the {what} has no alternative text (/Alt), so screen reader users "
                f"miss what it shows; describe it, or mark it as an artifact if it is decoration",
                document.place(element),
            )


@check("pdf", errors=["link-text-missing"], warnings=["link-text-bare-url", "link-text-unclear"], when=tagged)
def link_text(document: PdfDocument) -> Iterator[Finding]:
    """A link's text says where it goes; a link wrapped over lines is read as one."""
    # A link that wraps onto a second line becomes one Link element per line; read as a person
    # would, they are one link, so neighbouring Link elements with the same target are joined.
    groups: list[tuple[Element, str | None, str]] = []
    for element in document.structure.elements:
        if element.role != "Link":
            continue
        href = _link_target(element)
        text = document.text(element).strip() or (element.text_value("/Alt") or "").strip()
        if groups and href is not None and _continues(groups[-1], element, href):
            first, _, joined = groups[-1]
            groups[-1] = (first, href, f"{joined} {text}".strip())
            continue
        groups.append((element, href, text))
    for element, href, text in groups:
        finding = check_link_text(text, href, document.place(element, with_text=True))
        if finding is not None:
            yield finding


def _link_target(element: Element) -> str | None:
    for annotation in element.annotations:
        action = annotation.get("/A") if isinstance(annotation, pikepdf.Dictionary) else None
        if isinstance(action, pikepdf.Dictionary) and "/URI" in action:
            return str(action.URI)
    return None


def _continues(previous: tuple[Element, str | None, str], element: Element, href: str) -> bool:
    first, previous_href, _ = previous
    if previous_href != href or element.parent is None or element.parent is not first.parent:
        return False
    siblings = element.parent.children
    position = siblings.index(element)
    return position > 0 and siblings[position - 1].role == "Link"


@check("pdf", errors=["pdf-annotation-untagged", "pdf-link-not-in-link", "pdf-annotation-contents"], when=tagged)
def annotations(document: PdfDocument) -> Iterator[Finding]:
    """Every annotation is in the structure tree, a link in a Link element, each described (Matterhorn 28)."""
    owners = document.structure.annotation_owner
    for index, page in enumerate(document.pdf.pages):
        for number, annotation in enumerate(page.obj.get("/Annots", []), start=1):
            if not isinstance(annotation, pikepdf.Dictionary):
                continue
            subtype = str(annotation.get("/Subtype", ""))
            hidden = int(annotation.get("/F", 0)) & 2
            if subtype in ("/Popup", "/PrinterMark") or hidden:
                continue
            owner = owners.get(annotation.objgen) if annotation.is_indirect else None
            where = f"page {index + 1}, {subtype.lstrip('/')} annotation {number}"
            if owner is not None:
                where = f"page {index + 1}, {owner.label}"
            if owner is None or "/StructParent" not in annotation:
                yield error(
                    "pdf-annotation-untagged",
                    f"the {subtype.lstrip('/')} annotation is not in the "
                    "structure tree, so assistive technology cannot reach it; tag it (a link inside a "
                    "Link element)",
                    Source(where=where),
                )
            elif subtype == "/Link" and owner.role != "Link":
                yield error(
                    "pdf-link-not-in-link",
                    f"the link annotation sits in a {owner.role or owner.type} "
                    "element; it must be inside a Link element",
                    Source(where=where),
                )
            contents = annotation.get("/Contents")
            has_alt = owner is not None and (owner.text_value("/Alt") or "").strip()
            if (
                subtype != "/Widget"
                and not (isinstance(contents, pikepdf.String) and str(contents).strip())
                and not has_alt
            ):
                yield error(
                    "pdf-annotation-contents",
                    f"the {subtype.lstrip('/')} annotation has no description "
                    "(/Contents); describe where the link goes",
                    Source(where=where),
                )


@check("pdf", errors=["pdf-content-not-in-tree", "pdf-parent-tree"], when=tagged)
def parent_tree(document: PdfDocument) -> Iterator[Finding]:
    """Tagged content belongs to a structure element, and each page to the ParentTree (Matterhorn 01)."""
    parent_tree = document.structure.root.get("/ParentTree")
    tree = None
    if isinstance(parent_tree, pikepdf.Dictionary):
        try:
            tree = pikepdf.NumberTree(parent_tree)
        except (pikepdf.PdfError, TypeError, ValueError):
            tree = None
    for index, page in enumerate(document.pages):
        if not page.mcids:
            continue
        orphans = sorted(m for m in page.mcids if (index, m) not in document.structure.referenced)
        if orphans:
            sample = " ".join(page.mcid_text.get(orphans[0], "").split())[:40]
            text = f' ("{sample}")' if sample else ""
            yield error(
                "pdf-content-not-in-tree",
                f"{len(orphans)} tagged piece{'s' if len(orphans) != 1 else ''}"
                f" of content{text} belong{'s' if len(orphans) == 1 else ''} to no element of the structure tree, "
                "so screen readers skip it; tag it as part of an element, or mark it as an artifact",
                Source(where=f"page {index + 1}"),
            )
        if tree is None:
            continue
        key = document.pdf.pages[index].obj.get("/StructParents")
        if key is None or int(key) not in tree:
            yield error(
                "pdf-parent-tree",
                "the page's tagged content has no entry in the structure tree's "
                "ParentTree (/StructParents), so assistive technology cannot find its tags",
                Source(where=f"page {index + 1}"),
            )


@check("pdf", errors=["contrast-low"], when=tagged)
def contrast(document: PdfDocument) -> Iterator[Finding]:
    """Tagged, visible text against the filled rectangle beneath it meets WCAG 2's contrast minimum."""
    reported: set[tuple[int, int]] = set()
    for index, page in enumerate(document.pages):
        for run in page.runs:
            if (
                run.artifact
                or not run.visible
                or run.colour is None
                or run.background is None
                or not run.text.strip()
                or run.mcid is None
                or (index, run.mcid) in reported
            ):
                continue
            problem = check_contrast(run.colour, run.background, run.points, run.bold)
            if problem is None:
                continue
            reported.add((index, run.mcid))
            owner = _meaningful(document.mcid_owners.get((index, run.mcid)))
            place = f"page {index + 1}" + (f", {owner.label}" if owner is not None else "")
            yield error("contrast-low", f'"{clip(run.text, 50)}": {problem.describe()}', Source(where=place))


def _meaningful(element):
    """The nearest element a person would recognise: a Span or NonStruct wrapper says nothing."""
    while element is not None and element.parent is not None and element.role in ("Span", "NonStruct", "Private"):
        element = element.parent
    return element


@check("pdf", warnings=["readability"], when=lambda document: document.readability and tagged(document))
def reading_ease(document: PdfDocument) -> Iterator[Finding]:
    """Reading ease of each update cell, else of each section under a heading (information only)."""
    yield from readability_findings(document.passages())
