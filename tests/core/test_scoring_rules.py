"""Each scoring rule against values computed by hand from tests/data/tiny.yaml.

tiny: scale 0..4. Section claims-a (claims, weight 2): who-ran (w 2), tasks (w 1).
Section ready (readiness, weight 1): api (yes/no, gate >= 4), status (choice ga 4 /
preview 2 / retired 0, gate >= 2 when `public`), latency (number, lower is better,
thresholds 4: 30 s, 3: 60 s, 2: 120 s, 1: 300 s, N/A allowed).
"""

from __future__ import annotations

import pytest

from checklist.files.library import load_rubric_file, resolve_entry
from checklist.model import Answer, Evaluation, Ratings, RubricPin, Vendor
from checklist.scoring import score

A = pytest.approx


@pytest.fixture
def rubric(tiny_rubric):
    return resolve_entry(load_rubric_file(tiny_rubric))


def evaluation(rubric, *vendors: str, public: bool = True) -> Evaluation:
    return Evaluation(
        title="t",
        rubric=RubricPin(id=rubric.id, version=rubric.version, sha256=rubric.digest()),
        context={"public": public},
        vendors=[Vendor(id=v, name=v.title()) for v in vendors],
    )


def ratings(rater: str, answers: dict[str, dict[str, dict]]) -> Ratings:
    return Ratings(rater=rater, answers={
        v: {q: Answer(**a) for q, a in qs.items()} for v, qs in answers.items()
    })


FULL_ACME = {"who-ran": {"score": 2}, "tasks": {"score": 4}, "api": {"answer": True},
             "status": {"choice": "ga"}, "latency": {"value": 45}}


def test_all_answered_by_hand(rubric):
    card = score(evaluation(rubric, "acme"), rubric, {"ana": ratings("ana", {"acme": FULL_ACME})})
    acme = card.vendor("acme")
    # claims-a = (2*.5 + 1*1)/3; ready = (1 + 1 + .75)/3 (45 s meets the 60 s threshold: level 3)
    assert acme.sections["claims-a"].score == A(2 / 3)
    assert acme.sections["ready"].score == A(2.75 / 3)
    assert acme.questions["latency"].level == 3
    assert acme.score == A((2 * 2 / 3 + 2.75 / 3) / 3)
    assert acme.claims == A(2 / 3)
    assert acme.readiness == A(2.75 / 3)
    assert acme.hype_gap == A(2 / 3 - 2.75 / 3)
    assert acme.coverage == A(1.0)
    assert acme.lower == A(acme.score) and acme.upper == A(acme.score)
    assert acme.verdict == "go"
    assert card.settled


def test_unanswered_counts_zero_in_score_but_not_in_score_answered(rubric):
    answers = {"acme": {"who-ran": {"score": 1}}}
    card = score(evaluation(rubric, "acme"), rubric, {"ana": ratings("ana", answers)})
    acme = card.vendor("acme")
    section = acme.sections["claims-a"]
    assert section.score == A(2 * 0.25 / 3)
    assert section.score_answered == A(0.25)
    assert section.coverage == A(2 / 3)
    # who-ran carries (2/3 of the section weight) * (2/3 of its section) of the overall
    assert acme.questions["who-ran"].share == A(4 / 9)
    assert acme.score == A(4 / 9 * 0.25)
    assert acme.upper == A(4 / 9 * 0.25 + 5 / 9)
    assert acme.coverage == A(4 / 9)
    assert acme.verdict == "incomplete"  # the api and status gates are unanswered


def test_na_drops_the_question_from_every_denominator(rubric):
    answers = {"acme": {**FULL_ACME, "latency": {"na": True}}}
    card = score(evaluation(rubric, "acme"), rubric, {"ana": ratings("ana", answers)})
    acme = card.vendor("acme")
    assert acme.questions["latency"].status == "na"
    assert acme.sections["ready"].score == A(1.0)
    assert acme.sections["ready"].total == 2 and acme.sections["ready"].na == 1
    assert acme.coverage == A(1.0)


def test_number_thresholds_map_to_levels(rubric):
    expected = {10: 4, 30: 4, 30.5: 3, 60: 3, 100: 2, 300: 1, 301: 0}
    for value, level in expected.items():
        answers = {"acme": {"latency": {"value": value}}}
        card = score(evaluation(rubric, "acme"), rubric, {"ana": ratings("ana", answers)})
        assert card.vendor("acme").questions["latency"].level == level, value


