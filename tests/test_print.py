"""The printed agenda: one self-contained HTML page (and the same page as PDF) that prints well:
days in the reader's zone, the page's own time beside, the track once per block, overlaps and
cancellations visible, every page text kept as text."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
import unicodedata
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from html.parser import HTMLParser
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from agenda.cli import cli
from agenda.models import Kind, Status, Talk
from agenda.pipeline import ExportOptions, described, dtstamp, render
from agenda.rules import Selection
from agenda.wording import KIND_LABEL

from .conftest import ROOT
from .helpers import make_talk, read

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
STAMP = datetime(2020, 12, 1, tzinfo=UTC)
DAYS = ["Wednesday, 9 December 2020", "Thursday, 10 December 2020",
        "Friday, 11 December 2020", "Wednesday, 21 July 2021"]


def html_of(talks: list[Any], tz: str = "UTC", **options: Any) -> str:
    return render("html", talks, ExportOptions(tz=tz, **options), STAMP, tz).decode("utf-8")


class Outline(HTMLParser):
    """What a browser would see: the tags opened, and the text of each row's cells."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.rows: list[dict[str, Any]] = []
        self.tracks: list[str] = []
        self.headings: list[str] = []
        self._cell: str | None = None
        self._in: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self._in.append(tag)
        found = dict(attrs)
        if tag == "tr" and found.get("class") not in (None, "track"):
            self.rows.append({"class": found["class"], "when": "", "what": "", "kind": "",
                              "strong": "", "struck": ""})
        elif tag == "td":
            self._cell = found.get("class")
        elif tag == "th" and found.get("scope") == "rowgroup":
            self.tracks.append("")
            self._cell = "track"
        elif tag == "h2":
            self.headings.append("")
            self._cell = "h2"

    def handle_endtag(self, tag: str) -> None:
        while self._in and self._in.pop() != tag:
            pass
        if tag in ("td", "th", "h2"):
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell == "track":
            self.tracks[-1] += data
        elif self._cell == "h2":
            self.headings[-1] += data
        elif self._cell and self.rows:
            row = self.rows[-1]
            row[self._cell] += data
            if "strong" in self._in:
                row["strong"] += data
            if "s" in self._in:
                row["struck"] += data


def outline(html: str) -> Outline:
    parser = Outline()
    parser.feed(html)
    parser.close()
    return parser


def seed_talks() -> list[Talk]:
    return [t for t in read(ROOT / "seeds").talks if t.is_talk]


