"""What a program item says besides its time: title, speakers, kind.

Shapes: `Title`, `Name – Title`, `Title – Name`, `Name: Title`, `Title (Name)`, `Kind: Title`,
`Type - Name: Title`, a speaker line under a title. Names are told from titles by their look
(a few capitalised words, no title words), never by a list of people.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

from ...models import Kind
from .. import kinds
from . import languages

# Titles that are only a kind, so a "Name:"-looking prefix is really a kind word.
_KIND_PREFIX = re.compile(
    r"^(?:(?:invited|keynote|plenary|contributed|oral|spotlight|lightning|featured|guest|"
    r"poster)(?:\s+(?:talk|speaker|address|lecture|presentation|session|paper))?|talk|"
    r"lecture|panel(?:\s+discussion)?|tutorial|presentation|demo|"
    r"(?:(?:full|short|long|regular|accepted|position|demo|industry)\s+)?paper"
    r"(?:\s+presentation)?)(?:\s*#?\s*\d+)?$",
    re.IGNORECASE | re.ASCII)
# Kinds of activity before a colon ("Workshop: Building a Website", "Activity: Trivia"): what
# follows is the title even when it looks like a name. Unnumbered: "Session 3: Vision" names
# its session.
_ACTIVITY = re.compile(r"^(?:session|workshop|activity|seminar|hackathon|course|class|"
                       r"meet-?up)$",
                       re.IGNORECASE | re.ASCII)
# "[Plenary] Title": a bracketed kind word before the title.
_TAG = re.compile(r"^\[(?P<tag>[^\[\]]{2,30})\]\s*(?P<rest>.+)$")
_QUOTED = re.compile(r'^["“”](?P<inner>[^"“”]+)["“”]$|^«(?P<guillemets>.+)»$')
# "Session 1; Chair: Ann Lee", "Keynote, Moderator: Bo Chen": who chairs it, after the title.
_CHAIR_TAIL = re.compile(r"\s*[;,]\s*(?:session\s+)?(?:chairs?|chairpersons?|moderators?)\s*:"
                         r"[^;:]{2,160}$", re.IGNORECASE)
# "(details)", "[more info]": a link's generic words after a title, not part of it.
_LINK_WORDS_END = re.compile(r"\s*[(\[](?:details?|more(?:\s+info)?|info|link)[)\]]$",
                             re.IGNORECASE | re.ASCII)
# "[Paper 12] Title", "[Bài 2] Title": a bracketed label ending in a number, before the title.
_NUMBERED_TAG = re.compile(r"^\[[^\[\]\d]{1,20}\s*#?\d{1,4}\]\s*(?=\S)")
_LOWER_OK = frozenset(["de", "da", "van", "von", "der", "den", "la", "le", "di", "del", "dos",
                       "du", "bin", "al", "and", "&", "y", "ter", "zu", "el"])
_TITLE_WORDS = frozenset([
    "the", "of", "for", "in", "on", "with", "to", "a", "an", "from", "towards", "toward",
    "via", "is", "are", "what", "how", "why", "when", "learning", "models", "model", "data",
    "break", "lunch", "coffee", "session", "talk", "remarks", "opening", "closing", "panel",
    "discussion", "poster", "posters", "keynote", "invited", "q&a", "welcome", "award",
    "awards", "introduction", "networking", "tutorial", "workshop", "day", "program",
    "registration", "reception", "dinner", "breakfast", "end", "oral", "orals", "spotlights",
    "spotlight", "contributed", "talks", "papers", "paper", "best", "break-out", "breakout",
    "conclusion", "lightning", "summary", "demo", "demos", "social", "tba", "tbd", "speaker",
    "speakers", "intro", "concluding", "wrap-up", "wrap", "up", "we", "our", "can", "by",
    "all", "everyone", "organizers", "organisers", "teams", "team", "optional", "n/a",
    "at", "beyond", "using", "neural", "deep", "language", "large", "analysis", "networks",
    "system", "systems", "as", "or", "not", "do", "does", "you", "your", "new", "into",
    "against", "about", "through", "across", "without", "between", "under", "over", "beyond",
    "toward", "within", "upon", "versus", "vs", "is", "are", "be", "can", "should", "will",
    "attacks", "attack", "methods", "method", "networks", "inference", "algorithms",
    "algorithm", "theory", "applications", "approach", "framework", "benchmark", "dataset",
    "generative", "optimization", "quadrature", "priors", "reinforcement", "bayesian",
    "tba", "tbd", "announced", "open",
])
_SPLIT = re.compile(r"\s+(?:[-–—]|--)\s+")
_PARENS_END = re.compile(r"^(?P<title>.*\S)\s*[(\[](?P<inner>[^()\[\]]{2,160})[)\]]$")
_SESSION = re.compile(r"\b(?:sessions?|papers|orals|spotlights|posters|contributed talks|"
                      r"lightning talks|presentations|talks)\b", re.IGNORECASE | re.ASCII)
_CLEAN = " \t*_|:;,-–—•·>#`"
# At the end, '>' closes a tag written as text ('<body/>') and '#' ends 'C#': only the
# leading quote and heading marks are markup.
_CLEAN_END = " \t*_|:;,-–—•·`"
_END_MARK = re.compile(r"^(?:end|adjourn(?:ment)?|close|end of (?:the )?(?:day|workshop|"
                       r"program|programme|conference|session)s?|finish|wrap[- ]?up)\.?$",
                       re.IGNORECASE | re.ASCII)


class Item(NamedTuple):
    title: str
    authors: tuple[str, ...]
    kind: Kind


def clean(text: str) -> str:
    text = " ".join(text.split())
    return text.lstrip(_CLEAN).rstrip(_CLEAN_END).strip()


def unmarked(text: str) -> str:
    """The text without the marks a page puts around a title: pictographs at either end
    ('Hacky Hour 🚀🧪') and a pair of marks around it ('+ Event Kickoff +', '~ Social ~')."""
    text = text.strip()
    if not text.isascii():
        start, end = 0, len(text)
        while start < end and _mark(text[start]):
            start += 1
        while end > start and _mark(text[end - 1]):
            end -= 1
        text = text[start:end]
    if len(text) > 4 and text[0] == text[-1] and text[0] in "+~=!" and text[1] == " " \
            and text[-2] == " ":
        text = text[2:-2].strip()
    if len(text) > 2 and text[0] == "[" and text[-1] == "]" and "[" not in text[1:-1] \
            and "]" not in text[1:-1]:
        text = text[1:-1].strip()  # '[WELCOME NOTES]': the whole title in brackets
    return text


def _mark(char: str) -> bool:
    """A pictograph, its variation selector or joiner, or a space between them."""
    return char.isspace() or unicodedata.category(char) in ("So", "Sk", "Cf", "Mn", "Cs")


def kind_of(text: str) -> Kind:
    low = text.lower()
    if low.startswith(("q&a", "questions")) or low in ("qa", "q & a"):
        return Kind.QA
    # A kind word names the item when it leads ('Poster session on ...') or the item is short;
    # deep in a paper's title ('... social media') it is only a word.
    words = text.split()
    head = text if len(words) <= 6 else " ".join(words[:4])
    return kinds.found_in(head) or Kind.TALK


def bare_kind(text: str) -> bool:
    """Text that is only the name of a kind of talk ('Spotlights', 'Invited Talk'): a column
    saying what kind the next column's item is."""
    return kinds.named(clean(text)) in (Kind.KEYNOTE, Kind.INVITED, Kind.SPOTLIGHT, Kind.ORAL)


