"""Properties the scorecard must keep for every input (hypothesis)."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from checklist.files.library import load_rubric_file, resolve_entry
from checklist.model import Answer, Evaluation, Ratings, RubricPin, Vendor
from checklist.scoring import score

from tests_support import TINY

RUBRIC = resolve_entry(load_rubric_file(TINY))
VENDORS = ["acme", "beta", "gamma", "delta"]
RATERS = ["ana", "bob", "cy"]
SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def answer_for(qid: str) -> st.SearchStrategy[Answer | None]:
    question = RUBRIC.question(qid)
    assert question is not None
    if question.type == "score":
        value = st.builds(Answer, score=st.integers(0, 4))
    elif question.type == "yes_no":
        value = st.builds(Answer, answer=st.booleans())
    elif question.type == "choice":
        value = st.builds(Answer, choice=st.sampled_from([c.id for c in question.choices]))
    else:
        value = st.builds(Answer, value=st.floats(0, 1000, allow_nan=False))
    options = [st.none(), value]
    if question.allow_na:
        options.append(st.just(Answer(na=True)))
    return st.one_of(*options)


QIDS = [q.id for _, q in RUBRIC.questions()]


@st.composite
def scenarios(draw):
    vendors = draw(st.lists(st.sampled_from(VENDORS), min_size=1, max_size=4, unique=True))
    raters = draw(st.lists(st.sampled_from(RATERS), min_size=1, max_size=3, unique=True))
    files = {}
    for rater in raters:
        answers = {}
        for vendor in vendors:
            got = {q: a for q in QIDS if (a := draw(answer_for(q))) is not None}
            if got:
                answers[vendor] = got
        files[rater] = Ratings(rater=rater, answers=answers)
    public = draw(st.booleans())
    return vendors, files, public


def make_eval(vendors, public, rubric=RUBRIC):
    return Evaluation(
        title="p",
        rubric=RubricPin(id=rubric.id, version=rubric.version, sha256=rubric.digest()),
        context={"public": public},
        vendors=[Vendor(id=v, name=v.title()) for v in vendors],
    )


def raised(answer: Answer, qid: str) -> Answer | None:
    """The same answer one step better, or None if it is already the best possible."""
    question = RUBRIC.question(qid)
    if answer.na:
        return None
    if question.type == "score":
        return answer.model_copy(update={"score": answer.score + 1}) if answer.score < 4 else None
    if question.type == "yes_no":
        return answer.model_copy(update={"answer": True}) if not answer.answer else None
    if question.type == "choice":
        order = sorted(question.choices, key=lambda c: c.score)
        ids = [c.id for c in order]
        index = ids.index(answer.choice)
        if index + 1 == len(ids):
            return None
        return answer.model_copy(update={"choice": ids[index + 1]})
    return answer.model_copy(update={"value": max(0.0, answer.value - 100)})


@SETTINGS
@given(scenarios(), st.data())
def test_raising_one_answer_never_lowers_that_vendors_score(scenario, data):
    vendors, files, public = scenario
    rated = [(r, v, q) for r, f in files.items() for v, qs in f.answers.items() for q in qs]
    assume(rated)
    rater, vendor, qid = data.draw(st.sampled_from(rated))
    better = raised(files[rater].answers[vendor][qid], qid)
    assume(better is not None)
    before = score(make_eval(vendors, public), RUBRIC, files, draws=0).vendor(vendor)
    changed = {k: f.model_copy(deep=True) for k, f in files.items()}
    changed[rater].answers[vendor][qid] = better
    after = score(make_eval(vendors, public), RUBRIC, changed, draws=0).vendor(vendor)
    assert after.score >= before.score - 1e-12
    assert after.upper >= before.upper - 1e-12


@SETTINGS
@given(scenarios(), st.floats(0.1, 10))
def test_multiplying_all_weights_by_a_constant_changes_nothing(scenario, factor):
    vendors, files, public = scenario
    scaled = RUBRIC.model_copy(deep=True)
    for section in scaled.sections:
        section.weight *= factor
        for question in section.questions:
            question.weight *= factor
    one = score(make_eval(vendors, public), RUBRIC, files, draws=200)
    two = score(make_eval(vendors, public, scaled), scaled, files, draws=200)
    assert [v.id for v in one.vendors] == [v.id for v in two.vendors]
    for a, b in zip(one.vendors, two.vendors, strict=True):
        assert a.verdict == b.verdict
        for key in ("score", "claims", "readiness", "coverage", "lower", "upper"):
            x, y = getattr(a, key), getattr(b, key)
            assert (x is None and y is None) or x == pytest.approx(y, abs=1e-9)
    assert one.settled == two.settled
    assert one.sensitivity.winner == two.sensitivity.winner
    assert one.sensitivity.stability == pytest.approx(two.sensitivity.stability)


@SETTINGS
@given(scenarios())
def test_bounds_hold(scenario):
    vendors, files, public = scenario
    card = score(make_eval(vendors, public), RUBRIC, files, draws=0)
    for vendor in card.vendors:
        assert 0 <= vendor.lower <= vendor.score <= vendor.upper <= 1 + 1e-12
        if vendor.score_answered is not None:
            assert 0 <= vendor.score_answered <= 1 + 1e-12


@SETTINGS
@given(scenarios())
def test_a_failed_gate_ranks_after_every_vendor_without_one(scenario):
    vendors, files, public = scenario
    card = score(make_eval(vendors, public), RUBRIC, files, draws=0)
    ranks_failed = [v.rank for v in card.vendors if v.gates_failed]
    ranks_clean = [v.rank for v in card.vendors if not v.gates_failed]
    if ranks_failed and ranks_clean:
        assert min(ranks_failed) > max(ranks_clean)
    assert all(v.verdict == "no-go" for v in card.vendors if v.gates_failed)


@SETTINGS
@given(scenarios(), st.randoms(use_true_random=False))
def test_results_do_not_depend_on_the_order_of_vendors_raters_or_files(scenario, rnd):
    vendors, files, public = scenario
    base = score(make_eval(vendors, public), RUBRIC, files, draws=100)
    shuffled_vendors = list(vendors)
    rnd.shuffle(shuffled_vendors)
    rater_items = list(files.items())
    rnd.shuffle(rater_items)
    shuffled_files = {}
    for rater, ratings in rater_items:
        answers = list(ratings.answers.items())
        rnd.shuffle(answers)
        shuffled_files[rater] = Ratings(rater=ratings.rater, answers={
            v: dict(random.Random(len(qs)).sample(sorted(qs.items()), len(qs)))
            for v, qs in answers
        })
    other = score(make_eval(shuffled_vendors, public), RUBRIC, shuffled_files, draws=100)
    assert [v.id for v in base.vendors] == [v.id for v in other.vendors]
    for a, b in zip(base.vendors, other.vendors, strict=True):
        assert (a.score, a.verdict, a.rank, a.conditions) == (b.score, b.verdict, b.rank,
                                                              b.conditions)
    assert base.settled == other.settled
    assert base.deciders == other.deciders
    assert base.sensitivity == other.sensitivity


@SETTINGS
@given(st.lists(st.lists(st.floats(0, 1), min_size=3, max_size=3), min_size=2, max_size=6),
       st.integers(0, 3))
def test_stability_matches_brute_force_sampling(rows, seed):
    """Skipping vendors that can never overtake must not change the stability share."""
    from types import SimpleNamespace

    from checklist.scoring.sensitivity import WeightModel, sensitivity

    ids, axes, weights = ["a", "b", "c"], ["claims", "readiness", "readiness"], [2.0, 1.0, 1.5]
    vendors = [
        SimpleNamespace(id=f"v{i}", name=f"V{i}", sections={
            s: SimpleNamespace(score=x) for s, x in zip(ids, row, strict=True)})
        for i, row in enumerate(rows)
    ]
    result = sensitivity(vendors, ids, axes, weights, threshold=0.8, draws=300, seed=seed)
    model = WeightModel(vendors, ids, axes)
    rng = random.Random(seed)
    kept = sum(
        model.winner([w * (0.5 + rng.random()) for w in weights]) == result.winner
        for _ in range(300)
    )
    assert result.stability == kept / 300


@SETTINGS
@given(scenarios())
def test_upper_is_what_the_best_possible_open_answers_would_give(scenario):
    """Fill every open question of one vendor with the best answer: its score becomes upper."""
    vendors, files, public = scenario
    vendor = vendors[0]
    card = score(make_eval(vendors, public), RUBRIC, files, draws=0)
    expected = card.vendor(vendor).upper
    best = {"score": Answer(score=4), "yes_no": Answer(answer=True),
            "choice": Answer(choice="ga"), "number": Answer(value=0.0)}
    filled = {k: f.model_copy(deep=True) for k, f in files.items()}
    rater = sorted(filled)[0]
    open_ids = [q.id for q in card.vendor(vendor).open_questions]
    for qid in open_ids:
        filled[rater].put(vendor, qid, best[RUBRIC.question(qid).type])
    after = score(make_eval(vendors, public), RUBRIC, filled, draws=0).vendor(vendor)
    assert after.score == pytest.approx(expected)
    assert after.lower == pytest.approx(after.upper)


def _vendors(rows, ids):
    """Stand-ins for VendorResult: an id, a name and a score (or None) per section."""
    from types import SimpleNamespace

    return [
        SimpleNamespace(id=f"v{i}", name=f"V{i}", sections={
            s: SimpleNamespace(score=x) for s, x in zip(ids, row, strict=True)})
        for i, row in enumerate(rows)
    ]


_DOWN = (0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.05, 0.0)
_UP = (1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 4.0, 5.0, 7.5, 10.0)


def _searched_flip(model, weights, index, winner, grid, tolerance):
    """The reference: walk a grid of factors away from 1, re-ranking every vendor over every
    section at each step (`WeightModel.winner`), and bisect the first change to `tolerance`."""
    def who(factor):
        changed = list(weights)
        changed[index] = weights[index] * factor
        return model.winner(changed)

    previous = 1.0
    others = sum(w for i, w in enumerate(weights) if i != index)
    for factor in grid:
        if factor == 0 and others <= 0:
            break
        if who(factor) != winner:
            low, high = previous, factor
            while abs(high - low) > tolerance:
                middle = (low + high) / 2
                if who(middle) == winner:
                    low = middle
                else:
                    high = middle
            return high, who(high)
        previous = factor
    return None


def _reference_flips(vendors, ids, axes, weights, tolerance=0.005):
    from checklist.scoring.sensitivity import WeightModel

    model = WeightModel(vendors, ids, axes)
    winner = model.winner(weights)
    found = {}
    for index, section in enumerate(ids):
        if weights[index] > 0:
            found[section] = [_searched_flip(model, weights, index, winner, grid, tolerance)
                              for grid in (_DOWN, _UP)]
    return found


@SETTINGS
@given(st.lists(st.lists(st.floats(0, 1), min_size=3, max_size=3), min_size=2, max_size=6,
                unique_by=lambda r: tuple(r)))
def test_exact_flip_factors_agree_with_a_search(rows):
    """The solved crossing points match a bisection search on the ranking itself, bisected
    finely: two vendors can overtake the winner within a hair of each other (one leads for
    0.001 of a factor), and only a fine search names the first of them, as the solved crossing
    does."""
    from checklist.scoring.sensitivity import sensitivity

    ids, axes, weights = ["a", "b", "c"], ["claims", "readiness", "readiness"], [2.0, 1.0, 1.5]
    vendors = _vendors(rows, ids)
    result = sensitivity(vendors, ids, axes, weights, threshold=0.8, draws=0)
    for section, searched in _reference_flips(vendors, ids, axes, weights, 1e-9).items():
        solved = sorted((f for f in result.flips if f.section == section),
                        key=lambda f: f.factor > 1)
        below = next((f for f in solved if f.factor < 1), None)
        above = next((f for f in solved if f.factor > 1), None)
        for flip, found in zip((below, above), searched, strict=True):
            if flip is None or found is None:
                # Only a flip within a hair of the base weights may fall between grid steps.
                assert (flip is None and found is None) or abs(
                    (flip.factor if flip else found[0]) - 1) < 0.01, (flip, found)
                continue
            assert flip.factor == pytest.approx(found[0], abs=0.01)
            assert flip.new_winner == found[1]


_TIES = st.integers(2, 4).flatmap(lambda n: st.tuples(
    st.lists(st.lists(st.sampled_from([None, 0.0, 0.5, 1.0]), min_size=n, max_size=n),
             min_size=2, max_size=4),
    st.lists(st.sampled_from([0.0, 1.0, 2.0]), min_size=n, max_size=n),
    st.lists(st.sampled_from(["claims", "readiness"]), min_size=n, max_size=n)))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TIES)
def test_flips_match_a_full_re_ranking_even_on_ties(case):
    """Each flip step moves precomputed sums instead of re-adding every section; on inputs
    full of ties (few score levels, so overall, readiness and name all come into play, in
    exact arithmetic) the flips must be exactly what re-ranking everything gives:
    - where a section does not apply to every vendor, the searched flips equal a search
      that re-ranks every vendor over every section at each step;
    - a flip at factor 0 (the section dropped) names the winner of a full re-ranking
      without that section."""
    from checklist.scoring.sensitivity import WeightModel, sensitivity

    rows, weights, axes = case
    ids = [f"s{i}" for i in range(len(weights))]
    vendors = _vendors(rows, ids)
    result = sensitivity(vendors, ids, axes, weights, threshold=0.8, draws=0)
    if len({tuple(x is not None for x in row) for row in rows}) > 1:
        expected = sorted(
            (section, round(found[0], 2), found[1])
            for section, both in _reference_flips(vendors, ids, axes, weights).items()
            for found in both if found is not None
        )
        assert sorted((f.section, f.factor, f.new_winner) for f in result.flips) == expected
    model = WeightModel(vendors, ids, axes)
    for flip in result.flips:
        if flip.factor == 0:
            dropped = [0.0 if s == flip.section else w for s, w in zip(ids, weights, strict=True)]
            assert flip.new_winner == model.winner(dropped)
