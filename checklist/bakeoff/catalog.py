"""Every vendor's output for every prompt: files laid out by convention plus `outputs.yaml`.

By convention `outputs/<vendor>/<prompt>.<ext>` holds one output (the extension says its
kind); `outputs.yaml` adds outputs produced elsewhere (a path inside the bake-off folder or
inline text) and measurements (latency, cost, whether the request succeeded) for either.
Two different outputs for one vendor and prompt are a problem to fix, never a silent choice.
Files under `outputs/` that match no vendor or prompt are listed as strays, not read.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from checklist.bakeoff.folder import (
    OUTPUTS_DIR,
    OUTPUTS_FILE,
    Bakeoff,
    check_file,
    own_file,
    resolve_inside,
)
from checklist.bakeoff.media import Kind, kind_of
from checklist.bakeoff.model import OutputEntry, OutputsFile
from checklist.errors import ChecklistError, Problem, hint
from checklist.files.paths import inside
from checklist.files.validate import to_model
from checklist.files.yamlio import YamlDoc, decode, read_bytes, read_yaml

OutputKind = Kind | Literal["failed"]


@dataclass(frozen=True)
class Output:
    """One vendor's output for one prompt. `kind` "failed": the request returned nothing."""

    vendor: str
    prompt: str
    kind: OutputKind
    #: The file (inside the bake-off folder), or None for inline text and failed requests.
    path: Path | None = None
    text: str | None = None
    latency_s: float | None = None
    cost: float | None = None
    ok: bool | None = None
    #: "convention" (a file under outputs/) or "manifest" (an entry in outputs.yaml).
    source: Literal["convention", "manifest"] = "convention"

    def relative(self, bakeoff: Path) -> str:
        if self.path is None:
            return f"{OUTPUTS_FILE} (inline text)" if self.text is not None else OUTPUTS_FILE
        return self.path.relative_to(bakeoff).as_posix()

    def sha256(self) -> str:
        """The digest of the content, recorded in the plan so a changed output is noticed."""
        digest = hashlib.sha256()
        if self.path is not None:
            with self.path.open("rb") as handle:
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
        elif self.text is not None:
            digest.update(self.text.encode("utf-8"))
        else:
            digest.update(b"failed: no output")
        return digest.hexdigest()

    def read_text(self) -> str:
        """A text output's content (inline, or the file decoded as UTF-8)."""
        if self.text is not None:
            return self.text
        if self.path is None or self.kind != "text":
            raise ValueError("not a text output")
        return decode(read_bytes(self.path, what="text output"), str(self.path))


@dataclass
class Catalog:
    """What the bake-off has, what is missing, and what cannot be used."""

    outputs: dict[tuple[str, str], Output] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    #: Files or folders under outputs/ that are no vendor's output for a prompt.
    strays: list[str] = field(default_factory=list)

    def get(self, vendor: str, prompt: str) -> Output | None:
        return self.outputs.get((vendor, prompt))

    def missing(self, bakeoff: Bakeoff) -> list[tuple[str, str]]:
        return [(v, p.id) for v in bakeoff.vendors for p in bakeoff.prompts
                if (v, p.id) not in self.outputs]

    def raise_problems(self) -> None:
        if self.problems:
            raise ChecklistError(self.problems)


def build_catalog(bakeoff: Bakeoff) -> Catalog:
    """Scans `outputs/` and reads `outputs.yaml`; problems are collected, not raised."""
    catalog = Catalog()
    _scan_convention(bakeoff, catalog)
    entries = read_outputs_file(bakeoff, catalog.problems)
    if entries is not None:
        doc, model = entries
        _merge_entries(bakeoff, catalog, doc, model)
    catalog.problems.sort(key=lambda p: (p.file, p.line, p.column))
    return catalog


def read_outputs_file(bakeoff: Bakeoff,
                      problems: list[Problem]) -> tuple[YamlDoc, OutputsFile] | None:
    target = own_file(bakeoff.path, OUTPUTS_FILE)
    if not target.exists():
        return None
    try:
        doc = read_yaml(target, what="outputs file")
        if doc.data is None:
            return None
        return doc, to_model(doc, OutputsFile, what="outputs file")
    except ChecklistError as exc:
        problems += exc.problems
        return None


