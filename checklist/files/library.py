"""The rubric library: every rubric on the search path, and `extends` resolved into one.

Teams reuse a rubric by extending it rather than copying it, so a fix in the base reaches
everyone. Resolution remembers where each section and question came from, so an error found
in the merged result still points at the file and line that caused it (the patch
operations are in `checklist.files.rubric_patch`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from checklist.errors import ChecklistError, Problem, hint, one_of
from checklist.files.config import Folder, search_path
from checklist.files.rubric_header import read_header
from checklist.files.rubric_patch import Build, apply_patch, base_build, locate
from checklist.files.validate import findings_to_error, to_model_partial
from checklist.files.yamlio import YamlDoc, read_yaml
from checklist.model.checks import check_rubric, unused_flags
from checklist.model.rubric import Rubric, RubricFile, is_prerelease, version_key

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


def continuation(library: Library, rid: str, version: str) -> RubricEntry | None:
    """The newest rubric that `rid@version` says its line continues as (`continued_as`), or
    None when it says nothing or that rubric is not on the search path."""
    entry = library.find(f"{rid}@{version}")
    if entry is None or entry.file.continued_as is None:
        return None
    return library.find(entry.file.continued_as)


def _within(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


# --- resolution ---------------------------------------------------------------------------


def resolve_entry(entry: RubricEntry, library: Library | None = None) -> Rubric:
    """The flat rubric for `entry`; raises ChecklistError listing every problem found."""
    build = _resolve(entry, library, ())
    problems = entry.problems + build.problems + locate(build, check_rubric(build.rubric))
    if problems:
        raise ChecklistError(sorted(set(problems), key=lambda p: (p.file, p.line, p.column)))
    return build.rubric


def resolve_with_warnings(entry: RubricEntry,
                          library: Library | None = None) -> tuple[Rubric, list[Problem]]:
    """As `resolve_entry`, with the warnings that do not stop the rubric from loading
    (`checklist.model.checks.unused_flags`), each where it was written."""
    build = _resolve(entry, library, ())
    problems = entry.problems + build.problems + locate(build, check_rubric(build.rubric))
    if problems:
        raise ChecklistError(sorted(set(problems), key=lambda p: (p.file, p.line, p.column)))
    return build.rubric, locate(build, unused_flags(build.rubric))


def _resolve(entry: RubricEntry, library: Library | None, chain: tuple[str, ...]) -> Build:
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
        return base_build(file, doc)
    if library is None:
        library = Library.discover()
    parent_entry = library.find(file.extends)
    if parent_entry is None:
        rid = file.extends.partition("@")[0]
        known = hint(rid, library.ids(), "available")
        raise ChecklistError([doc.problem(("extends",), f"`extends: {file.extends}`: no such "
                                          f"rubric on the search path{known}")])
    parent = _resolve(parent_entry, library, (*chain, entry.ref))
    return apply_patch(parent, file, doc)


def check_rubric_doc(doc: YamlDoc, rubric: Rubric) -> None:
    """Checks a rubric read from a single file (the lock file), pointing into that file."""
    error = findings_to_error(doc, check_rubric(rubric))
    if error is not None:
        raise error
