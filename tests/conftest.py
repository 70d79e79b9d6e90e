"""Shared fixtures. Tests make no network calls; browser tests use Debian's
Chromium (/usr/bin/chromium) through Playwright and block every request that
is not a file:// URL."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_cf37cdb565ddf28d.txt"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def browser():
    """A headless Chromium, or a skip with the reason when it is not installed."""
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed (apt-get install -y chromium); .ci/run installs it")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install '.[test]')")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-quic"])
        yield b
        b.close()


@pytest.fixture
def offline_page(browser):
    """Open a file in a page with every non-file request blocked; collects JS errors and blocked URLs."""
    pages = []

    def open_file(path: Path):
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.errors = []
        page.blocked = []
        page.on("pageerror", lambda e: page.errors.append(str(e)))
        page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)

        def route(r):
            if r.request.url.startswith("file:") or r.request.url.startswith("data:"):
                r.continue_()
            else:
                page.blocked.append(r.request.url)
                r.abort()

        page.route("**/*", route)
        page.goto(path.resolve().as_uri())
        page.wait_for_timeout(500)
        pages.append(page)
        return page

    yield open_file
    for p in pages:
        p.close()
