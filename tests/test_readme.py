"""The documentation's examples are real: every `$ agenda ...` line in a ```console block of the
README and of docs/ is run in a copy of the project and its output must match what the page
shows (docs/sources.md's URL examples run against a local server in test_url_sources.py).
An output that ends with a `...` line is compared up to that line. `pytest --update-golden`
rewrites the outputs. Commands of one block run in order in the same copy (so a block can show
a history at work), and a block may copy files with `$ cp SOURCE TARGET`. The history is on,
in the copy."""

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
DOCUMENTS = [README, *sorted(p for p in (ROOT / "docs").glob("*.md")
                             if p.name not in ("cli.md", "sources.md"))]
BLOCK = re.compile(r"(```console\n)(.*?)(```)", re.DOTALL)
MORE = "...\n"


def _commands(block: str) -> list[tuple[str, str]]:
    chunks = re.split(r"^(?=\$ )", block, flags=re.MULTILINE)
    return [(c.partition("\n")[0][2:], c.partition("\n")[2]) for c in chunks if c.startswith("$ ")]


def examples() -> list[tuple[Path, str, str, tuple[str, ...]]]:
    """(page, command, its output, the commands before it in its block)."""
    out = []
    for document in DOCUMENTS:
        for m in BLOCK.finditer(document.read_text(encoding="utf-8")):
            pairs = _commands(m.group(2))
            out += [(document, command, expected, tuple(c for c, _ in pairs[:i]))
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
    assert len([e for e in examples() if e[0] == README]) >= 2
    assert len(examples()) >= 10


@pytest.mark.parametrize(("document", "command", "expected", "before"), examples(),
                         ids=lambda v: v.name if isinstance(v, Path)
                         else v[:60] if isinstance(v, str) else "")
def test_example_output_is_true(document: Path, command: str, expected: str,
                                before: tuple[str, ...], monkeypatch: pytest.MonkeyPatch,
                                tmp_path: Path, request: pytest.FixtureRequest) -> None:
    monkeypatch.chdir(tmp_path)
    for earlier in before:
        run_example(earlier, tmp_path)
    actual = run_example(command, tmp_path)
    if request.config.getoption("--update-golden"):
        text = document.read_text(encoding="utf-8")
        old = f"$ {command}\n{expected}"
        assert old in text
        document.write_text(text.replace(old, f"$ {command}\n{_shown(expected, actual)}", 1),
                            encoding="utf-8")
        return
    assert _shown(expected, actual) == expected


def test_the_library_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The documentation's Python blocks run as shown, in a copy of the project."""
    blocks = [b for d in DOCUMENTS
              for b in re.findall(r"```python\n(.*?)```", d.read_text(encoding="utf-8"),
                                  re.DOTALL)]
    assert blocks
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    for block in blocks:
        exec(compile(block, "docs", "exec"), {})  # noqa: S102 - the documentation's own code
    assert (tmp_path / "out" / "mine.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")
