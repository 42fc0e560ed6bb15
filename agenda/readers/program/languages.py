"""Month and weekday names in the languages programs are most often written in besides English
(German, French, Spanish, Portuguese, Italian, Dutch; Russian apart, as its own script), as
days.py reads them.

Only full names: their abbreviations collide with English words and names too often. Accents
are given both ways, since pages drop them ("miercoles", "fevrier").
"""

from __future__ import annotations

import re

_MONTHS: dict[int, tuple[str, ...]] = {
    1: ("januar", "janvier", "enero", "janeiro", "gennaio", "januari"),
    2: ("februar", "février", "fevrier", "febrero", "fevereiro", "febbraio", "februari"),
    3: ("märz", "maerz", "mars", "marzo", "março", "marco", "maart"),
    4: ("avril", "abril", "aprile"),
    5: ("mai", "mayo", "maio", "maggio", "mei"),
    6: ("juni", "juin", "junio", "junho", "giugno"),
    7: ("juli", "juillet", "julio", "julho", "luglio"),
    8: ("august", "août", "aout", "agosto", "augustus"),
    9: ("september", "septembre", "septiembre", "setiembre", "setembro", "settembre"),
    10: ("oktober", "octobre", "octubre", "outubro", "ottobre"),
    11: ("november", "novembre", "noviembre", "novembro"),
    12: ("dezember", "décembre", "decembre", "diciembre", "dezembro", "dicembre", "december"),
}
_WEEKDAYS: dict[int, tuple[str, ...]] = {
    0: ("montag", "lundi", "lunes", "segunda-feira", "lunedì", "lunedi", "maandag"),
    1: ("dienstag", "mardi", "martes", "terça-feira", "terca-feira", "martedì", "martedi",
        "dinsdag"),
    2: ("mittwoch", "mercredi", "miércoles", "miercoles", "quarta-feira", "mercoledì",
        "mercoledi", "woensdag"),
    3: ("donnerstag", "jeudi", "jueves", "quinta-feira", "giovedì", "giovedi", "donderdag"),
    4: ("freitag", "vendredi", "viernes", "sexta-feira", "venerdì", "venerdi", "vrijdag"),
    5: ("samstag", "sonnabend", "samedi", "sábado", "sabado", "sabato", "zaterdag"),
    6: ("sonntag", "dimanche", "domingo", "domenica", "zondag"),
}
MONTHS = {name: number for number, names in _MONTHS.items() for name in names}
WEEKDAYS = {name: number for number, names in _WEEKDAYS.items() for name in names}


def alternation(names: dict[str, int]) -> str:
    """A regex alternation of the names, longest first (so 'juillet' is never cut to 'juil')."""
    return "|".join(re.escape(n) for n in sorted(names, key=lambda n: (-len(n), n)))


# Russian writes the day first and the month in the genitive ("29 сентября 2020 года").
CYRILLIC_MONTHS = {name: number for number, name in enumerate(
    ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
     "октября", "ноября", "декабря"], 1)}
CYRILLIC_WEEKDAYS = {"понедельник": 0, "вторник": 1, "среда": 2, "среду": 2, "четверг": 3,
                     "пятница": 4, "пятницу": 4, "суббота": 5, "субботу": 5, "воскресенье": 6}

# Kinds of talk other languages write before a colon ("Vortrag: ...", "Bài phát biểu chính 1 :
# ..."): what follows is the title.
KIND_LABELS = frozenset([
    "vortrag", "hauptvortrag", "eingeladener vortrag", "exposé", "exposé invité",
    "conférence invitée", "conférence plénière", "ponencia", "charla", "conferencia magistral",
    "conferencia plenaria", "palestra", "palestra convidada", "relazione", "relazione invitata",
    "lezing", "доклад", "пленарный доклад", "приглашённый доклад", "приглашенный доклад",
    "лекция", "bài phát biểu", "bài phát biểu chính", "báo cáo", "báo cáo chính",
    "báo cáo mời",
])
