"""The `reportgen` program itself, as opposed to its commands called from Python."""

from __future__ import annotations

import gc
import subprocess
import sys

from click.testing import CliRunner

from reportgen.cli import cli


def test_the_program_freezes_its_objects_before_python_ends_and_keeps_the_exit_status():
    code = (
        "import gc, sys\n"
        "from reportgen import cli\n"
        "gc.freeze = lambda: print('frozen', file=sys.stderr)\n"
        "sys.argv = ['reportgen', 'validate', 'no-such-workbook.xlsx']\n"
        "cli.main()\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr.splitlines() == ["reportgen: no-such-workbook.xlsx: no such file", "frozen"]


def test_a_command_called_from_python_leaves_the_callers_collector_alone():
    before = gc.get_freeze_count()
    result = CliRunner().invoke(cli, ["validate", "no-such-workbook.xlsx"])
    assert result.exit_code == 2
    assert gc.get_freeze_count() == before
