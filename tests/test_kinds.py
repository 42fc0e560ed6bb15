"""One vocabulary of kinds for every reader: the same words name the same kind in a frab type,
a CSV or iCalendar category, and a program page's row."""

from __future__ import annotations

import pytest

from agenda.models import Kind
from agenda.readers import kinds
from agenda.readers.program import items
from agenda.readers.published import events


@pytest.mark.parametrize(("word", "kind"), [
    ("Lightning talks", Kind.SPOTLIGHT), ("Coffee Break", Kind.BREAK), ("Keynotes", Kind.KEYNOTE),
    ("Hands-on", Kind.WORKSHOP), ("Dinner", Kind.SOCIAL), ("Registration", Kind.BREAK),
    ("Lunches", Kind.BREAK), ("Invited Talk", Kind.INVITED), ("Panel discussion", Kind.PANEL),
    ("Tutorials", Kind.TUTORIAL), ("Poster session", Kind.POSTER), ("Opening remarks",
                                                                    Kind.OPENING),
])
def test_a_kind_word_names_the_same_kind_in_every_format(word: str, kind: Kind) -> None:
    assert kinds.named(word) is kind  # a CSV type cell, an iCalendar CATEGORY
    assert events.kind_of(word) is kind  # a frab <type>, a pretalx submission type
    assert items.kind_of(word) is kind  # a program page's row


def test_words_that_name_a_kind_only_as_a_whole_value() -> None:
    assert kinds.named("Paper") is Kind.PAPER and kinds.named("Session") is Kind.TALK
    assert kinds.found_in("Best Paper Award") is Kind.OPENING  # 'paper' inside is no kind
    assert kinds.named("Best Paper Award") is None


def test_the_first_kind_word_decides_and_a_longer_word_is_not_its_prefix() -> None:
    assert kinds.found_in("Talk 30 min + 10 min Q&A") is Kind.TALK
    assert kinds.found_in("Lunch break and posters") is Kind.BREAK
    assert kinds.found_in("Breakout rooms") is None  # 'break' is not in 'breakout'
    assert kinds.found_in("Breakfast") is Kind.BREAK
    assert kinds.of_title("Keynote: Clocks") is Kind.KEYNOTE
    assert kinds.of_title("On keynotes and other things") is None


def test_agendas_own_labels_read_back() -> None:
    from agenda.wording import KIND_LABEL

    assert {kinds.named(label) for label in KIND_LABEL.values()} == set(KIND_LABEL)


@pytest.mark.parametrize(("title", "kind"), [
    ("Conference dinner", Kind.SOCIAL), ("Welcome reception", Kind.SOCIAL),
    ("Industry panel", Kind.PANEL), ("Coffee Break", Kind.BREAK), ("Keynote: Clocks", Kind.KEYNOTE),
    ("Panel data methods", None), ("Raw breaks", None), ("Oral history of computing", None),
    ("A long title that ends in a dinner", None),
])
def test_a_published_title_names_a_kind_only_when_it_says_so_plainly(title: str,
                                                                      kind: Kind | None) -> None:
    assert kinds.of_title(title) is kind
    assert events.kind_of("", title) is (kind or Kind.TALK)
