"""`agenda export`: where files go, what the user sees, and that nothing good is ever lost."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from agenda.cli import cli
from agenda.errors import OutputError
from agenda.outputs import write_all_atomically, write_atomically

from .conftest import ROOT


@pytest.fixture(autouse=True)
def _project_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "seeds").mkdir()
    for page in (ROOT / "seeds").iterdir():
        (tmp_path / "seeds" / page.name).write_bytes(page.read_bytes())
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("AGENDA_TODAY", "2026-11-23")
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_export_with_no_options_writes_three_files_to_out() -> None:
    code, out, err = run("export")
    assert code == 0
    assert out == ("wrote 39 talks to out/agenda.ics, out/agenda.csv, out/agenda.md "
                   "(times in America/Los_Angeles)\n")
    assert err.count("warning: ") == 4
    golden = ROOT / "tests" / "golden"
    assert Path("out/agenda.csv").read_bytes() == (golden / "seeds.csv").read_bytes()
    assert Path("out/agenda.ics").read_bytes().count(b"BEGIN:VEVENT") == 39


def test_same_input_same_bytes_and_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    run("export", "-o", "a")
    run("export", "-o", "b")
    for fmt in ("ics", "csv", "md"):
        assert Path(f"a/agenda.{fmt}").read_bytes() == Path(f"b/agenda.{fmt}").read_bytes()
    assert b"DTSTAMP:20201209T140000Z" in Path("a/agenda.ics").read_bytes()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    run("export", "-o", "c", "-f", "ics")
    assert b"DTSTAMP:20231114T221320Z" in Path("c/agenda.ics").read_bytes()


def test_output_file_name_chooses_the_format() -> None:
    code, out, _ = run("export", "-o", "mine/cal.ics", "--author", "Ba", "--quiet")
    assert (code, out) == (0, "")
    assert Path("mine/cal.ics").read_bytes().count(b"BEGIN:VEVENT") == 1
    assert not Path("out/agenda.ics").exists()


def test_standard_output_takes_one_format() -> None:
    code, out, _ = run("export", "-o", "-", "-f", "md", "--author", "Dokmanic")
    assert code == 0 and out.startswith("# Conference agenda\n\nTimes are in America/Los_Angeles")
    assert "Learning the Geometry of Wave-Based Imaging" in out
    message = "error: -o -: standard output takes exactly one --format\n"
    assert run("export", "-o", "-")[2] == message


def test_calendar_csv_style_says_which_zone_it_used() -> None:
    code, out, _ = run("export", "-f", "csv", "--csv-style", "google", "--tz", "Asia/Tokyo")
    assert out == "wrote 39 talks to out/agenda.csv (times in Asia/Tokyo)\n"
    assert Path("out/agenda.csv").read_text().splitlines()[1].split(",")[1:3] == [
        "12/9/2020", "11:00 PM"]


@pytest.mark.parametrize(("args", "message"), [
    (["-o", "x.ics", "-f", "csv"], "error: -o x.ics: a .ics file holds only --format ics; give a "
                                   "folder to write several formats\n"),
    (["-o", "x.docx"], "error: -o x.docx: unknown file extension .docx; use .ics, .csv, .md, "
                       ".html, .pdf or a folder\n"),
    (["--alarm", "soon"], "error: --alarm: expected a duration like 10m, 1h or 1h30m, got "
                          "'soon'\n"),
    (["--tz", "Europe/Berln"], "error: --tz: unknown time zone 'Europe/Berln'; did you mean "
                               "Europe/Berlin, Europe/Belfast, Europe/Helsinki?\n"),
])
def test_bad_options_are_one_line_errors_with_exit_2(args: list[str], message: str) -> None:
    assert run("export", *args) == (2, "", message)


def test_folder_that_cannot_be_created_is_a_clear_error() -> None:
    Path("blocked").write_text("a file where a folder should go")
    code, out, err = run("export", "-o", "blocked/sub")
    assert (code, out) == (1, "")
    assert err == "error: blocked/sub: cannot create the folder: Not a directory\n"
    assert Path("blocked").read_text() == "a file where a folder should go"


def test_atomic_write_keeps_the_old_file_when_writing_fails(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out" / "agenda.ics"
    target.parent.mkdir()
    target.write_bytes(b"old and good")

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OutputError, match="cannot write: No space left on device"):
        write_atomically(str(target), b"new")
    assert target.read_bytes() == b"old and good"
    assert [p.name for p in target.parent.iterdir()] == ["agenda.ics"]  # no temporary left behind


def test_a_bad_page_writes_nothing(tmp_path: Path) -> None:
    run("export", "-o", "keep")
    before = Path("keep/agenda.md").read_bytes()
    Path("seeds/zz_bad.txt").write_bytes(b"")
    code, _, err = run("export", "-o", "keep")
    assert code == 1 and "zz_bad.txt: the file is empty" in err
    assert Path("keep/agenda.md").read_bytes() == before


def test_selection_that_matches_nothing_warns_and_writes_valid_empty_outputs() -> None:
    code, out, err = run("export", "--keyword", "quantum gravity")
    assert code == 0 and out.startswith("wrote 0 talks to out/agenda.ics")
    assert "warning: the selection matches no talk; the outputs are empty\n" in err
    ics = Path("out/agenda.ics").read_bytes()
    assert ics.startswith(b"BEGIN:VCALENDAR\r\n") and ics.endswith(b"END:VCALENDAR\r\n")
    assert b"BEGIN:VEVENT" not in ics
    assert Path("out/agenda.csv").read_text().count("\n") == 1


def test_tz_local_uses_the_machine_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Asia/Kolkata")
    code, out, _ = run("export", "-f", "md", "--tz", "local")
    assert out.endswith("(times in Asia/Kolkata)\n")
    assert "Times are in Asia/Kolkata (IST)." in Path("out/agenda.md").read_text()


def test_progress_is_offered_only_for_large_work(monkeypatch: pytest.MonkeyPatch) -> None:
    from agenda import pipeline

    seen: list[tuple[int, str]] = []

    def spy(items: object, count: int, label: str) -> object:
        seen.append((count, label))
        return items

    pipeline.load(pipeline.ReadOptions(), progress=spy)
    assert seen == []  # the seeds are far below a second of work
    monkeypatch.setattr(pipeline, "PROGRESS_BYTES", 1000)
    monkeypatch.setattr(pipeline, "PROGRESS_TALKS", 10)
    pipeline.export(pipeline.ReadOptions(), pipeline.ExportOptions(output="p"), progress=spy)
    assert seen == [(4, "reading"), (3, "writing")]


def test_no_progress_bar_when_stderr_is_not_a_terminal() -> None:
    from agenda.cli import progress_bar

    assert list(progress_bar(iter([1, 2, 3]), 3, "reading")) == [1, 2, 3]


def test_outputs_are_replaced_all_together_or_not_at_all() -> None:
    run("export", "-o", "both", "--author", "Ba")
    before = Path("both/agenda.ics").read_bytes()
    Path("both/agenda.md").unlink()
    Path("both/agenda.md").mkdir()  # the Markdown target cannot be written
    code, _, err = run("export", "-o", "both", "--author", "Dokmanic")
    assert code == 1 and err == ("error: both/agenda.md: is a folder; name a file or use "
                                 "-o FOLDER\n")
    assert Path("both/agenda.ics").read_bytes() == before  # not replaced by the new selection
    assert sorted(p.name for p in Path("both").iterdir()) == ["agenda.csv", "agenda.ics",
                                                            "agenda.md"]


def _chunks(text: str, fail: bool = False) -> Iterator[bytes]:
    yield text.encode()
    if fail:
        raise OSError(28, "No space left on device")
    yield b" end"


def test_concurrent_writing_gives_the_same_files(tmp_path: Path) -> None:
    folder = tmp_path / "files"
    items = [(str(folder / f"f{i}.txt"), _chunks(f"file {i}")) for i in range(3)]
    write_all_atomically(items, concurrent=True)
    assert [(folder / f"f{i}.txt").read_text() for i in range(3)] == [
        "file 0 end", "file 1 end", "file 2 end"]
    assert sorted(p.name for p in folder.iterdir()) == ["f0.txt", "f1.txt", "f2.txt"]


@pytest.mark.parametrize("failing", [0, 2])  # this process's file, a forked child's file
def test_concurrent_writing_failure_keeps_every_old_file(tmp_path: Path, failing: int) -> None:
    folder = tmp_path / "files"
    folder.mkdir()
    for i in range(3):
        (folder / f"f{i}.txt").write_text("old")
    items = [(str(folder / f"f{i}.txt"), _chunks("new", fail=i == failing)) for i in range(3)]
    with pytest.raises(OutputError) as caught:
        write_all_atomically(items, concurrent=True)
    assert str(caught.value) == f"{folder}/f{failing}.txt: cannot write: No space left on device"
    assert [(folder / f"f{i}.txt").read_text() for i in range(3)] == ["old"] * 3
    assert sorted(p.name for p in folder.iterdir()) == ["f0.txt", "f1.txt", "f2.txt"]


def test_large_exports_write_formats_concurrently(monkeypatch: pytest.MonkeyPatch) -> None:
    from agenda import pipeline

    run("export", "-o", "serial")
    monkeypatch.setattr(pipeline, "CONCURRENT_FROM", 1)
    monkeypatch.setattr("agenda.ics.PARALLEL_FROM", 1)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)  # as on a one-core machine too
    calls: list[bool] = []
    real = pipeline.write_all_atomically

    def spy(items: object, concurrent: bool = False, progress: object = None) -> None:
        calls.append(concurrent)
        real(items, concurrent, progress)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "write_all_atomically", spy)
    code, _, _ = run("export", "-o", "parallel")
    assert code == 0 and calls == [True]
    for name in ("agenda.ics", "agenda.csv", "agenda.md"):
        assert Path("parallel", name).read_bytes() == Path("serial", name).read_bytes()
