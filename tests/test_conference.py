"""Each talk says its conference when its source does: a layout's series with the talk's year,
a published file's own title, agenda's own CSV column; `--conference` selects by it."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from agenda.cli import cli
from agenda.tables import write_csv

from .conftest import ROOT, SEEDS
from .helpers import page, read


def test_layouts_name_their_series_and_the_talk_gives_the_year() -> None:
    talks = read(SEEDS).talks
    by_layout = {(t.layout, t.conference) for t in talks}
    assert ("icml-text", "ICML 2021") in by_layout
    assert {c for layout, c in by_layout if layout.startswith("neurips")} == {"NeurIPS 2020"}


def test_a_published_file_gives_its_own_title() -> None:
    talks = read(ROOT / "examples" / "two_rooms.json").talks
    assert {t.conference for t in talks} == {"PlanConf 2024"}
    ics = read(ROOT / "tests" / "corpus" / "ics" / "exchange_windows_zones_dst_inside.ics",
               source_tz=None).talks
    assert {t.conference for t in ics} == {"Hack Week 2024"}  # its X-WR-CALNAME


def test_a_frab_xml_title_is_the_conference(tmp_path: Path) -> None:
    xml = ("<?xml version='1.0'?><schedule><conference><title> Chaos  Camp </title>"
           "<time_zone_name>Europe/Berlin</time_zone_name></conference>"
           "<day index='1' date='2023-08-15' start='2023-08-15T10:00:00+02:00' "
           "end='2023-08-16T04:00:00+02:00'><room name='A'><event guid='g1' id='1'>"
           "<date>2023-08-15T10:00:00+02:00</date><start>10:00</start><duration>00:30"
           "</duration><room>A</room><title>Opening</title><type>lecture</type></event>"
           "</room></day></schedule>")
    talks = read(page(tmp_path, "camp.xml", xml)).talks
    assert [t.conference for t in talks] == ["Chaos Camp"]


def test_agendas_csv_keeps_the_conference_on_a_round_trip(tmp_path: Path) -> None:
    talks = read(ROOT / "examples" / "two_rooms.json").talks
    path = tmp_path / "mine.csv"
    path.write_bytes(write_csv(talks, "data", None))
    assert {t.conference for t in read(path).talks} == {"PlanConf 2024"}


def test_list_shows_the_conference_when_the_talks_come_from_several(
        tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["list", str(SEEDS), str(ROOT / "examples" /
                                                              "two_rooms.json"),
                                      "--conference", "PlanConf", "--or", "--conference",
                                      "ICML 2021", "--keyword", "LIME", "--tz", "UTC",
                                      "--today", "2026-11-23"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 5
    assert lines[0].endswith("LIME: Learning Inductive Bias for Primitives of Mathematical "
                             "Reasoning — Yuhuai Wu, Markus Rabe, Wenda Li +3 · ICML 2021")
    assert all(line.endswith(" · PlanConf 2024") for line in lines[1:])
