"""Several interests, exclusions for all, picks and hides: the choice a user makes, as
properties over the seed schedule and as the command line, profile and feed say it."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from agenda.choice import MAYBE, MUST, Choice, Interest, Pick
from agenda.cli import cli, split_interests
from agenda.errors import OptionError
from agenda.feed.app import parse_query, records
from agenda.models import Talk
from agenda.profiles import parse_profile
from agenda.rules import Selection, TextIndex
from agenda.settings import rules

from .conftest import ROOT, SEEDS
from .helpers import read


@lru_cache(maxsize=1)
def talks() -> tuple[Talk, ...]:
    return read(SEEDS).talks


def uids(selection: Selection | Choice) -> set[str]:
    return {t.uid for t in selection.select(talks())}


WORDS = ["neural", "deep", "kernel", "learning", "normaliz*", "networks", "pruning", "the"]
NAMES = ["Ba", "Dokmanic", "Lechao Xiao", "Jimmy Ba", "Zhou Fan"]
TRACKS = ["Track 34", "Track 28", "Deep Learning 2"]
SELECTIONS = st.builds(
    Selection,
    keywords=st.lists(st.sampled_from(WORDS), max_size=2, unique=True).map(tuple),
    authors=st.lists(st.sampled_from(NAMES), max_size=2, unique=True).map(tuple),
    tracks=st.lists(st.sampled_from(TRACKS), max_size=1).map(tuple),
    kinds=st.lists(st.sampled_from(["oral", "spotlight", "paper"]), max_size=2,
                   unique=True).map(tuple),
    exclude_keywords=st.lists(st.sampled_from(WORDS), max_size=1).map(tuple),
)
EXCLUDES = st.builds(
    Selection,
    exclude_keywords=st.lists(st.sampled_from(WORDS), max_size=2, unique=True).map(tuple),
    exclude_authors=st.lists(st.sampled_from(NAMES), max_size=1).map(tuple),
)


def some_uids() -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from(sorted(t.uid for t in talks() if t.is_talk)), max_size=4,
                    unique=True)


@settings(max_examples=120, deadline=None)
@given(st.lists(SELECTIONS, min_size=1, max_size=4))
def test_several_interests_keep_the_union_of_what_each_keeps(groups: list[Selection]) -> None:
    live = [g for g in groups if not g.is_empty()]
    choice = Choice(tuple(Interest(g) for g in live))
    expected = set().union(*(uids(g) for g in live)) if live else {t.uid for t in talks()}
    assert uids(choice) == expected
    index = TextIndex(talks())
    assert choice.select(talks(), index) == choice.select(talks())


@settings(max_examples=120, deadline=None)
@given(st.lists(SELECTIONS, min_size=1, max_size=3), EXCLUDES)
def test_exclusions_apply_to_every_interest(groups: list[Selection], exclude: Selection
                                            ) -> None:
    live = tuple(Interest(g) for g in groups if not g.is_empty())
    union = uids(Choice(live))
    dropped = {t.uid for t in talks()} - uids(exclude)
    assert uids(Choice(live, exclude)) == union - dropped


@settings(max_examples=150, deadline=None)
@given(st.lists(SELECTIONS, max_size=3), EXCLUDES, st.data())
def test_a_pick_is_always_in_and_a_hide_always_out(groups: list[Selection], exclude: Selection,
                                                   data: st.DataObject) -> None:
    picked = data.draw(some_uids())
    hidden = data.draw(some_uids().map(lambda u: [x for x in u if x not in picked]))
    live = tuple(Interest(g) for g in groups if not g.is_empty())
    choice = Choice(live, exclude, tuple(Pick.parse(u, "--pick") for u in picked),
                    tuple(Pick.parse(u, "--hide") for u in hidden))
    kept = uids(choice)
    assert set(picked) <= kept
    assert not set(hidden) & kept
    without = uids(Choice(live, exclude)) if live or not picked else set()
    assert kept == (without | set(picked)) - set(hidden)


def test_picks_alone_are_the_selection() -> None:
    some = sorted(t.uid for t in talks() if t.is_talk)[:3]
    assert uids(Choice(picks=tuple(Pick.parse(u, "--pick") for u in some))) == set(some)


def test_a_pick_by_title_words_and_its_priority() -> None:
    pick = Pick.parse("maybe: geometry of wave-based", "--pick")
    assert pick.priority == MAYBE and pick.value == "geometry of wave-based"
    found = [t.title for t in talks() if pick.matches(t)]
    assert found == ["Learning the Geometry of Wave-Based Imaging"]
    assert Pick.parse("wave*", "--pick").priority == MUST


def test_a_talk_takes_the_highest_priority_of_what_keeps_it() -> None:
    ba = Interest(Selection(authors=("Jimmy Ba",)), MUST)
    lime = Interest(Selection(keywords=("LIME",)), MAYBE)
    talk = next(t for t in talks() if t.title.startswith("LIME"))
    assert Choice((lime,)).priority(talk) == MAYBE
    assert Choice((lime, ba)).priority(talk) == MUST
    assert Choice((lime,), picks=(Pick.parse("LIME", "--pick"),)).priority(talk) == MUST


def test_explain_names_the_interest_that_selected_a_talk() -> None:
    choice = Choice((Interest(Selection(authors=("Jimmy Ba",))),
                     Interest(Selection(keywords=("pruning",)), MUST)))
    lime = next(t for t in talks() if t.title.startswith("LIME"))
    pruned = next(t for t in talks() if t.title.startswith("On the Predictability of Pruning"))
    assert choice.explain(lime) == "interest 1: author 'Jimmy Ba'"
    assert choice.explain(pruned) == "interest 2 (must): keyword 'pruning'"
    one = Choice((Interest(Selection(authors=("Jimmy Ba",))),))
    assert one.explain(lime) == "author 'Jimmy Ba'"  # one interest reads as it always did


def test_or_on_the_command_line_splits_the_rules_into_interests() -> None:
    rest, groups = split_interests(
        ["seeds", "--author", "A", "--or", "--keyword=pruning", "--tz", "UTC", "--or",
         "--track", "T", "--priority", "must", "--exclude-keyword", "x"],
        {"keyword", "author", "track", "priority"})
    assert rest == ["seeds", "--author", "A", "--tz", "UTC", "--exclude-keyword", "x"]
    assert groups == [{"keyword": ["pruning"]}, {"track": ["T"], "priority": "must"}]


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [*args, "--today", "2026-11-23"])
    return result.exit_code, result.stdout, result.stderr


def test_the_command_line_union_lists_both_interests(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    code, out, _ = run("list", "--author", "Jimmy Ba", "--author", "Lechao Xiao", "--or",
                       "--keyword", "pruning", "--tz", "UTC")
    assert code == 0
    titles = [line.split("  ", 1)[1].split(" — ")[0].split(None, 1)[1]
              for line in out.splitlines()]
    assert titles == [
        "The Surprising Simplicity of the Early-Time Learning Dynamics of Neural Networks",
        "Finite Versus Infinite Neural Networks: an Empirical Study",
        "On the Predictability of Pruning Across Scales",
        "Lottery Ticket Preserves Weight Correlation: Is It Desirable or Not?",
        "LIME: Learning Inductive Bias for Primitives of Mathematical Reasoning",
        "Dense for the Price of Sparse: Improved Performance of Sparsely Initialized Networks "
        "via a Subspace Offset"]
    code, alone, _ = run("list", "--author", "Jimmy Ba", "--author", "Lechao Xiao",
                         "--keyword", "pruning")
    assert code == 0 and alone == ""  # without --or the rules are one AND


PROFILE = """pick = ["maybe:Geometry of Wave-Based"]
hide = ["Finite Versus Infinite"]

