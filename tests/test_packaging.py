"""The package ships what an installed copy needs, and every command documents itself."""

from __future__ import annotations

import tomllib
from pathlib import Path

from click.testing import CliRunner

from reportgen.cli import cli

ROOT = Path(__file__).resolve().parent.parent


def test_every_subpackage_is_listed_in_pyproject():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {
        ".".join(init.parent.relative_to(ROOT / "src").parts)
        for init in (ROOT / "src" / "reportgen").rglob("__init__.py")
    }
    assert found <= listed, f"add to pyproject.toml packages: {sorted(found - listed)}"


def test_templates_are_package_data():
    from importlib.resources import files

    names = {item.name for item in files("reportgen.templates").iterdir()}
    assert "__init__.py" in names


def test_every_command_has_help():
    runner = CliRunner()
    for name, command in cli.commands.items():
        result = runner.invoke(cli, [name, "--help"])
        assert result.exit_code == 0, name
        assert command.help and len(command.help) > 20, f"{name} needs a help text"
