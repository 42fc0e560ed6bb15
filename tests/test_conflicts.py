"""Overlap counting is exact; only the naming is capped."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from agenda.conflicts import overlaps

from .helpers import make_talk


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 300), st.integers(0, 90)), max_size=40))
def test_counts_equal_the_brute_force_count(spans: list[tuple[int, int]]) -> None:
    talks = [make_talk(f"T{i}", start=f"2020-12-10T{m // 60:02d}:{m % 60:02d}Z", minutes=d,
                       track=f"Track {i}") for i, (m, d) in enumerate(spans)]
    clashes = overlaps(talks)
    for talk in talks:
        others = [o for o in talks if o is not talk and o.end > o.start and talk.end > talk.start
                  and o.start < talk.end and o.end > talk.start]
        clash = clashes.get(talk.uid)
        assert (clash.count if clash else 0) == len(others)
        if clash:
            assert set(clash.first) <= set(others) and len(clash.first) == min(3, len(others))
