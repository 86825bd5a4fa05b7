"""The OOXML package on its own: safe opening (each limit fires and does not), the hardened parser, and helpers."""

from __future__ import annotations

import io
import threading
import zipfile

import docx
import msoffcrypto.format.ooxml
import pytest
from lxml import etree

from reportgen.core.errors import ReportgenError
from reportgen.ooxml import opening
from reportgen.ooxml.elements import clean, element
from reportgen.ooxml.formats import DOCUMENT, WORKBOOK
from reportgen.ooxml.namespaces import NS, W, qn
from reportgen.ooxml.opening import check_office_bytes, legacy_kind, read_office_file, zip_kinds
from reportgen.ooxml.parser import parse
from reportgen.ooxml.parts import PartTooLarge, read_xml_part, relationships, repack

_DOCUMENT_XML = f'<?xml version="1.0" encoding="UTF-8"?>\n<w:document xmlns:w="{W}"><w:body/></w:document>'.encode()


def package(parts: dict[str, bytes] | None = None, *, main: bool = True, stored: bool = False) -> bytes:
    """A small zip in the shape of a .docx: the main part, and whatever `parts` adds or replaces."""
    members = {"[Content_Types].xml": b"<Types/>", "word/document.xml": _DOCUMENT_XML} if main else {}
    members.update(parts or {})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def refusal(data: bytes, kind=DOCUMENT, name: str = "edition.docx") -> str:
    with pytest.raises(ReportgenError) as caught:
        check_office_bytes(name, data, kind)
    return str(caught.value)


# --- limits ---------------------------------------------------------------------------------


def test_a_small_ordinary_package_passes_and_inspect_sees_its_parts():
    seen = check_office_bytes("edition.docx", package(), DOCUMENT, lambda name, archive, members, names: names)
    assert seen == {"[Content_Types].xml", "word/document.xml"}


def test_the_file_size_limit(monkeypatch):
    data = package()
    monkeypatch.setattr(opening, "MAX_FILE_BYTES", len(data))
    check_office_bytes("edition.docx", data, DOCUMENT)
    monkeypatch.setattr(opening, "MAX_FILE_BYTES", len(data) - 1)
    assert refusal(data).startswith("edition.docx: the file is 0 MB; documents over 0 MB are refused")


def test_the_file_size_limit_is_checked_before_a_file_on_disk_is_read(tmp_path, monkeypatch):
    path = tmp_path / "big.xlsx"
    path.write_bytes(package({"xl/workbook.xml": b"<workbook/>"}))
    monkeypatch.setattr(opening, "MAX_FILE_BYTES", 10)
    monkeypatch.setattr(type(path), "read_bytes", lambda self: pytest.fail("the file was read"))
    with pytest.raises(ReportgenError, match="workbooks over 0 MB are refused"):
        read_office_file(path, WORKBOOK)


def test_the_member_count_limit(monkeypatch):
    data = package({f"word/media/part{n}.xml": b"<a/>" for n in range(8)})  # 10 parts in all
    monkeypatch.setattr(opening, "MAX_MEMBERS", 10)
    check_office_bytes("edition.docx", data, DOCUMENT)
    monkeypatch.setattr(opening, "MAX_MEMBERS", 9)
    assert refusal(data) == "edition.docx: the document holds 10 parts; refused as unsafe"


def test_the_part_size_limit(monkeypatch):
    data = package({"word/media/big.xml": b"<a/>" + b" " * (2 * 1024 * 1024)})
    monkeypatch.setattr(opening, "MAX_MEMBER_BYTES", 3 * 1024 * 1024)
    check_office_bytes("edition.docx", data, DOCUMENT)
    monkeypatch.setattr(opening, "MAX_MEMBER_BYTES", 1024 * 1024)
    message = refusal(data)
    assert message.startswith("edition.docx: part word/media/big.xml would expand to 2 MB (compressed ")
    assert message.endswith("to 1); refused as a possible zip bomb")


