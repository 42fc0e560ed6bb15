"""Invariants over arbitrary input: no text whatever makes the reader raise anything but
agenda's own error type, and whatever it reads is aware, ordered and in UTC."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agenda.errors import AgendaError
from agenda.schedule import build_schedule
from agenda.timing import TimeSettings

FRAGMENTS = [
    "Wed 9 Dec. 6:00 - 6:15 PST", "Tue 20 July 17:00 - 17:20 PDT", "Mon 30 Feb 1:00 - 2:00 IST",
    "Sun 1 Nov 1:30 - 1:45", "Wed 9 Dec. 23:50 - 0:10 PST", "Thu 10 Dec 11:30 am - 12:15 pm EST",
    "2020-12-10T18:00:00-08:00 - 2020-12-10T18:15:00-08:00", "2020-13-45T99:00:00Z - x",
    "2020-12-10T18:00:00-08:00 - 2020-12-09T18:15:00-08:00", "##### 1 - Oral: Title",
    "##### Break", "### Schedule", "### Session chairs", "Oral", "Spotlight", "Break", "Q&A",
    "Ann Author · Bo Builder", "Ann, Bo", "[ Paper PDF ] [ ]", "Moderator: X", "NeurIPS 2020",
    "Wed 9 Dec. 99:00 - 6:15 PST", "Fri 1 Jan. 9:00 - 9:30 UTC+14:30", "", "\u2028", "\x00",
]


def _check(data: bytes, year: int | None, source_tz: str | None) -> None:
    opts = TimeSettings(today=date(2026, 11, 23), year=year, source_tz=source_tz)
    try:
        schedule = build_schedule([("page.txt", data)], opts)
    except AgendaError:
        return
    for talk in schedule.talks:
        assert talk.start.utcoffset() == timedelta(0) and talk.end >= talk.start
    assert list(schedule.talks) == sorted(schedule.talks, key=lambda t: (t.start, t.end, t.track,
                                                                        t.title, t.source, t.line))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400), st.sampled_from([None, 2020]), st.sampled_from([None, "UTC"]))
def test_any_bytes_read_or_raise_agenda_errors(data: bytes, year: int | None,
                                               source_tz: str | None) -> None:
    _check(data, year, source_tz)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=40)), max_size=25),
       st.sampled_from([None, 2020, 2021]), st.sampled_from([None, "America/Los_Angeles"]),
       st.sampled_from(["\n", "\r\n", "\n\n"]))
def test_page_shaped_text_reads_or_raises_agenda_errors(lines: list[str], year: int | None,
                                                        source_tz: str | None, sep: str) -> None:
    _check(sep.join(lines).encode("utf-8", "surrogatepass"), year, source_tz)


ODD = "\u00a0\u2007\u202f\u2000\u200a\u3000\t\x01\x1f\x7f\u2028\u2029\ufeff\u200b\u200d\u2060" \
      "\u2019\u2013·é\r\u061c\u202e\u2066\u2069\u200e"


PLAIN = st.text(alphabet=st.sampled_from(["a", " ", "\n", "7", "é", "·", "\u2019"]), max_size=20)


@settings(max_examples=500, deadline=None)
@given(PLAIN, st.lists(st.sampled_from(ODD), max_size=2), PLAIN)
def test_decoding_skips_substitution_only_when_nothing_would_change(
        before: str, odd: list[str], after: str) -> None:
    """The byte-level shortcut in decode must give exactly what always substituting gives."""
    from agenda.readers.page import _AS_SPACE, _INVISIBLE, decode

    text = f"x{before}{''.join(odd)}{after}x"
    data = text.encode()
    expected = _AS_SPACE.sub(" ", _INVISIBLE.sub("", text
                                                  .replace("\r\n", "\n").replace("\r", "\n")))
    assert decode("page.txt", data).lines == tuple(line.strip() for line in expected.split("\n"))
