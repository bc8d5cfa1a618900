"""`checklist bakeoff serve`: listen on loopback, print the URL with its token, run uvicorn.

The socket is bound here, before uvicorn starts, so a port in use or a host that is not this
machine's is a clear error (exit 2) naming `--port` or `--host`, not a log line. A host
other than loopback is refused unless `--allow-remote` says the user means it: the page is
plain HTTP, so the token and the outputs would cross the network unencrypted.

Ctrl+C: uvicorn shuts down gracefully (closing connections, waiting at most a few seconds
for a stream), then re-raises the interrupt; `serve` returns normally after it.
"""

from __future__ import annotations

import errno
import ipaddress
import socket
import sys
from collections.abc import Callable
from dataclasses import dataclass

from checklist.errors import ChecklistError

LOOPBACK_NAMES = ("localhost",)
#: Seconds uvicorn waits for open responses (a video stream) after Ctrl+C.
GRACEFUL_SECONDS = 3


@dataclass(frozen=True)
class Listener:
    sock: socket.socket
    host: str  # as given (for messages)
    address: str  # the numeric address bound
    port: int
    loopback: bool

    def url(self, token: str) -> str:
        return f"{self.origin}/?token={token}"

    @property
    def origin(self) -> str:
        shown = "127.0.0.1" if self.address == "0.0.0.0" else self.address
        if ":" in shown:
            shown = f"[{shown}]"
        return f"http://{shown}:{self.port}"

    def hosts(self) -> frozenset[str] | None:
        """The Host header values a browser sends for this listener (None: any)."""
        if not self.loopback:
            return None
        names = {"127.0.0.1", "localhost", "[::1]", self.address, f"[{self.address}]"}
        return frozenset(f"{name}:{self.port}" for name in names)


def is_loopback(host: str) -> bool | None:
    """Whether `host` names this machine only; None when it is not an address or localhost."""
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return None


def bind(host: str, port: int, *, allow_remote: bool) -> Listener:
    """A listening socket on host:port, or a ChecklistError saying what to do."""
    if not 0 <= port <= 65535:
        raise ChecklistError.plain(f"--port {port}: give a port from 1 to 65535 (0: any free "
                                   "port)")
    loopback = is_loopback(host)
    if not loopback and not allow_remote:
        raise ChecklistError.plain(
            f"--host {host}: not a loopback address; the page is plain HTTP (no TLS), so its "
            "token and the outputs would cross the network readable by anyone on the way. "
            "Leave --host out (127.0.0.1), or add --allow-remote if you accept that")
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host.strip("[]"), port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)[0]
    except socket.gaierror:
        raise ChecklistError.plain(f"--host {host}: no such host; give an address of this "
                                   "machine, such as 127.0.0.1") from None
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(128)
    except OSError as exc:
        sock.close()
        raise _bind_error(exc, host, port) from None
    bound = sock.getsockname()
    return Listener(sock, host, str(bound[0]), int(bound[1]), bool(loopback))


def _bind_error(exc: OSError, host: str, port: int) -> ChecklistError:
    if exc.errno == errno.EADDRINUSE:
        return ChecklistError.plain(
            f"port {port} on {host} is in use (another program, or another checklist "
            "server); stop it, or choose another port with --port N (--port 0 picks a free one)")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return ChecklistError.plain(f"port {port}: permission denied (ports below 1024 need "
                                    "privileges); choose another with --port N")
    if exc.errno == errno.EADDRNOTAVAIL:
        return ChecklistError.plain(f"--host {host}: not an address of this machine; leave "
                                    "--host out to use 127.0.0.1")
    return ChecklistError.plain(f"cannot listen on {host} port {port}: "
                                f"{exc.strerror or exc}; try another --port or --host")


def serve(listener: Listener, app: object, *, on_ready: Callable[[], None] | None = None) -> None:
    """Runs the app on the bound socket until Ctrl+C (or SIGTERM)."""
    import uvicorn

    config = uvicorn.Config(
        app,  # type: ignore[arg-type]
        log_config=None,  # no uvicorn log lines (they would print URLs and ids)
        log_level="warning",
        access_log=False,
        server_header=False,
        lifespan="off",
        timeout_graceful_shutdown=GRACEFUL_SECONDS,
    )
    server = uvicorn.Server(config)
    if on_ready is not None:
        on_ready()
    try:
        server.run(sockets=[listener.sock])
    except KeyboardInterrupt:
        pass  # uvicorn shut down gracefully, then re-raised Ctrl+C
    finally:
        listener.sock.close()
    sys.stdout.flush()