def test_the_compression_ratio_limit_applies_to_large_parts_only():
    # Six megabytes of one byte compress about a thousand times: a bomb's signature.
    bomb = package({"word/media/bomb.xml": b"<a/>" + b" " * (6 * 1024 * 1024)})
    assert "part word/media/bomb.xml would expand to 6 MB" in refusal(bomb)
    assert "refused as a possible zip bomb" in refusal(bomb)
    small = package({"word/media/small.xml": b"<a/>" + b" " * (4 * 1024 * 1024)})
    check_office_bytes("edition.docx", small, DOCUMENT)
    varied = package({"word/media/stored.xml": b"<a/>" + b" " * (6 * 1024 * 1024)}, stored=True)
    check_office_bytes("edition.docx", varied, DOCUMENT)  # large, but stored as it is


def test_the_total_expansion_limit(monkeypatch):
    data = package({f"word/media/pad{n}.xml": b"<a/>" + b" " * (1024 * 1024) for n in range(3)})
    monkeypatch.setattr(opening, "MAX_UNCOMPRESSED_BYTES", 4 * 1024 * 1024)
    check_office_bytes("edition.docx", data, DOCUMENT)
    monkeypatch.setattr(opening, "MAX_UNCOMPRESSED_BYTES", 2 * 1024 * 1024)
    assert refusal(data) == "edition.docx: the document would expand to 3 MB; refused as a possible zip bomb"


