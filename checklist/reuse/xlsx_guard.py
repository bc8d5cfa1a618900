"""Checks on a workbook before any XML of it is parsed: it comes from outside (a rater's
laptop, a vendor) and is refused whole when it is not a plain workbook of values.

- its size: `read_bytes` refuses a file over the size limit (`CHECKLIST_MAX_FILE_BYTES`);
- a zip bomb: more than `MAX_PARTS` parts or `MAX_UNZIPPED_BYTES` once unpacked, or more
  than `MAX_SHARED_STRINGS` texts for openpyxl to hold;
- macros (`vbaProject.bin`, any `.bin` part a macro sheet holds) and external links
  (`externalLinks/`): a sheet of answers has no use for either, and refusing them means
  nothing in the file can run or reach out;
- a DTD in any XML part (entity expansion attacks; a workbook never needs one);
- merged cells, found here (each worksheet's `<mergeCell ref=...>`) because openpyxl's
  streaming reader does not report them: a merged range hides which row a value is for.

Each part is read once, in chunks, so a check costs time linear in the unpacked size.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from typing import IO

from checklist.errors import ChecklistError

MAX_PARTS = 2_000
#: 200,000 rows of the ratings export unpack to about 126 MB (18,380 rows: 11.6 MB).
MAX_UNZIPPED_BYTES = 200_000_000
#: openpyxl keeps every shared string in memory: a part of many tiny strings (within the
#: size above) could still ask for gigabytes. A sheet at the row limit needs at most one
#: per cell of 12 columns.
MAX_SHARED_STRINGS = 2_400_000
_CHUNK = 1 << 20
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
_STRING = re.compile(rb"<(?:\w+:)?si[\s>/]")
_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]{0,100}?\bref=\"([A-Za-z]{1,3}[0-9]{1,7}"
                    rb"(?::[A-Za-z]{1,3}[0-9]{1,7})?)\"")
#: What the zip module raises on a damaged archive (a bad header, CRC, compressed stream,
#: or a version or method it does not know).
_BROKEN = (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError, ValueError,
           KeyError, IndexError)
#: Bytes kept from one chunk to the next, so a tag split between chunks is still found.
_OVERLAP = 256


@dataclass
class Checked:
    """What the checks found that the reader reports with a cell: merged ranges by part."""

    archive: zipfile.ZipFile
    merged: dict[str, list[str]] = field(default_factory=dict)


def check_workbook(data: bytes, path: str) -> Checked:
    """The workbook's archive, once every check above has passed; else ChecklistError."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except _BROKEN:
        raise ChecklistError.at(path, "not an XLSX workbook (not a zip archive); save it from "
                                "the spreadsheet program as Excel Workbook (.xlsx)") from None
    if len(infos) > MAX_PARTS:
        raise ChecklistError.at(path, f"{len(infos):,} parts in the archive, over the limit "
                                f"of {MAX_PARTS:,}; save it again as a plain .xlsx workbook")
    names = {i.filename for i in infos}
    if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
        raise ChecklistError.at(path, "not an XLSX workbook (no xl/ part); save it from the "
                                "spreadsheet program as Excel Workbook (.xlsx)")
    for name in sorted(names):
        lowered = name.lower()
        if lowered.endswith(".bin") or "vbaproject" in lowered or "/macrosheets/" in lowered:
            raise ChecklistError.at(path, f"holds macros ({name}); save it as Excel Workbook "
                                    "(.xlsx), not as a macro-enabled workbook")
        if "/externallinks/" in lowered:
            raise ChecklistError.at(path, f"links to other workbooks ({name}); remove the "
                                    "links (Data > Edit Links > Break Link) and save again")
    checked = Checked(archive)
    total = 0
    for info in infos:
        if info.is_dir():
            continue
        try:
            with archive.open(info) as part:
                total = _scan(part, info.filename, checked, total, path)
        except _BROKEN:
            raise ChecklistError.at(path, f"the part {info.filename} cannot be unpacked; save "
                                    "the workbook again") from None
    return checked


def _scan(part: IO[bytes], name: str, checked: Checked,
          total: int, path: str) -> int:
    worksheet = name.startswith("xl/worksheets/") and name.endswith(".xml")
    strings = name.lower().endswith("sharedstrings.xml")
    count = 0
    xml = name.endswith((".xml", ".rels", ".vml"))
    tail = b""
    while True:
        chunk = part.read(_CHUNK)
        if not chunk:
            return total
        total += len(chunk)
        if total > MAX_UNZIPPED_BYTES:
            raise ChecklistError.at(path, f"over {MAX_UNZIPPED_BYTES:,} bytes once unpacked; "
                                    "split the sheet (or it is not a real workbook)")
        if not xml:
            continue
        window = tail + chunk
        if _DOCTYPE.search(window):
            raise ChecklistError.at(path, f"the part {name} declares a DTD, which no workbook "
                                    "needs; save the workbook again from a spreadsheet program")
        if strings:
            count += sum(1 for m in _STRING.finditer(window) if m.end() > len(tail))
            if count > MAX_SHARED_STRINGS:
                raise ChecklistError.at(path, f"over {MAX_SHARED_STRINGS:,} distinct texts in "
                                        f"{name}; split the sheet (or it is not a real "
                                        "workbook)")
        if worksheet:
            for match in _MERGE.finditer(window):
                if match.end() > len(tail):  # not found already in the last window
                    checked.merged.setdefault(name, []).append(match.group(1).decode("ascii"))
        tail = window[-_OVERLAP:]