_QUALIFIERS = frozenset(["opening", "closing", "morning", "afternoon", "evening", "final",
                         "featured", "special", "guest", "main", "first", "second"])


def kind_label(text: str) -> Kind | None:
    """A line that only names the kind of the item under it ('Opening Keynote', 'Invited
    Talk 2', 'Panel:'), in a cell whose next line is the item's title."""
    words = clean(text).lower().rstrip(":").split()
    if words and words[0] in _QUALIFIERS:
        words = words[1:]
    if words and (words[-1].isdigit() or words[-1].startswith("#")):
        words = words[:-1]
    rest = " ".join(words)
    if not rest or rest.endswith("s") or is_session(rest) or \
            not _KIND_PREFIX.match(rest) and kinds.named(rest) is None:
        return None  # 'Contributed Talks:' heads a session's papers, not one title
    kind = kind_of(rest)
    return kind if kind in (Kind.KEYNOTE, Kind.INVITED, Kind.SPOTLIGHT, Kind.ORAL,
                            Kind.TUTORIAL, Kind.WORKSHOP, Kind.PANEL) else None


def labelled(lines: list[str]) -> tuple[list[str], Kind | None]:
    """A cell's lines without a leading kind label, and the kind it names: 'Opening Keynote'
    over 'How Running from Zombies...' over 'Jacqueline Kazil' is that talk, a keynote. A
    short line over a line wholly in quotes ('Панельная дискуссия' over '«Умные города»') is
    that quoted title's kind, in any language."""
    if len(lines) >= 2 and _QUOTED.match(clean(lines[1])) and not _QUOTED.match(clean(lines[0]))\
            and 1 <= len(lines[0].split()) <= 3 and not any(c.isdigit() for c in lines[0]):
        return lines[1:], kind_label(lines[0])
    if len(lines) >= 2 and (kind := kind_label(lines[0])) is not None:
        second = clean(lines[1])
        if second and second[0] not in "([" and any(c.isalpha() for c in second) and \
                names(second) is None and kind_label(second) is None:
            return lines[1:], kind
    return lines, None


