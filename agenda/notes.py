"""What the user is told on stderr: one line per notice, except that a topic many pages share
(a thousand undated pages all dated 2020) is shown for the first few pages and then once.

A topic carries the decision itself ('using 2020'), so a page that was decided differently is
never folded into the others' summary.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from .models import Notice

SHOWN = 3  # pages shown in full before the summary line
SUMMARISE_FROM = 6  # fewer pages than this are all shown


def lines(notes: Iterable[Notice]) -> list[str]:
    """The text of each warning, in order, with long runs of one topic summarised."""
    notes = list(notes)
    counts = Counter(n.topic for n in notes if n.topic is not None)
    seen: Counter[str] = Counter()
    out = []
    for note in notes:
        topic = note.topic
        if topic is None or counts[topic] < SUMMARISE_FROM:
            out.append(str(note))
            continue
        seen[topic] += 1
        if seen[topic] <= SHOWN:
            out.append(str(note))
        elif seen[topic] == SHOWN + 1:
            out.append(f"and {counts[topic] - SHOWN:,} more pages: {topic}")
    return out
