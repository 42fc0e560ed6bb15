"""Reading many pages: on every core the talks, notices and errors are exactly those of reading
one page after another."""

from __future__ import annotations

import pickle
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from agenda import reading
from agenda.errors import AgendaError, PageError
from agenda.pipeline import ReadOptions, load
from agenda.reading import read_each, read_forked

from .conftest import ROOT


def _conference(folder: Path, bad: dict[int, bytes]) -> list[str]:
    """Forty pages: the four seeds ten times over, with some replaced by bad ones."""
    folder.mkdir()
    seeds = sorted((ROOT / "seeds").iterdir())
    names = []
    for i in range(40):
        page = folder / f"{i:02d}_{seeds[i % 4].name}"
        page.write_bytes(bad.get(i, seeds[i % 4].read_bytes()))
        names.append(str(page))
    return names


def _same(outcome: object) -> object:
    if isinstance(outcome, AgendaError):
        return type(outcome), outcome.message, outcome.path, outcome.line
    return outcome


def test_forked_reading_gives_what_reading_one_by_one_gives(tmp_path: Path) -> None:
    names = _conference(tmp_path / "pages", {3: b"", 17: b"\x00\x01binary", 30: b"Nothing here"})
    forked = list(read_forked(names, 3))
    assert [_same(o) for o in forked] == [_same(o) for o in read_each(names)]
    errors = [o for o in forked if isinstance(o, AgendaError)]
    assert [(e.path, e.message[:30]) for e in errors] == [
        (names[3], "the file is empty; save the sc"),
        (names[17], "this is a binary file, not a s"),
        (names[30], "no known schedule layout found")]


@pytest.mark.parametrize("keep_going", [False, True])
def test_large_runs_read_on_every_core_with_the_same_result(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, keep_going: bool) -> None:
    _conference(tmp_path / "pages", {25: b"Nothing here"})
    options = ReadOptions(sources=(str(tmp_path / "pages"),), today=date(2026, 11, 23),
                          keep_going=keep_going)

    def outcome(workers: int) -> object:
        try:
            return load(replace(options, workers=workers))
        except AgendaError as exc:
            return _same(exc)

    serial = outcome(1)
    monkeypatch.setattr(reading, "FORK_FROM_BYTES", 0)
    forked = []
    monkeypatch.setattr(reading, "read_forked", _spy(reading.read_forked, forked))
    monkeypatch.setattr("agenda.pipeline.read_forked", reading.read_forked)
    assert outcome(2) == serial
    assert forked == [2]
    if keep_going:
        assert len(serial.talks) > 0 and "25_" in serial.skipped[0]  # type: ignore[union-attr]


def _spy(function: object, calls: list[int]) -> object:
    def spy(names: list[str], workers: int) -> object:
        calls.append(workers)
        return function(names, workers)  # type: ignore[operator]
    return spy


def test_errors_cross_processes_with_their_file_and_line() -> None:
    error = pickle.loads(pickle.dumps(PageError("impossible time", "page.txt", 12)))
    assert (type(error), str(error)) == (PageError, "page.txt:12: impossible time")


def test_a_bad_first_page_stops_the_workers_too(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    import multiprocessing

    names = _conference(tmp_path / "pages", {0: b""})
    monkeypatch.setattr(reading, "FORK_FROM_BYTES", 0)
    with pytest.raises(AgendaError, match="the file is empty"):
        load(ReadOptions(sources=(str(tmp_path / "pages"),), today=date(2026, 11, 23),
                         workers=2))
    assert multiprocessing.active_children() == []
    assert isinstance(next(read_forked(names, 2)), AgendaError)
