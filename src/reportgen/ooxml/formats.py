"""The kinds of Office file reportgen opens, and the words each uses to refuse a file that is not one.

The wording differs by kind on purpose (an officer holding a workbook is told about Excel,
one holding a document about Word); the checks behind it are the same, in `opening`.
"""

from __future__ import annotations

from .opening import OfficeFormat

WORKBOOK = OfficeFormat(
    noun="workbook",
    described="an Excel workbook",
    app="Excel",
    suffix=".xlsx",
    main_part="xl/workbook.xml",
    other_kinds=(
        ("word", "{name}: is a Word document, not an Excel workbook"),
        ("powerpoint", "{name}: is a PowerPoint file, not an Excel workbook"),
        ("excel-binary", "{name}: is an Excel binary workbook (.xlsb); save it as .xlsx"),
        ("opendocument", "{name}: is an OpenDocument file, not an Excel workbook; save it as .xlsx"),
    ),
    other_zip="{name}: is a zip file but not an Excel workbook",
    encrypted=(
        "{name}: the workbook is password-protected; remove the password in Excel "
        "(File > Info > Protect Workbook > Encrypt with Password) and try again"
    ),
    old_word="{name}: is an old Word document (.doc), not an Excel workbook",
    old_other="{name}: is an old Excel 97-2003 workbook (.xls); open it in Excel and save it as .xlsx",
)

DOCUMENT = OfficeFormat(
    noun="document",
    described="a Word document",
    app="Word",
    suffix=".docx",
    main_part="word/document.xml",
    other_kinds=(
        ("excel", "{name}: is an Excel workbook, not a Word document (.docx)"),
        ("powerpoint", "{name}: is a PowerPoint file, not a Word document"),
        ("opendocument", "{name}: is an OpenDocument file, not a Word document; save it from Word as .docx"),
    ),
    other_zip="{name}: is a zip file but not a Word document",
    encrypted=(
        "{name}: the document is password-protected; remove the password in Word "
        "(File > Info > Protect Document > Encrypt with Password) and try again"
    ),
    old_word="{name}: is an old Word 97-2003 document (.doc); open it in Word and save it as .docx",
    old_other="{name}: is an old Office 97-2003 file, not a Word document; save it from Word as .docx",
)
