"""One rater's blind judging session: what the TUI judging screen and the web page call.

Nothing a `Judge` returns names a vendor or a path: a `Trial` carries the prompt, two
`BlindOutput`s (opaque id, kind, media type, and the text for text outputs) and the
progress; media bytes are fetched by opaque id with `output_file` (the web layer streams the
file it returns without showing its name). Votes go through `VoteFile` (merged under the
lock, atomic); `vote` and `undo` answer with progress and comparison ids only. Other
raters' votes are given by `others_votes` once this rater's share is done, never before.

    judge = Judge.open(Path("video-2026"), "Ana María")
    while (trial := judge.next_trial()) is not None:
        ...show trial.left and trial.right...
        judge.vote(trial.comparison, "left", reasons=["quality"])
    judge.undo()  # takes back the last vote; next_trial() shows that comparison again
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from checklist.bakeoff.catalog import Catalog, Output, build_catalog
from checklist.bakeoff.folder import Bakeoff, check_input, load_bakeoff, resolve_inside
from checklist.bakeoff.media import kind_of, media_type
from checklist.bakeoff.model import PlanFile, Verdict, Vote
from checklist.bakeoff.plan import require_plan
from checklist.bakeoff.votes import VoteFile, finished, load_votes
from checklist.errors import ChecklistError


@dataclass(frozen=True)
class BlindOutput:
    """One side of a comparison as the judge may see it."""

    id: str
    kind: str  # text | image | audio | video | failed (the request returned nothing)
    media_type: str
    text: str | None = None


@dataclass(frozen=True)
class BlindPrompt:
    id: str
    text: str
    task: str
    tags: tuple[str, ...]
    #: The input asset's kind and media type when the prompt has one (`input_file` serves it).
    input_kind: str | None = None
    input_media_type: str | None = None


@dataclass(frozen=True)
class Progress:
    done: int
    total: int

    @property
    def finished(self) -> bool:
        return self.total > 0 and self.done >= self.total


@dataclass(frozen=True)
class Trial:
    """One comparison to judge: `number` is its place in the rater's queue (1-based)."""

    comparison: str
    prompt: BlindPrompt
    left: BlindOutput
    right: BlindOutput
    number: int
    progress: Progress
    #: This rater's verdict when the comparison was already judged (shown for review).
    verdict: str | None = None


class Judge:
    """A rater's view of the bake-off: their queue, blind."""

    def __init__(self, bakeoff: Bakeoff, plan: PlanFile, catalog: Catalog, file: VoteFile):
        self.bakeoff = bakeoff
        self.plan = plan
        self.catalog = catalog
        self.file = file
        self.queue = list(plan.queues[file.rater])
        self._comparisons = {c.id: c for c in plan.comparisons}
        self._own_outputs = {ident for cid in self.queue for ident in
                             (self._comparisons[cid].left, self._comparisons[cid].right)}
        self._votes: list[Vote] = file.read().votes

    @classmethod
    def open(cls, path: Path, rater: str) -> Judge:
        bakeoff = load_bakeoff(path)
        plan = require_plan(bakeoff)
        catalog = build_catalog(bakeoff)
        return cls(bakeoff, plan, catalog, VoteFile.open(bakeoff, plan, rater))

    @property
    def rater(self) -> str:
        return self.file.rater

    @property
    def reasons(self) -> list[str]:
        """The reason tags a vote may carry, in the bake-off's order."""
        return list(self.bakeoff.settings.reasons)

    def progress(self) -> Progress:
        done = {v.comparison for v in self._votes}
        return Progress(sum(1 for c in self.queue if c in done), len(self.queue))

    def next_trial(self) -> Trial | None:
        """The first comparison of the queue not yet judged, or None when the share is done."""
        done = {v.comparison for v in self._votes}
        for comparison in self.queue:
            if comparison not in done:
                return self.trial(comparison)
        return None

    def trial(self, comparison: str) -> Trial:
        if comparison not in self.queue:
            raise ChecklistError.plain(f"comparison '{comparison}' is not in {self.rater}'s "
                                       "share of the plan")
        planned = self._comparisons[comparison]
        verdict = next((v.verdict for v in self._votes if v.comparison == comparison), None)
        return Trial(comparison, self._prompt(planned.prompt), self._output(planned.left),
                     self._output(planned.right), self.queue.index(comparison) + 1,
                     self.progress(), verdict)

    def vote(self, comparison: str, verdict: Verdict, *, reasons: Iterable[str] = (),
             note: str = "") -> Progress:
        """Records a verdict: "left", "right", "tie" or "both-unusable". When another window
        of the same rater voted meanwhile, the votes are re-read before the error is raised,
        so `next_trial()` moves on."""
        try:
            self.file.cast(comparison, verdict, reasons=reasons, note=note)
        finally:
            self.refresh()
        return self.progress()

    def refresh(self) -> None:
        """Re-reads this rater's votes file (another window may have voted)."""
        self._votes = self.file.read().votes

    def undo(self) -> str | None:
        """Takes back this rater's last vote; returns its comparison id (None: no votes)."""
        try:
            undone = self.file.undo()
        finally:
            self.refresh()
        return undone.comparison if undone else None

    def output_file(self, output_id: str) -> tuple[Path, str] | None:
        """The file behind an opaque id in this rater's queue, and its media type, for the
        web layer to stream; None for unknown ids, other raters' outputs and inline text."""
        if output_id not in self._own_outputs:
            return None
        output = self._catalog_output(output_id)
        if output.path is None:
            return None
        return output.path, media_type(output.path.name)

    def input_file(self, prompt_id: str) -> tuple[Path, str] | None:
        """A prompt's input asset (the same for every vendor), and its media type."""
        prompt = self.bakeoff.prompt(prompt_id)
        if prompt is None or prompt.input is None:
            return None
        if check_input(self.bakeoff.path, prompt.input) is not None:
            return None
        target, _ = resolve_inside(self.bakeoff.path, prompt.input)
        return (target, media_type(prompt.input)) if target else None

    def others_votes(self) -> dict[str, list[Vote]] | None:
        """Every other rater's votes once this rater's share is done; None before (blind)."""
        if not finished(self.plan, self.rater, self.file.read()):
            return None
        return {r: list(v.votes) for r, v in load_votes(self.bakeoff, self.plan).items()
                if r != self.rater}

    # --- building what the judge sees --------------------------------------------------

    def _catalog_output(self, output_id: str) -> Output:
        planned = self.plan.outputs[output_id]
        output = self.catalog.get(planned.vendor, planned.prompt)
        if output is None:
            raise ChecklistError.at(self.bakeoff.path, f"output {output_id} of the plan is "
                                    "missing now; restore it (see `checklist bakeoff status`)")
        return output

    def _output(self, output_id: str) -> BlindOutput:
        output = self._catalog_output(output_id)
        if output.kind == "failed":
            return BlindOutput(output_id, "failed", "text/plain")
        if output.kind == "text":
            return BlindOutput(output_id, "text", "text/plain", output.read_text())
        assert output.path is not None
        return BlindOutput(output_id, output.kind, media_type(output.path.name))

    def _prompt(self, prompt_id: str) -> BlindPrompt:
        prompt = self.bakeoff.prompt(prompt_id)
        assert prompt is not None  # load_plan checked it
        kind = kind_of(prompt.input) if prompt.input else None
        return BlindPrompt(prompt.id, prompt.text, prompt.task, tuple(prompt.tags), kind,
                           media_type(prompt.input) if prompt.input else None)
