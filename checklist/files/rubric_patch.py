"""How a rubric that `extends` another patches it: one function per patch operation.

A patch starts from the parent's flat rubric and applies, in this order: `remove`,
`add_questions`, new `sections`, `override`, `weights`, `gates`, `context` and `policy`.
Every section, question, flag, gate and override remembers the file and path it came from
(`Origin`), so a problem found in the merged rubric points at the line that caused it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from checklist.errors import Problem, hint
from checklist.files.yamlio import YamlDoc
from checklist.model.checks import Finding, Loc
from checklist.model.rubric import (
    Gate,
    Overrides,
    Policy,
    Question,
    Removals,
    Rubric,
    RubricFile,
    Scale,
    Section,
    WeightOverrides,
)

#: Where a part of the rubric was written: the file and the path inside it.
Origin = tuple[YamlDoc, Loc]


@dataclass
class Build:
    """The rubric being assembled, with the origin of every section and question in it."""

    rubric: Rubric
    sections: dict[str, Origin] = field(default_factory=dict)
    questions: dict[str, Origin] = field(default_factory=dict)
    flags: dict[str, Origin] = field(default_factory=dict)
    gates: dict[str, Origin] = field(default_factory=dict)
    #: Question id -> where its overridden fields were written, and which fields.
    overrides: dict[str, tuple[Origin, set[str]]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    root_doc: YamlDoc | None = None
    #: True when the rubric is its file as written (no extends): paths map one to one.
    direct: bool = False


def base_build(file: RubricFile, doc: YamlDoc) -> Build:
    """A rubric without `extends`: the file as written."""
    rubric = Rubric(
        id=file.id,
        version=file.version,
        title=file.title,
        description=file.description,
        scale=file.scale or Scale(),
        policy=Policy.model_validate(
            file.policy.model_dump(exclude_none=True) if file.policy else {}),
        context=file.context,
        sections=file.sections,
    )
    build = Build(rubric, root_doc=doc, direct=True)
    for si, section in enumerate(file.sections):
        build.sections[section.id] = (doc, ("sections", si))
        for qi, question in enumerate(section.questions):
            build.questions[question.id] = (doc, ("sections", si, "questions", qi))
    for fi, flag in enumerate(file.context):
        build.flags[flag.id] = (doc, ("context", fi))
    return build


@dataclass
class _Patching:
    """The parent's sections, copied, while one file's patch operations change them."""

    doc: YamlDoc
    sections: list[Section]
    origins_s: dict[str, Origin]
    origins_q: dict[str, Origin]
    gates: dict[str, Origin]
    overrides: dict[str, tuple[Origin, set[str]]]
    problems: list[Problem]

    def report(self, where: Loc, message: str, *, at_key: bool = False) -> None:
        self.problems.append(self.doc.problem(where, message, at_key=at_key))

    def section_ids(self) -> list[str]:
        return [s.id for s in self.sections]

    def question_ids(self) -> list[str]:
        return [q.id for s in self.sections for q in s.questions]

    def section(self, sid: str) -> Section | None:
        return next((s for s in self.sections if s.id == sid), None)

    def question(self, qid: str) -> Question | None:
        return next((q for s in self.sections for q in s.questions if q.id == qid), None)

    def already_there(self, qid: str, where: Loc) -> bool:
        """Reports a question id the rubric already has, pointing at both places."""
        if qid not in self.question_ids():
            return False
        first = ""
        if qid in self.origins_q:
            first_doc, first_loc = self.origins_q[qid]
            line, _ = first_doc.position(first_loc)
            first = f" ({first_doc.path}:{line})"
        self.report((*where, "id"), f"question id '{qid}' is already in the rubric{first}; "
                    "pick another id, or change the existing question with `override`")
        return True


def apply_patch(parent: Build, file: RubricFile, doc: YamlDoc) -> Build:
    """The flat rubric `file` describes on top of `parent`, with every problem found."""
    base = parent.rubric
    patching = _Patching(doc, [s.model_copy(deep=True) for s in base.sections],
                         dict(parent.sections), dict(parent.questions), dict(parent.gates),
                         dict(parent.overrides), list(parent.problems))
    _keep_scale(patching, file.scale, base.scale)
    if file.remove is not None:
        _remove(patching, file.remove)
    _add_questions(patching, file.add_questions)
    _add_sections(patching, file.sections)
    if file.override is not None:
        _override(patching, file.override)
    if file.weights is not None:
        _reweigh(patching, file.weights)
    _set_gates(patching, file.gates)
    context = list(base.context)
    flags = dict(parent.flags)
    for fi, flag in enumerate(file.context):
        context = [f for f in context if f.id != flag.id] + [flag]
        flags[flag.id] = (doc, ("context", fi))
    policy = base.policy
    if file.policy is not None:
        update: dict[str, object] = {
            name: getattr(file.policy, name) for name in type(file.policy).model_fields
            if getattr(file.policy, name) is not None and name != "freshness"
        }
        if file.policy.freshness is not None:
            update["freshness"] = base.policy.freshness.patched(file.policy.freshness)
        policy = base.policy.model_copy(update=update)
    rubric = Rubric(
        id=file.id,
        version=file.version,
        title=file.title,
        description=file.description or base.description,
        based_on=[*base.based_on, base.ref],
        scale=base.scale,
        policy=policy,
        context=context,
        sections=[Section.model_validate(s.model_dump()) for s in patching.sections],
    )
    return Build(rubric, patching.origins_s, patching.origins_q, flags, patching.gates,
                 patching.overrides, patching.problems, doc)


def _keep_scale(patching: _Patching, scale: Scale | None, base: Scale) -> None:
    if scale is not None and scale != base:
        patching.report(("scale",), f"a rubric that extends another keeps its scale "
                        f"({base.min}..{base.max}); remove `scale`", at_key=True)


def _remove(patching: _Patching, removals: Removals) -> None:
    for index, sid in enumerate(removals.sections):
        if patching.section(sid) is None:
            patching.report(("remove", "sections", index), f"cannot remove section '{sid}': "
                            f"the parent has no such section{hint(sid, patching.section_ids())}")
    patching.sections = [s for s in patching.sections if s.id not in removals.sections]
    for index, qid in enumerate(removals.questions):
        if qid not in patching.question_ids():
            patching.report(("remove", "questions", index), f"cannot remove question '{qid}': "
                            f"the parent has no such question"
                            f"{hint(qid, patching.question_ids())}")
    for section in patching.sections:
        section.questions = [q for q in section.questions if q.id not in removals.questions]


def _add_questions(patching: _Patching, additions: dict[str, list[Question]]) -> None:
    for sid, questions in additions.items():
        section = patching.section(sid)
        if section is None:
            patching.report(("add_questions", sid), f"no section '{sid}' to add questions to"
                            f"{hint(sid, patching.section_ids())}", at_key=True)
            continue
        for qi, question in enumerate(questions):
            where = ("add_questions", sid, qi)
            if patching.already_there(question.id, where):
                continue
            section.questions.append(question.model_copy(deep=True))
            patching.origins_q[question.id] = (patching.doc, where)


def _add_sections(patching: _Patching, sections: list[Section]) -> None:
    for si, section in enumerate(sections):
        if patching.section(section.id) is not None:
            patching.report(("sections", si, "id"), f"section '{section.id}' is already in the "
                            "parent; use `add_questions`, `weights` or `remove` to change it, "
                            "or pick another id")
            continue
        added = section.model_copy(deep=True)
        added.questions = []
        for qi, question in enumerate(section.questions):
            where = ("sections", si, "questions", qi)
            if patching.already_there(question.id, where):
                continue
            added.questions.append(question.model_copy(deep=True))
            patching.origins_q[question.id] = (patching.doc, where)
        patching.sections.append(added)
        patching.origins_s[section.id] = (patching.doc, ("sections", si))


def _override(patching: _Patching, override: Overrides) -> None:
    for sid, patch in override.sections.items():
        section = patching.section(sid)
        if section is None:
            patching.report(("override", "sections", sid), f"no section '{sid}'"
                            f"{hint(sid, patching.section_ids())}", at_key=True)
            continue
        for key, value in patch.model_dump(exclude_none=True).items():
            setattr(section, key, value)
    for qid, qpatch in override.questions.items():
        question = patching.question(qid)
        if question is None:
            patching.report(("override", "questions", qid), f"no question '{qid}'"
                            f"{hint(qid, patching.question_ids())}", at_key=True)
            continue
        changed = qpatch.model_dump(exclude_none=True)
        for key in changed:
            setattr(question, key, getattr(qpatch, key))
        patching.overrides[qid] = ((patching.doc, ("override", "questions", qid)), set(changed))


def _reweigh(patching: _Patching, weights: WeightOverrides) -> None:
    by_section: dict[str, Section | Question] = {s.id: s for s in patching.sections}
    by_question: dict[str, Section | Question] = {
        q.id: q for s in patching.sections for q in s.questions
    }
    for kind, table, changes in (("section", by_section, weights.sections),
                                 ("question", by_question, weights.questions)):
        for ident, weight in changes.items():
            where = ("weights", f"{kind}s", ident)
            target = table.get(ident)
            if target is None:
                patching.report(where, f"no {kind} '{ident}'{hint(ident, list(table))}",
                                at_key=True)
            elif weight < 0:
                patching.report(where, "weight must be >= 0")
            else:
                target.weight = weight


def _set_gates(patching: _Patching, gates: dict[str, Gate | None]) -> None:
    for qid, gate in gates.items():
        question = patching.question(qid)
        if question is None:
            patching.report(("gates", qid), f"no question '{qid}' to gate"
                            f"{hint(qid, patching.question_ids())}", at_key=True)
        else:
            question.gate = gate
            patching.gates[qid] = (patching.doc, ("gates", qid))


def locate(build: Build, findings: list[Finding]) -> list[Problem]:
    """Maps findings on the merged rubric back to the file and line each part came from."""
    root = build.root_doc
    assert root is not None
    if build.direct:
        return sorted({root.problem(f.loc, f.message, at_key=f.at_key) for f in findings},
                      key=lambda p: (p.line, p.column))
    problems = []
    for finding in findings:
        origin, rest = _origin(build, finding.loc)
        if origin is None:
            problems.append(root.problem(finding.loc, finding.message, at_key=finding.at_key))
            continue
        doc, prefix = origin
        problems.append(doc.problem((*prefix, *rest), finding.message, at_key=finding.at_key))
    return sorted(set(problems), key=lambda p: (p.file, p.line, p.column))


def _origin(build: Build, loc: Loc) -> tuple[Origin | None, Loc]:
    """Where the part of the merged rubric at `loc` was written, and the rest of the path."""
    rubric = build.rubric
    if len(loc) >= 4 and loc[0] == "sections" and loc[2] == "questions":
        question = rubric.sections[int(loc[1])].questions[int(loc[3])]
        rest = loc[4:]
        if rest[:1] == ("gate",) and question.id in build.gates:
            return build.gates[question.id], rest[1:]
        override = build.overrides.get(question.id)
        if override is not None and rest and rest[0] in override[1]:
            return override[0], rest
        return build.questions.get(question.id), rest
    if len(loc) >= 2 and loc[0] == "sections":
        return build.sections.get(rubric.sections[int(loc[1])].id), loc[2:]
    if len(loc) >= 2 and loc[0] == "context":
        return build.flags.get(rubric.context[int(loc[1])].id), loc[2:]
    return None, loc