def test_seed_agenda_matches_golden(golden: Callable[[str, bytes], None],
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    schedule = read("seeds")
    talks = [t for t in schedule.talks if t.is_talk]
    options = described(ExportOptions(tz="Europe/Berlin", calendar_name="NeurIPS 2020 + ICML 2021"),
                        Selection(kinds=("oral", "spotlight", "paper")))
    golden("seeds.html", render("html", talks, options, dtstamp(schedule), "Europe/Berlin"))


def test_every_title_and_day_appears_as_text() -> None:
    talks = seed_talks()
    page = outline(html_of(talks, "Europe/Berlin"))
    assert [r["strong"] for r in page.rows] == [t.title for t in talks]
    assert page.headings == DAYS
    assert all(r["class"] == "talk" for r in page.rows)


HOSTILE = ["<script>alert(1)</script>", "</td></tr></table><h1>owned</h1>",
           'quotes " and \' and &amp; and &lt;', "{{ 7*7 }} {% raw %}"]


@pytest.mark.parametrize("title", HOSTILE)
def test_hostile_text_stays_text(title: str) -> None:
    talk = make_talk(title, authors=(title,), track=title, room=title,
                     url='https://x.org/"><script>')
    html = html_of([talk], calendar_name=title)
    page = outline(html)
    assert "script" not in page.tags and page.tags.count("h1") == 1
    assert page.tags.count("table") == 1 and page.tags.count("a") == 0
    assert [r["strong"] for r in page.rows] == [title]
    assert page.rows[0]["what"] == f"{title} {title}"  # the title, then the speakers
    assert page.rows[0]["kind"] == f"Oral {title}"  # the kind, then the room
    assert page.tracks == [title]
    assert "49" not in html  # a template expression in a title is not run


def test_the_document_loads_nothing_and_runs_nothing() -> None:
    html = html_of(seed_talks(), "Europe/Berlin")
    page = outline(html)
    for tag in ("script", "link", "img", "iframe", "object", "embed"):
        assert tag not in page.tags
    for needle in ("url(", "@import", "src=", "http://", "https://"):
        assert needle not in html
    assert html == html_of(seed_talks(), "Europe/Berlin")  # the same bytes every time


def test_the_berlin_reader_sees_the_next_day_and_the_page_s_own_time() -> None:
    # 18:00 PST on Thu 10 Dec is 02:00 UTC on Fri 11 Dec, 03:00 CET
    talk = make_talk("Late in LA", start="2020-12-11T02:00Z", minutes=15,
                     zone="America/Los_Angeles")
    berlin = outline(html_of([talk], "Europe/Berlin"))
    assert berlin.headings == ["Friday, 11 December 2020"]
    assert berlin.rows[0]["when"] == "03:00–03:15 +1 day 18:00–18:15 PST"
    la = outline(html_of([talk], "America/Los_Angeles"))
    assert la.headings == ["Thursday, 10 December 2020"]
    assert la.rows[0]["when"] == "18:00–18:15"  # the page's own zone: nothing beside
    tokyo = outline(html_of([make_talk("Early", start="2020-12-10T20:00Z", zone="Asia/Tokyo")],
                            "America/New_York"))
    assert tokyo.rows[0]["when"] == "15:00–15:15 −1 day 05:00–05:15 JST"


def test_the_track_is_said_once_per_block_of_consecutive_talks() -> None:
    tracks = ["Track 1", "Track 1", "Track 1", "Track 2", "Track 2", "Track 1"]
    talks = [make_talk(f"Talk {i}", start=f"2020-12-10T{10 + i:02d}:00Z", track=track)
             for i, track in enumerate(tracks)]
    page = outline(html_of(talks))
    assert page.tracks == ["Track 1", "Track 2", "Track 1"]
    assert len(page.rows) == 6


def test_overlapping_talks_are_marked_and_named() -> None:
    a = make_talk("Talk A", start="2020-12-10T14:00Z", minutes=30, track="Track 1")
    b = make_talk("Talk B", start="2020-12-10T14:15Z", minutes=30, track="Track 2")
    c = make_talk("Talk C", start="2020-12-10T14:45Z", minutes=10, track="Track 2")
    html = html_of([a, b, c])
    rows = outline(html).rows
    assert [r["class"] for r in rows] == ["talk clash", "talk clash", "talk"]
    assert rows[0]["what"].endswith("⚠ overlaps 14:15 Talk B")
    assert rows[1]["what"].endswith("⚠ overlaps 14:00 Talk A")
    assert "overlaps" not in rows[2]["what"]  # C starts when B ends: no overlap
    assert "⚠ 2 overlap another talk" in re.sub(r"<[^>]+>", "", html)


def test_many_overlaps_are_counted_beyond_the_first_named() -> None:
    talks = [make_talk(f"Parallel {i}", start="2020-12-10T14:00Z", minutes=30, track=f"T{i}")
             for i in range(6)]
    rows = outline(html_of(talks)).rows
    assert all(r["what"].endswith(" and 3 more") for r in rows)


def test_cancelled_talks_are_struck_through_and_said() -> None:
    gone = make_talk("Gone Talk", status=Status.CANCELLED)
    maybe = make_talk("Maybe Talk", start="2020-12-10T14:05Z", status=Status.TENTATIVE)
    rows = outline(html_of([gone, maybe])).rows
    assert rows[0]["struck"] == "Gone Talk" and rows[0]["class"] == "talk cancelled"
    assert rows[1]["class"] == "talk tentative"  # a cancelled talk overlaps nothing
    assert rows[0]["kind"] == "Oral (cancelled)"
    assert rows[1]["struck"] == "" and rows[1]["kind"] == "Oral (tentative)"


def test_breaks_are_shown_as_slots_when_asked_for() -> None:
    slots = [t for t in read(ROOT / "seeds").talks if "Track 28" in t.track]
    rows = outline(html_of(slots, "America/Los_Angeles")).rows
    kinds = [r["kind"] for r in rows if r["class"] == "slot"]
    assert kinds == [KIND_LABEL[t.kind] for t in slots if not t.is_talk]
    assert kinds.count("Break") == 2 and kinds.count("Q&A") == 2


def test_header_says_name_selection_and_zone_and_footer_the_sources() -> None:
    talk = make_talk("One", source="/home/someone/private/neurips-day1.txt")
    options = described(ExportOptions(tz="Europe/Berlin", calendar_name="My NeurIPS"),
                        Selection(authors=("Ba", "Dokmanić"), tz="Europe/Berlin"))
    text = re.sub(r"<[^>]+>", "", render("html", [talk], options, STAMP, "Europe/Berlin")
                  .decode())
    assert "<title>My NeurIPS</title>" in render("html", [talk], options, STAMP,
                                                  "Europe/Berlin").decode()
    assert "Talks by “Ba” or “Dokmanić”." in text
    assert "Times in Europe/Berlin (CET)" in text
    assert "From neurips-day1.txt. Made by agenda." in text
    assert "/home/someone" not in text


def test_an_empty_selection_is_a_whole_document() -> None:
    html = html_of([])
    assert "No talks were selected." in html and html.rstrip().endswith("</html>")


def test_page_per_day_starts_each_day_on_a_new_page() -> None:
    rule = "section.day + section.day { break-before: page; }"
    talks = seed_talks()
    assert rule in html_of(talks, page_per_day=True)
    assert rule not in html_of(talks)


def test_days_and_tracks_stay_with_their_first_talk_in_the_css() -> None:
    html = html_of(seed_talks())
    assert re.search(r"h2 \{[^}]*break-after: avoid", html)
    assert re.search(r"tr \{[^}]*break-inside: avoid", html)
    assert re.search(r"tr\.track th \{[^}]*break-after: avoid", html)
    assert "@page" in html


# --- the command line ---------------------------------------------------------------------


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), env={"AGENDA_TODAY": "2026-11-23"})
    return result.exit_code, result.stdout, result.stderr


