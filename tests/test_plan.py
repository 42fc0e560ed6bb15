"""The plan: a clash-free agenda, must before maybe, then earlier start, with time to change
rooms; what it sets aside is an alternative of the talk it ran into."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from agenda.choice import MAYBE, MUST, Priority
from agenda.cli import cli
from agenda.models import Kind, Talk
from agenda.plan import OVERLAP, ROOM_CHANGE, Plan, make_plan

BASE = datetime(2024, 5, 1, 8, 0, tzinfo=UTC)


def talk(uid: str, start: int, minutes: int, room: str = "", kind: Kind = Kind.TALK) -> Talk:
    """A talk `start` minutes after 08:00 UTC."""
    return Talk(title=f"Talk {uid}", authors=(), abstract="", kind=kind, number=None, track="",
                chairs=(), start=BASE + timedelta(minutes=start),
                end=BASE + timedelta(minutes=start + minutes), zone="Europe/Berlin", label="",
                source="x", line=1, layout="test", room=room, uid=uid)


def clash(a: Talk, b: Talk, gap: timedelta) -> bool:
    need = gap if a.room and b.room and a.room != b.room else timedelta(0)
    return a.start < b.end + need and b.start < a.end + need


TALKS = st.lists(st.tuples(st.integers(0, 600), st.sampled_from([5, 10, 15, 30, 45, 90]),
                           st.sampled_from(["", "A", "B", "C"]),
                           st.sampled_from([MUST, MAYBE, MAYBE])),
                 max_size=40)
GAPS = st.sampled_from([timedelta(0), timedelta(minutes=5), timedelta(minutes=10)])


def planned(rows: list[tuple[int, int, str, Priority]], gap: timedelta) -> tuple[list[Talk],
                                                                                  Plan]:
    talks = sorted((talk(f"t{i:03d}", s, m, r) for i, (s, m, r, _) in enumerate(rows)),
                   key=lambda t: (t.start, t.uid))
    priorities = {f"t{i:03d}": p for i, (_, _, _, p) in enumerate(rows)}
    return talks, make_plan(talks, priorities, gap)


@settings(max_examples=300, deadline=None)
@given(TALKS, GAPS)
def test_a_plan_has_no_clash_but_reported_must_must_ones(rows: list[tuple[int, int, str,
                                                                          Priority]],
                                                         gap: timedelta) -> None:
    _, plan = planned(rows, gap)
    reported = {frozenset((a.uid, b.uid)) for a, b in plan.clashes}
    kept = list(plan.kept)
    for i, a in enumerate(kept):
        for b in kept[i + 1:]:
            if clash(a, b, gap):
                assert frozenset((a.uid, b.uid)) in reported
                assert plan.priorities[a.uid] == plan.priorities[b.uid] == MUST
    for a, b in plan.clashes:
        assert clash(a, b, gap) and a.uid != b.uid


@settings(max_examples=300, deadline=None)
@given(TALKS, GAPS)
def test_a_plan_never_drops_a_must(rows: list[tuple[int, int, str, Priority]],
                                   gap: timedelta) -> None:
    talks, plan = planned(rows, gap)
    kept = {t.uid for t in plan.kept}
    assert {t.uid for t in talks if plan.priorities[t.uid] == MUST} <= kept
    assert kept | {t.uid for t in plan.set_aside} == {t.uid for t in talks}
    assert not kept & {t.uid for t in plan.set_aside}


@settings(max_examples=300, deadline=None)
@given(TALKS, GAPS)
def test_each_talk_set_aside_is_an_alternative_of_a_kept_talk_it_clashes_with(
        rows: list[tuple[int, int, str, Priority]], gap: timedelta) -> None:
    _, plan = planned(rows, gap)
    kept = {t.uid for t in plan.kept}
    for aside in plan.set_aside:
        other = plan.alternative_to[aside.uid]
        assert other.uid in kept and clash(aside, other, gap)
        assert aside in plan.alternatives[other.uid]
        overlapping = aside.start < other.end and other.start < aside.end
        assert plan.why[aside.uid] == (OVERLAP if overlapping else ROOM_CHANGE)
    # a talk is set aside only when it does not fit: each would clash with some kept talk
    assert sum(len(v) for v in plan.alternatives.values()) == len(plan.set_aside)


@settings(max_examples=200, deadline=None)
@given(TALKS, GAPS, st.randoms(use_true_random=False))
def test_a_plan_is_deterministic_whatever_the_order(rows: list[tuple[int, int, str,
                                                                     Priority]],
                                                    gap: timedelta, rng: random.Random) -> None:
    talks, plan = planned(rows, gap)
    shuffled = list(talks)
    rng.shuffle(shuffled)
    again = make_plan(shuffled, plan.priorities, gap)
    assert {t.uid for t in again.kept} == {t.uid for t in plan.kept}
    assert {k: v.uid for k, v in again.alternative_to.items()} == \
        {k: v.uid for k, v in plan.alternative_to.items()}
    assert [(a.uid, b.uid) for a, b in again.clashes] == [(a.uid, b.uid) for a, b in plan.clashes]


def test_must_before_maybe_then_earlier_start() -> None:
    early, late, must = talk("early", 0, 30), talk("late", 20, 30), talk("must", 25, 30)
    plan = make_plan([early, late, must], {"must": MUST})
    assert [t.uid for t in plan.kept] == ["must"]
    assert plan.alternatives == {"must": (early, late)}
    plan = make_plan([early, late], {})
    assert [t.uid for t in plan.kept] == ["early"] and plan.alternative_to == {"late": early}


def test_a_room_change_needs_its_gap_only_between_different_rooms() -> None:
    first, same, other = talk("a", 0, 30, "Hall A"), talk("b", 35, 20, "Hall A"), \
        talk("c", 35, 20, "Hall B")
    gap = timedelta(minutes=10)
    assert [t.uid for t in make_plan([first, same], {}, gap).kept] == ["a", "b"]
    plan = make_plan([first, other], {}, gap)
    assert [t.uid for t in plan.kept] == ["a"] and plan.why == {"c": ROOM_CHANGE}
    assert [t.uid for t in make_plan([first, other], {}, timedelta(minutes=5)).kept] == \
        ["a", "c"]


def test_two_musts_that_clash_are_both_kept_and_reported() -> None:
    a, b, c = talk("a", 0, 30), talk("b", 10, 30), talk("c", 15, 10)
    plan = make_plan([a, b, c], {"a": MUST, "b": MUST})
    assert [t.uid for t in plan.kept] == ["a", "b"]
    assert [(x.uid, y.uid) for x, y in plan.clashes] == [("a", "b")]
    assert plan.alternative_to["c"].uid == "a"


def test_breaks_and_cancelled_talks_take_no_time() -> None:
    lunch = talk("lunch", 0, 60, kind=Kind.BREAK)
    plan = make_plan([lunch, talk("x", 10, 20)], {})
    assert [t.uid for t in plan.kept] == ["lunch", "x"] and not plan.set_aside


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [*args, "--today", "2026-11-23"])
    return result.exit_code, result.stdout, result.stderr


SCHEDULE = Path(__file__).parent / "corpus" / "plan" / "two_rooms.json"


@pytest.fixture(autouse=True)
def _here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(Path(__file__).parent.parent)


def test_list_plan_shows_the_alternatives_and_the_must_clash() -> None:
    code, out, err = run("list", str(SCHEDULE), "--keyword", "pruning", "--priority", "must",
                         "--or", "--track", "ML", "--plan", "--room-change", "10m")
    assert code == 0
    assert out.splitlines() == [
        "2024-05-01 Wed 10:00-10:30 CEST  talk      Pruning at scale — Ada Lovelace",
        "    or: 2024-05-01 Wed 10:15-10:45 CEST  Sparse networks [Hall B] (overlaps)",
        "2024-05-01 Wed 10:35-10:55 CEST  talk      Pruning the lottery — Dee Dee",
        "plan: 2 talks kept, 1 set aside as alternative, 1 must-see clash",
        "clash: 2024-05-01 Wed 10:00-10:30 CEST  Pruning at scale / 2024-05-01 Wed "
        "10:35-10:55 CEST  Pruning the lottery (both must)"]
    assert "warning: two must-see talks clash, both kept: Wed 01 May 10:00 CEST Pruning at " \
        "scale [Hall A] and Wed 01 May 10:35 CEST Pruning the lottery [Hall B]" in err


def test_export_alternatives_are_tentative_free_time(tmp_path: Path) -> None:
    code, _, _ = run("export", str(SCHEDULE), "--track", "ML", "--plan", "--alternatives",
                     "-o", str(tmp_path), "-f", "ics", "-f", "md")
    assert code == 0
    ics = (tmp_path / "agenda.ics").read_bytes().decode().replace("\r\n ", "")
    events = ics.split("BEGIN:VEVENT")[1:]
    aside = [e for e in events if "SUMMARY:[Talk] Sparse networks" in e]
    assert len(events) == 3 and len(aside) == 1
    assert "STATUS:TENTATIVE" in aside[0] and "TRANSP:TRANSPARENT" in aside[0]
    assert "Alternative to: Wed 01 May 10:00 CEST Pruning at scale [Hall A] (overlaps)" \
        in aside[0]
    kept = next(e for e in events if "SUMMARY:[Talk] Pruning at scale" in e)
    assert "Alternative: Wed 01 May 10:15 CEST Sparse networks [Hall B]" in kept
    assert "TRANSP:OPAQUE" in kept and "STATUS" not in kept
    md = (tmp_path / "agenda.md").read_text()
    assert "  ↳ alternative: **10:15–10:45** Sparse networks (Hall B)" in md
    assert "Sparse networks *(alternative)*" in md and "⚠" not in md


def test_list_conflicts_after_a_plan_shows_only_what_still_clashes() -> None:
    code, out, _ = run("list", str(SCHEDULE), "--track", "ML", "--plan", "--conflicts")
    assert code == 0 and out == "no conflicts\n"
    code, out, _ = run("list", str(SCHEDULE), "--track", "ML", "--conflicts")
    assert out.count("conflict:") == 3


def test_the_feed_serves_the_same_plan_as_export(tmp_path: Path) -> None:
    from datetime import date

    from agenda.feed.app import FeedApp
    from agenda.feed.state import LiveSchedule
    from agenda.pipeline import ReadOptions

    app = FeedApp(LiveSchedule(ReadOptions(sources=(str(SCHEDULE),), today=date(2026, 11, 23)),
                               3600.0))
    query = "track=ML&plan=1&alternatives=1&room-change=10m"
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": "/calendar.ics", "QUERY_STRING": query,
               "HTTP_HOST": "example.org"}
    plain = app.handle({**environ, "QUERY_STRING": "track=ML"}).body
    served = app.handle(environ).body  # after the plain feed: no cached block may leak
    code, _, _ = run("export", str(SCHEDULE), "--track", "ML", "--plan", "--alternatives",
                     "--room-change", "10m", "-f", "ics", "-o", str(tmp_path / "a.ics"))
    assert code == 0
    assert served == (tmp_path / "a.ics").read_bytes()
    assert b"STATUS:TENTATIVE" in served and b"STATUS:TENTATIVE" not in plain
