"""Warnings: every page's notice is shown, except that many pages saying the same thing are
shown for the first few and then once, and a page decided differently is never hidden."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from agenda.cli import cli
from agenda.models import Notice
from agenda.notes import lines
from benchmarks.generate import generate

from .helpers import read

USING = "no year on the page; using 2020, dated by other pages (pass --year to choose)"


def _year_note(page: int, year: int = 2020) -> Notice:
    return Notice(f"no year on the page; using {year} from b.txt (details)", f"p{page}.txt", 10,
                  USING.replace("2020", str(year)))


def test_a_few_pages_are_all_shown() -> None:
    notes = [_year_note(i) for i in range(5)]
    assert lines(notes) == [str(n) for n in notes]


def test_many_pages_saying_the_same_are_summarised_after_three() -> None:
    notes = [_year_note(i) for i in range(10)]
    notes.insert(5, _year_note(99, year=2026))  # decided differently: always shown
    notes.insert(6, Notice("2020-11-01 01:30 happens twice in America/Los_Angeles", "d.txt", 4))
    assert lines(notes) == [
        "p0.txt:10: no year on the page; using 2020 from b.txt (details)",
        "p1.txt:10: no year on the page; using 2020 from b.txt (details)",
        "p2.txt:10: no year on the page; using 2020 from b.txt (details)",
        f"and 7 more pages: {USING}",
        "p99.txt:10: no year on the page; using 2026 from b.txt (details)",
        "d.txt:4: 2020-11-01 01:30 happens twice in America/Los_Angeles",
    ]


def test_a_generated_conference_warns_in_a_few_lines(tmp_path: Path) -> None:
    generate(600, tmp_path, seed=7)
    notices = read(tmp_path).notices
    result = CliRunner().invoke(cli, ["list", str(tmp_path), "--today", "2026-11-23"])
    assert result.exit_code == 0
    warnings = result.stderr.splitlines()
    assert len(notices) > 60 and len(warnings) < 20
    dated = sum(n.topic == USING for n in notices)
    summary = [w for w in warnings if w.startswith("warning: and ")]
    assert f"warning: and {dated - 3} more pages: {USING}" in summary
    # every notice is either shown in full or counted in a summary line
    summarised = sum(int(w.split()[2].replace(",", "")) for w in summary)
    assert len(warnings) - len(summary) + summarised == len(notices)
