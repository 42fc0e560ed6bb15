"""What changed between what a selection recorded and what its sources say now
(agenda.changes: pure functions, no store)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from agenda.changes import (
    CANCELLED,
    GONE,
    IN,
    LEFT,
    MOVED,
    NEW,
    OUT,
    RESTORED,
    RETITLED,
    ROOM,
    SPEAKERS,
    STATUS,
    Entry,
    Plan,
    digest,
    plan,
)
from agenda.models import Status, Talk

from .helpers import make_talk, utc

DAY1 = utc("2026-11-20T10:00Z")
DAY2 = utc("2026-11-21T10:00Z")
DAY3 = utc("2026-11-22T10:00Z")


def talk(title: str = "A Talk", start: str = "2020-12-10T14:00Z", **fields: object) -> Talk:
    made = make_talk(title, start, **fields)
    assert isinstance(made, Talk)
    return made


def stored(result: Plan, entries: dict[str, Entry] | None = None) -> dict[str, Entry]:
    """The entries after recording `result` (what agenda.history writes)."""
    out = dict(entries or {})
    out.update({e.uid: e for e in result.writes})
    return out


def run(entries: dict[str, Entry], talks: list[Talk], now: object = DAY2,
        present: list[Talk] | None = None, aliases: dict[str, str] | None = None) -> Plan:
    everything = {t.uid: t for t in (present if present is not None else talks)}
    return plan(entries, talks, everything, now, aliases)  # type: ignore[arg-type]


def kinds(result: Plan) -> list[tuple[str, str]]:
    return [(c.kind, (c.new or c.old).title) for c in result.changes]  # type: ignore[union-attr]


def test_first_recording_tells_no_changes_and_starts_every_sequence_at_zero() -> None:
    talks = [talk("One"), talk("Two", "2020-12-10T15:00Z")]
    result = run({}, talks, DAY1)
    assert result.first and result.changes == []
    assert [(t.sequence, t.modified) for t in result.talks] == [(0, DAY1), (0, DAY1)]
    assert {e.state for e in result.writes} == {IN}


def test_an_unchanged_talk_keeps_its_sequence_and_last_modified_and_nothing_is_written() -> None:
    talks = [talk("One")]
    entries = stored(run({}, talks, DAY1))
    again = run(entries, talks, DAY2)
    assert again.changes == [] and again.writes == []
    assert (again.talks[0].sequence, again.talks[0].modified) == (0, DAY1)


def test_a_moved_talk_raises_its_sequence_and_says_moved() -> None:
    before = talk("One")
    entries = stored(run({}, [before], DAY1))
    after = replace(before, start=utc("2020-12-10T16:00Z"), end=utc("2020-12-10T16:15Z"))
    result = run(entries, [after], DAY2)
    assert kinds(result) == [(MOVED, "One")]
    assert result.changes[0].old is not None and result.changes[0].old.start == before.start
    assert (result.talks[0].sequence, result.talks[0].modified) == (1, DAY2)


def test_a_retitled_talk_with_the_same_uid_says_retitled() -> None:
    before = talk("Old title")
    entries = stored(run({}, [before], DAY1))
    result = run(entries, [replace(before, title="New title")], DAY2)
    assert kinds(result) == [(RETITLED, "New title")]
    assert result.talks[0].sequence == 1


def test_a_retitled_talk_under_a_new_uid_keeps_its_old_uid() -> None:
    """agenda's own UIDs hash the title: the same slot and speakers is the same talk."""
    before = talk("Old title")
    entries = stored(run({}, [before], DAY1))
    renamed = talk("New title")
    assert renamed.uid != before.uid
    result = run(entries, [renamed], DAY2)
    assert kinds(result) == [(RETITLED, "New title")]
    assert result.talks[0].uid == before.uid and result.talks[0].sequence == 1
    assert result.aliases == {renamed.uid: before.uid}
    # the alias holds on the next run, even once the talk has also moved
    later = replace(renamed, start=utc("2020-12-11T14:00Z"), end=utc("2020-12-11T14:15Z"))
    third = run(stored(result, entries), [later], DAY3, aliases=result.aliases)
    assert kinds(third) == [(MOVED, "New title")]
    assert third.talks[0].uid == before.uid and third.talks[0].sequence == 2


def test_a_new_room_new_speakers_and_a_new_status_are_each_told() -> None:
    before = talk("One", room="Hall A")
    entries = stored(run({}, [before], DAY1))
    after = replace(before, room="Hall B", authors=("Ann Author",), status=Status.TENTATIVE)
    result = run(entries, [after], DAY2)
    assert sorted(kinds(result)) == sorted([(ROOM, "One"), (SPEAKERS, "One"), (STATUS, "One")])
    assert result.talks[0].sequence == 1


