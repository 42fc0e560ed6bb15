"""What a program table's header and cells say: each column's role (time, title, speaker,
room, a day), the items one cell lists (numbered papers, title and speaker lines), and cells
that are only a time. The walk over a page's blocks (`entries`) asks these of each row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import clock, days, items, zones
from .blocks import Block

_ROLE_WORDS: tuple[tuple[str, str], ...] = (
    ("date", "date"), ("day", "date"),
    ("start", "start"), ("begin", "start"), ("from", "start"), ("end", "end"),
    ("until", "end"), ("time", "time"), ("when", "time"), ("hour", "time"),
    ("slot", "time"), ("title", "title"), ("talk", "title"), ("event", "title"),
    ("session", "title"), ("topic", "title"), ("activity", "title"), ("program", "title"),
    ("programme", "title"), ("what", "title"), ("presentation", "title"),
    ("description", "title"), ("agenda", "title"), ("item", "title"), ("details", "title"),
    ("paper", "title"), ("lecture", "title"), ("subject", "title"), ("content", "title"),
    ("schedule", "title"), ("plan", "title"), ("speaker", "speaker"), ("presenter", "speaker"),
    ("author", "speaker"), ("who", "speaker"), ("by", "speaker"), ("name", "speaker"),
    ("chair", "chair"), ("moderator", "chair"), ("host", "chair"), ("room", "room"),
    ("location", "room"), ("venue", "room"), ("where", "room"), ("place", "room"),
    ("hall", "room"), ("type", "kind"), ("format", "kind"), ("kind", "kind"),
    ("category", "kind"), ("affiliation", "skip"), ("institution", "skip"),
    ("material", "skip"), ("slides", "skip"), ("video", "skip"), ("link", "skip"),
    ("recording", "skip"), ("#", "skip"), ("no", "skip"),
)


@dataclass(slots=True)
class Columns:
    roles: list[str]
    labels: list[str | None]
    names: list[str]
    days: list[days.DayRef | None] = field(default_factory=list)  # | Time | Mon 1 | Tue 2 |


def role_of(text: str) -> str:
    low = text.lower()
    words = re.findall(r"[a-z#]+", low)
    for word, role in _ROLE_WORDS:
        if any(w == word or w == word + "s" or w == word + "es" for w in words):
            return role
    return "other" if text.strip() else "empty"


# Column headers that each name a kind of item: side by side, they are parallel tracks.
_TRACK_KIND = re.compile(r"^(?:talks?|workshops?|tutorials?|posters?|demos?|lectures?|labs?|"
                         r"hands-on|sessions?|presentations?|courses?|sprints?)$",
                         re.IGNORECASE | re.ASCII)


_DETAILS = re.compile(r"\b(?:details?|descriptions?|notes?|comments?|remarks?)\b", re.ASCII)


def header(block: Block) -> Columns | None:
    """A table's header row: every cell short and none a time."""
    cells = block.cells
    if any(clock.only(c, 40) for c in cells if c) or not any(cells):
        return None
    if len(cells) > 1 and sum(1 for c in cells if c) == 1:
        return None  # one cell across the table: a section title, not column names
    if not block.header and (any(len(c) > 40 for c in cells)
                             or not any(role_of(c) in ("time", "start", "title", "speaker")
                                        for c in cells)) and not day_columns(cells):
        return None
    labels = []
    for c in cells:
        stated = zones.mentions(c)
        labels.append(stated[0].label if stated else None)
    roles = ["time" if (label and role_of(c) in ("other", "time")) else role_of(c)
             for c, label in zip(cells, labels, strict=True)]
    if roles.count("title") >= 2:
        # | Time | Plan | Details |: a details column beside a named title column is notes
        lows = [c.lower() for c in cells]
        titles = [i for i, r in enumerate(roles) if r == "title" and not _DETAILS.search(lows[i])]
        if titles:
            roles = ["skip" if r == "title" and i not in titles else r
                     for i, r in enumerate(roles)]
    kinds = [i for i, c in enumerate(cells) if roles[i] in ("title", "other")
             and _TRACK_KIND.match(c.strip())]
    if len(kinds) >= 2:
        roles = ["other" if i in kinds else r for i, r in enumerate(roles)]  # | Talks | Labs |
    if roles.count("room") >= 2 and "title" not in roles:
        roles = ["other" if r == "room" else r for r in roles]  # | Time | Room A | Room B |
    named = [days.heading(c, True) if c and not label else None
             for c, label in zip(cells, labels, strict=True)]
    if any(c and ref is None for c, ref in zip(cells, named, strict=True)):
        settled = days.numeric_columns(list(cells))  # | 08/07/2024 | 09/07/2024 | ...
        named = [ref or other for ref, other in zip(named, settled, strict=True)]
    for i, ref in enumerate(named):
        if ref is not None:
            roles[i] = "other"  # a day's column: its cells are that day's items
    return Columns(roles, labels, list(cells), named)


def _material(line: str) -> bool:
    """A link to slides, a PDF or a video beside a title: not a title itself."""
    return _MATERIAL.search(line) is not None


