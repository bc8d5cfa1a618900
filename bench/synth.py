"""Synthetic evaluations for the benchmarks: vendors x questions x raters, deterministic.

`generate(folder, vendors, questions, raters)` writes a real evaluation folder through
checklist's own writers (so the files are exactly what the tool reads in use): a rubric of
ten sections mixing every question type, a few gates (some behind a context flag), vendors
with claims, and one ratings file per rater with ~90% of the answers given, most with a
note, some with evidence, a few N/A or drafts. The same arguments and seed give the same
bytes, so timings from different runs compare like for like.

Generated folders are cached under the system temp folder (`cached(size)`): the large one
(100 vendors x 200 questions x 5 raters = 100,000 answers) takes a while to write.

    python bench/synth.py DIR [--vendors 100 --questions 200 --raters 5 --seed 0]
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
import shutil
import tempfile
from pathlib import Path

#: (vendors, questions, raters) per named size; "large" is the issue's upper end.
SIZES: dict[str, tuple[int, int, int]] = {
    "small": (10, 20, 2),
    "medium": (50, 100, 3),
    "large": (100, 200, 5),
}
#: Bump when the generator changes, so cached folders are rebuilt.
GENERATOR_VERSION = 2
SECTIONS = 10


def build_rubric(questions: int, seed: int = 0) -> object:
    """A resolved rubric with `questions` questions in ten sections, every type represented."""
    from checklist.model.rubric import (
        Choice,
        ContextFlag,
        Gate,
        Question,
        Rubric,
        Scale,
        Section,
    )

    rng = random.Random(seed)
    per_section = [questions // SECTIONS + (1 if s < questions % SECTIONS else 0)
                   for s in range(SECTIONS)]
    sections = []
    number = 0
    for s, count in enumerate(per_section):
        items = []
        for _ in range(count):
            kind = ("score", "score", "score", "score", "yes_no", "choice", "number")[number % 7]
            extra: dict[str, object] = {}
            if kind == "choice":
                extra["choices"] = [Choice(id="ga", label="Generally available", score=4),
                                    Choice(id="preview", label="Preview", score=2),
                                    Choice(id="none", label="None", score=0)]
            elif kind == "number":
                extra.update(unit="s", better="lower",
                             thresholds={4: 30.0, 3: 60.0, 2: 120.0, 1: 300.0}, allow_na=True)
            elif kind == "yes_no":
                extra["anchors"] = {0: "Not offered", 4: "Offered and documented"}
            else:
                extra["anchors"] = {0: "No evidence", 2: "Vendor-run evidence",
                                    4: "Independent, reproducible evidence"}
            if number % 25 == 0:
                extra["gate"] = Gate(min=2, when="published" if number % 50 else None,
                                     reason="A buyer walks away below this")
            items.append(Question(
                id=f"q{number:03d}", text=f"Question {number}: does the vendor show it?",
                guidance="Score what the evidence shows, not what the vendor says.",
                evidence="A dated document or our own test.",
                ask_vendor=f"Please send the evidence for point {number}.",
                weight=rng.choice((0.5, 1, 1, 2)), type=kind, **extra,
            ))
            number += 1
        if items:
            sections.append(Section(id=f"section-{s}", title=f"Section {s}",
                                    axis="claims" if s < 4 else "readiness",
                                    weight=1 + s % 3, questions=items))
    return Rubric(
        id="bench", version="1.0.0", title="Synthetic benchmark rubric",
        scale=Scale(min=0, max=4, labels={0: "None", 1: "Weak", 2: "Partial", 3: "Good",
                                          4: "Strong"}),
        context=[ContextFlag(id="published", text="Outputs are published", default=True)],
        sections=sections,
    )


def _answer(rng: random.Random, question: object, minute: int) -> object | None:
    from checklist.model.ratings import Answer, Evidence

    roll = rng.random()
    if roll < 0.08:
        return None  # not answered yet
    fields: dict[str, object] = {
        "at": dt.datetime(2026, 11, 1, 9, tzinfo=dt.UTC) + dt.timedelta(minutes=minute),
    }
    kind = question.type  # type: ignore[attr-defined]
    if roll < 0.10:
        pass  # a draft: a note but no value yet
    elif kind == "number" and roll < 0.13:
        fields["na"] = True
    elif kind == "yes_no":
        fields["answer"] = rng.random() < 0.7
    elif kind == "choice":
        fields["choice"] = rng.choice(("ga", "ga", "preview", "none"))
    elif kind == "number":
        fields["value"] = round(rng.uniform(10, 400), 1)
    else:
        fields["score"] = rng.choice((0, 1, 2, 2, 3, 3, 3, 4, 4))
    if rng.random() < 0.6 or ("score" not in fields and roll < 0.10):
        fields["note"] = f"Checked on the vendor's site; follow up in review {minute % 97}."
    if rng.random() < 0.3:
        fields["evidence"] = [Evidence(
            url=f"https://example.com/vendor/report-{minute}",
            retrieved=dt.date(2026, 10, 1 + minute % 28),
            grade=rng.choice(("vendor-claim", "third-party", "independent-lab", "own-test")),
        )]
    if rng.random() < 0.5:
        fields["confidence"] = rng.choice(("low", "medium", "high"))
    return Answer(**fields)


def generate(folder: Path, vendors: int, questions: int, raters: int, seed: int = 0) -> Path:
    """Writes the evaluation folder; returns it. Refuses to overwrite an existing evaluation."""
    from checklist.files.folder import Ordering, RatingsFile, create_folder
    from checklist.model.evaluation import Claim, Evaluation, RubricPin, Vendor
    from checklist.model.ratings import Ratings

    rng = random.Random(seed)
    rubric = build_rubric(questions, seed)
    vendor_list = [
        Vendor(id=f"vendor-{v:03d}", name=f"Vendor {v:03d}", product=f"Model {v}",
               website=f"https://vendor-{v}.example.com",
               claims=[Claim(text=f"Beats the leader by {v % 20}% on the arena",
                             task="text-to-video", metric="Elo", value=1000 + v,
                             source="https://example.com/arena", run_by="third party",
                             grade="third-party", date=dt.date(2026, 10, 1))])
        for v in range(vendors)
    ]
    evaluation = Evaluation(
        title=f"Synthetic evaluation {vendors}x{questions}x{raters}", owner="bench",
        date=dt.date(2026, 11, 21),
        rubric=RubricPin(id=rubric.id, version=rubric.version,  # type: ignore[attr-defined]
                         sha256=rubric.digest()),  # type: ignore[attr-defined]
        context={"published": True}, vendors=vendor_list,
    )
    workspace = create_folder(folder, evaluation, rubric)  # type: ignore[arg-type]
    ordering = Ordering.of(workspace.evaluation, workspace.rubric)
    all_questions = [q for _, q in workspace.rubric.questions()]
    for r in range(raters):
        rater = f"rater-{r}"
        answers: dict[str, dict[str, object]] = {}
        minute = 0
        for vendor in vendor_list:
            given = {}
            for question in all_questions:
                minute += 1
                answer = _answer(rng, question, minute)
                if answer is not None:
                    given[question.id] = answer
            answers[vendor.id] = given
        RatingsFile(folder, rater, ordering).replace(
            Ratings(rater=f"Rater {r}", answers=answers)  # type: ignore[arg-type]
        )
    return folder


def cache_root() -> Path:
    return Path(tempfile.gettempdir()) / "checklist-bench"


def cached(size: str | tuple[int, int, int], seed: int = 0) -> Path:
    """The generated folder for a named size (or a (vendors, questions, raters) triple),
    built once per generator version and checklist source and then reused."""
    vendors, questions, raters = SIZES[size] if isinstance(size, str) else size
    key = f"v{GENERATOR_VERSION}-{vendors}x{questions}x{raters}-s{seed}-{_source_digest()}"
    folder = cache_root() / key
    if not (folder / "evaluation.yaml").exists():
        partial = cache_root() / f".{key}.partial"
        shutil.rmtree(partial, ignore_errors=True)
        partial.parent.mkdir(parents=True, exist_ok=True)
        generate(partial, vendors, questions, raters, seed)
        shutil.rmtree(folder, ignore_errors=True)
        partial.rename(folder)
    return folder


def _source_digest() -> str:
    """Changes when the writers or models change, since they shape the generated bytes."""
    root = Path(__file__).resolve().parent.parent / "checklist"
    digest = hashlib.sha256()
    for path in sorted([*root.glob("model/*.py"), root / "files" / "yaml_write.py",
                        root / "files" / "folder_text.py"]):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def answers_in(folder: Path) -> int:
    """How many answers the ratings files hold (the unit for per-answer times)."""
    import yaml

    total = 0
    for path in sorted((folder / "ratings").glob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        total += sum(len(by_question) for by_question in (data.get("answers") or {}).values())
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--vendors", type=int, default=SIZES["large"][0])
    parser.add_argument("--questions", type=int, default=SIZES["large"][1])
    parser.add_argument("--raters", type=int, default=SIZES["large"][2])
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    generate(args.folder, args.vendors, args.questions, args.raters, args.seed)
    print(f"wrote {args.folder}: {answers_in(args.folder):,} answers")


if __name__ == "__main__":
    main()
