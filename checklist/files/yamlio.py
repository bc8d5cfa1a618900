"""Safe YAML in and out, with the positions that make errors point at a line.

The public entry: reading and its limits are in `yaml_read`, turning nodes into data with
positions in `yaml_build`, writing in `yaml_write`.
"""

from __future__ import annotations

from pathlib import Path

from checklist.files.yaml_build import YamlBuilder, YamlDoc, shorten
from checklist.files.yaml_read import (
    MAX_DEPTH,
    article,
    compose,
    decode,
    gc_paused,
    max_bytes,
    nesting_bound,
    read_bytes,
)
from checklist.files.yaml_write import dump_yaml, plain

__all__ = [
    "MAX_DEPTH",
    "YamlDoc",
    "article",
    "decode",
    "dump_yaml",
    "gc_paused",
    "max_bytes",
    "nesting_bound",
    "parse_yaml",
    "plain",
    "read_bytes",
    "read_yaml",
    "read_yaml_bytes",
    "shorten",
]


def parse_yaml(text: str, path: str) -> YamlDoc:
    """Parses one YAML document; every failure is a ChecklistError with a position."""
    with gc_paused():
        root = compose(text, path)
        if root is None:
            return YamlDoc(path, None, None)
        return YamlDoc(path, YamlBuilder(path).build(root), root)


def read_yaml(path: Path, *, what: str = "file") -> YamlDoc:
    return read_yaml_bytes(path, what=what)[1]


def read_yaml_bytes(path: Path, *, what: str = "file") -> tuple[bytes, YamlDoc]:
    """The file's bytes and their document, from one read: for a caller that will later
    replace the file only if it still holds these bytes (`checklist.files.transaction`)."""
    data = read_bytes(path, what=what)
    return data, parse_yaml(decode(data, str(path)), str(path))
