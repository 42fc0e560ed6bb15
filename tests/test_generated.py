"""A generated conference in all four layouts (the benchmark's generator) reads back to exactly
the instants it was generated with: PST and PDT dates, a DST change, undated pages dated by
their Markdown siblings."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from benchmarks.generate import generate

from .helpers import read


def test_generated_conference_reads_back_exactly(tmp_path: Path) -> None:
    truth: list[tuple[str, datetime, datetime]] = []
    pages, talks = generate(600, tmp_path, seed=7, truth=truth)
    schedule = read(tmp_path)
    got = sorted((t.title, t.start, t.end) for t in schedule.talks if t.is_talk)
    want = sorted((title.strip(), s.astimezone(UTC), e.astimezone(UTC)) for title, s, e in truth)
    assert len(got) == talks == len(want) >= 600
    assert got == want
    assert {t.layout for t in schedule.talks} == {"neurips-text", "neurips-markdown",
                                                  "icml-text", "neurips-session"}
    labels = {t.label for t in schedule.talks}
    assert {"PST", "PDT"} <= labels
