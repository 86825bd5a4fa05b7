"""docs/workbook.md, generated: each kind of workbook as its Instructions sheet in Markdown, and how it is written.

It lives at the meeting's level because that is the lowest layer that knows both kinds of workbook.
Run `python -m reportgen.meeting.workbook_reference > docs/workbook.md`; a test keeps the file current.
"""

from __future__ import annotations

from ..core import schema
from ..workbook.instructions import book_markdown
from ..workbook.writer import how_written as how_written_edition
from .schema import MEETING_BOOK
from .schema import how_written as how_written_meeting


def reference_markdown() -> str:
    """docs/workbook.md: the edition workbook, then the meeting workbook, each as its Instructions sheet (with the
    carried-over columns) in Markdown and how it is written."""
    out = [
        "# The edition workbook",
        "",
        "<!-- Generated from src/reportgen/core/schema.py, src/reportgen/meeting/schema.py, "
        "src/reportgen/workbook/instructions.py and src/reportgen/workbook/writer.py by "
        "`python -m reportgen.meeting.workbook_reference > docs/workbook.md`; edit those, not this file. -->",
        "",
    ]
    out += book_markdown(schema.EDITION_BOOK) + how_written_edition()
    out += ["", "# The meeting workbook", ""] + book_markdown(MEETING_BOOK) + how_written_meeting()
    return "\n".join(out).rstrip("\n") + "\n"


if __name__ == "__main__":
    import sys

    sys.stdout.write(reference_markdown())
