"""What kind of output a file is (text, image, audio, video), from its extension, and how
large each kind may be.

The extension decides: a judge's screen shows text in the terminal and media in the browser,
and a team names its files anyway. Files over their kind's limit are refused before they are
read or served, so a stray 40 GB render cannot stall a judging session.
"""

from __future__ import annotations

from typing import Literal

Kind = Literal["text", "image", "audio", "video"]

#: Extension (lower-case, with the dot) -> (kind, media type sent to a browser).
EXTENSIONS: dict[str, tuple[Kind, str]] = {
    ".txt": ("text", "text/plain"),
    ".md": ("text", "text/markdown"),
    ".markdown": ("text", "text/markdown"),
    ".png": ("image", "image/png"),
    ".jpg": ("image", "image/jpeg"),
    ".jpeg": ("image", "image/jpeg"),
    ".webp": ("image", "image/webp"),
    ".gif": ("image", "image/gif"),
    ".mp3": ("audio", "audio/mpeg"),
    ".wav": ("audio", "audio/wav"),
    ".ogg": ("audio", "audio/ogg"),
    ".m4a": ("audio", "audio/mp4"),
    ".flac": ("audio", "audio/flac"),
    ".mp4": ("video", "video/mp4"),
    ".webm": ("video", "video/webm"),
    ".mov": ("video", "video/quicktime"),
}

MiB = 1024 * 1024
#: Largest file of each kind. Text is shown in full in a terminal; the media limits sit far
#: above a 1080p clip of a minute (~100 MiB) and far below what would stall a browser.
MAX_BYTES: dict[Kind, int] = {
    "text": 1 * MiB,
    "image": 50 * MiB,
    "audio": 200 * MiB,
    "video": 1024 * MiB,
}


def kind_of(name: str) -> Kind | None:
    """The kind of output a file name is, or None for an extension the bake-off does not show."""
    found = EXTENSIONS.get(_suffix(name))
    return found[0] if found else None


def media_type(name: str) -> str:
    found = EXTENSIONS.get(_suffix(name))
    return found[1] if found else "application/octet-stream"


def known_extensions() -> str:
    return ", ".join(sorted(EXTENSIONS))


def size_limit_text(kind: Kind) -> str:
    return f"{MAX_BYTES[kind] // MiB:,} MiB"


def _suffix(name: str) -> str:
    dot = name.rfind(".")
    return name[dot:].lower() if dot > 0 else ""
