"""The rubric library: every rubric on the search path, and `extends` resolved into one.

Teams reuse a rubric by extending it rather than copying it, so a fix in the base reaches
everyone. Resolution remembers where each section and question came from, so an error found
in the merged result still points at the file and line that caused it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from checklist.errors import ChecklistError, Problem, hint, one_of
from checklist.files.config import Folder, search_path
from checklist.files.rubric_header import read_header
from checklist.files.validate import findings_to_error, to_model_partial
from checklist.files.yamlio import YamlDoc, read_yaml
from checklist.model.checks import Finding, check_rubric
from checklist.model.rubric import (
    Policy,
    Question,
    Rubric,
    RubricFile,
    Scale,
    Section,
    is_prerelease,
    version_key,
)

RUBRIC_SUFFIXES = (".yaml", ".yml")
MAX_RUBRIC_FILES = 2000
MAX_EXTENDS_DEPTH = 16


@dataclass
class RubricEntry:
    """One rubric file found on the search path."""

    file: RubricFile
    doc: YamlDoc
    path: Path
    source: str
    shadowed_by: RubricEntry | None = None
    #: Unknown keys found while reading: reported with the rest when the rubric is resolved.
    problems: list[Problem] = field(default_factory=list)

    @property
    def ref(self) -> str:
        return f"{self.file.id}@{self.file.version}"


def load_rubric_file(path: Path, source: str = "file") -> RubricEntry:
    doc = read_yaml(path, what="rubric")
    file, problems = to_model_partial(doc, RubricFile, what="rubric")
    return RubricEntry(file, doc, path, source, problems=problems)


@dataclass
class _File:
    """A YAML file in a library folder, read only when a question needs it."""

    path: Path
    source: str
    #: (id, version) from the top of the file; None when only a full parse can tell.
    header: tuple[str, str] | None = None
    header_read: bool = False
    #: The parsed file once read: an entry, or the problems that keep it out of the library.
    entry: RubricEntry | None = None
    problems: list[Problem] | None = None


class Library:
    """All rubrics on the search path; later folders override earlier ones by id and version.

    Discovery only lists the files. A lookup by id (`find`, `versions`, `extends`) reads the
    top of each file for its id and version (`rubric_header`) and parses only the files
    that hold that id (and any whose header could not be read that way); listing every
    entry, every id or every problem parses everything. Either way the answers are those
    of parsing every file: a file that does not read cleanly is left out, a later copy of
    the same id and version overrides an earlier one. Nothing is kept between libraries:
    reading a header costs a read and a few parse events, so an index cached by path, size
    and modification time would save little and be one more file to trust.
    """

    def __init__(self, folders: list[Folder]) -> None:
        self.folders = folders
        self._files: list[_File] = []
        #: Every file parsed so far, in the order parsed: what a lookup cost.
        self.parsed: list[Path] = []

    @classmethod
    def discover(cls, folders: list[Folder] | None = None) -> Library:
        library = cls(folders if folders is not None else search_path("rubrics"))
        scanned: set[Path] = set()
        for folder in library.folders:
            if not folder.path.is_dir():
                continue
            real = folder.path.resolve()
            if real in scanned:
                continue  # e.g. ./rubrics in the source checkout is the bundled folder
            scanned.add(real)
            files = sorted(
                p for p in folder.path.iterdir() if p.suffix in RUBRIC_SUFFIXES and p.is_file()
            )[:MAX_RUBRIC_FILES]
            library._files += [_File(path, folder.label) for path in files]
        return library

    @property
    def entries(self) -> list[RubricEntry]:
        """Every rubric that reads cleanly, in search-path order (parses every file)."""
        return self._load(None)

    @property
    def problems(self) -> list[Problem]:
        """Why the files left out of the library were left out (parses every file)."""
        self._load(None)
        return [p for f in self._files for p in f.problems or ()]

    def _load(self, rid: str | None) -> list[RubricEntry]:
        """The clean entries with id `rid` (every entry for None), in search-path order,
        each marked with the later copy of the same id and version that overrides it."""
        for file in self._files:
            if file.problems is not None:
                continue  # parsed already
            if rid is not None and not file.header_read:
                file.header, file.header_read = read_header(file.path), True
            if rid is None or file.header is None or file.header[0] == rid:
                self._parse(file)
        entries = [f.entry for f in self._files if f.entry is not None
                   and (rid is None or f.entry.file.id == rid)]
        last: dict[tuple[str, str], RubricEntry] = {}
        for entry in entries:
            entry.shadowed_by = None
            key = (entry.file.id, entry.file.version)
            if key in last:
                last[key].shadowed_by = entry
            last[key] = entry
        return entries

    def _parse(self, file: _File) -> None:
        self.parsed.append(file.path)
        try:
            entry = load_rubric_file(file.path, file.source)
        except ChecklistError as exc:
            file.problems = exc.problems
            return
        # A library serves only rubrics that read cleanly.
        file.problems = entry.problems
        file.entry = None if entry.problems else entry

    def active(self, rid: str | None = None) -> list[RubricEntry]:
        """The entries that win (not shadowed), sorted by id then version; with `rid`, only
        that id's (which parses only the files that hold it)."""
        live = [e for e in self._load(rid) if e.shadowed_by is None]
        return sorted(live, key=lambda e: (e.file.id, version_key(e.file.version)))

    def ids(self) -> list[str]:
        return sorted({e.file.id for e in self.entries})

    def find(self, ref: str) -> RubricEntry | None:
        """`id@version`, or `id`: the newest release (pre-releases only when there is no
        release) in the highest-priority folder that has the id."""
        rid, _, version = ref.partition("@")
        live = self.active(rid)
        if version:
            return next((e for e in live if e.file.version == version), None)
        if not live:
            return None
        best_source = max(self._priority(e) for e in live)
        top = [e for e in live if self._priority(e) == best_source]
        releases = [e for e in top if not is_prerelease(e.file.version)]
        return max(releases or top, key=lambda e: version_key(e.file.version))

    def versions(self, rid: str) -> list[str]:
        return [e.file.version for e in self.active(rid)]

    def _priority(self, entry: RubricEntry) -> int:
        for index in range(len(self.folders) - 1, -1, -1):
            if _within(entry.path, self.folders[index].path):
                return index
        return -1

    def get(self, ref: str) -> RubricEntry:
        entry = self.find(ref)
        if entry is None:
            rid, _, version = ref.partition("@")
            if version and self.versions(rid):
                raise ChecklistError.plain(
                    f"rubric '{rid}' has no version {version}; available: "
                    f"{one_of(self.versions(rid))}"
                )
            raise ChecklistError.plain(
                f"no rubric '{ref}' on the search path{hint(rid, self.ids(), 'available')} "
                "(see `checklist rubrics list`)"
            )
        return entry

    def resolve(self, ref_or_path: str) -> Rubric:
        """A rubric by library reference, or by the path of a rubric file."""
        path = Path(ref_or_path)
        if path.suffix in RUBRIC_SUFFIXES or path.is_file():
            return resolve_entry(load_rubric_file(path), self)
        return resolve_entry(self.get(ref_or_path), self)


