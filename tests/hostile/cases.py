"""The catalogue of hostile inputs, one place for the tests and the benchmark.

A case turns the valid bytes of a file into hostile bytes and says what the user must see:
`error` (exit 2 with `file:line:column`), `whole-file` (exit 2 with `file: ...`, for problems
that have no line, such as the size limit) or `ok` (it must load: CRLF, a BOM).
Most cases append a snippet to a valid file, so the expected line is known exactly.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

#: The files a user (or whoever sent them the folder) can put hostile bytes in.
KINDS = ("rubric", "evaluation", "lock", "ratings", "config")

Make = Callable[[bytes], bytes]


@dataclass(frozen=True)
class Case:
    """One hostile variant of a file."""

    name: str
    make: Make
    expect: str = "error"  # error | whole-file | ok | any (ok, or a positioned error)
    message: str | None = None  # regex the first problem's message must match
    line: Callable[[bytes], int] | None = None  # expected line, from the valid bytes
    kinds: tuple[str, ...] = KINDS
    big: bool = False  # builds a multi-megabyte file: the benchmark may skip it with --quick
    env: dict[str, str] = field(default_factory=dict)
    sparse: int = 0  # after writing, extend the file to this size without writing the bytes


def _lines(valid: bytes) -> int:
    return valid.count(b"\n")


def after(offset: int = 1) -> Callable[[bytes], int]:
    """The expected line: `offset` lines into the snippet appended to the valid file."""
    return lambda valid: _lines(valid) + offset


def append(snippet: bytes | str) -> Make:
    data = snippet.encode() if isinstance(snippet, str) else snippet

    def make(valid: bytes) -> bytes:
        base = valid if valid.endswith(b"\n") or not valid else valid + b"\n"
        return base + data

    return make


def const(data: bytes) -> Make:
    return lambda valid: data


def _first_top_key_line(valid: bytes) -> bytes:
    for raw in valid.splitlines(keepends=True):
        if raw[:1].isalpha():
            return raw
    raise AssertionError("no top-level key in the valid file")


def _duplicate_first_key(valid: bytes) -> bytes:
    return append(_first_top_key_line(valid))(valid)


def _tab_indent(valid: bytes) -> bytes:
    """The first indented line of a block mapping, indented with a tab instead."""
    lines = valid.splitlines(keepends=True)
    for i, raw in enumerate(lines):
        if raw.startswith(b"  ") and raw.strip() and not raw.lstrip().startswith(b"#"):
            lines[i] = b"\t" + raw.lstrip(b" ")
            return b"".join(lines)
    return append("zz-tab:\n\tkey: 1\n")(valid)


def _tab_line(valid: bytes) -> int:
    for i, raw in enumerate(valid.splitlines(), start=1):
        if raw.startswith(b"  ") and raw.strip() and not raw.lstrip().startswith(b"#"):
            return i
    return _lines(valid) + 2


def alias_bomb(levels: int = 9, width: int = 9) -> str:
    """The "billion laughs": 9 aliases of 9 aliases of ... a few bytes, 9**9 when expanded."""
    out = ['zz-bomb:', '  a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels + 1):
        refs = ", ".join([f"*a{i - 1}"] * width)
        out.append(f"  a{i}: &a{i} [{refs}]")
    return "\n".join(out) + "\n"


def deep_block(depth: int) -> str:
    """A mapping nested `depth` levels deep, one space more per level (no brackets at all)."""
    return "zz-deep:\n" + "".join(" " * (i + 1) + f"k{i}:\n" for i in range(depth))


def _crlf(valid: bytes) -> bytes:
    return valid.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


def _cr_only(valid: bytes) -> bytes:
    return valid.replace(b"\r\n", b"\n").replace(b"\n", b"\r")


BOM = b"\xef\xbb\xbf"
PWNED = "checklist-hostile-pwned"

#: Cases that make sense for every kind of file: they break YAML itself.
GENERIC: list[Case] = [
    Case("tab-indentation", _tab_indent, message="tab", line=_tab_line),
    Case("bad-indentation", append("zz-indent:\n  a: 1\n b: 2\n"), line=after(3)),
    Case("unclosed-double-quote", append('zz-quote: "never closed\nzz-next: 1\n'),
         message="quote"),
    Case("unclosed-single-quote", append("zz-quote: 'never closed\n"), message="quote"),
    Case("unclosed-bracket", append("zz-flow: [1, 2\n"), message="bracket|flow|expected"),
    Case("unclosed-brace", append("zz-flow: {a: 1\n"), message="bracket|flow|expected"),
    Case("duplicate-key", _duplicate_first_key, message="duplicate key", line=after(1)),
    Case("duplicate-key-flow", append("zz-dup: {a: 1, a: 2}\n"), message="duplicate key",
         line=after(1)),
    Case("not-utf8", append(b"zz-text: caf\xe9\n"), message="not UTF-8", line=after(1)),
    Case("latin1-file", lambda valid: valid.decode("utf-8").encode("latin-1", "replace")
         + b"zz: \xa9\n", message="not UTF-8"),
    Case("utf16-file", lambda valid: valid.decode("utf-8").encode("utf-16"),
         message="not UTF-8"),
    Case("nul-byte", append(b"zz-text: a\x00b\n"), message="NUL", line=after(1)),
    Case("bare-scalar", const(b"just some words\n"), message="expected a"),
    Case("bare-number", const(b"42\n"), message="expected a"),
    Case("list-at-top", const(b"- id: a\n- id: b\n"), message="found a list"),
    Case("alias-bomb", append(alias_bomb()), message="alias"),
    Case("alias-bomb-wide", append(alias_bomb(levels=4, width=60)), message="alias"),
    Case("recursive-alias", append("zz-loop: &loop [1, *loop]\n"), message="recursive",
         line=after(1)),
    Case("recursive-alias-map", append("zz-loop: &loop {self: *loop}\n"), message="recursive"),
    Case("undefined-alias", append("zz-alias: *nowhere\n"), message="undefined alias",
         line=after(1)),
    Case("deep-flow-list", append("zz-deep: " + "[" * 100_000 + "]" * 100_000 + "\n"),
         message="nested", line=after(1)),
    Case("deep-flow-map", append("zz-deep: " + "{a: " * 20_000 + "1" + "}" * 20_000 + "\n"),
         message="nested", line=after(1)),
    Case("deep-block-map", append(deep_block(2_000)), message="nested"),
    Case("deep-compact-list", append("zz-deep:\n  " + "- " * 50_000 + "x\n"),
         message="nested", line=after(2)),
    Case("deep-mixed", append("zz-deep:\n" + "".join(" " * (i + 1) + f"k{i}:\n"
                                                      for i in range(40))
                              + " " * 42 + "[" * 40 + "]" * 40 + "\n"), message="nested"),
    Case("python-object-apply",
         append(f'zz-exec: !!python/object/apply:os.system ["touch {PWNED}"]\n'),
         message="not allowed", line=after(1)),
    Case("python-name", append("zz-exec: !!python/name:os.system\n"), message="not allowed"),
    Case("python-module", append("zz-exec: !!python/module:os\n"), message="not allowed"),
    Case("python-object-new",
         append("zz-exec: !!python/object/new:subprocess.Popen [[touch, x]]\n"),
         message="not allowed"),
    Case("tag-directive",
         const(b"%TAG !p! tag:yaml.org,2002:python/\n---\nid: !p!object/apply:os.getcwd []\n"),
         message="not allowed"),
    Case("unknown-tag", append("zz-tag: !vendor-special 3\n"), message="not allowed"),
    Case("set-tag", append("zz-set: !!set {a, b}\n"), message="not allowed"),
    Case("bad-tagged-bool", append("zz-bool: !!bool maybe\n"), message="cannot read",
         line=after(1)),
    Case("bad-tagged-timestamp", append("zz-time: !!timestamp soon\n"), message="cannot read"),
    Case("bad-date", append("zz-date: 2026-13-45\n"), message="cannot read", line=after(1)),
    Case("huge-integer", append("zz-int: " + "9" * 5_000 + "\n"), message="cannot read"),
    Case("not-a-number", append("zz-nan: .nan\n"), message="finite number", line=after(1)),
    Case("infinity", append("zz-inf: -.inf\n"), message="finite number"),
    Case("merge-non-mapping", append("zz-merge: {<<: 1}\n"), message="merge"),
    Case("complex-key", append("? [a, b]\n: 1\n"), message="key must be plain text"),
    Case("second-document", append("---\nzz: 1\n"), message="document"),
    Case("stray-directive", append("%YAML 1.1\n"), message="YAML"),
    Case("escape-sequence-key", append('"zz\\e[31m\\e]0;pwned\\a": 1\n')),
    Case("long-line", append("zz-long: " + "x" * 2_000_000 + "\n"), big=True),
    Case("long-key", append("k" * 100_000 + ": 1\n")),
    Case("many-keys", append("zz-many:\n" + "".join(f"  k{i}: {i}\n" for i in range(50_000))),
         big=True),
    # a 1 GiB sparse file: refused from its size alone (reading it would take seconds)
    Case("over-size-limit", append("zz: 1\n"), expect="whole-file", message="limit",
         sparse=1 << 30),
    Case("truncated", lambda valid: valid[: len(valid) * 2 // 3], expect="any"),
    # must load fine: line endings and a BOM are how editors on other systems save files
    Case("crlf", _crlf, expect="ok"),
    Case("bom", lambda valid: BOM + valid, expect="ok"),
    Case("bom-crlf", lambda valid: BOM + _crlf(valid), expect="ok"),
    Case("cr-only", _cr_only, expect="ok"),
    Case("no-final-newline", lambda valid: valid.rstrip(b"\n"), expect="ok"),
    Case("trailing-spaces-and-comments",
         lambda valid: valid.replace(b"\n", b"   # remark\n", 3).replace(b"\n", b" \n"),
         expect="ok"),
]

#: An empty file: fine where "nothing yet" makes sense (ratings, config), an error elsewhere.
EMPTY = [
    Case("empty", const(b""), message="empty", kinds=("rubric", "evaluation", "lock")),
    Case("only-comments", const(b"# nothing here\n\n"), message="empty",
         kinds=("rubric", "evaluation", "lock")),
    Case("empty", const(b""), expect="ok", kinds=("ratings", "config")),
    Case("only-comments", const(b"# nothing here\n\n"), expect="ok", kinds=("ratings", "config")),
]


def sub(pattern: str, replacement: str, count: int = 1) -> Make:
    """Replaces the first `count` matches of a regex; fails loudly if the file changed shape."""

    def make(valid: bytes) -> bytes:
        text, n = re.subn(pattern, replacement, valid.decode("utf-8"), count=count,
                          flags=re.MULTILINE)
        assert n, f"pattern {pattern!r} not in the valid file"
        return text.encode("utf-8")

    return make


def line_of(pattern: str) -> Callable[[bytes], int]:
    """The line where a regex first matches in the valid file."""

    def find(valid: bytes) -> int:
        text = valid.decode("utf-8")
        match = re.search(pattern, text, flags=re.MULTILINE)
        assert match, pattern
        return text.count("\n", 0, match.start()) + 1

    return find


def after_line(pattern: str, offset: int) -> Callable[[bytes], int]:
    """The line `offset` lines below where a regex first matches in the valid file."""
    find = line_of(pattern)
    return lambda valid: find(valid) + offset


#: Cases about the meaning of one kind of file: wrong types, unknown keys, bad references.
SPECIFIC: list[Case] = [
    # rubric (checked with `checklist rubrics validate`)
    Case("unknown-key", sub(r"^(\s+)weight: 2$", r"\1wieght: 2"), message="did you mean 'weight'",
         line=line_of(r"^\s+weight: 2$"), kinds=("rubric",)),
    Case("wrong-type", sub(r"^(\s+)weight: 2$", r"\1weight: heavy"), message="number",
         line=line_of(r"^\s+weight: 2$"), kinds=("rubric",)),
    Case("negative-weight", sub(r"^(\s+)weight: 2$", r"\1weight: -1"), message="greater",
         kinds=("rubric",)),
    Case("duplicate-question-id", sub(r"id: tasks$", "id: who-ran"), message="duplicate",
         line=line_of(r"id: tasks$"), kinds=("rubric",)),
    Case("duplicate-section-id", sub(r"id: ready$", "id: claims-a"), message="duplicate",
         kinds=("rubric",)),
    Case("unknown-gate-flag", sub(r"when: public", "when: pubic"),
         message="did you mean 'public'", line=line_of("when: public"), kinds=("rubric",)),
    Case("extends-missing", sub(r"^version:", "extends: no-such-rubric\nversion:"),
         message="no-such-rubric", kinds=("rubric",)),
    Case("list-for-mapping", sub(r"^scale:\n(?:  .*\n)+", "scale: [0, 4]\n"),
         message="mapping", line=line_of("^scale:"), kinds=("rubric",)),
    Case("anchor-outside-scale", sub(r"4: independent", "9: independent"), message="scale",
         kinds=("rubric",)),
    Case("bad-version", sub(r"^version: .*$", "version: one"), message="1.2.0",
         kinds=("rubric",)),
    Case("missing-title", sub(r"^title: .*\n", ""), message="missing required key 'title'",
         kinds=("rubric",)),
    Case("title-too-long", sub(r"^title: .*$", "title: " + "t" * 20_001), message="too long",
         kinds=("rubric",)),
    Case("bad-axis", sub(r"axis: claims", "axis: hype"), message="not allowed",
         kinds=("rubric",)),
    Case("choice-score-outside-scale", sub(r"score: 4\}", "score: 7}"), message="scale",
         kinds=("rubric",)),
    # evaluation.yaml (checked with `checklist summary`)
    Case("unknown-key", sub(r"^title:", "titel:"), message="did you mean 'title'",
         line=line_of("^title:"), kinds=("evaluation",)),
    Case("bad-status", sub(r"^status: .*$", "status: finished"), message="not allowed",
         line=line_of("^status:"), kinds=("evaluation",)),
    Case("duplicate-vendor", sub(r"id: beta-corp$", "id: acme"), message="duplicate",
         kinds=("evaluation",)),
    Case("unknown-context-flag", sub(r"^  public:", "  pubic:"), message="pubic",
         kinds=("evaluation",)),
    Case("vendors-not-a-list", sub(r"^vendors:\n(?:[- ].*\n)+", "vendors: Acme\n"),
         message="list", kinds=("evaluation",)),
    Case("bad-date", sub(r"^date: .*$", "date: yesterday"), message="date",
         kinds=("evaluation",)),
    Case("sha-mismatch", sub(r"sha256: ([0-9a-f])", "sha256: 0"), message="sha256|edited",
         kinds=("evaluation",)),
    Case("vendor-name-escape", sub(r"name: Acme$", r'name: "Acme\\e[2J"'), expect="ok",
         kinds=("evaluation",)),
    # Field and list limits: every one is refused at the offending value (issue 11, item 12).
    Case("owner-too-long", sub(r"^status: draft$", "status: draft\nowner: " + "o" * 201),
         message="owner: too long .* at most 200", line=after_line("^status:", 1),
         kinds=("evaluation",)),
    Case("product-too-long", sub(r"^  product: ''", "  product: " + "p" * 201),
         message="product: too long", line=line_of("^  product:"), kinds=("evaluation",)),
    Case("website-too-long", sub(r"^  website: ''", "  website: https://x.example/" + "w" * 9000),
         message="website: too long .* at most 2000", line=line_of("^  website:"),
         kinds=("evaluation",)),
    Case("claim-source-too-long", sub(r"^  claims: \[\]", "  claims:\n  - text: Fast\n"
                                      "    source: " + "s" * 2001 + "\n    run_by: vendor"),
         message="source: too long", line=after_line("^  claims:", 2), kinds=("evaluation",)),
    Case("claim-run-by-too-long", sub(r"^  claims: \[\]", "  claims:\n  - text: Fast\n"
                                      "    run_by: " + "r" * 201),
         message="run_by: too long", line=after_line("^  claims:", 2), kinds=("evaluation",)),
    Case("claim-value-too-long", sub(r"^  claims: \[\]", "  claims:\n  - text: Fast\n"
                                     "    value: " + "v" * 201),
         message="value: too long", line=after_line("^  claims:", 2), kinds=("evaluation",)),
    Case("too-many-decision-makers", sub(r"^status: draft$", "status: draft\ndecision_makers:\n"
                                         + "".join(f"- Person {i}\n" for i in range(101))),
         message="decision_makers: 101 entries, over the limit of 100",
         line=after_line("^status:", 102), kinds=("evaluation",)),
    Case("too-many-claims", sub(r"^  claims: \[\]", "  claims:\n" + "".join(
        f"  - text: Claim {i}\n" for i in range(101))),
         message="claims: 101 entries, over the limit of 100", line=after_line("^  claims:", 101),
         kinds=("evaluation",)),
    Case("claim-compared-twice", sub(r"^  claims: \[\]", "  claims:\n  - text: Fast\n"
                                     "    compared_with: {vendor: beta, model: Sora}"),
         message="exactly one of vendor, model or baseline", line=after_line("^  claims:", 2),
         kinds=("evaluation",)),
    Case("claim-compared-with-nobody", sub(r"^  claims: \[\]", "  claims:\n  - text: Fast\n"
                                           "    compared_with:\n      vendor: nobody"),
         message="unknown vendor 'nobody'", line=after_line("^  claims:", 3),
         kinds=("evaluation",)),
    Case("claim-margin-nan", sub(r"^  claims: \[\]", "  claims:\n  - text: Fast\n"
                                 "    compared_with: {model: Sora, margin: .nan}"),
         message="not a usable number", line=after_line("^  claims:", 2),
         kinds=("evaluation",)),
    Case("too-many-options", sub(r"^status: draft$", "status: draft\noptions:\n"
                                 + "".join(f"- Option {i}\n" for i in range(101))),
         message="options: 101 entries, over the limit of 100",
         line=after_line("^status:", 102), kinds=("evaluation",)),
    Case("too-many-vendors", append("".join(f"- id: v{i}\n  name: V{i}\n" for i in range(498))),
         message="vendors: 501 entries, over the limit of 500", line=after(995),
         kinds=("evaluation",)),
    # rubric.lock.yaml (checked with `checklist summary`; problems point at the pin)
    Case("edited-by-hand", sub(r"^title: .*$", "title: Edited rubric"), message="edited",
         kinds=("lock",)),
    # ratings/ana.yaml (checked with `checklist summary`; `rate` must refuse and keep it)
    Case("unknown-key", sub(r"score: 3$", "scroe: 3"), message="did you mean 'score'",
         line=line_of("score: 3$"), kinds=("ratings",)),
    Case("wrong-type", sub(r"score: 3$", "score: high"), message="whole number",
         line=line_of("score: 3$"), kinds=("ratings",)),
    Case("score-outside-scale", sub(r"score: 3$", "score: 9"), message="scale",
         line=line_of("score: 3$"), kinds=("ratings",)),
    Case("two-values", sub(r"^(\s+)score: 3$", r"\1score: 3\n\1answer: yes"), message="one of",
         kinds=("ratings",)),
    Case("unknown-choice", sub(r"choice: preview$", "choice: gone"), message="gone",
         line=line_of("choice: preview$"), kinds=("ratings",)),
    Case("answers-a-list", sub(r"^answers:\n(?:[ ].*\n)+", "answers:\n- acme\n"),
         message="mapping", kinds=("ratings",)),
    Case("missing-rater", sub(r"^rater: .*\n", ""), message="rater", kinds=("ratings",)),
    Case("bad-grade", sub(r"grade: third-party", "grade: trust-me"), message="not allowed",
         kinds=("ratings",)),
    Case("bad-timestamp", sub(r"^(\s+)at: .*$", r"\1at: someday"), message="time",
         kinds=("ratings",)),
    Case("note-too-long", sub(r"note: ana on who-ran", "note: " + "n" * 20_001),
         message="too long", kinds=("ratings",)),
    Case("too-many-evidence-items", sub(r"^(\s+)evidence:\n", r"\1evidence:\n" + "".join(
        f"\\1- url: https://example.com/{i}\n" for i in range(101)), count=1),
         message="evidence: 102 entries, over the limit of 100",
         line=after_line(r"^\s+evidence:$", 101), kinds=("ratings",)),
    # config.yaml (read by load_config; the CLI tolerates a broken one)
    Case("unknown-key", append("rubric_path: [x]\n"), message="did you mean 'rubric_paths'",
         line=after(1), kinds=("config",)),
    Case("wrong-type", sub(r"^recent:\n(?:  .*\n)+", "recent: 3\n"), message="list",
         line=line_of("^recent:"), kinds=("config",)),
]


def cases(kind: str) -> list[Case]:
    """Every case for one kind of file."""
    return [c for c in (*GENERIC, *EMPTY, *SPECIFIC) if kind in c.kinds]


def hostile_eval_files(kind: str) -> str:
    """The file inside an evaluation folder that a kind of case writes to."""
    return {"evaluation": "evaluation.yaml", "lock": "rubric.lock.yaml",
            "ratings": "ratings/ana.yaml"}[kind]


def write_case(path: Path, valid: bytes, case: Case) -> bytes:
    """Writes the hostile variant of `valid` to `path`; returns the bytes written."""
    data = case.make(valid)
    path.write_bytes(data)
    if case.sparse:
        os.truncate(path, case.sparse)
    return data


#: A config file with every key set, the valid baseline for the config cases.
VALID_CONFIG = b"""# checklist user settings
rater: Ana
theme: dark
recent:
  - /tmp/evaluations/video-2026
keymap:
  next: j
rubric_paths:
  - team-rubrics
template_paths: []
"""
