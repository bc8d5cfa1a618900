"""`rubrics new --extends`: a team rubric that patches a base, with every override shown.

The file validates as written (it only renames the base), and every example below it uses real
ids from the base, so a team learns the patch format by uncommenting a block. Example lines
start with `# ` and explanations with `## `, so each block can be uncommented on its own (or
all together: the ids are chosen so the examples do not collide, where the base allows it).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from checklist.files.yamlio import dump_yaml, plain
from checklist.model.checks import flag_users
from checklist.model.rubric import Question, Rubric, Section


@dataclass(frozen=True)
class Picks:
    """Real ids from the base for each example, chosen so the examples do not collide."""

    drop_section: str | None
    drop_question: str | None
    weight_section: str | None
    weight_question: str | None
    gate_change: Question | None
    gate_drop: str | None
    gate_add: Question | None
    add_to: str | None
    new_question: str
    new_section: str
    new_flag: str


def _unique(base: str, taken: set[str]) -> str:
    ident, n = base, 2
    while ident in taken:
        ident, n = f"{base}-{n}", n + 1
    return ident


def pick(base: Rubric, prefix: str) -> Picks:
    """Chooses which base ids each example uses; none if the base is too small for one."""
    sections = base.sections
    question_ids = {q.id for _, q in base.questions()}

    def positive(section: Section, without: set[str]) -> bool:
        return any(q.weight > 0 for q in section.questions if q.id not in without)

    drop_section: Section | None = None
    if len(sections) > 1:
        candidates = [
            s for s in sections
            if sum(o.weight for o in sections if o is not s) > 0
        ]
        # Prefer a section without gates (the gate examples need them), the last one first.
        ranked = sorted(candidates, key=lambda s: (any(q.gate for q in s.questions),
                                                   -sections.index(s)))
        drop_section = ranked[0] if ranked else None
    kept = [s for s in sections if s is not drop_section]
    kept_questions = [(s, q) for s in kept for q in s.questions]
    gated = [q for _, q in kept_questions if q.gate]
    gate_change = gated[0] if gated else None
    gate_drop = gated[1].id if len(gated) > 1 else None
    used = {q.id for q in gated[:2]}
    open_ = [q for _, q in kept_questions if not q.gate and q.id not in used]
    gate_add = open_[0] if open_ else None
    if gate_add is not None:
        used.add(gate_add.id)
    drop_question: str | None = None
    for section in reversed(kept):
        for question in reversed(section.questions):
            if (question.id not in used and len(section.questions) > 1
                    and positive(section, {question.id})):
                drop_question = question.id
                break
        if drop_question:
            break
    if drop_question is None:  # every question is used by another example: reuse one
        for section in reversed(kept):
            removable = [q for q in section.questions if len(section.questions) > 1
                         and positive(section, {q.id})]
            if removable:
                drop_question = removable[-1].id
                break
    weight_question = next((q.id for _, q in kept_questions if q.id != drop_question), None)
    return Picks(
        drop_section=drop_section.id if drop_section else None,
        drop_question=drop_question,
        weight_section=kept[0].id if kept else None,
        weight_question=weight_question,
        gate_change=gate_change,
        gate_drop=gate_drop,
        gate_add=gate_add,
        add_to=kept[0].id if kept else None,
        new_question=_unique(f"{prefix}-question", question_ids),
        new_section=_unique(f"{prefix}-section", {s.id for s in sections}),
        new_flag=_unique(f"{prefix}-flag", {f.id for f in base.context}),
    )


def _gate_min(question: Question, base: Rubric) -> int:
    """A sensible minimum for the example gate: the top for yes/no, the middle otherwise."""
    scale = base.scale
    if question.type == "yes_no":
        return scale.max
    return max(scale.min + 1, (scale.min + scale.max + 1) // 2)


def _gate_example(question: Question, base: Rubric) -> str:
    """An example gate in the question's own terms: the good answer of a yes/no question,
    the choices at or above the middle level, a bound in the unit at the middle threshold,
    the middle level of a score."""
    level = _gate_min(question, base)
    if question.type == "yes_no":
        return f"require: {question.good}"
    if question.type == "choice":
        ok = [c.id for c in question.choices if c.score >= level] or [
            max(question.choices, key=lambda c: c.score).id]
        return f"accept: [{', '.join(ok)}]"
    if question.type == "number" and question.thresholds:
        nearest = min(question.thresholds, key=lambda lv: abs(lv - level))
        key = "max" if question.better == "lower" else "min"
        return f"{key}: {question.thresholds[nearest]:g}"
    return f"min: {level}"


def _override_block(base: Rubric, picks: Picks) -> str:
    """The first patch shown: change an inherited question or section in place. A number
    question gets new thresholds (the usual reason to change one); otherwise new text."""
    dropped = {picks.drop_question}
    kept = [(s, q) for s, q in base.questions()
            if s.id != picks.drop_section and q.id not in dropped]
    if not kept:
        return "\n## (the base has no question to override)\n"
    number = next((q for _, q in kept if q.type == "number" and q.thresholds), None)
    question = number or kept[0][1]
    change: dict[str, object]
    if number is not None:
        ours = {level: value / 2 for level, value in number.thresholds.items()}
        change = {"thresholds": ours}
        why = "new thresholds for our use"
    else:
        change = {"text": f"{question.text} (for our purchase)"}
        why = "reworded for us"
    section = kept[0][0]
    text = ("\n## Change inherited questions and sections in place (`override`): fields "
            "left out keep\n## the base's value, so the guidance, evidence, ask_vendor text, "
            f"weight and place stay.\n## Here: '{question.id}' {why}; section "
            f"'{section.id}' retitled.\n")
    return text + _commented({"override": {
        "questions": {question.id: change},
        "sections": {section.id: {"title": f"{section.title}, for us"}},
    }})


def _commented(data: object) -> str:
    """`data` as YAML with every line commented out as an example."""
    text = dump_yaml(plain(data))
    return "".join(f"# {line}".rstrip() + "\n" for line in text.splitlines())


def scaffold(rid: str, base: Rubric, extends: str, *, title: str | None = None,
             version: str = "0.1.0") -> str:
    """The text of a new rubric file `rid` that extends `base` (referenced as `extends`)."""
    picks = pick(base, rid)
    scale = base.scale
    heading = (
        f"## Team rubric '{rid}', extending {base.ref} ({base.title}).\n"
        "## It validates as it is (the same questions under a new id). Uncomment a block below to\n"
        "## change something: `# ` lines are examples using real ids from the base, `## ` lines\n"
        "## explain. Check it with `checklist rubrics validate <this file>`; compare it with the\n"
        f"## base with `checklist rubrics diff {extends} <this file>`.\n"
        "## Bump `version` whenever you publish a change: evaluations pin the version they used\n"
        "## and `checklist upgrade` moves them to a new one."
    )
    lines = ["".join(f"{line}\n" for line in heading.splitlines())]
    body = {
        "id": rid,
        "version": version,
        "title": title or f"{base.title}, {rid.replace('-', ' ')} edition",
    }
    lines.append(dump_yaml(body))
    lines.append(f"## `extends: {base.id}` follows the newest version; `{base.ref}` pins one.\n")
    lines.append(f"extends: {extends}\n")
    lines.append(_override_block(base, picks))
    lines.append("\n## Drop whole sections, single questions or context flags of the base (a "
                 "flag only\n## once no `when:` reads it). To change a question, `override` "
                 "it instead: removing\n## and re-adding it loses its guidance, evidence and "
                 "ask_vendor text, weight and place.\n")
    remove: dict[str, list[str]] = {}
    if picks.drop_section:
        remove["sections"] = [picks.drop_section]
    if picks.drop_question:
        remove["questions"] = [picks.drop_question]
    unused = [f.id for f in base.context if not flag_users(base.sections, f.id)]
    if unused:
        remove["context"] = unused[:1]
    if remove:
        lines.append(_commented({"remove": remove}))
    else:
        lines.append("## (the base is too small to remove anything from)\n")

    lines.append("\n## Re-weight sections or questions (weights are relative; 0 keeps a question "
                 "but\n## stops it counting).\n")
    weights: dict[str, dict[str, float]] = {}
    if picks.weight_section:
        section = next(s for s in base.sections if s.id == picks.weight_section)
        weights["sections"] = {picks.weight_section: section.weight * 2}
    if picks.weight_question:
        question = base.question(picks.weight_question)
        assert question is not None
        weights["questions"] = {picks.weight_question: question.weight / 2 or 0.5}
    lines.append(_commented({"weights": weights}))

    lines.append("\n## Gates are knock-outs in the question's own terms (`min` in scale points, "
                 "a number's\n## `max`/`min` in its unit, yes/no `require`, choice `accept`): a "
                 "vendor that misses one\n## is no-go whatever it scores.\n"
                 "## Change a gate by restating it, add one to any question, drop one with "
                 "null.\n")
    gate_lines = ["gates:"]
    if picks.gate_change is not None and picks.gate_change.gate is not None:
        gate = picks.gate_change.gate
        if gate.min is None or picks.gate_change.type == "number":
            # A gate in its question's own terms (require, accept, a bound in the unit):
            # restated as the base has it, with our own reason.
            asks = {k: v for k, v in gate.model_dump(exclude_none=True).items()
                    if k not in ("when", "reason")}
            entry = f"  {picks.gate_change.id}: {json.dumps(asks)[:-1]}"
            if gate.when:
                entry += f", \"when\": {json.dumps(gate.when)}"
            entry += ", \"reason\": \"Restated with our own reason\"}"
            gate_lines.append("  ## change: restate what the base asks, in its terms")
            gate_lines.append(entry)
        else:
            new_min = min(scale.max, gate.min + 1) if gate.min < scale.max else gate.min
            entry = f"  {picks.gate_change.id}: {{min: {new_min:g}"
            if gate.when:
                entry += f", when: {json.dumps(gate.when)}"
            reason = ("Our launch needs more than the base asks" if new_min != gate.min
                      else "Restated with our own reason")
            entry += f", reason: {reason}}}"
            gate_lines.append(f"  ## change: the base has min {gate.min:g}")
            gate_lines.append(entry)
    if picks.gate_add is not None:
        gate_lines.append("  ## add")
        gate_lines.append(f"  {picks.gate_add.id}: {{{_gate_example(picks.gate_add, base)}, "
                          "reason: We cannot ship without it}")
    if picks.gate_drop is not None:
        gate_lines.append("  ## drop")
        gate_lines.append(f"  {picks.gate_drop}: null")
    lines.append(_gate_block(gate_lines))

    if picks.add_to:
        lines.append("\n## Add questions to a section of the base (ids must be new across the "
                     "rubric).\n")
        lines.append(_commented({"add_questions": {picks.add_to: [{
            "id": picks.new_question,
            "text": "Does the vendor support our single sign-on?",
            "guidance": "Yes only with a working test login.",
            "type": "yes_no",
            "weight": 1,
        }]}}))

    lines.append("\n## Add whole sections (axis: claims or readiness).\n")
    levels = list(scale.levels())
    anchors = {levels[0]: "Not addressed", levels[-1]: "Fully addressed, with evidence"}
    lines.append(_commented({"sections": [{
        "id": picks.new_section,
        "title": "Team-specific needs",
        "axis": "readiness",
        "weight": 1,
        "questions": [{
            "id": f"{picks.new_section}-support",
            "text": "Does the vendor offer support in our time zone?",
            "weight": 1,
            "anchors": anchors,
        }],
    }]}))

    lines.append("\n## Add context flags (yes/no facts about a purchase that switch gates on with "
                 "`when:`),\n## or restate a base flag (same id) to change its text or "
                 "default.\n")
    lines.append(_commented({"context": [{
        "id": picks.new_flag,
        "text": "The purchase is for a regulated market",
        "default": False,
    }]}))

    policy = base.policy
    lines.append("\n## Tune how numbers become verdicts (the base's values are shown).\n")
    lines.append(_commented({"policy": {
        "min_coverage": min(1.0, round(policy.min_coverage + 0.1, 2)),
        "min_readiness": policy.min_readiness,
        "disagreement": policy.disagreement,
        "close_call": policy.close_call,
        "strong": policy.strong,
        "weak": policy.weak,
        "low_score": policy.low_score,
        "measure_spread": policy.measure_spread,
    }}))
    return "".join(lines)


def _gate_block(gate_lines: list[str]) -> str:
    if len(gate_lines) == 1:
        return "## (the base has no questions to gate)\n"
    out = [line.strip() if line.lstrip().startswith("## ") else f"# {line}"
           for line in gate_lines]
    return "\n".join(out) + "\n"
