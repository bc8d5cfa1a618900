"""The plan's design: balanced pairs, sides and shares, for any size, and the same for a seed."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from checklist.bakeoff import design

SETTINGS = settings(max_examples=150, deadline=None)


@st.composite
def sizes(draw: st.DrawFn) -> tuple[int, int, int, int]:
    n = draw(st.integers(2, 12))
    prompts = draw(st.integers(1, 40))
    per_prompt = draw(st.integers(1, design.pair_count(n)))
    seed = draw(st.integers(0, 2**63 - 1))
    return n, prompts, per_prompt, seed


@SETTINGS
@given(sizes())
def test_every_pair_within_one_of_every_other(case: tuple[int, int, int, int]) -> None:
    n, prompts, per_prompt, seed = case
    triples = design.pairs_for_prompts(n, prompts, per_prompt, seed)
    assert len(triples) == prompts * per_prompt
    counts = Counter((a, b) for _, a, b in triples)
    every = [counts.get((a, b), 0) for a in range(n) for b in range(a + 1, n)]
    assert max(every) - min(every) <= 1
    for prompt in range(prompts):  # distinct pairs on one prompt
        on_prompt = [(a, b) for p, a, b in triples if p == prompt]
        assert len(set(on_prompt)) == len(on_prompt) == per_prompt
    vendors = Counter([a for _, a, _ in triples] + [b for _, _, b in triples])
    shown = [vendors.get(v, 0) for v in range(n)]
    assert max(shown) - min(shown) <= (1 if n % 2 == 0 else 2)


@SETTINGS
@given(sizes())
def test_sides_balanced_per_vendor_and_per_pair(case: tuple[int, int, int, int]) -> None:
    n, prompts, per_prompt, seed = case
    triples = design.pairs_for_prompts(n, prompts, per_prompt, seed)
    slots = design.orient(triples, n, seed)
    assert [(s.prompt, min(s.left, s.right), max(s.left, s.right)) for s in slots] == [
        (p, min(a, b), max(a, b)) for p, a, b in triples]
    left = Counter(s.left for s in slots)
    right = Counter(s.right for s in slots)
    for vendor in range(n):
        assert abs(left[vendor] - right[vendor]) <= 1
    ordered = Counter((s.left, s.right) for s in slots)
    for a in range(n):
        for b in range(a + 1, n):
            assert abs(ordered[(a, b)] - ordered[(b, a)]) <= 1


@SETTINGS
@given(st.integers(1, 500), st.integers(1, 12), st.data())
def test_raters_shares_within_one_and_never_twice(count: int, raters: int,
                                                  data: st.DataObject) -> None:
    overlap = data.draw(st.integers(1, raters))
    seed = data.draw(st.integers(0, 2**32))
    dealt = design.deal_raters(count, raters, overlap, seed)
    assert all(len(set(r)) == len(r) == overlap for r in dealt)
    load = Counter(r for rs in dealt for r in rs)
    shares = [load.get(r, 0) for r in range(raters)]
    assert max(shares) - min(shares) <= 1
    queues = design.queues(dealt, raters, seed)
    assert sorted(i for q in queues for i in q) == sorted(
        i for i, rs in enumerate(dealt) for _ in rs)
    assert all(len(set(q)) == len(q) for q in queues)


@SETTINGS
@given(sizes(), st.integers(1, 6))
def test_same_seed_same_design(case: tuple[int, int, int, int], raters: int) -> None:
    n, prompts, per_prompt, seed = case

    def build() -> tuple[object, ...]:
        triples = design.pairs_for_prompts(n, prompts, per_prompt, seed)
        slots = design.orient(triples, n, seed)
        dealt = design.deal_raters(len(slots), raters, 1, seed)
        return tuple(slots), tuple(dealt), tuple(map(tuple, design.queues(dealt, raters, seed)))

    assert build() == build()


def test_different_seeds_give_different_designs() -> None:
    designs = {tuple(design.orient(design.pairs_for_prompts(5, 30, 3, seed), 5, seed))
               for seed in range(10)}
    assert len(designs) == 10