def kind_and_names(text: str) -> tuple[Kind, tuple[str, ...]] | None:
    """A line that only gives a kind and who gives it: 'Keynote: Ann Lee (MIT)',
    'Pre-recorded Talk: Bo Chen [video]'. Over a title line, it is that title's kind and
    speakers."""
    left, colon, right = clean(text).partition(":")
    words = left.split()
    if not colon or not 1 <= len(words) <= 4 or not right.strip() or \
            not (_KIND_PREFIX.match(left.strip()) or _KIND_PREFIX.match(words[-1])):
        return None
    people = names(_MATERIAL_MARK.sub("", right))
    return (kind_of(left), people) if people is not None else None


# A link to material written after a name or title: '[video]', '(slides)'.
_MATERIAL_MARK = re.compile(r"\s*[\[(](?:video|slides|pdf|recording|paper|poster)[\])]\s*$",
                            re.IGNORECASE | re.ASCII)


def kind_heading(text: str) -> Kind | None:
    """A cell that only names a kind, maybe lettered or numbered ('Keynote', 'Panel A',
    'Tutorial 2', 'Opening Session'): what kind the item beside it is."""
    words = clean(text).split()
    if len(words) >= 2 and (len(words[-1]) == 1 or words[-1].isdigit()):
        words = words[:-1]
    return kinds.named(" ".join(words)) if 1 <= len(words) <= 3 else None


def is_session(title: str) -> bool:
    """A title that announces a group of papers (a session, orals, posters)."""
    return _SESSION.search(title) is not None


def is_end_marker(title: str) -> bool:
    return _END_MARK.match(clean(title)) is not None


