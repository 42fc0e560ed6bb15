"""Following a schedule that changes: the history store, SEQUENCE and cancellations in the .ics,
and `agenda changes`, run on small edited copies of a seed page."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import vobject
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ical.calendar_stream import IcsCalendarStream
from ical.event import EventStatus
from icalendar import Calendar

from agenda.cli import cli

from .conftest import ROOT

SEED = ROOT / "seeds" / "003_e4fac9faa7edaf41.txt"
TEXT = SEED.read_text(encoding="utf-8")
# Talks of the seed page (NeurIPS 2020, Thu 10 Dec, PST = UTC-8).
SHOOTING = "A shooting formulation of deep learning"
DYNAMICS = "On the training dynamics of deep networks with $L_2$ regularization"
NEURONS = "Compositional Explanations of Neurons"
WAVES = "Learning the Geometry of Wave-Based Imaging"


def edited(text: str = TEXT, *pairs: tuple[str, str]) -> str:
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


MOVED = ("Thu 10 Dec. 6:15 - 6:30 PST", "Thu 10 Dec. 9:15 - 9:30 PST")
RETITLED = (NEURONS, "Compositional Explanations of Many Neurons")
REMOVED = ("Thu 10 Dec. 7:20 - 7:30 PST\n\nSpotlight\nLearning the Geometry of Wave-Based "
           "Imaging\n", "")
ADDED = ("Thu 10 Dec. 8:40 - 9:00 PST", "Thu 10 Dec. 9:30 - 9:45 PST\n\nOral\nA Late Addition\n\n"
         "Ann Author · Bo Builder\n\nAn abstract.\n\nThu 10 Dec. 8:40 - 9:00 PST")


class Project:
    """A folder with one schedule page, exported and compared through the CLI."""

    def __init__(self, where: Path) -> None:
        self.where = where
        self.page = where / "session.txt"
        self.history = where / "history.sqlite"
        self.page.write_text(TEXT, encoding="utf-8")

    def write(self, text: str) -> None:
        self.page.write_text(text, encoding="utf-8")

    def run(self, *args: str, today: str = "2026-11-23") -> tuple[int, str, str]:
        result = CliRunner().invoke(cli, [*args, str(self.page), "--year", "2020", "--today",
                                          today, "--history", str(self.history)])
        return result.exit_code, result.stdout, result.stderr

    def ics(self, *args: str, today: str = "2026-11-23") -> bytes:
        out = self.where / "out.ics"
        code, _, err = self.run("export", "-o", str(out), "-q", *args, today=today)
        assert code == 0, err
        return out.read_bytes()

    def changes(self, *args: str, today: str = "2026-11-23") -> list[str]:
        code, out, err = self.run("changes", *args, today=today)
        assert code == 0, err
        return out.splitlines()


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return Project(tmp_path)


def events(data: bytes) -> dict[str, object]:
    """SUMMARY -> VEVENT, read back by icalendar."""
    return {str(e["SUMMARY"]): e for e in Calendar.from_ical(data).walk("VEVENT")}


# --- agenda changes ---------------------------------------------------------------------------
def test_changes_before_anything_was_recorded_says_so(project: Project) -> None:
    assert project.changes() == ["nothing recorded for this selection yet (11 talks); "
                                 "`agenda export` records it"]
    assert not project.history.exists()  # asking records nothing


def test_changes_after_an_export_with_no_change_says_nothing_changed(project: Project) -> None:
    project.ics()
    assert project.changes() == ["nothing changed since this selection was last recorded"]


def test_changes_tells_moved_retitled_cancelled_and_new_talks_in_the_readers_zone(
        project: Project) -> None:
    project.ics()
    project.write(edited(TEXT, MOVED, RETITLED, REMOVED, ADDED))
    lines = project.changes("--tz", "Europe/Berlin")
    assert lines == [
        'retitled  2020-12-10 Thu 15:30-15:45 CET  Compositional Explanations of Many Neurons '
        '(was "Compositional Explanations of Neurons")',
        "cancelled 2020-12-10 Thu 16:20-16:30 CET  Learning the Geometry of Wave-Based Imaging",
        f"moved     2020-12-10 Thu 18:15-18:30 CET  {DYNAMICS} (was 2020-12-10 Thu 15:15-15:30 "
        "CET)",
        "new       2020-12-10 Thu 18:30-18:45 CET  A Late Addition — Ann Author, Bo Builder",
    ]
    assert project.changes() == project.changes()  # asking twice: the same answer
    project.ics()
    assert project.changes() == ["nothing changed since this selection was last recorded"]


def test_changes_as_json_gives_old_and_new_exact_instants(project: Project) -> None:
    project.ics()
    project.write(edited(TEXT, MOVED))
    code, out, _ = project.run("changes", "--json")
    assert code == 0
    found = json.loads(out)
    assert found["recorded"] is True
    [change] = found["changes"]
    assert change["kind"] == "moved"
    assert (change["old"]["start"], change["new"]["start"]) == ("2020-12-10T14:15:00Z",
                                                               "2020-12-10T17:15:00Z")


def test_a_talk_moved_out_of_a_day_rule_has_left_the_selection(project: Project) -> None:
    project.ics("--between", "06:00-07:00")
    project.write(edited(TEXT, MOVED))
    assert project.changes("--between", "06:00-07:00") == [
        f"left      2020-12-10 Thu 09:15-09:30 PST  {DYNAMICS} (no longer matches the rules)"]


def test_rules_are_part_of_the_selection_that_is_followed(project: Project) -> None:
    project.ics("--kind", "oral")
    assert project.changes("--kind", "spotlight")[0].startswith("nothing recorded")


# --- the .ics ---------------------------------------------------------------------------------
def test_without_history_no_sequence_or_last_modified_is_written(project: Project) -> None:
    with_none = project.ics("--no-history")
    assert b"SEQUENCE" not in with_none and b"LAST-MODIFIED" not in with_none
    assert not project.history.exists()


def test_the_ics_sequence_rises_only_for_changed_talks(project: Project) -> None:
    first = events(project.ics(today="2026-11-20"))
    assert {int(e["SEQUENCE"]) for e in first.values()} == {0}  # type: ignore[index]
    assert str(first[f"[Oral] {SHOOTING}"]["LAST-MODIFIED"].to_ical(),  # type: ignore[index]
               ) == "b'20261120T000000Z'"
    project.write(edited(TEXT, MOVED, RETITLED))
    second = events(project.ics(today="2026-11-23"))
    moved = second[f"[Oral] {DYNAMICS}"]
    assert int(moved["SEQUENCE"]) == 1  # type: ignore[index]
    assert moved["LAST-MODIFIED"].dt.isoformat() == "2026-11-23T00:00:00+00:00"  # type: ignore
    renamed = second["[Oral] Compositional Explanations of Many Neurons"]
    assert int(renamed["SEQUENCE"]) == 1  # type: ignore[index]
    # the renamed talk is the same event: it keeps the UID calendars know it by
    assert str(renamed["UID"]) == str(first[f"[Oral] {NEURONS}"]["UID"])  # type: ignore[index]
    same = second[f"[Oral] {SHOOTING}"]
    assert int(same["SEQUENCE"]) == 0  # type: ignore[index]
    assert same["LAST-MODIFIED"].dt.isoformat() == "2026-11-20T00:00:00+00:00"  # type: ignore
    assert len(second) == len(first)


def test_a_removed_talk_is_kept_as_cancelled_for_keep_cancelled_days_then_dropped(
        project: Project) -> None:
    project.ics(today="2026-11-20")
    project.write(edited(TEXT, REMOVED))
    cancelled = f"Cancelled: [Spotlight] {WAVES}"
    kept = events(project.ics(today="2026-11-21"))
    assert str(kept[cancelled]["STATUS"]) == "CANCELLED"  # type: ignore[index]
    assert int(kept[cancelled]["SEQUENCE"]) == 1  # type: ignore[index]
    assert cancelled in events(project.ics("--keep-cancelled", "3", today="2026-11-23"))
    assert cancelled not in events(project.ics("--keep-cancelled", "3", today="2026-11-24"))
    assert cancelled in events(project.ics(today="2026-12-04"))  # 14 days by default
    assert cancelled not in events(project.ics(today="2026-12-05"))


def test_a_re_added_talk_comes_back_confirmed_with_a_higher_sequence(project: Project) -> None:
    project.ics(today="2026-11-20")
    project.write(edited(TEXT, REMOVED))
    project.ics(today="2026-11-21")
    project.write(TEXT)
    assert project.changes(today="2026-11-22") == [
        f"restored  2020-12-10 Thu 07:20-07:30 PST  {WAVES}"]
    back = events(project.ics(today="2026-11-22"))[f"[Spotlight] {WAVES}"]
    assert "STATUS" not in back  # type: ignore[operator]
    assert int(back["SEQUENCE"]) == 2  # type: ignore[index]


def test_vobject_and_home_assistants_ical_read_sequence_and_status_back(
        project: Project) -> None:
    project.ics(today="2026-11-20")
    project.write(edited(TEXT, MOVED, REMOVED))
    data = project.ics(today="2026-11-21").decode()
    parsed = vobject.readOne(data)
    by_vobject = {e.summary.value: (int(e.sequence.value),
                                    e.status.value if hasattr(e, "status") else "")
                  for e in parsed.vevent_list}
    assert by_vobject[f"[Oral] {DYNAMICS}"] == (1, "")
    assert by_vobject[f"Cancelled: [Spotlight] {WAVES}"] == (1, "CANCELLED")
    assert by_vobject[f"[Oral] {SHOOTING}"] == (0, "")
    home = {e.summary: (e.sequence, e.status)
            for e in IcsCalendarStream.calendar_from_ics(data).events}
    assert home[f"[Oral] {DYNAMICS}"] == (1, None)
    assert home[f"Cancelled: [Spotlight] {WAVES}"] == (1, EventStatus.CANCELLED)


SHIFTS = st.sampled_from([MOVED, RETITLED, REMOVED, ADDED])


@settings(max_examples=8, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(SHIFTS, max_size=3, unique=True), st.integers(0, 20))
def test_exporting_twice_with_no_change_gives_the_same_bytes(
        tmp_path_factory: pytest.TempPathFactory, edits: list[tuple[str, str]], day: int) -> None:
    project = Project(tmp_path_factory.mktemp("twice"))
    today = f"2026-11-{day + 1:02d}"
    project.ics(today=today)
    project.write(edited(TEXT, *edits))
    once = project.ics(today=today)
    assert project.ics(today=today) == once
    assert project.ics(today=f"2026-11-{day + 2:02d}") == once  # a later run, no new change


# --- the store --------------------------------------------------------------------------------
def _script(project: Project, today: str) -> list[str]:
    return [sys.executable, "-m", "agenda", "export", str(project.page), "--year", "2020",
            "--today", today, "--history", str(project.history), "-o",
            str(project.where / "out.ics"), "-q"]


def _env(**extra: str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), **extra}


def test_a_run_killed_inside_its_history_write_leaves_the_last_good_state(
        project: Project) -> None:
    project.ics(today="2026-11-20")
    project.write(edited(TEXT, MOVED))
    child = subprocess.Popen(_script(project, "2026-11-21"), stderr=subprocess.PIPE,
                             env=_env(AGENDA_HISTORY_PAUSE="30"))
    assert child.stderr is not None
    assert b"pausing inside the transaction" in child.stderr.readline()
    child.send_signal(signal.SIGKILL)
    child.wait()
    # the killed run's writes are gone: the move is still to be told, and a normal run works
    assert project.changes(today="2026-11-21") == [
        f"moved     2020-12-10 Thu 09:15-09:30 PST  {DYNAMICS} (was 2020-12-10 Thu 06:15-06:30 "
        "PST)"]
    assert b"SEQUENCE:1" in project.ics(today="2026-11-21")
    check = sqlite3.connect(project.history)
    assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    check.close()


def test_two_exports_at_once_both_succeed_and_record_the_change_once(project: Project) -> None:
    project.ics(today="2026-11-20")
    project.write(edited(TEXT, MOVED))
    children = [subprocess.Popen([*_script(project, "2026-11-21")[:-3], "-o",
                                  str(project.where / f"out{i}.ics"), "-q"],
                                 stderr=subprocess.PIPE, env=_env()) for i in range(2)]
    for child in children:
        _, err = child.communicate(timeout=120)
        assert child.returncode == 0, err
    outs = [(project.where / f"out{i}.ics").read_bytes() for i in range(2)]
    assert outs[0] == outs[1] and outs[0].count(b"SEQUENCE:1") == 1
    check = sqlite3.connect(project.history)
    assert check.execute("SELECT count(*) FROM changes WHERE kind = 'moved'").fetchone() == (1,)
    check.close()


def test_threads_recording_the_same_selection_take_turns(project: Project) -> None:
    project.ics(today="2026-11-20")
    project.write(edited(TEXT, MOVED))
    results: list[bytes] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            results.append(project.ics(today="2026-11-21"))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert all(r.count(b"SEQUENCE:1") == 1 for r in results)


def test_a_file_that_is_not_a_history_is_one_error_line(project: Project) -> None:
    project.history.write_bytes(b"this is not a database, it is text" * 100)
    code, _, err = project.run("export", "-o", "-", "-f", "ics")
    assert code == 1
    assert err.startswith(f"error: {project.history}: history: ") and err.count("\n") == 1


def test_a_history_from_a_newer_agenda_is_refused_not_damaged(project: Project) -> None:
    project.ics()
    connection = sqlite3.connect(project.history)
    connection.execute("UPDATE meta SET value = '99' WHERE key = 'schema'")
    connection.commit()
    connection.close()
    code, _, err = project.run("export", "-o", "-", "-f", "ics")
    assert code == 2 and "made by a newer agenda (schema 99" in err


def test_the_schema_is_versioned(project: Project) -> None:
    from agenda.history import VERSION

    project.ics()
    connection = sqlite3.connect(project.history)
    assert connection.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone() == (
        str(VERSION),)
    assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    connection.close()


def test_agenda_history_off_and_no_history_turn_it_off(project: Project,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from agenda.history import location

    monkeypatch.setenv("AGENDA_HISTORY", "off")
    assert location() is None
    assert location("given.sqlite") == "given.sqlite"
    monkeypatch.setenv("AGENDA_HISTORY", str(project.history))
    assert location() == str(project.history)
    assert location(disabled=True) is None
    monkeypatch.delenv("AGENDA_HISTORY")
    default = location()
    assert default is not None and default.endswith("history.sqlite") and "agenda" in default


# --- the feed ---------------------------------------------------------------------------------
def _app(project: Project, history: bool = True) -> object:
    from datetime import date

    from agenda.feed.app import FeedApp
    from agenda.feed.state import LiveSchedule
    from agenda.pipeline import ReadOptions

    live = LiveSchedule(ReadOptions(sources=(str(project.page),), today=date(2026, 11, 23),
                                    year=2020), interval=3600)
    return FeedApp(live, history=str(project.history) if history else None)


def _get(app: object, path: str) -> tuple[str, bytes]:
    from agenda.feed.app import FeedApp

    assert isinstance(app, FeedApp)
    route, _, query = path.partition("?")
    response = app.handle({"REQUEST_METHOD": "GET", "PATH_INFO": route, "QUERY_STRING": query,
                           "HTTP_HOST": "feeds.example"})
    return response.status, response.body


def _entries(data: bytes) -> list[str]:
    import xml.etree.ElementTree as ET

    root = ET.fromstring(data)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert root.tag == "{http://www.w3.org/2005/Atom}feed"
    return [e.findtext("a:title", namespaces=ns) or "" for e in root.findall("a:entry", ns)]


def test_a_feed_without_history_has_no_changes_feed(project: Project) -> None:
    app = _app(project, history=False)
    status, _ = _get(app, "/changes.atom")
    assert status.startswith("404")
    assert b"SEQUENCE" not in _get(app, "/calendar.ics")[1]


def test_the_feed_raises_sequence_keeps_cancellations_and_tells_changes_in_atom(
        project: Project) -> None:
    app = _app(project)
    first = _get(app, "/calendar.ics")[1]
    assert first.count(b"SEQUENCE:0\r\n") == 11
    assert _entries(_get(app, "/changes.atom")[1]) == []
    assert _entries(_get(app, "/changes.atom?kind=spotlight")[1]) == []
    project.write(edited(TEXT, MOVED, RETITLED, REMOVED, ADDED))
    app.live.refresh()  # type: ignore[attr-defined]
    after = events(_get(app, "/calendar.ics")[1])
    assert int(after[f"[Oral] {DYNAMICS}"]["SEQUENCE"]) == 1  # type: ignore[index]
    assert str(after[f"Cancelled: [Spotlight] {WAVES}"]["STATUS"]) == "CANCELLED"  # type: ignore
    status, atom = _get(app, "/changes.atom")
    assert status == "200 OK"
    assert sorted(_entries(atom)) == sorted([
        "Retitled: Compositional Explanations of Many Neurons", f"Cancelled: {WAVES}",
        f"Moved: {DYNAMICS}", "New: A Late Addition"])
    assert b"(was 2020-12-10 Thu 06:15-06:30 PST)" in atom
    # each selection is followed on its own: the spotlights saw only the cancellation
    assert _entries(_get(app, "/changes.atom?kind=spotlight")[1]) == [f"Cancelled: {WAVES}"]
    # the same history gives the same bytes
    assert _get(app, "/changes.atom")[1] == atom
    page = _get(app, "/?tz=America/Los_Angeles")[1].decode()  # the same selection
    assert "Latest changes" in page and "moved: 2020-12-10 Thu 09:15-09:30 PST" in page
    assert 'href="http://feeds.example/changes.atom?tz=America%2FLos_Angeles"' in page


def test_a_selection_over_the_size_limits_is_warned_of_on_export_and_the_page(
        project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    import agenda.sizes

    monkeypatch.setattr(agenda.sizes, "MAX_EVENTS", 5)
    code, _, err = project.run("export", "-f", "ics", "-o", str(project.where / "a.ics"))
    assert code == 0
    assert "the calendar has 11 events" in err and "Google Calendar" in err
    page = _get(_app(project, history=False), "/?tz=UTC")[1].decode()
    assert "the calendar has 11 events" in page
    monkeypatch.setattr(agenda.sizes, "MAX_EVENTS", 1000)
    code, _, err = project.run("export", "-f", "ics", "-o", str(project.where / "a.ics"))
    assert "Google" not in err


def test_brief_leaves_abstracts_out_of_descriptions(project: Project) -> None:
    full = project.ics("--no-history")
    brief = project.ics("--no-history", "--brief")
    assert b"A residual network may be regarded" in full
    assert b"A residual network may be regarded" not in brief
    assert b"Authors: Fran" in brief and len(brief) < len(full) / 2


def test_past_max_scopes_the_least_recently_recorded_selection_is_forgotten(
        project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    import agenda.history

    monkeypatch.setattr(agenda.history, "MAX_SCOPES", 2)
    project.ics("--kind", "oral", today="2026-11-20")
    project.ics("--kind", "spotlight", today="2026-11-21")
    project.ics("--kind", "break", "--all", today="2026-11-22")
    assert project.changes("--kind", "oral")[0].startswith("nothing recorded")
    assert project.changes("--kind", "spotlight")[0].startswith("nothing changed")


def test_the_feed_takes_brief_too(project: Project) -> None:
    app = _app(project, history=False)
    assert b"A residual network may be regarded" in _get(app, "/calendar.ics")[1]
    assert b"A residual network may be regarded" not in _get(app, "/calendar.ics?brief=1")[1]