def test_a_talk_gone_from_the_sources_is_kept_as_cancelled_then_dropped() -> None:
    one, two = talk("One"), talk("Two", "2020-12-10T15:00Z")
    entries = stored(run({}, [one, two], DAY1))
    result = run(entries, [one], DAY2)
    assert kinds(result) == [(CANCELLED, "Two")]
    kept = [t for t in result.talks if t.uid == two.uid]
    assert len(kept) == 1 and kept[0].status is Status.CANCELLED
    assert (kept[0].sequence, kept[0].modified) == (1, DAY2)
    assert [t.title for t in result.talks] == ["One", "Two"]  # still in time order
    entries = stored(result, entries)
    assert entries[two.uid].state == GONE
    still = run(entries, [one], DAY2 + timedelta(days=13))
    assert still.changes == [] and [t.title for t in still.talks] == ["One", "Two"]
    assert still.talks[1].sequence == 1  # no change while kept
    dropped = run(entries, [one], DAY2 + timedelta(days=14))
    assert [t.title for t in dropped.talks] == ["One"]


def test_a_talk_that_comes_back_is_restored_with_a_higher_sequence() -> None:
    one, two = talk("One"), talk("Two", "2020-12-10T15:00Z")
    entries = stored(run({}, [one, two], DAY1))
    gone = run(entries, [one], DAY2)
    entries = stored(gone, entries)
    back = run(entries, [one, two], DAY3)
    assert kinds(back) == [(RESTORED, "Two")]
    restored = next(t for t in back.talks if t.uid == two.uid)
    assert restored.status is Status.CONFIRMED and restored.sequence == 2


def test_a_talk_cancelled_by_its_source_says_cancelled() -> None:
    one = talk("One")
    entries = stored(run({}, [one], DAY1))
    result = run(entries, [replace(one, status=Status.CANCELLED)], DAY2)
    assert kinds(result) == [(CANCELLED, "One")]


def test_a_new_talk_is_told_and_starts_at_sequence_zero() -> None:
    one = talk("One")
    entries = stored(run({}, [one], DAY1))
    fresh = talk("Fresh", "2020-12-10T18:00Z", authors=("Zoe Zed",))
    result = run(entries, [one, fresh], DAY2)
    assert kinds(result) == [(NEW, "Fresh")]
    assert next(t for t in result.talks if t.uid == fresh.uid).sequence == 0


def test_a_talk_still_in_the_sources_but_no_longer_selected_left_and_is_not_cancelled() -> None:
    one, two = talk("One"), talk("Two", "2020-12-10T15:00Z")
    entries = stored(run({}, [one, two], DAY1))
    result = run(entries, [one], DAY2, present=[one, two])
    assert kinds(result) == [(LEFT, "Two")]
    assert [t.title for t in result.talks] == ["One"]
    entries = stored(result, entries)
    assert entries[two.uid].state == OUT
    moved = replace(two, start=utc("2020-12-10T16:00Z"), end=utc("2020-12-10T16:15Z"))
    back = run(entries, [one, moved], DAY3)
    assert kinds(back) == [(NEW, "Two"), (MOVED, "Two")]
    assert next(t for t in back.talks if t.uid == two.uid).sequence == 1


def test_the_digest_covers_what_an_attendee_cares_about_and_nothing_else() -> None:
    base = talk("One")
    for change in ({"start": utc("2020-12-10T14:05Z")}, {"end": utc("2020-12-10T14:20Z")},
                   {"title": "Two"}, {"authors": ("X",)}, {"room": "R"},
                   {"status": Status.TENTATIVE}):
        assert digest(replace(base, **change)) != digest(base), change  # type: ignore[arg-type]
    for same in ({"abstract": "Other"}, {"line": 99}, {"chairs": ()}, {"sequence": 4}):
        assert digest(replace(base, **same)) == digest(base), same  # type: ignore[arg-type]


EDITS = st.sampled_from(["move", "retitle", "room", "drop", "restore", "nothing", "add"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(EDITS, st.integers(0, 3)), min_size=1, max_size=12))
def test_sequence_never_falls(edits: list[tuple[str, int]]) -> None:
    current = {i: talk(f"Talk {i}", f"2020-12-10T1{i}:00Z", authors=(f"Speaker {i}",))
               for i in range(4)}
    absent: dict[int, Talk] = {}
    entries: dict[str, Entry] = {}
    aliases: dict[str, str] = {}
    highest: dict[str, int] = {}
    now = DAY1
    for step, (edit, i) in enumerate(edits):
        if edit == "move" and i in current:
            t = current[i]
            current[i] = replace(t, start=t.start + timedelta(minutes=30),
                                 end=t.end + timedelta(minutes=30))
        elif edit == "retitle" and i in current:
            current[i] = replace(current[i], title=f"Talk {i} v{step}")
        elif edit == "room" and i in current:
            current[i] = replace(current[i], room=f"Room {step}")
        elif edit == "drop" and i in current:
            absent[i] = current.pop(i)
        elif edit == "restore" and i in absent:
            current[i] = absent.pop(i)
        elif edit == "add":
            current[10 + step] = talk(f"New {step}", "2020-12-11T10:00Z",
                                      authors=(f"Newcomer {step}",))
        talks = sorted(current.values(), key=lambda t: (t.start, t.title))
        result = plan(entries, talks, {t.uid: t for t in talks}, now, aliases)
        entries = stored(result, entries)
        aliases.update(result.aliases)
        for written in result.talks:
            assert written.sequence >= highest.get(written.uid, 0), (edit, written.title)
            highest[written.uid] = written.sequence
        for entry in entries.values():
            assert entry.sequence >= highest.get(entry.uid, 0)
        now += timedelta(hours=1)