def _name(text: str) -> bool:
    """One person's name, maybe with an affiliation in parentheses: 'Ann B. Lee (MIT)'."""
    text = re.sub(r"\s*\([^()]{0,80}\)\s*$", "", text.strip()).strip(" *_")
    words = text.replace("‑", "-").split()
    if not 1 <= len(words) <= 5 or any(c.isdigit() for c in text):
        return False
    capital = 0
    for word in words:
        bare = word.strip(".,'’")
        if not bare:
            continue
        low = bare.lower()
        if low in _TITLE_WORDS or (len(bare) > 1 and bare.isupper()) or \
                kinds.named(low) is not None or low in _QUALIFIERS:
            return False  # 'Keynotes' in '(Keynotes)' is no one's name
        if "-" in bare and not all(part[:1].isupper() for part in bare.split("-") if part):
            return False  # "Distance-to-Set", never "Jean-Pierre"
        if bare[0].isupper():
            capital += 1
        elif bare.lower() not in _LOWER_OK:
            return False
    # A lone letter is no one's name ('R and Bioconductor Basics' is a title).
    return capital >= (2 if len(words) >= 2 else 1) and (
        len(words) >= 2 or (text.isalpha() and len(text) > 1))


def names(text: str, full: bool = False) -> tuple[str, ...] | None:
    """The people a text lists ('Ann Lee, Bo Chen and Cy Diaz'), or None if it is not a list
    of names. `full`: each name has two words at least (beside a title, 'VLAD:' is no name)."""
    text = clean(text)
    if not text or len(text) > 300:
        return None
    text = re.sub(r"^(?:speakers?|presenters?|by|authors?|chairs?|moderators?|panelists?)"
                  r"\s*:?\s+", "", text, flags=re.IGNORECASE | re.ASCII)
    if any(c.isdigit() for c in text):
        return None  # names carry no digits; titles and times do
    if "(" in text:
        depth, parts, current = 0, [], list[str]()
        for char in text:
            depth += (char == "(") - (char == ")")
            if depth == 0 and char in ",;·&":
                parts.append("".join(current))
                current = []
            else:
                current.append(char)
        parts.append("".join(current))
    else:
        parts = _LIST_SEPARATORS.split(text)
    # Affiliations listed among the names ("Ann Lee, MIT", "Bo Chen, University of Oslo") are
    # left out, as long as a name comes first.
    parts = [p for k, p in enumerate(parts) if k == 0 or not _affiliation(p)]
    people: list[str] = []
    for part in parts:
        for piece in re.split(r"\s+and\s+|\s*\+\s*|\s*/\s*", part):
            piece = piece.strip(" .*_")
            if piece:
                people.append(piece)
    if not people or not all(_name(p) for p in people):
        return None
    if full and any(len(p.split()) < 2 for p in people):
        return None
    return tuple(people)


_INSTITUTION = re.compile(r"\b(?:university|universit[äéa]t?|institute|institut|college|school|"
                          r"lab|labs|laboratory|research|inc|ltd|gmbh|corp|centre|center|"
                          r"academy|hospital|foundation)\b", re.IGNORECASE | re.ASCII)
_LIST_SEPARATORS = re.compile(r"[,;·&]")
_PLACEHOLDER = re.compile(r"^(?:tba|tbd|to be (?:announced|determined|confirmed))\.?$",
                          re.I | re.ASCII)
# A length in parentheses at a title's end: "(20 minutes)", "(45 min)", "(1h)", "(5m)".
_LENGTH_END = re.compile(r"\s*\(\s*\d{1,3}\s*(?:minutes?|mins?|m|hours?|hrs?|h)\.?\s*\)$",
                         re.IGNORECASE | re.ASCII)
# Word endings of abstract nouns, never of a person's name ("Tracing Connections: ...").
_NOUN_ENDS = ("tion", "tions", "sion", "sions", "ment", "ments", "ness", "ity", "ities",
              "ism", "isms", "ology", "ologies", "ics")
# A role label inside an item's text, after its title: who gives it follows.
_ROLE_INSIDE = re.compile(r"(?<=\S)\s+(?:instructors?|speakers?|presenters?|moderators?|"
                          r"panelists?|lecturers?|facilitators?|tutors?|hosts?|"
                          r"presented by)\s*:\s*(?=\S)", re.IGNORECASE | re.ASCII)
