"""The browser for the judging page's tests: Debian's chromium, driven by Playwright.

Never `playwright install` (it downloads a browser build; this machine's network is closed):
the system's /usr/bin/chromium, which `.ci/run` installs, with flags that keep it from
reaching for the network. Without chromium or the playwright package, the browser tests
skip and say why.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One chromium per test module. Playwright's sync API keeps an event loop running until
    it stops, and a Pilot test run after it in the same process (`asyncio.run`) would fail:
    module scope stops it before any other folder's tests."""
    if not CHROMIUM.exists():
        found = shutil.which("chromium")
        pytest.skip(f"no chromium at {CHROMIUM} ({'found ' + found if found else 'not installed'}"
                    "); `apt-get install chromium` (.ci/run does) to run the browser tests")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("the playwright package is missing; install the test extra")
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()
    finally:
        playwright.stop()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(60_000)  # a hang guard on a loaded machine, not a speed check
    yield page
    context.close()