def test_the_prolog_length_limit():
    padding = b"<!-- padding -->" * (opening.MAX_PROLOG_BYTES // 8)  # twice the limit
    data = package({"word/styles.xml": b'<?xml version="1.0"?>' + padding + b"<w:styles/>"})
    assert refusal(data) == (
        "edition.docx: part word/styles.xml has more than 64 KB before its first element, "
        "which Word never writes; refused as unsafe"
    )
    short = package({"word/styles.xml": b'<?xml version="1.0"?><!-- one comment --><w:styles/>'})
    check_office_bytes("edition.docx", short, DOCUMENT)


# --- DOCTYPE and entities -------------------------------------------------------------------


@pytest.mark.parametrize(
    "prolog",
    [
        b'<?xml version="1.0"?><!DOCTYPE w:styles [<!ENTITY a "aaaa">]>',
        b"<!DOCTYPE w:styles>",
        b'<?xml version="1.0"?><!-- a -->\n<!-- b --><?pi x?><!DOCTYPE w:styles SYSTEM "file:///etc/passwd">',
        b'<!ENTITY a "aaaa">',
    ],
)
def test_a_doctype_or_entity_declaration_in_any_part_is_refused(prolog):
    data = package({"word/styles.xml": prolog + b"<w:styles/>"})
    assert refusal(data) == (
        "edition.docx: part word/styles.xml declares a DOCTYPE or entities, which Word never writes; refused as unsafe"
    )


def test_a_doctype_in_a_utf16_part_is_refused():
    data = package({"word/styles.xml": '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x><x/>'.encode("utf-16")})
    assert "declares a DOCTYPE or entities" in refusal(data)


def test_a_doctype_is_refused_in_a_workbook_with_excels_name():
    data = package({"xl/workbook.xml": b"<!DOCTYPE workbook><workbook/>"}, main=False)
    assert refusal(data, WORKBOOK, "edition.xlsx") == (
        "edition.xlsx: part xl/workbook.xml declares a DOCTYPE or entities, which Excel never writes; refused as unsafe"
    )


def test_the_parser_refuses_an_undeclared_entity():
    with pytest.raises(etree.XMLSyntaxError):
        parse(b"<a>&lol;</a>")


def test_the_parser_does_not_expand_a_declared_entity():
    root = parse(b'<!DOCTYPE a [<!ENTITY lol "lollollol">]><a>&lol;&lol;</a>')
    assert "lollollol" not in etree.tostring(root).decode()
    assert all(isinstance(child, etree._Entity) for child in root)


def test_the_parser_reads_no_file_an_entity_or_dtd_names(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("the secret")
    dtd = tmp_path / "outside.dtd"
    dtd.write_text('<!ENTITY outside "from the dtd">')
    text = (
        f'<!DOCTYPE a SYSTEM "{dtd.as_uri()}" [<!ENTITY secret SYSTEM "{secret.as_uri()}">]>'
        "<a><b>&secret;</b><c>&outside;</c></a>"
    )
    serialised = etree.tostring(parse(text.encode())).decode()
    assert "&secret;" in serialised  # left as a reference, neither read nor refused
    assert "the secret" not in serialised and "from the dtd" not in serialised


def test_the_parser_keeps_or_drops_comments_and_instructions_as_asked():
    data = b"<a><!-- note --><?pi x?><b/></a>"
    assert len(parse(data)) == 3
    assert [child.tag for child in parse(data, remove_comments=True, remove_pis=True)] == ["b"]
    assert len(parse(data)) == 3  # each set of options has its own parser


def test_the_parser_serves_threads_at_once():
    results = {}

    def work(number):
        results[number] = [parse(f"<a n='{number}-{i}'/>".encode()).get("n") for i in range(200)]

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(results[n] == [f"{n}-{i}" for i in range(200)] for n in range(4))


# --- encrypted, legacy and other kinds of file ----------------------------------------------


def test_an_encrypted_document_is_named_as_password_protected(tmp_path):
    plain = tmp_path / "plain.docx"
    docx.Document().save(plain)
    locked = io.BytesIO()
    with plain.open("rb") as source:
        msoffcrypto.format.ooxml.OOXMLFile(source).encrypt("s3cret", locked)
    data = locked.getvalue()
    assert legacy_kind(data) == "encrypted"
    assert refusal(data, DOCUMENT, "locked.docx") == (
        "locked.docx: the document is password-protected; remove the password in Word "
        "(File > Info > Protect Document > Encrypt with Password) and try again"
    )
    assert refusal(data, WORKBOOK, "locked.xlsx").startswith("locked.xlsx: the workbook is password-protected")


def test_old_format_files_are_named_for_what_they_are():
    word = opening.OLE_MAGIC + b"\0" * 64 + "WordDocument".encode("utf-16-le")
    other = opening.OLE_MAGIC + b"\0" * 64 + "Workbook".encode("utf-16-le")
    assert (legacy_kind(word), legacy_kind(other)) == ("word", "other")
    assert refusal(word) == "edition.docx: is an old Word 97-2003 document (.doc); open it in Word and save it as .docx"
    assert refusal(other, WORKBOOK, "e.xls") == (
        "e.xls: is an old Excel 97-2003 workbook (.xls); open it in Excel and save it as .xlsx"
    )
    assert refusal(word, WORKBOOK, "e.xls") == "e.xls: is an old Word document (.doc), not an Excel workbook"


def test_a_zip_of_another_kind_is_named_in_each_formats_words():
    workbook = package({"xl/workbook.xml": b"<workbook/>"}, main=False)
    assert zip_kinds({"xl/workbook.xml"}) == {"excel"}
    assert refusal(workbook) == "edition.docx: is an Excel workbook, not a Word document (.docx)"
    document = package()
    assert refusal(document, WORKBOOK, "e.xlsx") == "e.xlsx: is a Word document, not an Excel workbook"
    binary = package({"xl/workbook.bin": b""}, main=False)
    assert refusal(binary, WORKBOOK, "e.xlsx") == "e.xlsx: is an Excel binary workbook (.xlsb); save it as .xlsx"
    assert refusal(binary) == "edition.docx: is a zip file but not a Word document"
    # A zip that looks like two kinds is named by the first kind in the format's own order.
    both = package({"ppt/presentation.xml": b"<p/>", "content.xml": b"<c/>", "mimetype": b"x"}, main=False)
    assert refusal(both) == "edition.docx: is a PowerPoint file, not a Word document"


def test_a_file_that_is_not_a_zip_is_named():
    assert refusal(b"") == "edition.docx: the file is empty; it is not a Word document"
    assert refusal(b"%PDF-1.7\n") == "edition.docx: not a Word document (it is a PDF); save it from Word as .docx"
    assert refusal(b"a,b,c\n1,2,3\n", WORKBOOK, "e.xlsx") == (
        "e.xlsx: not an Excel workbook (it looks like CSV or plain text); save it from Excel as .xlsx"
    )
    assert "damaged or incomplete (truncated zip)" in refusal(package()[:200])


# --- helpers --------------------------------------------------------------------------------


def test_qualified_names_come_from_the_one_table():
    assert qn("w:p") == f"{{{W}}}p"
    assert qn("xml:space") == "{http://www.w3.org/XML/1998/namespace}space"
    assert qn("mc:AlternateContent") == "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent"
    with pytest.raises(KeyError):
        qn("nope:p")
    root = parse(_DOCUMENT_XML)
    assert root.find("w:body", NS) is not None


def test_reading_a_part():
    with zipfile.ZipFile(io.BytesIO(package())) as archive:
        assert read_xml_part(archive, "word/document.xml").tag == qn("w:document")
        assert read_xml_part(archive, "word/styles.xml") is None
        with pytest.raises(PartTooLarge) as caught:
            read_xml_part(archive, "word/document.xml", max_bytes=10)
    assert caught.value.size == len(_DOCUMENT_XML)
    with zipfile.ZipFile(io.BytesIO(package({"word/bad.xml": b"<a>"}))) as archive:
        with pytest.raises(etree.XMLSyntaxError):
            read_xml_part(archive, "word/bad.xml")


def test_relationships_resolve_internal_targets_and_keep_external_ones():
    rels = parse(
        f'<Relationships xmlns="{NS["rel"]}">'
        '<Relationship Id="rId1" Target="media/image1.png"/>'
        '<Relationship Id="rId2" Target="../customXml/item1.xml"/>'
        '<Relationship Id="rId3" Target="https://example.org/a/../b" TargetMode="External"/>'
        "</Relationships>".encode()
    )
    assert relationships(rels, "word") == {
        "rId1": "word/media/image1.png",
        "rId2": "customXml/item1.xml",
        "rId3": "https://example.org/a/../b",
    }


def test_repacking_gives_the_same_bytes_whenever_the_package_was_saved():
    def saved(date_time):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            for name in ("b.xml", "[Content_Types].xml", "a.xml"):
                archive.writestr(zipfile.ZipInfo(name, date_time=date_time), b"<x/>" + name.encode())
        return buffer.getvalue()

    first, second = saved((2024, 1, 1, 9, 0, 0)), saved((2025, 6, 30, 17, 45, 12))
    assert first != second
    stamp = (1980, 1, 1, 0, 0, 0)
    assert repack(first, stamp) == repack(second, stamp)
    packed = repack(first, stamp, order=sorted, create_system=0, replace={"a.xml": b"<new/>"})
    with zipfile.ZipFile(io.BytesIO(packed)) as archive:
        assert archive.namelist() == ["[Content_Types].xml", "a.xml", "b.xml"]
        assert archive.read("a.xml") == b"<new/>" and archive.read("b.xml") == b"<x/>b.xml"
        assert {(info.date_time, info.create_system, info.compress_type) for info in archive.infolist()} == {
            (stamp, 0, zipfile.ZIP_DEFLATED)
        }


def test_elements_take_attributes_in_their_own_namespace():
    node = element("w:jc", val="right")
    assert node.tag == qn("w:jc") and node.get(qn("w:val")) == "right"
    assert clean("a\x00b\x0bc\ufffed\te\n") == "abcd\te\n"
