"""What an export does to the files it replaces: the mode is kept, a symlink is written through to
its target, temporary files of runs that died are removed, and SIGTERM or kill -9 in the middle
of a large export leaves the old outputs intact, no temporary file and no process behind."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from agenda.outputs import STALE_UNKNOWN, remove_stale_temporaries, write_all_atomically
from agenda.pipeline import ExportOptions, ReadOptions, export
from benchmarks.generate import generate

from .conftest import ROOT, SEEDS

SEED_002 = str(SEEDS / "002_ba662fb86504df7e.txt")


def _export(output: Path) -> None:
    export(ReadOptions(sources=(SEED_002,), today=date(2026, 11, 23)),
           ExportOptions(output=str(output)))


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_an_output_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "mine.ics"
    target.write_bytes(b"old")
    target.chmod(0o600)
    _export(target)
    assert target.read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert _mode(target) == 0o600


@pytest.mark.parametrize(("umask", "expected"), [(0o022, 0o644), (0o077, 0o600),
                                                 (0o002, 0o664)])
def test_a_new_output_gets_0666_less_the_umask(tmp_path: Path, umask: int,
                                               expected: int) -> None:
    before = os.umask(umask)
    try:
        _export(tmp_path / "new.ics")
    finally:
        os.umask(before)
    assert _mode(tmp_path / "new.ics") == expected


def test_an_output_that_is_a_symlink_is_written_through_to_its_target(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    real = tmp_path / "real" / "calendar.ics"
    real.write_bytes(b"old")
    real.chmod(0o640)
    link = tmp_path / "link.ics"
    link.symlink_to(real)
    _export(link)
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert _mode(real) == 0o640
    assert [p.name for p in (tmp_path / "real").iterdir()] == ["calendar.ics"]


def test_a_dangling_symlink_output_creates_its_target(tmp_path: Path) -> None:
    link = tmp_path / "link.ics"
    link.symlink_to(tmp_path / "made.ics")
    _export(link)
    assert link.is_symlink() and (tmp_path / "made.ics").read_bytes().startswith(b"BEGIN:")


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_temporaries_of_dead_or_old_runs_are_removed_and_live_ones_kept(tmp_path: Path) -> None:
    final = tmp_path / "agenda.ics"
    dead = tmp_path / f".agenda.ics.{_dead_pid()}-0a1b2c3d.tmp"
    live = tmp_path / f".agenda.ics.{os.getppid()}-0a1b2c3d.tmp"
    old_style = tmp_path / ".agenda.ics.k2j3h4g5.tmp"  # mkstemp's name, no pid
    young_old_style = tmp_path / ".agenda.ics.abcdefgh.tmp"
    other = tmp_path / ".agenda.csv.1-0a1b2c3d.tmp"  # another output's: not this one's to judge
    for path in (dead, live, old_style, young_old_style, other):
        path.write_bytes(b"partial")
    past = time.time() - STALE_UNKNOWN - 60
    os.utime(old_style, (past, past))
    removed = remove_stale_temporaries(str(final))
    assert sorted(removed) == sorted([str(dead), str(old_style)])
    assert live.exists() and young_old_style.exists() and other.exists()


def test_an_interrupted_write_leaves_the_old_files_and_no_temporary(tmp_path: Path) -> None:
    old = tmp_path / "agenda.ics"
    old.write_bytes(b"old")

    def chunks() -> Iterator[bytes]:
        yield b"new"
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_all_atomically([(str(old), chunks()), (str(tmp_path / "agenda.md"), [b"md"])])
    assert old.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["agenda.ics"]


# --- a real export, stopped from outside ------------------------------------------------------

@pytest.fixture(scope="module")
def conference(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("conference")
    generate(6000, folder, seed=3)
    return folder


def _children(pid: int) -> set[int]:
    """Every process whose parent is `pid`."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


def _gone(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return True
    return state in ("Z", "X")  # a zombie is dead, waiting for init to reap it


def _temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def _start_export(conference: Path, out: Path) -> tuple[subprocess.Popen[bytes], set[int]]:
    """An export of the conference, caught while it writes with forked writers; returns the
    process and its children then."""
    out.mkdir()
    for name in ("agenda.ics", "agenda.csv", "agenda.md"):
        (out / name).write_bytes(b"old " + name.encode())
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen([sys.executable, "-m", "agenda", "export", str(conference), "-o",
                                str(out), "--today", "2026-11-23", "-q"], env=env, cwd=ROOT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        kids = _children(process.pid)
        if len(_temporaries(out)) == 3 and len(kids) >= 2:
            return process, kids
        assert process.poll() is None, "the export ended before it could be stopped"
        time.sleep(0.005)
    process.kill()
    raise AssertionError("the export never reached its writing phase")


def _wait_gone(pids: set[int]) -> set[int]:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and not all(map(_gone, pids)):
        time.sleep(0.02)
    return {pid for pid in pids if not _gone(pid)}


def _stopped_mid_export(conference: Path, tmp_path: Path, stop: signal.Signals
                        ) -> tuple[Path, subprocess.Popen[bytes], set[int], str]:
    """An export stopped by `stop` while it writes. On a fast machine the export may finish
    between being caught writing and the signal landing: such a try tests nothing and is made
    again (at most five times)."""
    for attempt in range(5):
        out = tmp_path / f"out{attempt}"
        process, kids = _start_export(conference, out)
        process.send_signal(stop)
        _, err = process.communicate(timeout=60)
        if process.returncode != 0:
            return out, process, kids, err.decode("utf-8", "replace")[-2000:]
    raise AssertionError("every export finished before the signal landed")


def test_sigterm_mid_export_keeps_old_files_and_leaves_no_temporary_or_process(
        conference: Path, tmp_path: Path) -> None:
    out, process, kids, said = _stopped_mid_export(conference, tmp_path, signal.SIGTERM)
    assert process.returncode != 0, said
    assert "Traceback" not in said, said
    found = {p.name: p.read_bytes()[:20] for p in out.iterdir()}
    assert found == {"agenda.ics": b"old agenda.ics", "agenda.csv": b"old agenda.csv",
                     "agenda.md": b"old agenda.md"}, (found, said)
    assert _wait_gone(kids) == set()


def test_kill_9_mid_export_stops_its_children_and_the_next_run_removes_its_temporaries(
        conference: Path, tmp_path: Path) -> None:
    out, process, kids, _ = _stopped_mid_export(conference, tmp_path, signal.SIGKILL)
    assert _wait_gone(kids) == set()
    assert len(_temporaries(out)) == 3  # nothing could remove them: the next run will
    assert (out / "agenda.ics").read_bytes() == b"old agenda.ics"
    _export(out)
    assert _temporaries(out) == []
    assert (out / "agenda.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")


def test_a_writer_never_recreates_a_temporary_its_run_removed(tmp_path: Path) -> None:
    # An interrupted run removes its temporaries while a forked writer may still be going: the
    # writer opens its file, never creates it (a SIGTERM test once found one left behind).
    from agenda.outputs import _fill

    gone = tmp_path / ".agenda.md.1-00000000.tmp"
    with pytest.raises(FileNotFoundError):
        _fill(str(gone), [b"late"], str(tmp_path / "agenda.md"))
    assert not gone.exists()
