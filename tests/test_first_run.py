"""What a new user hits first, each with the exact text they see."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from agenda.cli import cli

from .conftest import SEEDS

SEED = SEEDS / "002_ba662fb86504df7e.txt"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [*args, "--today", "2026-11-23"])
    return result.exit_code, result.stdout, result.stderr


def test_outside_a_checkout_says_seeds_is_only_the_default(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("list") == (1, "", "error: no sources given, and there is no seeds/ folder here "
                                  "to read by default; give a schedule file, folder, URL or - "
                                  "(standard input), e.g. agenda list program.html\n")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-8-sig"])
def test_utf16_and_byte_order_marked_pages_read(tmp_path: Path, encoding: str) -> None:
    page = tmp_path / "page.txt"
    page.write_bytes(SEED.read_text(encoding="utf-8").encode(encoding))
    assert run("list", str(page), "--year", "2021") == run("list", str(SEED), "--year", "2021")


def test_one_bad_file_in_a_folder_suggests_keep_going(tmp_path: Path) -> None:
    shutil.copy(SEED, tmp_path / "a.txt")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01binary")
    code, out, err = run("list", str(tmp_path))
    assert (code, out) == (1, "")
    assert err == (f"error: {tmp_path}/b.txt: this is a binary file, not a schedule page saved "
                   "as text (or pass --keep-going to skip it and read the other 1)\n")


@pytest.mark.parametrize(("args", "said"), [
    (("list", "--timezone", "UTC"),
     "error: no such option '--timezone'; did you mean '--tz'? (see 'agenda list --help')"),
    (("list", "--csv-style", "google"),
     "error: --csv-style is an option of agenda export, not of agenda list "
     "(see 'agenda list --help')"),
    (("lst",), "error: no such command 'lst'; did you mean 'list'? (see 'agenda --help')"),
    (("list", "--year"), "error: option '--year' requires an argument (see 'agenda list --help')"),
    (("--bogus",), "error: no such option '--bogus' (see 'agenda --help')"),
])
def test_a_usage_error_is_one_line_naming_what_to_use(args: tuple[str, ...], said: str) -> None:
    result = CliRunner().invoke(cli, list(args), prog_name="agenda")
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", said + "\n")


def test_one_talk_is_not_talks(tmp_path: Path) -> None:
    code, out, _ = run("export", str(SEED), "--year", "2021", "--keyword", "Subspaces",
                       "-o", str(tmp_path))
    assert out == (f"wrote 1 talk to {tmp_path}/agenda.ics, {tmp_path}/agenda.csv, "
                   f"{tmp_path}/agenda.md (times in America/Los_Angeles)\n")


def test_help_fits_80_columns_and_serve_lists_the_rules() -> None:
    for command in ("list", "export", "serve"):
        result = CliRunner().invoke(cli, [command, "--help"], terminal_width=80)
        assert max(map(len, result.output.splitlines())) <= 80
    serve = CliRunner().invoke(cli, ["serve", "--help"], terminal_width=80).output
    assert "--author NAME" in serve and "--between HH:MM-HH:MM" in serve
    assert "--kind KIND" in serve and "--day YYYY-MM-DD" in serve


def test_a_bug_is_one_line_with_exit_70(monkeypatch: pytest.MonkeyPatch) -> None:
    from agenda import pipeline

    def broken(*args: object, **kwargs: object) -> object:
        raise KeyError("surprise")

    monkeypatch.setattr(pipeline, "list_talks", broken)
    monkeypatch.delenv("AGENDA_DEBUG", raising=False)
    assert run("list", str(SEED)) == (70, "", "error: agenda failed (KeyError: 'surprise'); "
                                             "please report it (AGENDA_DEBUG=1 shows where)\n")