def test_raters_mean_median_and_disagreement(rubric):
    files = {
        "ana": ratings("ana", {"acme": {"who-ran": {"score": 4}}}),
        "bob": ratings("bob", {"acme": {"who-ran": {"score": 1}}}),
        "cy": ratings("cy", {"acme": {"who-ran": {"score": 1}}}),
    }
    mean = score(evaluation(rubric, "acme"), rubric, files).vendor("acme")
    median = score(evaluation(rubric, "acme"), rubric, files, aggregate="median").vendor("acme")
    assert mean.questions["who-ran"].level == A(2.0)
    assert median.questions["who-ran"].level == A(1.0)
    assert mean.questions["who-ran"].spread == 3
    assert [q.id for q in mean.disagreements] == ["who-ran"]


def test_spread_below_threshold_is_not_a_disagreement(rubric):
    files = {
        "ana": ratings("ana", {"acme": {"who-ran": {"score": 3}}}),
        "bob": ratings("bob", {"acme": {"who-ran": {"score": 2}}}),
    }
    acme = score(evaluation(rubric, "acme"), rubric, files).vendor("acme")
    assert not acme.disagreements


def test_failed_gate_is_no_go_whatever_the_score_and_ranks_last(rubric):
    strong_but_no_api = {**FULL_ACME, "who-ran": {"score": 4}, "api": {"answer": False}}
    weak = {"who-ran": {"score": 0}, "tasks": {"score": 0}, "api": {"answer": True},
            "status": {"choice": "preview"}, "latency": {"value": 500}}
    card = score(evaluation(rubric, "acme", "beta"), rubric,
                 {"ana": ratings("ana", {"acme": strong_but_no_api, "beta": weak})})
    acme, beta = card.vendor("acme"), card.vendor("beta")
    assert acme.score > beta.score
    assert acme.verdict == "no-go"
    assert [g.id for g in acme.gates_failed] == ["api"]
    assert acme.gates_failed[0].anchor() == "no API"
    assert [v.id for v in card.vendors] == ["beta", "acme"]
    assert card.winner is beta


def test_conditional_gate_applies_only_when_its_flag_is_set(rubric):
    retired = {**FULL_ACME, "status": {"choice": "retired"}}
    on = score(evaluation(rubric, "acme", public=True), rubric,
               {"ana": ratings("ana", {"acme": retired})}).vendor("acme")
    off = score(evaluation(rubric, "acme", public=False), rubric,
                {"ana": ratings("ana", {"acme": retired})}).vendor("acme")
    assert on.verdict == "no-go" and [g.id for g in on.gates_failed] == ["status"]
    assert off.verdict == "go"
    assert next(g for g in off.gates if g.id == "status").status == "off"


def test_conditional_verdict_lists_its_reasons(rubric):
    answers = {"api": {"answer": True, "confidence": "low"}, "status": {"choice": "ga"}}
    card = score(evaluation(rubric, "acme"), rubric, {"ana": ratings("ana", {"acme": answers})})
    acme = card.vendor("acme")
    assert acme.verdict == "conditional"
    text = " | ".join(c.text() for c in acme.conditions)
    assert "of the weight is answered" in text
    assert "gate api passed on a low-confidence answer" in text


def test_conditions_are_data_worded_in_one_place(rubric):
    """A verdict's reasons are `Condition`s (kind, gate question, value, limit): the memo names
    the gate by its question from the data, and `summary --json` keeps the sentences."""
    from checklist.scoring.export import vendor_json
    from checklist.scoring.results import Condition

    answers = {"api": {"answer": True, "confidence": "low"}, "status": {"choice": "ga"}}
    acme = score(evaluation(rubric, "acme"), rubric,
                 {"ana": ratings("ana", {"acme": answers})}).vendor("acme")
    assert [(c.kind, c.question, c.limit) for c in acme.conditions] == [
        ("coverage", None, 0.8), ("low confidence", "api", None)]
    assert acme.conditions[0].value == A(2 / 9)  # api and status: 2 of the 9 weight shares
    low = acme.conditions[1]
    assert low.text() == "gate api passed on a low-confidence answer"
    assert low.text(rubric) == ("the gate “Is there a commercial API?” passed on a "
                                "low-confidence answer")
    assert vendor_json(acme)["conditions"] == [
        "only 22% of the weight is answered (policy: 80%)",
        "gate api passed on a low-confidence answer"]
    failed = Condition("gate failed", "api", 0.0, 4.0)
    assert failed.text() == "gate api failed (0 < 4)"
    assert Condition("gate open", "gone").text(rubric) == "gate gone is unanswered"


