"""Any string given as a zone names a real zone or is a one-line error with suggestions: never
a traceback (a folder of the zone database, a path, a NUL, two thousand characters)."""

from __future__ import annotations

from importlib import resources

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from agenda.cli import cli
from agenda.errors import OptionError
from agenda.timing import zone_named
from agenda.values import zone


def _zone_folders() -> list[str]:
    """Every folder of the zone database as tzdata ships it (Europe, America/Argentina, ...)."""
    root = resources.files("tzdata") / "zoneinfo"
    found, todo = [], [("", root)]
    while todo:
        prefix, folder = todo.pop()
        for entry in folder.iterdir():
            if entry.is_dir() and not entry.name.startswith("__"):
                name = f"{prefix}{entry.name}"
                found.append(name)
                todo.append((name + "/", entry))
    return sorted(found)


@given(st.text(max_size=300))
def test_any_string_is_a_zone_or_an_option_error(name: str) -> None:
    try:
        assert zone_named(name).key == name
    except OptionError as exc:
        assert "\n" not in exc.message.replace(repr(name)[1:-1], "")
        assert exc.message.startswith("--tz: unknown time zone ")


@pytest.mark.parametrize("folder", _zone_folders())
def test_every_folder_of_the_zone_database_is_a_clear_error(folder: str) -> None:
    with pytest.raises(OptionError) as err:
        zone_named(folder, "--source-tz")
    assert f"--source-tz: unknown time zone {folder!r}; that is a region: name a zone in it, " \
        f"like {folder}/" in err.value.message


@pytest.mark.parametrize(("value", "message"), [
    ("Europe", "error: --tz: unknown time zone 'Europe'; that is a region: name a zone in it, "
               "like Europe/Amsterdam, Europe/Andorra, Europe/Astrakhan"),
    ("europe/berlin", "error: --tz: unknown time zone 'europe/berlin'; did you mean "
                      "Europe/Berlin?"),
    ("Berlin", "error: --tz: unknown time zone 'Berlin'; did you mean Europe/Berlin?"),
    ("../../etc/passwd", "error: --tz: unknown time zone '../../etc/passwd'; use an IANA name "
                         "like Europe/Berlin"),
    ("x" * 2000, "error: --tz: unknown time zone '" + "x" * 64 + "...'; use an IANA name like "
                 "Europe/Berlin"),
])
def test_cli_zone_errors_are_one_line(value: str, message: str) -> None:
    result = CliRunner().invoke(cli, ["list", "--tz", value])
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message + "\n")


def test_source_tz_region_is_one_line() -> None:
    result = CliRunner().invoke(cli, ["list", "--source-tz", "America"])
    assert result.exit_code == 2
    assert result.stderr == ("error: --source-tz: unknown time zone 'America'; that is a region: "
                             "name a zone in it, like America/Adak, America/Anchorage, "
                             "America/Anguilla\n")


def test_local_and_real_names_are_zones() -> None:
    assert zone("Asia/Kolkata") == "Asia/Kolkata"
    assert zone("UTC") == "UTC"
    assert zone("local")  # the machine's zone, whatever it is, is a real name
    assert zone_named(zone("local") or "").key
