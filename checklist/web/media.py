"""An output's bytes for the browser, by opaque id: what a response may say about the file.

Starlette's `FileResponse` streams the file and answers Range requests (206, one or several
ranges, 416 when unsatisfiable; bounded to 100 ranges since Starlette 1.5.1), which media
players need to seek. It is given no file name, so no `Content-Disposition` names the
file; `inline` says "show it". Its `Last-Modified` and `ETag` come from the file's mtime
and are removed from every response by `guard` (the one place response headers are
decided), with `Cache-Control: no-store`. What cannot be hidden: the size (Content-Length),
the media type, and whatever the file holds (its own metadata, encoder tags).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from starlette.responses import FileResponse, Response


def file_response(found: tuple[Path, str]) -> Response | None:
    """The file's bytes, or None when it is gone or no longer a regular file."""
    path, media_type = found
    try:
        info = os.stat(path)
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    return FileResponse(path, media_type=media_type, stat_result=info,
                        headers={"content-disposition": "inline"})
