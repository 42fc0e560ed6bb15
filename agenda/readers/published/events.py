"""What every published-schedule reader shares: its size limit, the words that name an event's
kind and status, the conference's zone, texts that may be translated, and the merging of one
event listed twice.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from ...errors import PageError
from ...models import Kind, Status
from .. import kinds
from ..page import Page
from .event_fields import status_of as event_status

# A published schedule larger than this is refused before it is parsed: a conference of
# 100,000 events is about 100 MB of frab XML, and parsing holds several times the file in memory.
MAX_CHARS = 256_000_000


def check_size(page: Page, what: str) -> None:
    if len(page.text) > MAX_CHARS:
        raise PageError(f"the {what} is {len(page.text) / 1e6:,.0f} MB, over agenda's limit of "
                        f"{MAX_CHARS / 1e6:,.0f} MB for one published schedule; split it or "
                        "export fewer days", page.path)


def kind_of(type_text: str, title: str = "") -> Kind:
    """An event's kind from its type (frab `type`, pretalx submission type, Indico contribution
    type; its first kind word decides), else from what its title says; a talk if neither
    says."""
    kind = kinds.found_in(type_text) if type_text else None
    return kind or kinds.of_title(title) or Kind.TALK


# Marks organisers put in a title when they cancel an event but keep it listed.
_CANCELLED_MARKS = ("cancelled", "canceled", "abgesagt", "entfällt", "entfaellt", "annulé",
                    "annule")


def status_of(state: str = "", title: str = "") -> Status:
    """Cancelled when the source's state says so, or its title is marked ('[CANCELLED] ...',
    'Abgesagt: ...'); else confirmed."""
    if state and event_status(state) is Status.CANCELLED:
        return Status.CANCELLED
    low = title.lower()
    if "cancel" not in low and "abgesagt" not in low and "entf" not in low and "annul" not in low:
        return Status.CONFIRMED
    head = low.lstrip(" [(*-").replace("\u00a0", " ")
    if head.startswith(_CANCELLED_MARKS):
        return Status.CANCELLED
    tail = low.rstrip(" ])*")
    return Status.CANCELLED if tail.endswith(_CANCELLED_MARKS) else Status.CONFIRMED


# Ruby on Rails zone names (frab wrote 'Berlin' before it wrote IANA names) that are not the
# last part of their IANA name.
_RAILS_ZONES = {
    "hawaii": "Pacific/Honolulu", "alaska": "America/Juneau", "arizona": "America/Phoenix",
    "pacific time (us & canada)": "America/Los_Angeles",
    "mountain time (us & canada)": "America/Denver",
    "central time (us & canada)": "America/Chicago",
    "eastern time (us & canada)": "America/New_York",
    "atlantic time (canada)": "America/Halifax", "newfoundland": "America/St_Johns",
    "brasilia": "America/Sao_Paulo", "edinburgh": "Europe/London", "bern": "Europe/Zurich",
    "pretoria": "Africa/Johannesburg", "abu dhabi": "Asia/Muscat", "islamabad": "Asia/Karachi",
    "new delhi": "Asia/Kolkata", "mumbai": "Asia/Kolkata", "chennai": "Asia/Kolkata",
    "beijing": "Asia/Shanghai", "osaka": "Asia/Tokyo", "sapporo": "Asia/Tokyo",
    "canberra": "Australia/Melbourne", "wellington": "Pacific/Auckland",
    "utc": "UTC", "gmt": "UTC",
}


@lru_cache(maxsize=64)
def _by_city() -> dict[str, str]:
    found: dict[str, str] = {}
    for name in sorted(available_timezones()):
        if "/" in name and not name.startswith(("Etc/", "SystemV/", "US/")):
            found.setdefault(name.rsplit("/", 1)[1].replace("_", " ").casefold(), name)
    return found


@lru_cache(maxsize=64)
def conference_zone(name: str) -> tuple[ZoneInfo | None, str]:
    """The IANA zone a file names, and what to tell the user: '' when the name is a real IANA
    name, else how it was read ('Berlin' as Europe/Berlin) or that it is unknown."""
    name = name.strip()
    if not name:
        return None, ""
    try:
        if not name.startswith(("/", ".")) and ".." not in name:
            return ZoneInfo(name), ""
    except (ZoneInfoNotFoundError, ValueError):
        pass
    key = name.casefold()
    iana = _RAILS_ZONES.get(key) or _by_city().get(key.replace("_", " "))
    if iana:
        return ZoneInfo(iana), f"the time zone {name!r} is read as {iana}"
    return None, (f"unknown time zone {name!r}; times are read by their own UTC offsets "
                  "(--source-tz names the zone to show them in)")


def text_of(value: Any) -> str:
    """A field as plain text: translated fields ({'en': ..., 'de': ...}) give English, else
    their first language; numbers their digits; anything else nothing."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, dict):
        for key in ("en", "name", "title"):
            if isinstance(value.get(key), str | dict):
                return text_of(value[key])
        return next((text_of(v) for v in value.values() if isinstance(v, str) and v.strip()), "")
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return ""


def person_names(people: Any) -> tuple[str, ...]:
    """Names from a list of persons as the formats write them: strings, or objects with
    public_name / name / fullName / first and last names."""
    if not isinstance(people, list):
        return ()
    names = []
    for person in people:
        if isinstance(person, dict):
            # Indico's fullName is "Last, First": its first_name and last_name read better.
            name = (text_of(person.get("public_name")) or text_of(person.get("full_public_name"))
                    or text_of(person.get("name"))
                    or " ".join(filter(None, (text_of(person.get("first_name")),
                                              text_of(person.get("last_name")))))
                    or text_of(person.get("fullName"))
                    or " ".join(filter(None, (text_of(person.get("firstName")),
                                              text_of(person.get("familyName"))))))
        else:
            name = text_of(person)
        if name and name not in names:
            names.append(name)
    return tuple(names)


def abstract_of(*parts: str) -> str:
    """Subtitle, abstract and description as paragraphs, each once."""
    out: list[str] = []
    for part in parts:
        text = part.strip()
        if text and text not in out:
            out.append(text)
    return "\n\n".join(out)