def test_ranking_ties_break_on_readiness_then_name(rubric):
    # Same overall; beta has more readiness, so it ranks first; then name order.
    claims_heavy = {"who-ran": {"score": 4}, "tasks": {"score": 4}, "api": {"answer": True},
                    "status": {"choice": "retired"}, "latency": {"na": True}}
    card = score(evaluation(rubric, "acme", "beta", public=False), rubric, {"ana": ratings(
        "ana", {"acme": claims_heavy, "beta": claims_heavy})})
    assert [v.id for v in card.vendors] == ["acme", "beta"]  # full tie: name order


def test_not_settled_when_a_runner_up_could_still_overtake(rubric):
    leader = FULL_ACME
    partial = {"who-ran": {"score": 4}, "api": {"answer": True}, "status": {"choice": "ga"}}
    card = score(evaluation(rubric, "acme", "beta"), rubric,
                 {"ana": ratings("ana", {"acme": leader, "beta": partial})})
    acme, beta = card.vendor("acme"), card.vendor("beta")
    assert acme.rank == 1 and beta.upper > acme.lower
    assert not card.settled
    assert {(d.vendor, d.question) for d in card.deciders} == {("beta", "tasks"),
                                                               ("beta", "latency")}


def test_sensitivity_finds_the_weight_factor_that_flips_the_winner(rubric):
    # acme: strong claims, weak readiness; beta: the reverse. Base weights favour acme.
    acme = {"who-ran": {"score": 4}, "tasks": {"score": 4}, "api": {"answer": True},
            "status": {"choice": "preview"}, "latency": {"value": 1000}}
    beta = {"who-ran": {"score": 1}, "tasks": {"score": 1}, "api": {"answer": True},
            "status": {"choice": "ga"}, "latency": {"value": 1}}
    card = score(evaluation(rubric, "acme", "beta"), rubric,
                 {"ana": ratings("ana", {"acme": acme, "beta": beta})})
    assert card.winner.id == "acme"
    # ready: acme (1 + .5 + 0)/3 = .5, beta (1 + 1 + 1)/3 = 1; claims: acme 1, beta .25.
    # Factor f on `ready` (weight 1): acme (2*1 + .5f), beta (2*.25 + f): equal at f = 3.
    # Factor g on `claims-a` (weight 2): acme (2g + .5), beta (.5g + 1): equal at g = 1/3.
    flips = {f.section: f for f in card.sensitivity.flips}
    assert flips["ready"].new_winner == "beta"
    assert flips["ready"].factor == A(3.0, abs=0.01)
    assert flips["claims-a"].factor == A(1 / 3, abs=0.01)
    assert 0 < card.sensitivity.stability <= 1


def test_sensitivity_is_seeded_and_reproducible(rubric):
    answers = {"acme": FULL_ACME, "beta": {**FULL_ACME, "who-ran": {"score": 3}}}
    files = {"ana": ratings("ana", answers)}
    one = score(evaluation(rubric, "acme", "beta"), rubric, files).sensitivity
    two = score(evaluation(rubric, "acme", "beta"), rubric, files).sensitivity
    assert one == two


def test_the_outlook_says_what_a_reader_needs_in_every_case(rubric):
    from checklist.scoring.narrative import outlook

    empty = outlook(score(evaluation(rubric), rubric, {}))
    assert empty.headline.startswith("No vendors to rank yet")
    no_api = {"acme": {**FULL_ACME, "api": {"answer": False}}}
    none = outlook(score(evaluation(rubric, "acme"), rubric, {"ana": ratings("ana", no_api)}))
    assert none.headline.startswith("No vendor qualifies") and not none.sensitivity
    partial = {"acme": FULL_ACME, "beta": {"who-ran": {"score": 4}, "api": {"answer": True},
                                           "status": {"choice": "ga"}}}
    card = score(evaluation(rubric, "acme", "beta"), rubric, {"ana": ratings("ana", partial)})
    view = outlook(card)
    assert view.headline == f"Leader: Acme (go, overall {card.winner.score:.2f})"
    assert view.settled.startswith("Not settled yet")
    assert view.deciders[0].startswith("Beta / tasks")
