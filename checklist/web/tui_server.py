"""`checklist serve`: the terminal UI in a browser, through textual-serve.

textual-serve (aiohttp) serves a page with a terminal emulator; every browser session that
connects to its websocket gets its own app process, started from a shell command line
(`session_command`). This module adds what a served evaluation needs on top:

- the socket is bound first by `checklist.web.server.bind`, so a port in use or a host that
  is not this machine's is a clear error (exit 2), and `--port 0` picks a free port whose
  address is then printed;
- who may connect (`Access`): the Host header must name the address served (a DNS-rebinding
  page is refused), and a browser's websocket must come from the served page itself (its
  `Origin`): any other web page the person has open could otherwise open a session on a
  server bound to 127.0.0.1 and rate as anyone. Requests without an Origin (not a browser)
  pass: anyone who can reach the port can rate as anyone, as the README says;
- the page loads nothing from elsewhere (textual-serve's own template fetches its font from
  Google Fonts, telling a third party who opens it and when);
- textual-serve's banner and log lines are left out; `serve` prints one line with the URL.
"""

from __future__ import annotations

import gc
import logging
import shlex
import sys
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from aiohttp import WSCloseCode, web
from textual_serve.app_service import AppService
from textual_serve.server import Server

from checklist.web.server import Listener

#: The page's template: textual-serve's, less its Google Fonts link (see the file).
PAGE = Path(__file__).resolve().parent / "tui_page"

#: How long Ctrl+C waits for the sessions' apps to save and exit.
SHUTDOWN_SECONDS = 30

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def session_command(folder: Path) -> str:
    """The shell command line that runs the app for one browser session."""
    return shlex.join([sys.executable, "-m", "checklist.cli.serve_session",
                       str(folder.resolve())])


def origin_of(url: str) -> str:
    """'https://checklist.example.com' for 'https://checklist.example.com/rate/'."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


@dataclass(frozen=True)
class Access:
    """Host header values (host:port) and browser origins accepted; `hosts` None: any Host."""

    hosts: frozenset[str] | None
    origins: frozenset[str]

    @classmethod
    def of(cls, listener: Listener, public_url: str) -> Access:
        public = urlsplit(public_url).netloc.lower()
        local = listener.hosts()
        hosts = None if local is None else local | {public}
        origins = {origin_of(public_url)}
        if local is not None:
            origins |= {f"http://{host}" for host in local}
        return cls(hosts, frozenset(origins))

    def refusal(self, host: str | None, origin: str | None) -> str | None:
        """Why a request is refused, or None when it may pass."""
        if self.hosts is not None and (host or "").lower() not in self.hosts:
            return "this server answers only at the address `checklist serve` printed"
        if origin is not None and origin.lower() not in self.origins:
            return "a session can only be opened from the page `checklist serve` printed"
        return None


class TuiServer(Server):
    """textual-serve's server on our bound socket, quiet, behind `Access`."""

    def __init__(self, command: str, listener: Listener, *, title: str,
                 public_url: str | None = None) -> None:
        url = (public_url or listener.origin).rstrip("/")
        super().__init__(command, host=listener.address, port=listener.port, title=title,
                         public_url=url, templates_path=PAGE)
        self.listener = listener
        #: The open browser sessions' websockets.
        self.sessions: set[web.WebSocketResponse] = set()
        self.access = Access.of(listener, url)

    def initialize_logging(self) -> None:
        """Warnings only, on stderr: textual-serve logs every session at INFO."""
        logging.getLogger("textual-serve").setLevel(logging.WARNING)

    async def on_startup(self, app: web.Application) -> None:
        """No banner: `serve` prints the address itself."""

    async def _process_messages(self, websocket: web.WebSocketResponse,
                                app_service: AppService) -> None:
        self.sessions.add(websocket)
        try:
            await super()._process_messages(websocket, app_service)
        finally:
            self.sessions.discard(websocket)

    async def on_shutdown(self, app: web.Application) -> None:
        """Closes every browser session first: its app is then told to quit, saves its
        pending answers and exits, while the server waits for it (`shutdown_timeout`)."""
        for websocket in list(self.sessions):
            await websocket.close(code=WSCloseCode.GOING_AWAY, message=b"server stopped")

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        access = self.access

        @web.middleware
        async def guard(request: web.Request, handler: Handler) -> web.StreamResponse:
            problem = access.refusal(request.headers.get("Host"),
                                     request.headers.get("Origin"))
            if problem is not None:
                raise web.HTTPForbidden(text=f"403 forbidden: {problem}\n")
            return await handler(request)

        app.middlewares.append(guard)
        return app

    def serve(self, debug: bool = False) -> None:
        """Runs until Ctrl+C or SIGTERM; each open session's app is told to quit, which
        saves its pending answers."""
        self.debug = debug
        self.initialize_logging()
        sys.unraisablehook = _quiet_closed_loop(sys.unraisablehook)
        try:
            web.run_app(self._make_app(), sock=self.listener.sock, print=None,
                        handle_signals=True, shutdown_timeout=SHUTDOWN_SECONDS)
        except KeyboardInterrupt:
            pass
        finally:
            self.listener.sock.close()
            gc.collect()  # the sessions' finished subprocess transports, while the hook is set


def _quiet_closed_loop(
        previous: Callable[[sys.UnraisableHookArgs], object],
) -> Callable[[sys.UnraisableHookArgs], None]:
    """Drops one known piece of shutdown noise: a session's subprocess transport collected
    after the event loop closed raises "Event loop is closed" from its `__del__` (a CPython
    asyncio wart; the session process has already exited and saved). Anything else goes on to
    the previous hook."""
    def hook(args: sys.UnraisableHookArgs) -> None:
        if (isinstance(args.exc_value, RuntimeError) and "Event loop is closed"
                in str(args.exc_value) and "SubprocessTransport" in repr(args.object)):
            return
        previous(args)

    return hook
