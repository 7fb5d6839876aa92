"""The app in a real Chromium: the map renders offline, a click on Raqqa fills the panel,
the export downloads, panning and zooming do not rerun the script, and no request leaves
127.0.0.1. The map reads at a glance: names on the main places, no marker on another, the
legend over no marker, territory visible and clickable at the first zoom; a filter keeps the
zoom; a reset removes uploads.

Runs ``streamlit run app.py -- --corpus ../shared/seeds`` on a free port. Needs Debian's
``/usr/bin/chromium`` and the PyPI package ``playwright`` (no ``playwright install``).
A screenshot of each state is saved to ``test-artifacts/`` (git-ignored).
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
from contextlib import contextmanager
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


def require_browser_and_assets() -> None:
    """Skip (fail in CI) without Chromium; fill static/vendor first if needed (test set-up, not
    app run time: npm registry)."""
    from geo.assets import AssetError, assets_present, ensure_assets

    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is missing (apt-get install chromium)")
    if not assets_present():
        try:
            ensure_assets()
        except AssetError as err:
            _unavailable(f"map assets missing and could not be fetched: {err}")


@contextmanager
def running_app(*app_args: str) -> Iterator[str]:
    """The app on 127.0.0.1:<free port> with ``app_args`` after ``--``; its URL while it runs.

    Skips (fails in CI) when Chromium is missing; fills static/vendor first if needed (test
    set-up, not app run time: npm registry).
    """
    require_browser_and_assets()
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
         "--", *app_args],
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


@pytest.fixture(scope="module")
def server(shared) -> Iterator[str]:
    """The app opened on the seeds, counting its script runs."""
    with running_app("--corpus", "../shared/seeds", "--debug-runs") as url:
        yield url


@pytest.fixture()
def browser_page():
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True)
        page = context.new_page()
        page.set_default_timeout(20_000)
        try:
            yield context, page
        finally:
            context.close()
            browser.close()


_SIDEBAR_OPEN = """() => { const r = document.querySelector("section[data-testid='stSidebar']").getBoundingClientRect();
    return r.width > 150 && r.left >= 0; }"""


def open_sidebar(page) -> None:
    """Unfold the sidebar (filters, uploads, exports): the app opens with it folded, the map first."""
    if not page.evaluate(_SIDEBAR_OPEN):
        page.locator("[data-testid='stExpandSidebarButton']").click()
        page.wait_for_function(_SIDEBAR_OPEN)
        page.wait_for_timeout(400)


def _script_runs(page) -> int:
    """The run counter of the whole page: a session's first run draws the map alone and the page
    runs again at once for the rest ("Read a document" is in that run)."""
    page.get_by_role("heading", name="Read a document").wait_for(timeout=60_000)
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
    open_sidebar(page)
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
    open_sidebar(page)
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


# --------------------------------------------------------------------------- reading the map


def _map_frame(page):
    """The map's iframe as a Playwright Frame (for evaluating script in it)."""
    return page.wait_for_selector(MAP_IFRAME, state="attached", timeout=60_000).content_frame()


def _settled_map(page):
    """The map's frame once its names are drawn and it is the only map frame: streamlit may still
    mount the new frame beside the stale one for a moment (fresh-clone CI: two frames, the stale
    one of width -1), so the wait reads the last frame, then waits for the stale one to go."""
    page.frame_locator(MAP_IFRAME).last.locator(".geo-label").first.wait_for(state="visible", timeout=60_000)
    page.wait_for_function(f"() => document.querySelectorAll('{MAP_IFRAME}').length === 1", timeout=60_000)
    return page.frame_locator(MAP_IFRAME)


def _wait_map_ready(page):
    frame = _settled_map(page)
    page.get_by_role("heading", name="Read a document").wait_for(timeout=60_000)  # the run after the map's
    page.wait_for_timeout(500)
    return frame


def _boxes(locator) -> list[dict]:
    return [b for b in (locator.nth(i).bounding_box() for i in range(locator.count())) if b]


