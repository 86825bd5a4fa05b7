"""Repairs to tagged PDFs that WeasyPrint leaves short of PDF/UA-1: TH scope, tab order, orphaned tags, Spans."""

from __future__ import annotations

import io
import re

import pikepdf

from .pdf_structure import Element, read_structure

# A Span may carry text, but never sit where only table rows, cells or list items may.
_GROUPING = ("Table", "THead", "TBody", "TFoot", "TR", "L", "LI")


def fix_pdf(data: bytes) -> bytes:
    """The PDF with its known accessibility gaps repaired; unchanged bytes when there is nothing to repair.

    Deterministic: the same input gives the same output bytes (the file ID is derived from the content).
    """
    with pikepdf.open(io.BytesIO(data)) as pdf:
        changed = False
        tree = read_structure(pdf)
        if tree is not None:
            changed |= _unwrap_misplaced_spans(tree)
            tree = read_structure(pdf) if changed else tree
            changed |= _add_header_scope(tree.elements)
            changed |= _orphans_to_artifacts(pdf, tree)
        changed |= _set_tab_order(pdf)
        if not changed:
            return data
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, compress_streams=True,
                 object_stream_mode=pikepdf.ObjectStreamMode.preserve)
        return out.getvalue()


def header_scope(cell: Element) -> str:
    """Column for a cell in a header row (in THead, or a row of TH only); Row for a TH that starts a data row."""
    row = cell.parent
    if row is None:
        return "/Column"
    if row.parent is not None and row.parent.role == "THead":
        return "/Column"
    cells = [c for c in row.children if c.role in ("TH", "TD")]
    if all(c.role == "TH" for c in cells):
        return "/Column"
    if cells and cells[0] is cell:
        return "/Row"
    return "/Column"


def _add_header_scope(elements: list[Element]) -> bool:
    changed = False
    for cell in elements:
        if cell.role != "TH" or cell.parent is None or cell.parent.role != "TR":
            continue
        if _table_attribute(cell.obj, "/Scope") is not None:
            continue
        _set_table_attribute(cell.obj, "/Scope", pikepdf.Name(header_scope(cell)))
        changed = True
    return changed


def _table_attribute(obj: pikepdf.Dictionary, key: str):
    value = obj.get("/A")
    for item in (list(value) if isinstance(value, pikepdf.Array) else [value]):
        if isinstance(item, pikepdf.Dictionary) and item.get("/O") == "/Table" and key in item:
            return item[key]
    return None


def _set_table_attribute(obj: pikepdf.Dictionary, key: str, value) -> None:
    # Each cell gets its own copy of its attribute dictionary: producers may share one between cells,
    # and a Row scope must not leak into a column header.
    current = obj.get("/A")
    items = list(current) if isinstance(current, pikepdf.Array) else ([current] if current is not None else [])
    for position, item in enumerate(items):
        if isinstance(item, pikepdf.Dictionary) and item.get("/O") == "/Table":
            copy = pikepdf.Dictionary({k: item[k] for k in item.keys()})
            copy[key] = value
            items[position] = copy
            break
    else:
        items.append(pikepdf.Dictionary({"/O": pikepdf.Name("/Table"), key: value}))
    obj.A = items[0] if len(items) == 1 else pikepdf.Array(items)


def _unwrap_misplaced_spans(tree) -> bool:
    """Replace a Span sitting directly in a table or list grouping element by its own children."""
    changed = False
    for element in tree.elements:
        if element.role != "Span" or element.parent is None or element.parent.role not in _GROUPING:
            continue
        if element.content:
            continue  # its text would land in the grouping element, which is worse than the Span
        parent = element.parent.obj
        kids = list(parent.K) if isinstance(parent.get("/K"), pikepdf.Array) else [parent.get("/K")]
        replaced = []
        for kid in kids:
            if isinstance(kid, pikepdf.Dictionary) and kid.is_indirect and element.obj.is_indirect \
                    and kid.objgen == element.obj.objgen:
                inner = element.obj.get("/K")
                grandchildren = list(inner) if isinstance(inner, pikepdf.Array) else ([inner] if inner else [])
                for child in grandchildren:
                    if isinstance(child, pikepdf.Dictionary) and "/S" in child:
                        child.P = parent
                replaced.extend(grandchildren)
                changed = True
            else:
                replaced.append(kid)
        parent.K = pikepdf.Array(replaced)
    return changed