_QUOTED_TITLE = re.compile(r'["“](?P<title>[^"“”]{3,200})["”]')


def _affiliation(text: str) -> bool:
    bare = text.strip(" .()")
    if ":" in bare or len(bare.split()) > 8:
        return False
    return (bare.isupper() and 1 < len(bare) <= 12) or _INSTITUTION.search(bare) is not None


def read_item(text: str, listed: bool = False, known: tuple[str, ...] = ()) -> Item:
    """Title, speakers and kind of one item's text. In a `listed` run of papers, 'X: Y' is a
    title with a subtitle, never 'Name: Title'. Where the speakers are `known` from a cell of
    their own, the text is all title ('MySQL Fabric: Python and MySQL'), but for a kind
    prefix ('Keynote: Open Source Roller Coasters')."""
    text = clean(unmarked(text))
    if (length := _LENGTH_END.search(text)) is not None and length.start() > 0:
        text = text[:length.start()].rstrip()  # "Editing the Sources (20 minutes)"
    for tail in (_LINK_WORDS_END, _CHAIR_TAIL):
        if (found := tail.search(text)) is not None and found.start() > 0:
            text = text[:found.start()].rstrip()
    kind = kind_of(text)
    tag = _TAG.match(text)
    if tag and _KIND_PREFIX.match(tag.group("tag")):
        text = tag.group("rest")
    elif (numbered := _NUMBERED_TAG.match(text)) is not None:
        text = text[numbered.end():]
    inside = _ROLE_INSIDE.search(text) if not known else None
    if inside is not None and _KIND_PREFIX.match(text[:inside.end()].rstrip(" :")):
        inside = None  # "Invited speaker: Ann Lee" is a kind and a name, not a title
    if inside is not None and (people := _people_after(text[inside.end():])):
        # "Analysis of Spikes with Pynapple Instructors: Ann Lee (NYU), Bo Chen (MIT)"
        title, authors = _split(text[:inside.start()], listed)[0], people
    elif known:
        title, authors = _known(text, known)
    else:
        title, authors = _split(text, listed)
    title = title or text
    quoted = _QUOTED.match(title)
    if quoted is not None:
        title = (quoted.group("inner") or quoted.group("guillemets")).strip()
    return Item(title, authors, kind)


def _foreign_kind(text: str) -> bool:
    """A kind of talk in another language, maybe numbered ('Bài phát biểu chính 1')."""
    words = text.lower().split()
    if words and (words[-1].isdigit() or words[-1].lstrip("#").isdigit()):
        words = words[:-1]
    return " ".join(words) in languages.KIND_LABELS


def _abstract(text: str) -> bool:
    """Words a person's name never ends in ('Tracing Connections', 'Linear Foundations'): a
    phrase before a colon or dash that looks like names is then the title's first part. Only
    there: beside a name, a company may well be 'Geosolutions'."""
    return any(len(w) > 5 and w.lower().endswith(_NOUN_ENDS) for w in text.split())


def _people_after(text: str) -> tuple[str, ...]:
    """The people after a role label: names, or failing that the comma-separated parts."""
    found = names(text)
    if found is not None:
        return found
    parts = tuple(p for p in (clean(x) for x in text.split(",")) if p)
    return parts if 0 < len(parts) <= 12 and all(len(p) <= 80 for p in parts) else ()


def _abbreviates(short: str, title: str) -> bool:
    """Whether `short` is an acronym of the title: its letters are, in order, initials of the
    title's words (hyphenated parts count as words)."""
    short = short.strip()
    if not 2 <= len(short) <= 10 or not short.isalnum() or sum(c.isupper() for c in short) < 2:
        return False
    initials = [w[0].lower() for w in re.split(r"[\s\-–/]+", title) if w and w[0].isalnum()]
    letters = [c.lower() for c in short if c.isalpha()]
    if not letters or not initials or letters[0] != initials[0]:
        return False
    position = 0
    for letter in letters:
        while position < len(initials) and initials[position] != letter:
            position += 1
        if position == len(initials):
            return False
        position += 1
    return True


