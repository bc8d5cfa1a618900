"""One rater's ratings file, changed one answer (or, for an import, one file) at a time."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from checklist.errors import ChecklistError, ConflictError
from checklist.files.atomic import write_atomic
from checklist.files.decided import refuse_if_decided
from checklist.files.folder_text import ratings_text
from checklist.files.layout import (
    EVALUATION_FILE,
    RATINGS_DIR,
    Ordering,
    check_rater_name,
    own_file,
)
from checklist.files.lock import folder_lock
from checklist.files.paths import inside
from checklist.files.transaction import Replacement, replace_files
from checklist.files.validate import to_model
from checklist.files.yamlio import read_yaml, read_yaml_bytes
from checklist.model.evaluation import RubricPin
from checklist.model.ratings import Answer, Ratings

_UNSET = object()


@dataclass
class RatingsFile:
    """One rater's file, updated one answer at a time under the folder lock."""

    folder: Path
    rater: str
    ordering: Ordering
    #: The rubric the caller scores against. When set, a write is refused once the
    #: evaluation has been moved to another rubric (`checklist upgrade` while a TUI is open):
    #: answers meant for the old questions must not land under the new ones.
    pin: RubricPin | None = None

    @property
    def path(self) -> Path:
        return self.folder / RATINGS_DIR / f"{self.rater}.yaml"

    def _check_pin(self) -> None:
        if self.pin is None:
            return
        doc = read_yaml(own_file(self.folder, EVALUATION_FILE), what="evaluation")
        rubric = doc.data.get("rubric") if isinstance(doc.data, dict) else None
        sha = rubric.get("sha256") if isinstance(rubric, dict) else None
        if sha != self.pin.sha256:
            now_on = f"{rubric.get('id')}@{rubric.get('version')}" if isinstance(
                rubric, dict) else "another rubric"
            raise ConflictError.at(
                self.folder / EVALUATION_FILE,
                f"the evaluation was moved from {self.pin.id}@{self.pin.version} to {now_on} "
                "since it was opened; nothing written: reopen it and answer again",
            )

    def _checkinside(self) -> None:
        for path in (self.path.parent, self.path):
            if not inside(path, self.folder):
                raise ChecklistError.at(path, "links outside the evaluation folder; checklist "
                                        "reads and writes ratings only inside it")

    def read(self) -> Ratings:
        return self.snapshot()[1]

    def snapshot(self) -> tuple[bytes, Ratings]:
        """The file's bytes and its ratings, from one read: what `replace(expected=...)`
        compares with. A file that does not exist yet reads as b"" and no answers."""
        self._checkinside()
        if not self.path.exists():
            return b"", Ratings(rater=self.rater)
        data, doc = read_yaml_bytes(self.path, what="ratings file")
        if doc.data is None:
            return data, Ratings(rater=self.rater)
        return data, to_model(doc, Ratings, what="ratings file")

    def update(
        self,
        vendor: str,
        question: str,
        answer: Answer | None,
        *,
        expected: Answer | object | None = _UNSET,
        display_name: str | None = None,
    ) -> Ratings:
        """Sets (or with None, clears) one answer and returns the file's new content.

        With `expected`, the answer on disk must still be what the caller last saw; otherwise
        another process changed it and a ConflictError says so. Other answers changed on disk
        are kept: the write merges into the current file rather than replacing it.
        """
        if answer is not None and answer.value is not None and not math.isfinite(answer.value):
            raise ChecklistError.plain(f"value {answer.value} is not a finite number; give "
                                       "the measured value")
        if display_name:
            check_rater_name(display_name)
        with folder_lock(self.folder):
            self._check_pin()
            refuse_if_decided(self.folder)
            ratings = self.read()
            current = ratings.get(vendor, question)
            if expected is not _UNSET and current != expected:
                raise ConflictError.at(
                    self.path,
                    f"{vendor} / {question} was changed by someone else "
                    f"(now {current.display() if current else 'unanswered'}); reload before "
                    "changing it",
                )
            if display_name:
                ratings.rater = display_name
            ratings.put(vendor, question, answer)
            write_atomic(self.path, ratings_text(ratings, self.ordering))
            return ratings

    def replace(self, ratings: Ratings, *, expected: bytes | None = None) -> None:
        """Writes a whole ratings file (an import); with `expected`, only if unchanged on disk."""

        def refuse() -> None:
            self._checkinside()
            self._check_pin()

        replace_files(self.folder, [Replacement(self.path, ratings_text(ratings, self.ordering),
                                                expected)],
                      conflict="changed on disk meanwhile; nothing written", check=refuse)
