"""The bake-off folder inside an evaluation: where its files live, loading and creating it.

```
video-2026/                  the evaluation (evaluation.yaml names the vendors)
  bakeoff/
    bakeoff.yaml             settings and prompts
    inputs/...               input assets prompts point at (any layout inside bakeoff/)
    outputs/<vendor>/<prompt>.<ext>   outputs laid out by convention
    outputs.yaml             outputs imported from a manifest (`checklist bakeoff add`)
    plan.yaml                the plan (`checklist bakeoff plan`)
    votes/<rater>.yaml       one votes file per rater
```

Everything the bake-off reads must really be inside `bakeoff/`: a path or a link that leads
out of it (`../../.ssh/id_rsa`, `outputs/acme -> /etc`) is refused, never read or served.
Writes go through `write_atomic` under the evaluation folder's lock.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import Field

from checklist.bakeoff.media import MAX_BYTES, kind_of, known_extensions, size_limit_text
from checklist.bakeoff.model import MAX_PROMPTS, BakeoffFile, Prompt
from checklist.errors import ChecklistError, Problem, hint, quoted
from checklist.files.atomic import write_atomic
from checklist.files.folder import EVALUATION_FILE, find_evaluation, is_evaluation
from checklist.files.paths import inside
from checklist.files.validate import to_model
from checklist.files.yamlio import YamlDoc, dump_yaml, parse_yaml, plain, read_yaml
from checklist.model.common import Model
from checklist.model.evaluation import Evaluation

BAKEOFF_DIR = "bakeoff"
SETTINGS_FILE = "bakeoff.yaml"
OUTPUTS_DIR = "outputs"
OUTPUTS_FILE = "outputs.yaml"
PLAN_FILE = "plan.yaml"
VOTES_DIR = "votes"

SETTINGS_HEADER = (
    "checklist bake-off: the team's own blind test of the evaluation's vendors.\n"
    "prompts: id, text and/or input (a file inside this folder), task, tags.\n"
    "Outputs go in outputs/<vendor>/<prompt>.<ext> or come from `checklist bakeoff add`;\n"
    "then `checklist bakeoff plan` and the raters vote. See the README's Bake-off section."
)


@dataclass
class Bakeoff:
    """A loaded, checked bake-off: its settings and the evaluation's vendor names."""

    evaluation: Path
    settings: BakeoffFile
    #: vendor id -> the name the evaluation gives it (for status and results, never judges).
    vendor_names: dict[str, str]

    @property
    def path(self) -> Path:
        return self.evaluation / BAKEOFF_DIR

    @property
    def vendors(self) -> list[str]:
        return list(self.settings.vendors)

    @property
    def prompts(self) -> list[Prompt]:
        return list(self.settings.prompts)

    def prompt(self, pid: str) -> Prompt | None:
        return next((p for p in self.settings.prompts if p.id == pid), None)

    def file(self, name: str) -> Path:
        return self.path / name


def evaluation_folder(path: Path) -> Path:
    """The evaluation `path` is in (or is), refusing anything else with what to do."""
    folder = find_evaluation(Path(path))
    if not folder.is_dir():
        raise ChecklistError.at(folder, "no such folder; give an evaluation folder "
                                "(create one with `checklist new`)")
    if not is_evaluation(folder):
        raise ChecklistError.at(folder, f"not an evaluation folder (no {EVALUATION_FILE}); a "
                                "bake-off lives inside an evaluation: create one with "
                                "`checklist new`, then `checklist bakeoff init`")
    return folder


def read_evaluation(folder: Path) -> Evaluation:
    """evaluation.yaml alone: the bake-off needs the vendors, not the rubric or ratings."""
    target = folder / EVALUATION_FILE
    if not inside(target, folder):
        raise ChecklistError.at(target, "links to a file outside the evaluation; replace the "
                                "link with the file itself")
    return to_model(read_yaml(target, what="evaluation"), Evaluation, what="evaluation")


def bakeoff_dir(evaluation: Path) -> Path:
    """`bakeoff/`, refused when it is a link leading out of the evaluation."""
    path = evaluation / BAKEOFF_DIR
    if path.exists() and not inside(path, evaluation):
        raise ChecklistError.at(path, "links to a folder outside the evaluation; make "
                                f"{BAKEOFF_DIR}/ a real folder")
    return path


def has_bakeoff(evaluation: Path) -> bool:
    """Whether the evaluation folder holds a bake-off (`bakeoff/bakeoff.yaml`), for front ends
    that offer judging only where there is something to judge; nothing is read or checked."""
    return (evaluation / BAKEOFF_DIR / SETTINGS_FILE).is_file()


def own_file(bakeoff: Path, relative: str) -> Path:
    """A bake-off file (bakeoff.yaml, plan.yaml, votes/x.yaml), refused when a link takes it
    out of the bake-off folder."""
    target = bakeoff / relative
    if (target.exists() or target.is_symlink()) and not inside(target, bakeoff):
        raise ChecklistError.at(target, "links outside the bake-off folder; checklist reads "
                                "and writes bake-off files only inside it: replace the link "
                                "with the file itself")
    return target


