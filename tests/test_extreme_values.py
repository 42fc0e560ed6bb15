"""Durations typed by a user (or sent to the feed) end in a value or an OptionError naming the
option: never an OverflowError from billions of hours or a ValueError from thousands of
digits."""

from __future__ import annotations

from datetime import timedelta

import pytest

from agenda.errors import OptionError
from agenda.values import duration


@pytest.mark.parametrize("value", ["99999999999999h", "1" * 5000, "9" * 30 + "m", "9000h",
                                   "1h" + "0" * 4400 + "m"])
def test_an_extreme_duration_is_an_option_error(value: str) -> None:
    with pytest.raises(OptionError) as err:
        duration(value)
    assert err.value.message.startswith("--alarm: ")
    assert len(err.value.message) < 120


@pytest.mark.parametrize(("value", "expected"), [
    ("10m", timedelta(minutes=10)), ("1h30m", timedelta(minutes=90)), ("90", timedelta(hours=1.5)),
    ("8784h", timedelta(days=366)),
])
def test_durations_up_to_a_year_read(value: str, expected: timedelta) -> None:
    assert duration(value) == expected
