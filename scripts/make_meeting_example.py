"""Writes the example meeting, inputs/meeting-example.xlsx, from scripts/meeting_example_content.py.

As scripts/make_example.py does for the example edition: the content lives in a Python
file so every change can be read in a diff. Re-run this after editing the content and
commit both files; tests/meeting/test_meeting_example.py checks they agree.

    .venv/bin/python scripts/make_meeting_example.py [--output PATH]
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from reportgen.core.errors import EXIT_CANNOT_RUN, ReportgenError
from reportgen.meeting.schema import MEETING_BOOK
from reportgen.workbook.writer import write_workbook

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_OUTPUT = ROOT / "inputs" / "meeting-example.xlsx"

sys.path.insert(0, str(HERE))
from meeting_example_content import CONTENT  # noqa: E402  (a sibling script, not an installed module)


def make_meeting_example(output: Path = DEFAULT_OUTPUT) -> Path:
    """Write the example meeting to `output`, replacing any earlier copy."""
    write_workbook(Path(output), CONTENT, overwrite=True, book=MEETING_BOOK)
    return Path(output)


@click.command(help="Write the example meeting workbook from scripts/meeting_example_content.py.")
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=DEFAULT_OUTPUT,
    show_default="inputs/meeting-example.xlsx",
    help="Where to write the workbook; an existing file is replaced.",
)
def main(output: Path) -> None:
    try:
        written = make_meeting_example(output)
    except (ReportgenError, OSError) as problem:
        click.echo(f"make_meeting_example: {problem}", err=True)
        sys.exit(EXIT_CANNOT_RUN)
    click.echo(f"Wrote {written}")


if __name__ == "__main__":
    main()
