"""Tables over pages in the edition's PDF: generated editions whose shared-Ref groups straddle page breaks.

`benchmarks/generate.py` shares each Ref between two commitments, so its row-group header (a TH
with RowSpan 2) straddles a page break wherever a break falls inside the group: inside the first
row, between the two rows, or inside the second row. Each table must still be one Table element,
with one THead, its body rows in order and no RowSpan past its last row.
"""

from __future__ import annotations

import contextlib
import io
import sys
from pathlib import Path

import pikepdf
import pytest

from reportgen.accessibility import check_bytes
from reportgen.core.findings import Severity
from reportgen.workbook.reader import load
from reportgen.writers import write_edition
from reportgen.writers.pdf import writer as pdf_writer
from reportgen.writers.pdf.structure import Element, read_structure

from ..builders import write_workbook

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
import generate  # noqa: E402

# (commitments, seed): between them, breaks fall at all three places in a group (see the test).
EDITIONS = [(20, 2), (16, 3)]


@pytest.fixture(scope="module")
def editions(tmp_path_factory):
    built = {}
    for count, seed in EDITIONS:
        path = write_workbook(tmp_path_factory.mktemp("gen") / f"gen-{count}-{seed}.xlsx", generate.sheets(count, seed))
        edition = load(path).edition
        built[(count, seed)] = edition, write_edition("pdf", edition)
    return built


def _pages(element: Element) -> set[int]:
    return {page for e in (element, *element.descendants()) for page, _ in e.content if page is not None}


def _straddles(tree) -> list[str]:
    """Where each page break inside a shared-Ref group falls."""
    found = []
    for group in (e for e in tree.elements if e.role == "TBody"):
        rows = [r for r in group.children if r.role == "TR"]
        if len(rows) != 2:
            continue
        first, second = _pages(rows[0]), _pages(rows[1])
        if len(first) > 1:
            found.append("inside the first row")
        elif min(second) > max(first):
            found.append("between the rows")
        elif len(second) > 1:
            found.append("inside the second row")
    return found


def test_shared_ref_groups_straddling_page_breaks_stay_one_table_per_chapter(editions):
    places = set()
    for edition, data in editions.values():
        assert [f.code for f in check_bytes(data, "pdf", "gen.pdf") if f.severity is Severity.ERROR] == []
        with pikepdf.open(io.BytesIO(data)) as pdf:
            tree = read_structure(pdf)
            places.update(_straddles(tree))
            tables = [e for e in tree.elements if e.role == "Table"]
            assert len(tables) == len(edition.chapters)
            for table, chapter in zip(tables, edition.chapters):
                assert len(_pages(table)) > 1, "each chapter's table runs over pages"
                assert [c.role for c in table.children].count("THead") == 1
                groups = [c for c in table.children if c.role == "TBody"]
                refs = [" ".join(_cell_text(pdf, tree, g.children[0].children[0]).split()) for g in groups]
                assert refs == list(dict.fromkeys(c.ref for c in chapter.commitments))
                rows = [r for g in groups for r in g.children if r.role == "TR"]
                assert len(rows) == len(chapter.commitments)
                for group in groups:
                    header = group.children[0].children[0]
                    assert header.role == "TH"
                    span = int(header.obj.A.RowSpan) if "/RowSpan" in header.obj.A else 1
                    assert span == len([r for r in group.children if r.role == "TR"])
    assert places == {"inside the first row", "between the rows", "inside the second row"}


def _cell_text(pdf, tree, cell: Element) -> str:
    from reportgen.accessibility.pdf_content import read_page
    from reportgen.accessibility.pdf_document import PdfDocument

    pages: dict[int, object] = {}

    class Lazy(list):  # reads a page only when the cell's text is on it
        def __len__(self):
            return len(pdf.pages)

        def __getitem__(self, index):
            return pages.setdefault(index, read_page(pdf.pages[index], {}))

    return PdfDocument(pdf, Lazy(), tree).text(cell)


def test_the_generated_edition_builds_the_same_bytes_twice(editions):
    edition, data = editions[EDITIONS[0]]
    assert write_edition("pdf", edition) == data


def test_without_the_record_of_fragments_the_check_fails_the_same_edition(editions, monkeypatch):
    @contextlib.contextmanager
    def nothing_recorded():
        yield {}

    monkeypatch.setattr(pdf_writer, "structure_sources_recorded", nothing_recorded)
    edition, _ = editions[EDITIONS[0]]
    codes = {
        f.code for f in check_bytes(write_edition("pdf", edition), "pdf", "gen.pdf") if f.severity is Severity.ERROR
    }
    assert {"pdf-table-split", "pdf-table-header-repeated", "pdf-table-rowspan"} <= codes
