"""The workspace preview's charts drawn beside it by a helper process: the very page a preview
draws alone, and never another workbook's charts."""

from __future__ import annotations

import io
import re
from pathlib import Path

import openpyxl
import pytest

from reportgen.charts.draw import clear_cache, draw_svg
from reportgen.core.errors import ReportgenError
from reportgen.runtime.lifetime import stop_pool
from reportgen.workbook.reader import load
from reportgen.workspace import work

from ..workspace_support import client_for

EXAMPLE = Path(__file__).resolve().parents[2] / "inputs" / "example.xlsx"


def _example_with_values_raised(by: float) -> bytes:
    book = openpyxl.load_workbook(EXAMPLE, rich_text=True)
    sheet = book["Metrics"]
    value = next(cell.column for cell in sheet[1] if cell.value == "Value")
    for row in range(2, sheet.max_row + 1):
        cell = sheet.cell(row, value)
        if isinstance(cell.value, (int, float)):
            cell.value = cell.value + by
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _drawn_alone(path: Path, monkeypatch) -> bytes:
    """The preview with no helper and no chart cache: every drawing made here and now."""
    clear_cache()
    with monkeypatch.context() as patch:
        patch.setenv("REPORTGEN_CACHE", "off")
        return work.preview_html(path, path.name)


@pytest.fixture(scope="module")
def helper():
    started = work.start_chart_helper()
    yield started
    stop_pool(started, abandon=True)


def test_a_preview_drawn_with_the_helper_is_the_page_drawn_alone(helper, tmp_path, monkeypatch):
    pages = []
    for raised in (0, 7):
        path = tmp_path / f"raised-{raised}.xlsx"
        path.write_bytes(_example_with_values_raised(raised))
        edition = load(path).edition
        clear_cache()
        page = work.preview_html(path, path.name, edition, helper)
        # The eight drawings (four charts, each wide and for a phone) were shared out: the
        # helper made some of them.
        assert 0 < draw_svg.cache_info().currsize < 8
        assert page == _drawn_alone(path, monkeypatch)
        pages.append(page)
    # The charts changed with the figures: the second preview is not the first one's drawings.
    assert pages[0] != pages[1]
    assert re.findall(rb"<svg.*?</svg>", pages[0], re.S) != re.findall(rb"<svg.*?</svg>", pages[1], re.S)


def test_a_preview_is_drawn_here_when_the_helper_is_gone(tmp_path, monkeypatch):
    gone = work.start_chart_helper()
    stop_pool(gone, abandon=True)
    path = tmp_path / "example.xlsx"
    path.write_bytes(EXAMPLE.read_bytes())
    clear_cache()
    page = work.preview_html(path, path.name, load(path).edition, gone)
    assert draw_svg.cache_info().currsize == 8  # both widths drawn in this process
    assert page == _drawn_alone(path, monkeypatch)


def test_the_workspace_previews_each_upload_with_its_own_charts(tmp_path, monkeypatch):
    with client_for(tmp_path / "data", chart_helper=True, prepare_previews=True) as client:
        token = re.search(r'name="csrf" value="([0-9a-f]+)"', client.get("/").text).group(1)
        previews = []
        for raised in (0, 3):
            data = _example_with_values_raised(raised)
            response = client.post(
                "/upload",
                data={"csrf": token, "uploaded_by": "Ann Officer"},
                files={"workbook": ("edition.xlsx", data)},
                follow_redirects=False,
            )
            assert response.status_code == 303
            document = response.headers["location"].rsplit("/", 1)[1]
            preview = client.get(f"/editions/{document}/preview/edition.html")
            assert preview.status_code == 200
            path = tmp_path / f"raised-{raised}.xlsx"
            path.write_bytes(data)
            assert preview.content == _drawn_alone(path, monkeypatch)
            previews.append(preview.content)
        assert previews[0] != previews[1]


def test_a_preview_refusal_names_the_persons_file_not_the_stores(tmp_path):
    path = tmp_path / "0123abcd.xlsx"
    path.write_bytes(b"not a workbook")
    with pytest.raises(ReportgenError) as refused:
        work.preview_html(path, "Q3 edition.xlsx")
    assert "Q3 edition.xlsx" in refused.value.message
    assert str(path) not in refused.value.message
