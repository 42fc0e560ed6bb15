"""The words every writer puts around a talk: its summary line, its description and kind labels.

Kept apart from the writers so that each writer loads only what it needs (the CSV writer never
loads icalendar).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .models import Kind, Status, Talk
from .text import multi_line, one_line

if TYPE_CHECKING:
    from .plan import Plan

KIND_LABEL = {Kind.ORAL: "Oral", Kind.SPOTLIGHT: "Spotlight", Kind.POSTER: "Poster",
              Kind.INVITED: "Invited talk", Kind.BREAK: "Break", Kind.QA: "Q&A",
              Kind.EMPTY: "Empty slot", Kind.TALK: "Talk", Kind.KEYNOTE: "Keynote",
              Kind.PANEL: "Panel", Kind.TUTORIAL: "Tutorial", Kind.WORKSHOP: "Workshop",
              Kind.OPENING: "Opening", Kind.SOCIAL: "Social"}


def summary(talk: Talk) -> str:
    label = KIND_LABEL.get(talk.kind)
    title = one_line(talk.title) or label or "Slot"
    said = f"[{label}] {title}" if label and talk.is_talk else title
    return f"Cancelled: {said}" if talk.status is Status.CANCELLED else said


def description(talk: Talk, brief: bool = False, plan: Plan | None = None) -> str:
    """Authors, track, room, chairs and URL, what a plan says of the talk (its alternatives,
    or the talk it is an alternative to), then the abstract unless `brief` (a calendar of
    thousands of talks is mostly abstracts, and subscribing clients drop large ones)."""
    lines = []
    if talk.authors:
        lines.append("Authors: " + ", ".join(one_line(a) for a in talk.authors))
    if talk.track:
        lines.append("Track: " + one_line(talk.track))
    if talk.room:
        lines.append("Room: " + one_line(talk.room))
    if talk.chairs:
        lines.append("Chairs: " + ", ".join(one_line(c) for c in talk.chairs))
    if talk.url:
        lines.append("URL: " + one_line(talk.url))
    if plan is not None:
        lines.extend(plan.words_for(talk))
    abstract = "" if brief else multi_line(talk.abstract)
    return "\n".join(lines) + ("\n\n" + abstract if abstract else "")