def load_bakeoff(path: Path) -> Bakeoff:
    """Reads and checks `bakeoff/bakeoff.yaml` of the evaluation at (or above) `path`."""
    evaluation_path = evaluation_folder(path)
    evaluation = read_evaluation(evaluation_path)
    folder = bakeoff_dir(evaluation_path)
    settings_path = own_file(folder, SETTINGS_FILE)
    if not settings_path.exists():
        raise ChecklistError.at(settings_path, "no bake-off here yet; create it with "
                                f"`checklist bakeoff init {evaluation_path}`")
    doc = read_yaml(settings_path, what="bake-off file")
    settings = to_model(doc, BakeoffFile, what="bake-off file")
    names = {v.id: v.name for v in evaluation.vendors}
    problems = check_settings(doc, settings, names, folder)
    if problems:
        raise ChecklistError(problems)
    return Bakeoff(evaluation_path, settings, names)


def check_settings(doc: YamlDoc, settings: BakeoffFile, vendor_names: dict[str, str],
                   folder: Path) -> list[Problem]:
    """Unique ids, vendors the evaluation has, input files that are really inside."""
    problems: list[Problem] = []

    def duplicates(ids: list[str], key: str, what: str) -> None:
        seen: set[str] = set()
        for index, ident in enumerate(ids):
            if ident in seen:
                loc: tuple[str | int, ...] = (key, index, "id") if key == "prompts" else (
                    key, index)
                problems.append(doc.problem(loc, f"duplicate {what} '{ident}'; keep one"))
            seen.add(ident)

    duplicates(settings.vendors, "vendors", "vendor")
    duplicates([p.id for p in settings.prompts], "prompts", "prompt id")
    duplicates(settings.reasons, "reasons", "reason tag")
    for index, vendor in enumerate(settings.vendors):
        if vendor not in vendor_names:
            problems.append(doc.problem(("vendors", index), f"unknown vendor '{vendor}'"
                                        f"{hint(vendor, list(vendor_names), 'the evaluation has')}"
                                        f" (vendors come from {EVALUATION_FILE})"))
    for index, prompt in enumerate(settings.prompts):
        if prompt.input is not None:
            problem = check_input(folder, prompt.input)
            if problem:
                problems.append(doc.problem(("prompts", index, "input"), problem))
    return sorted(problems, key=lambda p: (p.line, p.column))


def check_input(folder: Path, relative: str) -> str | None:
    """Why an input asset cannot be used, or None when it is a readable file inside."""
    target, problem = resolve_inside(folder, relative)
    if problem:
        return problem
    assert target is not None
    return check_file(target)


def resolve_inside(folder: Path, relative: str) -> tuple[Path | None, str | None]:
    """`folder/relative` when it (links followed) stays inside `folder`, else the reason."""
    if "\x00" in relative or relative.startswith(("/", "\\")) or ":" in relative[:3]:
        return None, (f"{quoted(relative)} is not a path relative to the bake-off folder; "
                      "put the file inside it and give its path from there")
    target = folder / relative
    if not inside(target, folder):
        return None, (f"{quoted(relative)} leads outside the bake-off folder; checklist "
                      "reads only files inside it: copy the file in")
    return target, None


def check_file(target: Path) -> str | None:
    """Why an output or input file cannot be used: missing, not a plain file, unreadable,
    an unknown kind, or over its kind's size limit; None when it is fine."""
    import os
    import stat

    kind = kind_of(target.name)
    if kind is None:
        return (f"{quoted(target.name)}: unknown kind of file; outputs and inputs end in "
                f"{known_extensions()}")
    try:
        info = target.stat()
    except FileNotFoundError:
        return f"{quoted(str(target))} not found"
    except OSError as exc:
        return f"cannot read {quoted(str(target))}: {exc.strerror}"
    if not stat.S_ISREG(info.st_mode):
        return f"{quoted(str(target))} is not a regular file"
    if info.st_size > MAX_BYTES[kind]:
        return (f"{quoted(target.name)} is {info.st_size:,} bytes, over the "
                f"{size_limit_text(kind)} limit for {kind} outputs; shorten or compress it")
    if not os.access(target, os.R_OK):
        return f"cannot read {quoted(str(target))}: permission denied"
    return None


# --- creating -----------------------------------------------------------------------------


def settings_text(settings: BakeoffFile) -> str:
    data = settings.model_dump(exclude_defaults=True)
    data["seed"] = settings.seed
    data["vendors"] = list(settings.vendors)
    data["reasons"] = list(settings.reasons)
    data["prompts"] = [p.model_dump(exclude_defaults=True) for p in settings.prompts]
    order = ("title", "seed", "vendors", "reasons", "prompts")
    return dump_yaml(plain({k: data[k] for k in order if k in data}), header=SETTINGS_HEADER)


