"""Profiles: saved rules and output settings in TOML; options override them; mistakes name
the key and line."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from agenda.cli import cli
from agenda.errors import OptionError
from agenda.profiles import parse_profile

from .conftest import ROOT

EXAMPLE = str(ROOT / "examples" / "me.toml")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [*args, "--today", "2026-11-23"])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(autouse=True)
def _in_project(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def test_example_profile_selects_and_sets_the_zone() -> None:
    code, out, _ = run("list", "--profile", EXAMPLE)
    assert code == 0
    assert [line.split(" — ")[0] for line in out.splitlines()] == [
        "2020-12-10 Thu 16:20-16:30 CET  spotlight Learning the Geometry of Wave-Based Imaging",
        "2020-12-10 Thu 16:30-16:40 CET  spotlight The Surprising Simplicity of the Early-Time "
        "Learning Dynamics of Neural Networks",
        "2020-12-11 Fri 04:50-05:00 CET  spotlight Finite Versus Infinite Neural Networks: an "
        "Empirical Study",
    ]


def test_options_override_the_profile() -> None:
    code, out, _ = run("list", "--profile", EXAMPLE, "--author", "Jimmy Ba", "--tz", "UTC")
    assert out.splitlines() == []  # Jimmy Ba's talk is on the excluded ICML track
    code, out, _ = run("list", "--profile", EXAMPLE, "--author", "Dokmanic", "--tz", "UTC")
    assert [line[:31] for line in out.splitlines()] == ["2020-12-10 Thu 15:20-15:30 UTC "]


def test_export_takes_output_settings_from_the_profile(tmp_path: Path) -> None:
    code, out, _ = run("export", "--profile", EXAMPLE, "-o", str(tmp_path), "-f", "ics")
    assert out == f"wrote 3 talks to {tmp_path}/agenda.ics (times in Europe/Berlin)\n"
    text = (tmp_path / "agenda.ics").read_text()
    assert "X-WR-CALNAME:My NeurIPS" in text and "TRANSP:TRANSPARENT" in text
    assert "TRIGGER:-PT10M" in text and "DTSTART;TZID=Europe/Berlin:" in text


@pytest.mark.parametrize(("text", "message"), [
    ("[select]\nauthor = [\"A\"]\nkeywrd = [\"x\"]\n",
     "p.toml:3: unknown key 'keywrd' in [select]; known: keyword, author, track, kind, day, "
     "between, conference, exclude-keyword, exclude-author, exclude-track, exclude-conference, "
     "priority, regex"),
    ("[select]\n\nauthor = \"Jimmy Ba\"\n", "p.toml:3: author must be a list of strings"),
    ("[output]\nfree = \"yes\"\n", "p.toml:2: free must be true or false"),
    ("[selection]\nauthor = []\n", "p.toml:1: unknown table or key 'selection'; a profile has "
                                   "[select] (or several [[select]] tables), [exclude], "
                                   "[output], and pick and hide"),
    ("[select\n", "p.toml:1: not valid TOML"),
])
def test_profile_mistakes_name_the_key_and_line(text: str, message: str) -> None:
    with pytest.raises(OptionError) as err:
        parse_profile(text, "p.toml")
    assert str(err.value).startswith(message)


@pytest.mark.parametrize(("text", "message"), [
    ('[select]\nday = ["tomorrow"]\n', "p.toml:2: day: expected a date like 2020-12-10, got "
                                        "'tomorrow'"),
    ('[output]\n\ntz = "Europe"\n', "p.toml:3: tz: unknown time zone 'Europe'; that is a "
                                    "region: name a zone in it, like Europe/Amsterdam, "
                                    "Europe/Andorra, Europe/Astrakhan"),
    ('[output]\nalarm = "soon"\n', "p.toml:2: alarm: expected a duration like 10m, 1h or "
                                    "1h30m, got 'soon'"),
    ('[select]\nkind = ["lecture"]\n', "p.toml:2: kind: unknown kind 'lecture'; choose from "
                                       "oral, spotlight, paper, poster, invited, break, q&a, "
                                       "empty, talk, keynote, panel, tutorial, workshop, "
                                       "opening, social"),
])
def test_bad_values_in_a_profile_name_the_file_line_and_key(tmp_path: Path, text: str,
                                                            message: str) -> None:
    path = tmp_path / "p.toml"
    path.write_text(text)
    assert run("list", "--profile", str(path)) == (2, "", f"error: {tmp_path}/{message}\n")


def test_a_profile_saved_with_a_byte_order_mark_reads(tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    path.write_bytes(b"\xef\xbb\xbf" + Path(EXAMPLE).read_bytes())
    assert run("list", "--profile", str(path)) == run("list", "--profile", EXAMPLE)


def test_missing_profile_is_one_line(tmp_path: Path) -> None:
    assert run("list", "--profile", str(tmp_path / "none.toml"))[2] == (
        f"error: {tmp_path / 'none.toml'}: no such profile\n")
