"""What changed between two resolved rubrics: the review a team does before adopting a version.

Both sides are compared resolved (`extends` flattened), because that is what evaluations are
scored against: a change in a base rubric shows up in every rubric that extends it. Every change
is tagged `scoring` when it can move a score or a verdict (weights, types, gates, thresholds)
and not when it only changes wording, so an upgrade can say which answers deserve a second look.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

from checklist.model.rubric import Choice, ContextFlag, Gate, Question, Rubric, Section

Status = Literal["added", "removed", "changed"]
Kind = Literal["section", "question", "flag"]
T = TypeVar("T")

#: Question fields whose change can move a score; the rest is wording.
SCORING_FIELDS = frozenset(
    {"weight", "type", "choices", "unit", "better", "thresholds", "allow_na", "gate", "section"}
)
#: Anchors change what a score *means*: not a number, but a reason to re-read the answers.
MEANING_FIELDS = frozenset({"anchors", "text"})
_QUESTION_FIELDS = ("text", "guidance", "evidence", "ask_vendor", "weight", "type", "unit",
                    "better", "allow_na")
_SECTION_FIELDS = ("title", "axis", "weight", "description")
_FLAG_FIELDS = ("text", "description", "default")


@dataclass(frozen=True)
class FieldChange:
    """One field that differs: `field` is a dotted path ("anchors.2", "gate.min", "choices.ga")."""

    field: str
    old: Any
    new: Any

    @property
    def root(self) -> str:
        return self.field.split(".", 1)[0]

    @property
    def scoring(self) -> bool:
        return self.root in SCORING_FIELDS

    def to_json(self) -> dict[str, Any]:
        return {"field": self.field, "old": self.old, "new": self.new, "scoring": self.scoring}


@dataclass(frozen=True)
class ItemChange:
    """A section, question or context flag that was added, removed or changed."""

    kind: Kind
    id: str
    status: Status
    changes: tuple[FieldChange, ...] = ()
    #: For questions: the section it is in (the new one, or the old one when removed).
    section: str | None = None
    #: A short description for added and removed items (title or question text).
    label: str = ""

    @property
    def scoring(self) -> bool:
        return self.status != "changed" or any(c.scoring for c in self.changes)

    @property
    def type_changed(self) -> bool:
        return any(c.field == "type" for c in self.changes)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "status": self.status}
        if self.section is not None:
            out["section"] = self.section
        if self.label:
            out["label"] = self.label
        if self.changes:
            out["changes"] = [c.to_json() for c in self.changes]
            out["scoring"] = self.scoring
        return out


@dataclass(frozen=True)
class RubricDiff:
    """Everything that differs between `old` and `new`, in the new rubric's order."""

    old_ref: str
    new_ref: str
    old_digest: str
    new_digest: str
    meta: tuple[FieldChange, ...] = ()
    flags: tuple[ItemChange, ...] = ()
    sections: tuple[ItemChange, ...] = ()
    questions: tuple[ItemChange, ...] = ()

    @property
    def same(self) -> bool:
        """True when the two rubrics score identically and read identically."""
        return self.old_digest == self.new_digest

    @property
    def empty(self) -> bool:
        return not (self.meta or self.flags or self.sections or self.questions)

    def questions_with(self, status: Status) -> list[ItemChange]:
        return [q for q in self.questions if q.status == status]

    @property
    def added(self) -> list[str]:
        return [q.id for q in self.questions_with("added")]

    @property
    def removed(self) -> list[str]:
        return [q.id for q in self.questions_with("removed")]

    @property
    def changed(self) -> list[str]:
        return [q.id for q in self.questions_with("changed")]

    def question(self, qid: str) -> ItemChange | None:
        return next((q for q in self.questions if q.id == qid), None)

    def to_json(self) -> dict[str, Any]:
        return {
            "old": {"ref": self.old_ref, "sha256": self.old_digest},
            "new": {"ref": self.new_ref, "sha256": self.new_digest},
            "same": self.same,
            "rubric": [c.to_json() for c in self.meta],
            "context": [c.to_json() for c in self.flags],
            "sections": [c.to_json() for c in self.sections],
            "questions": [c.to_json() for c in self.questions],
            "summary": {
                "questions_added": self.added,
                "questions_removed": self.removed,
                "questions_changed": self.changed,
            },
        }

    def text(self) -> str:
        """A readable report, one line per change, grouped like the rubric file."""
        lines = [f"{self.old_ref} -> {self.new_ref}"]
        if self.same:
            lines.append("no changes (identical resolved rubrics)")
            return "\n".join(lines)
        if self.meta:
            lines.append("")
            lines.append("rubric:")
            lines += [f"  ~ {_change_line(c)}" for c in self.meta]
        for title, items in (("context flags", self.flags), ("sections", self.sections),
                             ("questions", self.questions)):
            if not items:
                continue
            lines.append("")
            lines.append(f"{title}:")
            for item in items:
                lines += _item_lines(item)
        if self.questions or self.sections or self.flags:
            scoring = sum(1 for item in (*self.sections, *self.questions, *self.flags)
                          if item.status == "changed" and item.scoring)
            parts = [f"{len(self.added)} question(s) added, {len(self.removed)} removed, "
                     f"{len(self.changed)} changed"]
            if self.sections:
                parts.append(f"{len(self.sections)} section change(s)")
            if self.flags:
                parts.append(f"{len(self.flags)} context flag change(s)")
            lines.append("")
            lines.append(f"{'; '.join(parts)} ({scoring} change(s) can move a score)")
        if self.empty:
            lines.append("only formatting differs (same content, different digest)")
        return "\n".join(lines)


