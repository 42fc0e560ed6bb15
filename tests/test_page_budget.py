"""Every page is bounded: over 50 MB, or with a line over 100,000 characters, it is refused with
a message naming the page (and the line); a huge file or endless stream is never read whole."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from agenda.errors import PageError
from agenda.readers.page import MAX_FILE_BYTES, MAX_LINE_CHARS, MAX_LINES, MAX_PAGE_BYTES
from agenda.sources import read_source

from .helpers import page, read, talk_page


def test_a_page_over_the_size_budget_is_refused_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:  # sparse: 50 MB of nothing on disk
        handle.write(talk_page("Wed 9 Dec. 2020 6:00 - 6:15 PST").encode())
        handle.truncate(MAX_PAGE_BYTES + 4096)
    with pytest.raises(PageError) as err:
        read(path)
    assert err.value.path == str(path) and "over 50 MB" in err.value.message


def test_a_huge_stream_is_read_only_past_the_budget() -> None:
    class Endless(io.RawIOBase):
        given = 0

        def readable(self) -> bool:
            return True

        def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
            buffer[:] = b"x" * len(buffer)
            self.given += len(buffer)
            return len(buffer)

    stream = Endless()
    data = read_source("-", io.BufferedReader(stream))  # type: ignore[arg-type]
    assert len(data) == MAX_FILE_BYTES + 1
    assert stream.given < MAX_FILE_BYTES + 1_000_000


def test_a_line_over_the_budget_is_refused_naming_the_line(tmp_path: Path) -> None:
    text = talk_page("Wed 9 Dec. 2020 6:00 - 6:15 PST") + "\n" + "x" * (MAX_LINE_CHARS + 1) + "\n"
    path = page(tmp_path, "long.txt", text)
    with pytest.raises(PageError) as err:
        read(path)
    assert err.value.line == 11  # nine lines of talk page, a blank, then the long line
    assert f"{MAX_LINE_CHARS + 1:,} characters" in err.value.message


def test_a_line_at_the_budget_reads(tmp_path: Path) -> None:
    long = "word " * (MAX_LINE_CHARS // 5)
    path = page(tmp_path, "long.txt", talk_page("Wed 9 Dec. 2020 6:00 - 6:15 PST") + long)
    [talk] = read(path).talks
    assert talk.abstract.endswith("word")


def test_a_page_over_the_line_budget_is_refused_before_it_is_split(tmp_path: Path) -> None:
    # 16 million two-letter lines (48 MB) took 2.8 GB and 12 s to read.
    path = tmp_path / "lines.txt"
    path.write_bytes(b"ab\n" * (MAX_LINES + 1))
    with pytest.raises(PageError) as err:
        read(path)
    assert "1,000,002 lines" in err.value.message and err.value.path == str(path)


def test_a_minified_html_page_on_one_long_line_reads(tmp_path: Path) -> None:
    """Saved pages are often one line of markup: lines mean nothing to an HTML parser."""
    noise = "<nav>" + "<a href='#'>menu</a>" * 8_000 + "</nav>"
    html = ("<!doctype html><html><head><title>W</title></head><body>" + noise +
            "<h2>Saturday, 14 June 2025</h2><p>All times are CEST</p><table><tr><th>Time</th>"
            "<th>Talk</th></tr><tr><td>09:00-09:30</td><td>Opening remarks</td></tr>"
            "<tr><td>09:30-10:15</td><td>A keynote on scheduling (Ann Lee)</td></tr></table>"
            "</body></html>")
    assert len(html) > MAX_LINE_CHARS and "\n" not in html
    schedule = read(page(tmp_path, "saved.html", html))
    assert [(t.start.isoformat(), t.title) for t in schedule.talks] == [
        ("2025-06-14T07:00:00+00:00", "Opening remarks"),
        ("2025-06-14T07:30:00+00:00", "A keynote on scheduling")]


def test_published_files_have_a_larger_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    """A page over the text budget is refused, the same size of XML, JSON or iCalendar is read
    by its parser (a large conference's schedule.xml), up to the file budget."""
    from agenda.readers import page as pages

    monkeypatch.setattr(pages, "MAX_PAGE_BYTES", 1_000)
    monkeypatch.setattr(pages, "MAX_FILE_BYTES", 4_000)
    pad = " " * 1_500
    for data in (b"<schedule>" + pad.encode() + b"</schedule>", b'{"a": "' + pad.encode() + b'"}',
                 b"BEGIN:VCALENDAR\r\nX-PAD:" + pad.encode() + b"\r\nEND:VCALENDAR\r\n"):
        assert pages.decode("big", data).text.strip()
    with pytest.raises(PageError, match="over 0 MB"):
        pages.decode("big.txt", b"Wed 9 Dec " + pad.encode())
    with pytest.raises(PageError, match="over 0 MB"):
        pages.decode("huge.xml", b"<x>" + b" " * 5_000 + b"</x>")