def _scan_convention(bakeoff: Bakeoff, catalog: Catalog) -> None:
    root = bakeoff.path / OUTPUTS_DIR
    if not root.is_dir():
        return
    if not inside(root, bakeoff.path):
        catalog.problems.append(Problem(str(root), 0, 0, "links outside the bake-off folder; "
                                        f"make {OUTPUTS_DIR}/ a real folder"))
        return
    vendors = set(bakeoff.vendors)
    prompts = {p.id for p in bakeoff.prompts}
    for item in sorted(root.iterdir()):
        if item.name.startswith("."):
            continue
        if item.name not in vendors or not item.is_dir():
            catalog.strays.append(f"{OUTPUTS_DIR}/{item.name}" + (
                f" (no vendor '{item.name}'{hint(item.name, sorted(vendors), 'vendors')})"
                if item.is_dir() else ""))
            continue
        if not inside(item, bakeoff.path):
            catalog.problems.append(Problem(str(item), 0, 0, "links outside the bake-off "
                                            "folder; replace the link with the folder itself"))
            continue
        for file in sorted(item.iterdir()):
            if file.name.startswith("."):
                continue
            stem = file.name.split(".", 1)[0] if "." in file.name else file.name
            if stem not in prompts or file.is_dir():
                catalog.strays.append(f"{OUTPUTS_DIR}/{item.name}/{file.name}")
                continue
            _add_file(bakeoff, catalog, item.name, stem, file)


def _add_file(bakeoff: Bakeoff, catalog: Catalog, vendor: str, prompt: str,
              file: Path) -> None:
    if not inside(file, bakeoff.path):
        catalog.problems.append(Problem(str(file), 0, 0, "links outside the bake-off folder; "
                                        "replace the link with the file itself"))
        return
    problem = check_file(file)
    if problem:
        catalog.problems.append(Problem(str(file), 0, 0, problem))
        return
    earlier = catalog.get(vendor, prompt)
    if earlier is not None and earlier.path is not None:
        catalog.problems.append(Problem(str(file), 0, 0, f"a second output for {vendor} / "
                                        f"{prompt} (also {earlier.path.name}); keep one"))
        return
    kind = kind_of(file.name)
    assert kind is not None  # check_file refuses unknown kinds
    catalog.outputs[(vendor, prompt)] = Output(vendor, prompt, kind, path=file)


def _merge_entries(bakeoff: Bakeoff, catalog: Catalog, doc: YamlDoc,
                   model: OutputsFile) -> None:
    vendors = bakeoff.vendors
    prompts = [p.id for p in bakeoff.prompts]
    for vendor, by_prompt in model.outputs.items():
        if vendor not in vendors:
            catalog.problems.append(doc.problem(("outputs", vendor), f"unknown vendor "
                                                f"'{vendor}'{hint(vendor, vendors, 'vendors')}",
                                                at_key=True))
            continue
        for prompt, entry in by_prompt.items():
            loc = ("outputs", vendor, prompt)
            if prompt not in prompts:
                catalog.problems.append(doc.problem(loc, f"unknown prompt '{prompt}'"
                                                    f"{hint(prompt, prompts, 'prompts')}",
                                                    at_key=True))
                continue
            output, problem = entry_output(bakeoff, vendor, prompt, entry)
            if problem:
                catalog.problems.append(doc.problem((*loc, "path"), problem))
                continue
            assert output is not None
            earlier = catalog.get(vendor, prompt)
            if earlier is not None and earlier.path is not None and (
                output.path is None or output.path.resolve() != earlier.path.resolve()
            ):
                catalog.problems.append(doc.problem(loc, f"a second output for {vendor} / "
                                                    f"{prompt}: {earlier.relative(bakeoff.path)}"
                                                    " is there too; keep one", at_key=True))
                continue
            catalog.outputs[(vendor, prompt)] = output


def entry_output(bakeoff: Bakeoff, vendor: str, prompt: str,
                 entry: OutputEntry) -> tuple[Output | None, str | None]:
    """The output an `outputs.yaml` entry (or manifest row) stands for, or why it cannot be."""
    measures: dict[str, Any] = {"latency_s": entry.latency_s, "cost": entry.cost,
                                "ok": entry.ok, "source": "manifest"}
    if entry.text is not None:
        return Output(vendor, prompt, "text", text=entry.text, **measures), None
    if entry.path is None:
        return Output(vendor, prompt, "failed", **measures), None
    target, problem = resolve_inside(bakeoff.path, entry.path)
    if problem:
        return None, problem
    assert target is not None
    problem = check_file(target)
    if problem:
        return None, problem
    kind = kind_of(target.name)
    assert kind is not None
    return Output(vendor, prompt, kind, path=target, **measures), None