def init_bakeoff(path: Path, prompts: list[Prompt], *, seed: int | None = None,
                 title: str = "", vendors: list[str] | None = None) -> Bakeoff:
    """Creates `bakeoff/` with bakeoff.yaml, outputs/<vendor>/ and votes/; never overwrites."""
    evaluation_path = evaluation_folder(path)
    evaluation = read_evaluation(evaluation_path)
    folder = bakeoff_dir(evaluation_path)
    target = own_file(folder, SETTINGS_FILE)
    if target.exists():
        raise ChecklistError.at(target, "a bake-off already exists here; edit it, or see "
                                f"`checklist bakeoff status {evaluation_path}`")
    names = {v.id: v.name for v in evaluation.vendors}
    chosen = vendors if vendors is not None else list(names)
    for vendor in chosen:
        if vendor not in names:
            raise ChecklistError.plain(f"--vendor: unknown vendor '{vendor}'"
                                       f"{hint(vendor, list(names), 'the evaluation has')}")
    if len(chosen) < 2:
        raise ChecklistError.at(evaluation_path / EVALUATION_FILE, "a bake-off compares at "
                                "least two vendors; add vendors to the evaluation first")
    settings = BakeoffFile(title=title, seed=secrets.randbelow(10**9) if seed is None else seed,
                           vendors=chosen, prompts=prompts)
    text = settings_text(settings)
    # check what we are about to write exactly as it will be read back
    problems = check_settings(parse_yaml(text, str(target)), settings, names, folder)
    if problems:
        raise ChecklistError(problems)
    for vendor in chosen:
        (folder / "outputs" / vendor).mkdir(parents=True, exist_ok=True)
    (folder / VOTES_DIR).mkdir(parents=True, exist_ok=True)
    write_atomic(target, text)
    return Bakeoff(evaluation_path, settings, names)


def read_prompts(source: Path, *, task: str = "general") -> list[Prompt]:
    """Prompts for `init --prompts FILE`: YAML (a list of prompts, or `prompts:` holding one)
    or plain text (one prompt per non-empty line, ids p01, p02, ...)."""
    from checklist.files.yamlio import decode, read_bytes

    if source.suffix.lower() in (".yaml", ".yml"):
        doc = read_yaml(source, what="prompts file")
        data = doc.data
        if isinstance(data, list):
            doc = YamlDoc(doc.path, {"prompts": data}, _wrap(doc))
        elif not (isinstance(data, dict) and set(data) == {"prompts"}):
            raise ChecklistError.at(source, "expected a list of prompts (`- id: ...` lines) or "
                                    "a `prompts:` key holding one", 1, 1)
        holder = to_model(doc, _PromptList, what="prompts file")
        problems: list[Problem] = []
        seen: set[str] = set()
        for index, prompt in enumerate(holder.prompts):
            if prompt.id in seen:
                problems.append(doc.problem(("prompts", index, "id"),
                                            f"duplicate prompt id '{prompt.id}'; keep one"))
            seen.add(prompt.id)
        if problems:
            raise ChecklistError(problems)
        return list(holder.prompts)
    text = decode(read_bytes(source, what="prompts file"), str(source))
    lines = [(number, line.strip()) for number, line in enumerate(text.splitlines(), 1)
             if line.strip()]
    if len(lines) > MAX_PROMPTS:
        raise ChecklistError.at(source, f"{len(lines):,} prompts, over the limit of "
                                f"{MAX_PROMPTS:,}; split the bake-off")
    if not lines:
        raise ChecklistError.at(source, "no prompts: write one prompt per line")
    width = max(2, len(str(len(lines))))
    prompts = []
    for index, (number, line) in enumerate(lines, 1):
        try:
            prompts.append(Prompt(id=f"p{index:0{width}d}", text=line, task=task))
        except ValueError as exc:
            raise ChecklistError.at(source, _first_message(exc), number, 1) from None
    return prompts


def _first_message(exc: ValueError) -> str:
    errors = getattr(exc, "errors", None)
    if callable(errors):
        first = errors()[0]
        return f"{'.'.join(str(p) for p in first.get('loc', ()))}: {first.get('msg', exc)}"
    return str(exc)


def _wrap(doc: YamlDoc) -> yaml.Node | None:
    """A node tree in which `prompts` leads to the document's top-level list, so positions
    of problems in a bare list of prompts still point at their lines."""
    root = doc.root
    if root is None:
        return None
    key = yaml.ScalarNode("tag:yaml.org,2002:str", "prompts", root.start_mark, root.start_mark)
    return yaml.MappingNode("tag:yaml.org,2002:map", [(key, root)], root.start_mark,
                            root.end_mark)


class _PromptList(Model):
    prompts: list[Prompt] = Field(min_length=1, max_length=MAX_PROMPTS)
