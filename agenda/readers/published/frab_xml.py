"""frab / pentabarf schedule XML (CCC, FOSDEM, pretalx's schedule.xml, osem, wafer):
<schedule><conference>...<day><room><event>.

XML is parsed with lxml's parser made safe: no entity is ever expanded, no DTD loaded, nothing
fetched from the network, no huge-tree allowances; a file that declares entities or an
external DTD is refused before parsing, so an XML bomb or an external entity never runs.
"""

from __future__ import annotations

import re
from datetime import date

from lxml import etree

from ...errors import PageError
from ..page import Page, PageRead
from .event_fields import merge_duplicates, split_names
from .events import abstract_of, check_size, kind_of, status_of
from .frab_events import FrabDay, FrabEvent, slots_of

STRUCTURED = True  # recognised by its first bytes (see readers.detect)
NAME = "frab-xml"
CONFERENCE = "frab"
DESCRIPTION = "frab / pentabarf schedule XML ('<schedule><conference>...<day><room><event>')"

_HEAD = 65536  # the root element must open within this many characters


def _prolog(page: Page) -> str | None:
    """The text before the <schedule> root element, if the page is XML with that root."""
    head = page.text[:_HEAD]
    if not head.lstrip().startswith("<"):
        return None
    at = head.find("<schedule")
    if at < 0 or head[at + 9: at + 10] not in (">", " ", "\n", "/", "\t"):
        return None
    before = head[:at]
    return None if "<html" in before.lower() else before


def detect(page: Page) -> float:
    """A document whose root element is <schedule>: certain, whatever the other layouts say."""
    return 10.0 if _prolog(page) is not None else 0.0


def _refuse_declarations(page: Page, prolog: str) -> None:
    """Entities and external DTDs are refused, never resolved (an XML bomb, a file read)."""
    upper = prolog.upper()
    for mark, what in (("<!ENTITY", "declares XML entities"),
                       ("SYSTEM", "names an external DTD"), ("PUBLIC", "names an external DTD")):
        at = upper.find(mark)
        if at >= 0 and (mark == "<!ENTITY" or "<!DOCTYPE" in upper[:at]):
            line = prolog.count("\n", 0, at) + 1
            raise PageError(f"the XML {what} in its DOCTYPE, which agenda never expands or "
                            "fetches (an XML bomb or an external entity); remove the DOCTYPE",
                            page.path, line)


_PARSER_OPTIONS = {"resolve_entities": False, "no_network": True, "load_dtd": False,
                   "huge_tree": False, "dtd_validation": False, "remove_comments": True,
                   "remove_pis": True, "encoding": "utf-8"}


# An entity reference other than XML's five and character references: only such text can leave
# an entity node in the tree. Looking for it in the text is a literal scan, ten times faster
# than walking a tree of two million elements for entity nodes.
_ENTITY_REFERENCE = re.compile(r"&(?!(?:amp|lt|gt|quot|apos);|#)")


def _root(page: Page) -> etree._Element:
    prolog = _prolog(page)
    if prolog is None:
        raise PageError("not a frab schedule: the XML root is not <schedule>", page.path)
    _refuse_declarations(page, prolog)
    parser = etree.XMLParser(**_PARSER_OPTIONS)
    try:
        root = etree.fromstring(page.text.encode("utf-8"), parser)
    except etree.XMLSyntaxError as exc:
        message = str(exc.msg or exc).split("\n")[0]
        raise PageError(f"malformed XML: {message}", page.path, exc.lineno or None) from None
    if _ENTITY_REFERENCE.search(page.text) is None:
        return root  # nothing the parser could have kept as an entity
    for node in root.iter(etree.Entity):
        raise PageError("the XML uses an entity, which agenda never expands",
                        page.path, node.sourceline)
    return root


def _text(element: etree._Element | None) -> str:
    if element is None:
        return ""
    return "".join(element.itertext()).strip()


def _day(element: etree._Element) -> FrabDay:
    written = element.get("date", "")
    try:
        on: date | None = date.fromisoformat(written.strip()[:10]) if written else None
    except ValueError:
        raise PageError(f"the day's date {written!r} is not a date (YYYY-MM-DD)", None,
                        element.sourceline) from None
    return FrabDay(on, element.get("start", ""), element.get("end", ""))


def _child(element: etree._Element, fields: dict[str, str | None], tag: str
           ) -> etree._Element | None:
    """The first child `tag`, as `find` gives it (but `find` costs as much as reading all the
    fields): when no tag repeats, the fields are in the children's order."""
    if tag not in fields:
        return None
    if len(fields) == len(element):
        return element[list(fields).index(tag)]
    return element.find(tag)


def _event(element: etree._Element, day: FrabDay | None, room: str) -> FrabEvent:
    # Each child's tag and text read in C, in one pass: a conference has 100,000 events of
    # twenty fields each. Fields are plain text (the parser drops comments).
    fields = {child.tag: child.text for child in element}
    get = fields.get
    title = (get("title") or "").strip()
    persons = _child(element, fields, "persons")
    if persons is None:  # pentabarf-like exports (EuroPython 2014)
        persons = _child(element, fields, "speakers")
    authors: tuple[str, ...] = ()
    if persons is not None:
        names: list[str] = []
        for person in persons:  # the parser keeps only elements and text
            if person.tag not in ("person", "speaker"):
                continue
            name = (person.text or "").strip() or (person.findtext("name") or "").strip()
            if name and name not in names:
                names.append(name)
        authors = tuple(names)
    if not authors:
        # Hand-made exports (Jekyll templates) write the names as one <person> or <speakers>
        # text directly in the event: "Dr. A, B".
        authors = split_names(get("person") or get("persons") or get("speakers") or "")
    return FrabEvent(
        element.sourceline or 0, day, (get("date") or "").strip(),
        (get("start") or "").strip(), (get("duration") or "").strip(), title,
        kind_of(get("type") or get("category") or "", title), (get("track") or "").strip(),
        (get("room") or "").strip() or room, (get("url") or "").strip() or None,
        (element.get("guid") or element.get("id") or "").strip(), authors,
        abstract_of(get("subtitle") or "", get("abstract") or "", get("description") or ""),
        status_of(get("state") or get("status") or "", title))


def read(page: Page) -> PageRead:
    check_size(page, "XML schedule")
    root = _root(page)
    if etree.QName(root).localname != "schedule":
        raise PageError("not a frab schedule: the XML root is not <schedule>", page.path)
    conference = root.find("conference")
    zone_name = _text(conference.find("time_zone_name")) if conference is not None else ""
    events: list[FrabEvent] = []
    for day_element in root.iterchildren("day"):
        try:
            day = _day(day_element)
        except PageError as exc:
            raise PageError(exc.message, page.path, exc.line) from None
        for child in day_element:
            if child.tag == "room":
                name = child.get("name", "").strip()
                events.extend(_event(e, day, name) for e in child.iterchildren("event", "entry"))
            elif child.tag in ("event", "entry"):  # listed without rooms
                events.append(_event(child, day, ""))
    if not events:
        raise PageError("the frab schedule lists no events", page.path)
    slots, notes = slots_of(events, zone_name, page.path)
    merged, said = merge_duplicates(slots, page.path)
    title = " ".join(_text(conference.find("title")).split()) if conference is not None else ""
    return PageRead(page.path, NAME, "", (), None, tuple(merged), (*notes, *said),
                    conference=title[:200])
