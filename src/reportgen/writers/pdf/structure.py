"""The PDF structure tree as plain objects: elements, their standard roles, pages, content and places.

Read by the PDF/UA repair (fixup.py) after WeasyPrint writes, and by the PDF accessibility checks.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import pikepdf

from ...runtime.collector import collector_paused

# ISO 32000-1, 14.8.4: the standard structure types PDF/UA-1 relies on.
STANDARD_TYPES = frozenset(
    """
Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private
P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD THead TBody TFoot
Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP
Figure Formula Form
""".split()
)
_MAX_DEPTH = 400
# Inside these, an element is best found by its path from the table or list it belongs to.
_CONTAINERS = ("Table", "THead", "TBody", "TFoot", "TR", "TH", "TD", "L", "LI", "Lbl", "LBody")


@dataclass(eq=False)
class Element:
    obj: pikepdf.Dictionary
    type: str  # as written in /S
    role: str | None  # the standard type it is or maps to; None when it maps to none
    parent: Element | None
    page: int | None = None  # 0-based index of the page its content starts on
    children: list[Element] = field(default_factory=list)
    content: list[tuple[int | None, int]] = field(default_factory=list)  # (page index, MCID), document order
    annotations: list[pikepdf.Object] = field(default_factory=list)
    label: str = ""
    order: int = 0  # position in a depth-first walk

    def descendants(self) -> Iterator[Element]:
        for child in self.children:
            yield child
            yield from child.descendants()

    def ancestor(self, *roles: str) -> Element | None:
        node = self.parent
        while node is not None:
            if node.role in roles:
                return node
            node = node.parent
        return None

    def text_value(self, key: str) -> str | None:
        value = self.obj.get(key)
        if isinstance(value, pikepdf.String):
            return str(value)
        return None


@dataclass
class StructureTree:
    root: pikepdf.Dictionary
    elements: list[Element]  # depth-first document order
    role_problems: list[tuple[str, str]]  # (type, "unmapped" | "circular" | "standard-remapped")
    referenced: set[tuple[int, int]]  # (page index, MCID) pairs some element points to
    annotation_owner: dict[tuple[int, int], Element]  # annotation objgen -> element


def resolve_role(type_name: str, role_map) -> tuple[str | None, str | None]:
    """(standard role or None, problem or None) for a structure type through the role map."""
    if type_name in STANDARD_TYPES:
        if role_map is not None and f"/{type_name}" in role_map:
            mapped = str(role_map[f"/{type_name}"]).lstrip("/")
            if mapped != type_name:
                return type_name, "standard-remapped"
        return type_name, None
    seen = {type_name}
    current = type_name
    while True:
        if role_map is None or f"/{current}" not in role_map:
            return None, "unmapped"
        current = str(role_map[f"/{current}"]).lstrip("/")
        if current in STANDARD_TYPES:
            return current, None
        if current in seen:
            return None, "circular"
        seen.add(current)


def read_structure(pdf: pikepdf.Pdf) -> StructureTree | None:
    with collector_paused():
        return _read_structure(pdf)


def _read_structure(pdf: pikepdf.Pdf) -> StructureTree | None:
    root = pdf.Root.get("/StructTreeRoot")
    if not isinstance(root, pikepdf.Dictionary):
        return None
    reader = _StructureReader(pdf, root)
    for top in _as_list(root.get("/K")):
        reader.visit(top, None, None, 0)
    tree = reader.tree
    tree.role_problems = sorted(reader.problems.items())
    for element in reversed(tree.elements):
        if element.page is None:
            element.page = next((p for p, _ in element.content if p is not None), None)
            if element.page is None:
                element.page = next((c.page for c in element.children if c.page is not None), None)
    _label(tree)
    return tree


class _StructureReader:
    """A depth-first walk of the structure tree, collecting elements, their content and annotations."""

    def __init__(self, pdf: pikepdf.Pdf, root: pikepdf.Dictionary):
        self.pages = {page.obj.objgen: index for index, page in enumerate(pdf.pages)}
        role_map = root.get("/RoleMap")
        self.role_map = role_map if isinstance(role_map, pikepdf.Dictionary) else None
        self.tree = StructureTree(root, [], [], set(), {})
        self.problems: dict[str, str] = {}
        self.visited: set[tuple[int, int]] = set()

    def page_of(self, obj, inherited: int | None) -> int | None:
        page = obj.get("/Pg") if isinstance(obj, pikepdf.Dictionary) else None
        if isinstance(page, pikepdf.Dictionary) and page.is_indirect:
            return self.pages.get(page.objgen, inherited)
        return inherited

    def visit(self, kid, parent: Element | None, inherited_page: int | None, depth: int) -> None:
        if depth > _MAX_DEPTH:
            return
        if isinstance(kid, int):  # pikepdf gives PDF integers as Python ints
            if parent is not None:
                parent.content.append((inherited_page, int(kid)))
                self.tree.referenced.add((inherited_page if inherited_page is not None else -1, int(kid)))
            return
        if not isinstance(kid, pikepdf.Dictionary):
            return
        structure_type = kid.get("/S")
        if structure_type is None:
            self.visit_reference(kid, parent, inherited_page)
            return
        if kid.is_indirect:
            if kid.objgen in self.visited:
                return
            self.visited.add(kid.objgen)
        element = self.element(kid, str(structure_type).lstrip("/"), parent, inherited_page)
        for child in _as_list(kid.get("/K")):
            self.visit(child, element, element.page, depth + 1)

    def element(self, kid, type_name: str, parent: Element | None, inherited_page: int | None) -> Element:
        role, problem = resolve_role(type_name, self.role_map)
        if problem:
            self.problems.setdefault(type_name, problem)
        element = Element(
            kid, type_name, role, parent, self.page_of(kid, inherited_page), order=len(self.tree.elements)
        )
        self.tree.elements.append(element)
        if parent is not None:
            parent.children.append(element)
        return element

    def visit_reference(self, kid, parent: Element | None, inherited_page: int | None) -> None:
        # Marked-content and object references are rarer than elements, so they are tested second.
        kind = kid.get("/Type")
        if kind == "/MCR" and parent is not None and "/MCID" in kid:
            page = self.page_of(kid, inherited_page)
            parent.content.append((page, int(kid.MCID)))
            self.tree.referenced.add((page if page is not None else -1, int(kid.MCID)))
            return
        if kind == "/OBJR" and parent is not None:
            target = kid.get("/Obj")
            if target is not None:
                parent.annotations.append(target)
                if target.is_indirect:
                    self.tree.annotation_owner[target.objgen] = parent


def _as_list(value) -> list:
    if value is None:
        return []
    if isinstance(value, pikepdf.Array):
        return list(value)
    return [value]


def _label(tree: StructureTree) -> None:
    """Give each element a place a person can find: 'Table 2 > TR 4 > TH 1', 'L 3 > LI 2', 'Figure 1'."""
    counts: dict[str, int] = {}
    # Each table's rows numbered once: a table over many pages is one Table with hundreds of rows,
    # and counting them again for every row would be quadratic.
    row_numbers: dict[int, dict[int, int]] = {}
    for element in tree.elements:
        name = element.role or element.type
        table = element.ancestor("Table")
        lst = element.ancestor("L") if name in ("LI", "Lbl", "LBody") else None
        if name == "TR" and table is not None:
            numbers = row_numbers.get(id(table))
            if numbers is None:
                rows = [e for e in table.descendants() if e.role == "TR" and e.ancestor("Table") is table]
                numbers = row_numbers[id(table)] = {id(row): index for index, row in enumerate(rows, start=1)}
            element.label = f"{table.label} > TR {numbers[id(element)]}"
        elif name in ("TH", "TD") and element.parent is not None and element.parent.role == "TR":
            cells = [c for c in element.parent.children if c.role in ("TH", "TD")]
            element.label = f"{element.parent.label} > {name} {cells.index(element) + 1}"
        elif name == "LI" and lst is not None:
            items = [c for c in lst.children if c.role == "LI"]
            position = items.index(element) + 1 if element in items else 1
            element.label = f"{lst.label} > LI {position}"
        elif element.parent is not None and element.parent.role in _CONTAINERS and element.parent.label:
            element.label = f"{element.parent.label} > {name}"
        else:
            counts[name] = counts.get(name, 0) + 1
            element.label = f"{name} {counts[name]}"
            if element.type != name:
                element.label = f"{element.type} ({name}) {counts[name]}"
