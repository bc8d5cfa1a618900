"""`checklist bakeoff serve` as a process: where it listens, what it refuses, what every
response says about a file, and stopping with Ctrl+C. Plain HTTP from the standard library;
the page itself is tested in a browser (test_browser.py)."""

from __future__ import annotations

import socket
import urllib.error
import urllib.request
from pathlib import Path

from hostile.util import run_cli

from checklist.web.server import is_loopback
from web.web_support import Server, make_media_bakeoff


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


OPENER = urllib.request.build_opener(NoRedirect)


def fetch(url: str, headers: dict[str, str] | None = None, data: bytes | None = None
          ) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers or {}, data=data)
    try:
        with OPENER.open(request, timeout=120) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, \
                response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def output_ids(made_folder: Path) -> list[str]:
    import yaml

    plan = yaml.safe_load((made_folder / "bakeoff" / "plan.yaml").read_text())
    return list(plan["outputs"])


def no_traceback(err: str) -> None:
    assert "Traceback" not in err and "internal error" not in err


def test_a_port_in_use_is_a_clear_error(tmp_path: Path) -> None:
    made = make_media_bakeoff(tmp_path, ("image",))
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_cli("bakeoff", "serve", made.folder, "--rater", "ana", "--port", str(port))
    assert result.code == 2
    assert f"port {port}" in result.stderr and "in use" in result.stderr
    assert "--port" in result.stderr
    assert "http://" not in result.stdout  # nothing claimed to be served
    no_traceback(result.stderr)


def test_only_loopback_unless_allow_remote(tmp_path: Path) -> None:
    made = make_media_bakeoff(tmp_path, ("image",))
    for host in ("0.0.0.0", "::", "192.0.2.1"):
        result = run_cli("bakeoff", "serve", made.folder, "--rater", "ana", "--host", host)
        assert result.code == 2, host
        assert "--allow-remote" in result.stderr and "TLS" in result.stderr
        no_traceback(result.stderr)
    # allowed, but not an address of this machine: said before anything listens
    result = run_cli("bakeoff", "serve", made.folder, "--rater", "ana", "--host", "192.0.2.1",
                     "--allow-remote")
    assert result.code == 2 and "--host 192.0.2.1" in result.stderr
    assert "not an address of this machine" in result.stderr
    no_traceback(result.stderr)
    helped = run_cli("bakeoff", "serve", "--help")
    assert helped.code == 0
    text = " ".join(helped.stdout.split())
    assert "--allow-remote" in text and "no TLS" in text and "token" in text
    assert all(is_loopback(h) for h in ("127.0.0.1", "127.0.0.2", "localhost", "::1", "[::1]"))
    assert not any(is_loopback(h) for h in ("0.0.0.0", "::", "192.168.1.2"))
    assert is_loopback("example.org") is None  # a name: not known to be loopback


def test_ctrl_c_stops_cleanly_and_votes_are_kept(tmp_path: Path) -> None:
    made = make_media_bakeoff(tmp_path, ("image",), vendors=3)
    server = Server(made.folder)
    assert server.url.startswith("http://127.0.0.1:")
    status, headers, _ = fetch(server.url)
    cookie = headers["set-cookie"].split(";")[0]
    status, _, body = fetch(server.origin + "/", {"Cookie": cookie})
    comparison = body.decode().split('name="comparison" value="')[1].split('"')[0]
    status, headers, _ = fetch(server.origin + "/vote", {
        "Cookie": cookie, "Origin": server.origin,
        "Content-Type": "application/x-www-form-urlencoded"},
        f"comparison={comparison}&verdict=tie&note=hi".encode())
    assert status == 303 and headers["location"] == "/?notice=voted"
    code, out, err = server.stop()
    assert code == 0
    assert "stopped: 1 of 3 judged" in out
    no_traceback(err)
    assert "verdict: tie" in (made.bakeoff / "votes" / "ana.yaml").read_text()


