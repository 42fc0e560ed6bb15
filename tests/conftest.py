"""Shared fixtures. Golden files are refreshed only with `pytest --update-golden`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from hypothesis import settings

# No per-example deadline: CI's two cores are shared, and a slow example is not a wrong one
# (speed is measured by benchmarks/, never by a timed test).
settings.register_profile("agenda", deadline=None)
settings.load_profile("agenda")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
PAGES = Path(__file__).resolve().parent / "pages"
GOLDEN = Path(__file__).resolve().parent / "golden"
TODAY = date(2026, 11, 23)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite golden files from the current output (review the diff!)")


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, bytes], None]:
    """Compare bytes with tests/golden/<name>, byte for byte."""
    update = request.config.getoption("--update-golden")

    def check(name: str, actual: bytes) -> None:
        path = GOLDEN / name
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(actual)
        assert path.exists(), f"no golden file {name}; run pytest --update-golden and review it"
        assert actual == path.read_bytes(), f"{name} differs from its golden file"

    return check


@pytest.fixture(autouse=True)
def _no_history(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test touches the user's real history: it is off unless a test opts in with
    --history or AGENDA_HISTORY."""
    monkeypatch.setenv("AGENDA_HISTORY", "off")
