"""A deterministic synthetic conference of N talks in all four page layouts, for benchmarks.

    python -m benchmarks.generate 10000 /tmp/conf10k

Pages are written one at a time (nothing is held but the page being written). Text is
realistic: titles with non-ASCII names and TeX, 1-15 authors, ~1,000-character abstracts, many
tracks over several days, PST and PDT dates, breaks, joint Q&As and empty slots.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

LA = ZoneInfo("America/Los_Angeles")
FIRST = ["Ana", "Bo", "Chiyuan", "Dmitry", "Élodie", "François-Xavier", "Ivan", "Jörg", "Kaoutar",
         "Lechao", "María", "Nadezhda", "Øystein", "Paweł", "Qing", "Rūta", "Søren", "Tuo",
         "Ümit", "Yuhuai", "Zoë", "Šárka", "Çağlar", "Ngọc"]
LAST = ["Dokmanić", "Vialard", "Hvilshøj", "Müller", "García", "Zhang", "Nguyễn", "O'Brien",
        "Kowalski", "Jørgensen", "Sutskever", "Ba", "Bai", "Kim", "Lee", "Novak", "Sohl-Dickstein",
        "Åström", "Teh", "Gur-Ari"]
WORDS = ("learning neural network deep kernel tangent gradient descent convergence attention "
         "transformer graph bayesian inference variational optimization stochastic sparse "
         "equilibrium robust adversarial generalization representation contrastive diffusion "
         "policy reinforcement bandit causal fairness privacy federated pruning normalization "
         "spectral operator manifold geometry ensemble calibration uncertainty").split()
TEX = ["$L_2$", "$\\ell_1$", "$O(\\sqrt{T})$", "$\\epsilon$-greedy", "$k$-NN", "$\\mathcal{H}$"]
TOPICS = ["Deep Learning", "Theory", "Optimization", "Reinforcement Learning", "Vision",
          "Probabilistic Methods", "Language", "Fairness", "Graphs", "Robustness"]
# Three conferences: December (PST), July (PDT), and one across the November DST change.
CONFERENCES = [(datetime(2020, 12, 7, tzinfo=LA), 5), (datetime(2021, 7, 19, tzinfo=LA), 5),
               (datetime(2020, 10, 30, tzinfo=LA), 4)]
SLOTS_PER_PAGE = 12


def _title(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(4, 11))]
    if rng.random() < 0.3:
        words.insert(rng.randint(0, len(words)), rng.choice(TEX))
    if rng.random() < 0.2:
        words.append(f"for {rng.choice(LAST)}'s problem")
    return " ".join(words).capitalize()


def _authors(rng: random.Random) -> list[str]:
    return [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(rng.randint(1, 15))]


def _abstract(rng: random.Random) -> str:
    out: list[str] = []
    while sum(len(w) + 1 for w in out) < 1000:
        out.append(rng.choice(WORDS) if rng.random() > 0.03 else rng.choice(TEX))
    return " ".join(out).capitalize() + "."


def _slots(rng: random.Random, start: datetime) -> Iterator[tuple[str, datetime, datetime]]:
    """(kind, start, end) of one session."""
    at = start
    for i in range(SLOTS_PER_PAGE):
        kind = "Oral" if i < 3 else "Spotlight"
        if i == 3:
            kind = "Break"
        elif i in (7, 11):
            kind = "Q&A"
        elif rng.random() < 0.04:
            kind = "Empty"
        length = 15 if kind == "Oral" else 10
        yield kind, at, at + timedelta(minutes=length)
        at += timedelta(minutes=length)


def _text_slot(moment: datetime, end: datetime, month: str) -> str:
    return (f"{moment:%a} {moment.day} {month} {moment.hour}:{moment:%M} - "
            f"{end.hour}:{end:%M} {moment.tzname()}")


def page(layout: int, track: int, rng: random.Random, start: datetime,
         truth: list[tuple[str, datetime, datetime]] | None = None) -> tuple[str, int]:
    """(page text, number of talks) of one session in layout 0-3; each talk's (title, start,
    end) is appended to `truth` when given."""
    name = f"Orals & Spotlights Track {track}: {TOPICS[track % len(TOPICS)]}"
    chairs = _authors(rng)[:2]
    if layout == 1:
        lines = [f"## {name}", "", "### Time", "", "### Session chairs", "",
                 ", ".join(chairs) + "### Video", "", "### Schedule", ""]
    elif layout == 2:
        lines = [name, "", f"Moderator: {chairs[0]}", "", "", "Chat is not available.", ""]
    else:
        lines = ["Skip to yearly menu bar Skip to main content", "", ""]
        lines += ["Session", ""] if layout == 3 else []
        lines += [name, "", " · ".join(chairs), "", "Chat is not available.", ""]
    talks = 0
    for number, (kind, begin, end) in enumerate(_slots(rng, start), 1):
        title, authors, abstract = _title(rng), _authors(rng), _abstract(rng)
        talk = kind in ("Oral", "Spotlight")
        talks += talk
        if talk and truth is not None:
            truth.append((title, begin, end))
        if layout == 1:
            lines += [f"{begin.isoformat()} - {end.isoformat()}", ""]
            if kind == "Break":
                lines += ["##### Break", ""]
            elif kind == "Q&A":
                lines += ["##### Q&A: Joint Q&A for Preceeding Spotlights", ""]
            elif talk:
                lines += [f"##### {number} - {kind}: {title}", "", ", ".join(authors), "",
                          abstract, ""]
            continue
        slot = _text_slot(begin, end, "July" if layout == 2 else f"{begin:%b}.")
        lines += [slot, ""] if layout != 2 else [slot]
        if layout == 3 and kind != "Empty":
            lines.append(kind)
        if kind == "Break":
            lines += ["Break", ""]
        elif kind == "Q&A":
            lines += ["Joint Q&A for Preceeding Spotlights", ""]
        elif talk:
            lines += [title, "", " · ".join(authors), "", abstract, ""]
            lines += ["[ Paper PDF ] [ ]"] if layout == 2 else []
    return "\n".join(lines) + "\n", talks


def generate(count: int, folder: Path, seed: int = 2020,
             truth: list[tuple[str, datetime, datetime]] | None = None) -> tuple[int, int]:
    """Write pages until `count` talks exist; returns (pages, talks)."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    pages = talks = 0
    while talks < count:
        conference, days = CONFERENCES[pages % len(CONFERENCES)]
        track = pages // len(CONFERENCES) + 1
        day = (track - 1) % days
        start = conference + timedelta(days=day, hours=6 + 12 * ((track // days) % 2))
        layout = 2 if conference.month == 7 else (pages // len(CONFERENCES)) % 4
        if layout == 2 and conference.month != 7:
            layout = 0
        text, n = page(layout, track, rng, start, truth)
        (folder / f"page_{pages:06d}.txt").write_text(text, encoding="utf-8")
        pages, talks = pages + 1, talks + n
    return pages, talks


if __name__ == "__main__":
    made = generate(int(sys.argv[1]), Path(sys.argv[2]))
    print(f"wrote {made[0]} pages with {made[1]} talks to {sys.argv[2]}")