def _overlap(a: dict, b: dict) -> bool:
    return (a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"]
            and a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"])


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


# A point inside ``path`` where the path itself is what a click would hit (nothing drawn over it).
_FREE_POINT = """(path) => {
    const box = path.getBoundingClientRect();
    for (let fy = 0.5; fy < 1; fy += 0.07) for (const sy of [1, -1]) for (let fx = 0.5; fx < 1; fx += 0.07)
        for (const sx of [1, -1]) {
            const x = box.left + box.width * (0.5 + sx * (fx - 0.5)), y = box.top + box.height * (0.5 + sy * (fy - 0.5));
            if (document.elementFromPoint(x, y) === path) return {x, y};
        }
    return null;
}"""


def test_the_map_reads_at_a_glance(server, browser_page):
    """Default view: names on the main places, territory visible, the legend over no marker,
    and a zone that a click opens."""
    _, page = browser_page
    page.goto(server)
    frame = _wait_map_ready(page)
    container = frame.locator(".leaflet-container").bounding_box()

    labels = set(_map_frame(page).evaluate(  # the name, without the event glyphs after it
        "() => Array.from(document.querySelectorAll('.geo-label')).map(e => e.firstChild.textContent)"))
    assert {"Raqqa", "Tabqa", "Abu Kamal", "Deir ez-Zor"} <= labels
    label_boxes = _boxes(frame.locator(".geo-label"))
    assert not any(_overlap(a, b) for i, a in enumerate(label_boxes) for b in label_boxes[i + 1:])  # decluttered

    # no marker lies under another: every place marker centre is a free hit target of its own
    markers = frame.locator(".leaflet-marker-pane .geo-place, .leaflet-overlay-pane path.geo-place")
    assert markers.count() >= 10
    shown = _boxes(markers)
    for i, a in enumerate(shown):  # co-located places (Tabqa Dam under Tabqa) are moved apart
        for b in shown[i + 1:]:
            dx = (a["x"] + a["width"] / 2) - (b["x"] + b["width"] / 2)
            dy = (a["y"] + a["height"] / 2) - (b["y"] + b["height"] / 2)
            assert (dx * dx + dy * dy) ** 0.5 >= 0.8 * (a["width"] + b["width"]) / 2, "a marker lies on another"
    legend = frame.locator(".geo-legend").bounding_box()
    for box in shown:
        if _overlap(box, container):
            assert not _overlap(box, legend), "the legend covers a place marker"

    # territory reads as territory: zones several markers wide, striped disputed ground on top
    zone_boxes = _boxes(frame.locator("path.geo-zone"))
    assert zone_boxes and max(b["width"] * b["height"] for b in zone_boxes) > 40 * 40
    assert frame.locator("path.geo-zone-disputed").count() > 0
    fill = frame.locator("path.geo-zone-disputed").first.get_attribute("fill")
    assert fill.startswith("url(#geo-hatch-")
    _shot(page, "map-default")

    # a zone is clickable at the default zoom, and the panel lists its claims
    map_frame = _map_frame(page)
    iframe_box = page.locator(MAP_IFRAME).bounding_box()
    for i in range(frame.locator("path.geo-zone").count()):
        point = map_frame.locator("path.geo-zone").nth(i).evaluate(_FREE_POINT)
        if point:
            break
    assert point, "no zone can be clicked at the default zoom"
    started = time.monotonic()
    page.mouse.click(iframe_box["x"] + point["x"], iframe_box["y"] + point["y"])
    page.get_by_role("heading", name=re.compile(r"^Zone claimed for ")).wait_for(timeout=20_000)
    page.locator("blockquote").first.wait_for(timeout=10_000)
    assert time.monotonic() - started < 10
    _shot(page, "zone-clicked")


def test_a_filter_keeps_the_zoom_and_centre(server, browser_page):
    _, page = browser_page
    page.goto(server)
    frame = _wait_map_ready(page)
    frame.locator(".leaflet-control-zoom-in").click()
    page.wait_for_timeout(600)
    frame.locator(".leaflet-control-zoom-in").click()
    page.wait_for_timeout(1000)
    before = _map_frame(page).evaluate("() => [window.map.getZoom(), window.map.getCenter().lat, window.map.getCenter().lng]")
    runs = _script_runs(page)

    open_sidebar(page)
    relation = page.locator("section[data-testid='stSidebar'] [data-testid='stMultiSelect']").nth(1)
    relation.click()
    page.get_by_role("option", name="control").click()
    page.keyboard.press("Escape")
    page.wait_for_function(f"() => /debug: script runs = {runs + 1}\\b/.test(document.body.innerText)")
    page.wait_for_timeout(2500)  # the map component redraws
    frame = _wait_map_ready(page)
    after = _map_frame(page).evaluate("() => [window.map.getZoom(), window.map.getCenter().lat, window.map.getCenter().lng]")
    assert after[0] == before[0], f"zoom {before[0]} -> {after[0]} after a filter change"
    assert abs(after[1] - before[1]) < 0.01 and abs(after[2] - before[2]) < 0.01
    assert page.get_by_text("claims shown").count() > 0
    _shot(page, "filter-kept-zoom")


def test_reset_removes_uploads(server, browser_page, tmp_path):
    _, page = browser_page
    page.goto(server)
    _wait_map_ready(page)
    open_sidebar(page)
    sidebar = page.locator("section[data-testid='stSidebar']")
    sidebar.get_by_text(re.compile(r"^5 documents")).wait_for()
    upload = tmp_path / "uploaded-note.txt"
    upload.write_text("The SDF said it holds Tabqa airport.", encoding="utf-8")
    sidebar.locator("input[type=file]").set_input_files(str(upload))
    sidebar.get_by_text(re.compile(r"^6 documents")).wait_for(timeout=30_000)
    assert sidebar.get_by_text("uploaded-note.txt").count() > 0
    _shot(page, "upload-added")

    sidebar.get_by_role("button", name="Reset to the starting documents").click()
    sidebar.get_by_text(re.compile(r"^5 documents")).wait_for(timeout=30_000)
    page.wait_for_timeout(1500)
    assert sidebar.get_by_text("uploaded-note.txt").count() == 0
    assert sidebar.get_by_text(re.compile(r"^5 documents")).count() == 1
    _shot(page, "upload-reset")
