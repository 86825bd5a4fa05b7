"""Files that are not workbooks, or are hostile ones: one line, exit 2, no traceback, bounded memory."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tracemalloc
import zipfile
from pathlib import Path

import docx
import msoffcrypto.format.ooxml
import openpyxl
import pytest
from click.testing import CliRunner

from reportgen.cli import cli
from reportgen.core.errors import ReportgenError
from reportgen.core.richtext import BulletList, Paragraph
from reportgen.ooxml import opening
from reportgen.validation import validate
from reportgen.workbook import safety
from reportgen.workbook.reader import load

from ..builders import make

REPORTGEN = Path(sys.executable).parent / "reportgen"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def run_validate(path: Path):
    return CliRunner().invoke(cli, ["validate", str(path)])


def assert_refused(path: Path, fragment: str):
    """Exit 2 with one line on stderr naming the file, no traceback, nothing on stdout."""
    result = run_validate(path)
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"reportgen: {path}")
    assert fragment in lines[0]
    assert "Traceback" not in result.stderr and result.stdout == ""
    return lines[0]


def rewrite_zip(
    source: Path, target: Path, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None
) -> Path:
    with zipfile.ZipFile(source) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    parts.update(replace or {})
    parts.update(add or {})
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return target


def test_an_empty_file(tmp_path):
    path = tmp_path / "edition.xlsx"
    path.write_bytes(b"")
    assert_refused(path, "the file is empty")


def test_a_csv_renamed_xlsx(tmp_path):
    path = tmp_path / "edition.xlsx"
    path.write_text("ID,Ref,Chapter\nC-001,1.1,1\n")
    assert_refused(path, "not an Excel workbook (it looks like CSV or plain text)")


def test_a_word_document_renamed_xlsx(tmp_path):
    document = docx.Document()
    document.add_paragraph("Quarter 2 update")
    path = tmp_path / "edition.xlsx"
    document.save(path)
    assert_refused(path, "is a Word document, not an Excel workbook")


def test_an_old_binary_xls(tmp_path):
    path = tmp_path / "edition.xls"
    # A compound-file header and a directory entry named Workbook, as Excel 97-2003 writes.
    path.write_bytes(OLE_MAGIC + b"\0" * 504 + "Workbook".encode("utf-16-le") + b"\0" * 1536)
    assert_refused(path, "old Excel 97-2003 workbook (.xls); open it in Excel and save it as .xlsx")


def test_a_truncated_workbook(tmp_path):
    whole = make(tmp_path).read_bytes()
    path = tmp_path / "cut.xlsx"
    path.write_bytes(whole[: len(whole) // 2])
    assert_refused(path, "damaged or incomplete")


def test_a_workbook_with_a_corrupt_part(tmp_path):
    whole = bytearray(make(tmp_path).read_bytes())
    # Overwrite the middle of the compressed data but keep the zip directory intact.
    middle = len(whole) // 3
    whole[middle : middle + 400] = b"\x55" * 400
    path = tmp_path / "corrupt.xlsx"
    path.write_bytes(bytes(whole))
    result = run_validate(path)
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_password_protected_workbook(tmp_path):
    plain = make(tmp_path)
    path = tmp_path / "locked.xlsx"
    with plain.open("rb") as source, path.open("wb") as target:
        msoffcrypto.format.ooxml.OOXMLFile(source).encrypt("s3cret", target)
    assert_refused(path, "password-protected; remove the password in Excel")


def test_a_missing_path(tmp_path):
    assert_refused(tmp_path / "nowhere.xlsx", "no such file")


def test_a_directory(tmp_path):
    folder = tmp_path / "edition.xlsx"
    folder.mkdir()
    assert_refused(folder, "is a folder, not an Excel workbook")


def test_a_pdf_renamed_xlsx(tmp_path):
    path = tmp_path / "edition.xlsx"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    assert_refused(path, "it is a PDF")


def test_a_zip_that_is_not_an_office_file(tmp_path):
    path = tmp_path / "edition.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", "hello")
    assert_refused(path, "is a zip file but not an Excel workbook")


def test_the_installed_command_prints_one_line_and_no_traceback(tmp_path):
    path = tmp_path / "edition.xlsx"
    path.write_text("not,a,workbook\n")
    result = subprocess.run([str(REPORTGEN), "validate", str(path)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"reportgen: {path}: not an Excel workbook (it looks like CSV or plain text); save it from Excel as .xlsx"
    ]
    assert result.stdout == ""


def test_a_good_workbook_with_an_unusual_name_is_read(tmp_path):
    path = make(tmp_path, name="edition.XLSX")
    assert validate(load(path)) == []


def test_a_macro_enabled_workbook_is_read_without_running_macros(tmp_path):
    source = make(tmp_path)
    with zipfile.ZipFile(source) as archive:
        types = archive.read("[Content_Types].xml").replace(
            b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
            b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
        )
    path = rewrite_zip(
        source,
        tmp_path / "edition.xlsm",
        {"[Content_Types].xml": types},
        {"xl/vbaProject.bin": OLE_MAGIC + b"\0" * 504},
    )
    result = CliRunner().invoke(cli, ["validate", "--format", "json", str(path)])
    assert result.exit_code == 0, result.output
    assert '"code": "macros-ignored"' in result.stdout and '"severity": "warning"' in result.stdout
    assert load(path).edition.commitments[0].id == "C-001"


def _peak_megabytes(action) -> float:
    tracemalloc.start()
    try:
        action()
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return peak / (1024 * 1024)


def _refusal(path: Path) -> str:
    with pytest.raises(ReportgenError) as caught:
        load(path)
    return caught.value.message


def test_a_zip_bomb_is_refused_before_anything_is_expanded(tmp_path):
    source = make(tmp_path)
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bomb:
        for info in original.infolist():
            if info.filename == "xl/worksheets/sheet3.xml":
                with bomb.open(info.filename, "w") as part:
                    zeros = b" " * (1024 * 1024)
                    for _ in range(40):  # 40 MB that compresses about a thousand to one
                        part.write(zeros)
            else:
                bomb.writestr(info, original.read(info))
    assert path.stat().st_size < 200_000
    message = []
    peak = _peak_megabytes(lambda: message.append(_refusal(path)))
    assert "refused as a possible zip bomb" in message[0] and "xl/worksheets/sheet3.xml" in message[0]
    assert peak < 20


def test_many_parts_that_together_expand_too_far_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(opening, "MAX_UNCOMPRESSED_BYTES", 3 * 1024 * 1024)
    padding = {f"xl/media/pad{n}.xml": b"<a/>" + b" " * (1024 * 1024) for n in range(4)}
    path = rewrite_zip(make(tmp_path), tmp_path / "wide.xlsx", add=padding)
    assert "would expand to 4 MB; refused as a possible zip bomb" in _refusal(path)


def test_a_part_that_lies_about_its_size_cannot_expand_past_what_it_declares(tmp_path):
    source = make(tmp_path)
    path = tmp_path / "liar.xlsx"
    rewrite_zip(source, path, replace={"xl/sharedStrings.xml": b" " * (30 * 1024 * 1024)})
    data = bytearray(path.read_bytes())
    name = b"xl/sharedStrings.xml"
    # Declare 2,000 bytes in both the local header and the central directory.
    for signature, size_at, name_length_at, name_at in ((b"PK\x03\x04", 22, 26, 30), (b"PK\x01\x02", 24, 28, 46)):
        start = data.find(signature)
        while start != -1:
            length = int.from_bytes(data[start + name_length_at : start + name_length_at + 2], "little")
            if data[start + name_at : start + name_at + length] == name:
                data[start + size_at : start + size_at + 4] = (2000).to_bytes(4, "little")
            start = data.find(signature, start + 4)
    path.write_bytes(bytes(data))
    message = []
    peak = _peak_megabytes(lambda: message.append(_refusal(path)))
    assert "damaged" in message[0]
    assert peak < 20


BILLION_LAUGHS = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<!DOCTYPE sst [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">' for n in range(1, 10))
    + ']>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
    "<si><t>&lol9;</t></si></sst>"
)


@pytest.mark.parametrize("padding", ["", "<!--" + "x" * 100_000 + "-->"], ids=["plain", "behind-a-long-comment"])
def test_an_xml_entity_bomb_is_refused(tmp_path, padding):
    prolog, rest = BILLION_LAUGHS.split("\n", 1)
    xml = (prolog + "\n" + padding + rest).encode()
    path = rewrite_zip(make(tmp_path), tmp_path / "laughs.xlsx", add={"xl/sharedStrings.xml": xml})
    message = []
    peak = _peak_megabytes(lambda: message.append(_refusal(path)))
    assert (
        "part xl/sharedStrings.xml declares a DOCTYPE or entities" in message[0]
        or "part xl/sharedStrings.xml has more than 64 KB before its first element" in message[0]
    )
    assert peak < 20


def test_a_doctype_in_a_sheet_is_refused_through_the_cli(tmp_path):
    source = make(tmp_path)
    with zipfile.ZipFile(source) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
    external = b'<!DOCTYPE worksheet [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    hostile = sheet.replace(b"<worksheet", external + b"<worksheet", 1)
    path = rewrite_zip(source, tmp_path / "external.xlsx", {"xl/worksheets/sheet1.xml": hostile})
    assert_refused(path, "declares a DOCTYPE or entities")


def _write_text_cells(path: Path, cells: dict[str, str]):
    """Type values into Commitments cells as text, the way Excel stores a cell formatted as Text."""
    book = openpyxl.load_workbook(path)
    sheet = book["Commitments"]
    for reference, value in cells.items():
        sheet[reference].value = value
        sheet[reference].data_type = "s"
    book.save(path)


def test_text_that_starts_like_a_formula_stays_text(tmp_path):
    path = make(tmp_path)
    _write_text_cells(
        path,
        {
            "D2": "=Fair treatment for all",
            "D3": "+44 20 7983 4000 is the number",
            "D4": "-5 fewer stops than last year",
            "E2": "@Police",
        },
    )
    loaded = load(path)
    findings = validate(loaded)
    assert not [f for f in findings if f.code in ("formula-no-value", "value-required")]
    texts = [c.commitment.plain_text() for c in sorted(loaded.edition.commitments, key=lambda c: c.source.row)]
    assert texts[:3] == ["=Fair treatment for all", "+44 20 7983 4000 is the number", "-5 fewer stops than last year"]
    assert loaded.edition.commitments[0].lead == "@Police"


def test_hyphen_bullets_still_make_a_list(tmp_path):
    path = make(tmp_path)
    _write_text_cells(path, {"G2": "Two things happened:\n- the pilot ended\n- the report was written"})
    update = min(load(path).edition.commitments, key=lambda c: c.source.row).update
    assert isinstance(update.blocks[0], Paragraph) and isinstance(update.blocks[1], BulletList)
    assert len(update.blocks[1].items) == 2


def test_the_input_workbook_is_never_changed(tmp_path):
    path = make(tmp_path)
    before = path.read_bytes()
    modified = path.stat().st_mtime_ns
    CliRunner().invoke(cli, ["validate", str(path)])
    assert path.read_bytes() == before and path.stat().st_mtime_ns == modified


def test_reading_from_memory_gives_the_same_result_as_the_checks(tmp_path):
    data = make(tmp_path).read_bytes()
    assert safety.check_workbook_bytes("edition.xlsx", data) is False
    with pytest.raises(ReportgenError):
        safety.check_workbook_bytes("edition.xlsx", io.BytesIO(data).read()[:100])


def _with_sheet_xml(tmp_path: Path, name: str, edit) -> Path:
    """The valid edition with the Commitments sheet's XML changed by `edit(xml) -> xml`."""
    source = make(tmp_path)
    with zipfile.ZipFile(source) as archive:
        sheet = archive.read("xl/worksheets/sheet3.xml")
    return rewrite_zip(source, tmp_path / name, {"xl/worksheets/sheet3.xml": edit(sheet)})


