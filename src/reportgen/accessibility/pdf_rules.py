"""Checks on the PDF structure tree: roles, headings, tables, lists, figures, links and the parent tree."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pikepdf

from ..core.findings import Finding, Source, error, warning
from ..writers.pdf.structure import Element, StructureTree
from .grid import layout
from .links import check_link_text
from .pdf_content import PageContent

_HEADING = re.compile(r"^H([1-6])$")
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


def structure_findings(pdf: pikepdf.Pdf, tree: StructureTree, pages: list[PageContent]) -> list[Finding]:
    context = _Context(tree, pages)
    findings: list[Finding] = []
    for check in (
        _roles,
        _headings,
        _nesting,
        _tables,
        _table_spans,
        _split_tables,
        _figures,
        _links,
        _annotations,
        _parent_tree,
    ):
        findings.extend(check(pdf, context))
    return findings


class _Context:
    def __init__(self, tree: StructureTree, pages: list[PageContent]):
        self.tree = tree
        self.pages = pages

    def text(self, element: Element) -> str:
        actual = element.text_value("/ActualText")
        if actual is not None:
            return actual
        parts = []
        for page, mcid in element.content:
            if page is not None and 0 <= page < len(self.pages):
                parts.append(self.pages[page].mcid_text.get(mcid, ""))
        for child in element.children:
            parts.append(self.text(child))
        return "".join(parts)

    def place(self, element: Element, with_text: bool = False) -> Source:
        where = element.label
        if with_text:
            text = " ".join(self.text(element).split())
            if text:
                where += f' ("{text[:40]}{"…" if len(text) > 40 else ""}")'
        if element.page is not None:
            where = f"page {element.page + 1}, {where}"
        return Source(where=where)


def _roles(pdf, context: _Context) -> Iterator[Finding]:
    first = {}
    for element in context.tree.elements:
        first.setdefault(element.type, element)
    for type_name, problem in context.tree.role_problems:
        place = context.place(first[type_name]) if type_name in first else Source(where="structure tree")
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


def _headings(pdf, context: _Context) -> Iterator[Finding]:
    numbered = [e for e in context.tree.elements if e.role and _HEADING.match(e.role)]
    plain = [e for e in context.tree.elements if e.role == "H"]
    if numbered and plain:
        yield error(
            "pdf-heading-mixed",
            "the document uses both H and numbered headings (H1 to H6); use one kind throughout",
            context.place(plain[0], with_text=True),
        )
    previous = 0
    for element in numbered:
        level = int(element.role[1])
        if previous == 0 and level != 1:
            yield error(
                "pdf-heading-skipped",
                f"the first heading is {element.role}, not H1; the heading levels must start at H1",
                context.place(element, with_text=True),
            )
        elif previous and level > previous + 1:
            yield error(
                "pdf-heading-skipped",
                f"{element.role} follows H{previous}, skipping a level; use "
                f"H{previous + 1} or restructure the headings",
                context.place(element, with_text=True),
            )
        previous = level


def _nesting(pdf, context: _Context) -> Iterator[Finding]:
    for element in context.tree.elements:
        role = element.role
        if role in _PARENTS:
            parent_role = element.parent.role if element.parent is not None else None
            if parent_role not in _PARENTS[role]:
                yield error(
                    "pdf-tag-misplaced",
                    f"a {role} element sits in {parent_role or 'the tree root'}, but "
                    f"it belongs in {' or '.join(_PARENTS[role])}",
                    context.place(element),
                )
        allowed = _TABLE_CHILDREN.get(role or "") or _LIST_CHILDREN.get(role or "")
        if allowed is None:
            continue
        for child in element.children:
            if child.role not in allowed and child.role is not None:
                yield error(
                    "pdf-tag-misplaced",
                    f"a {role} element contains {child.role}, but may contain only {', '.join(sorted(allowed))}",
                    context.place(child),
                )
        if element.content and role in ("Table", "THead", "TBody", "TFoot", "TR", "L", "LI"):
            yield error(
                "pdf-tag-misplaced",
                f"a {role} element holds content directly; its content belongs in "
                f"its {', '.join(sorted(allowed))} children",
                context.place(element),
            )


def _tables(pdf, context: _Context) -> Iterator[Finding]:
    for table in (e for e in context.tree.elements if e.role == "Table"):
        cells = [e for e in table.descendants() if e.role in ("TH", "TD") and e.ancestor("Table") is table]
        headers = [c for c in cells if c.role == "TH"]
        if cells and not headers:
            yield error(
                "pdf-table-no-header",
                "the table has no header cells (TH), so screen readers cannot say "
                "which column or row a cell belongs to; mark the header row or column as TH",
                context.place(table),
            )
            continue
        uses_headers = all(_has_attribute(c, "/Headers") for c in cells if c.role == "TD")
        for cell in headers:
            scope = _attribute(cell, "/Scope")
            if scope is None:
                make = warning if uses_headers and any(c.role == "TD" for c in cells) else error
                yield make(
                    "pdf-th-scope",
                    "the header cell has no Scope (Row, Column or Both), so assistive "
                    "technology may not tie it to its cells; add /Scope to the TH",
                    context.place(cell),
                )
            elif str(scope) not in ("/Row", "/Column", "/Both"):
                yield error(
                    "pdf-th-scope",
                    f"the header cell's Scope is {scope}; it must be Row, Column or Both",
                    context.place(cell),
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


def _table_spans(pdf, context: _Context) -> Iterator[Finding]:
    """A cell's RowSpan must end inside its table: no checker or screen reader can place rows that do not exist."""
    for table in (e for e in context.tree.elements if e.role == "Table"):
        rows = _table_rows(table)
        for index, row in enumerate(rows):
            for cell in (c for c in row.children if c.role in ("TH", "TD")):
                span = _span(cell, "/RowSpan")
                if index + span > len(rows):
                    past = index + span - len(rows)
                    yield error(
                        "pdf-table-rowspan",
                        f"the cell's RowSpan is {span}, which runs {past} row"
                        f"{'s' if past != 1 else ''} past the last row of its table ({len(rows)} rows); "
                        "a table broken over pages must be one Table element, or the span must stop at "
                        "the table's last row",
                        context.place(cell, with_text=True),
                    )