def cell_items(text: str, known: tuple[str, ...] = ()) -> list[items.Item]:
    """The items of a multi-line cell: a title line, maybe a speaker line under it; long
    abstract lines and links to material left out; 'Theme 1:' joined to the line below."""
    raw, kind = items.labelled([line.strip() for line in text.split("\n")])
    numbered = sum(1 for line in raw if _NUMBERED.match(line)) >= 2
    lines: list[str] = []
    for line in raw:
        if not any(c.isalnum() for c in line) or _material(line):
            continue
        if numbered and (m := _NUMBERED.match(line)):
            lines.append(line[m.end():])  # '1. VerMCTS: ...': one paper of a numbered list
            continue
        if lines and (lines[-1].endswith((":", ",")) or line.startswith(("&", "and "))) \
                and not items.names(line, True) and not _BULLET.match(line):
            lines[-1] = f"{lines[-1]} {line}"
        else:
            lines.append(line)
    lines = [items.clean(line) for line in lines]
    kept = [line for line in lines
            if not (len(line) > 250 or (line.endswith(".") and len(line.split()) > 20))]
    # A long sentence alone in its cell is the item's own (long) title, not its abstract.
    lines = kept or [line for line in lines[:1] if len(line) <= 250]
    # Only a kind-and-speaker line and a title line: the title is the item's name.
    alone = sum(1 for line in raw if line.strip()) == 2
    out = _paired(lines, True, known, alone)
    if len(out) >= 3 and sum(1 for item in out if item.authors) * 2 < len(out):
        # a speaker line under a title is a pattern: one lone 'name' among titles is a title
        out = _paired(lines, False, known)
    if kind is not None and out:
        out[0] = out[0]._replace(kind=kind)
    return out


def _paired(lines: list[str], speakers: bool, known: tuple[str, ...] = (),
            alone: bool = False) -> list[items.Item]:
    out: list[items.Item] = []
    if alone and speakers and len(lines) == 2 and \
            (led := items.kind_and_names(lines[0])) is not None \
            and not items.names(lines[1], True) and items.kind_and_names(lines[1]) is None:
        # 'Keynote: Ann Lee (MIT)' over 'Doing for Our Robots ...': the kind and speaker of the
        # title under them
        out.append(items.Item(items.read_item(lines[1], known=led[1]).title, led[1],
                               led[0]))
        lines = lines[2:]
    elif speakers and len(lines) >= 2 and "(" not in lines[0] \
            and (first := items.names(lines[0], True)) \
            and not items.names(lines[1], True) and (len(lines) == 2 or not items.names(
                lines[2], True)):
        # a speaker line above its title ('Ann Lee' then 'Rocket Science'), nothing under it
        out.append(items.read_item(lines[1])._replace(authors=first))
        lines = lines[2:]
    for line in lines:
        people = items.names(line, True) if speakers else None
        if people and out and not out[-1].authors:
            out[-1] = out[-1]._replace(authors=people)
            continue
        out.append(items.read_item(line, listed=len(lines) > 2, known=() if out else known))
    return out


_BULLET = re.compile(r"^[-•*·]\s")  # '- DANDI' listed under 'Tools, Part 2:'


_NUMBERED = re.compile(r"^[1-9]\d?[.)]\s+(?=\S)", re.ASCII)


_MATERIAL = re.compile(r"\((?:pdf|slides|video|pptx?|recording)\)$|^(?:(?:youtube|vimeo|zoom)\s+)?"
                       r"(?:slides|pdf|video|paper|code|recording|poster)$|\bslides$",
                       re.IGNORECASE | re.ASCII)


def time_cell(cell: str) -> clock.Span | None:
    """The time a table cell holds: all of it, or its first line above short notes ('55m'),
    or its first time beside the same time in other zones ('9:00 PT / 12:00 ET')."""
    first, _, rest = cell.partition("\n")
    if rest and not all(len(line) <= 12 for line in rest.split("\n")):
        return None
    span = clock.only(first, 12)
    if span is None and len(first) <= 80 and (lead := clock.leading(first)) is not None:
        left = first[lead.last:]
        for other in reversed(clock.spans(left)):
            left = left[:other.first] + left[other.last:]
        for mention in reversed(zones.mentions(left)):
            left = left[:mention.first] + left[mention.last:]
        if sum(1 for c in left if c.isalnum()) <= 2:
            span = lead
    return span


def adjacent(cells: list[str], first: int, second: int) -> bool:
    """Two time cells side by side, or with only a range mark between them ('| 9:00 | - |
    10:30 |')."""
    return second > first and all(set(cells[k].strip()) <= set("-–—~toTO ")
                                  for k in range(first + 1, second))


def day_columns(cells: tuple[str, ...]) -> bool:
    """A row of days over the columns below it ('| | 08/07/2024 | 09/07/2024 |'), the other
    cells empty."""
    if any(len(c) > 40 for c in cells):
        return False
    named = sum(1 for c in cells if c and days.heading(c, True) is not None)
    settled = sum(1 for ref in days.numeric_columns(list(cells)) if ref is not None)
    filled = sum(1 for c in cells if c)
    return max(named, settled) >= 2 and max(named, settled) >= filled - 1


def spans_all(spanned: list[bool], i: int, tracks: list[int]) -> bool:
    return all(j == i or (j < len(spanned) and spanned[j]) for j in tracks)


def held_people(text: str) -> tuple[str, ...]:
    """The speakers a card's name line gives: names, else its parts ('Ericpi、Jserv')."""
    found = items.names(text)
    if found is not None:
        return found
    parts = [p.strip() for p in re.split(r"[,，、;&]", text) if p.strip()]
    return tuple(parts[:12])
