"""The four sample pages, read together with no flags (today being November 2026), give exactly
the talks of NeurIPS 2020 and ICML 2021 at their true UTC instants."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from dateutil import parser as dateparser

from agenda.listing import as_json
from agenda.models import Kind, Talk

from .conftest import ROOT, SEEDS
from .helpers import read, utc

SEED_000, SEED_001, SEED_002, SEED_003 = (str(p) for p in sorted(SEEDS.iterdir()))
TRUE_YEAR = {SEED_000: 2020, SEED_001: 2020, SEED_002: 2021, SEED_003: 2020}
TZINFOS = {"PST": -8 * 3600, "PDT": -7 * 3600}
TEXT_SLOT = re.compile(r"^\w+ (\d+ \w+)\.? (\d+:\d+) - (\d+:\d+) (P[SD]T)$")


def _oracle(talk: Talk) -> tuple[datetime, datetime]:
    """The slot's instants computed independently of agenda, with dateutil and the true year."""
    line = Path(talk.source).read_text(encoding="utf-8").splitlines()[talk.line - 1]
    if (m := TEXT_SLOT.match(line)) is not None:
        day, t1, t2, zone = m.groups()
        year = TRUE_YEAR[talk.source]
        start, end = (dateparser.parse(f"{day} {year} {t} {zone}", tzinfos=TZINFOS)
                      for t in (t1, t2))
    else:
        start, end = (datetime.fromisoformat(part) for part in line.split(" - "))
    return start.astimezone(UTC), end.astimezone(UTC)


def test_every_seed_slot_is_at_its_true_instant() -> None:
    schedule = read(SEEDS)
    assert len(schedule.talks) == 52
    for talk in schedule.talks:
        assert (talk.start, talk.end) == _oracle(talk), (talk.source, talk.line)


def test_seed_talk_counts_per_page_and_kind() -> None:
    talks = [t for t in read(SEEDS).talks if t.is_talk]
    assert Counter(t.source for t in talks) == {SEED_000: 10, SEED_001: 11, SEED_002: 7,
                                                SEED_003: 11}
    assert Counter(t.kind for t in talks) == {Kind.PAPER: 17, Kind.ORAL: 6, Kind.SPOTLIGHT: 16}
    assert {t.start.year for t in talks if t.source != SEED_002} == {2020}
    assert {t.start.year for t in talks if t.source == SEED_002} == {2021}


def test_instants_named_in_the_issue() -> None:
    talks = [t for t in read(SEEDS).talks if t.is_talk]
    first_thursday = next(t for t in talks if t.source == SEED_003)
    assert (first_thursday.start, first_thursday.end) == (utc("2020-12-10T14:00Z"),
                                                          utc("2020-12-10T14:15Z"))
    track34 = next(t for t in talks if t.track.startswith("Orals & Spotlights Track 34"))
    assert track34.start == utc("2020-12-11T02:00Z") and track34.number == 1
    icml = next(t for t in talks if t.source == SEED_002)
    assert icml.start == utc("2021-07-21T00:00Z")
    assert icml.title == "Characterizing Structural Regularities of Labeled Data in " \
                         "Overparameterized Models"


def test_titles_and_authors_are_the_lines_under_each_text_slot() -> None:
    """Independent of the reader: the title is the first content line after the slot line (and
    its kind line), the authors the next line split on ' · '."""
    for talk in read(SEEDS).talks:
        if not talk.is_talk or talk.source == SEED_001:
            continue
        lines = [s for s in Path(talk.source).read_text(encoding="utf-8").splitlines()[talk.line:]
                 if s.strip()]
        if lines[0] in ("Oral", "Spotlight"):
            lines = lines[1:]
        assert talk.title == lines[0]
        assert list(talk.authors) == lines[1].split(" · ")


def test_markdown_seed_headings_and_authors() -> None:
    talks = [t for t in read(SEEDS).talks if t.source == SEED_001]
    text = Path(SEED_001).read_text(encoding="utf-8")
    for talk in talks:
        if talk.is_talk:
            kind = talk.kind.value.capitalize()
            heading = f"##### {talk.number} - {kind}: {talk.title}"
            assert f"{heading}\n\n{', '.join(talk.authors)}\n" in text
    assert talks[0].chairs == ("Tuo Zhao", "Jimmy Ba")
    assert [t.kind for t in talks if not t.is_talk] == [Kind.BREAK, Kind.QA, Kind.QA, Kind.EMPTY]


def test_tracks_chairs_and_non_ascii_names() -> None:
    talks = read(SEEDS).talks
    tracks = {(t.track, t.chairs) for t in talks}
    assert tracks == {
        ("Orals & Spotlights Track 18: Deep Learning", ("Yale Song", "Dinesh Jayaraman")),
        ("Orals & Spotlights Track 34: Deep Learning", ("Tuo Zhao", "Jimmy Ba")),
        ("Deep Learning 2", ("Been Kim",)),
        ("Orals & Spotlights Track 28: Deep Learning", ("Oriol Vinyals", "Guido Montufar")),
    }
    authors = {a for t in talks for a in t.authors}
    assert {"Ivan Dokmanić", "François-Xavier Vialard", "Frederik Hvilshøj",
            "Vijayalakshmi (Viji) Srinivasan", "Stéphane d'Ascoli"} <= authors


def test_years_are_inferred_and_said_once_per_page() -> None:
    notices = read(SEEDS).notices
    assert [(n.path, n.line) for n in notices] == [(SEED_000, 10), (SEED_001, None),
                                                   (SEED_002, 8), (SEED_003, 14)]
    assert "using 2020 from" in notices[0].message and "2026" in notices[0].message
    assert "assuming 2021, the most recent past year with Tue 20 Jul" in notices[2].message


def test_uids_are_unique_and_stable() -> None:
    first, second = read(SEEDS).talks, read(*sorted(SEEDS.iterdir(), reverse=True)).talks
    assert len({t.uid for t in first}) == len(first)
    assert [t.uid for t in first] == [t.uid for t in second]
    only_icml = read(SEED_002, SEED_001).talks
    uids = {t.title: t.uid for t in first if t.is_talk}
    assert all(uids[t.title] == t.uid for t in only_icml if t.is_talk)


def test_seeds_json_matches_golden(golden: Callable[[str, bytes], None],
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    golden("seeds.json", as_json(read("seeds").talks).encode())
