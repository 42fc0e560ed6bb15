"""From blocks to program entries: which block is a day, a zone statement, a timed item, a
speaker line, or a paper under a session. Clocks stay as written; infer decides am/pm, ends,
days and zones for the whole page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...models import Kind, Status
from ..slot_text import HEADING_YEAR
from . import clock, days, items, zones
from .blocks import Block
from .cells import (
    Columns,
    adjacent,
    cell_items,
    header,
    held_people,
    role_of,
    spans_all,
    time_cell,
)


@dataclass(slots=True)
class Entry:
    """One timed item as written: clocks as read, day and zone as the page gave them."""

    line: int
    day: days.DayRef | None
    start: clock.Clock
    end: clock.Clock | None
    label: str | None
    title: str = ""
    authors: tuple[str, ...] = ()
    kind: Kind = Kind.TALK
    track: str = ""
    room: str = ""
    status: Status = Status.CONFIRMED
    column_labels: tuple[tuple[str, clock.Span], ...] = ()  # other zone columns, to check
    papers: list[Entry] = field(default_factory=list)
    paper: bool = False  # one of a session's papers, sharing its window
    abstract: list[str] = field(default_factory=list)
    # A card title's whole text when 'names' were split off it ('Securing PostgreSQL --
    # Exploring ...'): a speaker line under it naming others shows the split was wrong.
    whole: str = ""
    # A card's name line under a bare time, held until a title line says it was the speakers
    # ('<div class="name">hlb</div><div class="head">Registrano</div>'); else the title.
    held: str = ""


@dataclass(slots=True)
class Found:
    """What the walk found: entries, zone statements, day mentions, for infer to settle."""

    entries: list[Entry] = field(default_factory=list)
    statements: list[tuple[str, int]] = field(default_factory=list)  # (label, line)
    page_days: list[tuple[days.DayRef, int]] = field(default_factory=list)
    # Dates named only in skipped furniture (header, nav, <title>, description <meta>).
    aside_days: list[tuple[days.DayRef, int]] = field(default_factory=list)
    headed_days: int = 0
    attached: list[str] = field(default_factory=list)  # zones written after times in prose
    year: int | None = None  # a conference's year in a heading
    title: str = ""
    times_seen: int = 0


class Walk:
    def __init__(self) -> None:
        self.found = Found()
        self.day: days.DayRef | None = None
        self.columns: dict[int, Columns] = {}
        self.last: Entry | None = None  # the timed entry untimed blocks may belong to
        self.pending: Entry | None = None  # a time with its title still to come
        # An entry whose title came from a plain line under its time: a heading that follows
        # is its real title, the line its room ('### 09:00', 'Lobby', '#### Registration').
        self.loose: Entry | None = None
        self.dates_section = False  # under an 'Important dates' heading
        self.section = ""
        self.section_level = 0  # the level of the heading that opened the current section
        # A card's title heading under a bare time, and its level: a heading of that level
        # right after it (speakers between) is a parallel card at the same time.
        self.titled: tuple[Entry, int] | None = None
        # The entry each parallel column of each table last gave: the same text in the next
        # row of that column continues it (a workshop repeated down its column).
        self.down: dict[tuple[int, int], Entry] = {}
        # A grid's items given only a start, by (table, column): each ends at the next row
        # whose cell in that column is not spanned from above (rowspan grids).
        self.open: dict[tuple[int, int], Entry] = {}

    # -- blocks ------------------------------------------------------------------------------
    def block(self, block: Block) -> None:
        if block.kind == "aside":
            found = days.find(block.text)
            if found is not None and found.ref.month:
                self.found.aside_days.append((found.ref, block.line))
            return
        if block.kind == "row":
            self.row(block)
        elif block.text.startswith("|") and block.text.count("|") >= 2:
            cells = tuple(c.strip() for c in block.text.strip().strip("|").split("|"))
            if all(set(c) <= set("-: ") for c in cells):
                return  # a Markdown table's separator line
            self.row(block._replace(kind="row", cells=cells, spanned=(False,) * len(cells),
                                    table=-block.line))
        else:
            self.text(block)

    def _statement(self, text: str, line: int, heading: bool) -> None:
        said = zones.statement(text, heading)
        if said is not None:
            self.found.statements.append((said.label, line))

    def _day(self, ref: days.DayRef, line: int) -> None:
        self.day = ref
        self.found.headed_days += 1
        self.last = self.pending = None

    def text(self, block: Block) -> None:
        text = block.text
        strong = block.kind == "heading"
        if strong:
            self.dates_section = days.about_deadlines(text)
        if self.dates_section or days.about_deadlines(text):
            self.untimed(block._replace(kind="line") if not strong else block)
            return
        lead = self._leading(text)
        if lead is None:
            self._statement(text, block.line, strong)
            for span in clock.spans(text[:400]):
                zone = zones.after(text, span.last)
                if zone is not None:
                    self.found.attached.append(zone.label)
            if not strong and self._when_line(block):
                return
            ref = days.heading(text, strong)
            if ref is not None and (strong or len(text) <= 60):
                self._day(ref, block.line)
                if strong:
                    self.section_level = block.level
                return
            found = days.find(text) if len(text) <= 400 else None
            if found is not None and found.ref.month:
                self.found.page_days.append((found.ref, block.line))
            inner = self._inner(text) if len(text) <= 200 else None
            if inner is not None:
                span, label, title = inner
                self.entry(block, span, label, title)
                return
            self.untimed(block)
            return
        day, span, rest = lead
        if day is not None:
            self.day = day
        zone = zones.after(rest, span.last)
        self.entry(block, span, zone.label if zone else None,
                   rest[zone.last if zone else span.last:])

    def _when_line(self, block: Block) -> bool:
        """'When: December 10, 2025 20:00-21:00' / '日時: 2025年12月10日（水）20:00～21:00' under a
        card's heading: the day and time of the item the heading names (the title comes from
        the section, as for a bare time)."""
        field = _WHEN_FIELD.match(block.text)
        if field is None:
            return False
        value = block.text[field.end():field.end() + 200]
        found = days.find(value[:80])
        if found is not None and (found.ref.month or found.ref.weekday is not None):
            value = value[found.last:]
        span = clock.leading(value.lstrip(" ,:|-–—)）"))
        if span is None:
            return False
        if found is not None and (found.ref.month or found.ref.weekday is not None):
            self._day(found.ref, block.line)
        rest = value.lstrip(" ,:|-–—)）")
        zone = zones.after(rest, span.last)
        self.entry(block, span, zone.label if zone else None,
                   rest[zone.last if zone else span.last:])
        pending = self.pending
        if pending is not None and not pending.title and self.section:
            pending.title, pending.authors, pending.kind = items.read_item(self.section)
            self.pending = None
        return True

    def _leading(self, text: str) -> tuple[days.DayRef | None, clock.Span, str] | None:
        span = clock.leading(text)
        if span is not None:
            return None, span, text
        if len(text) <= 24 and text[:1].isascii() and text[:1].isalpha() and text[1:2].isdigit() \
                and (span := clock.only(text[1:])) is not None:
            return None, span, text[1:]  # 's13:00-13:20': a stray key before a time alone
        found = days.find(text[:60])
        if found is None or found.ref.month == 0 and found.ref.weekday is None:
            return None
        if text[:found.first].strip(" *_[(#-•·|>") != "":
            return None
        rest = text[found.last:].lstrip(" ,:|-–—")
        span = clock.leading(rest)
        if span is None:
            return None
        return found.ref, span, rest

    def _inner(self, text: str) -> tuple[clock.Span, str | None, str] | None:
        """`Session 1 (10:00-11:30, CEST)`, `Lunch break: 12:30-13:30`: a range inside a short
        text."""
        for span in clock.spans(text):
            before = text[:span.first].rstrip()
            if span.end is None and not before.endswith("("):
                continue
            if len(before.split()) > 8:
                return None  # a sentence that mentions times, not an item
            zone = zones.after(text, span.last)
            close = zone.last if zone else span.last
            after = text[close:].lstrip(" ,)]")
            title = (before.rstrip(" (,:[-–—@") + " " + after).strip()
            if title and len(after) <= 40:
                return span, zone.label if zone else None, title
        return None

    # -- entries ------------------------------------------------------------------------------
    def entry(self, block: Block, span: clock.Span, label: str | None, title: str) -> None:
        self.found.times_seen += 1
        title = title.lstrip(" \t*_|:;,.-–—)]>").rstrip(" \t*_|:;,.-–—>")
        if title.endswith(")") and "(" in title:
            inner = title[title.rindex("(") + 1:-1]
            stated = zones.mentions(inner)
            if stated and inner.strip() == inner[
                    stated[0].first:stated[0].last].strip():
                label = label or stated[0].label  # "A Talk (UTC)"
                title = title[:title.rindex("(")].rstrip()
        item = items.read_item(title) if title else None
        entry = Entry(block.line, self.day, span.start, span.end, label)
        if block.struck:
            entry.status = Status.CANCELLED
        self._add(entry, item, pending=item is None)

    def _add(self, entry: Entry, item: items.Item | None, pending: bool) -> None:
        if self.pending is not None:
            _promote(self.pending)
        self.loose = None
        self.titled = None
        if item is not None:
            entry.title, entry.authors, entry.kind = item
        self.found.entries.append(entry)
        self.last = entry
        self.pending = entry if pending else None

    def untimed(self, block: Block) -> None:
        text = block.text
        if block.kind == "heading" and self.loose is not None and not self.loose.papers \
                and not self.loose.authors:
            loose, self.loose = self.loose, None
            loose.room = loose.title
            loose.title, loose.authors, loose.kind = items.read_item(text)
            return
        self.loose = None
        if not any(c.isalnum() for c in text):
            return  # an emoji, a rule or a bullet alone
        if block.kind == "heading" and self._card_title(block):
            return
        if block.kind != "heading" and items.names(text) is None:
            self.titled = None
        if block.kind == "heading":
            self.titled = None
            self.section_level = block.level
            self._abandon()
            self.last = None
            if self.found.year is None and (m := HEADING_YEAR.search(text)) is not None:
                self.found.year = int(m.group("year"))  # "ICML 2024 Workshop on ..."
            self.section = items.clean(text)
            if not self.found.title:
                self.found.title = self.section
            return
        if self.pending is not None and (_ROLE_LINE.match(text) or _LINK_LINE.match(text)):
            return  # 'Room: A', 'URL: https://…' under a bare time: its details, not its title
        if self.pending is not None and block.role == "name" and not self.pending.held:
            self.pending.held = text
            return
        if self.pending is not None and self.pending.held:
            pending = self.pending
            if block.role == "title":
                item = items.read_item(text)
                pending.title, pending.kind = item.title, item.kind
                pending.authors = held_people(pending.held)
                self.pending = None
                return
            _promote(pending)  # the name line was the item's name: this line is about it
            self.pending = None
        if self.pending is not None:
            item = items.read_item(text)
            self.pending.title, self.pending.authors, self.pending.kind = item
            self.loose = self.pending if len(text) <= 80 else None
            self.pending = None
            return
        last = self.last
        if last is None or len(text) > 400 or _ROLE_LINE.match(text) or _LINK_LINE.match(text):
            return
        people = items.names(text)
        if people and not last.papers:
            if not last.authors:
                last.authors = people
            elif last.whole and not set(people) & set(last.authors):
                last.title, last.authors, last.whole = last.whole, people, ""
            return
        if people and last.papers and not last.papers[-1].authors:
            last.papers[-1].authors = people
            return
        if block.kind == "item" or items.is_session(last.title) or last.papers:
            if len(text) > 250 or (text.endswith(".") and len(text.split()) > 25):
                return  # an abstract, not a paper
            paper = items.read_item(text)
            last.papers.append(Entry(block.line, last.day, last.start, last.end, last.label,
                                     paper.title, paper.authors,
                                     Kind.PAPER if paper.kind is Kind.TALK else paper.kind,
                                     track=last.title, paper=True))

    def _card_title(self, block: Block) -> bool:
        """A heading deeper than its section's, right under a bare time, is that time's title
        (a card: `<time>09:00</time><h3>Talk</h3>`); another of its level right after the card
        is a parallel card at the same time."""
        within = block.level >= self.section_level
        pending = self.pending
        if pending is not None and not pending.title and within:
            pending.title, pending.authors, pending.kind = items.read_item(block.text)
            pending.whole = items.clean(block.text) if pending.authors else ""
            self.pending = None
            self.titled = (pending, block.level)
            return True
        if self.titled is not None and self.titled[1] == block.level and within:
            first = self.titled[0]
            entry = Entry(block.line, first.day, first.start, first.end, first.label)
            self._add(entry, items.read_item(block.text), pending=False)
            self.titled = (entry, block.level)
            return True
        return False

    # -- table rows ---------------------------------------------------------------------------
    def _abandon(self) -> None:
        """A time whose title never came: the section it sits in names it ('## Session 1',
        then 'Time: 13:00-14:30'), else it is not an item."""
        pending, self.pending = self.pending, None
        if pending is not None:
            _promote(pending)
        if pending is None or pending.title:
            return
        if self.section:
            pending.title, pending.authors, pending.kind = items.read_item(self.section)
        else:
            self.found.entries.remove(pending)
            self.last = None

    def _listed_row(self, block: Block, texts: list[str]) -> bool:
        """A layout table whose one cell lists timed lines ('<td>Friday</td><td><ul><li>9:00
        - 9:30 Welcome</li>...'): the short cells beside it head the list, as a day or
        section heading would."""
        if len(texts) < 2:
            return False
        timed = [t for t in texts if sum(1 for ln in t.split("\n")[:200]
                                         if clock.leading(ln) is not None) >= 2]
        if len(timed) != 1 or any(len(t) > 60 for t in texts if t is not timed[0]):
            return False
        label = " ".join(t.replace("\n", " ") for t in texts if t is not timed[0])
        self.text(block._replace(kind="heading", text=label, level=max(block.level, 3)))
        for k, line in enumerate(timed[0].split("\n")):
            self.text(block._replace(kind="line", text=line, line=block.line + k))
        return True

    def row(self, block: Block) -> None:
        self._abandon()
        cells = list(block.cells)
        spanned = list(block.spanned) + [False] * (len(cells) - len(block.spanned))
        texts = [c for c, s in zip(cells, spanned, strict=True) if c and not s]
        times = [(i, s) for i, c in enumerate(cells) if c and (s := time_cell(c))]
        if not times and self._listed_row(block, texts):
            return
        if not times and self._day_row(block, texts):
            return
        cols = self.columns.get(block.table)
        head = header(block) if (block.header or cols is None) else None
        if head is not None:
            self.columns[block.table] = head
            if sum(1 for label in head.labels if label) == 1:  # one zone column: the page's
                for cell in block.cells:
                    self._statement(cell, block.line, True)
            return
        if not times:
            if len(texts) == 1 and (cols is None or len(cells) == 1):
                for k, line in enumerate(texts[0].split("\n")):
                    self.text(block._replace(kind="line", text=line, line=block.line + k))
                return
            if len(texts) == 1 and sum(1 for c in cells if c) == 1 and len(cells) > 1:
                # a section title across the table ("Opening and Keynote (Room A)")
                self.text(block._replace(kind="heading", text=texts[0].split("\n")[0]))
                return
            if len(texts) >= 2 and all(len(t) <= 150 and (items.is_session(t) or
                                                          role_of(t) == "room") for t in texts):
                # "| | Session 1 (Room A) | Session 2 (Room B) |": the tracks of the rows below
                self.columns[block.table] = Columns(
                    ["other" if c and not sp else "empty" for c, sp in zip(cells, spanned,
                                                                          strict=True)],
                    [None] * len(cells), [items.clean(c.split("\n")[0]) for c in cells])
                return
            time_spanned = cols is not None and any(
                r in ("time", "start") and i < len(spanned) and spanned[i]
                for i, r in enumerate(cols.roles))
            if self.last is not None and (time_spanned or self.last.papers
                                          or items.is_session(self.last.title)):
                self._paper_row(block, cells, spanned, cols)
            return
        self._timed_row(block, cells, spanned, times, cols)

    def _day_row(self, block: Block, texts: list[str]) -> bool:
        """A row announcing a day: '| Monday, Sept. 5 | |', '| **Day 1** | **2020-07-27** |'."""
        if self.dates_section or days.about_deadlines(" ".join(texts)):
            return True  # a row of the important dates: not a day of the program, not an item
        found: list[days.DayRef] = []
        for text in texts:
            first = text.split("\n")[0]
            ref = days.heading(first, True) if clock.leading(first) is None else None
            if ref is not None:
                found.append(ref)
        named = {r for r in found if r.month or r.weekday is not None}
        if not found or len(named) > 1 or \
                (len(texts) > 1 and len(found) == 1 and not found[0].month
                 and not any(days.find(t) for t in texts[1:])):
            return False  # no day, or one column per day (a header)
        dated = [r for r in found if r.month]
        self._day(dated[0] if dated else found[0], block.line)
        for text in texts:
            self._statement(text, block.line, True)
        return True

    def _paper_row(self, block: Block, cells: list[str], spanned: list[bool],
                   cols: Columns | None, used: set[int] | None = None) -> None:
        assert self.last is not None
        text, people, _, _ = self._title_cells(cells, spanned, cols, used or set())
        found = cell_items(text, people or ()) if text else []
        if not found:
            return
        item = found[0]
        last = self.last
        last.papers.append(Entry(block.line, last.day, last.start, last.end, last.label,
                                 item.title, people or item.authors,
                                 Kind.PAPER if item.kind is Kind.TALK else item.kind,
                                 track=last.title, paper=True))

    def _timed_row(self, block: Block, cells: list[str], spanned: list[bool],
                   times: list[tuple[int, clock.Span]], cols: Columns | None) -> None:
        self.found.times_seen += 1
        cells = [c.split("\n")[0] if i in {j for j, _ in times} else c
                 for i, c in enumerate(cells)]
        roles = cols.roles if cols else []
        for i, role in enumerate(roles):
            if role == "date" and i < len(cells) and cells[i] and not spanned[i]:
                stated = days.find(cells[i])
                if stated is not None and (stated.ref.month or stated.ref.weekday is not None):
                    self.day = stated.ref  # | 2024-02-05 | 09:00-12:00 | Talk |
        labels = cols.labels if cols else []
        used = {i for i, _ in times}
        by_role = {roles[i]: (i, s) for i, s in times if i < len(roles)}
        start_i, span = times[0]
        end: clock.Clock | None = span.end
        label = labels[start_i] if start_i < len(labels) else None
        others: list[tuple[str, clock.Span]] = []
        if "start" in by_role and "end" in by_role:
            start_i, span = by_role["start"]
            end = by_role["end"][1].start
        elif len(times) >= 2 and times[0][1].end is None and times[1][1].end is None and \
                adjacent(cells, times[0][0], times[1][0]) and not (
                    labels and labels[times[1][0]] if times[1][0] < len(labels) else False):
            end = times[1][1].start  # | 9:00 | 9:30 | Title |, | 9:00 | - | 10:30 | Title |
        else:
            for i, s in times[1:]:
                if i < len(labels) and labels[i]:
                    others.append((labels[i] or "", s))
        cell_zone = zones.after(cells[start_i], span.last)
        if cell_zone is not None:
            label = cell_zone.label
        if spanned[start_i] and self.last is not None and self.last.start == span.start:
            self._paper_row(block, cells, spanned, cols, used)  # under a time spanning rows
            return
        tracks = [i for i, r in enumerate(roles) if r == "other" and i not in used]
        if cols is not None and len(tracks) >= 2 and "title" not in roles:
            self._parallel(block, cells, spanned, span, end, label, cols, tracks)
            return
        text, people, kind_text, listed = self._title_cells(cells, spanned, cols, used)
        entry = Entry(block.line, self.day, span.start, end, label, column_labels=tuple(others))
        found = cell_items(text, people or ()) if text else []
        papers: list[items.Item] = []
        if len(found) >= 2 and items.is_session(found[0].title):
            papers = found[1:]  # "Oral Session 1" and its papers
        elif len(found) >= 2 and kind_text and items.is_session(kind_text):
            papers, found = found, [items.read_item(kind_text)]  # several talks in one cell
        elif listed:
            papers = [items.read_item(line) for line in listed]
        item = found[0] if found else None
        if item is not None and people:
            item = item._replace(authors=people)
        if item is not None and not papers and kind_text and \
                (people := items.names(item.title)) is not None:
            item = items.Item(kind_text, people, item.kind)  # "Panel | Moderator: Ann Lee"
        if item is not None and kind_text and items.kind_of(kind_text) is not Kind.TALK:
            item = item._replace(kind=items.kind_of(kind_text))
        entry.room = self._cell_of(cells, cols, "room")
        if block.struck:
            entry.status = Status.CANCELLED
        self._add(entry, item, pending=item is None)
        for paper in papers:
            entry.papers.append(Entry(block.line, entry.day, entry.start, entry.end, entry.label,
                                      paper.title, paper.authors,
                                      Kind.PAPER if paper.kind is Kind.TALK else paper.kind,
                                      track=entry.title, paper=True))

    def _parallel(self, block: Block, cells: list[str], spanned: list[bool], span: clock.Span,
                  end: clock.Clock | None, label: str | None, cols: Columns,
                  tracks: list[int]) -> None:
        """| Time | Room A | Room B |: one entry per room's cell; a cell spanning them all is
        one entry."""
        filled = [i for i in tracks if i < len(cells) and cells[i] and not spanned[i]]
        for i in tracks:
            if i not in filled:
                self.down.pop((block.table, i), None)
            # A column still spanned from above goes on; a break spanning columns of this row
            # ('<td colspan="3">Break') starts there, ending what that column held.
            if not (i < len(spanned) and spanned[i]) or (i < len(block.across)
                                                          and block.across[i]):
                waiting = self.open.pop((block.table, i), None)
                if waiting is not None and waiting.end is None and \
                        span.start.minutes() > waiting.start.minutes():
                    waiting.end = span.start
        for i in filled:
            lines, kind = items.labelled(cells[i].split("\n"))
            item = items.read_item(lines[0])
            if kind is not None:
                item = item._replace(kind=kind)
            people = items.names(lines[1]) if len(lines) > 1 else None
            day = cols.days[i] if i < len(cols.days) else None
            above = self.down.get((block.table, i))
            if above is not None and above.title == item.title and above.end == span.start \
                    and above.day == (day or self.day) and end is not None:
                above.end = end
                continue
            entry = Entry(block.line, day or self.day, span.start, end, label,
                          room="" if day or (len(filled) == 1 and spans_all(spanned, i, tracks))
                          else items.clean(cols.names[i]))
            self._add(entry, item._replace(authors=people or item.authors), pending=False)
            self.down[(block.table, i)] = entry
            if end is None:
                self.open[(block.table, i)] = entry

    def _cell_of(self, cells: list[str], cols: Columns | None, role: str) -> str:
        if cols is None:
            return ""
        for i, r in enumerate(cols.roles):
            if r == role and i < len(cells) and cells[i]:
                return items.clean(cells[i].replace("\n", " "))
        return ""

    def _title_cells(self, cells: list[str], spanned: list[bool], cols: Columns | None,
                     used: set[int]) -> tuple[str, tuple[str, ...] | None, str, list[str]]:
        """The title cell's text (all its lines), the speakers of a speaker cell, the text of a
        kind cell, and the 'Title (Name)' lines of other cells (talks listed beside a
        session's description)."""
        roles = cols.roles if cols else []
        title_parts: list[str] = []
        people: tuple[str, ...] | None = None
        kind_text = ""
        free: list[str] = []
        unnamed = ""  # a 'speaker' cell that names no one
        for i, cell in enumerate(cells):
            if i in used or not cell or (i < len(spanned) and spanned[i] and title_parts):
                continue
            role = roles[i] if i < len(roles) else "other"
            if role in ("room", "skip", "time", "start", "end", "chair", "date"):
                continue
            if role == "speaker":
                listed = [p for p in (items.clean(x) for x in cell.split("\n"))
                          if any(c.isalpha() for c in p)]
                people = items.names(", ".join(listed))
                if people is None and cols is not None and i < len(cols.names) and \
                        cols.names[i].strip().lower().rstrip(":") in ("name", "names"):
                    unnamed = cell  # under 'Name': a person's, or the item's own?
                people = people or (tuple(listed) or None)
            elif role == "kind":
                kind_text = items.clean(cell)
            elif role == "title":
                title_parts.append(cell)
            else:
                free.append(cell)
        head = title_parts[0] if len(title_parts) == 1 else "" if title_parts else \
            (free[0] if free else "")
        if unnamed and head and "\n" not in head and items.kind_heading(head) is not None:
            # | Keynote | 9:00 | Human Centered NLP (Diyi Yang) | under | Program | Start |
            # | Name |: the first cell is the kind, the 'Name' the item's own
            kind_text, title_parts, people = items.clean(head), [unnamed], None
            free = [c for c in free if c is not head]
        if not title_parts and free:
            title_parts, free = free[:1], free[1:]
            if not kind_text and free and "\n" not in title_parts[0] \
                    and (items.bare_kind(title_parts[0]) or items.kind_heading(title_parts[0])
                         in _TEACHING) and any(c.isalpha() for c in free[0]):
                # | 10:45 | Spotlights | Spotlight Talks (4) |: a kind, then the item;
                # | 08:30–09:15 | Lecture 01 | Introduction to Bioconductor (Lori Kern) |
                kind_text, title_parts, free = items.clean(title_parts[0]), free[:1], free[1:]
        if people is None:
            for cell in free:
                if (found := items.names(cell.replace("\n", ", "))) is not None:
                    people = found
                    break
        listed = [line for cell in free for line in cell.split("\n")
                  if _LISTED_TALK.match(line) and items.read_item(line).authors]
        text = "\n".join(title_parts)
        return text or kind_text, people, kind_text, listed


# Kinds a numbered cell names before the item's own title ('Lecture 01', 'Lab 2', 'Tutorial').
_TEACHING = frozenset([Kind.TALK, Kind.TUTORIAL, Kind.WORKSHOP])


# "Chair: Ann Lee", "Moderator: TBA": about a session, never one of its papers.
_ROLE_LINE = re.compile(r"^(?:session\s+)?(?:chairs?|chairpersons?|moderators?|hosts?|"
                        r"organi[sz]ers?|location|room|venue|zoom|link)\s*:",
                        re.IGNORECASE | re.ASCII)
# The label of a line giving an item's day and time ('When:', 'Date & time:', '日時：').
_WHEN_FIELD = re.compile(
    r"^\W{0,3}(?:time|date|when|date\s*(?:&|and)\s*time|hora|horario|horário|fecha|data|zeit|"
    r"wann|datum|uhrzeit|termin|heure|horaire|quand|date et heure|日時|時間|日程|时间|日期|일시)"
    r"\W{0,3}?\s*[:：]\s*", re.IGNORECASE)
# A detail line whose value is a link ('Google Meet URL: https://…', 'Slides: http://…').
_LINK_LINE = re.compile(r"^[^:：]{1,40}[:：]\s*(?:https?://|www\.)\S*\s*$", re.IGNORECASE)
_LISTED_TALK = re.compile(r"^[^()]{12,200}\([^()]{3,100}\)$")


def _promote(entry: Entry) -> None:
    """A held name line that no title line followed is the item's own name ('報到')."""
    if entry.held and not entry.title:
        entry.title, entry.authors, entry.kind = items.read_item(entry.held)
    entry.held = ""


def walk(blocks: list[Block]) -> Found:
    walker = Walk()
    for block in blocks:
        walker.block(block)
    if walker.pending is not None:
        _promote(walker.pending)
    return walker.found
