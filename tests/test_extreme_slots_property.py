"""Generated slot lines and ISO ranges with any day, month, year (0000-9999), clock and zone
label (offsets past +-14 h, ambiguous and unknown labels), read with far-off --today values and
odd --source-tz/--tz, end in talks or agenda's own error through reading, listing, selection
and every writer (the whole path of tests/fuzz.py)."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .fuzz import Case, run_case

_WEEKDAYS = st.sampled_from(["", "", "", "", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun",
                             "Wednesday,"])
_MONTHS = st.sampled_from(["Jan", "Feb.", "Dec.", "December", "July", "Sept", "feb", "Mar"])
# Mostly plausible values (sampled from weighted lists), so that many pages hold talks, with
# the extremes mixed in.
_YEAR_NUMBERS = st.sampled_from([*range(1969, 2102), 0, 1, 1000, 9998, 9999])
_YEARS = st.sampled_from([""] * 130 + [f"{y:04d}" for y in range(1969, 2102)] +
                         ["0000", "0001", "9999", "10019"])
_HOURS = st.sampled_from([*range(24)] * 4 + [24, 25, 99])
_MINUTES = st.sampled_from([0, 15, 30, 45, 59] * 6 + [60, 99])
_DAYS = st.sampled_from([*range(1, 29)] * 3 + [0, 29, 30, 31, 32, 99])
_CLOCKS = st.builds(lambda h, m, ap: f"{h}:{m:02d}{ap}", _HOURS, _MINUTES,
                    st.sampled_from(["", " am", "pm", " p.m."]))
_LABELS = st.sampled_from(["", "PST", "UTC", "UTC+14", "UTC-14", "-13:00", "+14:00", "UTC+5:30",
                           "GMT-12", "IST", "CEST", "Europe/Berlin", "(PDT)", "UTC+99", "Z",
                           "NST", "-00:00", "+1459"])
_SLOTS = st.builds(
    lambda w, d, m, y, a, b, z, day_first: " ".join(
        (f"{w} {d} {m} {y} {a} - {b} {z}" if day_first else f"{w} {m} {d}, {y} {a} to {b} {z}"
         ).split()),
    _WEEKDAYS, _DAYS.map(str), _MONTHS, _YEARS,
    _CLOCKS, _CLOCKS, _LABELS,
    st.booleans())
_ISO = st.builds(lambda y, mo, d, h, mi, off: f"{y:04d}-{mo:02d}-{d:02d}T{h:02d}:{mi:02d}:00{off}",
                 _YEAR_NUMBERS, st.integers(1, 12), _DAYS, _HOURS, _MINUTES,
                 st.sampled_from(["Z", "-08:00", "+14:00", "-13:00", "+23:59", "-0800"]))
_BODY = st.lists(st.sampled_from(["Title", "Ann · Bo", "Abstract.", "Oral", "Break", "Q&A",
                                  "[ Paper PDF ] [ ]", "Moderator: X"]), min_size=1, max_size=4)
_PAGES = st.lists(st.tuples(st.one_of(_SLOTS, st.builds("{} - {}".format, _ISO, _ISO)), _BODY),
                  min_size=1, max_size=3).map(
    lambda blocks: "NeurIPS 2020 Track\n\n" + "\n\n".join(
        s + "\n\n" + ("##### 1 - Oral: " if s[:1].isdigit() else "") + "\n\n".join(b)
        for s, b in blocks) + "\n")


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(_PAGES, min_size=1, max_size=2),
       st.sampled_from([date(2026, 11, 23), date(1, 1, 1), date(9999, 12, 31), date(2100, 12, 31)]),
       st.sampled_from([None, "America/Los_Angeles", "Etc/GMT+12"]),
       st.sampled_from([None, "Pacific/Kiritimati", "Etc/GMT+12"]), st.booleans())
def test_any_slot_at_the_extremes_ends_in_talks_or_agenda_errors(
        pages: list[str], today: date, source_tz: str | None, tz: str | None,
        keep_going: bool) -> None:
    named = tuple((f"p{i}.txt", p.encode()) for i, p in enumerate(pages))
    run_case(Case(0, named, today, None, source_tz, tz, keep_going, None, True, ()))
