"""Selection rules on the seeds, with the expected titles spelled out."""

from __future__ import annotations

from datetime import date, time
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agenda.errors import OptionError
from agenda.models import Talk
from agenda.rules import Selection, TextIndex

from .conftest import ROOT
from .helpers import read


@cache
def talks() -> tuple[Talk, ...]:
    return tuple(t for t in read(ROOT / "seeds").talks if t.is_talk)


def titles(selection: Selection) -> list[str]:
    return [t.title for t in selection.select(talks())]


CASES: dict[str, tuple[Selection, list[str]]] = {
    "author on a whole word": (Selection(authors=("Ba",)), [
        "LIME: Learning Inductive Bias for Primitives of Mathematical Reasoning"]),
    "author without accents": (Selection(authors=("dokmanic",)), [
        "Learning the Geometry of Wave-Based Imaging"]),
    "author full name, any case": (Selection(authors=("FRANÇOIS-XAVIER vialard",)), [
        "A shooting formulation of deep learning"]),
    "keyword is a whole word": (Selection(keywords=("GAN",)), [
        "AdaBelief Optimizer: Adapting Stepsizes by the Belief in Observed Gradients"]),
    "keyword prefix": (Selection(keywords=("normaliz*",), tracks=("Track 34",)), [
        "Is normalization indispensable for training deep neural network?"]),
    "quoted phrase": (Selection(keywords=('"neural tangent kernel"',), kinds=("oral",)), [
        "Understanding Approximate Fisher Information for Fast Convergence of Natural Gradient "
        "Descent in Wide Neural Networks",
        "Spectra of the Conjugate Kernel and Neural Tangent Kernel for linear-width neural "
        "networks"]),
    "quoted parts must all match": (Selection(keywords=('"tangent kernel" constant',)), [
        "On the linearity of large non-linear models: when and why the tangent kernel is "
        "constant"]),
    "track and kind": (Selection(tracks=("Track 28",), kinds=("oral",)), [
        "A shooting formulation of deep learning",
        "On the training dynamics of deep networks with $L_2$ regularization",
        "Compositional Explanations of Neurons"]),
    "track name with a number is exact": (Selection(tracks=("Deep Learning 2",),
                                                    keywords=("pruning",)), [
        "On the Predictability of Pruning Across Scales",
        "Lottery Ticket Preserves Weight Correlation: Is It Desirable or Not?",
        "Dense for the Price of Sparse: Improved Performance of Sparsely Initialized Networks "
        "via a Subspace Offset"]),
    "a track number is a whole word": (Selection(tracks=("Track 2",)), []),
    "same option twice is OR": (Selection(authors=("Ba", "Dokmanic")), [
        "Learning the Geometry of Wave-Based Imaging",
        "LIME: Learning Inductive Bias for Primitives of Mathematical Reasoning"]),
    "different options are AND": (Selection(authors=("Lechao Xiao",), tracks=("Track 34",)), [
        "Finite Versus Infinite Neural Networks: an Empirical Study"]),
    "exclusions win": (Selection(authors=("Lechao Xiao", "Jimmy Ba"),
                                 exclude_keywords=("infinite",)), [
        "The Surprising Simplicity of the Early-Time Learning Dynamics of Neural Networks",
        "LIME: Learning Inductive Bias for Primitives of Mathematical Reasoning"]),
    "exclude author and track": (Selection(keywords=("kernel",), exclude_authors=("Zhou Fan",),
                                           exclude_tracks=("Track 18",)), [
        "The Surprising Simplicity of the Early-Time Learning Dynamics of Neural Networks",
        "Understanding Approximate Fisher Information for Fast Convergence of Natural Gradient "
        "Descent in Wide Neural Networks",
        "Generalization bound of globally optimal non-convex neural network training: "
        "Transportation map estimation by infinite dimensional Langevin dynamics",
        "Kernel Based Progressive Distillation for Adder Neural Networks",
        "Collegial Ensembles",
        "Finite Versus Infinite Neural Networks: an Empirical Study"]),
    "day in the reader's zone": (Selection(days=(date(2020, 12, 11),), tz="Europe/Berlin",
                                           kinds=("oral",)), [
        "Is normalization indispensable for training deep neural network?",
        "Understanding Approximate Fisher Information for Fast Convergence of Natural Gradient "
        "Descent in Wide Neural Networks",
        "Spectra of the Conjugate Kernel and Neural Tangent Kernel for linear-width neural "
        "networks"]),
    "between in the page's zone": (Selection(between=((time(17, 30), time(17, 45)),)), [
        "Lottery Ticket Preserves Weight Correlation: Is It Desirable or Not?",
        "LIME: Learning Inductive Bias for Primitives of Mathematical Reasoning",
        "Dense for the Price of Sparse: Improved Performance of Sparsely Initialized Networks "
        "via a Subspace Offset"]),
    "regex": (Selection(keywords=(r"^On the \w+ of",), regex=True), [
        "On the linearity of large non-linear models: when and why the tangent kernel is "
        "constant",
        "On the Predictability of Pruning Across Scales"]),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_rule_selects_exactly(case: str) -> None:
    selection, expected = CASES[case]
    assert titles(selection) == expected


def test_word_boundaries() -> None:
    assert "Stabilizing Equilibrium Models by Jacobian Regularization" not in titles(
        Selection(authors=("Ba",)))  # Shaojie Bai
    assert titles(Selection(keywords=("organization",))) == []
    assert titles(Selection(keywords=("organizatio",))) == []
    assert titles(Selection(keywords=("equilibri*",))) == [
        "Stabilizing Equilibrium Models by Jacobian Regularization"]


def test_no_rules_keep_everything() -> None:
    assert Selection().is_empty() and titles(Selection()) == [t.title for t in talks()]


def test_explain_names_the_rules_that_matched() -> None:
    selection = Selection(authors=("Ba", "Dokmanic"), kinds=("spotlight", "paper"))
    reasons = [selection.explain(t) for t in selection.select(talks())]
    assert reasons == ["author 'Dokmanic'; kind spotlight", "author 'Ba'; kind paper"]


@pytest.mark.parametrize(("record", "message"), [
    (dict(kinds=("lecture",)), "--kind: unknown kind 'lecture'; choose from oral, spotlight, "
                               "paper, poster, invited, break, q&a, empty, talk, keynote, "
                               "panel, tutorial, workshop, opening, social"),
    (dict(keywords=("x(",), regex=True), "--keyword: invalid regular expression 'x(': missing ), "
                                         "unterminated subpattern at position 1"),
    (dict(exclude_authors=("[",), regex=True), "--exclude-author: invalid regular expression"),
    (dict(tracks=("!!",)), "--track: '!!' has no words to match"),
])
def test_invalid_rules_are_clear_errors(record: dict[str, object], message: str) -> None:
    with pytest.raises(OptionError) as err:
        Selection(**record)  # type: ignore[arg-type]
    assert str(err.value).startswith(message)


WORDS = ["neural", "kernel", "Ba", "deep", "learning", "Track 18", "Dokmanic", "spotlight",
         "infinite", "normaliz*", "GAN", "Deep Learning 2"]
rule_values = st.lists(st.sampled_from(WORDS), max_size=2).map(tuple)


@settings(max_examples=150, deadline=None)
@given(rule_values, rule_values, rule_values, rule_values, rule_values)
def test_selection_is_a_filter_with_set_semantics(keywords: tuple[str, ...],
                                                  authors: tuple[str, ...],
                                                  tracks: tuple[str, ...],
                                                  excluded: tuple[str, ...],
                                                  more: tuple[str, ...]) -> None:
    everything = list(talks())
    chosen = Selection(keywords=keywords, authors=authors, tracks=tracks,
                       exclude_keywords=excluded).select(everything)
    # a filter: never adds or reorders, and agrees with --explain
    assert [t for t in everything if t in chosen] == chosen
    rules = Selection(keywords=keywords, authors=authors, tracks=tracks, exclude_keywords=excluded)
    assert chosen == [t for t in everything if rules.explain(t) is not None]

    def only(**record: tuple[str, ...]) -> set[str]:
        return {t.uid for t in Selection(**record).select(everything)}  # type: ignore[arg-type]

    every = {t.uid for t in everything}
    expected = every
    for name, value in (("keywords", keywords), ("authors", authors), ("tracks", tracks)):
        if value:
            expected &= set().union(*(only(**{name: (v,)}) for v in value))  # OR within, AND across
    if excluded:
        expected -= only(keywords=excluded)  # exclusions win
    assert {t.uid for t in chosen} == expected
    # adding values to a rule never removes talks (OR is monotone)
    if keywords:
        assert {t.uid for t in chosen} <= only(keywords=keywords + more) | every
        wider = Selection(keywords=keywords + more, authors=authors, tracks=tracks,
                          exclude_keywords=excluded).select(everything)
        assert {t.uid for t in chosen} <= {t.uid for t in wider}


def test_a_phrase_never_spans_two_authors_or_title_and_abstract() -> None:
    assert titles(Selection(authors=("Jiang Chiyuan",))) == []  # Ziheng Jiang · Chiyuan Zhang
    assert titles(Selection(authors=("Chiyuan Zhang",))) == [
        "What Neural Networks Memorize and Why: Discovering the Long Tail via Influence "
        "Estimation",
        "Characterizing Structural Regularities of Labeled Data in Overparameterized Models"]
    both = Selection(keywords=('"jacobian regularization" "deep equilibrium"',))
    assert titles(both) == []  # one part in the title, the other only in the abstract


INDEX_WORDS = [*WORDS, '"deep" "learning"', "ba", "spotlight track", "kernel regression"]
index_values = st.lists(st.sampled_from(INDEX_WORDS), max_size=2).map(tuple)


@cache
def all_slots() -> tuple[Talk, ...]:
    return read(ROOT / "seeds").talks


@settings(max_examples=200, deadline=None)
@given(index_values, index_values, index_values, index_values, index_values,
       st.lists(st.sampled_from(["oral", "spotlight", "break", "paper"]), max_size=2),
       st.booleans())
def test_the_text_index_selects_what_the_rules_select(
        keywords: tuple[str, ...], authors: tuple[str, ...], tracks: tuple[str, ...],
        excluded: tuple[str, ...], excluded_authors: tuple[str, ...], kinds: list[str],
        regex: bool) -> None:
    """A server finds phrases through one index per schedule; it must keep the same talks."""
    everything = all_slots()
    try:
        rules = Selection(keywords=keywords, authors=authors, tracks=tracks, kinds=tuple(kinds),
                          exclude_keywords=excluded, exclude_authors=excluded_authors,
                          regex=regex, between=((time(6, 0), time(18, 0)),) if regex else ())
    except OptionError:
        return  # a value that is no valid regex
    assert rules.select(everything, TextIndex(everything)) == rules.select(everything)


def test_the_index_is_used_only_for_the_talks_it_was_built_for() -> None:
    everything = all_slots()
    index = TextIndex(everything)
    rules = Selection(authors=("Ba",))
    fewer = everything[:10]
    assert rules.select(fewer, index) == rules.select(fewer)
    assert rules.select(everything, index) == rules.select(everything) != []
