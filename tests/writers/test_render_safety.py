"""Hostile cells cannot run script in the HTML nor make the PDF renderer read a file or reach the network."""

from __future__ import annotations

import io
import socket
from pathlib import Path

import lxml.html
import pikepdf
import pypdf
import pytest

from reportgen.core.errors import ReportgenError
from reportgen.outline.outlined import outline_edition
from reportgen.runtime.fonts import font_faces
from reportgen.writers import WriteOptions, write_edition
from reportgen.writers.html.svg import safe_svg
from reportgen.writers.pdf import fetcher as fetcher_module
from reportgen.writers.pdf.fetcher import AssetFetcher, RefusedURL, templates_dir
from reportgen.writers.pdf.writer import source_html

from ..render_fixtures import edition, fake_charts, figure, with_charts

SCRIPT = "<script>alert(1)</script>"
IMG = '<img src="file:///etc/passwd">'


@pytest.fixture
def listener():
    """A local server that must never hear from the renderer."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    server.setblocking(False)
    yield server
    server.close()


def connections(server) -> int:
    count = 0
    while True:
        try:
            connection, _ = server.accept()
        except BlockingIOError:
            return count
        connection.close()
        count += 1


def hostile(port: int):
    local = f"http://127.0.0.1:{port}/"

    def change(sheets):
        sheets["Edition"]["Title"] = f"Plan {SCRIPT}"
        sheets["Edition"]["Edition"] = "Q2 </style><style>@import url(file:///etc/passwd);</style>"
        rows = sheets["Commitments"]
        rows[0]["Commitment"] = f"Review stops. {IMG}"
        rows[0]["Update"] = f"File image ![x](file:///etc/passwd) and port image ![y]({local}) end."
        rows[1]["Update"] = (
            "A [link](javascript:alert(1)) and [data](data:text/html,hi) and [file](file:///etc/passwd)."
        )
        rows[2]["Lead"] = '"><svg onload=alert(1)>'
        sheets["Chapters"][0]["Introduction"] = f'<iframe src="{local}"></iframe> {SCRIPT}'
        sheets["Narrative"][0]["Body"] = (
            f"<object data='file:///etc/passwd'></object> <link rel=stylesheet href='{local}'>"
        )
        sheets["Glossary"] = [{"Term": "XSS", "Meaning": SCRIPT}]

    return change


def test_hostile_cells_print_as_text_in_the_html(tmp_path, listener):
    data = write_edition("html", edition(tmp_path, hostile(listener.getsockname()[1])))
    doc = lxml.html.document_fromstring(data)
    assert not doc.xpath("//script | //img | //iframe | //object | //embed | //link | //body//svg | //body//style")
    assert len(doc.xpath("//style")) == 1
    assert b"javascript:" not in data.lower() and b"data:text" not in data
    for element in doc.iter():
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), (element.tag, name)
            if name in ("href", "src", "data", "action", "style", "srcset", "poster"):
                assert "file:" not in value, (element.tag, name, value)
    hrefs = doc.xpath("//a/@href")
    assert all(h.startswith(("#", "http://", "https://", "mailto:")) for h in hrefs), hrefs
    body = doc.find("body").text_content()
    assert SCRIPT in body and IMG in body  # the officer sees exactly what was typed
    assert "A link and data and file." in " ".join(body.split())
    assert connections(listener) == 0


def test_hostile_cells_make_the_pdf_renderer_fetch_nothing(tmp_path, listener):
    ed = edition(tmp_path, hostile(listener.getsockname()[1]))
    fetcher = AssetFetcher()
    data = write_edition("pdf", ed, WriteOptions(pdf_fetcher=fetcher))
    lato = {face.path.resolve().as_uri() for face in font_faces()}
    assert fetcher.requested and set(fetcher.requested) <= lato, fetcher.requested
    assert fetcher.refused == []
    assert connections(listener) == 0
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)
    assert "<script>alert(1)</script>" in " ".join(text.split())
    with pikepdf.open(io.BytesIO(data)) as pdf:
        uris = {str(a.A.URI) for page in pdf.pages for a in page.obj.get("/Annots", []) if "/A" in a}
    assert not any(uri.startswith(("javascript:", "file:", "data:")) for uri in uris), uris


def test_a_hostile_chart_drawing_fetches_nothing(tmp_path, monkeypatch, listener):
    local = f"http://127.0.0.1:{listener.getsockname()[1]}/"
    drawing = (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'width="100" height="50" onload="alert(1)"><style>@import url({local}x.css);</style>'
        '<image href="file:///etc/passwd" width="10" height="10"/>'
        f'<image xlink:href="{local}i.png" width="10" height="10"/>'
        f'<rect width="10" height="10" fill="url({local}p)"/><script>alert(1)</script></svg>'
    )
    ed = edition(tmp_path, with_charts)
    fake_charts(monkeypatch, lambda e: [figure(e.chapters[0], "Officers by year", svg=drawing)])
    fetcher = AssetFetcher()
    write_edition("pdf", ed, WriteOptions(pdf_fetcher=fetcher))
    assert fetcher.refused == [] and all(
        url.startswith("file:///") and "passwd" not in url for url in fetcher.requested
    )
    html = write_edition("html", ed)
    assert b"passwd" not in html and b"<script" not in html and b"onload" not in html
    assert connections(listener) == 0


def test_the_fetcher_serves_the_house_fonts_and_template_assets():
    fetcher = AssetFetcher()
    face = font_faces()[0].path.resolve()
    response = fetcher.fetch(face.as_uri())
    assert response.read() == face.read_bytes() and response.content_type == "font/ttf"
    css = templates_dir() / "edition.css"
    assert fetcher.fetch(css.as_uri()).read() == css.read_bytes()
    assert fetcher.refused == []


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://127.0.0.1:9/",
        "https://example.org/logo.png",
        "data:text/plain,hello",
        "ftp://example.org/x",
        "file://remote.example.org/usr/share/fonts/truetype/lato/Lato-Regular.ttf",
        "TEMPLATES/../pyproject.toml",
        "TEMPLATES/edition.css?x=1",
        "TEMPLATES/no-such-file.css",
    ],
)
def test_the_fetcher_refuses_everything_else(url):
    url = url.replace("TEMPLATES", templates_dir().as_uri())
    fetcher = AssetFetcher()
    with pytest.raises(RefusedURL):
        fetcher.fetch(url)
    assert fetcher.refused == [url]


def test_the_fetcher_does_not_follow_a_link_out_of_the_templates(tmp_path, monkeypatch):
    (tmp_path / "outside.txt").write_text("secret")
    assets = tmp_path / "templates"
    assets.mkdir()
    (assets / "escape.css").symlink_to(tmp_path / "outside.txt")
    monkeypatch.setattr(fetcher_module, "templates_dir", lambda: assets.resolve())
    with pytest.raises(RefusedURL):
        AssetFetcher().fetch((assets / "escape.css").as_uri())


def test_chart_svg_keeps_the_drawing_and_drops_what_could_fetch_or_run():
    drawing = (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" onload="x()">'
        '<defs><clipPath id="c"><rect width="5" height="5"/></clipPath></defs>'
        "<style>@import url(http://example.org/a.css);</style>"
        '<rect width="5" height="5" clip-path="url(#c)" style="fill: url(http://example.org/p)"/>'
        '<use xlink:href="#c"/><use href="http://example.org/sprite.svg#a"/>'
        '<foreignObject><div>hi</div></foreignObject><a href="javascript:x()"><text>t</text></a>'
        '<image href="file:///etc/passwd"/><script>x()</script></svg>'
    )
    out = str(safe_svg(drawing, 'Officers "rose" <fast>'))
    for gone in ("onload", "@import", "example.org", "foreignObject", "javascript", "passwd", "<script", "<a "):
        assert gone not in out, gone
    assert 'clip-path="url(#c)"' in out and 'xlink:href="#c"' in out
    assert out.count("<title>") == 1 and '<title>Officers "rose" &lt;fast&gt;</title>' in out
    assert 'role="img"' in out and 'aria-label="Officers &quot;rose&quot; &lt;fast&gt;"' in out


def test_ids_of_each_drawing_are_kept_apart():
    drawing = (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
        '<defs><clipPath id="p1"><rect width="5" height="5"/></clipPath></defs>'
        '<g id="patch_1" clip-path="url(#p1)"><use xlink:href="#patch_1"/></g></svg>'
    )
    out = str(safe_svg(drawing, "alt", id_prefix="figure-a"))
    assert 'id="figure-a-p1"' in out and 'clip-path="url(#figure-a-p1)"' in out
    assert 'id="figure-a-patch_1"' in out and 'xlink:href="#figure-a-patch_1"' in out


@pytest.mark.parametrize("text", ["<svg", "<html/>"])
def test_a_broken_or_foreign_drawing_is_a_clear_error(text):
    with pytest.raises(ReportgenError, match="chart"):
        safe_svg(text, "alt")


def test_a_drawing_cannot_pull_in_a_file_through_an_entity():
    out = str(
        safe_svg(
            '<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            '<svg xmlns="http://www.w3.org/2000/svg"><text>a&x;b</text></svg>',
            "alt",
        )
    )
    assert "passwd" not in out and "&x;" not in out and "root:" not in out
    assert "<text>ab</text>" in out


def test_no_workbook_text_reaches_the_css(tmp_path):
    # The running header takes the title from the page (string-set), never from text pasted into CSS.
    data = source_html(outline_edition(edition(tmp_path, hostile(9))))
    head_style = data.split("<style>", 1)[1].split("</style>", 1)[0]
    assert "Plan" not in head_style and "passwd" not in head_style
    assert Path(templates_dir() / "print.css").read_text() in head_style


def test_hostile_words_in_a_real_chart_stay_words_in_its_svg_text(tmp_path):
    # Chart words are SVG <text> since charts stopped drawing glyph outlines: matplotlib must escape them.
    words = '</text><script>alert(1)</script> & "q" ]]> <!--'

    def change(sheets):
        sheets["Metrics"] = [
            {"ID": "M1", "Label": "Officers", "Value": 10, "Unit": "count", "Chart": "G1", "Category": words},
            {"ID": "M2", "Label": "Officers", "Value": 20, "Unit": "count", "Chart": "G1", "Category": "Plain"},
        ]
        sheets["Charts"] = [{"Group": "G1", "Title": "Officers by group", "Type": "bar", "Chapter": "1"}]

    ed = edition(tmp_path, change)
    page = lxml.html.fromstring(write_edition("html", ed))
    assert not page.xpath("//script | //*[local-name()='script']")
    svg_words = " ".join(t.text_content() for t in page.xpath("//*[local-name()='svg']//*[local-name()='text']"))
    assert "".join(words.split()) in "".join(svg_words.split())  # a long category wraps onto two lines
    fetcher = AssetFetcher()
    data = write_edition("pdf", ed, WriteOptions(pdf_fetcher=fetcher))
    assert fetcher.refused == []
    pdf_text = "".join("".join(p.extract_text().split()) for p in pypdf.PdfReader(io.BytesIO(data)).pages)
    assert "<script>alert(1)</script>" in pdf_text
