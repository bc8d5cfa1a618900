"""The `id` and `version` of a rubric file, read without building the whole document.

`extends: base` needs to know which file on the search path holds `base`. Parsing every
rubric in a folder to find out made validating one small file cost as much as parsing its
largest neighbour (3.8 s beside a 4.7 MB rubric, 0.2 s alone). This reads YAML parse events
from the top of the file and stops as soon as the root mapping has given both keys: for a
rubric written the usual way (id and version first) that is a few lines, whatever follows.

Sound rather than clever: when the top of the file is anything but plain keys with string
values (an alias, a merge key `<<`, a tag, a value YAML reads as a number, a root that is
not a mapping, a syntax error, a file over the size limit), the answer is None and the
library parses the whole file, as it always did. A file whose header is read but which turns
out to be broken when parsed is left out of the library then, as before. Keys further down
cannot change the answer: a second `id` is a duplicate key, which makes the file broken, and
a later `<<` merge never overrides a key written out.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from checklist.errors import ChecklistError
from checklist.files.yamlio import decode, read_bytes

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

_STR = "tag:yaml.org,2002:str"
_RESOLVER = yaml.resolver.Resolver()
_WANTED = ("id", "version")


def read_header(path: Path) -> tuple[str, str] | None:
    """(id, version) from the top of a rubric file, or None when only a full parse can say."""
    try:
        text = decode(read_bytes(path, what="rubric"), str(path))
    except ChecklistError:
        return None
    return header_of(text)


def header_of(text: str) -> tuple[str, str] | None:
    """(id, version) of the root mapping of a YAML text, or None (see the module)."""
    found: dict[str, str] = {}
    depth = 0  # 1 inside the root mapping; more inside a value being skipped
    key: str | None = None  # the root key whose value comes next
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if depth == 0:
                if isinstance(event, yaml.StreamStartEvent | yaml.DocumentStartEvent):
                    continue
                if isinstance(event, yaml.MappingStartEvent) and event.tag is None:
                    depth = 1
                    continue
                return None  # the root is not a plain mapping
            if depth > 1:  # inside the value of a key we do not need
                if isinstance(event, yaml.CollectionStartEvent):
                    depth += 1
                elif isinstance(event, yaml.CollectionEndEvent):
                    depth -= 1
                continue
            if key is None:  # a root key
                key = _text(event)
                if key is None:
                    return None  # end of the mapping, or a key that is not plain text
                continue
            if key in _WANTED:
                value = _text(event)
                if value is None:
                    return None
                found[key] = value
                if len(found) == len(_WANTED):
                    return found["id"], found["version"]
            elif isinstance(event, yaml.CollectionStartEvent):
                depth += 1
            key = None
    except yaml.YAMLError:
        return None
    return None  # pragma: no cover - a stream always ends its root mapping first


def _text(event: yaml.Event) -> str | None:
    """The value of a scalar that the loader builds as a string (as `id` and `version` must
    be, and every key checklist reads), else None."""
    if not isinstance(event, yaml.ScalarEvent):
        return None
    value: str = event.value
    if event.tag == _STR:
        return value
    if event.tag not in (None, "!"):
        return None
    tag = _RESOLVER.resolve(yaml.ScalarNode, value, event.implicit)  # type: ignore[no-untyped-call]
    return value if tag == _STR else None
