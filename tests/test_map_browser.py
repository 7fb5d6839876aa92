"""The map itself in a real Chromium (the standalone page of the demo corpus, plus one claim about
Tehran): the first view frames the fighting, not the far claim, and "All" reaches it; a wheel notch
zooms one level; the legend names each symbol, never scrolls, covers no marker and folds; a place
nobody holds is an outline, not an actor's colour.

Needs Debian's ``/usr/bin/chromium`` and the PyPI package ``playwright``. Screenshots go to
``test-artifacts/`` (git-ignored).
"""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from tests.test_browser import ARTIFACTS, _boxes, _overlap, browser_page, require_browser_and_assets  # noqa: F401

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def demo_page(tmp_path_factory) -> Path:
    """The standalone map of the demo corpus with a strike on Tehran added (vendored assets inlined)."""
    from geo.aggregate import assemble
    from geo.documents import load_paths
    from geo.mapview import write_map_html
    from geo.model import Place
    from geo.pipeline import analyse

    require_browser_and_assets()
    docs, _ = load_paths([ROOT / "data" / "demo"])
    analysis = analyse(docs)
    tehran = dataclasses.replace(analysis.claims[0], actor="Iran", relation="strike",
                                 place=Place("gn:112931", "Tehran", "capital", 35.694, 51.4215, "IR"))
    analysis = assemble(analysis.documents, analysis.mentions, [*analysis.claims, tehran])
    return write_map_html(analysis, tmp_path_factory.mktemp("map") / "demo.html")


def _open(browser_page, demo_page):
    context, page = browser_page
    page.set_viewport_size({"width": 1000, "height": 700})
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(demo_page.as_uri())
    page.locator(".geo-label").first.wait_for(state="visible", timeout=20_000)
    page.wait_for_timeout(300)
    return page, requests


def _in_view(page, name: str) -> bool:
    box = page.locator(f".geo-place.geo-name-{name}").first.bounding_box()
    size = page.viewport_size
    return bool(box) and 0 <= box["x"] and box["x"] + box["width"] <= size["width"] \
        and 0 <= box["y"] and box["y"] + box["height"] <= size["height"]


def test_the_first_view_frames_the_fighting_and_all_reaches_the_far_claim(browser_page, demo_page):
    page, requests = _open(browser_page, demo_page)
    for name in ("raqqa", "tabqa", "abu-kamal", "deir-ez-zor", "al-tanf", "kobani", "al-qaim"):
        assert _in_view(page, name), f"{name} is outside the first view"
    assert not _in_view(page, "tehran")
    zoom = page.evaluate("() => { for (const k in window) { if (window[k] instanceof L.Map) return window[k].getZoom(); } }")
    assert zoom >= 5.5  # the theatre fills the frame (a Tehran-stretched view was about 5)
    labels = set(page.evaluate("() => Array.from(document.querySelectorAll('.geo-label'))"
                               ".map(e => e.firstChild.textContent)"))
    assert {"Raqqa", "Tabqa", "Abu Kamal"} <= labels
    page.screenshot(path=str(_artifact("map-first-view.png")))

    page.locator(".geo-fit-all").click()
    page.wait_for_timeout(400)
    assert _in_view(page, "tehran") and _in_view(page, "raqqa")
    page.screenshot(path=str(_artifact("map-show-all.png")))
    page.locator(".geo-fit-claims").click()
    page.wait_for_timeout(400)
    assert not _in_view(page, "tehran")
    assert [u for u in requests if not u.startswith(("file:", "data:", "about:"))] == []


def _zoom(page) -> float:
    return page.evaluate("() => { for (const k in window) { if (window[k] instanceof L.Map) return window[k].getZoom(); } }")


def test_one_wheel_notch_zooms_one_level(browser_page, demo_page):
    page, _ = _open(browser_page, demo_page)
    start = _zoom(page)
    page.mouse.move(500, 300)
    page.mouse.wheel(0, -100)  # one notch of a mouse wheel, towards the screen: zoom in
    page.wait_for_timeout(600)
    assert _zoom(page) == start + 1
    page.mouse.wheel(0, -120)  # a notch of another wheel (120 px)
    page.wait_for_timeout(600)
    assert _zoom(page) == start + 2
    page.mouse.wheel(0, 100)
    page.wait_for_timeout(600)
    assert _zoom(page) == start + 1
    for _ in range(5):  # a touchpad: small steps add up to one level per 100 px
        page.mouse.wheel(0, 20)
        page.wait_for_timeout(20)
    page.wait_for_timeout(600)
    assert _zoom(page) == start
    page.locator(".leaflet-control-zoom-in").click()
    page.wait_for_timeout(400)
    assert _zoom(page) == start + 1


def test_the_legend_names_each_symbol_never_scrolls_covers_no_marker_and_folds(browser_page, demo_page):
    page, _ = _open(browser_page, demo_page)
    legend = page.locator(".geo-legend")
    text = legend.inner_text()
    for words in ("held", "claimed, held by nobody", "disputed", "strike", "advance", "corridor", "SDF", "ISIS"):
        assert words in text, words
    metrics = legend.evaluate("e => [e.scrollHeight, e.clientHeight, e.scrollWidth, e.clientWidth]")
    assert metrics[0] <= metrics[1] + 1 and metrics[2] <= metrics[3] + 1, f"the legend scrolls: {metrics}"
    box = legend.bounding_box()
    size = page.viewport_size
    assert box["x"] < size["width"] / 3 and box["y"] + box["height"] > size["height"] - 60  # bottom left (scale under it)
    markers = _boxes(page.locator(".leaflet-marker-pane .geo-place, .leaflet-overlay-pane path.geo-place"))
    assert len(markers) >= 10
    covered = [m for m in markers if _overlap(m, box)]
    assert covered == [], "the legend covers a place marker"
    open_height = box["height"]
    legend.locator("summary").click()
    assert legend.bounding_box()["height"] < open_height / 3  # folded to one line
    legend.locator("summary").click()
    assert legend.bounding_box()["height"] == pytest.approx(open_height, abs=1)


def test_a_place_nobody_holds_is_an_outline_and_a_held_one_is_filled(browser_page, demo_page):
    page, _ = _open(browser_page, demo_page)
    unheld = page.locator("path.geo-is-claimed")
    assert unheld.count() > 0
    for i in range(unheld.count()):
        path = unheld.nth(i)
        assert path.get_attribute("fill") == "#ffffff" and float(path.get_attribute("fill-opacity")) < 0.5
        assert path.get_attribute("stroke") == "#333333"
    held = page.locator("path.geo-is-held")
    assert held.count() > 0 and all(held.nth(i).get_attribute("fill") not in ("#ffffff", None)
                                    and float(held.nth(i).get_attribute("fill-opacity")) > 0.8
                                    for i in range(held.count()))
    striped = page.locator(".geo-disputed.geo-is-disputed > div").first.evaluate(
        "e => getComputedStyle(e).backgroundImage")
    assert "repeating-linear-gradient" in striped
    page.locator(".geo-place.geo-name-raqqa").first.screenshot(path=str(_artifact("map-raqqa-symbol.png")))


def _artifact(name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS / name