[[select]]
author = ["Lechao Xiao"]
priority = "must"

[[select]]
keyword = ["pruning"]

[exclude]
keyword = ["lottery"]
"""


def test_a_profile_of_several_select_tables_is_a_union(tmp_path: Path) -> None:
    profile = parse_profile(PROFILE, "p.toml")
    assert len(profile.interests) == 2 and profile.exclude == {"exclude-keyword": ["lottery"]}
    path = tmp_path / "p.toml"
    path.write_text(PROFILE)
    choice, _ = rules({"profile": str(path)})
    assert [i.priority for i in choice.interests] == [MUST, MAYBE]
    titles = {t.title for t in choice.select(talks())}
    assert titles == {
        "The Surprising Simplicity of the Early-Time Learning Dynamics of Neural Networks",
        "On the Predictability of Pruning Across Scales",
        "Dense for the Price of Sparse: Improved Performance of Sparsely Initialized Networks "
        "via a Subspace Offset",
        "Learning the Geometry of Wave-Based Imaging"}


def test_a_single_select_table_still_works() -> None:
    profile = parse_profile('[select]\nauthor = ["Ba"]\n', "p.toml")
    assert profile.select == {"author": ["Ba"]} and len(profile.interests) == 1


@pytest.mark.parametrize(("text", "message"), [
    ('[[select]]\nauthor = ["A"]\npriority = "soon"\n',
     "p.toml:3: priority: expected must or maybe, got 'soon'"),
    ('pick = "x"\n', "p.toml:1: pick must be a list of strings"),
    ('[exclude]\nday = ["2020-12-10"]\n', "p.toml:2: unknown key 'day' in [exclude]; known: "
                                          "keyword, author, track, conference"),
])
def test_profile_mistakes_in_interests_name_the_line(text: str, message: str) -> None:
    with pytest.raises(OptionError) as err:
        parse_profile(text, "p.toml")
    assert str(err.value) == message


def test_the_feed_query_says_or_between_interests() -> None:
    given = parse_query("author=Jimmy+Ba&or=&keyword=pruning&priority=must&exclude-keyword=x"
                        "&pick=abc&tz=UTC")
    assert given == {"author": ["Jimmy Ba"], "or": [{"keyword": ["pruning"],
                                                     "priority": "must"}],
                     "exclude-keyword": ["x"], "pick": ["abc"], "tz": "UTC"}
    choice, _ = records(given, None)
    assert [(i.selection.authors, i.selection.keywords, i.priority)
            for i in choice.interests] == [(("Jimmy Ba",), (), MAYBE),
                                           ((), ("pruning",), MUST)]
    assert choice.exclude.exclude_keywords == ("x",) and choice.picks[0].value == "abc"


def test_conference_is_a_rule() -> None:
    assert {t.conference for t in talks()} == {"NeurIPS 2020", "ICML 2021"}
    icml = uids(Selection(conferences=("ICML 2021",)))
    assert icml == {t.uid for t in talks() if t.layout == "icml-text"}
    assert uids(Selection(conferences=("NeurIPS",))) == {t.uid for t in talks()} - icml
