"""Reading many pages: each page gives its talks or the error that stopped it, in order."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from agenda.errors import AgendaError
from agenda.pipeline import ReadOptions, load
from agenda.reading import read_each

from .conftest import ROOT


def test_each_page_gives_its_read_or_its_error_in_order(tmp_path: Path) -> None:
    seeds = sorted((ROOT / "seeds").iterdir())
    folder = tmp_path / "pages"
    folder.mkdir()
    for i, page in enumerate(seeds):
        (folder / f"{i}.txt").write_bytes(page.read_bytes())
    (folder / "1.txt").write_bytes(b"")
    names = [str(folder / f"{i}.txt") for i in range(4)]
    outcomes = list(read_each([*names[:3], str(folder / "gone.txt"), names[3]]))
    assert [type(o).__name__ for o in outcomes] == ["PageRead", "SourceError", "PageRead",
                                                    "SourceError", "PageRead"]
    assert [str(o) for o in outcomes if isinstance(o, AgendaError)] == [
        f"{names[1]}: the file is empty; save the schedule page as text and try again",
        f"{folder}/gone.txt: cannot read: No such file or directory"]
    schedule = load(ReadOptions(sources=(str(folder),), today=date(2026, 11, 23),
                                keep_going=True))
    assert schedule.skipped == (names[1],)
    assert {t.source for t in schedule.talks} == {names[0], names[2], names[3]}


def test_a_readers_bug_is_one_line_not_a_traceback(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from agenda import readers
    from agenda.cli import cli

    def broken(page: object) -> object:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(readers, "read_page", broken)
    monkeypatch.setattr("agenda.reading.read_page", broken)
    page = tmp_path / "p.txt"
    page.write_text("Wed 9 Dec. 6:00 - 7:00 PST\n")
    result = CliRunner().invoke(cli, ["list", str(page)])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (f"error: {page}: agenda failed to read this page "
                             "(ZeroDivisionError: division by zero); please report it with the "
                             "page\n")
