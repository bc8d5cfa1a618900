"""`checklist serve` refuses, before anything listens, what would expose the evaluation or
cannot work: each refusal exits 2 with one message naming the flag, and writes nothing."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from checklist.cli import main


def refused(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    capsys.readouterr()
    assert main(list(argv)) == 2
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err and captured.err.strip()
    assert "serving" not in captured.out
    return captured.err


def test_a_host_beyond_this_machine_needs_public_and_says_why(
        tiny_eval: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err = refused(capsys, "serve", str(tiny_eval), "--host", "192.0.2.7")
    assert err.startswith("checklist: --host 192.0.2.7: not a loopback address")
    assert "rate under any name" in err and "--allow-remote" in err and "reverse proxy" in err
    assert not (tiny_eval / "ratings").exists() or not any((tiny_eval / "ratings").iterdir())


def test_every_address_needs_the_address_browsers_use(
        tiny_eval: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err = refused(capsys, "serve", str(tiny_eval), "--host", "0.0.0.0", "--allow-remote")
    assert "--public-url" in err
    err = refused(capsys, "serve", str(tiny_eval), "--public-url", "checklist.example.com")
    assert err.startswith("checklist: --public-url checklist.example.com: give the full")


def test_not_an_evaluation_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err = refused(capsys, "serve", str(tmp_path))
    assert err.startswith(f"{tmp_path}: not an evaluation folder")


def test_a_port_in_use_names_the_flag(tiny_eval: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        err = refused(capsys, "serve", str(tiny_eval), "--port", str(port))
    assert f"port {port} on 127.0.0.1 is in use" in err and "--port" in err


def test_who_may_connect() -> None:
    """The Host must name the served address (DNS rebinding); a browser's Origin must be the
    served page (another site's page could otherwise open a session); the public URL of a
    reverse proxy counts as the served page."""
    from checklist.web.server import bind
    from checklist.web.tui_server import Access

    listener = bind("127.0.0.1", 0, allow_remote=False)
    try:
        here = f"127.0.0.1:{listener.port}"
        local = Access.of(listener, listener.origin)
        assert local.refusal(here, None) is None
        assert local.refusal(f"localhost:{listener.port}", f"http://localhost:{listener.port}") \
            is None
        assert local.refusal(here, f"http://{here}") is None
        assert local.refusal("rebound.example", None) is not None
        assert local.refusal(None, None) is not None
        assert local.refusal(here, "http://evil.example") is not None
        assert local.refusal(here, "null") is not None
        proxied = Access.of(listener, "https://checklist.example.com/")
        assert proxied.refusal("checklist.example.com", "https://checklist.example.com") is None
        assert proxied.refusal(here, "https://checklist.example.com") is None
        assert proxied.refusal("checklist.example.com", "http://checklist.example.com") \
            is not None
    finally:
        listener.sock.close()


def test_only_the_closed_loop_noise_of_finished_sessions_is_dropped_at_shutdown():
    """A session's subprocess transport collected after the loop closed prints a traceback
    ("Event loop is closed") on a Ctrl+C; that one is dropped, anything else still shows."""
    import asyncio.base_subprocess as base
    from types import SimpleNamespace

    from checklist.web.tui_server import _quiet_closed_loop

    def args(exc: BaseException, obj: object) -> SimpleNamespace:  # as sys.unraisablehook gets
        return SimpleNamespace(exc_type=type(exc), exc_value=exc, exc_traceback=None,
                               err_msg=None, object=obj)

    seen: list[object] = []
    hook = _quiet_closed_loop(seen.append)
    noise = RuntimeError("Event loop is closed")
    hook(args(noise, base.BaseSubprocessTransport.__del__))
    assert seen == []
    other = RuntimeError("Event loop is closed")
    hook(args(other, object()))
    real = ValueError("a real bug")
    hook(args(real, base.BaseSubprocessTransport.__del__))
    assert [a.exc_value for a in seen] == [other, real]  # type: ignore[attr-defined]
