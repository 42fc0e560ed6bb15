"""CSV: a data table, and the exact layouts Google Calendar and Outlook import; RFC 4180
quoting, UTF-8, formula injection neutralised only where needed."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

import pytest

from agenda.models import Talk
from agenda.tables import DATA_HEADER, GOOGLE_HEADER, OUTLOOK_HEADER, safe_cell, write_csv

from .conftest import ROOT
from .helpers import make_talk, read


def rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))


def seed_talks() -> list[Talk]:
    return [t for t in read(ROOT / "seeds").talks if t.is_talk]


def test_data_csv_matches_golden(golden: Callable[[str, bytes], None],
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    golden("seeds.csv", write_csv([t for t in read("seeds").talks if t.is_talk], "data", None))


def test_data_rows_have_utc_and_local_times_and_semicolon_joined_authors() -> None:
    table = rows(write_csv(seed_talks(), "data", "Europe/Berlin"))
    assert table[0] == DATA_HEADER and len(table) == 40
    first = dict(zip(DATA_HEADER, table[1], strict=True))
    assert (first["start_utc"], first["start_local"], first["zone"], first["day"]) == (
        "2020-12-09T14:00:00Z", "2020-12-09 15:00", "Europe/Berlin", "2020-12-09")
    assert first["authors"].startswith("Xiao Sun; Naigang Wang; ")


def test_csv_uses_crlf_and_rfc4180_quoting() -> None:
    talk = make_talk('Quotes "inside", commas', abstract="line one\nline two")
    data = write_csv([talk], "data", None)
    assert data.startswith(b"uid,start_utc,") and b'"Quotes ""inside"", commas"' in data
    assert data.endswith(b"\r\n") and b'"line one\nline two"' in data
    assert rows(data)[1][DATA_HEADER.index("abstract")] == "line one\nline two"


def test_google_layout() -> None:
    table = rows(write_csv(seed_talks(), "google", "America/Los_Angeles"))
    assert table[0] == GOOGLE_HEADER
    assert table[1][:6] == ["Ultra-Low Precision 4-bit Training of Deep Neural Networks",
                            "12/9/2020", "6:00 AM", "12/9/2020", "6:15 AM", "False"]
    assert table[-1][1:5] == ["7/20/2021", "5:45 PM", "7/20/2021", "5:50 PM"]


def test_outlook_layout_with_reminder_and_free_time() -> None:
    from datetime import timedelta

    table = rows(write_csv(seed_talks(), "outlook", "Europe/Berlin", timedelta(minutes=10),
                           free=True))
    assert table[0] == OUTLOOK_HEADER
    row = dict(zip(OUTLOOK_HEADER, table[1], strict=True))
    assert (row["Start Date"], row["Start Time"], row["End Time"]) == ("12/9/2020", "3:00:00 PM",
                                                                      "3:15:00 PM")
    assert (row["Reminder on/off"], row["Reminder Date"], row["Reminder Time"]) == (
        "True", "12/9/2020", "2:50:00 PM")
    assert row["Show time as"] == "0"


def test_midnight_in_12_hour_clock() -> None:
    talk = make_talk(start="2020-12-10T08:00Z", minutes=30)  # 00:00-00:30 PST
    assert rows(write_csv([talk], "google", "America/Los_Angeles"))[1][2:5] == [
        "12:00 AM", "12/10/2020", "12:30 AM"]


@pytest.mark.parametrize("cell", ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx", "\nx",
                                  "＝1+1", "＋1", "－1", "＠x"])
def test_formula_cells_are_neutralised(cell: str) -> None:
    assert safe_cell(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["Normal title", "Ivan Dokmanić", "a=b", "1-2", ""])
def test_ordinary_cells_are_unchanged(cell: str) -> None:
    assert safe_cell(cell) == cell


def test_injection_in_a_title_is_neutralised_in_every_style() -> None:
    talk = make_talk('=HYPERLINK("http://x","y")', authors=("@evil",))
    data = rows(write_csv([talk], "data", None))
    assert data[1][DATA_HEADER.index("title")] == '\'=HYPERLINK("http://x","y")'
    assert data[1][DATA_HEADER.index("authors")] == "'@evil"
    google = rows(write_csv([talk], "google", "UTC"))[1]
    assert google[0].startswith("[Oral] =HYPERLINK")  # the kind label keeps it from being a formula
