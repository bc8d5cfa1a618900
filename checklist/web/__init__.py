"""The local judging page for media outputs: `checklist bakeoff serve DIR --rater NAME`.

The only package importing the web stack (Starlette, uvicorn; `tests/test_layering.py`).
It shows one rater's blind comparisons from `checklist.bakeoff.judge.Judge` and records
every vote through it; the rules (the queue, what is blind, the vote format) live there.

- `server`: binds the port (loopback unless `--allow-remote`), prints the URL, runs uvicorn;
- `app`: the one app factory, its routes;
- `guard`: the per-session token (URL once, then an HttpOnly SameSite=Strict cookie), the
  host and origin checks, and the headers every response carries (CSP, no-store);
- `pages`: the HTML, escaped at one choke point (markupsafe);
- `media`: outputs streamed by opaque id, with Range, and no name, date or ETag;
- `static/`: the page's script and style sheet (no CDN, no inline script).
"""