def _split_tables(pdf, context: _Context) -> Iterator[Finding]:
    """One table tagged as several: page fragments of one table, and header rows tagged again on later pages."""
    tables = [e for e in context.tree.elements if e.role == "Table" and e.ancestor("Table") is None]
    headers = {id(t): [" ".join(context.text(r).split()) for r in _header_rows(t)] for t in tables}
    for table in tables:
        seen: set[str] = set()
        for row in _header_rows(table):
            text = " ".join(context.text(row).split())
            if text and text in seen:
                yield error(
                    "pdf-table-header-repeated",
                    "a header row repeated on a later page is tagged as part "
                    "of the table, so screen readers read the headings again in the middle of it; tag "
                    "the repeat as a pagination artifact",
                    context.place(row, with_text=True),
                )
            seen.add(text)
    for first, second in zip(tables, tables[1:]):
        if not _continues_table(context, first, second, headers):
            continue
        yield error(
            "pdf-table-split",
            "this table continues the table on the page before, but is tagged as a "
            "separate Table, so screen readers announce a new table at each page and lose the rows' "
            "headers; tag the whole table as one Table element",
            context.place(second),
        )
        repeated = set(headers[id(first)])
        for row in _header_rows(second):
            if " ".join(context.text(row).split()) in repeated:
                yield error(
                    "pdf-table-header-repeated",
                    "the header row repeated at the top of this page is "
                    "tagged as content, so screen readers read the headings again in the middle of the "
                    "table; tag the repeat as a pagination artifact",
                    context.place(row, with_text=True),
                )


def _continues_table(context: _Context, first: Element, second: Element, headers: dict) -> bool:
    """Whether `second` starts on the page after `first` ends, with nothing read between them, and the same headings."""
    last_page = max((p for e in [first, *first.descendants()] for p, _ in e.content if p is not None), default=None)
    if last_page is None or second.page != last_page + 1:
        return False
    end = max((e.order for e in first.descendants()), default=first.order)
    between = context.tree.elements[end + 1 : second.order]
    if any(e.content and second not in _chain(e) for e in between):
        return False
    own, previous = headers[id(second)], headers[id(first)]
    return not own or (bool(previous) and own[0] == previous[0])


def _chain(element: Element) -> list[Element]:
    """The element and what it sits in (a heading read before the table is not part of it)."""
    found = [element]
    found.extend(element.descendants())
    return found


def _attributes(element: Element) -> list[pikepdf.Dictionary]:
    value = element.obj.get("/A")
    items = list(value) if isinstance(value, pikepdf.Array) else [value]
    return [item for item in items if isinstance(item, pikepdf.Dictionary)]


def _attribute(element: Element, key: str):
    for attributes in _attributes(element):
        if attributes.get("/O") == "/Table" and key in attributes:
            return attributes[key]
    return None


def _has_attribute(element: Element, key: str) -> bool:
    value = _attribute(element, key)
    return value is not None and (not isinstance(value, pikepdf.Array) or len(value) > 0)