def _orphans_to_artifacts(pdf: pikepdf.Pdf, tree) -> bool:
    """Mark content tagged with an MCID that no structure element reaches as a pagination artifact.

    WeasyPrint tags the running headers and footers of page margin boxes on every page but links
    only the first page's copy into the structure tree; the rest are unreachable to assistive
    technology and invalid PDF/UA. Running heads are pagination artifacts, so that is what they become.
    """
    changed = False
    parent_tree = tree.root.get("/ParentTree")
    numbers = pikepdf.NumberTree(parent_tree) if isinstance(parent_tree, pikepdf.Dictionary) else None
    for index, page in enumerate(pdf.pages):
        fast = _orphans_in_bytes(pdf, page, index, tree.referenced)
        if fast is not None:
            orphans, contents = fast
            if orphans:
                page.obj.Contents = pdf.make_stream(contents)
        else:
            orphans = _orphans_parsed(pdf, page, index, tree.referenced)
        if not orphans:
            continue
        changed = True
        key = page.obj.get("/StructParents")
        if numbers is not None and key is not None and int(key) in numbers:
            entries = numbers[int(key)]
            if isinstance(entries, pikepdf.Array):
                for mcid in orphans:
                    if mcid < len(entries):
                        entries[mcid] = None
    return changed


# WeasyPrint writes each marked-content opening as "/Tag <</MCID n>> BDC"; rewriting those bytes
# directly is several times faster than parsing and re-serialising every content stream.
_SIMPLE_MCID_BDC = re.compile(rb"/[A-Za-z][A-Za-z0-9]*\s*<<\s*/MCID\s+(\d+)\s*>>\s*BDC")
_ANY_MCID = re.compile(rb"/MCID\b")
_ARTIFACT_BDC = b"/Artifact <</Type /Pagination>> BDC"


def _orphans_in_bytes(pdf: pikepdf.Pdf, page, index: int, referenced) -> tuple[set[int], bytes] | None:
    """Orphaned MCIDs and the rewritten content, or None when the stream is not in the simple form."""
    contents = page.obj.get("/Contents")
    if isinstance(contents, pikepdf.Array):
        if len(contents) != 1:
            return None
        contents = contents[0]
    if not isinstance(contents, pikepdf.Stream):
        return None
    try:
        data = contents.read_bytes()
    except pikepdf.PdfError:
        return None
    matches = list(_SIMPLE_MCID_BDC.finditer(data))
    if len(matches) != len(_ANY_MCID.findall(data)):
        return None
    orphans = {int(m.group(1)) for m in matches if (index, int(m.group(1))) not in referenced}
    if not orphans:
        return set(), data
    rewritten = _SIMPLE_MCID_BDC.sub(
        lambda m: _ARTIFACT_BDC if int(m.group(1)) in orphans else m.group(0), data)
    return orphans, rewritten


def _orphans_parsed(pdf: pikepdf.Pdf, page, index: int, referenced) -> set[int]:
    """The general path: parse the content stream and rewrite orphaned BDC operators."""
    try:
        instructions = pikepdf.parse_content_stream(page)
    except pikepdf.PdfError:
        return set()
    orphans: set[int] = set()
    rewritten = []
    for instruction in instructions:
        operands = getattr(instruction, "operands", None)
        if str(instruction.operator) == "BDC" and len(operands) == 2 \
                and isinstance(operands[1], pikepdf.Dictionary) and "/MCID" in operands[1] \
                and (index, int(operands[1].MCID)) not in referenced:
            orphans.add(int(operands[1].MCID))
            instruction = pikepdf.ContentStreamInstruction(
                [pikepdf.Name("/Artifact"), pikepdf.Dictionary({"/Type": pikepdf.Name("/Pagination")})],
                pikepdf.Operator("BDC"))
        rewritten.append(instruction)
    if orphans:
        page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(rewritten))
    return orphans


def _set_tab_order(pdf: pikepdf.Pdf) -> bool:
    changed = False
    for page in pdf.pages:
        tabs = page.obj.get("/Tabs")
        if page.obj.get("/Annots") and not (isinstance(tabs, pikepdf.Name) and tabs == "/S"):
            page.obj.Tabs = pikepdf.Name("/S")
            changed = True
    return changed
