"""Real program pages of other conferences and workshops (tests/corpus/programs), read with only
what a user would know: the year, and the day and zone where the page names none.

Each page's sidecar .json lists every talk with its title and UTC start (and end where the page
implies one), transcribed by hand and converted to UTC by check_expected.py (dateutil, not
agenda). A talk counts as read when agenda gives a slot with exactly that title and start (and
end, when one is expected).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from .helpers import read

CORPUS = Path(__file__).resolve().parent / "corpus" / "programs"
PAGES = sorted(p for p in CORPUS.iterdir() if p.suffix in (".md", ".html", ".txt")
               and p.name != "README.md")
# Every page must give at least this share of its talks exactly, and the corpus as a whole more.
PAGE_SHARE = 0.75
CORPUS_SHARE = 0.9
# Pages added before the reader handles their shape: expected to fail until it does.
PENDING: frozenset[str] = frozenset()


def expected(page: Path) -> dict[str, Any]:
    return json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def found(page: Path) -> tuple[int, list[str]]:
    """How many expected talks agenda reads exactly, and the ones it misses."""
    want = expected(page)
    options = dict(want["options"])
    if "date" in options:
        options["date"] = date.fromisoformat(options["date"])
    schedule = read(page, **options)
    got = {(t.title, t.start.strftime("%Y-%m-%dT%H:%MZ"), t.end.strftime("%Y-%m-%dT%H:%MZ"))
           for t in schedule.talks}
    starts = {(title, start) for title, start, _ in got}
    missed = []
    for talk in want["talks"]:
        key = (talk["title"], talk["start"])
        ok = key in starts if talk["end"] is None else (*key, talk["end"]) in got
        if not ok:
            missed.append(f"{talk['title']!r} {talk['start']}..{talk['end']}")
    return len(want["talks"]) - len(missed), missed


def test_every_page_has_an_expectation_and_a_source() -> None:
    assert len(PAGES) >= 20
    for page in PAGES:
        want = expected(page)
        assert want["talks"] and want["source"], page.name


@pytest.mark.parametrize("page", [
    pytest.param(p, marks=pytest.mark.xfail(reason="shape not read yet", strict=True))
    if p.name in PENDING else p for p in PAGES], ids=lambda p: p.name)
def test_program_page_reads_its_talks_exactly(page: Path) -> None:
    good, missed = found(page)
    total = good + len(missed)
    assert good >= PAGE_SHARE * total, f"{good}/{total} exact; missed: {missed}"


def test_the_corpus_reads_nine_talks_in_ten_exactly() -> None:
    results = [found(page) for page in PAGES if page.name not in PENDING]
    good = sum(g for g, _ in results)
    total = sum(g + len(m) for g, m in results)
    assert good >= CORPUS_SHARE * total, f"{good}/{total}"