def test_what_responses_say_and_refuse(tmp_path: Path) -> None:
    made = make_media_bakeoff(tmp_path, ("image",))
    with Server(made.folder) as server:
        origin = server.origin
        # no token, a wrong token, a wrong cookie: 403, and the body names nothing
        for headers in ({}, {"Cookie": "judge_1=x"}):
            status, _, body = fetch(origin + "/", headers)
            assert status == 403 and b"token" in body
        assert fetch(origin + "/?token=" + server.token[:-1] + "x")[0] == 403
        status, headers, _ = fetch(server.url)
        assert status == 200
        cookie = headers["set-cookie"].split(";")[0]
        assert {"httponly", "samesite=strict"} <= {
            p.strip().lower() for p in headers["set-cookie"].split(";")}
        assert "default-src 'none'" in headers["content-security-policy"]
        assert "unsafe-inline" not in headers["content-security-policy"]
        auth = {"Cookie": cookie}

        # media by opaque id: a range, no name, no date, no ETag, never cached
        media = f"{origin}/media/{output_ids(made.folder)[0]}"
        status, headers, body = fetch(media, {**auth, "Range": "bytes=0-7"})
        assert status == 206 and body == b"\x89PNG\r\n\x1a\n"
        assert headers["content-range"].startswith("bytes 0-7/")
        assert headers["content-disposition"] == "inline"
        assert headers["cache-control"] == "no-store"
        assert headers["content-type"] == "image/png"
        assert not {"last-modified", "etag", "server"} & set(headers)
        # an If-Range the server never gave (it gives no validators) gets the whole file
        status, headers, body = fetch(media, {**auth, "Range": "bytes=0-7",
                                              "If-Range": '"anything"'})
        assert status == 200 and len(body) == int(headers["content-length"]) > 8
        # ids that are not in this rater's share, and paths, are plain 404s
        for path in ("/media/o0000000000", "/media/..%2Fplan.yaml", "/input/nope",
                     "/static/../app.py"):
            status, _, body = fetch(origin + path, auth)
            assert status == 404, path
            assert b"quokka" not in body.lower()

        # POSTs from another origin (another local port is "same-site"), or not a form
        vote = {**auth, "Content-Type": "application/x-www-form-urlencoded"}
        form = b"comparison=c0001&verdict=left"
        assert fetch(origin + "/vote", {**vote, "Origin": "http://127.0.0.1:1"}, form)[0] == 403
        assert fetch(origin + "/vote", {**vote, "Sec-Fetch-Site": "same-site"}, form)[0] == 403
        status, headers, _ = fetch(origin + "/vote", {**auth, "Content-Type": "text/plain"},
                                   form)
        assert status == 303 and headers["location"] == "/?notice=bad-request"
        status, headers, _ = fetch(origin + "/vote", vote, b"x" * 70_000)
        assert headers["location"] == "/?notice=bad-request"
        # a Host that is not this machine's loopback name (DNS rebinding)
        assert fetch(server.url, {"Host": f"attacker.example:{origin.rsplit(':', 1)[1]}"}
                     )[0] == 403
        assert not (made.bakeoff / "votes" / "ana.yaml").exists()


def test_vanished_files_give_plain_errors_and_the_terminal_says_what(tmp_path: Path) -> None:
    made = make_media_bakeoff(tmp_path, ("text", "image"))
    with Server(made.folder) as server:
        status, headers, _ = fetch(server.url)
        auth = {"Cookie": headers["set-cookie"].split(";")[0]}
        for output in (made.bakeoff / "outputs").rglob("*.*"):
            output.unlink()
        # a text output is read for the page: the page says "see the terminal"
        status, _, body = fetch(server.origin + "/", auth)
        assert status == 500 and b"terminal" in body
        # a media file is streamed by id: 404
        for output in output_ids(made.folder):
            status, _, body = fetch(f"{server.origin}/media/{output}", auth)
            assert status == 404
            bodies = body.lower()
            assert not any(s.lower().encode() in bodies for s in made.secrets)
        code, _, err = server.stop()
    assert code == 0
    # the details went to the terminal, with the path to restore
    assert "image-prompt.png is gone" in err and "text-prompt.txt" in err
    no_traceback(err)


def test_no_plan_or_no_share_is_an_error_before_listening(tmp_path: Path) -> None:
    made = make_media_bakeoff(tmp_path, ("image",))
    result = run_cli("bakeoff", "serve", made.folder, "--rater", "zed")
    assert result.code == 2 and "zed" in result.stderr
    assert "http://" not in result.stdout
    no_traceback(result.stderr)
