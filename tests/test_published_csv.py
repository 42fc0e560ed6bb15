"""Published CSV schedules read as talks: column names matched, the header found below prose,
day/month order decided by evidence, offsets honoured, and one clear line for a bad table.
Instants are worked out by hand from the wall times and each zone's rules.

The corpus files are in tests/corpus/csv (see tests/corpus/README.md)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from agenda.cli import cli
from agenda.errors import PageError, TimingError
from agenda.models import Kind, Status
from agenda.readers import decode, detect, table_file
from agenda.tables import write_csv

from .conftest import SEEDS, TODAY
from .helpers import read, utc

CORPUS = Path(__file__).resolve().parent / "corpus" / "csv"
GOOGLE = CORPUS / "google_calendar_us_dates.csv"
DAY_FIRST = CORPUS / "day_first_by_evidence.csv"
TEMPLATE = CORPUS / "template_prose_header.csv"
OUTLOOK = CORPUS / "outlook_export_dst_inside.csv"


def table(tmp_path: Path, text: str, name: str = "table.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_table_is_detected_by_its_header_not_its_name(tmp_path: Path) -> None:
    path = table(tmp_path, TEMPLATE.read_text(encoding="utf-8"), "programme.txt")
    assert detect(decode(str(path), path.read_bytes())) is table_file


def test_prose_with_commas_is_not_a_table(tmp_path: Path) -> None:
    path = table(tmp_path, "Hello, world\nWe met, talked, and left.\n")
    assert table_file.detect(decode(str(path), path.read_bytes())) == 0.0


def test_google_calendar_csv_undecidable_dates_are_month_first_with_a_warning() -> None:
    schedule = read(GOOGLE, source_tz="America/Chicago")
    said = [str(n) for n in schedule.notices]
    assert any("'03/04/2024'" in s and "month/day (US order)" in s for s in said), said
    talks = {t.title: t for t in schedule.talks}
    registration = talks["Registration"]  # All Day Event on 4 March (the end date inclusive)
    assert registration.all_day
    assert (registration.start, registration.end) == (utc("2024-03-04T00:00Z"),
                                                      utc("2024-03-05T00:00Z"))
    keynote = talks["Building calendars that last"]
    # 9:00 AM CST (-6; US summer time starts 10 March) on 5 March = 15:00Z.
    assert (keynote.start, keynote.end) == (utc("2024-03-05T15:00Z"), utc("2024-03-05T16:00Z"))
    assert keynote.kind is Kind.KEYNOTE  # from the "[Keynote] " label
    assert keynote.authors == ("Dana Whitfield",) and keynote.track == "Plenary"
    assert keynote.abstract == "Why most exported calendars are wrong, and how to fix yours."
    assert keynote.room == "Ballroom A"
    scaling = talks["Scaling CSV imports"]
    assert scaling.status is Status.CANCELLED and scaling.authors == ("Omar Haddad", "Lina Park")
    assert (scaling.start, scaling.end) == (utc("2024-03-05T17:30Z"), utc("2024-03-05T18:15Z"))
    assert talks["Lunch"].kind is Kind.BREAK


def test_a_day_above_twelve_decides_day_first_for_every_row() -> None:
    schedule = read(DAY_FIRST, source_tz="Europe/Brussels")
    assert not any("US order" in str(n) for n in schedule.notices)
    opening, coffee, workshop = schedule.talks
    # 12/03/2024 is 12 March (13/03/2024 decides); 09:00 CET (+1) = 08:00Z.
    assert (opening.start, opening.end) == (utc("2024-03-12T08:00Z"), utc("2024-03-12T09:30Z"))
    assert opening.kind is Kind.KEYNOTE and opening.authors == ("Anna Schmidt", "Luc Martin")
    assert coffee.kind is Kind.BREAK and coffee.room == "Aula, Hall B"  # one break, two rooms
    assert (workshop.start, workshop.end) == (utc("2024-03-13T13:00Z"), utc("2024-03-13T14:30Z"))
    assert workshop.authors == ("Schmidt, Anna", "Novak, Jan")  # ';' separates names


def test_conflicting_day_month_evidence_is_an_error(tmp_path: Path) -> None:
    path = table(tmp_path, "Title,Date,Time\nA,13/03/2024,10:00\nB,03/14/2024,11:00\n")
    with pytest.raises(PageError, match="dates disagree on their order") as caught:
        read(path, source_tz="UTC")
    assert caught.value.line == 3


def test_a_prose_row_above_the_header_and_prose_header_cells_are_understood() -> None:
    schedule = read(TEMPLATE)  # every row is zoned: no --source-tz needed
    assert [(t.start, t.end, t.title) for t in schedule.talks] == [
        # 09:30 IST (+05:30, the time zone column) = 04:00Z.
        (utc("2024-02-17T04:00Z"), utc("2024-02-17T04:30Z"), "Welcome to PyData Pune"),
        (utc("2024-02-17T04:30Z"), utc("2024-02-17T05:15Z"), "Geospatial Python at scale"),
        # An explicit +05:30 offset: 11:00 = 05:30Z.
        (utc("2024-02-17T05:30Z"), utc("2024-02-17T06:00Z"), "Remote talk from Berlin"),
        # Z is UTC.
        (utc("2024-02-17T06:00Z"), utc("2024-02-17T06:15Z"), "Livestream check"),
    ]
    geo = schedule.talks[1]
    assert (geo.authors, geo.track, geo.room, geo.zone) == (("Priya Nair",), "Data", "Hall 1",
                                                             "Asia/Kolkata")


def test_outlook_csv_needs_source_tz_and_keeps_a_dst_change_inside_an_event() -> None:
    with pytest.raises(TimingError, match="--source-tz"):
        read(OUTLOOK)
    night, panel = read(OUTLOOK, source_tz="Europe/Berlin").talks
    # 10:00 PM CEST (+2) on 26 Oct = 20:00Z; 4:00 AM CET (+1) on 27 Oct = 03:00Z.
    assert (night.start, night.end) == (utc("2024-10-26T20:00Z"), utc("2024-10-27T03:00Z"))
    assert night.kind is Kind.WORKSHOP and night.room == "Lab 2"
    assert (panel.kind, panel.track) == (Kind.PANEL, "Time")  # Categories "Time;Panel"
    # 9:30 AM CET on 28 Oct = 08:30Z.
    assert (panel.start, panel.end) == (utc("2024-10-28T08:30Z"), utc("2024-10-28T09:45Z"))


@pytest.mark.parametrize(("header", "row", "start", "end"), [
    ("Title,Start,Duration", "A,2024-05-01 10:00+02:00,90", "2024-05-01T08:00Z",
     "2024-05-01T09:30Z"),
    ("Name,Begin,End", "A,2024-05-01T23:30:00-04:00,2024-05-02T00:15:00-04:00",
     "2024-05-02T03:30Z", "2024-05-02T04:15Z"),
    ("Talk,Date,Time", "A,1 May 2024,14:00 - 15:00 UTC", "2024-05-01T14:00Z",
     "2024-05-01T15:00Z"),
    ("Subject,Start Date,Start Time,End Time,Time Zone", "A,2024-05-01,2:00 PM,3:30 PM,CEST",
     "2024-05-01T12:00Z", "2024-05-01T13:30Z"),
])
def test_common_column_shapes_and_zones(tmp_path: Path, header: str, row: str, start: str,
                                        end: str) -> None:
    (talk,) = read(table(tmp_path, f"{header}\n{row}\n")).talks
    assert (talk.start, talk.end) == (utc(start), utc(end))


def test_agendas_google_csv_reads_back_to_the_same_talks(tmp_path: Path) -> None:
    talks = [t for t in read(SEEDS).talks if t.is_talk]
    path = table(tmp_path, write_csv(talks, "google", "America/Los_Angeles").decode(),
                 "google.csv")
    back = read(path, source_tz="America/Los_Angeles").talks
    # A paper has no "[Label] " in its subject and Google's CSV has no categories: it reads
    # back as a talk; every labelled kind comes back.
    assert [(t.title, t.kind, t.authors, t.track, t.start, t.end) for t in back] == \
        [(t.title, Kind.TALK if t.kind is Kind.PAPER else t.kind, t.authors, t.track, t.start,
          t.end) for t in talks]
    assert {t.kind for t in back} >= {Kind.ORAL, Kind.SPOTLIGHT}


def test_the_cli_prints_one_line_for_a_bad_cell(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    table(tmp_path, "Title,Start\nGood,2024-05-01 10:00Z\nBad,not a date\n", "bad.csv")
    result = CliRunner().invoke(cli, ["list", "bad.csv", "--today", TODAY.isoformat()])
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == ("error: bad.csv:3: cannot read 'not a date' as a date or time "
                             "(the start column)\n")


def test_rows_without_any_time_are_skipped_with_a_warning(tmp_path: Path) -> None:
    path = table(tmp_path, "Title,Start,End\nDay 1,,\nA,2024-05-01 10:00Z,2024-05-01 11:00Z\n")
    schedule = read(path)
    assert [t.title for t in schedule.talks] == ["A"]
    assert any("1 row without a date or time skipped" in str(n) for n in schedule.notices)


def test_gpn11_start_and_duration_columns_with_multiline_cells() -> None:
    """GPN 11 (voctosched's demo CSV): Date, Start, Duration as H:MM, abstracts with line breaks
    inside quoted cells. Karlsruhe in June is CEST (+2): 19:00 is 17:00Z; 'Ergebnisse Gamejam'
    is dated 2011-06-26 at 00:00, 22:00Z on the 25th."""
    schedule = read(CORPUS / "gpn11-date-start-duration-multiline.csv", source_tz="Europe/Berlin")
    assert len(schedule.talks) == 9
    got = {t.title: (t.start, t.end) for t in schedule.talks}
    assert got["What to hack"] == (utc("2011-06-23T17:00Z"), utc("2011-06-23T18:30Z"))
    assert got["Gulaschbytes"] == (utc("2011-06-24T19:45Z"), utc("2011-06-24T21:45Z"))
    assert got["1001 Programmiernächte"] == (utc("2011-06-25T18:45Z"), utc("2011-06-25T20:00Z"))
    assert got["Ergebnisse Gamejam"] == (utc("2011-06-25T22:00Z"), utc("2011-06-25T23:00Z"))
    what = next(t for t in schedule.talks if t.title == "What to hack")
    assert what.room == "GroßesStudio" and "Hacker werden hacken" in what.abstract


def test_iso_dates_are_never_taken_for_ambiguous_day_month_dates() -> None:
    """'2011-06-23' holds '11-06-23', which once made agenda warn about US order."""
    schedule = read(CORPUS / "gpn11-date-start-duration-multiline.csv", source_tz="Europe/Berlin")
    assert not any("US order" in str(n) for n in schedule.notices)


def test_names_separated_by_bars_and_written_with_ids_are_split() -> None:
    talks = {t.title: t for t in read(CORPUS / "gpn11-date-start-duration-multiline.csv",
                                      source_tz="Europe/Berlin").talks}
    assert talks["GSM"].authors == ("Konrad Meier", "Dennis Wehrle")  # "10:Konrad Meier|11:..."
    assert talks["Gulaschbytes"].authors == ("jiska",)


ORCONF = CORPUS / "orconf2023-weekday-day-column.csv"


def test_a_day_column_of_weekday_names_is_put_in_the_week_date_starts() -> None:
    # ORConf 2023 (Munich, Friday 15 to Sunday 17 September 2023): 'fri' and 'sat' with
    # from/to wall times, read in Europe/Berlin (CEST, UTC+2): fri 10:20 = 08:20Z.
    from datetime import date

    schedule = read(ORCONF, source_tz="Europe/Berlin", date=date(2023, 9, 15))
    assert len(schedule.talks) == 12
    got = {(t.title, t.start, t.end) for t in schedule.talks}
    for title, start, end in [
            ("Welcome and Mingling", "2023-09-15T07:00Z", "2023-09-15T08:00Z"),
            ("OpenROAD: The journey so far and roadmap", "2023-09-15T08:20Z",
             "2023-09-15T09:20Z"),
            ("Lunch", "2023-09-15T10:40Z", "2023-09-15T11:40Z"),
            ("lowRISC overview and update", "2023-09-16T08:00Z", "2023-09-16T08:40Z")]:
        assert (title, utc(start), utc(end)) in got, title
    openroad = next(t for t in schedule.talks if t.title.startswith("OpenROAD"))
    assert (openroad.kind, openroad.authors) == (Kind.KEYNOTE, ("Andrew Kahng",))


def test_weekday_names_without_date_ask_for_it(tmp_path: Path) -> None:
    with pytest.raises(TimingError, match="names only weekdays; give its first day with --date"):
        read(ORCONF, source_tz="Europe/Berlin")


def test_weekday_names_of_other_languages_and_a_week_that_starts_midweek(tmp_path: Path) -> None:
    # --date 2024-10-24 is a Thursday: 'Samstag' is 26 Oct, 'Montag' 28 Oct, after the change
    # from CEST (+2) to CET (+1) on 27 Oct: 10:00 = 08:00Z, then 09:00Z.
    from datetime import date

    path = table(tmp_path, "Tag;Beginn;Ende;Titel\nSamstag;10:00;11:00;Auftakt\n"
                           "Montag;10:00;11:00;Abschluss\n")
    talks = read(path, source_tz="Europe/Berlin", date=date(2024, 10, 24)).talks
    assert [(t.title, t.start) for t in talks] == [("Auftakt", utc("2024-10-26T08:00Z")),
                                                  ("Abschluss", utc("2024-10-28T09:00Z"))]


# Real CSVs read blind (third round): count and sampled instants worked out by hand from each
# row's wall clock, the --date given and the zone's rules.
BLIND_THIRD = [
    # purplecon 2019 (Wellington): time + Length (minutes), no date at all. With --date
    # 2019-11-20 in NZDT (+13): 09:20 = 20:20Z the day before; 09:35 + 20 min = 20:35-20:55Z;
    # lunch 12:25 + 100 min = 23:25Z-01:05Z; 17:45 + 60 min = 04:45-05:45Z.
    ("purplecon2019-time-length-no-date.csv", "Pacific/Auckland", "2019-11-20", 22, [
        ("opening ritual", "2019-11-19T20:20Z", "2019-11-19T20:35Z"),
        ("how to human in groups", "2019-11-19T20:35Z", "2019-11-19T20:55Z"),
        ("l u n c h", "2019-11-19T23:25Z", "2019-11-20T01:05Z"),
        ("freeedom", "2019-11-20T04:45Z", "2019-11-20T05:45Z")]),
    # MageTitans: start,end clocks only. --date 2024-11-08 in London (GMT, +0).
    ("magetitans-start-end-type-no-date.csv", "Europe/London", "2024-11-08", 14, [
        ("Welcome", "2024-11-08T08:30Z", "2024-11-08T09:00Z"),
        ("Lunch", "2024-11-08T11:45Z", "2024-11-08T12:30Z"),
        ("Open bar", "2024-11-08T16:00Z", "2024-11-08T18:00Z"),
        ("Talk 7", "2024-11-08T15:00Z", "2024-11-08T15:45Z")]),
    # BiomedVis 2024: BOM, blank lines between rows, weekday day column; the week of --date
    # 2024-09-10 (a Tuesday) in Berlin (CEST, +2): Tuesday 13:40 = 11:40Z, Wednesday 09:00 =
    # 07:00Z on 11 Sep.
    ("biomedvis2024-weekday-start-end-blank-lines.csv", "Europe/Berlin", "2024-09-10", 16, [
        ("A Pipeline for Image-Based Modeling & Simulation of Cardiac Hemodynamics",
         "2024-09-10T11:40Z", "2024-09-10T12:35Z"),
        ("Coffee Break", "2024-09-10T13:30Z", "2024-09-10T14:00Z"),
        ("Crash-Course in Creating Biomedical Graphics (Workshop)", "2024-09-11T07:00Z",
         "2024-09-11T08:15Z"),
        ("VCMB", "2024-09-11T11:30Z", "2024-09-11T16:00Z")]),
]


@pytest.mark.parametrize(("name", "zone", "day", "count", "samples"), BLIND_THIRD,
                         ids=[b[0] for b in BLIND_THIRD])
def test_real_tables_read_blind_give_their_rows_at_exact_instants(
        name: str, zone: str, day: str, count: int,
        samples: list[tuple[str, str, str]]) -> None:
    from datetime import date

    talks = read(CORPUS / name, source_tz=zone, date=date.fromisoformat(day)).talks
    assert len(talks) == count
    got = {(t.title, t.start, t.end) for t in talks}
    for title, start, end in samples:
        assert (title, utc(start), utc(end)) in got, title


def test_a_timetable_of_clock_columns_without_a_date_asks_for_it(tmp_path: Path) -> None:
    path = tmp_path / "day.csv"
    path.write_text("start,end,title\n09:00,09:30,Opening\n", encoding="utf-8")
    with pytest.raises(TimingError, match="give its first day with --date"):
        read(path, source_tz="UTC")


def test_a_time_column_with_a_length_in_minutes_is_a_table() -> None:
    path = CORPUS / "purplecon2019-time-length-no-date.csv"
    assert detect(decode(str(path), path.read_bytes())) is table_file
    talks = {t.title: t for t in read(path, source_tz="Pacific/Auckland",
                                      date=__import__("datetime").date(2019, 11, 20)).talks}
    assert talks["Embracing Empathy"].authors == ("Shahn Harris",)  # the speaker_name column


def test_a_row_with_a_time_and_nothing_else_is_an_empty_slot() -> None:
    from datetime import date

    talks = read(CORPUS / "biomedvis2024-weekday-start-end-blank-lines.csv",
                 source_tz="Europe/Berlin", date=date(2024, 9, 10)).talks
    empty = [t for t in talks if not t.title]
    assert len(empty) == 3 and {t.kind for t in empty} == {Kind.EMPTY}


def test_html_character_references_in_a_title_cell_are_decoded(tmp_path: Path) -> None:
    path = tmp_path / "escaped.csv"
    path.write_text("date,time,title\n2024-05-02,10:00,A red teamer&#x27;s guide &amp; more\n"
                    "2024-05-02,11:00,R&D at AT&T\n", encoding="utf-8")
    titles = [t.title for t in read(path, source_tz="UTC").talks]
    assert titles == ["A red teamer's guide & more", "R&D at AT&T"]


def test_day_numbers_and_start_only_rows_end_at_the_next_start() -> None:
    """EuroBioC 2025: a `day` column counting days (1, 2, 3) and start times only. With
    --date 2025-09-15 in Madrid (CEST, +2): day 1 9:00 until the next row at 9:15 =
    07:00-07:15Z; lunch 12:30 until 13:45 = 10:30-11:45Z; day 2 9:00-9:30 = 07:00-07:30Z on the
    16th; the last row of day 3 (12:45) lasts the table's usual 30 minutes: 10:45-11:15Z."""
    from datetime import date

    schedule = read(CORPUS / "eurobioc2025-day-number-time-type.csv", source_tz="Europe/Madrid",
                    date=date(2025, 9, 15))
    assert len(schedule.talks) == 25
    got = {(t.title, t.start, t.end) for t in schedule.talks}
    assert ("Welcome to EuroBioC", utc("2025-09-15T07:00Z"), utc("2025-09-15T07:15Z")) in got
    assert ("Lunch", utc("2025-09-15T10:30Z"), utc("2025-09-15T11:45Z")) in got
    assert ("C3PO: Cell 3D Positioning by Optical encoding and its application to spatial "
            "transcriptomics", utc("2025-09-16T07:00Z"), utc("2025-09-16T07:30Z")) in got
    assert ("Closing", utc("2025-09-17T10:45Z"), utc("2025-09-17T11:15Z")) in got
    lunch = next(t for t in schedule.talks if t.title == "Lunch")
    assert lunch.kind is Kind.BREAK  # an untitled row named by its type
    assert any("each ends when the next row of its day begins" in str(n)
               for n in schedule.notices)


def test_dates_without_a_year_and_times_to_be_announced() -> None:
    """NYCU Theory Day 2026: dates '4/22' (month/day: 22 is no month), '09:00 – 10:00' ranges,
    and three rows at 'TBA (afternoon)', skipped and said. --year 2026, Taipei (+8): 4/22
    09:00-10:00 = 01:00-02:00Z; 4/23 16:00 - 18:00 = 08:00-10:00Z."""
    schedule = read(CORPUS / "nycu-theory-day2026-month-day-tba-times.csv",
                    source_tz="Asia/Taipei", year=2026)
    assert len(schedule.talks) == 17
    got = {(t.title, t.start, t.end) for t in schedule.talks}
    assert ("Keynote Lecture - Primal and Dual Representations", utc("2026-04-22T01:00Z"),
            utc("2026-04-22T02:00Z")) in got
    assert ("Group Excursion", utc("2026-04-23T08:00Z"), utc("2026-04-23T10:00Z")) in got
    said = [str(n) for n in schedule.notices]
    assert any("3 rows give their time as 'TBA (afternoon)'" in s for s in said), said
    assert not any("without a date or time" in s for s in said), said
