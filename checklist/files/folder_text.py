"""The evaluation folder's files as text: deterministic, readable, reviewable in git."""

from __future__ import annotations

from checklist.errors import printable
from checklist.files.layout import Ordering
from checklist.files.yamlio import dump_yaml, plain
from checklist.model.evaluation import Evaluation
from checklist.model.ratings import Answer, Ratings
from checklist.model.rubric import Rubric

EVALUATION_HEADER = (
    "checklist evaluation: one decision. Edit by hand or with `checklist open`.\n"
    "The rubric it is scored against is pinned below and stored in rubric.lock.yaml."
)
LOCK_HEADER = (
    "The resolved rubric this evaluation is scored against ({ref}).\n"
    "Do not edit: evaluation.yaml pins its sha256. Change the rubric in your library and run\n"
    "`checklist upgrade` to move the evaluation to it."
)
RATINGS_HEADER = (
    "Answers by {rater}: answers[vendor][question]. Written by checklist; comments are not kept,\n"
    "put remarks in `note:`."
)


#: Keys written even when empty: those of the first format, so that saving an evaluation
#: written before leaves its file unchanged. Keys added since are written only when given.
_ALWAYS_VENDOR = ("id", "name", "product", "website", "notes", "claims")
_ALWAYS_CLAIM = ("text", "task", "metric", "value", "source", "run_by", "grade", "date", "note")


def evaluation_text(evaluation: Evaluation) -> str:
    given = evaluation.model_dump(exclude_defaults=True)
    full = evaluation.model_dump()
    keep = {"title", "status", "rubric", "context", "vendors"}
    data = {k: v for k, v in full.items() if k in given or k in keep}
    if "decision_makers" in data:
        data["decision_makers"] = [_given(p, ("name",)) for p in data["decision_makers"]]
    if "history" in data:
        data["history"] = [_given(step, ("action", "by", "at")) for step in data["history"]]
    data["vendors"] = [
        {**_given(v, _ALWAYS_VENDOR),
         "claims": [_given(c, _ALWAYS_CLAIM) for c in v["claims"]]}
        for v in data["vendors"]
    ]
    return dump_yaml(plain(data), header=EVALUATION_HEADER)


def _given(data: dict[str, object], always: tuple[str, ...]) -> dict[str, object]:
    """`data` without the empty values of keys outside `always`, in the model's key order."""
    out: dict[str, object] = {}
    for key, value in data.items():
        if key in always or value not in (None, "", [], {}):
            out[key] = _given(value, ()) if isinstance(value, dict) else value
    return out


def lock_text(rubric: Rubric) -> str:
    header = LOCK_HEADER.format(ref=rubric.ref)
    return dump_yaml(_compact(plain(rubric.stored())), header=header)


def _compact(value: object) -> object:
    """Drops empty and null entries: the lock stays readable and still round-trips exactly."""
    if isinstance(value, dict):
        return {
            k: _compact(v) for k, v in value.items() if v not in (None, "", [], {})
        }
    if isinstance(value, list):
        return [_compact(v) for v in value]
    return value


def answer_data(answer: Answer) -> dict[str, object]:
    """An answer as written: defaults left out, except an evidence grade, which a reader of
    the file should always see (an unmarked link reads as trustworthy)."""
    data = answer.model_dump(exclude_defaults=True)
    if answer.evidence:
        data["evidence"] = [
            {k: v for k, v in e.model_dump().items() if v not in (None, "")}
            for e in answer.evidence
        ]
    return plain(data)  # type: ignore[no-any-return]


def ratings_text(ratings: Ratings, ordering: Ordering) -> str:
    answers: dict[str, dict[str, dict[str, object]]] = {}
    for vendor in sorted(ratings.answers, key=ordering.vendor_key):
        by_question = ratings.answers[vendor]
        dumped = {
            qid: answer_data(by_question[qid])
            for qid in sorted(by_question, key=ordering.question_key)
        }
        if dumped:
            answers[vendor] = dumped
    data: dict[str, object] = {"rater": ratings.rater, "answers": answers}
    # a name read from a hand-edited file may hold what a name typed in cannot
    return dump_yaml(data, header=RATINGS_HEADER.format(rater=printable(ratings.rater)))