def test_export_writes_html_from_the_file_name(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    target = tmp_path / "agenda.html"
    code, out, _ = run("export", "seeds", "--kind", "oral", "-o", str(target), "--tz", "UTC")
    orals = sum(t.kind.value == "oral" for t in seed_talks())
    assert code == 0 and out.startswith(f"wrote {orals} talks to ") and orals > 3
    page = outline(target.read_text(encoding="utf-8"))
    assert len(page.rows) == orals and "Talks of kind oral." in target.read_text(encoding="utf-8")


def test_plain_export_still_writes_the_three_formats(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    code, out, _ = run("export", "seeds", "-o", str(tmp_path), "-q")
    assert code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["agenda.csv", "agenda.ics", "agenda.md"]


def test_page_per_day_from_the_command_line(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    code, out, _ = run("export", "seeds", "--page-per-day", "-f", "html", "-o", "-")
    assert code == 0 and "section.day + section.day { break-before: page; }" in out


def test_pdf_to_standard_output_is_the_pdf_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("weasyprint")
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(cli, ["export", "seeds/003_e4fac9faa7edaf41.txt", "--year",
                                      "2020", "-f", "pdf", "-o", "-"])
    assert result.exit_code == 0 and result.stdout_bytes.startswith(b"%PDF-")
    assert result.stdout_bytes.rstrip().endswith(b"%%EOF")


def test_without_weasyprint_pdf_is_one_clear_error(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import weasyprint -> ImportError
    code, out, err = run("export", "seeds", "-o", str(tmp_path / "agenda.pdf"))
    assert (code, out) == (1, "")
    assert err == "error: writing PDF needs WeasyPrint: pip install 'agenda[pdf]'\n"
    assert list(tmp_path.iterdir()) == []


# --- PDF: WeasyPrint's and Chromium's -------------------------------------------------------

ALL_TITLES = [t.title for t in seed_talks()]


def pdf_pages(data: bytes) -> list[str]:
    pypdf = pytest.importorskip("pypdf")
    reader = pypdf.PdfReader(io.BytesIO(data))
    return [unicodedata.normalize("NFKC", p.extract_text() or "") for p in reader.pages]


def shows(words: list[str], text: str) -> bool:
    """Whether `text`'s words appear in order in `words`, allowing other words between them
    (a title wrapped in its cell is read line by line with the time column's text between)."""
    wanted = unicodedata.normalize("NFKC", text).split()
    for start, word in enumerate(words):
        if word != wanted[0]:
            continue
        at = 1
        for other in words[start + 1:start + 4 * len(wanted) + 8]:
            if at < len(wanted) and other == wanted[at]:
                at += 1
        if at == len(wanted):
            return True
    return False


def check_pdf(data: bytes, titles: list[str], days: list[str], pages: range) -> list[str]:
    texts = pdf_pages(data)
    assert len(texts) in pages
    words = " ".join(texts).split()
    missing = [t for t in titles if not shows(words, t)]
    assert not missing
    for day in days:
        assert any(day in t for t in texts), day
    return texts


@pytest.fixture(scope="module")
def weasy_pdf() -> bytes:
    pytest.importorskip("weasyprint")
    return render("pdf", seed_talks(), described(ExportOptions(tz="Europe/Berlin"), None),
                  STAMP, "Europe/Berlin")


def test_the_pdf_holds_every_title_and_day(weasy_pdf: bytes) -> None:
    assert weasy_pdf.startswith(b"%PDF-")
    check_pdf(weasy_pdf, ALL_TITLES, DAYS, range(2, 5))


def test_the_pdf_is_the_same_bytes_every_time(weasy_pdf: bytes) -> None:
    again = render("pdf", seed_talks(), described(ExportOptions(tz="Europe/Berlin"), None),
                   STAMP, "Europe/Berlin")
    assert again == weasy_pdf
    pypdf = pytest.importorskip("pypdf")
    info = pypdf.PdfReader(io.BytesIO(weasy_pdf)).metadata
    assert info is not None and info.creation_date == info.modification_date == STAMP


def test_the_pdf_paper_is_the_reader_s(weasy_pdf: bytes) -> None:
    pypdf = pytest.importorskip("pypdf")
    a4 = pypdf.PdfReader(io.BytesIO(weasy_pdf)).pages[0].mediabox
    assert (round(float(a4.width)), round(float(a4.height))) == (595, 842)
    letter = render("pdf", seed_talks()[:3], ExportOptions(), STAMP, "America/Los_Angeles")
    box = pypdf.PdfReader(io.BytesIO(letter)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


def many_days() -> list[Talk]:
    """Twelve days of seven talks with long titles: day headings fall all over the pages."""
    talks = []
    for day in range(12):
        for i in range(3 + day % 5):
            talks.append(make_talk(f"Day {day + 1} talk {i + 1}: " + "a long title " * (i % 4 + 2),
                                   start=f"2020-12-{day + 1:02d}T{9 + i:02d}:00Z",
                                   track=f"Track {i % 2}"))
    return talks


def first_talk_pages(texts: list[str], talks: list[Talk]) -> None:
    """A page that shows a day's heading also shows that day's first talk."""
    firsts = {}
    for talk in talks:
        heading = f"{talk.start:%A}, {talk.start.day} {talk.start:%B %Y}"
        firsts.setdefault(heading, talk.title.split(":")[0] + ":")
    for heading, first in firsts.items():
        page = next(t for t in texts if heading in t)
        assert first in page, heading


def test_weasyprint_never_leaves_a_day_heading_alone() -> None:
    pytest.importorskip("weasyprint")
    talks = many_days()
    data = render("pdf", talks, ExportOptions(), STAMP, "UTC")
    first_talk_pages(pdf_pages(data), talks)


def test_page_per_day_pdf_has_a_page_for_each_day() -> None:
    pytest.importorskip("weasyprint")
    talks = many_days()
    texts = pdf_pages(render("pdf", talks, ExportOptions(page_per_day=True), STAMP, "UTC"))
    days = [set(re.findall(r"\w+day, \d+ December 2020", t)) for t in texts]
    assert len(texts) == 12 and all(len(d) == 1 for d in days)
    assert len(set().union(*days)) == 12


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser") or \
        shutil.which("google-chrome")
    if found is None:
        pytest.skip("no headless Chromium")
    return found


def in_chromium(html: Path, profile: Path, *args: str) -> None:
    subprocess.run([chromium(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--hide-scrollbars", "--no-first-run", "--disable-extensions",
                    f"--user-data-dir={profile / 'chromium-profile'}", *args,
                    html.as_uri()], check=True, capture_output=True, timeout=120)


def test_chromium_prints_every_title_and_day(tmp_path: Path) -> None:
    page = tmp_path / "agenda.html"
    page.write_text(html_of(seed_talks(), "Europe/Berlin"), encoding="utf-8")
    target = tmp_path / "chromium.pdf"
    in_chromium(page, tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={target}")
    check_pdf(target.read_bytes(), ALL_TITLES, DAYS, range(2, 6))
    spread = tmp_path / "days.html"
    talks = many_days()
    spread.write_text(html_of(talks), encoding="utf-8")
    in_chromium(spread, tmp_path, "--no-pdf-header-footer",
                f"--print-to-pdf={tmp_path / 'days.pdf'}")
    first_talk_pages(pdf_pages((tmp_path / "days.pdf").read_bytes()), talks)


def test_screenshots_are_kept_to_look_at(tmp_path: Path) -> None:
    """tests/artifacts/ (git-ignored): the page on a wide and a narrow screen, and the first
    page of the PDF. Look at them after changing the template."""
    ARTIFACTS.mkdir(exist_ok=True)
    page = ARTIFACTS / "seeds.html"
    talks = seed_talks() + [replace(make_talk("A cancelled talk", start="2020-12-10T14:05Z",
                                              track=seed_talks()[12].track,
                                              status=Status.CANCELLED)),
                          make_talk("An overlapping poster", start="2020-12-10T14:20Z",
                                    minutes=40, track="Posters", kind=Kind.POSTER,
                                    room="Hall C")]
    talks.sort(key=lambda t: t.start)
    page.write_text(html_of(talks, "Europe/Berlin", calendar_name="NeurIPS 2020 + ICML 2021"),
                    encoding="utf-8")
    for name, size in (("html-wide.png", "1100,1500"), ("html-narrow.png", "420,1400")):
        in_chromium(page, tmp_path, f"--screenshot={ARTIFACTS / name}", f"--window-size={size}")
        assert (ARTIFACTS / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    pytest.importorskip("weasyprint")
    pdf = ARTIFACTS / "seeds.pdf"
    pdf.write_bytes(render("pdf", talks, ExportOptions(calendar_name="NeurIPS 2020 + ICML 2021"),
                           STAMP, "Europe/Berlin"))
    if shutil.which("pdftoppm") is None:
        pytest.skip("no pdftoppm (Debian: poppler-utils)")
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                    str(ARTIFACTS / "pdf-page-1")], check=True, timeout=60)
    assert (ARTIFACTS / "pdf-page-1.png").read_bytes()[:4] == b"\x89PNG"


# --- the feed -------------------------------------------------------------------------------


def test_the_feed_serves_the_printed_agenda_and_links_it(tmp_path: Path) -> None:
    from .feed_server import running

    with running(tmp_path) as server:
        reply = server.get("/agenda.html?author=Dokmanic&tz=Europe/Berlin")
        assert (reply.status, reply.headers["Content-Type"]) == (200, "text/html; charset=utf-8")
        page = outline(reply.body.decode("utf-8"))
        assert [r["strong"] for r in page.rows] == ["Learning the Geometry of Wave-Based Imaging"]
        assert "Talks by “Dokmanic”." in reply.body.decode("utf-8")
        named = server.get("/feeds/me.html")
        assert named.status == 200 and b"<h1>My NeurIPS</h1>" in named.body
        built = server.get("/?author=Dokmanic")
        assert b'/agenda.html?author=Dokmanic">Print</a>' in built.body
        if find_spec("weasyprint") is not None:
            pdf = server.get("/agenda.pdf?author=Dokmanic")
            assert (pdf.status, pdf.headers["Content-Type"]) == (200, "application/pdf")
            assert pdf.body.startswith(b"%PDF-") and b"/agenda.pdf?author=Dokmanic" in built.body


def test_a_feed_without_weasyprint_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from .feed_server import running

    monkeypatch.setitem(sys.modules, "weasyprint", None)
    with running(tmp_path) as server:
        reply = server.get("/agenda.pdf")
        assert reply.status == 501
        assert reply.body == b"writing PDF needs WeasyPrint: pip install 'agenda[pdf]'\n"
        built = server.get("/?author=Dokmanic")
        assert b">Print</a>" in built.body and b"agenda.pdf" not in built.body


def test_a_feed_lays_out_no_huge_pdf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from agenda.feed import app

    from .feed_server import running

    monkeypatch.setattr(app, "MAX_PDF_TALKS", 5)
    with running(tmp_path) as server:
        reply = server.get("/agenda.pdf?track=Track+34")
        assert reply.status == 400
        assert reply.body.startswith(b"a PDF holds at most 5 talks and this selection has 11;")


# --- the selection in words -----------------------------------------------------------------


def test_the_selection_is_said_in_words() -> None:
    from datetime import date, time

    from agenda.selection_words import describe

    assert describe(None) == "All talks."
    assert describe(Selection(), include_all=True) == "All talks, breaks and Q&As."
    every = Selection(keywords=("attention",), authors=("Ba", "Dokmanić", "Kim"),
                      tracks=("Track 34",), kinds=("oral", "spotlight"),
                      days=(date(2020, 12, 10),), between=((time(6), time.max),),
                      exclude_keywords=("survey",), exclude_authors=("X",),
                      exclude_tracks=("Posters",), tz="Europe/Berlin")
    assert describe(every) == (
        "Talks of kind oral or spotlight, mentioning “attention”, by “Ba”, “Dokmanić” or “Kim”, "
        "in “Track 34”, on Thu 10 Dec 2020, from 06:00 to 24:00 (Europe/Berlin), not mentioning "
        "“survey”, not by “X”, not in “Posters”.")
    assert describe(Selection(authors=(r"^Ba\b",), regex=True)) == r"Talks by /^Ba\b/."
    assert describe(Selection(days=(date(2020, 12, 9),))) == \
        "Talks on Wed 9 Dec 2020 (each page's own zone)."
