"""A balanced, seeded design of pairwise comparisons: pure functions on indices, no I/O.

- **Pairs over prompts.** All n(n-1)/2 vendor pairs are put in round-robin order (the circle
  method: each round meets every vendor once), with vendors relabelled and rounds shuffled
  by the seed; prompt 1 takes the first K pairs of that cycle, prompt 2 the next K, and so on,
  wrapping around. So every pair is used floor(mK/C) or one more times (within 1 of every
  other pair), the pairs on one prompt are distinct, and each vendor appears about equally
  often (within 1 for an even number of vendors, 2 for odd). K = C is "every pair on every
  prompt".
- **Sides.** Occurrences of one pair alternate sides (a left, then b left, ...); the single
  leftover of a pair used an odd number of times is oriented along an Euler circuit, so
  every vendor is shown left and right equally often, within 1.
- **Raters.** Comparisons in a seeded random order are dealt to raters in turn, `overlap`
  different raters each, so shares differ by at most 1 and no rater sees one comparison
  twice; each rater's queue is shuffled again.

Every random choice comes from `random.Random` seeded with a string (stable across Python
versions and platforms), one stream per purpose, so a seed always gives the same design.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass


@dataclass(frozen=True)
class Slot:
    """One comparison: a prompt (index) and the vendors (indices) shown left and right."""

    prompt: int
    left: int
    right: int


def stream(seed: int, purpose: str) -> random.Random:
    """An independent random stream for one purpose ("pairs", "sides", ...) of one seed."""
    return random.Random(f"checklist-bakeoff:{seed}:{purpose}")


def pair_count(n_vendors: int) -> int:
    return n_vendors * (n_vendors - 1) // 2


def round_robin(n: int) -> list[list[tuple[int, int]]]:
    """Rounds of the circle method: every pair once, each vendor at most once per round."""
    players: list[int | None] = list(range(n))
    if n % 2:
        players.append(None)  # a bye
    size = len(players)
    rounds = []
    for _ in range(size - 1):
        games = []
        for k in range(size // 2):
            a, b = players[k], players[size - 1 - k]
            if a is not None and b is not None:
                games.append((min(a, b), max(a, b)))
        rounds.append(games)
        players = [players[0], players[-1], *players[1:-1]]
    return rounds


def pair_cycle(n: int, seed: int) -> list[tuple[int, int]]:
    """All pairs in a seeded round-robin order."""
    rng = stream(seed, "pairs")
    labels = list(range(n))
    rng.shuffle(labels)
    rounds = round_robin(n)
    rng.shuffle(rounds)
    cycle = []
    for games in rounds:
        relabelled = [tuple(sorted((labels[a], labels[b]))) for a, b in games]
        rng.shuffle(relabelled)
        cycle += [(a, b) for a, b in relabelled]
    return cycle


def pairs_for_prompts(n_vendors: int, n_prompts: int, per_prompt: int,
                      seed: int) -> list[tuple[int, int, int]]:
    """(prompt, a, b) for `per_prompt` distinct pairs on each prompt, balanced over pairs."""
    total = pair_count(n_vendors)
    if not 1 <= per_prompt <= total:
        raise ValueError(f"per_prompt must be 1..{total} for {n_vendors} vendors")
    cycle = pair_cycle(n_vendors, seed)
    out = []
    position = 0
    for prompt in range(n_prompts):
        for _ in range(per_prompt):
            a, b = cycle[position % total]
            out.append((prompt, a, b))
            position += 1
    return out


def orient(comparisons: list[tuple[int, int, int]], n_vendors: int, seed: int) -> list[Slot]:
    """Sides for each (prompt, a, b): balanced per pair and per vendor (see the module)."""
    rng = stream(seed, "sides")
    by_pair: dict[tuple[int, int], list[int]] = defaultdict(list)
    for index, (_, a, b) in enumerate(comparisons):
        by_pair[(min(a, b), max(a, b))].append(index)
    left_of: dict[int, int] = {}
    leftovers: list[tuple[int, int, int]] = []  # (comparison index, a, b)
    for (a, b), indices in sorted(by_pair.items()):
        order = list(indices)
        rng.shuffle(order)
        first, second = (a, b) if rng.random() < 0.5 else (b, a)
        even = len(order) - len(order) % 2
        for k, index in enumerate(order[:even]):
            left_of[index] = first if k % 2 == 0 else second
        if len(order) % 2:
            leftovers.append((order[-1], a, b))
    for index, tail in _euler_orientation(leftovers, n_vendors, rng).items():
        left_of[index] = tail
    slots = []
    for index, (prompt, a, b) in enumerate(comparisons):
        left = left_of[index]
        slots.append(Slot(prompt, left, b if left == a else a))
    return slots


def _euler_orientation(edges: list[tuple[int, int, int]], n: int,
                       rng: random.Random) -> dict[int, int]:
    """Orients edges (id, a, b) so every vertex's out- and in-degree differ by at most 1:
    odd-degree vertices are joined to a dummy vertex, then each Euler circuit is walked and
    every edge points the way it was walked. Returns edge id -> its tail (shown left)."""
    dummy = n
    adjacency: dict[int, list[tuple[int, int]]] = defaultdict(list)  # vertex -> (edge, other)
    ends: dict[int, tuple[int, int]] = {}
    degree = [0] * (n + 1)
    for edge, a, b in edges:
        ends[edge] = (a, b)
        degree[a] += 1
        degree[b] += 1
    fake = -1
    for vertex in range(n):
        if degree[vertex] % 2:
            ends[fake] = (vertex, dummy)
            fake -= 1
    for edge, (a, b) in ends.items():
        adjacency[a].append((edge, b))
        adjacency[b].append((edge, a))
    for vertex in adjacency:
        rng.shuffle(adjacency[vertex])
    used: set[int] = set()
    tail_of: dict[int, int] = {}
    for start in sorted(adjacency):
        stack = [start]
        while stack:  # Hierholzer, orienting each edge as it is first crossed
            vertex = stack[-1]
            links = adjacency[vertex]
            while links and links[-1][0] in used:
                links.pop()
            if not links:
                stack.pop()
                continue
            edge, other = links.pop()
            used.add(edge)
            tail_of[edge] = vertex
            stack.append(other)
    return {edge: tail for edge, tail in tail_of.items() if edge >= 0}


def deal_raters(count: int, n_raters: int, overlap: int, seed: int) -> list[tuple[int, ...]]:
    """For each of `count` comparisons, the `overlap` distinct raters who judge it; every
    rater gets the same share within 1."""
    if not 1 <= overlap <= n_raters:
        raise ValueError(f"overlap must be 1..{n_raters}")
    rng = stream(seed, "raters")
    order = list(range(count))
    rng.shuffle(order)
    raters = list(range(n_raters))
    rng.shuffle(raters)
    dealt: list[tuple[int, ...]] = [()] * count
    turn = 0
    for index in order:
        dealt[index] = tuple(raters[(turn + k) % n_raters] for k in range(overlap))
        turn += overlap
    return dealt


def queues(dealt: list[tuple[int, ...]], n_raters: int, seed: int) -> list[list[int]]:
    """Each rater's comparisons (indices), in a seeded order of their own."""
    rng = stream(seed, "order")
    out: list[list[int]] = [[] for _ in range(n_raters)]
    for index, raters in enumerate(dealt):
        for rater in raters:
            out[rater].append(index)
    for queue in out:
        rng.shuffle(queue)
    return out
