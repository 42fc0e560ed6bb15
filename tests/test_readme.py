"""The README's usage examples are real: every `$ agenda ...` line in a ```console block is run
in a copy of the project and its output must match what the README shows. An output that ends
with a `...` line is compared up to that line. `pytest --update-golden` rewrites the outputs.
Commands of one block run in order in the same copy (so a block can show a history at work),
and a block may copy files with `$ cp SOURCE TARGET`. The history is on, in the copy."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from agenda.cli import cli

from .conftest import ROOT

README = ROOT / "README.md"
BLOCK = re.compile(r"(```console\n)(.*?)(```)", re.DOTALL)
MORE = "...\n"


def _commands(block: str) -> list[tuple[str, str]]:
    chunks = re.split(r"^(?=\$ )", block, flags=re.MULTILINE)
    return [(c.partition("\n")[0][2:], c.partition("\n")[2]) for c in chunks if c.startswith("$ ")]


def examples() -> list[tuple[str, str, tuple[str, ...]]]:
    """(command, its output, the commands before it in its block)."""
    text = README.read_text(encoding="utf-8")
    out = []
    for m in BLOCK.finditer(text):
        pairs = _commands(m.group(2))
        out += [(command, expected, tuple(c for c, _ in pairs[:i]))
                for i, (command, expected) in enumerate(pairs)]
    return out


def run_example(command: str, where: Path) -> str:
    """Run one README command in a scratch copy of the project, as the README says."""
    if not (where / "seeds").exists():
        shutil.copytree(ROOT / "seeds", where / "seeds")
        for extra in ("README.md", "examples"):
            if (ROOT / extra).is_dir():
                shutil.copytree(ROOT / extra, where / extra)
            elif (ROOT / extra).exists():
                shutil.copy(ROOT / extra, where / extra)
    args = shlex.split(command)
    if args[0] == "cp" and len(args) == 3:
        shutil.copy(where / args[1], where / args[2])
        return ""
    assert args[0] == "agenda"
    result = CliRunner().invoke(cli, args[1:], prog_name="agenda",
                                env={"AGENDA_TODAY": "2026-11-23", "SOURCE_DATE_EPOCH": "",
                                     "COLUMNS": "100",
                                     "AGENDA_HISTORY": str(where / ".history.sqlite")})
    return result.output


def _shown(expected: str, actual: str) -> str:
    if expected.endswith(MORE):
        keep = expected[: -len(MORE)].count("\n")
        lines = actual.splitlines(keepends=True)
        return "".join(lines[:keep]) + (MORE if len(lines) > keep else "")
    return actual


def test_readme_has_examples() -> None:
    assert len(examples()) >= 5


@pytest.mark.parametrize(("command", "expected", "before"), examples(),
                         ids=lambda v: v[:60] if isinstance(v, str) else "")
def test_readme_example_output_is_true(command: str, expected: str, before: tuple[str, ...],
                                       monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                       request: pytest.FixtureRequest) -> None:
    monkeypatch.chdir(tmp_path)
    for earlier in before:
        run_example(earlier, tmp_path)
    actual = run_example(command, tmp_path)
    if request.config.getoption("--update-golden"):
        text = README.read_text(encoding="utf-8")
        old = f"$ {command}\n{expected}"
        assert old in text
        README.write_text(text.replace(old, f"$ {command}\n{_shown(expected, actual)}", 1),
                          encoding="utf-8")
        return
    assert _shown(expected, actual) == expected


def test_the_library_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The README's Python blocks run as shown, in a copy of the project."""
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.DOTALL)
    assert blocks
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {})  # noqa: S102 - the README's own code
    assert (tmp_path / "out" / "mine.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")