def _within(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


# --- resolution ---------------------------------------------------------------------------

Origin = tuple[YamlDoc, tuple[str | int, ...]]


@dataclass
class _Build:
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


def resolve_entry(entry: RubricEntry, library: Library | None = None) -> Rubric:
    """The flat rubric for `entry`; raises ChecklistError listing every problem found."""
    build = _resolve(entry, library, ())
    problems = entry.problems + build.problems + _locate(build, check_rubric(build.rubric))
    if problems:
        raise ChecklistError(sorted(set(problems), key=lambda p: (p.file, p.line, p.column)))
    return build.rubric


def _resolve(entry: RubricEntry, library: Library | None, chain: tuple[str, ...]) -> _Build:
    file, doc = entry.file, entry.doc
    if entry.ref in chain:
        cycle = " -> ".join((*chain, entry.ref))
        raise ChecklistError([doc.problem(("extends",), f"`extends` forms a cycle: {cycle}; "
                                          "remove one of these `extends`")])
    if len(chain) > MAX_EXTENDS_DEPTH:
        raise ChecklistError([doc.problem(("extends",), "`extends` chain is too long")])
    if file.extends is None:
        patches = [k for k in RubricFile.PATCH_FIELDS if k in doc.data]
        if patches:
            raise ChecklistError([doc.problem((patches[0],), f"`{patches[0]}` patches a parent "
                                              "rubric; add `extends: <rubric id>` or remove it",
                                              at_key=True)])
        base = Rubric(
            id=file.id,
            version=file.version,
            title=file.title,
            description=file.description,
            scale=file.scale or Scale(),
            policy=Policy(**(file.policy.model_dump(exclude_none=True) if file.policy else {})),
            context=file.context,
            sections=file.sections,
        )
        build = _Build(base, root_doc=doc, direct=True)
        for si, section in enumerate(file.sections):
            build.sections[section.id] = (doc, ("sections", si))
            for qi, question in enumerate(section.questions):
                build.questions[question.id] = (doc, ("sections", si, "questions", qi))
        for fi, flag in enumerate(file.context):
            build.flags[flag.id] = (doc, ("context", fi))
        return build

    if library is None:
        library = Library.discover()
    parent_entry = library.find(file.extends)
    if parent_entry is None:
        rid = file.extends.partition("@")[0]
        known = hint(rid, library.ids(), "available")
        raise ChecklistError([doc.problem(("extends",), f"`extends: {file.extends}`: no such "
                                          f"rubric on the search path{known}")])
    parent = _resolve(parent_entry, library, (*chain, entry.ref))
    return _apply_patch(parent, entry)


def _apply_patch(parent: _Build, entry: RubricEntry) -> _Build:
    file, doc = entry.file, entry.doc
    problems: list[Problem] = list(parent.problems)
    base = parent.rubric
    if file.scale is not None and file.scale != base.scale:
        problems.append(doc.problem(("scale",), f"a rubric that extends another keeps its scale "
                                    f"({base.scale.min}..{base.scale.max}); remove `scale`",
                                    at_key=True))
    sections = [s.model_copy(deep=True) for s in base.sections]
    origins_s = dict(parent.sections)
    origins_q = dict(parent.questions)
    gate_origins = dict(parent.gates)
    override_origins = dict(parent.overrides)

    def q_ids() -> list[str]:
        return [q.id for s in sections for q in s.questions]

    removals = file.remove
    if removals is not None:
        for index, sid in enumerate(removals.sections):
            if not any(s.id == sid for s in sections):
                problems.append(doc.problem(("remove", "sections", index), f"cannot remove "
                                f"section '{sid}': the parent has no such section"
                                f"{hint(sid, [s.id for s in sections])}"))
        sections = [s for s in sections if s.id not in removals.sections]
        for index, qid in enumerate(removals.questions):
            if qid not in q_ids():
                problems.append(doc.problem(("remove", "questions", index), f"cannot remove "
                                f"question '{qid}': the parent has no such question"
                                f"{hint(qid, q_ids())}"))
        for section in sections:
            section.questions = [q for q in section.questions if q.id not in removals.questions]

    for sid, questions in file.add_questions.items():
        target = next((s for s in sections if s.id == sid), None)
        if target is None:
            problems.append(doc.problem(("add_questions", sid), f"no section '{sid}' to add "
                            f"questions to{hint(sid, [s.id for s in sections])}",
                            at_key=True))
            continue
        for qi, question in enumerate(questions):
            if _already_there(question.id, q_ids(), origins_q, doc, ("add_questions", sid, qi),
                              problems):
                continue
            target.questions.append(question.model_copy(deep=True))
            origins_q[question.id] = (doc, ("add_questions", sid, qi))

    for si, section in enumerate(file.sections):
        if any(s.id == section.id for s in sections):
            problems.append(doc.problem(("sections", si, "id"), f"section '{section.id}' is "
                            "already in the parent; use `add_questions`, `weights` or `remove` "
                            "to change it, or pick another id"))
            continue
        added = section.model_copy(deep=True)
        added.questions = []
        for qi, question in enumerate(section.questions):
            where = ("sections", si, "questions", qi)
            if _already_there(question.id, q_ids(), origins_q, doc, where, problems):
                continue
            added.questions.append(question.model_copy(deep=True))
            origins_q[question.id] = (doc, where)
        sections.append(added)
        origins_s[section.id] = (doc, ("sections", si))

    if file.override is not None:
        for sid, patch in file.override.sections.items():
            target = next((s for s in sections if s.id == sid), None)
            if target is None:
                problems.append(doc.problem(("override", "sections", sid), f"no section '{sid}'"
                                f"{hint(sid, [s.id for s in sections])}", at_key=True))
                continue
            for key, value in patch.model_dump(exclude_none=True).items():
                setattr(target, key, value)
        for qid, qpatch in file.override.questions.items():
            question = next((q for s in sections for q in s.questions if q.id == qid), None)
            if question is None:
                problems.append(doc.problem(("override", "questions", qid), f"no question "
                                f"'{qid}'{hint(qid, q_ids())}", at_key=True))
                continue
            changed = qpatch.model_dump(exclude_none=True)
            for key in changed:
                setattr(question, key, getattr(qpatch, key))
            override_origins[qid] = ((doc, ("override", "questions", qid)), set(changed))

    if file.weights is not None:
        by_section = {s.id: s for s in sections}
        by_question = {q.id: q for s in sections for q in s.questions}
        for kind, table, changes in (("section", by_section, file.weights.sections),
                                     ("question", by_question, file.weights.questions)):
            for ident, weight in changes.items():
                where = ("weights", f"{kind}s", ident)
                target: Section | Question | None = table.get(ident)
                if target is None:
                    problems.append(doc.problem(where, f"no {kind} '{ident}'"
                                                f"{hint(ident, list(table))}", at_key=True))
                elif weight < 0:
                    problems.append(doc.problem(where, "weight must be >= 0"))
                else:
                    target.weight = weight

    for qid, gate in file.gates.items():
        question = next((q for s in sections for q in s.questions if q.id == qid), None)
        if question is None:
            problems.append(doc.problem(("gates", qid), f"no question '{qid}' to gate"
                            f"{hint(qid, q_ids())}", at_key=True))
        else:
            question.gate = gate
            gate_origins[qid] = (doc, ("gates", qid))

    context = list(base.context)
    flags = dict(parent.flags)
    for fi, flag in enumerate(file.context):
        context = [f for f in context if f.id != flag.id] + [flag]
        flags[flag.id] = (doc, ("context", fi))

    policy = base.policy.model_copy(
        update=file.policy.model_dump(exclude_none=True) if file.policy else {}
    )
    rubric = Rubric(
        id=file.id,
        version=file.version,
        title=file.title,
        description=file.description or base.description,
        based_on=[*base.based_on, base.ref],
        scale=base.scale,
        policy=policy,
        context=context,
        sections=[Section.model_validate(s.model_dump()) for s in sections],
    )
    return _Build(rubric, origins_s, origins_q, flags, gate_origins, override_origins,
                  problems, doc)


def _already_there(qid: str, existing: list[str], origins: dict[str, Origin], doc: YamlDoc,
                   where: tuple[str | int, ...], problems: list[Problem]) -> bool:
    """Reports a question id the rubric already has, pointing at both places."""
    if qid not in existing:
        return False
    first = ""
    if qid in origins:
        first_doc, first_loc = origins[qid]
        line, _ = first_doc.position(first_loc)
        first = f" ({first_doc.path}:{line})"
    problems.append(doc.problem((*where, "id"), f"question id '{qid}' is already in the "
                                f"rubric{first}; pick another id, or change the existing "
                                "question with `override`"))
    return True


def _locate(build: _Build, findings: list[Finding]) -> list[Problem]:
    """Maps findings on the merged rubric back to the file and line each part came from."""
    rubric = build.rubric
    root = build.root_doc
    assert root is not None
    if build.direct:
        return sorted({root.problem(f.loc, f.message, at_key=f.at_key) for f in findings},
                      key=lambda p: (p.line, p.column))
    problems = []
    for finding in findings:
        loc = finding.loc
        origin: Origin | None = None
        rest: tuple[str | int, ...] = loc
        if len(loc) >= 4 and loc[0] == "sections" and loc[2] == "questions":
            section = rubric.sections[int(loc[1])]
            question = section.questions[int(loc[3])]
            origin = build.questions.get(question.id)
            rest = loc[4:]
            if rest[:1] == ("gate",) and question.id in build.gates:
                origin, rest = build.gates[question.id], rest[1:]
            elif question.id in build.overrides and rest and rest[0] in build.overrides[
                question.id
            ][1]:
                origin = build.overrides[question.id][0]
        elif len(loc) >= 2 and loc[0] == "sections":
            origin = build.sections.get(rubric.sections[int(loc[1])].id)
            rest = loc[2:]
        elif len(loc) >= 2 and loc[0] == "context":
            origin = build.flags.get(rubric.context[int(loc[1])].id)
            rest = loc[2:]
        if origin is None:
            problems.append(root.problem(loc, finding.message, at_key=finding.at_key))
            continue
        doc, prefix = origin
        problems.append(doc.problem((*prefix, *rest), finding.message, at_key=finding.at_key))
    unique = sorted(set(problems), key=lambda p: (p.file, p.line, p.column))
    return unique


def check_rubric_doc(doc: YamlDoc, rubric: Rubric) -> None:
    """Checks a rubric read from a single file (the lock file), pointing into that file."""
    error = findings_to_error(doc, check_rubric(rubric))
    if error is not None:
        raise error
