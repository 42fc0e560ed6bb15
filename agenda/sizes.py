"""How big a calendar subscribing clients still take.

Google Calendar stops reading a subscribed calendar past about 1 MB or 1,000 events, without
an error: the rest of the events are silently missing. So export and the feed's page say so.
"""

from __future__ import annotations

from .models import Notice

MAX_BYTES = 1_000_000
MAX_EVENTS = 1_000


def too_big(path: str, size: int, events: int) -> tuple[Notice, ...]:
    """A warning when a calendar of `size` bytes and `events` events is past the limits."""
    if size <= MAX_BYTES and events <= MAX_EVENTS:
        return ()
    return (Notice(warning(size, events), None if path == "-" else path, topic="ics-size"),)


def warning(size: int, events: int) -> str:
    return (f"the calendar has {events:,} events in {size / 1e6:.1f} MB; Google Calendar "
            f"silently drops events of subscribed calendars past about 1,000 events or 1 MB "
            "(narrow the selection, or --brief leaves the abstracts out)")
