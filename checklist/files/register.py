"""The register: every evaluation found under some folders (a company's git repository of
evaluations), read from its `evaluation.yaml` alone.

What the register shows is recorded there: the status, the chosen vendor, the review-by date,
and, from the acceptance step, the verdict's conditions and the last day its evidence was all
fresh. So listing 1,000 decisions parses 1,000 small files and no ratings file or rubric lock
(`bench/bench_register.py` checks it against a bare YAML parse of the same files).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from checklist.errors import ChecklistError, Problem
from checklist.files.layout import EVALUATION_FILE, own_file
from checklist.files.validate import to_model
from checklist.files.yamlio import read_yaml
from checklist.model.decision import DecisionStep
from checklist.model.evaluation import Evaluation

#: Folders never searched: version control, virtual environments, caches.
SKIPPED = frozenset({"node_modules", "__pycache__"})


@dataclass(frozen=True)
class Entry:
    """One evaluation of the register."""

    folder: Path
    evaluation: Evaluation

    @property
    def acceptance(self) -> DecisionStep | None:
        """The step that accepted the chosen vendor, while the decision stands on it."""
        if self.evaluation.status not in ("accepted", "superseded"):
            return None
        return next((s for s in reversed(self.evaluation.history) if s.action == "accept"),
                    None)

    @property
    def chosen_name(self) -> str:
        chosen = self.evaluation.chosen
        vendor = self.evaluation.vendor(chosen) if chosen else None
        return vendor.name if vendor else (chosen or "")

    @property
    def conditions(self) -> list[str]:
        step = self.acceptance
        return list(step.conditions) if step and self.evaluation.status == "accepted" else []

    def stale_since(self, today: dt.date) -> dt.date | None:
        """The first day the accepted vendor's evidence was stale, if that is past."""
        step = self.acceptance
        if step is None or step.fresh_until is None or self.evaluation.status != "accepted":
            return None
        first = step.fresh_until + dt.timedelta(days=1)
        return first if first <= today else None

    def mentions(self, vendor: str) -> bool:
        """Whether `vendor` (an id or a name, any case) is one of the evaluation's vendors."""
        wanted = vendor.strip().casefold()
        return any(wanted in (v.id, v.name.casefold()) for v in self.evaluation.vendors)


@dataclass
class Register:
    entries: list[Entry] = field(default_factory=list)
    #: Evaluations that could not be read: each problem with its position.
    problems: list[Problem] = field(default_factory=list)


def find_evaluations(roots: Sequence[Path]) -> Iterator[Path]:
    """Every evaluation folder under `roots`, in path order; links to folders are not
    followed, hidden folders (.git, .venv) and an evaluation's own subfolders not searched."""
    for root in roots:
        if not root.is_dir():
            raise ChecklistError.at(root, "no such folder; give folders that hold evaluations")
        found: list[Path] = []
        for folder, dirs, files in os.walk(root):
            if EVALUATION_FILE in files:
                found.append(Path(folder))
                dirs[:] = []
                continue
            dirs[:] = [d for d in dirs if not d.startswith(".") and d not in SKIPPED]
        yield from sorted(found)


def read_register(roots: Sequence[Path]) -> Register:
    register = Register()
    seen: set[Path] = set()
    for folder in find_evaluations(roots):
        key = folder.resolve()
        if key in seen:
            continue  # given twice (ROOT and ROOT/sub)
        seen.add(key)
        try:
            doc = read_yaml(own_file(folder, EVALUATION_FILE), what="evaluation")
            evaluation = to_model(doc, Evaluation, what="evaluation")
        except ChecklistError as exc:
            register.problems += exc.problems
            continue
        register.entries.append(Entry(folder, evaluation))
    return register


def select(entries: Iterable[Entry], *, vendor: str | None = None,
           statuses: Sequence[str] = (), due_before: dt.date | None = None) -> list[Entry]:
    """The entries that pass every filter given: one of the vendors, one of the statuses,
    a review-by date before `due_before`."""
    chosen = []
    for entry in entries:
        if vendor is not None and not entry.mentions(vendor):
            continue
        if statuses and entry.evaluation.status not in statuses:
            continue
        review = entry.evaluation.review_by
        if due_before is not None and (review is None or review >= due_before):
            continue
        chosen.append(entry)
    return chosen