def _item_lines(item: ItemChange) -> list[str]:
    mark = {"added": "+", "removed": "-", "changed": "~"}[item.status]
    where = f" (in {item.section})" if item.section and item.kind == "question" else ""
    head = f"  {mark} {item.id}{where}"
    if item.label:
        head += f": {_short(item.label)}"
    lines = [head]
    lines += [f"      {_change_line(c)}" for c in item.changes]
    return lines


def _change_line(change: FieldChange) -> str:
    if change.old is None:
        return f"{change.field}: added {_show(change.new)}"
    if change.new is None:
        return f"{change.field}: removed (was {_show(change.old)})"
    return f"{change.field}: {_show(change.old)} -> {_show(change.new)}"


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, str):
        return repr(_short(value))
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_show(v)}" for k, v in value.items()) + "}"
    return str(value)


def _short(text: str, limit: int = 70) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


# --- computing ------------------------------------------------------------------------------


def diff_rubrics(old: Rubric, new: Rubric) -> RubricDiff:
    """Compares two resolved rubrics field by field. Pure; order of items follows `new`."""
    meta: list[FieldChange] = []
    for name in ("id", "version", "title", "description"):
        _field(meta, name, getattr(old, name), getattr(new, name))
    _field(meta, "based_on", old.based_on, new.based_on)
    _field(meta, "scale.min", old.scale.min, new.scale.min)
    _field(meta, "scale.max", old.scale.max, new.scale.max)
    _dict(meta, "scale.labels", old.scale.labels, new.scale.labels)
    for name in type(new.policy).model_fields:
        if name != "freshness":
            _field(meta, f"policy.{name}", getattr(old.policy, name), getattr(new.policy, name))
    before, after = old.policy.freshness, new.policy.freshness
    _field(meta, "policy.freshness.default", before.default, after.default)
    for kind in ("grades", "sections", "questions"):
        _dict(meta, f"policy.freshness.{kind}", getattr(before, kind), getattr(after, kind))

    flags = _items(
        "flag", {f.id: f for f in old.context}, {f.id: f for f in new.context},
        _flag_changes, lambda f: f.text,
    )
    sections = _items(
        "section", {s.id: s for s in old.sections}, {s.id: s for s in new.sections},
        _section_changes, lambda s: f"{s.title} [{s.axis}, weight {s.weight:g}]",
    )
    old_q = {q.id: (s, q) for s, q in old.questions()}
    new_q = {q.id: (s, q) for s, q in new.questions()}
    questions: list[ItemChange] = []
    for qid, (section, question) in new_q.items():
        if qid not in old_q:
            questions.append(ItemChange("question", qid, "added", (), section.id,
                                        _question_label(question)))
            continue
        old_section, old_question = old_q[qid]
        changes = _question_changes(old_question, question)
        if old_section.id != section.id:
            changes.insert(0, FieldChange("section", old_section.id, section.id))
        if changes:
            questions.append(ItemChange("question", qid, "changed", tuple(changes), section.id))
    for qid, (section, question) in old_q.items():
        if qid not in new_q:
            questions.append(ItemChange("question", qid, "removed", (), section.id,
                                        _question_label(question)))
    return RubricDiff(
        old_ref=old.ref,
        new_ref=new.ref,
        old_digest=old.digest(),
        new_digest=new.digest(),
        meta=tuple(meta),
        flags=tuple(flags),
        sections=tuple(sections),
        questions=tuple(questions),
    )


