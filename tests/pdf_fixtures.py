"""Tagged PDFs made with WeasyPrint and broken one thing at a time with pikepdf, shared by the PDF check tests."""

from __future__ import annotations

import io
import re
from functools import cache

import pikepdf
import weasyprint

from reportgen.writers.pdf.fixup import fix_pdf

PNG = (
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJ"
    "RU5ErkJggg=="
)
GOOD_BODY = f"""
<h1>Action plan</h1>
<p>Read <a href="https://example.org/plan">the full action plan</a> for details.</p>
<h2>Progress</h2>
<ul><li>First point</li><li>Second point</li></ul>
<table><thead><tr><th>Ref</th><th>Update</th></tr></thead>
<tbody><tr><td>1.1</td><td>The pilot finished in August.</td></tr></tbody></table>
<p><img src="{PNG}" alt="A chart of stops by month" width="20" height="20"></p>
<p style="background: #003366; color: #ffffff; padding: 4pt">White on navy.</p>
"""


def page(body: str, css: str = "", title: str = "Action plan", lang: str = "en-GB") -> str:
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>'
        f"<style>body {{ font-family: Lato, sans-serif }} {css}</style></head><body>{body}</body></html>"
    )


@cache
def tagged(body: str, css: str = "") -> bytes:
    return weasyprint.HTML(string=page(body, css)).write_pdf(pdf_variant="pdf/ua-1")


def good() -> bytes:
    """A tagged PDF with a heading, link, list, table, picture and shaded text, on which the check finds nothing."""
    return fix_pdf(tagged(GOOD_BODY))


def edit(data: bytes, change) -> bytes:
    """`data` after change(pdf) and a save: how the tests break one thing at a time."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        change(pdf)
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()


def elements(pdf, role: str):
    found = []

    def walk(node):
        if isinstance(node, pikepdf.Dictionary):
            if node.get("/S") == role:
                found.append(node)
            kids = node.get("/K")
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                walk(kid)

    walk(pdf.Root.StructTreeRoot)
    return found


def unembedded_fonts() -> bytes:
    """A page drawn with Helvetica, not embedded, and with an Identity-H font that has no ToUnicode map."""
    pdf = pikepdf.new()
    helvetica = pikepdf.Dictionary(
        {"/Type": pikepdf.Name("/Font"), "/Subtype": pikepdf.Name("/Type1"), "/BaseFont": pikepdf.Name("/Helvetica")}
    )
    descriptor = pikepdf.Dictionary(
        {
            "/Type": pikepdf.Name("/FontDescriptor"),
            "/FontName": pikepdf.Name("/Sans"),
            "/Flags": 4,
            "/FontFile2": pdf.make_stream(b"not really a font"),
        }
    )
    identity = pikepdf.Dictionary(
        {
            "/Type": pikepdf.Name("/Font"),
            "/Subtype": pikepdf.Name("/Type0"),
            "/BaseFont": pikepdf.Name("/Sans"),
            "/Encoding": pikepdf.Name("/Identity-H"),
            "/DescendantFonts": [
                pikepdf.Dictionary(
                    {
                        "/Type": pikepdf.Name("/Font"),
                        "/Subtype": pikepdf.Name("/CIDFontType2"),
                        "/BaseFont": pikepdf.Name("/Sans"),
                        "/FontDescriptor": descriptor,
                        "/CIDSystemInfo": pikepdf.Dictionary(
                            {"/Registry": "Adobe", "/Ordering": "Identity", "/Supplement": 0}
                        ),
                    }
                )
            ],
        }
    )
    pdf.add_blank_page()
    pdf.pages[0].Resources = pikepdf.Dictionary({"/Font": pikepdf.Dictionary({"/F1": helvetica, "/F2": identity})})
    pdf.pages[0].Contents = pdf.make_stream(b"BT /F1 12 Tf 72 720 Td (Hello) Tj /F2 12 Tf <0001> Tj ET")
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def encrypted(accessible: bool) -> bytes:
    """good() encrypted with an owner password only, allowing or forbidding extraction for accessibility."""
    with pikepdf.open(io.BytesIO(good())) as pdf:
        locked = io.BytesIO()
        pdf.save(locked, encryption=pikepdf.Encryption(owner="owner", user="", R=6))
    data = locked.getvalue()
    if accessible:
        return data
    # qpdf always sets the accessibility bit (10) of /P when it encrypts, so clear it as other tools may.
    match = re.search(rb"/P (-?\d+)", data)
    value = str(int(match.group(1)) & ~(1 << 9)).encode()
    return data.replace(match.group(0), b"/P " + value.rjust(len(match.group(1))), 1)
