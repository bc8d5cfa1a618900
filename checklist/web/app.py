"""The judging page's app: one factory (`make_app`) used by `serve` and by the tests.

Routes (every one behind `guard.GuardMiddleware`):

    GET  /                  the next comparison, or the done page
    POST /vote              comparison, verdict, reasons, note -> Judge.vote, then back to /
    POST /undo              Judge.undo, then back to /
    GET  /media/<output id> an output's bytes (Range), by opaque id only
    GET  /input/<prompt id> a prompt's input asset
    GET  /static/<name>     the page's script and style sheet

Forms post back and redirect (post/redirect/get), so a reload never votes twice and the
page works without its script; the script adds the keys and the video sync.
"""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path
from urllib.parse import parse_qs

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from checklist.bakeoff.model import VERDICTS, Verdict
from checklist.errors import ChecklistError
from checklist.web import pages
from checklist.web.guard import Guard, GuardMiddleware
from checklist.web.media import file_response
from checklist.web.session import JudgingSession

#: A vote form is a comparison id, a verdict, up to 30 short tags and a 2,000-character
#: note: 64 KiB is far above it and bounds what a request can make the server hold.
MAX_FORM_BYTES = 64 * 1024

STATIC = {
    "judge.js": "text/javascript; charset=utf-8",
    "judge.css": "text/css; charset=utf-8",
}


def make_app(session: JudgingSession, guard: Guard) -> Starlette:
    static = {name: (resources.files("checklist.web").joinpath("static", name).read_bytes(),
                     media_type) for name, media_type in STATIC.items()}

    def page(request: Request) -> Response:
        notice = request.query_params.get("notice")
        trial, progress = session.current()
        if trial is None:
            return HTMLResponse(pages.done_page(progress, session.rater, notice))
        return HTMLResponse(pages.trial_page(trial, session.rater, session.reasons, notice))

    async def vote(request: Request) -> Response:
        form = await _form(request)
        if form is None:
            return _back("bad-request")
        comparison = _one(form, "comparison")
        verdict = _one(form, "verdict")
        if comparison is None or verdict not in VERDICTS:
            return _back("bad-request")
        chosen: Verdict = verdict  # type: ignore[assignment]  # checked against VERDICTS
        try:
            await run_in_threadpool(session.vote, comparison, chosen, form.get("reasons", []),
                                    _one(form, "note") or "")
        except (ChecklistError, ValueError) as exc:  # ValueError: pydantic's, a bad note
            _tell_terminal("the vote was not recorded", exc)
            return _back("refused")
        return _back("voted")

    def undo(request: Request) -> Response:
        try:
            undone = session.undo()
        except ChecklistError as exc:
            _tell_terminal("nothing was undone", exc)
            return _back("refused")
        return _back("undone" if undone else "nothing-to-undo")

    def media(request: Request) -> Response:
        output = request.path_params["output_id"]
        return _served(session.output_file(output), f"output {output}")

    def input_asset(request: Request) -> Response:
        prompt = request.path_params["prompt_id"]
        return _served(session.input_file(prompt), f"the input of prompt {prompt}")

    def static_file(request: Request) -> Response:
        found = static.get(request.path_params["name"])
        if found is None:
            return _not_found()
        return Response(found[0], media_type=found[1])

    def checklist_error(request: Request, exc: Exception) -> Response:
        _tell_terminal("the page could not be shown", exc)
        return HTMLResponse(pages.error_page(), status_code=500)

    routes = [
        Route("/", page, methods=["GET"]),
        Route("/vote", vote, methods=["POST"]),
        Route("/undo", undo, methods=["POST"]),
        Route("/media/{output_id}", media, methods=["GET"]),
        Route("/input/{prompt_id}", input_asset, methods=["GET"]),
        Route("/static/{name}", static_file, methods=["GET"]),
        # browsers ask for it unbidden; "no content" keeps their consoles quiet
        Route("/favicon.ico", lambda request: Response(status_code=204), methods=["GET"]),
    ]
    app = Starlette(routes=routes, exception_handlers={ChecklistError: checklist_error})
    app.add_middleware(GuardMiddleware, guard=guard)
    return app


async def _form(request: Request) -> dict[str, list[str]] | None:
    """The url-encoded form, or None when it is too large or not a form. (Starlette's own
    form parser needs python-multipart; a url-encoded body is what the page sends, and the
    standard library parses it.)"""
    kind = request.headers.get("content-type", "").split(";")[0].strip()
    if kind != "application/x-www-form-urlencoded":
        return None
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_FORM_BYTES:
            return None
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return None
    try:
        return parse_qs(text, keep_blank_values=True, max_num_fields=100)
    except ValueError:  # more fields than any vote form has
        return None


def _one(form: dict[str, list[str]], name: str) -> str | None:
    values = form.get(name)
    return values[0] if values and len(values) == 1 else None


def _back(notice: str) -> Response:
    return RedirectResponse(f"/?notice={notice}", status_code=303)


def _served(found: tuple[Path, str] | None, what: str) -> Response:
    """A file by id, or 404; a planned file that vanished is reported in the terminal."""
    if found is None:
        return _not_found()
    response = file_response(found)
    if response is None:
        print(f"bake-off page: {what}: {found[0]} is gone or no longer a file; restore it "
              "(see `checklist bakeoff status`)", file=sys.stderr)
        return _not_found()
    return response


def _not_found() -> Response:
    return PlainTextResponse("404 not found\n", status_code=404)


def _tell_terminal(what: str, exc: Exception) -> None:
    """The details of a problem go to the server's terminal (where the files are), never to
    the browser: a message about the votes file may quote a vendor."""
    print(f"bake-off page: {what}:", file=sys.stderr)
    problems = exc.problems if isinstance(exc, ChecklistError) else [exc]
    for problem in problems:
        print(f"  {problem}", file=sys.stderr)
