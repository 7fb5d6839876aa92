"""The app in a real Chromium: the map renders offline, a click on Raqqa fills the panel,
the export downloads, panning and zooming do not rerun the script, and no request leaves
127.0.0.1.

Runs ``streamlit run app.py -- --corpus ../shared/seeds`` on a free port. Needs Debian's
``/usr/bin/chromium`` and the PyPI package ``playwright`` (no ``playwright install``).
A screenshot is saved to ``test-artifacts/``.
"""
from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Iterator

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
MAP_IFRAME = 'iframe[title*="streamlit_folium"]'
RUNS = re.compile(r"debug: script runs = (\d+)")

pytestmark = pytest.mark.browser


def _unavailable(message: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_healthy(url: str, proc: subprocess.Popen, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}:\n{proc.stdout.read()}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"streamlit did not answer on {url} within {timeout:.0f} s")


@pytest.fixture(scope="module")
def server(shared) -> Iterator[str]:
    """The app on 127.0.0.1:<free port>, opened on the seeds, counting its script runs."""
    from geo.assets import AssetError, assets_present, ensure_assets

    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is missing (apt-get install chromium)")
    if not assets_present():
        try:  # test set-up, not app run time: fill static/vendor once (npm registry)
            ensure_assets()
        except AssetError as err:
            _unavailable(f"map assets missing and could not be fetched: {err}")
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
         "--", "--corpus", "../shared/seeds", "--debug-runs"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        _wait_healthy(url, proc)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture()
def browser_page():
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
        page = context.new_page()
        page.set_default_timeout(20_000)
        try:
            yield context, page
        finally:
            context.close()
            browser.close()


def _script_runs(page) -> int:
    match = RUNS.search(page.locator("section[data-testid='stSidebar']").inner_text())
    assert match, "the app was started with --debug-runs but shows no run counter"
    return int(match.group(1))


def _make_clickable(page, target) -> None:
    """Zoom in with the mouse wheel over ``target`` until nothing covers its centre."""
    for _ in range(6):
        try:
            target.click(trial=True, timeout=1500)  # actionability only: is it the hit target?
            return
        except Exception:  # noqa: BLE001 - Playwright raises TimeoutError when it is covered
            box = target.bounding_box()
            page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
            page.mouse.wheel(0, -400)
            page.wait_for_timeout(700)
    target.click(trial=True, timeout=3000)


def test_map_click_panel_export_offline(server, browser_page):
    context, page = browser_page
    requests: list[str] = []
    failures: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    context.on("requestfailed", lambda r: failures.append(f"failed {r.url}"))
    context.on("response", lambda r: failures.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    started = time.monotonic()

    page.goto(server)
    page.wait_for_selector(MAP_IFRAME, state="attached", timeout=60_000)
    frame = page.frame_locator(MAP_IFRAME)
    raqqa = frame.locator(".geo-place.geo-name-raqqa").first
    raqqa.wait_for(state="visible", timeout=60_000)
    assert frame.locator(".leaflet-overlay-pane path.geo-zone").count() > 0  # zones are drawn too
    assert frame.locator(".geo-legend").is_visible()

    # panning and zooming the map must not rerun the script
    page.wait_for_timeout(1000)
    runs = _script_runs(page)
    _make_clickable(page, raqqa)
    box = frame.locator(".leaflet-container").bounding_box()
    page.mouse.move(box["x"] + 60, box["y"] + box["height"] - 60)
    page.mouse.down()
    page.mouse.move(box["x"] + 90, box["y"] + box["height"] - 80, steps=5)
    page.mouse.up()
    page.wait_for_timeout(1000)  # st_folium debounces map events by 250 ms
    assert _script_runs(page) == runs, "a pan or zoom reran the script"

    # a click on Raqqa lists its claims, with the source sentence and the place marked
    _make_clickable(page, raqqa)
    raqqa.click()
    page.get_by_role("heading", name="Raqqa").wait_for(timeout=20_000)
    quote = page.locator("blockquote", has=page.locator("mark", has_text=re.compile("Raqq", re.I))).first
    quote.wait_for()
    sentence = quote.inner_text()
    assert len(sentence) > 30 and re.search("raqq", sentence, re.I)
    assert _script_runs(page) == runs + 1  # exactly one rerun for the click

    # the export downloads and parses
    with page.expect_download() as info:
        page.get_by_role("button", name=re.compile(r"^GeoJSON")).click()
    exported = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert exported["type"] == "FeatureCollection" and exported["features"]
    assert any(f["properties"].get("name") == "Raqqa" for f in exported["features"])

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "browser-raqqa.png"))

    host = server.rstrip("/")
    external = [u for u in requests if not u.startswith((host + "/", "data:", "blob:", "about:"))]
    assert external == [], f"requests left 127.0.0.1: {external}"
    assert failures == [], f"failed requests: {failures}"
    assert time.monotonic() - started < 60


def test_standalone_map_download_works_offline(server, browser_page, tmp_path):
    context, page = browser_page
    page.goto(server)
    page.wait_for_selector(MAP_IFRAME, state="attached", timeout=60_000)
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name=re.compile(r"Standalone map")).click()
    shared_file = tmp_path / "map.html"
    info.value.save_as(shared_file)
    text = shared_file.read_text(encoding="utf-8")
    assert len(text) > 100_000  # the vendored scripts and styles are inside
    assert "/app/static" not in text and "127.0.0.1" not in text  # nothing points back at the app
    assert "layers.png" not in text and "url(\"data:image/png;base64," in text  # leaflet's images inlined

    # A page of its own, listened to on its own: the app page, still open in this context,
    # may go on loading its map images from the app (same origin, allowed there).
    standalone = context.new_page()
    requests: list[str] = []
    standalone.on("request", lambda r: requests.append(r.url))
    standalone.goto(shared_file.as_uri())
    standalone.locator(".geo-place.geo-name-raqqa").first.wait_for(state="visible", timeout=20_000)
    assert standalone.locator(".geo-legend").is_visible()
    standalone.locator(".leaflet-control-layers").hover()  # shows the layer control (its icon is inlined)
    standalone.wait_for_timeout(300)
    assert [u for u in requests if not u.startswith(("file:", "data:", "about:"))] == []