def _figures(pdf, context: _Context) -> Iterator[Finding]:
    for element in context.tree.elements:
        if element.role not in ("Figure", "Formula"):
            continue
        alt = (element.text_value("/Alt") or "").strip() or (element.text_value("/ActualText") or "").strip()
        if not alt:
            what = "figure" if element.role == "Figure" else "formula"
            yield error(
                "pdf-figure-alt",
                f"the {what} has no alternative text (/Alt), so screen reader users "
                f"miss what it shows; describe it, or mark it as an artifact if it is decoration",
                context.place(element),
            )


def _links(pdf, context: _Context) -> Iterator[Finding]:
    # A link that wraps onto a second line becomes one Link element per line; read as a person
    # would, they are one link, so neighbouring Link elements with the same target are joined.
    groups: list[tuple[Element, str | None, str]] = []
    for element in context.tree.elements:
        if element.role != "Link":
            continue
        href = _link_target(element)
        text = context.text(element).strip() or (element.text_value("/Alt") or "").strip()
        if groups and href is not None and _continues(groups[-1], element, href):
            first, _, joined = groups[-1]
            groups[-1] = (first, href, f"{joined} {text}".strip())
            continue
        groups.append((element, href, text))
    for element, href, text in groups:
        finding = check_link_text(text, href, context.place(element, with_text=True))
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


def _annotations(pdf, context: _Context) -> Iterator[Finding]:
    owners = context.tree.annotation_owner
    for index, page in enumerate(pdf.pages):
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


def _parent_tree(pdf, context: _Context) -> Iterator[Finding]:
    parent_tree = context.tree.root.get("/ParentTree")
    tree = None
    if isinstance(parent_tree, pikepdf.Dictionary):
        try:
            tree = pikepdf.NumberTree(parent_tree)
        except (pikepdf.PdfError, TypeError, ValueError):
            tree = None
    for index, page in enumerate(context.pages):
        if not page.mcids:
            continue
        orphans = sorted(m for m in page.mcids if (index, m) not in context.tree.referenced)
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
        key = pdf.pages[index].obj.get("/StructParents")
        if key is None or int(key) not in tree:
            yield error(
                "pdf-parent-tree",
                "the page's tagged content has no entry in the structure tree's "
                "ParentTree (/StructParents), so assistive technology cannot find its tags",
                Source(where=f"page {index + 1}"),
            )


def readable_passages(tree: StructureTree, pages: list[PageContent]) -> list[tuple[Source, str, str]]:
    """The passages readability is measured on: each cell of an 'Update' column, else each section's text."""
    context = _Context(tree, pages)
    passages: list[tuple[Source, str, str]] = []
    for table in (e for e in tree.elements if e.role == "Table"):
        rows = [e for e in table.descendants() if e.role == "TR" and e.ancestor("Table") is table]
        cells = [[c for c in row.children if c.role in ("TH", "TD")] for row in rows]
        if not cells or not cells[0] or not all(c.role == "TH" for c in cells[0]):
            continue
        names = [context.text(c).strip().casefold() for c in cells[0]]
        column = next((i for i, name in enumerate(names) if "update" in name), None)
        if column is None:
            continue
        grid = layout([[(c, _span(c, "/RowSpan"), _span(c, "/ColSpan")) for c in row] for row in cells])
        for row, placed in zip(rows[1:], grid[1:]):
            cell = placed.get(column)
            if cell is not None and cell.parent is row:
                passages.append((context.place(cell), "update", _block_text(context, cell)))
    if passages:
        return passages
    heading = None
    collected: list[str] = []
    for element in tree.elements:
        if element.role and (_HEADING.match(element.role) or element.role == "H"):
            if heading is not None and collected:
                passages.append((context.place(heading), _section_name(context, heading), "\n".join(collected)))
            heading, collected = element, []
        elif element.role in ("P", "LBody") and heading is not None and element.ancestor("Table") is None:
            collected.append(" ".join(context.text(element).split()))
    if heading is not None and collected:
        passages.append((context.place(heading), _section_name(context, heading), "\n".join(collected)))
    return passages


def _span(cell: Element, key: str) -> int:
    value = _attribute(cell, key)
    return int(value) if isinstance(value, int) else 1


def _block_text(context: _Context, cell: Element) -> str:
    blocks = [e for e in cell.descendants() if e.role in ("P", "LBody")]
    if not blocks:
        return context.text(cell)
    return "\n".join(" ".join(context.text(b).split()) for b in blocks)


def _section_name(context: _Context, heading: Element) -> str:
    title = " ".join(context.text(heading).split())
    return f"section “{title[:60]}”" if title else "section"
