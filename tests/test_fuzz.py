"""A short, seeded run of the fuzzer (tests/fuzz.py): mutated seeds and test pages read,
selected, listed and exported end in talks or agenda's own errors. The long run is by hand:
`nice python -m tests.fuzz 100000`."""

from __future__ import annotations

from .fuzz import cases, check


def test_four_hundred_mutated_pages_end_in_talks_or_agenda_errors() -> None:
    # The time limit here is generous (a shared test machine); the long run uses 2 s.
    findings = [f for case in cases(seed=12, start=0, count=400)
                if (f := check(case, limit=10.0)) is not None]
    assert findings == []
