"""Characters no font has: a finding at the cell before the build, and a check on any PDF for
characters drawn with the .notdef glyph (an empty box). Every other script prints."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pikepdf
import weasyprint

from reportgen.accessibility import check_bytes
from reportgen.core.findings import Severity
from reportgen.pipeline.build import build
from reportgen.runtime.coverage import Coverage, house_characters, missing_characters
from reportgen.writers.pdf.fixup import fix_pdf

from ..builders import make
from ..validation_support import findings_for, only, place, with_code

ROOT = Path(__file__).resolve().parents[2]
# Scripts and symbols officers paste: Welsh, Polish, Greek, Cyrillic, Arabic, Urdu, Hebrew,
# Chinese, Japanese, Korean, Devanagari, Gurmukhi, Bengali, Tamil, emoji.
WORLD = (
    "Ŵyn ŷd · Zażółć · Ελληνικά · Кириллица · العربية · اردو · עברית · 中文 · 日本語 · 한국어 · "
    "हिन्दी · ਪੰਜਾਬੀ · বাংলা · தமிழ் · 😀 👍🏽 ✅ ❤️"
)
NO_FONT = "\ue000"  # private use: no font has it


def pdf_of(text: str) -> bytes:
    html = (
        f'<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>Plan</title></head>'
        f"<body style=\"font-family: Lato, 'Noto Sans', sans-serif\"><h1>Plan</h1><p>{text}</p></body></html>"
    )
    return fix_pdf(weasyprint.HTML(string=html).write_pdf(pdf_variant="pdf/ua-1"))


def check(data: bytes):
    return check_bytes(data, "pdf", "test.pdf")


def test_run_installs_the_fallback_fonts():
    script = (ROOT / "run").read_text()
    for package in ("fonts-noto-core", "fonts-noto-cjk", "fonts-noto-color-emoji"):
        assert package in script


def test_every_script_in_use_has_a_glyph_once_the_noto_fonts_are_installed():
    assert missing_characters(WORLD) == []


def test_a_character_no_font_has_is_an_error_at_its_cell(tmp_path):
    def change(sheets):
        sheets["Commitments"][1]["Update"] = f"Symbol {NO_FONT} here, and 中文."

    finding = only(findings_for(tmp_path, change), "glyph-missing")
    assert finding.severity is Severity.ERROR and place(finding) == "Commitments!G3"
    assert "U+E000" in finding.message and "empty box" in finding.message and "中" not in finding.message


def test_text_in_every_script_in_use_is_not_reported(tmp_path):
    def change(sheets):
        sheets["Commitments"][0]["Update"] = WORLD
        sheets["Edition"]["Publisher"] = "Swyddfa'r Heddlu a Throseddu — 警察署"

    assert not with_code(findings_for(tmp_path, change), "glyph-missing")


def test_joiners_and_variation_selectors_are_not_characters_to_draw():
    assert missing_characters("👩\u200d💻 ❤\ufe0f a\u00adb") == []


def test_coverage_merges_ranges_and_answers_at_their_edges():
    coverage = Coverage([(0x41, 0x5A), (0x5B, 0x60), (0x100, 0x100)])
    assert 0x41 in coverage and 0x60 in coverage and 0x100 in coverage
    assert 0x40 not in coverage and 0x61 not in coverage and 0x101 not in coverage
    assert len(coverage.lows) == 2
    assert ord("é") in house_characters() and ord("中") not in house_characters()


def test_the_pdf_check_reports_a_character_drawn_with_notdef_and_its_page():
    findings = with_code(check(pdf_of(f"A box: {NO_FONT}.")), "pdf-glyph-missing")
    assert len(findings) == 1 and findings[0].severity is Severity.ERROR
    assert "U+E000" in findings[0].message and findings[0].source.where == "page 1"


def test_the_pdf_check_passes_text_every_character_of_which_has_a_glyph():
    assert not with_code(check(pdf_of(WORLD)), "pdf-glyph-missing")


def test_glyph_zero_through_a_cid_to_gid_map_is_notdef_too():
    data = pdf_of("Plan")
    pdf = pikepdf.open(io.BytesIO(data))
    font = next(iter(pdf.pages[-1].Resources.Font.values()))
    cid_font = font.DescendantFonts[0]
    cid_font.CIDToGIDMap = pdf.make_stream(b"\x00\x00" * 0x10000)  # every code to glyph 0
    out = io.BytesIO()
    pdf.save(out)
    finding = only(check(out.getvalue()), "pdf-glyph-missing")
    assert "'P' (U+0050 LATIN CAPITAL LETTER P)" in finding.message


def test_an_edition_in_many_scripts_builds_checked_and_byte_identical(tmp_path):
    def change(sheets):
        sheets["Commitments"][0]["Update"] = WORLD
        sheets["Commitments"][1]["Lead"] = "警察署"

    workbook = make(tmp_path, change)
    first = build(workbook, tmp_path / "one", ["pdf"])
    build(workbook, tmp_path / "two", ["pdf"])
    assert [f.as_text() for f in first.findings if f.is_error] == []
    assert (tmp_path / "one" / "edition.pdf").read_bytes() == (tmp_path / "two" / "edition.pdf").read_bytes()
    text = (
        subprocess.run(["pdftotext", str(tmp_path / "one" / "edition.pdf"), "-"], capture_output=True, text=True).stdout
        if _has_pdftotext()
        else WORLD
    )
    assert "中文" in text and "警察署" in text


def _has_pdftotext() -> bool:
    from shutil import which

    return which("pdftotext") is not None


def test_the_docx_names_lato_for_latin_text_only_so_other_scripts_fall_back(tmp_path):
    import zipfile

    from reportgen.workbook.reader import load
    from reportgen.writers import write_edition

    def change(sheets):
        sheets["Commitments"][0]["Update"] = WORLD

    data = write_edition("docx", load(make(tmp_path, change)).edition)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        styles = archive.read("word/styles.xml").decode()
        document = archive.read("word/document.xml").decode()
    defaults = styles[styles.index("<w:docDefaults") : styles.index("</w:docDefaults>")]
    assert 'w:ascii="Lato"' in defaults and "w:eastAsia=" not in defaults.split("<w:lang")[0]
    assert 'w:cs="' not in defaults
    assert "हिन्दी" in document and "中文" in document


def test_chart_text_lato_lacks_gets_fallback_fonts_and_draws_without_missing_glyphs():
    import warnings

    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from reportgen.charts import style
    from reportgen.charts.fallback import give_fallback_fonts
    from reportgen.runtime.fonts import font_faces

    figure = Figure()
    FigureCanvasAgg(figure)
    chinese = figure.text(0.1, 0.2, "中文 group", fontproperties=style.font())
    hindi = figure.text(0.1, 0.5, "हिन्दी group", fontproperties=style.font(bold=True))
    latin = figure.text(0.1, 0.8, "Zażółć group", fontproperties=style.font())
    give_fallback_fonts(figure)
    assert chinese.get_fontproperties().get_family()[0] == "Lato"
    assert any("CJK" in family for family in chinese.get_fontproperties().get_family())
    assert any("Devanagari" in family for family in hindi.get_fontproperties().get_family())
    assert latin.get_fontproperties().get_file() in {str(face.path) for face in font_faces()}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        figure.savefig(io.BytesIO(), format="png")
    assert not [str(w.message) for w in caught if "missing from font" in str(w.message)]


def test_reportgen_check_on_a_pdf_with_empty_boxes_fails_naming_the_character(tmp_path):
    from click.testing import CliRunner

    from reportgen.cli import cli

    path = tmp_path / "boxes.pdf"
    path.write_bytes(pdf_of(f"A box: {NO_FONT}."))
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exit_code == 1, result.output
    assert "page 1: error [pdf-glyph-missing]" in result.output and "U+E000" in result.output
    clean = tmp_path / "clean.pdf"
    clean.write_bytes(pdf_of(WORLD))
    assert "pdf-glyph-missing" not in CliRunner().invoke(cli, ["check", str(clean)]).output


def test_a_stored_chart_drawing_is_keyed_by_the_fallback_fonts_its_text_needs():
    from reportgen.charts.fallback import fallback_fingerprint

    assert fallback_fingerprint("Officers by ethnicity, Zażółć") == ""
    fingerprint = fallback_fingerprint("中文 group")
    assert "NotoSansCJK" in fingerprint and fingerprint.count("\0") >= 1


def test_a_ref_or_chapter_number_no_font_has_is_reported_too(tmp_path):
    def change(sheets):
        sheets["Commitments"][3]["Ref"] = f"2.{NO_FONT}"

    assert place(only(findings_for(tmp_path, change), "glyph-missing")) == "Commitments!B5"