@pytest.mark.parametrize(
    "element",
    [
        '<mergeCells count="1"><mergeCell ref="A10:XFD1048576"/></mergeCells>',
        '<hyperlinks><hyperlink ref="A10:XFD1048576" display="x"/></hyperlinks>',
    ],
    ids=["merged", "hyperlinked"],
)
def test_a_range_covering_the_whole_sheet_is_refused_before_openpyxl_expands_it(tmp_path, element):
    path = _with_sheet_xml(
        tmp_path, "ranges.xlsx", lambda xml: xml.replace(b"</sheetData>", b"</sheetData>" + element.encode())
    )
    message = []
    peak = _peak_megabytes(lambda: message.append(_refusal(path)))
    assert "merges or links ranges covering more than 100,000 cells" in message[0]
    assert peak < 20


def test_a_small_merged_title_row_is_fine(tmp_path):
    path = _with_sheet_xml(
        tmp_path,
        "merged.xlsx",
        lambda xml: xml.replace(
            b"</sheetData>", b'</sheetData><mergeCells count="1"><mergeCell ref="J2:K3"/></mergeCells>'
        ),
    )
    assert validate(load(path)) == []


def test_too_many_cells_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(safety, "MAX_CELLS", 40)
    path = make(tmp_path)
    assert "more than 40 filled cells" in _refusal(path)


def test_a_value_in_the_last_cell_of_the_sheet_is_read_without_building_the_rectangle(tmp_path):
    path = make(tmp_path)
    book = openpyxl.load_workbook(path)
    book["Commitments"]["XFD1048576"] = "stray"
    book.save(path)
    peak = _peak_megabytes(lambda: validate(load(path)))
    assert peak < 40
    assert load(path).edition.commitments[0].id == "C-001"


def test_a_cell_longer_than_excel_allows_is_refused_naming_the_cell(tmp_path):
    path = _with_sheet_xml(
        tmp_path,
        "huge.xlsx",
        lambda xml: xml.replace(b"<t>The pilot finished in August.</t>", b"<t>" + b"a" * 40_000 + b"</t>"),
    )
    line = assert_refused(path, "Commitments!G2: the cell holds 40,000 characters, more than Excel allows (32,767)")
    assert line.startswith(f"reportgen: {path}: Commitments!G2:")


def test_a_named_pipe_is_refused_without_blocking(tmp_path):
    pipe = tmp_path / "edition.xlsx"
    os.mkfifo(pipe)
    assert_refused(pipe, "is not an ordinary file")
