"""docs/cli.md is the generated --help of every command; it must match the code."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from agenda.cli import cli

from .conftest import ROOT


def cli_reference() -> str:
    parts = ["# Command-line reference", "",
             "Generated from `agenda --help`; refresh with `pytest --update-golden`.", ""]
    for name in [None, *sorted(cli.commands)]:
        args = ["--help"] if name is None else [name, "--help"]
        result = CliRunner().invoke(cli, args, prog_name="agenda", terminal_width=80)
        assert result.exit_code == 0
        title = "agenda" if name is None else f"agenda {name}"
        parts += [f"## `{title}`", "", "```", result.output.rstrip(), "```", ""]
    return "\n".join(parts)


def test_cli_reference_is_current(request: pytest.FixtureRequest) -> None:
    path = ROOT / "docs" / "cli.md"
    text = cli_reference()
    if request.config.getoption("--update-golden"):
        path.write_text(text, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == text
