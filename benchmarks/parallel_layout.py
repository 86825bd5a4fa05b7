"""Prototype, not the product: the PDF's layout split by chapter over processes, joined without tags.

docs/parallel-pdf.md is the design this measures. The print HTML of an edition is cut at its
chapters (each chapter already starts a new page, so the cut moves no line), each piece is laid
out and written by WeasyPrint in a process of its own, and the pieces' pages are joined with
pikepdf. It prints:

- the whole document laid out in one process (today's PDF step without the repair), wall and CPU;
- every piece's pages and CPU time, laid out one at a time (so nothing competes with it);
- the pieces in a pool of `--workers` processes, wall and CPU;
- the join of the pages without tags, and an estimate of the tagged join: the same pages plus
  each piece's structure tree copied in, with its parent-tree keys renumbered (not checked
  for PDF/UA: the parts the design lists as still to build are missing);
- what N cores would give: the longest piece plus the join, against the whole.

    .venv/bin/python benchmarks/parallel_layout.py --size 250 --workers 2
"""

from __future__ import annotations

import argparse
import copy
import io
import multiprocessing
import sys
import tempfile
import time
import warnings
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))


def print_html(workbook: Path) -> str:
    from reportgen.outline.outlined import outline_edition
    from reportgen.workbook.reader import load
    from reportgen.writers.pdf.writer import source_html

    return source_html(outline_edition(load(workbook).edition))


def pieces(html: str) -> list[str]:
    """The page cut before every chapter: front matter, each chapter with the parts that follow it, the back page.

    Each piece keeps the whole <head> (styles, fonts), so it is laid out exactly as its part of
    the whole; only what CSS carries across pieces differs (the running title, page counters,
    the contents' page numbers), which the design has the join put right.
    """
    from lxml import html as lxml_html

    document = lxml_html.document_fromstring(html)
    body = document.find("body")
    main = body.find(".//main")
    sections = list(main)
    groups: list[list] = [[]]
    for section in sections:
        if "chapter" in (section.get("class") or "").split() and groups[-1]:
            groups.append([])
        groups[-1].append(section)
    before = [child for child in body if child is not main and _precedes(child, main)]
    after = [child for child in body if child is not main and not _precedes(child, main)]
    result = []
    for index, group in enumerate(groups):
        piece = copy.deepcopy(document)
        piece_body = piece.find("body")
        piece_main = piece_body.find(".//main")
        for child in list(piece_body):
            if child is not piece_main:
                piece_body.remove(child)
        for child in list(piece_main):
            piece_main.remove(child)
        for section in group:
            piece_main.append(copy.deepcopy(section))
        if index == 0:
            for position, child in enumerate(before):
                piece_body.insert(position, copy.deepcopy(child))
        if index == len(groups) - 1:
            for child in after:
                piece_body.append(copy.deepcopy(child))
        result.append(lxml_html.tostring(piece, doctype="<!DOCTYPE html>", encoding="unicode"))
    return result


def _precedes(element, other) -> bool:
    parent = element.getparent()
    return list(parent).index(element) < list(parent).index(other)


def lay_out(html: str) -> tuple[bytes, float, int]:
    """(PDF bytes, CPU seconds, pages) for one piece, written as tagged PDF/UA-1 as the product does."""
    import gc

    from weasyprint import HTML

    from reportgen.writers.html.page import templates_dir
    from reportgen.writers.pdf.fetcher import AssetFetcher
    from reportgen.writers.pdf.writer import PDF_VARIANT, page_references_cached

    start = time.process_time()
    gc.disable()
    try:
        with page_references_cached():
            document = HTML(
                string=html, base_url=templates_dir().as_uri() + "/", url_fetcher=AssetFetcher(), media_type="print"
            ).render()
            data = document.write_pdf(pdf_variant=PDF_VARIANT)
    finally:
        gc.enable()
    return data, time.process_time() - start, len(document.pages)