def _question_label(question: Question) -> str:
    kind = "" if question.type == "score" else f"[{question.type}] "
    gate = " (gate)" if question.gate else ""
    return f"{kind}{question.text}{gate}"


def _items(kind: Kind, old: dict[str, T], new: dict[str, T],
           compare: Callable[[T, T], list[FieldChange]],
           label: Callable[[T], str]) -> list[ItemChange]:
    out: list[ItemChange] = []
    for ident, item in new.items():
        if ident not in old:
            out.append(ItemChange(kind, ident, "added", label=label(item)))
            continue
        changes = compare(old[ident], item)
        if changes:
            out.append(ItemChange(kind, ident, "changed", tuple(changes)))
    for ident, item in old.items():
        if ident not in new:
            out.append(ItemChange(kind, ident, "removed", label=label(item)))
    return out


def _fields(old: Any, new: Any, names: tuple[str, ...]) -> list[FieldChange]:
    out: list[FieldChange] = []
    for name in names:
        _field(out, name, getattr(old, name), getattr(new, name))
    return out


def _flag_changes(old: ContextFlag, new: ContextFlag) -> list[FieldChange]:
    return _fields(old, new, _FLAG_FIELDS)


def _section_changes(old: Section, new: Section) -> list[FieldChange]:
    out = _fields(old, new, _SECTION_FIELDS)
    old_ids = [q.id for q in old.questions]
    new_ids = [q.id for q in new.questions]
    common_old = [q for q in old_ids if q in new_ids]
    common_new = [q for q in new_ids if q in old_ids]
    if common_old != common_new:
        out.append(FieldChange("order", common_old, common_new))
    return out


def _question_changes(old: Question, new: Question) -> list[FieldChange]:
    out = _fields(old, new, _QUESTION_FIELDS)
    _dict(out, "anchors", old.anchors, new.anchors)
    _dict(out, "thresholds", old.thresholds, new.thresholds)
    _choices(out, old.choices, new.choices)
    _gate(out, old.gate, new.gate)
    return out


def _choices(out: list[FieldChange], old: list[Choice], new: list[Choice]) -> None:
    before = {c.id: c for c in old}
    after = {c.id: c for c in new}
    for cid, choice in after.items():
        if cid not in before:
            out.append(FieldChange(f"choices.{cid}", None,
                                   {"label": choice.label, "score": choice.score}))
        else:
            _field(out, f"choices.{cid}.label", before[cid].label, choice.label)
            _field(out, f"choices.{cid}.score", before[cid].score, choice.score)
    for cid, choice in before.items():
        if cid not in after:
            out.append(FieldChange(f"choices.{cid}",
                                   {"label": choice.label, "score": choice.score}, None))


def _gate(out: list[FieldChange], old: Gate | None, new: Gate | None) -> None:
    if old is None and new is None:
        return
    if old is None or new is None:
        out.append(FieldChange("gate", _gate_json(old), _gate_json(new)))
        return
    for name in ("min", "when", "reason"):
        _field(out, f"gate.{name}", getattr(old, name), getattr(new, name))


def _gate_json(gate: Gate | None) -> dict[str, Any] | None:
    return None if gate is None else gate.model_dump(exclude_defaults=True) | {"min": gate.min}


def _dict(out: list[FieldChange], name: str, old: dict[Any, Any], new: dict[Any, Any]) -> None:
    for key in sorted(set(old) | set(new), key=str):
        _field(out, f"{name}.{key}", old.get(key), new.get(key))


def _field(out: list[FieldChange], name: str, old: Any, new: Any) -> None:
    if _norm(old) != _norm(new):
        out.append(FieldChange(name, _norm(old), _norm(new)))


def _norm(value: Any) -> Any:
    """2 and 2.0 are the same weight; '' and None are the same empty text."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if value == "":
        return None
    if isinstance(value, list):
        return [_norm(v) for v in value]
    return value

