"""The printed agenda as PDF: the HTML document of agenda.printed, laid out by WeasyPrint (an
optional extra, `pip install 'agenda[pdf]'`).

The paper is the one people near the reader's zone print on: Letter in the countries that use
it (told by tzdata's zone.tab), A4 elsewhere. The PDF's dates come from the run's fixed stamp
and its identifier from the document itself, so the same input gives the same bytes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from datetime import datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .errors import OutputError
from .models import Talk
from .printed import render_text

if TYPE_CHECKING:
    from .pipeline import ExportOptions

INSTALL = "pip install 'agenda[pdf]'"
# Countries (ISO 3166) whose printers hold US Letter paper.
LETTER = frozenset({"US", "CA", "MX", "PH", "CL", "CO", "VE", "PR", "GT", "CR", "PA", "DO",
                    "SV", "HN", "NI", "BZ", "VI", "GU", "AS", "MP", "UM"})


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    """IANA zone -> ISO country code, with the backward links (US/Pacific) resolved."""
    from importlib.resources import files

    try:
        data = files("tzdata").joinpath("zoneinfo")
        table = data.joinpath("zone.tab").read_text(encoding="utf-8")
        links = data.joinpath("tzdata.zi").read_text(encoding="utf-8")
    except (ModuleNotFoundError, OSError):
        return {}
    found = {}
    for line in table.splitlines():
        parts = line.split("\t")
        if len(parts) >= 3 and not line.startswith("#"):
            found[parts[2]] = parts[0]
    for line in links.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0] == "L" and parts[1] in found:
            found.setdefault(parts[2], found[parts[1]])
    return found


def paper_for(zone: str) -> str:
    """'letter' for a zone of a Letter country, else 'A4'."""
    return "letter" if _countries().get(zone) in LETTER else "A4"


def _weasyprint() -> Any:
    try:
        import weasyprint
    except ImportError:
        raise OutputError(f"writing PDF needs WeasyPrint: {INSTALL}") from None
    except OSError as exc:  # installed, but the system's Pango could not be loaded
        raise OutputError(f"WeasyPrint cannot load its system libraries ({exc}); on Debian: "
                          "apt-get install libpango-1.0-0 libpangoft2-1.0-0") from None
    return weasyprint


def _refuse(url: str, *args: object, **kwargs: object) -> None:
    """The document is self-contained: nothing is ever fetched while laying it out."""
    raise ValueError(f"agenda's PDF fetches nothing ({url[:60]})")


def stream(talks: Sequence[Talk], options: ExportOptions, stamp: datetime, zone: str
           ) -> Iterator[bytes]:
    """The registry's writer (see agenda.formats). WeasyPrint is imported at once, so a missing
    extra is an error before any file is opened."""
    weasyprint = _weasyprint()
    return _pdf(weasyprint, talks, options, stamp, zone)


def _pdf(weasyprint: Any, talks: Sequence[Talk], options: ExportOptions, stamp: datetime,
         zone: str) -> Iterator[bytes]:
    html = render_text(talks, options, stamp, zone, paper=paper_for(zone))
    identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode()
    document = weasyprint.HTML(string=html, url_fetcher=_refuse).render()
    document.metadata.created = document.metadata.modified = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    yield document.write_pdf(pdf_identifier=identifier, uncompressed_pdf=False)