def join_untagged(datas: list[bytes]) -> tuple[bytes, float]:
    import pikepdf

    start = time.process_time()
    joined = pikepdf.Pdf.new()
    for data in datas:
        with pikepdf.open(io.BytesIO(data)) as piece:
            joined.pages.extend(piece.pages)
    out = io.BytesIO()
    joined.save(out, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return out.getvalue(), time.process_time() - start


def join_with_tree(datas: list[bytes]) -> tuple[bytes, float]:
    """The pages and the structure trees: each piece's top-level elements under one Document, keys renumbered.

    An estimate of the tagged join's cost: the catalogue's language, viewer preferences and
    XMP metadata come from the front piece, but links between pieces, the outline, named
    destinations and the page numbers are not joined here.
    """
    import pikepdf
    from pikepdf import Array, Dictionary, Name

    start = time.process_time()
    joined = pikepdf.Pdf.new()
    document = joined.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Document, K=Array()))
    numbers = Array()
    offset = 0
    role_map = None
    for data in datas:
        piece = pikepdf.open(io.BytesIO(data))
        if not len(joined.pages):  # the document's own settings come from the front piece
            for name in ("/Lang", "/ViewerPreferences", "/Metadata"):
                if name in piece.Root:
                    joined.Root[name] = _copied(joined, piece.Root[name])
        first_page = len(joined.pages)
        joined.pages.extend(piece.pages)
        tree = piece.Root.get("/StructTreeRoot")
        if tree is None:
            continue
        if role_map is None and "/RoleMap" in tree:
            role_map = joined.copy_foreign(tree.RoleMap)
        kids = tree.K if isinstance(tree.K, Array) else Array([tree.K])
        for kid in kids:
            # WeasyPrint's root element is a Document: its children become the joined Document's.
            children = kid.K if kid.get("/S") == Name.Document else Array([kid])
            for child in children if isinstance(children, Array) else Array([children]):
                copied = joined.copy_foreign(child)
                if isinstance(copied, Dictionary):
                    copied.P = document
                document.K.append(copied)
        for page in joined.pages[first_page:]:
            if "/StructParents" in page.obj:
                page.obj.StructParents = int(page.obj.StructParents) + offset
            for annotation in page.obj.get("/Annots", Array()):
                if "/StructParent" in annotation:
                    annotation.StructParent = int(annotation.StructParent) + offset
        for key, value in _number_tree(tree.ParentTree):
            numbers.append(key + offset)
            numbers.append(_copied(joined, value))
        offset += int(tree.get("/ParentTreeNextKey", 0)) or (
            max((k for k, _ in _number_tree(tree.ParentTree)), default=-1) + 1
        )
    root = joined.make_indirect(
        Dictionary(Type=Name.StructTreeRoot, K=document, ParentTree=Dictionary(Nums=numbers), ParentTreeNextKey=offset)
    )
    if role_map is not None:
        root.RoleMap = role_map
    document.P = root
    joined.Root.StructTreeRoot = root
    joined.Root.MarkInfo = Dictionary(Marked=True)
    out = io.BytesIO()
    joined.save(out, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return out.getvalue(), time.process_time() - start


def _copied(joined, value):
    """A parent-tree value (an element, or a page's array of them, often direct) in the joined file."""
    from pikepdf import Array, Dictionary

    if getattr(value, "is_indirect", False):
        return joined.copy_foreign(value)
    if isinstance(value, Array):
        return Array([_copied(joined, item) for item in value])
    if isinstance(value, Dictionary):
        return Dictionary({key: _copied(joined, item) for key, item in value.items()})
    return value


def _number_tree(node):
    if "/Nums" in node:
        nums = node.Nums
        for index in range(0, len(nums), 2):
            yield int(nums[index]), nums[index + 1]
    for kid in node.get("/Kids", []):
        yield from _number_tree(kid)


def _warm() -> None:
    from reportgen.writers.pdf.writer import warm_up

    warm_up()


def main() -> None:
    # pages.extend warns that named destinations are not carried over: the design joins those itself.
    warnings.filterwarnings("ignore", message="Copying pages from another Pdf")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=250, help="commitments in the generated edition (0: the example)")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    from generate import write

    folder = Path(tempfile.mkdtemp(prefix="reportgen-parallel-"))
    workbook = ROOT / "inputs" / "example.xlsx" if args.size == 0 else write(folder / "edition.xlsx", args.size)
    html = print_html(workbook)
    parts = pieces(html)
    _warm()  # imported before forking, as the build's PDF process does

    wall = time.perf_counter()
    whole, whole_cpu, whole_pages = lay_out(html)
    whole_wall = time.perf_counter() - wall
    print(f"whole document in one process: {whole_pages} pages, {whole_wall:.2f} s wall, {whole_cpu:.2f} s CPU")

    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as one:
        alone = [one.submit(lay_out, part).result() for part in parts]
    print(
        f"{len(parts)} pieces, one at a time: "
        + ", ".join(f"{pages} pages {cpu:.2f} s" for _, cpu, pages in alone)
        + f"; CPU total {sum(cpu for _, cpu, _ in alone):.2f} s ({sum(cpu for _, cpu, _ in alone) / whole_cpu:.2f}x "
        f"the whole), pages {sum(p for _, _, p in alone)} against {whole_pages}"
    )

    wall = time.perf_counter()
    with ProcessPoolExecutor(max_workers=args.workers, mp_context=context) as pool:
        results = list(pool.map(lay_out, parts))
    pool_wall = time.perf_counter() - wall
    print(
        f"pieces in {args.workers} processes: {pool_wall:.2f} s wall ({whole_wall / pool_wall:.2f}x faster than "
        f"the whole in one)"
    )

    datas = [data for data, _, _ in results]
    joined, join_cpu = join_untagged(datas)
    tree_joined, tree_cpu = join_with_tree(datas)
    longest = max(cpu for _, cpu, _ in alone)
    print(
        f"join of the pages, no tags: {join_cpu:.2f} s CPU ({len(joined) / 1024:.0f} KiB against "
        f"{len(whole) / 1024:.0f} KiB whole); with the structure trees copied and renumbered: {tree_cpu:.2f} s CPU "
        f"({len(tree_joined) / 1024:.0f} KiB)"
    )
    print(
        f"with a core per piece: longest piece {longest:.2f} s + tagged join {tree_cpu:.2f} s = "
        f"{longest + tree_cpu:.2f} s, against {whole_cpu:.2f} s CPU for the whole "
        f"({whole_cpu / (longest + tree_cpu):.2f}x faster)"
    )
    from reportgen.accessibility import check_bytes
    from reportgen.writers.pdf.fixup import fix_pdf

    # The product repairs and checks the PDF after WeasyPrint; the joined file goes through the same.
    for label, data in (("whole", whole), ("joined with its trees", tree_joined)):
        codes = sorted({f.code for f in check_bytes(fix_pdf(data), "pdf", label)})
        print(f"PDF check of the {label}, repaired as the build does: {', '.join(codes) or 'no findings'}")
    (folder / "whole.pdf").write_bytes(whole)
    (folder / "joined.pdf").write_bytes(tree_joined)
    print(f"PDFs kept in {folder}")


if __name__ == "__main__":
    main()