def _known(text: str, known: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
    """The title of a text whose speakers are known: all of it but a kind prefix, unless what
    follows the prefix is those speakers ('Keynote: Ann Lee' is the whole title)."""
    parts = text.split(":", 1) if ":" in text else _SPLIT.split(text, maxsplit=1)
    if len(parts) == 2 and _ACTIVITY.match(parts[0].strip()) and parts[1].strip():
        return clean(parts[1]), ()
    if len(parts) == 2 and _KIND_PREFIX.match(parts[0].strip()) and parts[1].strip():
        right = clean(parts[1])
        people = names(right)
        if people is None or not set(people) & set(known):
            return right, ()
    return text, ()


def _split(text: str, listed: bool = False) -> tuple[str, tuple[str, ...]]:
    quoted = _QUOTED_TITLE.search(text)
    if quoted and quoted.start() > 0:
        # 'Keynote: Ann Lee, "Seeing Time"': the quoted part is the title
        rest = (text[:quoted.start()] + text[quoted.end():]).strip(" ,-–—:")
        if ":" in rest and _KIND_PREFIX.match(rest.partition(":")[0].strip()):
            rest = rest.partition(":")[2]
        if rest and (people := names(rest)) is not None:
            return quoted.group("title").strip(), people
    if ":" in text:
        left, _, right = text.partition(":")
        if _ACTIVITY.match(left.strip()) and right.strip() and \
                not _PLACEHOLDER.match(right.strip()):
            return _split(right.strip(), listed)
        if (_KIND_PREFIX.match(left.strip()) or _foreign_kind(left)) and right.strip():
            if _PLACEHOLDER.match(right.strip()):
                return text, ()  # "Keynote: TBA"
            if (people := names(right)) is not None:
                return text, people  # "Keynote: Ann Lee (MIT)": the whole is the title
            sub = _split(right.strip())
            if sub[1] and sub[0] != clean(right):
                return sub
            return clean(right), ()
    m = _PARENS_END.match(text)
    if m and _abbreviates(m.group("inner"), m.group("title")):
        return text, ()  # "Birds-of-a-Feather (BoF)": the title's own short form
    if m and (people := names(m.group("inner"))) and not _KIND_PREFIX.match(m.group("title")):
        return clean(m.group("title")), people
    if m and (_KIND_PREFIX.match(m.group("inner").strip()) or
              kinds.named(clean(m.group("inner"))) is not None):
        return _split(m.group("title"), listed)  # "Learning to Tell Time (Invited Talk)"
    parts = _SPLIT.split(text, maxsplit=2)
    if len(parts) == 3 and _KIND_PREFIX.match(parts[0]):
        # "Invited Talk - Ann Lee - Title"
        head, rest = parts[0], " - ".join(parts[1:])
        sub = _split(rest)
        return (sub[0], sub[1]) if sub[1] else (text, ())
        del head
    if len(parts) >= 2:
        left, right = parts[0], " - ".join(parts[1:])
        if _KIND_PREFIX.match(left):
            sub = _split(right)
            if sub[1] and sub[0] != right:
                return sub
            if (people := names(right)) is not None:
                return text, people  # "Invited Talk - Ann Lee": the whole is the title
            return right, ()
        if right[:1].islower() and right.endswith("."):
            return clean(left), ()  # "Poster session - for papers, see here."
        people_left, people_right = names(left, True), names(right, True)
        people_left = None if _abstract(left) else people_left
        people_right = None if _abstract(right) else people_right
        if people_left and not people_right:
            return clean(right), people_left
        if people_right and not people_left:
            return clean(left), people_right
    if ":" in text:
        left, _, right = text.partition(":")
        if not listed and (people := names(left, True)) is not None and right.strip() and \
                names(right) is None and not _abstract(left):
            return clean(right), people
    return text, ()
