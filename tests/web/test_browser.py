"""The judging page in a real headless browser (Debian's chromium through Playwright), served
by `checklist bakeoff serve` in a subprocess, exactly as a judge uses it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from web.web_support import MediaBakeoff, Server, have_av, make_media_bakeoff


def votes_of(made: MediaBakeoff, rater: str = "ana") -> list[dict[str, Any]]:
    path = made.bakeoff / "votes" / f"{rater}.yaml"
    if not path.exists():
        return []
    return list(yaml.safe_load(path.read_text(encoding="utf-8"))["votes"])


def plan_of(made: MediaBakeoff) -> dict[str, Any]:
    return dict(yaml.safe_load((made.bakeoff / "plan.yaml").read_text(encoding="utf-8")))


def progress(page: Any) -> str:
    return str(page.inner_text("#progress"))


def watch_errors(page: Any) -> list[str]:
    """Console errors (a CSP violation, a failed load) and uncaught script errors."""
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return errors


def press_and_wait(page: Any, key: str) -> None:
    """Presses a key that posts a form, and waits for the page it leads to."""
    with page.expect_navigation():
        page.keyboard.press(key)


def test_page_opens_with_its_token_only(browser: Any, page: Any, tmp_path: Path) -> None:
    made = make_media_bakeoff(tmp_path, ("image",))
    with Server(made.folder) as server:
        response = page.goto(server.origin + "/")
        assert response.status == 403
        assert "token" in page.inner_text("body")
        assert page.goto(server.origin + "/?token=not-the-token").status == 403

        response = page.goto(server.url)
        assert response.status == 200
        assert progress(page) == "0 of 1"
        # text from the files is text: the prompt's <b> is shown, not obeyed
        assert page.inner_text(".prompt-text") == 'Show a <b>image</b> & "quote"'
        assert page.locator(".prompt-text b").count() == 0
        page.wait_for_function("() => !location.search")  # the script drops the token from the URL
        cookies = page.context.cookies()
        assert [(c["httpOnly"], c["sameSite"]) for c in cookies] == [(True, "Strict")]
        assert cookies[0]["value"] == server.token
        # from now on the cookie carries the token: a reload works
        assert page.reload().status == 200

        other = browser.new_context()  # another browser profile: no cookie, no token
        try:
            assert other.new_page().goto(server.origin + "/").status == 403
        finally:
            other.close()


def test_video_and_image_pairs_load_and_videos_play_in_sync(page: Any, tmp_path: Path) -> None:
    if not have_av():
        pytest.skip("PyAV (the test extra's `av`) is missing: no tiny video can be made")
    made = make_media_bakeoff(tmp_path, ("video", "image"))
    seen = set()
    errors = watch_errors(page)
    with Server(made.folder) as server:
        page.goto(server.url)
        for _ in range(2):
            kinds = page.eval_on_selector_all(
                ".side", "sides => sides.map(s => s.querySelector('video, img').tagName)")
            assert kinds in (["VIDEO", "VIDEO"], ["IMG", "IMG"])
            boxes = [page.locator(f"#side-{s} {kinds[0].lower()}").bounding_box() for s in "ab"]
            assert boxes[0]["width"] == boxes[1]["width"] > 100   # same size, side by side
            assert boxes[0]["height"] == boxes[1]["height"] > 100
            assert boxes[0]["x"] < boxes[1]["x"]                 # A left, B right
            if kinds[0] == "IMG":
                page.wait_for_function("() => [...document.querySelectorAll('.side img')]"
                                       ".every(i => i.complete && i.naturalWidth === 48)")
            else:
                check_videos(page)
            seen.add(kinds[0])
            press_and_wait(page, "a")
        assert seen == {"VIDEO", "IMG"}
        assert page.locator("main.done").is_visible()
    assert errors == []  # no CSP violation, no failed load, no script error


def check_videos(page: Any) -> None:
    videos = "[...document.querySelectorAll('video.synced')]"
    # both decoded and playing on their own (muted, looped), started together
    page.wait_for_function(f"() => {videos}.every(v => v.videoWidth === 64 && !v.paused && "
                           "v.currentTime > 0.3)")
    state = page.evaluate(f"{videos}.map(v => [v.muted, v.loop, v.controls])")
    assert state == [[True, True, False], [True, True, False]]
    gap = page.evaluate(f"(() => {{ const [a, b] = {videos}; "
                        "return Math.abs(a.currentTime - b.currentTime); })()")
    assert gap < 0.3
    # one control pauses both ...
    page.keyboard.press(" ")
    page.wait_for_function(f"() => {videos}.every(v => v.paused)")
    # ... seeking moves both together ...
    page.eval_on_selector("#seek", "s => { s.value = '500'; "
                          "s.dispatchEvent(new Event('input')); }")
    page.wait_for_function(f"() => {videos}.every(v => Math.abs(v.currentTime - 1.0) < 0.15)")
    # ... and plays both again, still together
    page.click("#play")
    page.wait_for_function(f"() => {videos}.every(v => !v.paused && v.currentTime > 1.2)")
    gap = page.evaluate(f"(() => {{ const [a, b] = {videos}; "
                        "return Math.abs(a.currentTime - b.currentTime); })()")
    assert gap < 0.3
    # sound: off, then A only, then B only
    page.keyboard.press("m")
    assert page.evaluate(f"{videos}.map(v => v.muted)") == [False, True]
    page.keyboard.press("m")
    assert page.evaluate(f"{videos}.map(v => v.muted)") == [True, False]


def test_keys_record_votes_with_mapping_and_sides_and_u_undoes(page: Any,
                                                                tmp_path: Path) -> None:
    made = make_media_bakeoff(tmp_path, ("image", "text"), vendors=3)
    plan = plan_of(made)
    reasons = yaml.safe_load((made.bakeoff / "bakeoff.yaml").read_text())["reasons"]
    errors = watch_errors(page)
    with Server(made.folder) as server:
        page.goto(server.url)
        assert progress(page) == "0 of 6"
        shown = []
        # a reason (key 2) and a note (n, type, Esc), then A better with the a key
        shown.append(page.input_value("input[name=comparison]"))
        page.keyboard.press("2")
        page.keyboard.press("n")
        page.keyboard.type("sharper; a b t x u typed in the note vote nothing")
        page.keyboard.press("Escape")
        assert votes_of(made) == []
        press_and_wait(page, "a")
        for key in ("ArrowRight", "t", "x"):
            shown.append(page.input_value("input[name=comparison]"))
            press_and_wait(page, key)
        assert progress(page) == "4 of 6"

        votes = votes_of(made)
        assert [v["comparison"] for v in votes] == shown
        assert [v["verdict"] for v in votes] == ["left", "right", "tie", "both-unusable"]
        assert votes[0]["reasons"] == [reasons[1]]
        assert votes[0]["note"] == "sharper; a b t x u typed in the note vote nothing"
        comparisons = {c["id"]: c for c in plan["comparisons"]}
        for vote in votes:  # the hidden mapping and the sides, as the plan showed them
            planned = comparisons[vote["comparison"]]
            assert (vote["left_output"], vote["right_output"]) == (planned["left"],
                                                                   planned["right"])
            assert vote["left_vendor"] == plan["outputs"][planned["left"]]["vendor"]
            assert vote["right_vendor"] == plan["outputs"][planned["right"]]["vendor"]
            assert vote["prompt"] == planned["prompt"]

        # u takes back the last vote, and the page shows that comparison again
        press_and_wait(page, "u")
        assert [v["comparison"] for v in votes_of(made)] == shown[:3]
        assert progress(page) == "3 of 6"
        assert page.input_value("input[name=comparison]") == shown[3]
        assert "taken back" in page.inner_text(".notice")
        press_and_wait(page, "b")
        assert [v["verdict"] for v in votes_of(made)] == ["left", "right", "tie", "right"]
        # clicking works as well as keys
        with page.expect_navigation():
            page.click("button[value=tie]")
        assert progress(page) == "5 of 6"
    assert errors == []


def test_nothing_identifying_reaches_the_browser(browser: Any, tmp_path: Path) -> None:
    """Everything the browser sent and received while judging a whole share (every kind of
    output, an input asset, reasons, a note, an undo, a refused stale vote, the done page,
    a 403): no vendor name or id, no output path or file name, no file date anywhere."""
    kinds = ("video", "image", "audio", "text") if have_av() else ("image", "audio", "text")
    made = make_media_bakeoff(tmp_path, kinds, vendors=3, with_input=True)
    received: list[tuple[str, str]] = []  # (what, text)
    headers_seen: list[dict[str, str]] = []
    unreadable: list[str] = []

    def on_response(response: Any) -> None:
        headers = response.all_headers()
        headers_seen.append(headers)
        received.append((f"response {response.url}", f"{response.status} {headers}"))
        try:
            body = response.body()
        except Exception:  # media streamed in ranges, redirects: fetched again below
            unreadable.append(response.url)
            return
        received.append((f"body of {response.url}", body.decode("latin-1")))

    def on_request(request: Any) -> None:
        received.append((f"request {request.url}",
                         f"{request.all_headers()} {request.post_data or ''}"))

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.on("response", on_response)
    page.on("request", on_request)
    try:
        with Server(made.folder) as server:
            assert page.goto(server.origin + "/").status == 403  # the refusal page too
            page.goto(server.url)
            stale = context.new_page()  # a second window, soon out of date
            stale.on("response", on_response)
            stale.goto(server.origin + "/")
            keys = ["a", "ArrowRight", "t", "x", "b", "ArrowLeft"]
            for number in range(13):  # 12 comparisons, one vote undone and cast again
                received.append((f"page {number}", page.content()))
                if number == 1:
                    page.keyboard.press("1")
                    page.keyboard.press("n")
                    page.keyboard.type("a note")
                    page.keyboard.press("Escape")
                if number == 3:
                    press_and_wait(page, "u")
                    received.append(("after undo", page.content()))
                press_and_wait(page, keys[number % len(keys)])
            with stale.expect_navigation():
                stale.keyboard.press("a")  # its comparison was judged in the other window
            assert "not recorded" in stale.inner_text(".notice")
            received.append(("refused page", stale.content()))
            received.append(("done page", page.content()))
            assert page.locator("main.done").is_visible()
            for url in unreadable:  # what the server sends for those URLs, in full
                if "/media/" in url or "/input/" in url:
                    again = context.request.get(url)
                    headers_seen.append(again.headers)
                    received.append((f"refetched {url}", again.body().decode("latin-1")))
            received.append(("cookies", str(context.cookies())))
            code, _, err = server.stop()
        assert code == 0 and "Traceback" not in err
    finally:
        context.close()

    assert len(votes_of(made)) == 12
    text = "\n".join(f"{what}\n{body}" for what, body in received).lower()
    forbidden = [s.lower() for s in made.secrets]
    forbidden += ["quokka", "marmot", "wombat", str(made.folder).lower(), "outputs/"]
    leaks = [s for s in forbidden if s in text]
    assert leaks == [], f"vendor-identifying text reached the browser: {leaks}"
    assert any("/media/o" in what for what, _ in received)  # media were checked at all
    for headers in headers_seen:
        assert "last-modified" not in headers and "etag" not in headers
        assert "filename" not in headers.get("content-disposition", "")
