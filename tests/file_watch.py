"""Did anything open this file? Asked of the kernel (Linux inotify), so it sees every process
and every language: Python's open, io.open and pathlib alike, a rendering subprocess, or
typst's Rust code. A spy on `builtins.open` sees none of these except the first."""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import struct
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

IN_ACCESS = 0x001
IN_OPEN = 0x020
IN_NONBLOCK = 0o4000
_EVENT = struct.Struct("iIII")


class Watch:
    def __init__(self, fd: int) -> None:
        self.fd = fd

    def events(self) -> int:
        """How many open or read events arrived since the last call."""
        count = 0
        while True:
            try:
                data = os.read(self.fd, 65536)
            except BlockingIOError:
                return count
            offset = 0
            while offset < len(data):
                _, _, _, length = _EVENT.unpack_from(data, offset)
                offset += _EVENT.size + length
                count += 1


@contextlib.contextmanager
def watch_opens(path: Path) -> Iterator[Watch]:
    """Watches `path` for opens and reads; proves the watch works before handing it over."""
    if not sys.platform.startswith("linux"):
        pytest.skip("inotify is Linux only")
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    fd = libc.inotify_init1(IN_NONBLOCK)
    if fd < 0:
        pytest.skip("inotify is not available here")
    try:
        if libc.inotify_add_watch(fd, os.fsencode(path), IN_OPEN | IN_ACCESS) < 0:
            pytest.skip("cannot watch the file")
        watch = Watch(fd)
        path.read_bytes()  # the watch must see this, or it would pass vacuously
        assert watch.events() > 0, "inotify saw no event for a read: the watch is not working"
        yield watch
    finally:
        os.close(fd)
